// Real `helm template` (Helm 3.17.2 and 4.1.4) through the runner, and its output and errors mapped
// back to template lines: provenance of rendered fields, and one render error per failing chart, at
// the place each version of Helm names.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeRendered, renderedBuild } from '../../server/src/engine/helm/render';
import { renderFailureProblems } from '../../server/src/engine/helm/render-failure';
import type { BuildProblem, BuiltObject } from '../../server/src/engine/model/provenance';
import type { DataPath } from '../../server/src/engine/yaml/nodes';
import { runHelmTemplate } from '../../server/src/tools/helm-runner';
import { helmBinary, helmFixtures, helmReleases, lineOfOffset, loadChart, type LoadedChart } from '../support/helm';

function at(chart: LoadedChart, uri: string, span: { start: number; end: number } | undefined): { file: string; line: number; text: string } {
  const text = chart.texts.get(uri) ?? '';
  return { file: uri.slice(chart.dir.length + 1), line: span ? lineOfOffset(text, span.start) : 0, text: span ? text.slice(span.start, span.end) : '' };
}

async function render(helm: string, name: string, valuesFiles: string[] = []): Promise<{ chart: LoadedChart; objects: BuiltObject[]; problems: BuildProblem[] }> {
  const chart = loadChart(join(helmFixtures, name), valuesFiles);
  const result = await runHelmTemplate({ helm, chartDir: chart.dir, valuesFiles });
  if (result.ok) {
    const build = renderedBuild({ chart: chart.layout, output: result.stdout, template: (uri) => chart.readings.get(uri), label: name, inputs: [...chart.texts.keys()] });
    return { chart, objects: build.objects, problems: [] };
  }
  assert.equal(result.reason, 'failed', `helm did not run: ${'message' in result ? result.message : ''}`);
  return { chart, objects: [], problems: renderFailureProblems(result.stderr, result.stdout, chart.context) };
}

function find(objects: BuiltObject[], kind: string, name?: string): BuiltObject {
  const found = objects.find((object) => object.value.kind === kind && (name === undefined || (object.value.metadata as { name?: string }).name === name));
  assert.ok(found, `no rendered ${kind} ${name ?? ''}`);
  return found;
}

