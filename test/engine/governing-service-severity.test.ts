// sts/service-not-headless: a warning when the pods only lose their per-pod DNS names, an error when the
// manifests use those names (env, args, commands, probes, ConfigMap data), naming the use; never advice
// on a Service without a selector; one diagnostic for a Service the API server rejects, on the Service.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { podDnsNameIn } from '../../server/src/engine/k8s/pod-dns-names';
import { checkWorkspace, schemas } from '../support/engine';
import { service as serviceOf, statefulSet as statefulSetOf, type Labels } from '../support/manifests';

/** The Service zk-hs, not headless, selecting the zk pods (or as given), with more lines of spec (unindented). */
const service = (spec = '', selector: Labels | null = { app: 'zk' }): string => serviceOf({ name: 'zk-hs', selector, ports: [{ port: 2888 }], spec });

/** The StatefulSet zk governed by zk-hs, with more lines of its container and of its pod spec (unindented). */
const statefulSet = (container = '', podSpec = ''): string => statefulSetOf({
  name: 'zk', serviceName: 'zk-hs', replicas: 3, containers: [{ name: 'zk', image: 'zookeeper:3.9', lines: container }], podSpec,
});

const notHeadless = (files: Record<string, string>): { severity: string; message: string; related: { uri: string; text: string; message: string }[]; fixes: string[] }[] =>
  (checkWorkspace(files).get('sts.yaml') ?? []).filter((f) => f.ruleId === 'sts/service-not-headless').map((f) => ({
    severity: f.severity, message: f.message, fixes: (f.fixes ?? []).map((fix) => fix.title),
    related: (f.related ?? []).map((r) => ({ uri: r.uri, text: files[r.uri].slice(r.start, r.end), message: r.message })),
  }));

describe('per-pod DNS names in text', () => {
  const spelling = { statefulSet: 'zk', service: 'zk-hs', podVariables: ['HOSTNAME', 'POD_NAME', 'MY_POD'], serviceVariables: ['SVC'] };
  it('finds <sts>-<n>.<service> and the pod-name variables, on name boundaries only', () => {
    for (const [text, found] of [
      ['server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888', 'zk-0.zk-hs'],
      ['--peers=zk-12.zk-hs', 'zk-12.zk-hs'],
      ['$(POD_NAME).zk-hs', '$(POD_NAME).zk-hs'],
      ['${HOSTNAME}.$(SVC).ns', '${HOSTNAME}.$(SVC)'],
      ['host=$MY_POD.zk-hs', '$MY_POD.zk-hs'],
      ['echo $(hostname).zk-hs', '$(hostname).zk-hs'],
      ['myzk-0.zk-hs', undefined],
      ['zk-0.zk-hs-other', undefined],
      ['zk-x.zk-hs', undefined],
      ['zk-hs.default.svc', undefined],
      ['$POD_NAMES.zk-hs', undefined],
      ['.$(SVC).$(NS).svc.cluster.local', undefined],
    ] as const) assert.equal(podDnsNameIn(text, spelling), found, text);
  });
});

