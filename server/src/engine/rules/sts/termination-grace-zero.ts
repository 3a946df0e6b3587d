import { isStatefulSet, podSpecPath } from '../../k8s/statefulset';
import { removePair } from '../../edit/remove';
import { replaceRaw } from '../../edit/replace';
import { get } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import type { FixData } from '../../types';

const path = [...podSpecPath, 'terminationGracePeriodSeconds'];

/** 0 allows forced deletion (two pods with one identity); negative values are treated as 1. */
export const stsTerminationGraceZero: Rule = {
  id: 'sts/termination-grace-zero',
  defaultSeverity: 'warning',
  description: 'terminationGracePeriodSeconds is 0 or negative: pods can be force-deleted while still running.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    const value = get(manifest.value, ...path);
    if (!isStatefulSet(manifest) || typeof value !== 'number' || value > 0) return [];
    const fixes: FixData[] = [];
    const set = replaceRaw(manifest, path, '30');
    if (set) fixes.push({ title: 'Set terminationGracePeriodSeconds to 30 (the Kubernetes default)', edits: [set], preferred: true });
    const remove = removePair(manifest, path);
    if (remove) fixes.push({ title: 'Remove terminationGracePeriodSeconds (defaults to 30)', edits: [remove] });
    const why = value === 0
      ? 'with 0 a pod is deleted without waiting for it to stop, so the replacement pod can run beside it with the same identity and storage, which StatefulSets exist to prevent'
      : 'must be >= 0; negative values are invalid and will be treated as 1';
    return [{
      ...ctx.valueSpan(path),
      message: `spec.template.spec.terminationGracePeriodSeconds: ${value}: ${why}. Give the pods time to shut down (the default is 30 seconds).`,
      fixes,
    }];
  },
};
