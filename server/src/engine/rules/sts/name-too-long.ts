import { isStatefulSet } from '../../k8s/statefulset';
import { get } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';

/** Longest name whose `<name>-<hash>` controller-revision-hash label (hash: up to 10) fits in 63. */
export const maxStatefulSetName = 52;

/** Names of 53 to 63 characters pass validation but break pod creation (kubernetes issue 64023). */
export const stsNameTooLong: Rule = {
  id: 'sts/name-too-long',
  defaultSeverity: 'warning',
  description: 'The StatefulSet name is longer than 52 characters: the controller-revision-hash label overflows and no pod is created.',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    const name = get(manifest.value, 'metadata', 'name');
    // Above 63 characters the API server rejects the name: that is sts/name-invalid.
    if (!isStatefulSet(manifest) || typeof name !== 'string' || name.length <= maxStatefulSetName || name.length > 63) return [];
    return [{
      ...ctx.valueSpan(['metadata', 'name']),
      message: `metadata.name ${quote(name)} has ${name.length} characters: the controller labels each pod with `
        + `controller-revision-hash "<name>-<hash>" (up to ${name.length + 11} characters here), over the 63 allowed for a label value, `
        + `so pod creation fails (FailedCreate, kubernetes issue 64023). Shorten the name to ${maxStatefulSetName} characters or fewer.`,
    }];
  },
};
