// Chart.yaml (helm/chart-invalid) and values files against values.schema.json (helm/values-schema),
// checked statically; chart detection and file roles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chartFileRole, chartLayouts, chartOf, sourceToUri } from '../../../server/src/engine/helm/chart';
import { checkChartYaml } from '../../../server/src/engine/helm/chart-yaml';
import { patternShape } from '../../../server/src/engine/helm/safe-regexp';
import { checkValuesFiles, coalesceValues, compileValuesSchema } from '../../../server/src/engine/helm/values-schema';
import { parseFile } from '../../../server/src/engine/yaml/parse';
import { fixturesDir } from '../../support/repo';

function chartFindings(text: string): [number, string, string][] {
  return checkChartYaml(parseFile('Chart.yaml', text)).map((finding) => [text.slice(0, finding.start).split('\n').length, finding.severity, finding.message]);
}

describe('Chart.yaml', () => {
  it('accepts the test charts', () => {
    for (const chart of ['kvdb', 'kvdb/charts/exporter', 'exec-error']) {
      const text = readFileSync(join(fixturesDir, 'helm', chart, 'Chart.yaml'), 'utf8');
      assert.deepEqual(chartFindings(text).filter(([, severity]) => severity !== 'info'), [], chart);
    }
  });

  it('reports what Helm refuses as errors, in Helm\'s words, on the field', () => {
    const found = chartFindings('apiVersion: v3\nname: a/b\nversion: 1.0.0.0\ntype: app\nkubeVersion: ">= banana"\n');
    assert.deepEqual(found.map(([line, severity]) => [line, severity]), [[1, 'error'], [2, 'error'], [3, 'error'], [4, 'error'], [5, 'error']]);
    assert.match(found[1][2], /chart\.metadata\.name "a\/b" is invalid/);
    assert.match(found[2][2], /chart\.metadata\.version "1\.0\.0\.0" is invalid/);
    assert.match(found[3][2], /chart\.metadata\.type must be application or library/);
    assert.match(found[4][2], /chart requires kubeVersion: >= banana which is incompatible/);
    assert.deepEqual(chartFindings('apiVersion: v2\nversion: 1.0.0\n').map(([line, severity, message]) => [line, severity, /name is required/.test(message)]), [[1, 'error', true]]);
  });

  it('reports what helm lint fails as warnings, and its advice as info', () => {
    const found = chartFindings('apiVersion: v2\nname: x\nversion: "1.2"\nappVersion: 1.10\ndependencie: []\n');
    assert.deepEqual(found.map(([line, severity]) => [line, severity]), [[3, 'info'], [4, 'warning'], [5, 'warning']]);
    assert.match(found[1][2], /appVersion should be of type string but it's of type float64/);
  });

  it('checks dependencies: null entries, aliases, duplicates, version constraints', () => {
    const text = 'apiVersion: v2\nname: x\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: ~17.0.0\n    repository: oci://registry\n  -\n  - name: redis\n    alias: "bad alias"\n  - name: pg\n    version: ">= x.y.z.w"\n  - name: other\n    alias: redis\n';
    assert.deepEqual(chartFindings(text).map(([line, severity]) => [line, severity]), [[8, 'error'], [10, 'error'], [12, 'error'], [14, 'error']]);
  });
});

describe('chart layout', () => {
  const layouts = chartLayouts([
    { uri: '/w/kvdb/Chart.yaml', text: 'name: kvdb\n' },
    { uri: '/w/kvdb/charts/exp/Chart.yaml', text: 'name: exporter\n' },
    { uri: '/w/other/Chart.yaml', text: 'apiVersion: v2\n' },
  ]);

  it('nests subcharts and maps Helm\'s source paths to files', () => {
    assert.deepEqual(layouts.map((layout) => layout.name), ['kvdb', 'other']);
    assert.equal(layouts[0].subcharts[0].name, 'exporter');
    assert.equal(sourceToUri('kvdb/templates/sts.yaml', layouts[0]), '/w/kvdb/templates/sts.yaml');
    assert.equal(sourceToUri('kvdb/charts/exporter/templates/svc.yaml', layouts[0]), '/w/kvdb/charts/exp/templates/svc.yaml');
    assert.equal(sourceToUri('kvdb/charts/missing/templates/svc.yaml', layouts[0]), undefined);
  });

  it('tells each file\'s role', () => {
    const role = (uri: string): string => chartFileRole(uri, chartOf(uri, layouts)!);
    assert.deepEqual(['/w/kvdb/Chart.yaml', '/w/kvdb/values.yaml', '/w/kvdb/values-prod.yaml', '/w/kvdb/values.schema.json', '/w/kvdb/templates/sts.yaml',
      '/w/kvdb/templates/_helpers.tpl', '/w/kvdb/templates/NOTES.txt', '/w/kvdb/charts/exp/templates/a.yml', '/w/kvdb/ci/values.yaml'].map(role),
    ['chart', 'values', 'values', 'values-schema', 'template', 'helper', 'notes', 'template', 'other']);
    assert.equal(chartOf('/w/kvdb/charts/exp/values.yaml', layouts)?.name, 'exporter');
    assert.equal(chartOf('/w/elsewhere.yaml', layouts), undefined);
  });
});

describe('values files against values.schema.json', () => {
  const schemaText = readFileSync(join(fixturesDir, 'helm', 'kvdb', 'values.schema.json'), 'utf8');
  const schema = compileValuesSchema(schemaText);
  const defaults = parseFile('values.yaml', readFileSync(join(fixturesDir, 'helm', 'kvdb', 'values.yaml'), 'utf8'));

  it('accepts the chart\'s own values, and reports a wrong value on its line', () => {
    assert.ok(schema.ok);
    assert.deepEqual(checkValuesFiles(schema, [{ file: defaults, defaults: true }], defaults.documents[0].value), []);
    const text = 'replicaCount: three\nimage:\n  pullPolicy: Sometimes\npersistence:\n  size: 8 gigs\n';
    const findings = checkValuesFiles(schema, [{ file: parseFile('values.yaml', text), defaults: true }], undefined);
    assert.deepEqual(findings.map((finding) => [text.slice(0, finding.start).split('\n').length, text.slice(finding.start, finding.end)]).sort(),
      [[1, 'three'], [3, 'Sometimes'], [5, '8 gigs']]);
    assert.match(findings.find((finding) => finding.message.startsWith('replicaCount'))!.message, /"three" \(a string\), but values\.schema\.json wants integer/);
  });

  it('checks another values file merged over values.yaml, and reports only what it writes', () => {
    const overlay = parseFile('values-prod.yaml', '# production\nreplicaCount: -2\nimage:\n  tag: "7.4"\n');
    const findings = checkValuesFiles(schema, [{ file: overlay, defaults: false }], defaults.documents[0].value);
    assert.deepEqual(findings.map((finding) => [finding.uri, overlay.text.slice(finding.start, finding.end)]), [['values-prod.yaml', '-2']]);
    assert.deepEqual(coalesceValues({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: null, e: 3 }, d: [2] }), { a: { c: 2, e: 3 }, d: [2] });
  });

  it('does not report required values missing from values.yaml (the user may give them), nor anything for a schema it cannot compile', () => {
    const required = compileValuesSchema('{"type":"object","required":["licenseKey"],"properties":{"licenseKey":{"type":"string"}}}');
    assert.deepEqual(checkValuesFiles(required, [{ file: parseFile('values.yaml', 'other: 1\n'), defaults: true }], undefined), []);
    for (const broken of ['{', '[]', '{"$ref":"https://example.com/remote.json"}', `${'{"items":'.repeat(100)}{}${'}'.repeat(100)}`]) {
      assert.equal(compileValuesSchema(broken).ok, false, broken.slice(0, 40));
    }
  });

  it('does not run patterns that could backtrack without end', () => {
    assert.equal(patternShape('^(a+)+$').safe, false);
    assert.equal(patternShape('^(\\w|\\d)*$').safe, false);
    assert.equal(patternShape('(?=x)').safe, false);
    assert.equal(patternShape('^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti)$').safe, true);
    const evil = compileValuesSchema('{"properties":{"a":{"type":"string","pattern":"^(a+)+$"}}}');
    assert.ok(evil.ok);
    const started = Date.now();
    assert.equal(evil.validate({ a: `${'a'.repeat(40)}!` }), true);
    assert.ok(Date.now() - started < 1000);
  });
});
