// Pod identities per build: a base StatefulSet gets one section per overlay that uses it, with the
// names that overlay gives (namePrefix, namespace, serviceName rewritten, patched replicas and claim
// templates), places on the sources, and the problems of that overlay's check only.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { BuildIdentities, StatefulSetIdentities } from '../../../server/src/engine';
import { headlessService, statefulSet } from '../../support/manifests';
import { repoRoot } from '../../support/repo';
import { diskEngine, memoryEngine } from './support';

const names = (set: StatefulSetIdentities): string => set.pods.map((pod) => `${pod.name} ${pod.fqdn ?? '-'} ${pod.claims.map((claim) => claim.pvc).join(',')}`).join(' | ');
const byLabel = (builds: BuildIdentities[] | undefined): Record<string, string[]> =>
  Object.fromEntries((builds ?? []).map((build) => [build.label, build.statefulSets.map(names)]));

const baseStatefulSet = statefulSet({ replicas: 2, claimTemplates: [{ name: 'www' }] });
const baseService = headlessService({ ports: [{ name: 'http', port: 80 }] });
const base = { 'base/kustomization.yaml': 'resources:\n  - sts.yaml\n  - svc.yaml\n', 'base/sts.yaml': baseStatefulSet, 'base/svc.yaml': baseService };

