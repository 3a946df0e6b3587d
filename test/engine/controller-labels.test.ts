// The labels controllers add to their pods: a selector on them selects those pods (svc/no-matching-pods,
// the Services' target ports, the governing Service), the re-checks follow them, and hover says which
// labels come from the controller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { controllerLabelsOf, controllerValueAccepts, mapSelectorSelectsPods } from '../../server/src/engine/k8s/controller-labels';
import { checkWorkspace, schemas } from '../support/engine';
import { service, statefulSet as statefulSetOf } from '../support/manifests';

/** The StatefulSet redis of `replicas` pods (ordinals from `start`), their port named redis. */
const statefulSet = (replicas: number, start?: number): string => statefulSetOf({
  name: 'redis', replicas, spec: start === undefined ? '' : `ordinals:\n  start: ${start}\n`,
  containers: [{ name: 'redis', image: 'redis:7', ports: [{ name: 'redis', containerPort: 6379 }] }],
});

/** A LoadBalancer Service for the one pod `pod`, selected by its pod-name label. */
const perPod = (pod: string, targetPort = 'redis'): string => service({
  name: pod, selector: { 'statefulset.kubernetes.io/pod-name': pod }, ports: [{ port: 6379, targetPort }], spec: 'type: LoadBalancer\n',
});

const ids = (files: Record<string, string>, uri: string): string[] => (checkWorkspace(files).get(uri) ?? []).map((f) => f.ruleId);

describe('labels the controllers add', () => {
  it('knows a StatefulSet\'s per-pod labels without listing its pods, whatever the replica count', () => {
    const engine = new Engine(schemas());
    engine.setFile('sts.yaml', statefulSet(100_000, 5));
    const [sts] = engine.model.manifestsOf('sts.yaml');
    const labels = controllerLabelsOf(sts);
    const podName = labels.find((label) => label.key === 'statefulset.kubernetes.io/pod-name')!;
    assert.deepEqual(podName.value, { prefix: 'redis-', start: 5, count: 100_000 });
    for (const [value, accepted] of [['redis-5', true], ['redis-100004', true], ['redis-4', false], ['redis-100005', false], ['redis-05', false], ['redis-x', false], ['web-5', false]] as const) {
      assert.equal(controllerValueAccepts(podName.value, value), accepted, value);
    }
    assert.equal(mapSelectorSelectsPods({ app: 'redis', 'apps.kubernetes.io/pod-index': '7' }, { app: 'redis' }, labels), true);
    assert.equal(mapSelectorSelectsPods({ app: 'other', 'controller-revision-hash': 'abc' }, { app: 'redis' }, labels), false);
  });

  it('lets a Service select one StatefulSet pod by its pod-name label', () => {
    assert.deepEqual(ids({ 'sts.yaml': statefulSet(3), 'svc.yaml': perPod('redis-2') }, 'svc.yaml'), []);
    assert.deepEqual(ids({ 'sts.yaml': statefulSet(3), 'svc.yaml': perPod('redis-3') }, 'svc.yaml'), ['svc/no-matching-pods']);
    // The pods' port names are those of the template: a wrong targetPort is still found through the label.
    assert.deepEqual(ids({ 'sts.yaml': statefulSet(3), 'svc.yaml': perPod('redis-1', 'redsi') }, 'svc.yaml'), ['svc/target-port-unknown']);
  });

  it('re-checks the Service when the StatefulSet\'s replicas change what its label selects', () => {
    const engine = new Engine(schemas());
    engine.setFile('sts.yaml', statefulSet(3));
    engine.setFile('svc.yaml', perPod('redis-4'));
    assert.deepEqual(engine.check(['svc.yaml']).get('svc.yaml')!.map((f) => f.ruleId), ['svc/no-matching-pods']);
    engine.setFile('sts.yaml', statefulSet(5), 1);
    assert.ok(engine.affectedBy(['sts.yaml']).has('svc.yaml'), 'the Service read the pod-name label of the templates');
    assert.deepEqual(engine.check(['svc.yaml']).get('svc.yaml'), []);
  });

  it('knows Deployment, DaemonSet, Job and CronJob pod labels', () => {
    const engine = new Engine(schemas());
    engine.setFile('w.yaml', [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec: {}\n',
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec: {}\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: index\nspec:\n  completionMode: Indexed\n  completions: 4\n  template:\n    spec: {}\n',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {}\n',
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: bare\nspec:\n  template:\n    spec: {}\n',
    ].join('---\n'));
    const [deployment, daemonSet, job, cronJob, replicaSet] = engine.model.manifestsOf('w.yaml').map(controllerLabelsOf);
    assert.deepEqual(deployment.map((label) => label.key), ['pod-template-hash']);
    assert.deepEqual(daemonSet.map((label) => label.key), ['controller-revision-hash', 'pod-template-generation']);
    assert.deepEqual(job.map((label) => [label.key, label.value]), [
      ['batch.kubernetes.io/controller-uid', { any: true }], ['batch.kubernetes.io/job-name', { exactly: 'index' }],
      ['controller-uid', { any: true }], ['job-name', { exactly: 'index' }],
      ['batch.kubernetes.io/job-completion-index', { prefix: '', start: 0, count: 4 }]]);
    assert.deepEqual(cronJob.find((label) => label.key === 'job-name')?.value, { any: true }, 'a CronJob\'s Jobs have generated names');
    assert.deepEqual(replicaSet, []);
  });

  it('says in hover which labels come from the controller', () => {
    const engine = new Engine(schemas());
    const sts = statefulSet(3);
    engine.setFile('sts.yaml', sts);
    const onTemplateLabel = engine.hover('sts.yaml', sts.indexOf('app: redis', sts.indexOf('template:')) + 1)?.markdown ?? '';
    assert.match(onTemplateLabel, /the StatefulSet controller adds to each pod/);
    assert.match(onTemplateLabel, /`statefulset\.kubernetes\.io\/pod-name`: `redis-0` … `redis-2` \(one per pod\)/);
    assert.match(onTemplateLabel, /`controller-revision-hash`: a value known only once the pods exist/);
    const service = perPod('redis-0');
    engine.setFile('svc.yaml', service);
    const onSelector = engine.hover('svc.yaml', service.indexOf('statefulset.kubernetes.io/pod-name') + 3)?.markdown ?? '';
    assert.match(onSelector, /is not in any pod template: the StatefulSet controller sets it on each pod to the pod's name/);
  });
});
