// The orders the StatefulSet controller follows (creation, scale down, deletion, rolling update) and
// what the PVC retention policy does. Sources: the StatefulSet concept page ("Deployment and Scaling
// Guarantees", "Pod Management Policies", "Rolling Updates", "Partitioned rolling updates",
// "PersistentVolumeClaim retention") and the controller (stateful_set_control.go: the partition is
// compared with the pod's position ordinal - start, kubernetes/kubernetes#128529; maxUnavailable is
// rounded down and at least 1, getStatefulSetMaxUnavailable).
import { versionAtLeast } from '../k8s/version';
import { get, isObject } from '../model/manifest';
import type { Orders, Retention, RetentionPolicy, StepOrder, UpdateOrder } from '../../protocol/identities';

export interface OrderInput {
  name: string;
  start: number;
  replicas: number;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  version: string;
}

/**
 * The pods `first` .. `first + count - 1` as `web-0 → web-1 → web-2`, in ascending or descending order;
 * long runs show their ends: `web-0 → web-1 → … → web-9`.
 */
export function chain(name: string, first: number, count: number, descending: boolean, separator = ' → '): string {
  const at = (index: number): string => `${name}-${descending ? first + count - 1 - index : first + index}`;
  if (count <= 4) return Array.from({ length: count }, (_, index) => at(index)).join(separator);
  return [at(0), at(1), '…', at(count - 1)].join(separator);
}

function maxUnavailableOf(raw: unknown, replicas: number, version: string): number {
  if (!versionAtLeast(version, '1.35') || raw === undefined) return 1;
  let value: number | undefined;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) value = raw;
  const percent = typeof raw === 'string' ? /^([0-9]+)%$/.exec(raw) : null;
  if (percent) value = Math.floor((Number(percent[1]) * replicas) / 100);
  return value === undefined ? 1 : Math.max(1, value);
}

export function ordersOf(spec: Record<string, unknown>, input: OrderInput): Orders {
  const { name, start, replicas, podManagementPolicy, updateStrategy } = input;
  const parallel = podManagementPolicy === 'Parallel';
  const label = name || '<name>';
  const none = replicas === 0 ? 'No pods (replicas is 0).' : undefined;
  const creation: StepOrder = {
    direction: 'ascending', parallel,
    summary: none ?? (parallel
      ? `All at once (Parallel): ${chain(label, start, replicas, false, ', ')} start together, without waiting for each other.`
      : `${chain(label, start, replicas, false)}, one at a time: each pod is created only when the one before it is Running and Ready.`),
  };
  const scaleDown: StepOrder = {
    direction: 'descending', parallel,
    summary: none ?? (parallel
      ? 'All at once (Parallel): scaling down still removes the highest ordinals, but terminates them together, without waiting.'
      : `${chain(label, start, replicas, true)}, one at a time: a pod is terminated only when every pod after it is completely shut down.`),
  };
  const deletion = {
    summary: 'Deleting the StatefulSet guarantees no order for its pods; scale it to 0 first for an ordered, graceful shutdown.',
  };

  const rawPartition = get(spec, 'updateStrategy', 'rollingUpdate', 'partition');
  const partition = typeof rawPartition === 'number' && Number.isSafeInteger(rawPartition) && rawPartition > 0 ? rawPartition : 0;
  const rollingUpdate = get(spec, 'updateStrategy', 'rollingUpdate');
  const maxUnavailable = maxUnavailableOf(isObject(rollingUpdate) ? rollingUpdate.maxUnavailable : undefined, replicas, input.version);
  const updatedCount = updateStrategy === 'RollingUpdate' ? Math.max(0, replicas - partition) : 0;
  const unchangedCount = replicas - updatedCount;
  let summary: string;
  if (updateStrategy === 'OnDelete') {
    summary = 'OnDelete: the controller replaces no pod by itself; each pod gets the new template when you delete it.';
  } else if (replicas === 0) {
    summary = 'No pods to update (replicas is 0).';
  } else if (updatedCount === 0) {
    summary = `No pod is updated: partition ${partition} is not below the ${replicas} pods, so the rollout is staged until the partition is lowered.`;
  } else {
    const pace = maxUnavailable > 1
      ? `up to ${maxUnavailable} at a time (maxUnavailable)`
      : 'one at a time: each pod must be Running and Ready before the next is replaced';
    const kept = unchangedCount > 0
      ? ` ${chain(label, start, unchangedCount, false, ', ')} ${unchangedCount === 1 ? 'keeps' : 'keep'} the old template (partition ${partition}).`
      : '';
    summary = `${chain(label, start + partition, updatedCount, true)}, ${pace}.${kept}`;
  }
  const update: UpdateOrder = {
    strategy: updateStrategy,
    partition,
    firstUpdatedOrdinal: updatedCount > 0 ? start + partition : undefined,
    updatedCount,
    unchangedCount,
    maxUnavailable,
    summary,
  };
  return { creation, scaleDown, deletion, update };
}

function policy(value: unknown): RetentionPolicy {
  return value === 'Delete' ? 'Delete' : 'Retain';
}

/** What `persistentVolumeClaimRetentionPolicy` does to the PVCs made from the claim templates. */
export function retentionOf(spec: Record<string, unknown>, hasClaims: boolean, version: string): Retention {
  const raw = spec.persistentVolumeClaimRetentionPolicy;
  const honoured = versionAtLeast(version, '1.27');
  const whenDeleted = honoured ? policy(get(raw, 'whenDeleted')) : 'Retain';
  const whenScaled = honoured ? policy(get(raw, 'whenScaled')) : 'Retain';
  const defaulted = get(raw, 'whenDeleted') === undefined && get(raw, 'whenScaled') === undefined;
  if (!hasClaims) {
    const text = 'No volumeClaimTemplates: the StatefulSet makes no PVCs, so the retention policy has no effect.';
    return { whenDeleted, whenScaled, defaulted, onDelete: text, onScaleDown: text };
  }
  return {
    whenDeleted,
    whenScaled,
    defaulted,
    onDelete: whenDeleted === 'Delete'
      ? 'whenDeleted: Delete: deleting the StatefulSet deletes its PVCs once their pods are gone (the volumes then follow the reclaim policy).'
      : 'whenDeleted: Retain: deleting the StatefulSet keeps every PVC and its data; a StatefulSet of the same name reuses them.',
    onScaleDown: whenScaled === 'Delete'
      ? 'whenScaled: Delete: scaling down deletes the PVCs of the removed pods (the highest ordinals).'
      : 'whenScaled: Retain: scaling down keeps the PVCs of the removed pods; scaling up again reattaches them.',
  };
}
