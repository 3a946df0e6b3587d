// Templates read statically: blanked parse, marks for what actions print, includes resolved from
// helpers (engine/helm/reading.ts, helpers.ts, queries.ts), on the kvdb test chart and small texts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HelperLibrary } from '../../../server/src/engine/helm/helpers';
import { dependsOnAction, isComplete, isConditional, placeOf, producedByAction } from '../../../server/src/engine/helm/queries';
import { readTemplate, type TemplateReading } from '../../../server/src/engine/helm/reading';
import { fixturesDir } from '../../support/repo';
import { fuzzedVariants } from '../../support/yaml-fuzz';

const chartDir = join(fixturesDir, 'helm', 'kvdb');
const read = (name: string): string => readFileSync(join(chartDir, 'templates', name), 'utf8');
const helpers = new HelperLibrary(['_helpers.tpl', 'statefulset.yaml'].map((name) => ({ uri: name, text: read(name) })));

function lineOf(reading: TemplateReading, offset: number): number {
  return reading.blanked.text.slice(0, offset).split('\n').length;
}

describe('reading a chart template statically', () => {
  const reading = readTemplate('statefulset.yaml', read('statefulset.yaml'), 0, Number.POSITIVE_INFINITY, helpers);
  const document = reading.documents[0];

  it('parses the blanked StatefulSet without syntax errors, literal fields intact', () => {
    assert.equal(reading.file.documents.length, 1);
    assert.deepEqual(reading.file.documents[0].syntax, []);
    const value = document.value as { kind: string; spec: { podManagementPolicy: string; template: { spec: { containers: { volumeMounts: unknown[] }[] } } } };
    assert.equal(value.kind, 'StatefulSet');
    assert.equal(value.spec.podManagementPolicy, 'Parallel');
    assert.deepEqual(value.spec.template.spec.containers[0].volumeMounts, [{ name: 'data', mountPath: '/data' }, { name: 'config', mountPath: '/etc/kvdb' }]);
  });

  it('marks values printed by actions, and leaves literal ones alone', () => {
    assert.equal(producedByAction(document, ['spec', 'replicas']), true);
    assert.equal(producedByAction(document, ['metadata', 'name']), true);
    assert.equal(producedByAction(document, ['spec', 'template', 'spec', 'containers', 0, 'image']), true);
    assert.equal(producedByAction(document, ['spec', 'podManagementPolicy']), false);
    assert.equal(producedByAction(document, ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe', 'tcpSocket', 'port']), false);
  });

  it('treats a selector filled by an include as unknown, not empty', () => {
    assert.equal(isComplete(document, ['spec', 'selector', 'matchLabels']), false);
    assert.equal(dependsOnAction(document, ['spec', 'selector']), true);
    assert.equal(isComplete(document, ['spec', 'template', 'spec', 'containers', 0, 'volumeMounts']), true);
    assert.equal(isComplete(document, ['spec', 'template', 'spec', 'containers', 0, 'env']), false);
  });

  it('marks entries written inside if/range blocks as conditional', () => {
    assert.equal(isConditional(document, ['spec', 'volumeClaimTemplates', 0, 'metadata', 'name']), true);
    assert.equal(isConditional(document, ['spec', 'template', 'spec', 'volumes', 1]), true);
    assert.equal(isConditional(document, ['spec', 'template', 'spec', 'volumes', 0]), false);
    const pdb = readTemplate('pdb.yaml', read('pdb.yaml'), 0, Number.POSITIVE_INFINITY, helpers);
    assert.equal(pdb.documents[0].conditional?.source, 'if .Values.pdb.create');
  });

  it('merges the literal labels of a resolved include where it prints', () => {
    const value = document.value as { spec: { volumeClaimTemplates: { metadata: { labels: Record<string, string> } }[] } };
    assert.deepEqual(value.spec.volumeClaimTemplates[0].metadata.labels, { 'app.kubernetes.io/component': 'storage', 'app.kubernetes.io/part-of': 'kvdb' });
    const labels = helpers.resolve('kvdb.labels');
    assert.ok(labels?.complete);
    assert.deepEqual(labels?.entries.map((entry) => entry.key).sort(), ['app.kubernetes.io/instance', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/name', 'app.kubernetes.io/version', 'helm.sh/chart']);
    assert.deepEqual(labels?.entries.filter((entry) => entry.chartVersion).map((entry) => entry.key).sort(), ['app.kubernetes.io/version', 'helm.sh/chart']);
    assert.equal(helpers.usesChartVersion('kvdb.selectorLabels'), false);
    assert.equal(helpers.usesChartVersion('kvdb.chart'), true);
  });

  it('places a path on its action, its literal line, or the include that prints it', () => {
    const replicas = placeOf(reading, 0, ['spec', 'replicas']);
    assert.equal(reading.blanked.text.length, read('statefulset.yaml').length);
    assert.equal(read('statefulset.yaml').slice(replicas.span.start, replicas.span.end), '{{ .Values.replicaCount }}');
    assert.equal(lineOf(reading, replicas.span.start), 9);
    const policy = placeOf(reading, 0, ['spec', 'podManagementPolicy']);
    assert.equal(lineOf(reading, policy.span.start), 10);
    assert.equal(policy.action, undefined);
    const chartLabel = placeOf(reading, 0, ['metadata', 'labels', 'helm.sh/chart']);
    assert.equal(chartLabel.action?.source, 'include "kvdb.labels" . | nindent 4');
    assert.equal(lineOf(reading, chartLabel.span.start), 6);
  });
});

describe('reading odd templates', () => {
  it('places keys printed by actions, and never throws on broken templates', () => {
    const reading = readTemplate('cm.yaml', 'data:\n  {{ $k }}: {{ $v }}\n  fixed: yes\n');
    assert.equal(producedByAction(reading.documents[0], ['data', 'xxxxxxxx']), true);
    assert.equal(producedByAction(reading.documents[0], ['data', 'fixed']), false);
    for (const text of ['{{ if }}\n  a: [\n{{ end', 'a:\n\t{{ x }}: y', ':\n{{- range }}\n- -\n', '{{ define "x" }}{{ define "y" }}']) {
      const broken = readTemplate('broken.yaml', text, 0, Number.POSITIVE_INFINITY, new HelperLibrary([{ uri: 'broken.yaml', text }]));
      assert.equal(broken.blanked.text.length, text.length);
    }
  });

  it('resolves nested includes, and stops on include cycles', () => {
    const library = new HelperLibrary([{ uri: '_h.tpl', text: '{{- define "a" -}}\nx: 1\n{{ include "b" . }}\n{{- end }}\n{{- define "b" -}}\ny: {{ .Chart.Version }}\n{{- end }}\n{{- define "c" }}{{ include "c" . }}{{ end }}' }]);
    const a = library.resolve('a');
    assert.deepEqual(a?.entries.map((entry) => [entry.key, entry.value, entry.chartVersion]), [['y', undefined, true], ['x', '1', false]]);
    assert.equal(library.resolve('c')?.complete, false);
  });

  it('never throws on fuzzed variants of the chart\'s templates, and keeps every offset', () => {
    const seeds = ['_helpers.tpl', 'statefulset.yaml', 'pdb.yaml', 'configmap.yaml', 'extra/users.yaml'].map(read);
    let count = 0;
    for (const text of fuzzedVariants(seeds, 400, 20261205)) {
      const library = new HelperLibrary([{ uri: '_helpers.tpl', text }, { uri: 'x.yaml', text }]);
      const reading = readTemplate('x.yaml', text, 0, Number.POSITIVE_INFINITY, library);
      assert.equal(reading.blanked.text.length, text.length);
      for (const name of library.names()) library.resolve(name);
      for (const document of reading.documents) placeOf(reading, document.index, ['spec', 'template', 'spec', 'containers', 0, 'image']);
      count++;
    }
    assert.equal(count, 400);
  });
});
