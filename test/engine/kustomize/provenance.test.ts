// Provenance of built objects: each value's origin is the base line, the patch line (strategic merge
// or JSON 6902, in a file or inline), or the kustomization entry of the transformer that wrote it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization } from '../../../server/src/engine/kustomize';
import type { BuiltObject } from '../../../server/src/engine/model/provenance';
import { documents, headlessService, storageClass } from '../../support/manifests';
import { memoryFiles, statefulSetYaml } from './support';

const base = {
  'base/kustomization.yaml': 'resources:\n  - sts.yaml\n  - more.yaml\n',
  'base/sts.yaml': statefulSetYaml,
  'base/more.yaml': documents(headlessService({ name: 'db', selector: null }), storageClass({ name: 'fast', provisioner: 'example.com/disk' })),
};

const overlay = {
  ...base,
  'prod/kustomization.yaml': `resources:
  - ../base
namespace: prod
namePrefix: prod-
labels:
  - pairs:
      team: data
replicas:
  - name: db
    count: 3
images:
  - name: postgres
    newTag: "17"
configMapGenerator:
  - name: settings
    literals:
      - mode=fast
      - size=large
patches:
  - path: env.yaml
  - target:
      kind: StatefulSet
    path: storage.yaml
  - patch: |-
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      spec:
        publishNotReadyAddresses: true
`,
  'prod/env.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          env:
            - name: MODE
              value: prod
`,
  'prod/storage.yaml': `- op: replace
  path: /spec/volumeClaimTemplates/0/spec/resources/requests/storage
  value: 20Gi
`,
};

function find(objects: BuiltObject[], kind: string): BuiltObject {
  const found = objects.find((object) => object.value.kind === kind);
  assert.ok(found, `no ${kind} built`);
  return found;
}

describe('Kustomize renderer: provenance', () => {
  const files = memoryFiles(overlay);
  const build = buildKustomization(files.uri('prod/kustomization.yaml'), files, { workspaceFolder: 'file:///ws' });
  const kustomization = files.uri('prod/kustomization.yaml');
  const sts = find(build.objects, 'StatefulSet');
  const service = find(build.objects, 'Service');
  const storageClass = find(build.objects, 'StorageClass');
  const configMap = find(build.objects, 'ConfigMap');

  it('builds without problems, labelled by its folder', () => {
    assert.deepEqual(build.problems, []);
    assert.equal(build.label, 'prod');
    assert.equal(build.objects.length, 4);
  });

  it('gives unchanged fields their base line', () => {
    assert.deepEqual(sts.originOf(['spec', 'template', 'spec', 'containers', 0, 'name']), { uri: files.uri('base/sts.yaml'), docIndex: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'name'] });
    assert.deepEqual(storageClass.originOf(['provisioner']), { uri: files.uri('base/more.yaml'), docIndex: 1, path: ['provisioner'] });
    assert.deepEqual(sts.origin, { uri: files.uri('base/sts.yaml'), docIndex: 0, path: [] });
  });

  it('gives strategic-merge values their patch line, JSON 6902 values their operation', () => {
    assert.equal((sts.value.spec as { template: { spec: { containers: { env: { value: string }[] }[] } } }).template.spec.containers[0].env[0].value, 'prod');
    assert.deepEqual(sts.originOf(['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value']), { uri: files.uri('prod/env.yaml'), docIndex: 0, path: ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'] });
    assert.deepEqual(sts.originOf(['spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage']), { uri: files.uri('prod/storage.yaml'), docIndex: 0, path: [0, 'value'] });
    assert.deepEqual(sts.originOf(['spec', 'volumeClaimTemplates', 0, 'spec', 'accessModes']), { uri: files.uri('base/sts.yaml'), docIndex: 0, path: ['spec', 'volumeClaimTemplates', 0, 'spec', 'accessModes'] });
  });

  it('locates values of an inline patch inside the kustomization entry', () => {
    assert.deepEqual(service.originOf(['spec', 'publishNotReadyAddresses']), { uri: kustomization, docIndex: 0, path: ['patches', 2, 'patch'], embedded: { docIndex: 0, path: ['spec', 'publishNotReadyAddresses'] } });
  });

  it('gives transformer-made values their kustomization entry', () => {
    assert.deepEqual(sts.originOf(['metadata', 'namespace']), { uri: kustomization, docIndex: 0, path: ['namespace'] });
    assert.deepEqual(sts.originOf(['metadata', 'name']), { uri: kustomization, docIndex: 0, path: ['namePrefix'] });
    assert.deepEqual(sts.originOf(['metadata', 'labels', 'team']), { uri: kustomization, docIndex: 0, path: ['labels', 0, 'pairs', 'team'] });
    assert.deepEqual(sts.originOf(['spec', 'replicas']), { uri: kustomization, docIndex: 0, path: ['replicas', 0, 'count'] });
    assert.deepEqual(sts.originOf(['spec', 'template', 'spec', 'containers', 0, 'image']), { uri: kustomization, docIndex: 0, path: ['images', 0, 'newTag'] });
    assert.equal((sts.value.spec as { replicas: number }).replicas, 3);
  });

  it('follows renamed references to the entry that renamed them', () => {
    assert.equal((sts.value.spec as { serviceName: string }).serviceName, 'prod-db');
    assert.deepEqual(sts.originOf(['spec', 'serviceName']), { uri: kustomization, docIndex: 0, path: ['namePrefix'] });
    assert.deepEqual(sts.originOf(['spec', 'volumeClaimTemplates', 0, 'spec', 'storageClassName']), { uri: kustomization, docIndex: 0, path: ['namePrefix'] });
  });

  it('gives generated objects their generator entry', () => {
    assert.deepEqual(configMap.origin, { uri: kustomization, docIndex: 0, path: ['configMapGenerator', 0] });
    assert.deepEqual(configMap.originOf(['data', 'size']), { uri: kustomization, docIndex: 0, path: ['configMapGenerator', 0, 'literals', 1] });
    assert.match(String((configMap.value.metadata as { name: string }).name), /^prod-settings-[a-z0-9]{10}$/);
  });

  it('extends the nearest origin for paths that do not exist', () => {
    assert.deepEqual(sts.originOf(['spec', 'template', 'spec', 'nodeSelector', 'disk']), { uri: files.uri('base/sts.yaml'), docIndex: 0, path: ['spec', 'template', 'spec', 'nodeSelector', 'disk'] });
  });

  it('lists every file it read, and the role each plays', () => {
    for (const path of ['prod/kustomization.yaml', 'base/kustomization.yaml', 'base/sts.yaml', 'base/more.yaml', 'prod/env.yaml', 'prod/storage.yaml']) {
      assert.ok(build.inputs.includes(files.uri(path)), `${path} is not an input`);
    }
    const roles = Object.fromEntries(build.uses.map((use) => [use.uri.slice('file:///ws/'.length), use.role]));
    assert.deepEqual(roles, {
      'prod/kustomization.yaml': 'kustomization', 'base/kustomization.yaml': 'kustomization', 'base/sts.yaml': 'resource', 'base/more.yaml': 'resource',
      'prod/env.yaml': 'patch-strategic-merge', 'prod/storage.yaml': 'patch-json6902',
    });
  });
});
