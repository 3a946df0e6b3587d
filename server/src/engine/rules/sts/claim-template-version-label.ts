// sts/claim-template-version-label: claim template labels that change with every chart or app
// release. Claim templates are immutable once the StatefulSet exists, so the next upgrade that
// changes the label fails (weaviate-helm#218, Mailu/helm-charts#513).
import { claimTemplatesOf, isStatefulSet } from '../../k8s/statefulset';
import { isReleaseVersionLabel, statefulSetSpecForbidden } from '../../k8s/labels';
import { removePair } from '../../edit/remove';
import { isObject } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import type { TextEditData, RuleFinding } from '../../types';

/**
 * The message for version labels in claim template `claim` (also used for chart templates, engine/helm):
 * `value` is the literal value of a single label, `via` says what prints them (`include "x.labels"`).
 */
export function claimTemplateVersionLabelMessage(claim: string, labels: string[], value?: string, via?: string): string {
  const names = labels.length === 0 ? 'labels' : labels.length === 1 ? `the label ${labels[0]}${value === undefined ? '' : `: ${JSON.stringify(value)}`}` : `the labels ${labels.join(', ')}`;
  const subject = via ? `${via} gives claim template ${claim} ${labels.length === 0 ? 'labels from .Chart.Version or .Chart.AppVersion' : names}` : `Claim template ${claim} has ${names}`;
  return `${subject}, which ${labels.length === 1 ? 'changes' : 'change'} with every chart or app version; `
    + `claim templates cannot be changed once the StatefulSet exists, so the next upgrade fails ("${statefulSetSpecForbidden}"). `
    + 'Remove the label from the claim template (keep it on the pod template and the StatefulSet).';
}

export const stsClaimTemplateVersionLabel: Rule = {
  id: 'sts/claim-template-version-label',
  defaultSeverity: 'warning',
  description: 'A claim template label that changes with every chart or app version (helm.sh/chart, app.kubernetes.io/version): the next upgrade fails, claim templates being immutable.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest)) return [];
    const findings: RuleFinding[] = [];
    for (const claim of claimTemplatesOf(manifest)) {
      const metadata = claim.template.metadata;
      const labels = isObject(metadata) && isObject(metadata.labels) ? metadata.labels : undefined;
      if (!labels) continue;
      const versioned = Object.keys(labels).filter((key) => isReleaseVersionLabel(key, labels[key]));
      if (versioned.length === 0) continue;
      const labelsPath = [...claim.path, 'metadata', 'labels'];
      const all = versioned.length === Object.keys(labels).length;
      const whole = all ? removePair(manifest, labelsPath) : undefined;
      const edits = whole ? [whole] : versioned.map((key) => removePair(manifest, [...labelsPath, key])).filter((edit): edit is TextEditData => edit !== undefined);
      const name = claim.name ? JSON.stringify(claim.name) : `volumeClaimTemplates[${claim.index}]`;
      const fixes = edits.length === (whole ? 1 : versioned.length)
        ? [{ title: `Remove the version label${versioned.length > 1 ? 's' : ''} from claim template ${name}`, edits, preferred: true }]
        : [];
      for (const key of versioned) {
        const value = labels[key];
        findings.push({
          ...ctx.keySpan([...labelsPath, key]),
          message: claimTemplateVersionLabelMessage(name, [key], typeof value === 'string' ? value : undefined),
          fixes,
        });
      }
    }
    return findings;
  },
};
