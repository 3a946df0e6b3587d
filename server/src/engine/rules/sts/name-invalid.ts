import { suggestDnsLabel } from '../../k8s/name-fixes';
import { isStatefulSet } from '../../k8s/statefulset';
import { replaceString } from '../../edit/replace';
import { get } from '../../model/manifest';
import { dnsLabelProblem } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData } from '../../types';
import { schemaReportsAt } from '../../schema/reports-at';

const namePath = ['metadata', 'name'];

/** `metadata.name` must be an RFC 1123 label (API server, since Kubernetes 1.27). */
export const stsNameInvalid: Rule = {
  id: 'sts/name-invalid',
  defaultSeverity: 'error',
  description: 'The StatefulSet name is not an RFC 1123 label (lowercase letters, digits and \'-\', no dots, at most 63 characters).',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    const name = get(manifest.value, ...namePath);
    if (!isStatefulSet(manifest) || typeof name !== 'string' || name === '') return [];
    const problem = dnsLabelProblem(name);
    if (!problem || schemaReportsAt(ctx, namePath)) return [];
    const suggestion = suggestDnsLabel(name);
    const fixes: FixData[] = [];
    const edit = suggestion ? replaceString(manifest, namePath, suggestion) : undefined;
    if (suggestion && edit) fixes.push({ title: `Rename the StatefulSet to ${quote(suggestion)}`, edits: [edit], preferred: true });
    return [{
      ...ctx.valueSpan(namePath),
      message: `metadata.name ${quote(name)}: ${problem}. A StatefulSet name becomes each pod's hostname, so it must be an `
        + "RFC 1123 label (lowercase letters, digits and '-', at most 63 characters). "
        + `${suggestion ? `Rename it, for example to ${quote(suggestion)}.` : 'Rename it.'}`,
      fixes,
    }];
  },
};
