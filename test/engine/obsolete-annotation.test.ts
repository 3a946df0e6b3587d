// manifest/obsolete-annotation on YAML text: the severity per case, what the quick fixes produce (the
// finding goes, the YAML parses and holds the field), which fixes are safe, CRLF files, claim templates,
// and no finding on custom resources or where the keys never meant anything.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyFix, check, checkWorkspace, findingsOf, type CheckedFinding } from '../support/engine';
import { yamlFilesUnder } from '../support/fixtures';
import { corpusDir, fixturesDir } from '../support/repo';

const rule = 'manifest/obsolete-annotation';
const fixture = (name: string): string => readFileSync(join(fixturesDir, 'manifest/obsolete-annotation', name), 'utf8');

/** The documents of a text as plain data; fails on any YAML error, so a fix that breaks the text fails here. */
function documents(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((document) => {
    assert.deepEqual(document.errors.map((error) => error.message), []);
    return document.toJS() as Record<string, unknown>;
  });
}

function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) current = (current as Record<string | number, unknown> | undefined)?.[step];
  return current;
}

/** The finding on the line of `key`, in the `nth` occurrence of that key. */
function findingAt(findings: CheckedFinding[], text: string, key: string, nth = 0): CheckedFinding {
  let offset = -1;
  for (let seen = 0; seen <= nth; seen++) offset = text.indexOf(key, offset + 1);
  assert.ok(offset >= 0, `${key} not in the text`);
  const line = text.slice(0, offset).split('\n').length;
  const finding = findings.find((candidate) => candidate.line === line);
  assert.ok(finding, `no ${rule} finding on line ${line} (${key})`);
  return finding;
}

