// Pod identities on YAML strings: names, DNS names, PVC names, SRV names and the namespace/domain rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { identityIndexAt } from '../../server/src/engine/identities/compute';
import { schemas } from '../support/engine';
import { headless, identitiesOf, sts, tutorial } from './identities-support';

describe('identities: names', () => {
  it('names the tutorial pods, hostnames, DNS names, Service domain, PVCs and SRV records', () => {
    const [set] = identitiesOf(tutorial);
    assert.equal(set.name, 'apache-http');
    assert.equal(set.namespace, 'default');
    assert.equal(set.namespaceDefaulted, true);
    assert.equal(set.serviceDomain, 'httpd-service.default.svc.cluster.local');
    assert.deepEqual(set.pods.map((pod) => pod.name), ['apache-http-0', 'apache-http-1', 'apache-http-2']);
    assert.deepEqual(set.pods.map((pod) => pod.hostname), ['apache-http-0', 'apache-http-1', 'apache-http-2']);
    assert.equal(set.pods[0].fqdn, 'apache-http-0.httpd-service.default.svc.cluster.local');
    assert.deepEqual(set.pods.map((pod) => pod.claims), [0, 1, 2].map((ordinal) => [{ template: 'htdocs', pvc: `htdocs-apache-http-${ordinal}` }]));
    assert.deepEqual(set.srv, [{ port: 'web', protocol: 'TCP', portNumber: 80, name: '_web._tcp.httpd-service.default.svc.cluster.local' }]);
    assert.equal(set.service?.found, true);
    assert.equal(set.service?.headless, true);
    assert.deepEqual(set.problems, []);
    assert.equal(set.firstPod, 'apache-http-0');
    assert.equal(set.lastPod, 'apache-http-2');
  });

  it('uses metadata.namespace, else the defaultNamespace setting, in every DNS name', () => {
    const [inTeam] = identitiesOf(sts('serviceName: nginx\n', 'namespace: team\n'), { defaultNamespace: 'other' });
    assert.equal(inTeam.namespace, 'team');
    assert.equal(inTeam.namespaceDefaulted, false);
    assert.equal(inTeam.pods[0].fqdn, 'web-0.nginx.team.svc.cluster.local');
    const [defaulted] = identitiesOf(sts('serviceName: nginx\n'), { defaultNamespace: 'shop' });
    assert.equal(defaulted.serviceDomain, 'nginx.shop.svc.cluster.local');
  });

  it('uses the clusterDomain setting', () => {
    const [set] = identitiesOf(sts('serviceName: nginx\n'), { clusterDomain: 'corp.example' });
    assert.equal(set.pods[0].fqdn, 'web-0.nginx.default.svc.corp.example');
    assert.equal(set.clusterDomain, 'corp.example');
  });

  it('numbers the pods from spec.ordinals.start', () => {
    const [set] = identitiesOf(sts('replicas: 3\nordinals:\n  start: 5\n'));
    assert.deepEqual(set.pods.map((pod) => [pod.ordinal, pod.index, pod.name]), [[5, 0, 'web-5'], [6, 1, 'web-6'], [7, 2, 'web-7']]);
    assert.equal(set.lastPod, 'web-7');
  });

  it('ignores spec.ordinals before Kubernetes 1.27, and says so', () => {
    const [set] = identitiesOf(sts('ordinals:\n  start: 5\n'), { kubernetesVersion: '1.26' });
    assert.equal(set.pods[0].name, 'web-0');
    assert.ok(set.notes.some((note) => note.code === 'ordinals-ignored'));
  });

  it('defaults an omitted replicas to 1', () => {
    const [set] = identitiesOf(sts(''));
    assert.equal(set.replicas, 1);
    assert.equal(set.replicasDefaulted, true);
    assert.deepEqual(set.pods.map((pod) => pod.name), ['web-0']);
  });

  it('lists no pod for replicas: 0, with an info note', () => {
    const [set] = identitiesOf(sts('replicas: 0\n'));
    assert.deepEqual(set.pods, []);
    assert.equal(set.firstPod, undefined);
    assert.deepEqual(set.notes.filter((note) => note.code === 'no-pods').length, 1);
  });

  it('assumes the default for a quoted replicas, and reports it', () => {
    const [set] = identitiesOf(sts('replicas: "3"\n'));
    assert.equal(set.replicas, 1);
    const note = set.notes.find((item) => item.code === 'replicas-assumed');
    assert.match(note?.message ?? '', /spec\.replicas "3"/);
    // The judgment itself is the schema rule's finding, shown with the rule id when it is a preview rule.
    assert.deepEqual(set.problems.map((problem) => problem.code), ['sts/service-name-empty']);
  });

  it('names one PVC per claim template, in template order', () => {
    const claims = 'volumeClaimTemplates:\n  - metadata:\n      name: data\n  - metadata:\n      name: logs\n';
    const [set] = identitiesOf(sts(`replicas: 2\n${claims}`));
    assert.deepEqual(set.claimTemplates, ['data', 'logs']);
    assert.deepEqual(set.pods[1].claims.map((claim) => claim.pvc), ['data-web-1', 'logs-web-1']);
  });

  it('gives SRV names to named Service ports only, with the protocol in lower case', () => {
    const ports = [{ name: 'dns', port: 53, protocol: 'UDP' }, { port: 8080 }, { name: 'http', port: 80 }];
    const [set] = identitiesOf({ 'svc.yaml': headless({ ports }), 'sts.yaml': sts('serviceName: nginx\n') });
    assert.deepEqual(set.srv.map((record) => record.name), ['_dns._udp.nginx.default.svc.cluster.local', '_http._tcp.nginx.default.svc.cluster.local']);
  });

  it('reads flow style, anchors and aliases', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec: {serviceName: db, replicas: &n 2, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: "postgres:17"}]}}, volumeClaimTemplates: [{metadata: {name: pg}}]}
