// Orders and PVC retention: OrderedReady and Parallel, partitions (counted from ordinals.start),
// OnDelete, maxUnavailable by Kubernetes version, and what whenDeleted/whenScaled do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identitiesOf, sts } from './identities-support';

const updated = (spec: string, version?: string): string[] =>
  identitiesOf(sts(spec), version ? { kubernetesVersion: version } : undefined)[0].pods
    .filter((pod) => pod.updatedByRollingUpdate).map((pod) => pod.name);

describe('identities: orders', () => {
  it('creates one at a time in ascending order and removes in descending order (OrderedReady)', () => {
    const [set] = identitiesOf(sts('replicas: 3\n'));
    assert.equal(set.podManagementPolicy, 'OrderedReady');
    assert.equal(set.orders.creation.direction, 'ascending');
    assert.equal(set.orders.creation.parallel, false);
    assert.match(set.orders.creation.summary, /^web-0 → web-1 → web-2, one at a time/);
    assert.match(set.orders.scaleDown.summary, /^web-2 → web-1 → web-0, one at a time/);
    assert.match(set.orders.update.summary, /^web-2 → web-1 → web-0, one at a time/);
    assert.match(set.orders.deletion.summary, /no order/);
  });

  it('creates and removes all at once with Parallel, but still updates one at a time', () => {
    const [set] = identitiesOf(sts('replicas: 3\npodManagementPolicy: Parallel\n'));
    assert.equal(set.orders.creation.parallel, true);
    assert.match(set.orders.creation.summary, /^All at once \(Parallel\): web-0, web-1, web-2/);
    assert.equal(set.orders.scaleDown.parallel, true);
    assert.match(set.orders.update.summary, /one at a time/);
  });

  it('shortens long orders to their ends', () => {
    const [set] = identitiesOf(sts('replicas: 10\n'));
    assert.match(set.orders.creation.summary, /^web-0 → web-1 → … → web-9,/);
    assert.match(set.orders.scaleDown.summary, /^web-9 → web-8 → … → web-0,/);
  });

  it('updates only the pods at or above the partition', () => {
    assert.deepEqual(updated('replicas: 4\nupdateStrategy:\n  rollingUpdate:\n    partition: 2\n'), ['web-2', 'web-3']);
    const [set] = identitiesOf(sts('replicas: 3\nupdateStrategy:\n  rollingUpdate:\n    partition: 1\n'));
    assert.equal(set.orders.update.partition, 1);
    assert.equal(set.orders.update.firstUpdatedOrdinal, 1);
    assert.deepEqual([set.orders.update.updatedCount, set.orders.update.unchangedCount], [2, 1]);
    assert.match(set.orders.update.summary, /^web-2 → web-1, one at a time.* web-0 keeps the old template \(partition 1\)\.$/);
  });

  it('counts the partition from ordinals.start, as the controller does (kubernetes#128529)', () => {
    const [set] = identitiesOf(sts('replicas: 3\nordinals:\n  start: 5\nupdateStrategy:\n  rollingUpdate:\n    partition: 1\n'));
    assert.deepEqual(set.pods.filter((pod) => pod.updatedByRollingUpdate).map((pod) => pod.name), ['web-6', 'web-7']);
    assert.equal(set.orders.update.firstUpdatedOrdinal, 6);
  });

  it('stages the rollout when the partition is not below replicas', () => {
    assert.deepEqual(updated('replicas: 3\nupdateStrategy:\n  rollingUpdate:\n    partition: 3\n'), []);
    const [set] = identitiesOf(sts('replicas: 3\nupdateStrategy:\n  rollingUpdate:\n    partition: 5\n'));
    assert.match(set.orders.update.summary, /No pod is updated: partition 5/);
    assert.equal(set.orders.update.firstUpdatedOrdinal, undefined);
  });

  it('replaces no pod by itself with OnDelete', () => {
    assert.deepEqual(updated('replicas: 2\nupdateStrategy:\n  type: OnDelete\n'), []);
    const [set] = identitiesOf(sts('updateStrategy:\n  type: OnDelete\n'));
    assert.equal(set.updateStrategy, 'OnDelete');
    assert.match(set.orders.update.summary, /^OnDelete:/);
  });

  it('replaces maxUnavailable pods at a time from 1.35, rounding percentages down to at least 1', () => {
    const strategy = (value: string): string => `replicas: 10\nupdateStrategy:\n  rollingUpdate:\n    maxUnavailable: ${value}\n`;
    assert.equal(identitiesOf(sts(strategy('3')))[0].orders.update.maxUnavailable, 3);
    assert.match(identitiesOf(sts(strategy('3')))[0].orders.update.summary, /up to 3 at a time/);
    assert.equal(identitiesOf(sts(strategy('"25%"')))[0].orders.update.maxUnavailable, 2);
    assert.equal(identitiesOf(sts(strategy('"5%"')))[0].orders.update.maxUnavailable, 1);
    const [old] = identitiesOf(sts(strategy('3')), { kubernetesVersion: '1.34' });
    assert.equal(old.orders.update.maxUnavailable, 1);
    assert.ok(old.notes.some((note) => note.code === 'max-unavailable-ignored'));
  });
});

describe('identities: PVC retention', () => {
  const claims = 'volumeClaimTemplates:\n  - metadata:\n      name: data\n';

  it('keeps the PVCs by default, on delete and on scale down', () => {
    const [set] = identitiesOf(sts(claims));
    assert.deepEqual([set.retention.whenDeleted, set.retention.whenScaled, set.retention.defaulted], ['Retain', 'Retain', true]);
    assert.match(set.retention.onDelete, /keeps every PVC/);
    assert.match(set.retention.onScaleDown, /keeps the PVCs of the removed pods/);
  });

  it('describes Delete on delete and on scale down', () => {
    const policy = 'persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Delete\n  whenScaled: Delete\n';
    const [set] = identitiesOf(sts(policy + claims));
    assert.deepEqual([set.retention.whenDeleted, set.retention.whenScaled, set.retention.defaulted], ['Delete', 'Delete', false]);
    assert.match(set.retention.onDelete, /deletes its PVCs/);
    assert.match(set.retention.onScaleDown, /deletes the PVCs of the removed pods/);
  });

  it('says the policy has no effect without claim templates', () => {
    const [set] = identitiesOf(sts('persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Delete\n'));
    assert.match(set.retention.onDelete, /no effect/);
  });

  it('keeps every PVC before 1.27, and says the policy is ignored', () => {
    const [set] = identitiesOf(sts(`persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Delete\n${claims}`), { kubernetesVersion: '1.26' });
    assert.equal(set.retention.whenDeleted, 'Retain');
    assert.ok(set.notes.some((note) => note.code === 'retention-ignored'));
  });
});