describe('identities per build', () => {
  it('gives a base StatefulSet one section per overlay, with the names each overlay makes', () => {
    const { engine, uri } = diskEngine();
    const result = engine.identities(uri('base/statefulset.yaml'));
    // The document is still checked alone (it is a whole object): its own section stays.
    assert.deepEqual(result.statefulSets.map(names), ['db-0 db-0.db.default.svc.cluster.local data-db-0']);
    assert.deepEqual(byLabel(result.builds), {
      base: ['db-0 db-0.db.default.svc.cluster.local data-db-0'],
      'overlays/bigger': ['db-0 db-0.db.default.svc.cluster.local data-db-0'],
      'overlays/labelled': ['db-0 db-0.db.default.svc.cluster.local data-db-0'],
      'overlays/no-config': ['db-0 db-0.db.default.svc.cluster.local data-db-0'],
      'overlays/prod': [[0, 1, 2].map((n) => `prod-db-${n} prod-db-${n}.prod-db.prod.svc.cluster.local data-prod-db-${n}`).join(' | ')],
    });
    const prod = result.builds!.find((build) => build.label === 'overlays/prod')!;
    assert.equal(prod.tool, 'kustomize');
    assert.equal(prod.uri, uri('overlays/prod/kustomization.yaml'));
    const set = prod.statefulSets[0];
    assert.equal(set.namespace, 'prod');
    assert.equal(set.namespaceDefaulted, false);
    assert.equal(set.serviceName, 'prod-db');
    assert.equal(set.service?.found, true);
    assert.equal(set.service?.headless, true);
    assert.deepEqual(set.srv.map((record) => record.name), ['_pg._tcp.prod-db.prod.svc.cluster.local']);
    // Places are on the sources: the base's name, the base document, the base Service's name.
    const text = engine.getFile(uri('base/statefulset.yaml'))!.text;
    assert.equal(set.uri, uri('base/statefulset.yaml'));
    assert.deepEqual(set.location, { uri: uri('base/statefulset.yaml'), start: text.indexOf('db\n'), end: text.indexOf('db\n') + 2 });
    assert.equal(set.documentSpan.uri, uri('base/statefulset.yaml'));
    assert.ok(set.documentSpan.start <= text.indexOf('kind') && set.documentSpan.end >= text.lastIndexOf('1Gi'));
    assert.equal(set.service?.location?.uri, uri('base/service.yaml'));
    const placed = JSON.stringify(result.builds);
    assert.doesNotMatch(placed, /statefulset-build:/, 'no place is left in a rendered text');
  });

  it('gives a patch the StatefulSets of the overlays that apply it, and a kustomization those it builds', () => {
    const { engine, uri } = diskEngine();
    for (const path of ['overlays/prod/replicas.yaml', 'overlays/prod/storage.yaml', 'overlays/prod/kustomization.yaml']) {
      const result = engine.identities(uri(path));
      assert.deepEqual(result.statefulSets, [], path);
      assert.deepEqual(Object.keys(byLabel(result.builds)), ['overlays/prod'], path);
      assert.equal(result.builds![0].statefulSets[0].name, 'prod-db', path);
    }
    assert.deepEqual(Object.keys(byLabel(engine.identities(uri('overlays/no-config/drop-config.yaml')).builds)), ['overlays/no-config']);
    // Two variants of a StatefulSet in sibling folders: each only in its own build.
    assert.deepEqual(byLabel(engine.identities(uri('variants/a/statefulset.yaml')).builds), {
      'variants/a': ['cache-0 cache-0.cache.default.svc.cluster.local  | cache-1 cache-1.cache.default.svc.cluster.local '],
    });
    // A Service file holds no StatefulSet: no section, though the overlays read it.
    assert.deepEqual(engine.identities(uri('base/service.yaml')).builds ?? [], []);
  });

  it('shows, per build, the problems of that build only, placed on the sources', () => {
    const { engine, uri } = memoryEngine({
      ...base,
      'plain/kustomization.yaml': 'resources:\n  - ../base\n',
      'broken/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: svc.yaml\n',
      'broken/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: 10.0.0.9\n',
    });
    const builds = engine.identities(uri('base/sts.yaml')).builds!;
    const problems = Object.fromEntries(builds.map((build) => [build.label, build.statefulSets[0].problems.map((problem) => problem.code)]));
    assert.deepEqual(problems, { base: [], broken: ['sts/service-not-headless'], plain: [] });
    const problem = builds.find((build) => build.label === 'broken')!.statefulSets[0].problems[0];
    const text = engine.getFile(uri('base/sts.yaml'))!.text;
    assert.equal(problem.location?.uri, uri('base/sts.yaml'));
    assert.equal(text.slice(problem.location!.start, problem.location!.end), 'web');
    assert.equal(text.lastIndexOf('\n', problem.location!.start), text.indexOf('\n  serviceName'));
    assert.equal(problem.related?.uri, uri('broken/svc.yaml'));
    assert.equal(builds.find((build) => build.label === 'broken')!.statefulSets[0].service?.headless, false);
  });

  it('follows edits: a new namePrefix, more replicas, a renamed claim template', () => {
    const { engine, uri } = memoryEngine({ ...base, 'prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: p-\n' });
    const prod = (): string[] => byLabel(engine.identities(uri('base/sts.yaml')).builds).prod;
    assert.deepEqual(prod(), ['p-web-0 p-web-0.p-web.default.svc.cluster.local www-p-web-0 | p-web-1 p-web-1.p-web.default.svc.cluster.local www-p-web-1']);
    engine.setFile(uri('prod/kustomization.yaml'), 'resources:\n  - ../base\nnamePrefix: q-\nnamespace: shop\nreplicas:\n  - name: web\n    count: 1\n', 1);
    assert.deepEqual(prod(), ['q-web-0 q-web-0.q-web.shop.svc.cluster.local www-q-web-0']);
    engine.setFile(uri('base/sts.yaml'), baseStatefulSet.replace('name: www', 'name: data'), 1);
    assert.deepEqual(prod(), ['q-web-0 q-web-0.q-web.shop.svc.cluster.local data-q-web-0']);
  });

  it('explains a build it cannot show: one that fails, one that uses an unsupported feature', () => {
    const { engine, uri } = memoryEngine({
      ...base,
      'failing/kustomization.yaml': 'resources:\n  - ../base\n  - missing.yaml\n',
      'partial/kustomization.yaml': 'resources:\n  - ../base\nreplacements:\n  - path: r.yaml\n',
    });
    const builds = engine.identities(uri('base/sts.yaml')).builds!;
    const notes = Object.fromEntries(builds.map((build) => [build.label, build.note ?? '']));
    assert.equal(notes.base, '');
    assert.match(notes.failing, /^failing builds no objects: .*missing\.yaml/);
    assert.match(notes.partial, /^partial uses replacements, which the built-in renderer does not support/);
    assert.deepEqual(builds.find((build) => build.label === 'failing')!.statefulSets, []);
  });

  it('leaves what changed for the adapter to publish when a request brought the builds up to date first', () => {
    const { engine, uri } = memoryEngine({ ...base, 'prod/kustomization.yaml': 'resources:\n  - ../base\n' });
    engine.check();
    engine.refreshBuilds();
    // The overlay now patches the Service out of headless: a finding on the base, made during a request.
    engine.setFile(uri('prod/kustomization.yaml'), 'resources:\n  - ../base\npatches:\n  - path: svc.yaml\n', 1);
    engine.setFile(uri('prod/svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: 10.0.0.9\n', 1);
    assert.equal(engine.identities(uri('base/sts.yaml')).builds!.find((build) => build.label === 'prod')!.statefulSets[0].problems.length, 1);
    const changes = engine.refreshBuilds();
    assert.ok(changes.findings.has(uri('base/sts.yaml')), 'the base file is still to be published');
    assert.ok(changes.roles.has(uri('prod/svc.yaml')), 'the new patch file is still to be re-checked as a patch');
    assert.equal(engine.refreshBuilds().findings.size, 0);
  });

  it('hovers replicas, serviceName and a claim template name of a base with the names of each build', () => {
    const { engine, uri } = memoryEngine({ ...base, 'prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: p-\nnamespace: shop\n' });
    const file = uri('base/sts.yaml');
    const at = (needle: string): string => engine.hover(file, baseStatefulSet.indexOf(needle) + 2)?.markdown ?? '';
    assert.match(at('replicas: 2'), /\*\*Pods in each build\*\* of this StatefulSet:\n\n- \*\*base\*\*: 2 pods in namespace `default`: `web-0`, `web-1`\n- \*\*prod\*\*: 2 pods in namespace `shop`: `p-web-0`, `p-web-1`/);
    assert.match(at('serviceName: web'), /- \*\*prod\*\*: Service `p-web`: `p-web-0\.p-web\.shop\.svc\.cluster\.local`, `p-web-1\.p-web\.shop\.svc\.cluster\.local`/);
    assert.match(at('name: www'), /- \*\*prod\*\*: `www-p-web-0`, `www-p-web-1`/);
    // A file of no build keeps the hover of its own names.
    const alone = memoryEngine({ 'sts.yaml': baseStatefulSet }).engine;
    assert.match(alone.hover('file:///ws/sts.yaml', baseStatefulSet.indexOf('replicas: 2') + 2)?.markdown ?? '', /\*\*2 pods\*\*: `web-0`, `web-1`/);
  });

  it('answers every file of the Kustomize corpus, its places all on source files, and completes and hovers without failing', () => {
    const corpus = join(repoRoot, 'test', 'kustomize-corpus');
    const { engine } = diskEngine(corpus);
    let sections = 0;
    for (const uri of engine.model.fileUris()) {
      const result = engine.identities(uri);
      for (const build of result.builds ?? []) {
        sections += build.statefulSets.length;
        assert.doesNotMatch(JSON.stringify(build), /statefulset-build:/, `${uri} in ${build.label}: a place left in the rendered text`);
        for (const set of build.statefulSets) assert.ok(engine.getFile(set.location.uri), `${uri}: ${set.location.uri} is no file of the workspace`);
      }
      const text = engine.getFile(uri)!.text;
      for (let offset = 0; offset <= text.length; offset += 5) {
        engine.hover(uri, offset);
        engine.complete(uri, offset);
      }
    }
    assert.ok(sections >= 50, `${sections} StatefulSets in builds`);
  });
});