const headlessService = (annotations: string, spec = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: zk-hs
  annotations:
${annotations}
spec:
  clusterIP: None
  selector:
    app: zk
  ports:
    - name: server
      port: 2888
${spec}`;

describe('manifest/obsolete-annotation', () => {
  it('moves the affinity annotation of a Postgres set to spec.template.spec.affinity', () => {
    const text = fixture('invalid-postgres-affinity-annotation.yaml');
    const [finding] = findingsOf(rule, text);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /scheduler\.alpha\.kubernetes\.io\/affinity is ignored: .*1\.8 removed it.* without its podAntiAffinity \(replicas may all land on one node\)/);
    assert.equal(finding.fixes?.length, 1);
    assert.equal(finding.fixes[0].safe, false);
    const fixed = applyFix(text, finding);
    assert.deepEqual(findingsOf(rule, fixed), []);
    const set = documents(fixed)[1];
    const written = JSON.parse(String(at(documents(text)[1], 'spec', 'template', 'metadata', 'annotations', 'scheduler.alpha.kubernetes.io/affinity'))) as unknown;
    assert.deepEqual(at(set, 'spec', 'template', 'spec', 'affinity'), written);
    assert.equal(at(set, 'spec', 'template', 'metadata', 'annotations'), undefined);
    assert.deepEqual(at(set, 'spec', 'template', 'metadata', 'labels'), { app: 'postgres' });
    assert.deepEqual(check(fixed).filter((f) => f.severity === 'error'), []);
  });

  it('offers no move when the affinity JSON does not fit the field, and says why', () => {
    const text = fixture('invalid-affinity-never-implemented.yaml');
    const findings = findingsOf(rule, text);
    const zk = findingAt(findings, text, 'scheduler.alpha.kubernetes.io/affinity');
    assert.equal(zk.severity, 'warning');
    assert.match(zk.message, /affinity\.podAntiAffinity has no field "requiredDuringSchedulingRequiredDuringExecution"\): write the field by hand/);
    assert.deepEqual(zk.fixes, []);
    // Beside a different spec.affinity: still a warning (what the annotation asks for does not happen); removal only on request.
    const web = findingAt(findings, text, 'scheduler.alpha.kubernetes.io/affinity', 1);
    assert.equal(web.severity, 'warning');
    assert.match(web.message, /spec\.template\.spec\.affinity is set, differs from the annotation and is the one that applies/);
    assert.equal(web.fixes?.[0].safe, false, 'removing a stored pod template annotation replaces every pod');
    assert.equal(findingsOf(rule, applyFix(text, web)).length, 1);
  });

  it('moves init containers from the annotation to initContainers, and declines when the JSON cannot be moved', () => {
    const text = fixture('invalid-init-containers.yaml');
    const findings = findingsOf(rule, text);
    const zk = findingAt(findings, text, 'pod.beta.kubernetes.io/init-containers');
    assert.equal(zk.severity, 'warning');
    assert.match(zk.message, /Kubernetes 1\.8 stopped reading it .* the init container "install" never runs/);
    const fixed = applyFix(text, zk);
    assert.deepEqual(at(documents(fixed)[0], 'spec', 'template', 'spec', 'initContainers'), [
      { name: 'install', image: 'busybox:1.36', command: ['sh', '-c', 'cp /opt/zk/* /work-dir/'], volumeMounts: [{ name: 'workdir', mountPath: '/work-dir' }] },
    ]);
    assert.equal(findingsOf(rule, fixed).length, findings.length - 1);

    // The same init container already in the field: info, and removal is safe (the API server drops the annotation anyway).
    const web = findingAt(findings, text, 'pod.alpha.kubernetes.io/init-containers');
    assert.equal(web.severity, 'warning', 'the field holds another image: the annotation asks for something that does not happen');
    assert.equal(web.fixes?.[0].safe, true);
    const sameText = text.replace('"image": "web:1.0"', '"image": "web:2.0"');
    const same = findingAt(findingsOf(rule, sameText), sameText, 'pod.alpha.kubernetes.io/init-containers');
    assert.equal(same.severity, 'info');
    assert.match(same.message, /initContainers is set to the same value/);

    assert.deepEqual(findingAt(findings, text, 'pod.beta.kubernetes.io/init-containers', 1).fixes, [], 'not JSON');
    const backup = findingAt(findings, text, 'pod.beta.kubernetes.io/init-containers', 2);
    assert.match(backup.message, /two containers would be named "backup"/);
    assert.deepEqual(backup.fixes, []);
  });

  it('follows the release for tolerate-unready-endpoints and sets spec.publishNotReadyAddresses', () => {
    const text = headlessService('    service.alpha.kubernetes.io/tolerate-unready-endpoints: "true"');
    const severities = Object.fromEntries(['1.18', '1.23', '1.36'].map((version) => {
      const [finding] = findingsOf(rule, text, { kubernetesVersion: version });
      return [version, finding.severity];
    }));
    assert.deepEqual(severities, { '1.18': 'info', '1.23': 'warning', '1.36': 'warning' });

    const [finding] = findingsOf(rule, text);
    assert.match(finding.message, /ignored since Kubernetes 1\.24 .* not-ready pods are left out of its DNS records and endpoints/);
    assert.equal(finding.fixes?.[0].title, 'Set spec.publishNotReadyAddresses: true and remove the annotation');
    assert.equal(finding.fixes[0].safe, false, 'publishing unready pods changes what the Service does');
    const fixed = applyFix(text, finding);
    assert.deepEqual(findingsOf(rule, fixed), []);
    const [service] = documents(fixed);
    assert.equal(at(service, 'spec', 'publishNotReadyAddresses'), true);
    assert.equal(at(service, 'metadata', 'annotations'), undefined);
    assert.deepEqual(check(fixed).filter((f) => f.severity === 'error'), []);

    const [old] = findingsOf(rule, text, { kubernetesVersion: '1.18' });
    assert.equal(old.fixes?.[0].safe, true, 'before 1.19 the field does what the annotation did');
  });

  it('warns when "false" beats publishNotReadyAddresses: true in the Endpoints controller, only before 1.24', () => {
    const text = headlessService('    service.alpha.kubernetes.io/tolerate-unready-endpoints: "false"', '  publishNotReadyAddresses: true\n');
    assert.equal(findingsOf(rule, text, { kubernetesVersion: '1.23' })[0].severity, 'warning');
    const [now] = findingsOf(rule, text);
    assert.equal(now.severity, 'info');
    assert.match(now.message, /here it changes nothing \(spec\.publishNotReadyAddresses: true applies\)\. Remove it\.$/);
    const [written] = findingsOf(rule, text.replace('service.alpha.kubernetes.io/tolerate-unready-endpoints', 'publishNotReadyAddresses'));
    assert.equal(written.severity, 'info');
    assert.match(written.message, /here it changes nothing \(spec\.publishNotReadyAddresses: true applies\)/);
  });

  it('moves publishNotReadyAddresses out of a flow mapping of annotations into the spec', () => {
    const text = headlessService('    {publishNotReadyAddresses: "true", team: storage}').replace('annotations:\n    {', 'annotations: {').replace('storage}\n', 'storage}\n');
    const [finding] = findingsOf(rule, text);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /publishNotReadyAddresses is a field of the Service spec, not an annotation/);
    const fixed = applyFix(text, finding);
    assert.deepEqual(findingsOf(rule, fixed), []);
    const [service] = documents(fixed);
    assert.deepEqual(at(service, 'metadata', 'annotations'), { team: 'storage' });
    assert.equal(at(service, 'spec', 'publishNotReadyAddresses'), true);
  });

  it('reports the beta storage class as info, names the class a claim really gets, and moves it to storageClassName', () => {
    const text = fixture('invalid-storage-class.yaml');
    const findings = findingsOf(rule, text);
    assert.deepEqual([...new Set(findings.map((finding) => finding.severity))], ['info']);

    const data = findingAt(findings, text, 'volume.beta.kubernetes.io/storage-class');
    assert.match(data.message, /deprecated since Kubernetes 1\.8 \(the API server warns "metadata\.annotations\[volume\.beta\.kubernetes\.io\/storage-class\]: deprecated since v1\.8/);
    assert.equal(data.fixes?.[0].safe, true, 'an existing claim accepts moving the class to an unset storageClassName');
    const moved = applyFix(text, data);
    assert.equal(at(documents(moved)[0], 'spec', 'storageClassName'), 'fast');
    assert.equal(at(documents(moved)[0], 'metadata', 'annotations'), undefined);
    assert.equal(findingsOf(rule, moved).length, findings.length - 1);

    const logs = findingAt(findings, text, 'volume.beta.kubernetes.io/storage-class', 1);
    assert.match(logs.message, /PersistentVolumeClaim "logs" uses StorageClass "fast", not "slow"/);
    assert.deepEqual(logs.fixes?.map((fix) => [fix.title, !!fix.safe]), [
      ['Set spec.storageClassName to "fast" (the class in use) and remove the annotation', false],
      ['Remove the annotation (use "slow")', false],
    ]);
    const kept = applyFix(text, logs, 0);
    assert.equal(at(documents(kept)[1], 'spec', 'storageClassName'), 'fast');
    assert.equal(findingsOf(rule, kept).length, findings.length - 1);
  });

  it('on claim templates: no API server warning quoted for the StatefulSet, no unasked fix, and the fix writes the template', () => {
    const text = fixture('invalid-storage-class.yaml');
    const findings = findingsOf(rule, text);
    const beta = findingAt(findings, text, 'volume.beta.kubernetes.io/storage-class', 3);
    assert.match(beta.message, /\(on each claim made from this template, the API server warns /);
    assert.match(beta.message, /Claim templates are immutable/);
    assert.equal(beta.fixes?.[0].safe, false);
    const moved = applyFix(text, beta);
    assert.equal(at(documents(moved)[3], 'spec', 'volumeClaimTemplates', 1, 'spec', 'storageClassName'), 'fast');
    assert.deepEqual(at(documents(moved)[3], 'spec', 'volumeClaimTemplates', 1, 'metadata', 'annotations'), { 'volume.alpha.kubernetes.io/storage-class': 'anything' });

    const alpha = findingAt(findings, text, 'volume.alpha.kubernetes.io/storage-class');
    assert.match(alpha.message, /1\.6 removed alpha dynamic provisioning .* claim template "datadir" gets the cluster's default StorageClass/);
    assert.equal(alpha.fixes?.[0].safe, false);
    const removed = applyFix(text, alpha);
    assert.deepEqual(at(documents(removed)[3], 'spec', 'volumeClaimTemplates', 0, 'metadata'), { name: 'datadir' });
    assert.equal(findingsOf(rule, removed).length, findings.length - 1);
    const second = findingAt(findings, text, 'volume.alpha.kubernetes.io/storage-class', 1);
    assert.match(second.message, /the annotation volume\.beta\.kubernetes\.io\/storage-class: "fast" decides the class of claim template "logdir"/);
  });

  it('keeps CRLF line breaks in what the fixes write', () => {
    const texts = [
      headlessService('    service.alpha.kubernetes.io/tolerate-unready-endpoints: "true"\n    team: storage'),
      fixture('invalid-postgres-affinity-annotation.yaml'),
      fixture('invalid-storage-class.yaml'),
    ].map((text) => text.replace(/\n/g, '\r\n'));
    for (const text of texts) {
      const findings = findingsOf(rule, text);
      assert.ok(findings.length > 0);
      for (const finding of findings) {
        for (const [index] of (finding.fixes ?? []).entries()) {
          const fixed = applyFix(text, finding, index);
          assert.doesNotMatch(fixed, /[^\r]\n/, `${finding.fixes?.[index].title}: a bare LF in a CRLF file`);
          documents(fixed);
          assert.equal(findingsOf(rule, fixed).length, findings.length - 1, finding.fixes?.[index].title);
        }
      }
    }
    const [service] = documents(applyFix(texts[0], findingsOf(rule, texts[0])[0]));
    assert.equal(at(service, 'spec', 'publishNotReadyAddresses'), true);
  });

  it('never reports custom resources, other keys, these keys where they never meant anything, or values schema/type rejects', () => {
    const custom = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
  annotations:
    service.alpha.kubernetes.io/tolerate-unready-endpoints: "true"
    publishNotReadyAddresses: "true"
spec:
  template:
    metadata:
      annotations:
        scheduler.alpha.kubernetes.io/affinity: '{"podAntiAffinity": {}}'
        pod.beta.kubernetes.io/init-containers: '[{"name": "a", "image": "b"}]'
    spec:
      containers:
        - image: hello:1.0
---
apiVersion: example.com/v1
kind: PersistentVolumeClaim
metadata:
  name: disk
  annotations:
    volume.beta.kubernetes.io/storage-class: fast
    volume.alpha.kubernetes.io/storage-class: anything
`;
    assert.deepEqual(findingsOf(rule, custom), []);
    assert.deepEqual(findingsOf(rule, fixture('valid-custom-resources.yaml')), []);
    assert.deepEqual(findingsOf(rule, fixture('valid-fields-and-other-annotations.yaml')), []);
    // Keys that name properties of every JavaScript object.
    assert.deepEqual(findingsOf(rule, headlessService('    constructor: "a"\n    toString: "b"\n    __proto__: "c"')), []);
    const notString = headlessService('    publishNotReadyAddresses: true');
    assert.deepEqual(findingsOf(rule, notString), []);
    assert.ok(check(notString).some((finding) => finding.ruleId === 'schema/type'), 'the API server rejects a boolean annotation value');
  });
});

