// The foundation's rules on YAML strings: rule ids and exact positions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, check, findingsOf } from '../support/engine';
import { documents, headlessService, statefulSet, type StatefulSetOptions } from '../support/manifests';
import { lineColumnOf, rangeIn, rangeOf } from '../support/positions';

/** The StatefulSet `web` with more lines of spec (unindented) or other options, and its headless Service. */
const sts = (spec = '', options: StatefulSetOptions = {}): string => documents(statefulSet({ spec, ...options }), headlessService());

describe('schema rules', () => {
  it('underlines an unknown field key and suggests the closest allowed key', () => {
    const text = sts('replica: 3\n');
    const [finding] = findingsOf('schema/unknown-field', text);
    assert.deepEqual(rangeIn(finding), rangeOf(text, 'replica', 'replica: 3'));
    assert.match(finding.message, /"replica".*StatefulSetSpec.*Did you mean "replicas"/);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^ {2}replicas: 3$/m);
    assert.deepEqual(check(fixed).map((f) => f.ruleId), []);
  });

  it('reports a quoted number where an integer is expected, on the value, and says to remove the quotes', () => {
    const text = sts('replicas: "3"\n');
    const [finding] = findingsOf('schema/type', text);
    assert.deepEqual({ line: finding.line, column: finding.column }, lineColumnOf(text, '"3"'));
    assert.match(finding.message, /spec\.replicas must be an integer, not the string "3"\. Remove the quotes/);
  });

  it('reports a missing required field on the key of the object it is missing from', () => {
    const text = sts().replace('        - name: web\n          image:', '        - image:');
    const [finding] = findingsOf('schema/required', text);
    assert.ok(finding, 'a finding');
    assert.deepEqual({ line: finding.line, column: finding.column }, lineColumnOf(text, 'image: nginx'));
    assert.match(finding.message, /Missing required field "name" in spec\.template\.spec\.containers\[0\] \(Container\)\. Add "name" to this item/);
  });

  it('reports a missing top-level requirement of a kind on its kind', () => {
    const [finding] = findingsOf('schema/required', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: x\nspec:\n  serviceName: x\n');
    assert.ok(finding);
    assert.equal(finding.line, 5);
  });

  it('offers the allowed values of an enum, closest (case-only) first', () => {
    const text = sts('podManagementPolicy: parallel\n');
    const [finding] = findingsOf('schema/enum', text);
    assert.deepEqual({ line: finding.line, column: finding.column }, lineColumnOf(text, 'parallel'));
    assert.equal(finding.fixes?.[0].title, 'Change to "Parallel"');
    assert.equal(finding.fixes?.[0].preferred, true);
    assert.deepEqual(check(applyFix(text, finding)), []);
  });

  it('checks Quantity syntax and accepts plain numbers', () => {
    const limits = (size: string): string => sts('', { containers: [{ lines: `resources:\n  limits:\n    memory: ${size}\n` }] });
    for (const bad of ['2GB', '1gi', '1K', 'lots']) {
      assert.equal(findingsOf('schema/format', limits(bad)).length, 1, bad);
    }
    for (const good of ['2Gi', '1G', '500Mi', '100m', '1e3', '1073741824']) {
      assert.deepEqual(findingsOf('schema/format', limits(good)), [], good);
    }
  });

  it('leaves a malformed claim size to pvc/storage-request-invalid: one problem, one diagnostic', () => {
    const claim = sts('', { claimTemplates: [{ name: 'data', storage: '2GB' }] });
    const size = lineColumnOf(claim, '2GB').line;
    assert.deepEqual(check(claim).filter((f) => f.line === size).map((f) => f.ruleId), ['pvc/storage-request-invalid']);
  });

  it('accepts int-or-string ports and rejects a boolean', () => {
    const svc = (target: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n      targetPort: ${target}\n`;
    assert.deepEqual(check(svc('8080')), []);
    assert.deepEqual(check(svc('http')), []);
    assert.deepEqual(findingsOf('schema/format', svc('true')).map((f) => f.line), [8]);
  });

  it('treats a null field as unset, as the API server does', () => {
    assert.deepEqual(check(sts('updateStrategy:\n')), []);
  });

  it('validates through anchors, aliases and merge keys', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels: &labels
    app: web
spec:
  selector: *labels
  ports:
    - &http
      name: http
      port: 80
    - <<: *http
      name: metrics
      prot: 9090
`;
    const findings = check(text);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line, f.column]), [['schema/unknown-field', 15, 7]]);
  });

  it('explains an alias whose anchor is in another document', () => {
    const [finding] = findingsOf('yaml/syntax', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l {app: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels: *l\n');
    assert.match(finding.message, /anchor/);
    assert.doesNotMatch(finding.message, /excessive/);
  });

  it('leaves unknown kinds (CRDs) alone', () => {
    assert.deepEqual(check('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: [1, 2]\n'), []);
  });
});

