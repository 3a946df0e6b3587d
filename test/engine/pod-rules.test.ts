// The pod template, Service and StorageClass rules on YAML strings: exact ranges, severities, and the
// exact text of their quick fixes (each fixed text re-checked).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, checkWorkspace, findingsOf } from '../support/engine';
import { headlessService, service, statefulSet, storageClass } from '../support/manifests';
import { lineColumnOf, rangeIn, rangeOf } from '../support/positions';

/** The StatefulSet `web` with the given containers (the list as YAML, unindented). */
const sts = (containers: string): string => statefulSet({ containers });

/** A Service `web` without selector, with the given lines of spec (unindented). */
const serviceWith = (spec: string): string => service({ selector: null, spec });

/** The rule ids of all error findings. */
const errors = (text: string): string[] => check(text).filter((f) => f.severity === 'error').map((f) => f.ruleId);

describe('pod/container-name-invalid', () => {
  it('underlines the name value and renames it to a valid label, keeping the quotes', () => {
    const text = sts('- name: "Web_Server"\n  image: nginx:1.27\n');
    const [finding] = findingsOf('pod/container-name-invalid', text);
    assert.deepEqual(rangeIn(finding), rangeOf(text, '"Web_Server"'));
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^ {8}- name: "web-server"$/m);
    assert.deepEqual(errors(fixed), []);
  });

  it('offers no rename that would clash with another container', () => {
    const text = sts('- name: web-server\n  image: a\n- name: Web-Server\n  image: b\n');
    const [finding] = findingsOf('pod/container-name-invalid', text);
    assert.deepEqual(finding.fixes, []);
  });
});

describe('pod/port-name-duplicate', () => {
  const text = sts(`- name: a
  image: a
  ports:
    - {name: http, containerPort: 80}
    - {name: http, containerPort: 81}
    - {name: metrics, containerPort: 9090}
- name: b
  image: b
  ports:
    - {name: metrics, containerPort: 9091}
`);

  it('is an error within a container and a warning across containers, under one rule id', () => {
    const findings = findingsOf('pod/port-name-duplicate', text);
    const lineOf = (needle: string): number => lineColumnOf(text, needle).line;
    assert.deepEqual(findings.map((f) => [f.line, f.severity]), [[lineOf('{name: http, containerPort: 81}'), 'error'], [lineOf('{name: metrics, containerPort: 9091}'), 'warning']]);
    assert.equal(findings[1].related?.[0].message, '"metrics" is first declared here, by container "a"');
  });

  it('lets a per-rule override set the severity of both', () => {
    const findings = findingsOf('pod/port-name-duplicate', text, { rules: { 'pod/port-name-duplicate': 'info' } });
    assert.deepEqual(findings.map((f) => f.severity), ['info', 'info']);
  });
});

describe('pod/port-name-invalid', () => {
  it('renames the port and the probes of the container that use it, in one fix', () => {
    const text = sts(`- name: web
  image: nginx:1.27
  ports:
    - name: HTTP
      containerPort: 80
  livenessProbe:
    httpGet: {path: /, port: HTTP}
  readinessProbe:
    tcpSocket:
      port: 'HTTP'
`);
    const findings = findingsOf('pod/port-name-invalid', text);
    assert.equal(findings.length, 3);
    const fixed = applyFix(text, findings[0]);
    assert.match(fixed, /- name: http\n/);
    assert.match(fixed, /httpGet: \{path: \/, port: http\}/);
    assert.match(fixed, /port: 'http'\n/);
    assert.deepEqual(errors(fixed), []);
  });

  it('drops the quotes of a quoted probe port number (a safe fix)', () => {
    const text = sts('- name: web\n  image: nginx:1.27\n  readinessProbe:\n    httpGet:\n      port: "8080"\n');
    const [finding] = findingsOf('pod/port-name-invalid', text);
    assert.deepEqual({ line: finding.line, column: finding.column }, lineColumnOf(text, '"8080"'));
    assert.equal(finding.fixes?.[0].safe, true);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^ {14}port: 8080$/m);
    assert.deepEqual(errors(fixed), []);
  });
});

describe('pod/image-missing', () => {
  it('is a warning for padded images in templates and an error for bare Pods, trimmed by a safe fix', () => {
    const template = sts('- name: web\n  image: " nginx:1.27"\n');
    const [warning] = findingsOf('pod/image-missing', template);
    assert.equal(warning.severity, 'warning');
    assert.match(applyFix(template, warning), /image: "nginx:1\.27"/);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: web\n      image: "nginx:1.27 "\n';
    assert.equal(findingsOf('pod/image-missing', pod)[0].severity, 'error');
  });
});

describe('pod/probe-port-unknown', () => {
  it('suggests the closest port name of the same container first', () => {
    const text = sts(`- name: es
  image: es
  ports: [{name: transport, containerPort: 9300}]
  livenessProbe:
    tcpSocket: {port: transprt}
`);
    const [finding] = findingsOf('pod/probe-port-unknown', text);
    assert.equal(finding.fixes?.[0].title, 'Change to port "transport"');
    assert.deepEqual(check(applyFix(text, finding)).filter((f) => f.ruleId === 'pod/probe-port-unknown'), []);
  });
});