for (const { release, version } of helmReleases) {
  describe(`helm ${version} (${release}): rendered chart with provenance`, () => {
    let helm = '';
    let scratch = '';
    before(async () => {
      helm = await helmBinary(release);
      scratch = mkdtempSync(join(tmpdir(), 'sts-helm-test-'));
    });
    after(() => rmSync(scratch, { recursive: true, force: true }));

    const originOf = (chart: LoadedChart, object: BuiltObject, path: DataPath) => {
      const origin = object.originOf(path);
      return { ...at(chart, origin.uri, origin.span), action: origin.action };
    };

    it('places rendered fields on the action or literal line that wrote them', async () => {
      const values = join(scratch, 'replicas.yaml');
      writeFileSync(values, 'replicaCount: 5\nextraEnv:\n  - name: MODE\n    value: cluster\n  - name: LOG_LEVEL\n    value: debug\n');
      const { chart, objects } = await render(helm, 'kvdb', [values]);
      const sts = find(objects, 'StatefulSet');
      assert.equal((sts.value.spec as { replicas: number }).replicas, 5);
      assert.deepEqual(originOf(chart, sts, ['spec', 'replicas']), { file: 'templates/statefulset.yaml', line: 9, text: '{{ .Values.replicaCount }}', action: '.Values.replicaCount' });
      assert.equal(describeRendered(sts, ['spec', 'replicas']), 'replicas: 5');
      assert.deepEqual(originOf(chart, sts, ['spec', 'podManagementPolicy']), { file: 'templates/statefulset.yaml', line: 10, text: 'Parallel', action: undefined });
      const label = originOf(chart, sts, ['metadata', 'labels', 'helm.sh/chart']);
      assert.deepEqual([label.line, label.action], [6, 'include "kvdb.labels" . | nindent 4']);
      // env[1] and env[2] come from the range over extraEnv (env[0] is the password from the if block).
      assert.equal(originOf(chart, sts, ['spec', 'template', 'spec', 'containers', 0, 'env', 2, 'value']).line, 47);
      assert.equal(originOf(chart, sts, ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'valueFrom', 'secretKeyRef', 'key']).line, 43);
      assert.equal(originOf(chart, sts, ['spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage']).line, 85);
      assert.equal(originOf(chart, sts, []).line, 1);
    });

    it('maps documents of loops, of conditional templates and of subcharts to their templates', async () => {
      const { chart, objects } = await render(helm, 'kvdb');
      const users = objects.filter((object) => object.origin.uri.endsWith('/templates/extra/users.yaml'));
      assert.equal(users.length, 2);
      for (const user of users) assert.equal(originOf(chart, user, ['data', 'acl']).line, 8);
      const exporter = find(objects, 'Service', 'release-name-exporter');
      assert.deepEqual(originOf(chart, exporter, ['spec', 'ports', 0, 'port']), { file: 'charts/exporter/templates/service.yaml', line: 8, text: '{{ .Values.port }}', action: '.Values.port' });
      const pdb = find(objects, 'PodDisruptionBudget');
      assert.equal(originOf(chart, pdb, ['spec', 'minAvailable']).line, 9);
      const headless = find(objects, 'Service', 'release-name-kvdb-headless');
      assert.equal(originOf(chart, headless, ['spec', 'clusterIP']).line, 8);
    });

    const failures: [string, string, number, string | RegExp, RegExp][] = [
      ['exec-error', 'templates/statefulset.yaml', 12, '{{ .Values.image.repository }}', /nil pointer evaluating interface \{\}\.repository/],
      ['required-error', 'templates/statefulset.yaml', 13, '{{ include "required-error.size" . }}', /persistence\.size is required/],
      ['fail-error', 'templates/statefulset.yaml', 2, '{{- fail "set storageClass: this chart needs a StorageClass with volume expansion" }}', /needs a StorageClass/],
      ['parse-error', 'templates/statefulset.yaml', 6, '{{- if .Values.replicas }}', /has no \{\{ end \}\}/],
      ['unknown-function', 'templates/statefulset.yaml', 4, /^ {2}name: /, /function "toLowerCase" not defined/],
      ['yaml-error', 'templates/statefulset.yaml', 18, 'command: ["sleep"]', /did not find expected '-' indicator/],
      ['helper-error', 'templates/_helpers.tpl', 2, '{{- .Values.name.first | trunc 63 }}', /nil pointer.*included from helper-error\/templates\/configmap\.yaml:4/],
    ];
    for (const [name, file, line, text, message] of failures) {
      it(`reports ${name} at ${file}:${line}`, async () => {
        const { chart, problems } = await render(helm, name);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        const [problem] = problems;
        assert.equal(problem.ruleId, 'helm/render-error');
        const place = at(chart, problem.origin.uri, problem.origin.span);
        assert.equal(`${place.file}:${place.line}`, `${file}:${line}`, problem.message);
        if (typeof text === 'string') assert.equal(place.text.trim(), text);
        else assert.match(chart.texts.get(problem.origin.uri)!.split('\n')[line - 1], text);
        assert.match(problem.message, message);
      });
    }

    it('reports values that values.schema.json rejects on their lines, in values.yaml and in a -f file', async () => {
      const { chart, problems } = await render(helm, 'schema-error');
      const places = problems.map((problem) => `${at(chart, problem.origin.uri, problem.origin.span).file}:${at(chart, problem.origin.uri, problem.origin.span).line}`).sort();
      assert.deepEqual(places, ['values.yaml:1', 'values.yaml:3']);
      const override = join(scratch, 'bad.yaml');
      writeFileSync(override, '# production\nreplicaCount: -1\n');
      const bad = await render(helm, 'kvdb', [override]);
      assert.equal(bad.problems.length, 1, JSON.stringify(bad.problems));
      assert.equal(bad.problems[0].origin.uri, override);
      assert.equal(lineOfOffset(bad.chart.texts.get(override)!, bad.problems[0].origin.span!.start), 2);
      assert.match(bad.problems[0].message, /replicaCount/);
    });
  });
}
