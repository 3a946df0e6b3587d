// Build problems on their exact entries: missing paths, patches that match nothing, unknown and
// mistyped fields, deprecated fields, unsupported features, and the StatefulSet hazards
// (claim-template-patch with its JSON 6902 fix as data, immutable-labels); and the roles of files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization, rolesOf } from '../../../server/src/engine/kustomize';
import type { BuildProblem } from '../../../server/src/engine/model/provenance';
import { memoryFiles, statefulSetYaml } from './support';

function build(overlay: string, extra: Record<string, string> = {}) {
  const files = memoryFiles({ 'base/kustomization.yaml': 'resources: [sts.yaml]\n', 'base/sts.yaml': statefulSetYaml, 'o/kustomization.yaml': overlay, ...extra });
  return { files, build: buildKustomization(files.uri('o/kustomization.yaml'), files) };
}

const summary = (problems: BuildProblem[]) => problems.map((problem) => [problem.ruleId, problem.severity, problem.origin.uri.replace('file:///ws/', ''), problem.origin.path.join('.')]);

describe('Kustomize renderer: build problems', () => {
  it('reports a missing resource on its entry, and fails the build', () => {
    const { build: result } = build('resources:\n  - ../base\n  - missing.yaml\n');
    assert.deepEqual(summary(result.problems), [['kustomize/resource-missing', 'error', 'o/kustomization.yaml', 'resources.1']]);
    assert.match(result.problems[0].message, /`missing.yaml` does not exist/);
    assert.equal(result.failed, true);
    assert.deepEqual(result.objects, []);
  });

  it('reports missing patch files, generator inputs, folders without kustomization, files outside the folder', () => {
    const { build: result } = build(`resources:
  - ../base
  - ../lonely
  - ../base/sts.yaml
patches:
  - path: nope.yaml
configMapGenerator:
  - name: c
    files: [absent.txt]
`, { 'lonely/thing.yaml': 'a: 1\n' });
    assert.deepEqual(summary(result.problems), [
      ['kustomize/resource-missing', 'error', 'o/kustomization.yaml', 'resources.1'],
      ['kustomize/resource-missing', 'error', 'o/kustomization.yaml', 'resources.2'],
      ['kustomize/resource-missing', 'error', 'o/kustomization.yaml', 'configMapGenerator.0.files.0'],
      ['kustomize/resource-missing', 'error', 'o/kustomization.yaml', 'patches.0'],
    ]);
    assert.match(result.problems[1].message, /outside the kustomization's folder/);
  });

  it('fails a patch without target that matches nothing, on its name; warns for a target that selects nothing', () => {
    const { build: failing } = build(`resources: [../base]
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: web
      spec:
        replicas: 2
`);
    assert.equal(failing.problems.length, 1);
    assert.deepEqual(failing.problems[0].origin, { uri: 'file:///ws/o/kustomization.yaml', docIndex: 0, path: ['patches', 0, 'patch'], embedded: { docIndex: 0, path: ['metadata', 'name'] } });
    assert.equal(failing.problems[0].ruleId, 'kustomize/patch-target-missing');
    assert.equal(failing.problems[0].severity, 'error');
    const { build: skipping } = build('resources: [../base]\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: remove\n        path: /spec/replicas\n');
    assert.deepEqual(summary(skipping.problems), [['kustomize/patch-target-missing', 'warning', 'o/kustomization.yaml', 'patches.0.target']]);
    assert.equal(skipping.failed, false);
    assert.equal(skipping.objects.length, 1);
  });

  it('reports unknown and mistyped fields as the errors Kustomize fails on', () => {
    const { build: result } = build('resources: [../base]\nnamePrefx: x-\ncommonLabels:\n  version: 2\nlabels:\n  - pairs: {a: b}\n    includeSelector: true\n');
    assert.deepEqual(summary(result.problems), [
      ['kustomize/unknown-field', 'error', 'o/kustomization.yaml', 'namePrefx'],
      ['kustomize/invalid-field', 'error', 'o/kustomization.yaml', 'commonLabels.version'],
      ['kustomize/unknown-field', 'error', 'o/kustomization.yaml', 'labels.0.includeSelector'],
      ['kustomize/deprecated-field', 'info', 'o/kustomization.yaml', 'commonLabels'],
    ]);
    assert.match(result.problems[1].message, /Quote the value/);
  });

  it('names the replacement of each deprecated field', () => {
    const { build: result } = build('bases: [../base]\nimageTags:\n  - name: postgres\n    newTag: "17"\npatchesStrategicMerge: []\npatchesJson6902: []\n');
    assert.deepEqual(result.problems.map((problem) => [problem.origin.path[0], problem.severity, /use `(\w+)`/.exec(problem.message)?.[1]]), [
      ['bases', 'info', 'resources'], ['imageTags', 'info', 'images'], ['patchesJson6902', 'info', 'patches'], ['patchesStrategicMerge', 'info', 'patches'],
    ]);
  });

  it('names unsupported features at their place, remote bases included', () => {
    const { build: result } = build('resources:\n  - ../base\n  - https://github.com/example/repo//deploy?ref=v1\nreplacements:\n  - path: r.yaml\n');
    assert.deepEqual(result.unsupported.map((entry) => [entry.feature.split(' ')[0], entry.origin.path.join('.')]), [['replacements', 'replacements'], ['a', 'resources.1']]);
    assert.equal(result.failed, false);
  });

  it('fails on replicas naming no workload, on the name', () => {
    const { build: result } = build('resources: [../base]\nreplicas:\n  - name: web\n    count: 2\n');
    assert.deepEqual(summary(result.problems), [['kustomize/build-error', 'error', 'o/kustomization.yaml', 'replicas.0.name']]);
  });

  it('warns when a strategic-merge patch replaces claim templates and drops fields, with the JSON 6902 fix as data', () => {
    const { build: result } = build('resources: [../base]\npatches:\n  - path: size.yaml\n', {
      'o/size.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        resources:\n          requests:\n            storage: 20Gi\n',
    });
    assert.deepEqual(summary(result.problems), [['kustomize/claim-template-patch', 'warning', 'o/size.yaml', 'spec.volumeClaimTemplates']]);
    const [problem] = result.problems;
    assert.match(problem.message, /storageClassName/);
    assert.match(problem.message, /accessModes/);
    assert.deepEqual(problem.fix && { ...problem.fix, origin: undefined, entry: problem.fix.entry.path }, {
      title: 'Turn into a JSON 6902 patch', kind: 'claim-template-json6902', origin: undefined, entry: ['patches', 0],
      target: { group: 'apps', version: 'v1', kind: 'StatefulSet', name: 'db' },
      operations: [{ op: 'replace', path: '/spec/volumeClaimTemplates/0/spec/resources/requests/storage', value: '20Gi' }],
    });
    const claim = ((result.objects[0].value.spec as { volumeClaimTemplates: { spec: Record<string, unknown> }[] }).volumeClaimTemplates[0]).spec;
    assert.deepEqual(claim, { resources: { requests: { storage: '20Gi' } } });
  });

  it('does not warn when the claim template patch repeats every field', () => {
    const { build: result } = build('resources: [../base]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: StatefulSet\n      metadata: {name: db}\n      spec:\n        volumeClaimTemplates:\n          - metadata: {name: data}\n            spec:\n              storageClassName: fast\n              accessModes: [ReadWriteOnce]\n              resources: {requests: {storage: 5Gi}}\n');
    assert.deepEqual(result.problems, []);
  });

  it('warns for labels that reach a StatefulSet selector or claim templates, on the label entry', () => {
    const common = build('resources: [../base]\ncommonLabels:\n  team: data\n  app: db\n').build;
    // `app: db` is in the selector already, but not in the claim template's labels: both change the set.
    assert.deepEqual(summary(common.problems).filter(([rule]) => rule === 'kustomize/immutable-labels'), [
      ['kustomize/immutable-labels', 'warning', 'o/kustomization.yaml', 'commonLabels.team'],
      ['kustomize/immutable-labels', 'warning', 'o/kustomization.yaml', 'commonLabels.app'],
    ]);
    const [team, app] = common.problems.filter((problem) => problem.ruleId === 'kustomize/immutable-labels');
    assert.match(team.message, /reaches spec.selector.matchLabels and claim template data of StatefulSet db/);
    assert.match(app.message, /reaches claim template data of StatefulSet db/);
    const templates = build('resources: [../base]\nlabels:\n  - pairs: {version: "2"}\n    includeTemplates: true\n').build;
    assert.deepEqual(summary(templates.problems), [['kustomize/immutable-labels', 'warning', 'o/kustomization.yaml', 'labels.0.pairs.version']]);
    const plain = build('resources: [../base]\nlabels:\n  - pairs: {version: "2"}\n').build;
    assert.deepEqual(plain.problems, []);
  });

  it('says which role a file plays in which kustomization', () => {
    const { files, build: result } = build(`resources: [../base]
patches:
  - path: smp.yaml
  - path: ops.yaml
    target: {kind: StatefulSet}
configMapGenerator:
  - name: c
    envs: [app.env]
`, {
      'o/smp.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 2\n',
      'o/ops.yaml': '- op: add\n  path: /metadata/annotations\n  value: {a: b}\n',
      'o/app.env': 'A=1\n',
    });
    assert.deepEqual(result.problems, []);
    const role = (path: string) => rolesOf(files.uri(path), [result]).map((use) => [use.role, use.kustomization.replace('file:///ws/', ''), use.origin.path.join('.')]);
    assert.deepEqual(role('o/smp.yaml'), [['patch-strategic-merge', 'o/kustomization.yaml', 'patches.0']]);
    assert.deepEqual(role('o/ops.yaml'), [['patch-json6902', 'o/kustomization.yaml', 'patches.1']]);
    assert.deepEqual(role('o/app.env'), [['generator-input', 'o/kustomization.yaml', 'configMapGenerator.0.envs.0']]);
    assert.deepEqual(role('base/sts.yaml'), [['resource', 'base/kustomization.yaml', 'resources.0']]);
    assert.deepEqual(role('base/kustomization.yaml'), [['kustomization', 'o/kustomization.yaml', 'resources.0']]);
  });
});
