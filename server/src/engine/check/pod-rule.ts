// The shape every pod-template rule shares: it runs on each workload kind that has a pod spec
// (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...) and reads that spec.
import { containersOf, podSpecKinds, podSpecOf, type ContainerAt, type PodSpecAt } from '../k8s/workload';
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

/**
 * A pod rule that judges each container on its own: `check` runs on the regular containers, then the
 * init containers (the order Kubernetes validates them in), and their findings come in that order.
 */
export function containerRule(meta: RuleMeta, check: (ctx: ManifestContext, container: ContainerAt, pod: PodSpecAt) => RuleFinding[]): Rule {
  return podRule(meta, (ctx, pod) => containersOf(pod).flatMap((container) => check(ctx, container, pod)));
}