describe('pod/resources-request-exceeds-limit', () => {
  it('points at the request, relates the limit, and offers both directions keeping the user\'s notation', () => {
    const text = sts(`- name: db
  image: postgres
  resources:
    requests: {memory: 2Gi}
    limits: {memory: "1.5Gi"}
`);
    const [finding] = findingsOf('pod/resources-request-exceeds-limit', text);
    assert.equal(finding.line, lineColumnOf(text, 'requests:').line);
    assert.equal(finding.related?.length, 1);
    assert.match(applyFix(text, finding, 0), /requests: \{memory: 1\.5Gi\}/);
    assert.match(applyFix(text, finding, 1), /limits: \{memory: "2Gi"\}/);
  });
});

describe('pod/probe-handler', () => {
  it('removes an extra handler with its lines', () => {
    const text = sts(`- name: db
  image: postgres
  readinessProbe:
    exec:
      command: [pg_isready]
    tcpSocket:
      port: 5432
    periodSeconds: 5
`);
    const [finding] = findingsOf('pod/probe-handler', text);
    assert.equal(finding.line, lineColumnOf(text, 'tcpSocket').line);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /command: \[pg_isready\]\n {12}periodSeconds: 5\n$/);
    assert.deepEqual(errors(fixed), []);
  });
});

describe('svc/name-invalid', () => {
  it('follows the targeted Kubernetes version (RelaxedServiceNameValidation from 1.36)', () => {
    const text = headlessService({ name: '1db' });
    assert.equal(findingsOf('svc/name-invalid', text, { kubernetesVersion: '1.35' }).length, 1);
    assert.equal(findingsOf('svc/name-invalid', text, { kubernetesVersion: '1.36' }).length, 0);
    assert.equal(findingsOf('svc/name-invalid', text, { kubernetesVersion: '1.37' }).length, 0);
  });

  it('lowercases and replaces illegal characters when that gives a valid name', () => {
    const text = headlessService({ name: 'My_DB' });
    const [finding] = findingsOf('svc/name-invalid', text);
    assert.match(applyFix(text, finding), /name: my-db\n/);
  });
});

describe('svc/headless-type', () => {
  const text = serviceWith(`type: NodePort
clusterIP: None
externalTrafficPolicy: Local
ports:
  - name: http
    nodePort: 30080
    port: 80
  - nodePort: 30443
    name: https
    port: 443
`);

  it('makes the Service a headless ClusterIP one, removing what only NodePort Services may have', () => {
    const [finding] = findingsOf('svc/headless-type', text);
    assert.equal(finding.line, lineColumnOf(text, 'type: NodePort').line);
    assert.equal(finding.related?.[0].message, 'clusterIP "None" makes the Service headless');
    assert.equal(applyFix(text, finding, 0), serviceWith(`type: ClusterIP
clusterIP: None
ports:
  - name: http
    port: 80
  - name: https
    port: 443
`));
  });

  it('or keeps the type and drops clusterIP: None', () => {
    const [finding] = findingsOf('svc/headless-type', text);
    const fixed = applyFix(text, finding, 1);
    assert.doesNotMatch(fixed, /clusterIP/);
    assert.deepEqual(findingsOf('svc/headless-type', fixed), []);
  });
});

describe('svc/port-name-missing', () => {
  it('inserts a name as the first key, in block and in flow style', () => {
    const block = serviceWith('ports:\n  - port: 80\n    targetPort: http\n  - name: b\n    port: 81\n');
    const [first] = findingsOf('svc/port-name-missing', block);
    assert.deepEqual({ line: first.line, column: first.column }, lineColumnOf(block, 'port: 80'));
    assert.match(applyFix(block, first), / {4}- name: http\n {6}port: 80\n/);
    const flow = serviceWith('ports: [{port: 53, protocol: UDP}, {name: b, port: 81}]\n');
    const [second] = findingsOf('svc/port-name-missing', flow);
    assert.match(applyFix(flow, second), /\[\{name: port-53-udp, port: 53, protocol: UDP\}/);
  });
});

describe('sc/multiple-defaults', () => {
  it('relates each default to the others across files and un-defaults one by a fix', () => {
    const sc = (name: string): string => storageClass({ name, isDefault: true });
    const results = checkWorkspace({ 'a.yaml': sc('fast'), 'b.yaml': sc('slow') });
    const [a] = (results.get('a.yaml') ?? []).filter((f) => f.ruleId === 'sc/multiple-defaults');
    assert.equal(a.severity, 'warning');
    assert.equal(a.line, lineColumnOf(sc('fast'), 'is-default-class').line);
    assert.equal(a.related?.[0].uri, 'b.yaml');
    const fixed = applyFix(sc('fast'), a);
    assert.match(fixed, /is-default-class: "false"/);
    const after = checkWorkspace({ 'a.yaml': fixed, 'b.yaml': sc('slow') });
    assert.deepEqual([...after.values()].flat().filter((f) => f.ruleId === 'sc/multiple-defaults'), []);
  });
});