describe('manifest/obsolete-annotation on the real-world corpus', { skip: existsSync(corpusDir) ? false : `no corpus at ${corpusDir}` }, () => {
  it('finds the obsolete annotations of the old examples, and nothing else', () => {
    const files = Object.fromEntries(yamlFilesUnder(corpusDir).map((path) => [relative(corpusDir, path), readFileSync(path, 'utf8')]));
    const found = [...checkWorkspace(files)].flatMap(([file, findings]) => findings
      .filter((finding) => finding.ruleId === rule)
      .map((finding) => `${finding.severity} ${file.split('/').pop()}:${finding.line}`));
    assert.deepEqual(found.sort(), [
      // Headless Services that publish starting members only through the annotation removed in 1.24.
      'warning test__e2e__testing-manifests__statefulset__cockroachdb__service.yaml:18',
      'warning test__e2e__testing-manifests__statefulset__multivolumezk__service.yaml:6',
      // Init containers (install, bootstrap) given only as the alpha annotation: they never run.
      'warning test__e2e__testing-manifests__statefulset__multivolumezk__statefulset.yaml:13',
      // Claim templates with the alpha storage class annotation (no meaning since 1.6).
      'info test__e2e__testing-manifests__statefulset__multivolumezk__statefulset.yaml:105',
      'info test__e2e__testing-manifests__statefulset__multivolumezk__statefulset.yaml:114',
      'info test__e2e__testing-manifests__statefulset__multivolumezk__statefulset.yaml:123',
      'info test__e2e__testing-manifests__statefulset__zookeeper__statefulset.yaml:82',
      // Claim templates choosing their class through the beta annotation (still read, deprecated).
      'info example__StatefulSet__mongo-statefulset.yaml:67',
      'info databases__cassandra__cassandra-statefulset.yaml:102',
      'info test__e2e__testing-manifests__statefulset__nginx__statefulset.yaml:29',
    ].sort());
  });
});
