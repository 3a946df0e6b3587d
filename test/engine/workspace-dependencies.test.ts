// The re-check set of cross-document rules follows from what they read through lookups: no rule writes
// a dependency key. A new rule written here, unknown to the language server, gets its re-checks right.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, type Finding } from '../../server/src/engine';
import { createChecker } from '../../server/src/engine/check/runner';
import type { Rule } from '../../server/src/engine/check/rule';
import { get } from '../../server/src/engine/model/manifest';
import { readFileSync } from 'node:fs';
import { schemas } from '../support/engine';
import { examplesDir, fixturesDir } from '../support/repo';
import { yamlFiles } from '../support/yaml-fuzz';
import { documents, headlessService, persistentVolumeClaim, statefulSet as statefulSetOf, storageClass as storageClassOf } from '../support/manifests';

const service = (name: string, selector = 'web'): string => headlessService({ name, selector: { app: selector }, ports: [{ name: 'http', port: 80 }] });
const statefulSet = (name: string, serviceName: string, image = 'nginx'): string =>
  statefulSetOf({ name, serviceName, labels: { app: 'web' }, containers: [{ image }] });
const storageClass = (name: string, provisioner = 'example.com/a'): string => storageClassOf({ name, provisioner });
const claim = (name: string, storageClassName: string): string => persistentVolumeClaim({ name, storageClassName });

/** A cross-document rule the server has never heard of: a claim must name a StorageClass of the workspace. */
function claimClassRule(calls: string[]): Rule {
  return {
    id: 'test/claim-class-missing',
    defaultSeverity: 'warning',
    description: 'A PersistentVolumeClaim names a StorageClass that is not in the workspace.',
    scope: 'workspace',
    kinds: ['PersistentVolumeClaim'],
    check(ctx) {
      calls.push(ctx.manifest.name);
      const className = get(ctx.manifest.value, 'spec', 'storageClassName');
      if (typeof className !== 'string' || ctx.lookups.storageClass(className).length > 0) return [];
      return [{ ...ctx.valueSpan(['spec', 'storageClassName']), message: `no StorageClass ${className}` }];
    },
  };
}

function run(engine: Engine, rule: Rule, uris: string[]): Map<string, Finding[]> {
  return createChecker(engine.model, engine.schemas, engine.settings, { rules: [rule] }).checkFiles(uris);
}

describe('cross-document dependencies', () => {
  it('re-checks the files of a new workspace rule exactly when what it looked up changes', () => {
    const calls: string[] = [];
    const rule = claimClassRule(calls);
    const engine = new Engine(schemas());
    engine.setFile('sc.yaml', storageClass('fast'));
    engine.setFile('a.yaml', claim('a', 'fast'));
    engine.setFile('b.yaml', claim('b', 'slow'));
    engine.setFile('other.yaml', service('web'));
    const uris = ['sc.yaml', 'a.yaml', 'b.yaml', 'other.yaml'];
    engine.affectedBy(uris);
    assert.deepEqual(run(engine, rule, uris).get('b.yaml')?.map((finding) => finding.message), ['no StorageClass slow']);

    // What the StorageClass offers did not change (a provisioner is not looked up): nothing to re-check.
    engine.setFile('sc.yaml', storageClass('fast', 'example.com/b'), 1);
    assert.deepEqual([...engine.affectedBy(['sc.yaml'])], []);
    // Renamed: both claims read a key that changed (sc:fast gone, sc:slow appears).
    engine.setFile('sc.yaml', storageClass('slow'), 2);
    assert.deepEqual([...engine.affectedBy(['sc.yaml'])].sort(), ['a.yaml', 'b.yaml']);
    const after = run(engine, rule, ['a.yaml', 'b.yaml']);
    assert.deepEqual(after.get('a.yaml')?.map((finding) => finding.message), ['no StorageClass fast']);
    assert.deepEqual(after.get('b.yaml'), []);
    // A Service elsewhere is nothing these claims read.
    engine.setFile('other.yaml', service('api'), 1);
    assert.deepEqual([...engine.affectedBy(['other.yaml'])], []);
  });

  it('checks again only the objects whose lookups changed, and keeps the others\' findings', () => {
    const calls: string[] = [];
    const rule = claimClassRule(calls);
    const engine = new Engine(schemas());
    const claims = Array.from({ length: 50 }, (_, index) => claim(`c${index}`, index === 7 ? 'slow' : 'fast')).join('---\n');
    engine.setFile('claims.yaml', claims);
    engine.setFile('sc.yaml', storageClass('fast'));
    assert.equal(run(engine, rule, ['claims.yaml']).get('claims.yaml')?.length, 1);
    assert.equal(calls.length, 50);
    calls.length = 0;
    // An edit of one claim: only that one is checked again; the finding of c7 is kept.
    engine.setFile('claims.yaml', claims.replace('name: c3\n', 'name: c3x\n'), 1);
    assert.equal(run(engine, rule, ['claims.yaml']).get('claims.yaml')?.length, 1);
    assert.deepEqual(calls, ['c3x']);
    calls.length = 0;
    // A new class `slow`: only the claim that looked it up is checked again, and its finding goes.
    engine.setFile('sc.yaml', documents(storageClass('fast'), storageClass('slow')), 1);
    assert.deepEqual(run(engine, rule, ['claims.yaml']).get('claims.yaml'), []);
    assert.deepEqual(calls, ['c7']);
  });

  it('tells apart edits other files can see (a Service renamed) from those they cannot (an image)', () => {
    const engine = new Engine(schemas());
    engine.setFile('svc.yaml', service('nginx'));
    engine.setFile('sts.yaml', statefulSet('web', 'nginx'));
    engine.affectedBy(['svc.yaml', 'sts.yaml']);
    engine.check();
    engine.setFile('sts.yaml', statefulSet('web', 'nginx', 'nginx:1.27'), 1);
    assert.deepEqual([...engine.affectedBy(['sts.yaml'])], []);
    // The Service looks up the StatefulSets that name it (svc/no-matching-pods leaves governing Services alone).
    engine.setFile('sts.yaml', statefulSet('web', 'other'), 2);
    assert.deepEqual([...engine.affectedBy(['sts.yaml'])], ['svc.yaml']);
    engine.check();
    engine.setFile('svc.yaml', service('other-svc'), 1);
    assert.deepEqual([...engine.affectedBy(['svc.yaml'])], ['sts.yaml']);
  });
});

