// StatefulSet rules on YAML strings: exact ranges, related locations, version gates, legacy objects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, findingsOf } from '../support/engine';

const sts = (spec: string, name = 'web', apiVersion = 'apps/v1'): string => `apiVersion: ${apiVersion}
kind: StatefulSet
metadata:
  name: ${name}
spec:
${spec}`;

const body = `  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('StatefulSet rules', () => {
  it('underlines exactly the name value', () => {
    const [finding] = findingsOf('sts/name-invalid', sts(`  serviceName: web\n${body}`, 'Web.Server'));
    assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [4, 9, 4, 19]);
    assert.match(finding.message, /"Web\.Server": must not contain dots.*"web-server"/);
  });

  it('warns from 53 characters and leaves 64 to sts/name-invalid', () => {
    const name = (length: number) => 'a'.repeat(length);
    const ids = (length: number) => check(sts(`  serviceName: web\n${body}`, name(length))).map((f) => f.ruleId).filter((id) => id.startsWith('sts/name'));
    assert.deepEqual(ids(52), []);
    assert.deepEqual(ids(53), ['sts/name-too-long']);
    assert.deepEqual(ids(63), ['sts/name-too-long']);
    assert.deepEqual(ids(64), ['sts/name-invalid']);
  });

  it('points a selector mismatch at the selector entry and relates the template labels', () => {
    const text = sts(`  serviceName: web\n${body.replace('      app: web\n  template', '      app: api\n  template')}`);
    const [finding] = findingsOf('sts/selector-mismatch', text);
    assert.deepEqual([finding.line, finding.column, finding.endColumn], [9, 7, 10]);
    assert.match(finding.message, /requires app=api, but the pod template has app=web/);
    assert.equal(finding.related?.[0].message, "the pod template's labels: app: web");
    assert.equal(finding.related?.[0].start, text.indexOf('labels:\n        app: web'));
  });

  it('checks serviceName syntax from Kubernetes 1.33 only', () => {
    const text = sts(`  serviceName: Web_Headless\n${body}`);
    assert.equal(findingsOf('sts/service-name-invalid', text, { kubernetesVersion: '1.33' }).length, 1);
    assert.equal(findingsOf('sts/service-name-invalid', text, { kubernetesVersion: '1.32' }).length, 0);
    assert.equal(findingsOf('sts/service-name-invalid', text).length, 1, 'the default targets the current release');
  });

  it('checks maxUnavailable only where the field is served (1.35 and later)', () => {
    const text = sts(`  serviceName: web\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: "0%"\n${body}`);
    assert.equal(findingsOf('sts/update-strategy-invalid', text, { kubernetesVersion: '1.35' }).length, 1);
    assert.equal(findingsOf('sts/update-strategy-invalid', text, { kubernetesVersion: '1.34' }).length, 0);
  });

  it('does not report a missing selector on legacy apps/v1beta1, which defaulted it', () => {
    const text = sts(`  serviceName: web\n${body.replace(/ {2}selector:\n {4}matchLabels:\n {6}app: web\n/, '')}`, 'web', 'apps/v1beta1');
    const ids = check(text).map((f) => f.ruleId);
    assert.ok(ids.includes('manifest/removed-api'));
    assert.ok(!ids.includes('sts/selector-missing') && !ids.includes('schema/required'));
  });

  it('warns about a missing serviceName on the spec key', () => {
    const [finding] = findingsOf('sts/service-name-empty', sts(body));
    assert.equal(finding.severity, 'warning');
    assert.deepEqual([finding.line, finding.column, finding.endColumn], [5, 1, 5]);
  });

  it('counts claim templates as volumes for mounts of init containers', () => {
    const text = sts(`  serviceName: web\n${body.replace('      containers:', `      initContainers:
        - name: init
          image: busybox
          volumeMounts: [{name: data, mountPath: /data}, {name: cfg, mountPath: /cfg}]
      containers:`)}  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    const findings = check(text).filter((f) => /^sts\/(volume|claim)/.test(f.ruleId));
    assert.deepEqual(findings.map((f) => f.ruleId), ['sts/volume-mount-unknown']);
    assert.match(findings[0].message, /initContainers\[0\]\.volumeMounts\[1\]\.name of init container "init": Not found: "cfg"/);
  });

  it('relates a shadowing pod volume to its claim template', () => {
    const text = sts(`  serviceName: web\n${body.replace('          image: nginx:1.27\n', `          image: nginx:1.27
          volumeMounts: [{name: data, mountPath: /data}]
      volumes:
        - name: data
          emptyDir: {}
`)}  volumeClaimTemplates:
    - metadata:
        name: data
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    const [finding] = findingsOf('sts/volume-shadows-claim-template', text);
    assert.equal(finding.start, text.indexOf('data\n          emptyDir'));
    assert.equal(finding.related?.[0].start, text.lastIndexOf('data\n      spec'));
  });

  it('applies the claim rules to PersistentVolumeClaims as well', () => {
    const text = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOncePod, ReadWriteOnce]
  resources:
    requests:
      storage: "0"
`;
    assert.deepEqual(check(text).map((f) => f.ruleId), ['pvc/rwop-exclusive', 'pvc/storage-request-invalid']);
  });
});
