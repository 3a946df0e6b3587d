// StatefulSet rules on YAML strings: exact ranges, related locations, version gates, legacy objects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, findingsOf } from '../support/engine';
import { persistentVolumeClaim, statefulSet } from '../support/manifests';
import { rangeIn, rangeOf } from '../support/positions';

describe('StatefulSet rules', () => {
  it('underlines exactly the name value', () => {
    const text = statefulSet({ name: 'Web.Server', serviceName: 'web', labels: { app: 'web' } });
    const [finding] = findingsOf('sts/name-invalid', text);
    assert.deepEqual(rangeIn(finding), rangeOf(text, 'Web.Server'));
    assert.match(finding.message, /"Web\.Server": must not contain dots.*"web-server"/);
  });

  it('warns from 53 characters and leaves 64 to sts/name-invalid', () => {
    const ids = (length: number) => check(statefulSet({ name: 'a'.repeat(length), serviceName: 'web', labels: { app: 'web' } }))
      .map((f) => f.ruleId).filter((id) => id.startsWith('sts/name'));
    assert.deepEqual(ids(52), []);
    assert.deepEqual(ids(53), ['sts/name-too-long']);
    assert.deepEqual(ids(63), ['sts/name-too-long']);
    assert.deepEqual(ids(64), ['sts/name-invalid']);
  });

  it('points a selector mismatch at the selector entry and relates the template labels', () => {
    const text = statefulSet({ selector: { app: 'api' } });
    const [finding] = findingsOf('sts/selector-mismatch', text);
    assert.deepEqual(rangeIn(finding), rangeOf(text, 'app', 'app: api'));
    assert.match(finding.message, /requires app=api, but the pod template has app=web/);
    assert.equal(finding.related?.[0].message, "the pod template's labels: app: web");
    assert.equal(finding.related?.[0].start, text.indexOf('labels:\n        app: web'));
  });

  it('checks serviceName syntax from Kubernetes 1.33 only', () => {
    const text = statefulSet({ serviceName: 'Web_Headless' });
    assert.equal(findingsOf('sts/service-name-invalid', text, { kubernetesVersion: '1.33' }).length, 1);
    assert.equal(findingsOf('sts/service-name-invalid', text, { kubernetesVersion: '1.32' }).length, 0);
    assert.equal(findingsOf('sts/service-name-invalid', text).length, 1, 'the default targets the current release');
  });

  it('checks maxUnavailable only where the field is served (1.35 and later)', () => {
    const text = statefulSet({ spec: 'updateStrategy:\n  rollingUpdate:\n    maxUnavailable: "0%"\n' });
    assert.equal(findingsOf('sts/update-strategy-invalid', text, { kubernetesVersion: '1.35' }).length, 1);
    assert.equal(findingsOf('sts/update-strategy-invalid', text, { kubernetesVersion: '1.34' }).length, 0);
  });

  it('does not report a missing selector on legacy apps/v1beta1, which defaulted it', () => {
    const text = statefulSet({ apiVersion: 'apps/v1beta1', selector: null });
    const ids = check(text).map((f) => f.ruleId);
    assert.ok(ids.includes('manifest/removed-api'));
    assert.ok(!ids.includes('sts/selector-missing') && !ids.includes('schema/required'));
  });

  it('warns about a missing serviceName on the spec key', () => {
    const text = statefulSet({ serviceName: null });
    const [finding] = findingsOf('sts/service-name-empty', text);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(rangeIn(finding), rangeOf(text, 'spec', 'spec:'));
  });

  it('counts claim templates as volumes for mounts of init containers', () => {
    const text = statefulSet({
      podSpec: 'initContainers:\n  - name: init\n    image: busybox\n    volumeMounts: [{name: data, mountPath: /data}, {name: cfg, mountPath: /cfg}]\n',
      claimTemplates: [{ name: 'data' }],
    });
    const findings = check(text).filter((f) => /^sts\/(volume|claim)/.test(f.ruleId));
    assert.deepEqual(findings.map((f) => f.ruleId), ['sts/volume-mount-unknown']);
    assert.match(findings[0].message, /initContainers\[0\]\.volumeMounts\[1\]\.name of init container "init": Not found: "cfg"/);
  });

  it('relates a shadowing pod volume to its claim template', () => {
    const text = statefulSet({
      containers: [{ mounts: { data: '/data' } }],
      podSpec: 'volumes:\n  - name: data\n    emptyDir: {}\n',
      claimTemplates: [{ name: 'data' }],
    });
    const [finding] = findingsOf('sts/volume-shadows-claim-template', text);
    assert.equal(finding.start, text.indexOf('data\n          emptyDir'));
    assert.equal(finding.related?.[0].start, text.lastIndexOf('data\n      spec'));
  });

  it('applies the claim rules to PersistentVolumeClaims as well', () => {
    const text = persistentVolumeClaim({ name: 'data', accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], storage: '"0"' });
    assert.deepEqual(check(text).map((f) => f.ruleId), ['pvc/rwop-exclusive', 'pvc/storage-request-invalid']);
  });
});