describe('a one-shot check (the CLI: cacheFindings false)', () => {
  it('finds what the remembering check finds, on the fixtures and examples as one workspace, and records nothing', () => {
    const paths = [...yamlFiles(fixturesDir), ...yamlFiles(examplesDir)];
    const load = (): Engine => {
      const engine = new Engine(schemas());
      for (const path of paths) engine.setFile(path, readFileSync(path, 'utf8'));
      return engine;
    };
    const remembering = load();
    const oneShot = load();
    const expected = createChecker(remembering.model, remembering.schemas, remembering.settings).checkFiles(paths);
    const found = createChecker(oneShot.model, oneShot.schemas, oneShot.settings, { cacheFindings: false }).checkFiles(paths);
    assert.ok([...expected.values()].some((findings) => findings.some((finding) => finding.ruleId.startsWith('svc/'))), 'cross-document findings to compare');
    assert.deepEqual(found, expected);
    // Nothing read was recorded: no file is re-checked after a change another file's findings read.
    const service = paths.find((path) => remembering.model.manifestsOf(path).some((manifest) => manifest.kind === 'Service'))!;
    remembering.affectedBy(paths);
    oneShot.affectedBy(paths);
    for (const engine of [remembering, oneShot]) engine.setFile(service, '', 99);
    assert.notDeepEqual([...remembering.affectedBy([service])], []);
    assert.deepEqual([...oneShot.affectedBy([service])], []);
  });
});

describe('objects moved by an edit above them', () => {
  it('keep their identity, and their findings move with them (schema problems included)', () => {
    const bad = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requets: {storage: 1Gi}\n';
    const text = documents(service('web'), bad);
    const engine = new Engine(schemas());
    engine.setFile('a.yaml', text, 1);
    const claim = engine.model.manifestsOf('a.yaml')[1];
    const before = engine.check(['a.yaml']).get('a.yaml')!.filter((finding) => finding.ruleId === 'schema/unknown-field');
    assert.equal(before.length, 1);
    for (const [version, inserted] of [[2, '\r\n'], [3, '# a comment\n'], [4, '']] as const) {
      const edited = `${inserted}${text}`;
      engine.setFile('a.yaml', edited, version);
      assert.equal(engine.model.manifestsOf('a.yaml')[1], claim, 'the same manifest object');
      const fresh = new Engine(schemas());
      fresh.setFile('a.yaml', edited, version);
      assert.deepEqual(engine.check(['a.yaml']), fresh.check(['a.yaml']), JSON.stringify(inserted));
    }
  });
});
