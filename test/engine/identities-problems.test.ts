// Problems that break identities are shown, not hidden: serviceName, the governing Service, name lengths.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatefulSetIdentities } from '../../server/src/engine/identities/compute';
import { headless, identitiesOf, sts } from './identities-support';

const codes = (set: StatefulSetIdentities): string[] => set.problems.map((problem) => `${problem.severity} ${problem.code}`);
const withService = (spec: string, service = headless()): StatefulSetIdentities =>
  identitiesOf({ 'svc.yaml': service, 'sts.yaml': sts(`  serviceName: nginx\n${spec}`) })[0];

describe('identities: problems', () => {
  it('reports a missing serviceName: no DNS names at all', () => {
    const [set] = identitiesOf(sts(''));
    assert.deepEqual(codes(set), ['warning no-service-name']);
    assert.equal(set.pods[0].fqdn, undefined);
    assert.equal(set.serviceDomain, undefined);
    const [empty] = identitiesOf(sts('  serviceName: ""\n'));
    assert.deepEqual(codes(empty), ['warning no-service-name']);
  });

  it('reports a Service that is not in the workspace, naming the namespace where one exists', () => {
    const [missing] = identitiesOf(sts('  serviceName: nginx\n'));
    assert.deepEqual(codes(missing), ['warning service-missing']);
    assert.equal(missing.pods[0].fqdn, 'web-0.nginx.default.svc.cluster.local');
    const [elsewhere] = identitiesOf({ 'svc.yaml': headless('nginx', 'other'), 'sts.yaml': sts('  serviceName: nginx\n') });
    assert.deepEqual(codes(elsewhere), ['warning service-missing']);
    assert.match(elsewhere.problems[0].message, /exists in namespace "other"/);
    assert.deepEqual(elsewhere.service?.otherNamespaces, ['other']);
  });

  it('finds the Service in another file of the same namespace, and points at it', () => {
    const set = withService('');
    assert.deepEqual(codes(set), []);
    assert.equal(set.service?.location?.uri, 'svc.yaml');
  });

  it('reports a Service that is not headless, with the reason and a related location', () => {
    const clusterIp = withService('', headless().replace('  clusterIP: None\n', ''));
    assert.deepEqual(codes(clusterIp), ['error service-not-headless']);
    assert.match(clusterIp.problems[0].message, /spec\.clusterIP is not set/);
    assert.equal(clusterIp.problems[0].related?.uri, 'svc.yaml');
    const nodePort = withService('', headless().replace('  clusterIP: None\n', '  type: NodePort\n'));
    assert.match(nodePort.problems[0].message, /type NodePort/);
    const viaClusterIPs = withService('', headless().replace('  clusterIP: None\n', '  clusterIPs: [None]\n'));
    assert.deepEqual(codes(viaClusterIPs), []);
  });

  it('reports a headless Service that selects no pod of the StatefulSet', () => {
    const other = withService('', headless().replace('    app: web\n', '    app: db\n'));
    assert.deepEqual(codes(other), ['warning service-selects-no-pods']);
    const none = withService('', headless().replace('  selector:\n    app: web\n', ''));
    assert.deepEqual(codes(none), ['warning service-no-selector']);
  });

  it('warns above 52 characters and errs when a pod name passes 63', () => {
    const name = (length: number, replicas = 1): StatefulSetIdentities =>
      identitiesOf({ 'svc.yaml': headless(), 'sts.yaml': sts(`  serviceName: nginx\n  replicas: ${replicas}\n`).replace('name: web', `name: ${'a'.repeat(length)}`) })[0];
    assert.deepEqual(codes(name(52)), []);
    assert.deepEqual(codes(name(53)), ['warning name-over-52']);
    assert.deepEqual(codes(name(61, 11)), ['error name-too-long']);
    assert.match(name(61, 11).problems[0].message, /has 64 characters/);
    assert.deepEqual(codes(name(64)), ['error invalid-name']);
  });

  it('reports names that are not DNS labels', () => {
    const [upper] = identitiesOf(sts('  serviceName: Nginx\n  volumeClaimTemplates:\n    - metadata:\n        name: Data\n').replace('name: web', 'name: Web'));
    assert.deepEqual(codes(upper).sort(), ['error invalid-claim-name', 'error invalid-name', 'error invalid-service-name']);
  });

  it('reports a missing metadata.name, and lists no pods', () => {
    const [set] = identitiesOf(sts('').replace('  name: web\n', ''));
    assert.deepEqual(set.pods, []);
    assert.ok(codes(set).includes('error no-name'));
  });

  it('points each problem at the field that causes it', () => {
    const text = sts('  replicas: "2"\n');
    const [set] = identitiesOf(text);
    const problem = set.problems.find((item) => item.code === 'invalid-replicas');
    assert.equal(text.slice(problem?.location?.start, problem?.location?.end), '"2"');
  });
});