describe('fixes of the foundation rules', () => {
  it('inserts a missing required key with a placeholder of the right shape, and the error is gone', () => {
    const text = sts().replace('        - name: web\n          image:', '        - image:');
    const [finding] = findingsOf('schema/required', text);
    assert.equal(finding.fixes?.[0].title, 'Add the required field "name"');
    assert.equal(finding.fixes?.[0].edits[0].snippet, true);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^ {10}name: name$/m);
    assert.deepEqual(check(fixed).filter((f) => f.severity === 'error'), []);
  });

  it('fills in the required fields of a missing object', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: http\n      targetPort: 8080\n';
    const [finding] = findingsOf('schema/required', text);
    const fixed = applyFix(text, finding);
    assert.equal(fixed, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: http\n      targetPort: 8080\n      port: 1\n');
  });

  it('moves a removed apps/v1beta1 StatefulSet to apps/v1 and adds the selector from the template labels', () => {
    const text = statefulSet({ apiVersion: 'apps/v1beta1', selector: null });
    const [finding] = findingsOf('manifest/removed-api', text);
    assert.equal(finding.fixes?.[0].title, 'Change apiVersion to apps/v1 and add spec.selector from the template labels');
    const fixed = applyFix(text, finding);
    assert.match(fixed, /^apiVersion: apps\/v1\n/);
    assert.match(fixed, /\n {2}selector:\n {4}matchLabels:\n {6}app: web\n/);
    assert.deepEqual(check(fixed).filter((f) => f.severity === 'error' || f.ruleId.startsWith('sts/selector')), []);
  });

  it('offers no automatic migration where the schema changed (Ingress)', () => {
    const [finding] = findingsOf('manifest/removed-api', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: x\n');
    assert.equal(finding.fixes, undefined);
  });
});

describe('manifest rules', () => {
  it('names the release that removed an apiVersion and the replacement', () => {
    const [finding] = findingsOf('manifest/removed-api', 'apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata:\n  name: x\n');
    assert.equal(finding.line, 1);
    assert.equal(finding.column, 13);
    assert.match(finding.message, /Kubernetes 1\.16 removed it\. Use apps\/v1/);
  });

  it('warns on a mapping without apiVersion and kind, not on an empty document', () => {
    const findings = findingsOf('manifest/missing-kind', '---\n# only a comment\n---\nmetadata:\n  name: x\nspec: {}\n');
    assert.deepEqual(findings.map((f) => [f.line, f.severity]), [[4, 'warning']]);
  });

  it('says which of apiVersion and kind is missing', () => {
    const [finding] = findingsOf('manifest/missing-kind', 'apiVersion: v1\nmetadata:\n  name: x\nspec: {}\n');
    assert.match(finding.message, /no kind/);
    assert.doesNotMatch(finding.message, /no apiVersion/);
  });
});

describe('yaml rules', () => {
  it('reports a syntax error where the parser stopped', () => {
    const findings = findingsOf('yaml/syntax', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n');
    assert.ok(findings.length >= 1);
    assert.ok(findings[0].line >= 4);
  });

  it('reports a duplicate key on the second key, whole', () => {
    const [finding] = findingsOf('yaml/duplicate-key', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    assert.deepEqual([finding.line, finding.column, finding.endColumn], [5, 3, 7]);
  });

  it('gives one information note for a Helm template and checks nothing else in it', () => {
    const findings = check('apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  replicas: {{ .Values.replicas }}\n');
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.line]), [['yaml/template', 'info', 4]]);
  });

  it('does not mistake a Go template inside a block scalar for a Helm file', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  template: |\n    {{ $labels.instance }} is down\n';
    assert.deepEqual(check(text), []);
  });

  it('refuses an alias bomb with a clear message instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
    const started = Date.now();
    const findings = findingsOf('yaml/syntax', lines.join('\n') + '\n');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /alias/i);
    assert.ok(Date.now() - started < 30000);
  });

  it('accepts a multi-line quoted value whose closing line is at the key indentation (as Go YAML does)', () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    note: '[\n        1,\n        2\n    ]'\ndata:\n  a: b\n";
    assert.deepEqual(check(text), []);
  });
});

describe('suppression comments and severity overrides', () => {
  const text = sts('replica: 3 # statefulset-lint-disable-line schema/unknown-field\n');
  it('silences a rule on one line', () => {
    assert.deepEqual(findingsOf('schema/unknown-field', text), []);
  });
  it('silences a rule on the next line and for a whole document', () => {
    assert.deepEqual(findingsOf('schema/unknown-field', sts('# statefulset-lint-disable-next-line\nreplica: 3\n')), []);
    assert.deepEqual(findingsOf('schema/unknown-field', '# statefulset-lint-disable schema/unknown-field\n' + sts('replica: 3\n')), []);
    assert.equal(findingsOf('schema/unknown-field', '# statefulset-lint-disable schema/type\n' + sts('replica: 3\n')).length, 1);
  });
  it('applies severity overrides and turns rules off', () => {
    assert.equal(findingsOf('schema/unknown-field', sts('replica: 3\n'), { rules: { 'schema/unknown-field': 'warning' } })[0].severity, 'warning');
    assert.deepEqual(findingsOf('schema/unknown-field', sts('replica: 3\n'), { rules: { 'schema/unknown-field': 'off' } }), []);
  });
});