`;
    const [set] = identitiesOf(text);
    assert.deepEqual(set.pods.map((pod) => pod.fqdn), ['db-0.db.data.svc.cluster.local', 'db-1.db.data.svc.cluster.local']);
    assert.deepEqual(set.pods.map((pod) => pod.claims[0].pvc), ['pg-db-0', 'pg-db-1']);
    const [aliased] = identitiesOf(`x: &three 3\n---\n${sts('replicas: 4\n')}`);
    assert.equal(aliased.replicas, 4);
  });

  it('lists every StatefulSet of a multi-document file and finds the one at an offset', () => {
    const text = `${sts('replicas: 1\n')}---\n${sts('replicas: 2\n').replace('name: web', 'name: api')}`;
    const sets = identitiesOf(text);
    assert.deepEqual(sets.map((set) => set.name), ['web', 'api']);
    assert.equal(identityIndexAt(sets, text.indexOf('name: api')), 1);
    assert.equal(identityIndexAt(sets, 0), 0);
  });

  it('cuts a very long pod list but still names the last pod', () => {
    const [set] = identitiesOf(sts('replicas: 5000\n'), undefined, 1000);
    assert.equal(set.pods.length, 1000);
    assert.equal(set.podsOmitted, 4000);
    assert.equal(set.lastPod, 'web-4999');
  });

  it('skips objects of kind StatefulSet that are not apps StatefulSets', () => {
    assert.deepEqual(identitiesOf(sts('').replace('apps/v1', 'apps.kruise.io/v1beta1')), []);
    assert.equal(identitiesOf(sts('').replace('apps/v1', 'apps/v1beta1')).length, 1);
  });

  it('explains why a templated file lists nothing', () => {
    const engine = new Engine(schemas());
    engine.setFile('t.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Values.name }}\n');
    const result = engine.identities('t.yaml');
    assert.deepEqual(result.statefulSets, []);
    assert.match(result.note ?? '', /template/);
  });
});