describe('sts/service-not-headless severity', () => {
  it('is a warning when nothing uses the per-pod names, and never advises clusterIP: None without its cost', () => {
    const [finding] = notHeadless({ 'svc.yaml': service(), 'sts.yaml': statefulSet() });
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /The Pods run and the Service's cluster IP works, but the per-Pod DNS names \(zk-0\.zk-hs\) do not resolve/);
    assert.match(finding.message, /clusterIP: None \(this removes the cluster IP that clients may use/);
    const setNone = finding.fixes.find((title) => title.startsWith('Set clusterIP: None'));
    assert.match(setNone ?? '', /removes its cluster IP, which clients may use/);
    assert.ok(finding.fixes.some((title) => title.startsWith('Create a separate headless Service "zk-hs-headless"')), finding.fixes.join('\n'));
  });

  it('is an error when an env value, an arg, a command or a probe uses them, pointing at the use', () => {
    const cases: [string, string, RegExp][] = [
      ['env:\n  - name: SERVERS\n    value: zk-0.zk-hs:2888,zk-1.zk-hs:2888\n', 'zk-0.zk-hs:2888,zk-1.zk-hs:2888', /env SERVERS of container "zk"/],
      ['env:\n  - name: ME\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name\nargs: ["--advertise=$(ME).zk-hs"]\n', '--advertise=$(ME).zk-hs', /args of container "zk"/],
      ['command: ["sh", "-c", "exec zk --id ${HOSTNAME}.zk-hs"]\n', 'exec zk --id ${HOSTNAME}.zk-hs', /command of container "zk"/],
      ['readinessProbe:\n  exec:\n    command: ["ping", "-c1", "zk-0.zk-hs"]\n', 'zk-0.zk-hs', /readinessProbe of container "zk"/],
    ];
    for (const [container, text, field] of cases) {
      const [finding] = notHeadless({ 'svc.yaml': service(), 'sts.yaml': statefulSet(container) });
      assert.equal(finding?.severity, 'error', text);
      assert.match(finding.message, field);
      assert.deepEqual(finding.related.map((r) => [r.uri, r.text.replace(/^"(.*)"$/, '$1')]), [['svc.yaml', 'name'], ['sts.yaml', text]]);
    }
  });

  it('is an error when a ConfigMap the pods read uses them, and a warning again once it no longer does', () => {
    const configMap = (servers: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zk-config\ndata:\n  zoo.cfg: |\n    ${servers}\n`;
    const volume = 'volumes:\n  - name: config\n    configMap:\n      name: zk-config\n';
    const files = { 'svc.yaml': service(), 'sts.yaml': statefulSet('', volume), 'cm.yaml': configMap('server.1=zk-0.zk-hs.default.svc.cluster.local:2888:3888') };
    const [finding] = notHeadless(files);
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /key "zoo\.cfg" of ConfigMap "zk-config" uses one \("zk-0\.zk-hs"\)/);
    assert.equal(finding.related[1].uri, 'cm.yaml');
    const engine = new Engine(schemas());
    for (const [uri, text] of Object.entries(files)) engine.setFile(uri, text);
    assert.equal(engine.check(['sts.yaml']).get('sts.yaml')!.find((f) => f.ruleId === 'sts/service-not-headless')?.severity, 'error');
    engine.setFile('cm.yaml', configMap('server.1=10.0.0.1:2888:3888'), 1);
    assert.ok(engine.affectedBy(['cm.yaml']).has('sts.yaml'), 'the check read the ConfigMap through a lookup');
    assert.equal(engine.check(['sts.yaml']).get('sts.yaml')!.find((f) => f.ruleId === 'sts/service-not-headless')?.severity, 'warning');
  });

  it('says nothing about a Service without a selector: its endpoints are managed on purpose', () => {
    const files = { 'svc.yaml': service('', null), 'sts.yaml': statefulSet('env:\n  - name: PEER\n    value: zk-0.zk-hs\n') };
    const all = checkWorkspace(files);
    assert.deepEqual([...all.values()].flat().map((f) => f.ruleId).filter((id) => id.startsWith('sts/service') || id.startsWith('svc/')), []);
  });

  it('reports a Service the API server rejects once, on the Service, with the StatefulSet as related information', () => {
    for (const spec of ['clusterIP: None\ntype: NodePort\n', 'clusterIPs: [None]\n']) {
      const files = { 'svc.yaml': service(spec), 'sts.yaml': statefulSet() };
      const results = checkWorkspace(files);
      assert.deepEqual(results.get('sts.yaml')!.map((f) => f.ruleId), [], spec);
      const [onService] = results.get('svc.yaml')!.filter((f) => f.ruleId === 'svc/headless-type' || f.ruleId === 'svc/cluster-ips-invalid');
      const stsRelated = onService.related!.find((r) => r.uri === 'sts.yaml')!;
      assert.equal(files['sts.yaml'].slice(stsRelated.start, stsRelated.end), 'serviceName');
      assert.match(stsRelated.message, /StatefulSet "zk" names this Service as its governing Service/);
    }
  });
});
