import { isStatefulSet, podSpecPath } from '../../k8s/statefulset';
import { removePair } from '../../edit/remove';
import { get } from '../../model/manifest';
import type { Rule } from '../../check/rule';

const path = [...podSpecPath, 'activeDeadlineSeconds'];

/** activeDeadlineSeconds would kill the pods after a time: forbidden for StatefulSets. */
export const stsActiveDeadline: Rule = {
  id: 'sts/active-deadline',
  defaultSeverity: 'error',
  description: 'The pod template sets activeDeadlineSeconds, which a StatefulSet does not support.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest) || get(manifest.value, ...path) === undefined) return [];
    const remove = removePair(manifest, path);
    return [{
      ...ctx.keySpan(path),
      message: 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported: '
        + 'it is for pods that run to completion. Remove it.',
      fixes: remove ? [{ title: 'Remove activeDeadlineSeconds', edits: [remove], safe: true, preferred: true }] : [],
    }];
  },
};
