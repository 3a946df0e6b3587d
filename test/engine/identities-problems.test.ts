// Problems that break identities are shown, not hidden: they are the findings of the rules marked
// `showInPreview` (rule settings and suppression comments apply), beside the preview's own notes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatefulSetIdentities } from '../../server/src/engine/identities/compute';
import { service } from '../support/manifests';
import { headless, identitiesOf, sts } from './identities-support';

const codes = (set: StatefulSetIdentities): string[] => set.problems.map((problem) => `${problem.severity} ${problem.code}`);
const notes = (set: StatefulSetIdentities): string[] => set.notes.map((note) => note.code);
const withService = (spec: string, service = headless()): StatefulSetIdentities =>
  identitiesOf({ 'svc.yaml': service, 'sts.yaml': sts(`serviceName: nginx\n${spec}`) })[0];

describe('identities: problems', () => {
  it('reports a missing serviceName: no DNS names at all', () => {
    const [set] = identitiesOf(sts(''));
    assert.deepEqual(codes(set), ['warning sts/service-name-empty']);
    assert.equal(set.pods[0].fqdn, undefined);
    assert.equal(set.serviceDomain, undefined);
  });

  it('reports a Service that is not in the workspace, naming the namespace where one exists', () => {
    const [missing] = identitiesOf(sts('serviceName: nginx\n'));
    assert.deepEqual(codes(missing), ['warning sts/service-missing']);
    assert.equal(missing.pods[0].fqdn, 'web-0.nginx.default.svc.cluster.local');
    const [elsewhere] = identitiesOf({ 'svc.yaml': headless({ namespace: 'other' }), 'sts.yaml': sts('serviceName: nginx\n') });
    assert.deepEqual(codes(elsewhere), ['warning sts/service-missing']);
    assert.deepEqual(elsewhere.service?.otherNamespaces, ['other']);
  });

  it('finds the Service in another file of the same namespace, and points at it', () => {
    const set = withService('');
    assert.deepEqual(codes(set), []);
    assert.equal(set.service?.location?.uri, 'svc.yaml');
  });

  it('reports a Service that is not headless, with the reason and a related location', () => {
    const clusterIp = withService('', service({ name: 'nginx', selector: { app: 'web' } }));
    assert.deepEqual(codes(clusterIp), ['warning sts/service-not-headless']);
    assert.match(clusterIp.problems[0].message, /no clusterIP: None/);
    assert.equal(clusterIp.problems[0].related?.uri, 'svc.yaml');
    assert.equal(clusterIp.service?.headless, false);
  });

  it('agrees with the rules on a Service with clusterIPs but no clusterIP: the API server rejects it', () => {
    for (const spec of ['clusterIP: ""\nclusterIPs: [None]\n', 'clusterIPs: [None]\n']) {
      const set = withService('', service({ name: 'nginx', selector: { app: 'web' }, spec }));
      assert.equal(set.service?.headless, false, spec);
      assert.match(set.service?.notHeadlessBecause ?? '', /must be empty when `clusterIP` is not specified/);
      // The Service's own error (svc/cluster-ips-invalid) says it; the StatefulSet gets no second diagnostic.
      assert.deepEqual(codes(set), []);
    }
  });

  it('reports a headless Service that selects no pod of the StatefulSet; a Service without selector is a note', () => {
    const other = withService('', headless({ selector: { app: 'db' } }));
    assert.deepEqual(codes(other), ['warning sts/service-selector-mismatch']);
    const none = withService('', headless({ selector: null }));
    assert.deepEqual(notes(none), ['service-no-selector']);
  });

  it('shows the name rules: over 52 characters, not a DNS label', () => {
    const name = (length: number): StatefulSetIdentities =>
      identitiesOf({ 'svc.yaml': headless(), 'sts.yaml': sts('serviceName: nginx\n').replace('name: web', `name: ${'a'.repeat(length)}`) })[0];
    assert.deepEqual(codes(name(52)), []);
    assert.deepEqual(codes(name(53)), ['warning sts/name-too-long']);
    const [upper] = identitiesOf(sts('serviceName: Nginx\nvolumeClaimTemplates:\n  - metadata:\n      name: Data\n').replace('name: web', 'name: Web'));
    assert.deepEqual(codes(upper).map((code) => code.split(' ')[1]).sort(),
      ['sts/claim-template-name-invalid', 'sts/name-invalid', 'sts/service-name-invalid']);
  });

  it('explains a missing metadata.name with a note, and lists no pods', () => {
    const [set] = identitiesOf(sts('').replace('  name: web\n', ''));
    assert.deepEqual(set.pods, []);
    assert.ok(notes(set).includes('no-name'));
  });

  it('points each problem at the field that causes it', () => {
    const text = sts('serviceName: nginx\n');
    const [set] = identitiesOf(text);
    const problem = set.problems.find((item) => item.code === 'sts/service-missing');
    assert.equal(text.slice(problem?.location?.start, problem?.location?.end), 'nginx');
  });

  it('follows the rule settings and suppression comments, as the diagnostics do', () => {
    assert.deepEqual(codes(identitiesOf(sts('serviceName: nginx\n'), { rules: { 'sts/service-missing': 'off' } })[0]), []);
    assert.deepEqual(codes(identitiesOf(sts('serviceName: nginx\n'), { rules: { 'sts/service-missing': 'error' } })[0]), ['error sts/service-missing']);
    const suppressed = sts('serviceName: nginx # statefulset-lint-disable-line sts/service-missing\n');
    assert.deepEqual(codes(identitiesOf(suppressed)[0]), []);
  });
});
