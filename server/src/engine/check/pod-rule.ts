// The shape every pod-template rule shares: it runs on each workload kind that has a pod spec
// (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...) and reads that spec.
import { podSpecKinds, podSpecOf, type PodSpecAt } from '../k8s/workload';
import type { ManifestContext, Rule, RuleMeta } from './rule';
import type { RuleFinding } from '../types';

export function podRule(meta: RuleMeta, check: (ctx: ManifestContext, pod: PodSpecAt) => RuleFinding[]): Rule {
  return {
    ...meta,
    scope: 'manifest',
    kinds: [...podSpecKinds],
    check(ctx) {
      const pod = podSpecOf(ctx.manifest);
      return pod ? check(ctx, pod) : [];
    },
  };
}
