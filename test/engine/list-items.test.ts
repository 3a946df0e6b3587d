// `kind: List` (and `*List` kinds such as ServiceList): kubectl applies each item, so every item is an
// object of the model, checked by every rule with exact ranges, seen by the cross-file rules, and shown
// in the outline, hover, completion, navigation and the identities preview.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definition, Engine, references } from '../../server/src/engine';
import { applyFix, checkWorkspace, schemas } from '../support/engine';
import { headlessService, listOf, statefulSet } from '../support/manifests';
import { lineOf } from '../support/positions';

/** A List of a headless Service, a StatefulSet in a removed apiVersion with a negative replicas, and an item without kind. */
const list = listOf(
  headlessService({ ports: [{ port: 80, targetPort: 'http' }] }),
  statefulSet({
    apiVersion: 'apps/v1beta1', replicas: -1, selector: null,
    containers: [{ image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], mounts: { data: '/data' } }],
    claimTemplates: [{ name: 'data' }],
  }),
  'metadata:\n  name: no-kind\n',
);

function engineWith(files: Record<string, string>): Engine {
  const engine = new Engine(schemas());
  for (const [uri, text] of Object.entries(files)) engine.setFile(uri, text);
  return engine;
}

describe('kind: List items', () => {
  it('checks every item with every rule, at the item\'s own lines', () => {
    const findings = checkWorkspace({ 'list.yaml': list }).get('list.yaml') ?? [];
    const at = findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
    assert.deepEqual(at.sort(), [
      `${lineOf(list, 'apps/v1beta1')}:17 manifest/removed-api`,
      `${lineOf(list, 'replicas: -1')}:17 sts/negative-value`,
      `${lineOf(list, '- metadata:\n      name: no-kind')}:5 manifest/missing-kind`,
      // The replacement's schema (apps/v1) requires spec.selector: reported with the removed version.
      ...findings.filter((f) => f.ruleId === 'schema/required').map((f) => `${f.line}:${f.column} schema/required`),
    ].sort());
    const negative = findings.find((f) => f.ruleId === 'sts/negative-value')!;
    assert.equal(list.slice(negative.start, negative.end), '-1');
  });

  it('applies quick fixes inside the item', () => {
    const [removed] = checkWorkspace({ 'list.yaml': list }).get('list.yaml')!.filter((f) => f.ruleId === 'manifest/removed-api');
    const fixed = applyFix(list, removed);
    assert.ok(fixed.includes('  - apiVersion: apps/v1\n    kind: StatefulSet'), fixed);
    assert.ok(fixed.includes('\n      selector:\n        matchLabels:\n          app: web\n  - metadata:\n'), fixed);
    const after = checkWorkspace({ 'list.yaml': fixed }).get('list.yaml')!.map((f) => f.ruleId);
    assert.ok(!after.includes('manifest/removed-api') && !after.includes('schema/required'), after.join(', '));
  });

  it('checks the items of any *List kind, and schema problems in them', () => {
    const services = 'apiVersion: v1\nkind: ServiceList\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n  spec:\n    clusterIP: None\n    type: NodePort\n    portz: []\n';
    const findings = checkWorkspace({ 's.yaml': services }).get('s.yaml')!;
    assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`), ['10:11 svc/headless-type', '11:5 schema/unknown-field']);
  });

  it('lets the cross-file rules see the items, both ways', () => {
    const notHeadless = list.replace('      clusterIP: None\n', '');
    const sts = statefulSet({ name: 'db', serviceName: 'web', labels: { app: 'web' }, containers: [{ name: 'db', image: 'db' }] });
    const results = checkWorkspace({ 'list.yaml': notHeadless, 'sts.yaml': sts });
    assert.deepEqual(results.get('sts.yaml')!.map((f) => f.ruleId), ['sts/service-not-headless']);
    assert.ok(results.get('list.yaml')!.some((f) => f.ruleId === 'sts/service-not-headless' && f.line === lineOf(notHeadless, 'serviceName: web')));
    const related = results.get('sts.yaml')![0].related![0];
    assert.equal(related.uri, 'list.yaml');
    assert.equal(notHeadless.slice(related.start, related.end), 'name');
    assert.equal(lineOf(notHeadless, 'name: web'), notHeadless.slice(0, related.start).split('\n').length);
  });

  it('gives one outline symbol per item, hover and completion from the item\'s kind', () => {
    const engine = engineWith({ 'list.yaml': list });
    assert.deepEqual(engine.symbols('list.yaml').map((symbol) => symbol.name), ['List <no name>', 'Service web', 'StatefulSet web']);
    const sts = engine.symbols('list.yaml')[2];
    assert.equal(list.slice(sts.selection.start, sts.selection.end), 'web');
    assert.ok(sts.span.start >= list.indexOf('  - apiVersion: apps/v1beta1'));
    const served = engineWith({ 'list.yaml': list.replace('apps/v1beta1', 'apps/v1') });
    const hover = served.hover('list.yaml', list.indexOf('serviceName') + 2);
    assert.match(hover?.markdown ?? '', /`spec\.serviceName` in StatefulSet \(apps\/v1\)/);
    assert.match(hover?.markdown ?? '', /web-0/, 'the identities hover names the pods');
    const at = list.indexOf('      replicas: -1') + 6;
    const keys = served.complete('list.yaml', at).map((item) => item.label);
    assert.ok(keys.includes('podManagementPolicy') && keys.includes('ordinals') && !keys.includes('serviceName'), keys.join(','));
    const kinds = served.complete('list.yaml', list.indexOf('kind: StatefulSet') + 6).map((item) => item.label);
    assert.ok(kinds.includes('StatefulSet'), kinds.join(','));
  });

  it('navigates between items: serviceName to the Service, the Service to its StatefulSet', () => {
    const engine = engineWith({ 'list.yaml': list });
    const [service] = definition(engine.model, 'list.yaml', list.indexOf('serviceName: web') + 14);
    assert.equal(list.slice(service.start, service.end), 'web');
    assert.equal(lineOf(list, 'name: web'), list.slice(0, service.start).split('\n').length);
    const refs = references(engine.model, 'list.yaml', service.start + 1, false);
    assert.deepEqual(refs.map((ref) => list.slice(ref.start, ref.end)), ['web']);
    assert.equal(refs[0].start, list.indexOf('serviceName: web') + 13);
  });

  it('shows the StatefulSet item in the identities preview, with its problems', () => {
    const engine = engineWith({ 'list.yaml': list.replace('replicas: -1', 'replicas: 2') });
    const { statefulSets } = engine.identities('list.yaml');
    assert.deepEqual(statefulSets.map((set) => set.pods.map((pod) => pod.fqdn)), [['web-0.web.default.svc.cluster.local', 'web-1.web.default.svc.cluster.local']]);
    assert.equal(statefulSets[0].service?.headless, true);
    assert.deepEqual(statefulSets[0].problems.map((problem) => problem.code), ['manifest/removed-api']);
  });

  it('keeps the items of a document that an edit elsewhere in the file did not touch', () => {
    const engine = engineWith({ 'list.yaml': `${list}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n` });
    const before = engine.model.manifestsOf('list.yaml');
    engine.setFile('list.yaml', `${list}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: changed\n`, 1);
    const after = engine.model.manifestsOf('list.yaml');
    assert.deepEqual(after.map((m) => `${m.kind}/${m.name}`), ['List/', 'Service/web', 'StatefulSet/web', 'ConfigMap/changed']);
    assert.equal(after[1], before[1], 'the Service item is the same object');
    assert.equal(after[2], before[2]);
  });
});
