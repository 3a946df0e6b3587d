// Every overlay checked as it will be applied, each finding on the source line that produced it:
// the full finding list of test/builds-workspace (a base, overlays with a strategic-merge patch, a JSON
// 6902 patch, a `$patch: delete`, a namePrefix and namespace, a claim-template patch, commonLabels, and
// two sibling variants), and what each mechanism does on its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { buildsWorkspace, diskEngine, findingsOf, memoryEngine, summary, textAt } from './support';

const root = pathToFileURL(buildsWorkspace).href;

describe('overlays checked as built', () => {
  it('gives exactly the findings the builds produce, on their source lines, and nothing on patches, JSON 6902 files or kustomizations', () => {
    const { engine } = diskEngine();
    const results = engine.check();
    assert.deepEqual(summary(engine, results, root), [
      'overlays/bigger/storage.yaml:6:3 kustomize/claim-template-patch warning [overlays/bigger]',
      'overlays/bigger/storage.yaml:9:7 pvc/access-modes-missing error [overlays/bigger]',
      'overlays/labelled/kustomization.yaml:3:1 kustomize/deprecated-field info',
      'overlays/labelled/kustomization.yaml:4:9 kustomize/immutable-labels warning',
      'overlays/no-config/drop-config.yaml:9:17 sts/volume-mount-unknown error [overlays/no-config]',
    ]);
  });

  it('reports a `$patch: delete` of a volume still mounted on the patch line, with the mount as related information', () => {
    const { engine, uri } = diskEngine();
    const [finding] = findingsOf(engine.check(), 'sts/volume-mount-unknown');
    assert.equal(finding.uri, uri('overlays/no-config/drop-config.yaml'));
    assert.equal(textAt(engine, finding), 'config');
    assert.match(finding.message, /^in overlay overlays\/no-config: spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]\.name of container "db": Not found: "config"/);
    assert.deepEqual(finding.related?.map((related) => [related.uri, textAt(engine, related)]), [[uri('base/statefulset.yaml'), 'config']]);
  });

  it('places a claim-template patch and the field it drops on the patch', () => {
    const { engine, uri } = diskEngine();
    const results = engine.check();
    const [hazard] = findingsOf(results, 'kustomize/claim-template-patch');
    assert.equal(textAt(engine, hazard), 'volumeClaimTemplates');
    assert.match(hazard.message, /claims lose `data`: spec\.storageClassName, `data`: spec\.accessModes/);
    const [missing] = findingsOf(results, 'pvc/access-modes-missing');
    assert.equal(missing.uri, uri('overlays/bigger/storage.yaml'));
    assert.equal(textAt(engine, missing), 'spec');
  });

  it('does not pair objects of sibling variants that no build holds together', () => {
    const { engine } = diskEngine();
    assert.deepEqual(findingsOf(engine.check(), 'sc/multiple-defaults'), []);
    // The same files without their kustomizations are one workspace: each variant's default class meets the other's.
    const files = ['a', 'b'].flatMap((variant) => ['statefulset.yaml', 'service.yaml', 'storageclass.yaml'].map((name) => `variants/${variant}/${name}`));
    const { engine: plain } = memoryEngine(Object.fromEntries(files.map((path) => [path, engine.getFile(`${root}/${path}`)!.text])));
    assert.equal(findingsOf(plain.check(), 'sc/multiple-defaults').length, 2);
  });

  it('checks strategic-merge patches as patches: no required fields, `$patch` is not an unknown field, a mistyped field still is', () => {
    const { engine, uri } = diskEngine();
    engine.setFile(uri('overlays/prod/replicas.yaml'), engine.getFile(uri('overlays/prod/replicas.yaml'))!.text.replace('replicas: 3', 'replicas: "3"\n  replica: 3'));
    const results = engine.check([uri('overlays/prod/replicas.yaml')]);
    // The overlay's render finds the same two problems on the same lines: they are not repeated.
    assert.deepEqual(summary(engine, results, root), [
      'overlays/prod/replicas.yaml:6:13 schema/type error',
      'overlays/prod/replicas.yaml:7:3 schema/unknown-field error',
    ]);
  });

  it('shows no pod identities for a patch, which is only part of a StatefulSet', () => {
    const { engine, uri } = diskEngine();
    engine.check();
    assert.deepEqual(engine.identities(uri('overlays/prod/replicas.yaml')).statefulSets, []);
    assert.equal(engine.identities(uri('base/statefulset.yaml')).statefulSets.length, 1);
  });

  it('leads from a kustomization entry to what it names, and hovers it with the objects it contributes, renamed', () => {
    const { engine, uri } = diskEngine();
    engine.check();
    const kustomization = uri('overlays/prod/kustomization.yaml');
    const text = engine.getFile(kustomization)!.text;
    assert.equal(engine.kustomizationTarget(kustomization, text.indexOf('../../base') + 3), uri('base/kustomization.yaml'));
    assert.equal(engine.kustomizationTarget(kustomization, text.indexOf('storage.yaml') + 1), uri('overlays/prod/storage.yaml'));
    assert.equal(engine.kustomizationTarget(kustomization, text.indexOf('namespace')), undefined);
    const hover = engine.hover(kustomization, text.indexOf('../../base') + 3);
    assert.equal(hover?.markdown, [
      '`../../base`: a base of overlay overlays/prod, which contributes 3 objects to the build:', '',
      '| kind | name | namespace |', '|---|---|---|',
      '| StatefulSet | prod-db | prod |', '| Service | prod-db | prod |', '| StorageClass | prod-fast |  |',
    ].join('\n'));
  });
});
