import type { Rule } from '../../check/rule';
import { replaceString } from '../../edit/replace';
import { suggestDnsLabel } from '../../k8s/name-fixes';
import { dnsLabelProblem } from '../../k8s/names';
import { claimTemplatesOf, isStatefulSet, volumeUsesOf } from '../../k8s/statefulset';
import { schemaReportsAt } from '../../schema/reports-at';
import { quote } from '../../text';
import type { FixData, RuleFinding, TextEditData } from '../../types';

/**
 * A claim template's name becomes a volume name in every pod, which must be an RFC 1123 label. (With a
 * valid claim name and set name, the PVC names `<claim>-<set>-<ordinal>` stay far below their limit of
 * 253 characters: 63 + 1 + 63 + 1 + 10.)
 */
export const stsClaimTemplateNameInvalid: Rule = {
  id: 'sts/claim-template-name-invalid',
  defaultSeverity: 'error',
  description: 'A volume claim template name that is not an RFC 1123 label: it is also the name of a volume in every pod.',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest)) return [];
    const findings: RuleFinding[] = [];
    for (const claim of claimTemplatesOf(manifest)) {
      if (!claim.name) continue;
      const path = [...claim.path, 'metadata', 'name'];
      if (schemaReportsAt(ctx, path)) continue;
      const problem = dnsLabelProblem(claim.name);
      if (problem) {
        findings.push({
          ...ctx.valueSpan(path),
          message: `spec.volumeClaimTemplates[${claim.index}].metadata.name ${quote(claim.name)}: ${problem}. The claim template's name is also the `
            + "name of a volume in every pod, which must be an RFC 1123 label (lowercase letters, digits and '-', at most 63 characters), "
            + 'so no pod can be created. Rename the claim template and the volumeMounts that use it.',
          fixes: renameFix(ctx.manifest, claim.name, path),
        });
      }
    }
    return findings;
  },
};

/** Renames the claim template and every volumeMount / volumeDevice that names it. */
function renameFix(manifest: Parameters<typeof replaceString>[0], name: string, path: (string | number)[]): FixData[] {
  const suggestion = suggestDnsLabel(name);
  if (!suggestion) return [];
  const edits = [replaceString(manifest, path, suggestion), ...volumeUsesOf(manifest)
    .filter((use) => use.name === name).map((use) => replaceString(manifest, [...use.path, 'name'], suggestion))];
  if (!edits.every(Boolean)) return [];
  return [{ title: `Rename the claim template to ${quote(suggestion)} (and the mounts that use it)`, edits: edits as TextEditData[], preferred: true }];
}
