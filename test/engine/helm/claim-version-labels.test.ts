// sts/claim-template-version-label: the quick fix on plain manifests, and the static detector on
// chart templates (literal labels, labels printed from .Chart.Version/.AppVersion, included helpers).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { templateClaimVersionLabels } from '../../../server/src/engine/helm/claim-version-labels';
import { HelperLibrary } from '../../../server/src/engine/helm/helpers';
import { readTemplate } from '../../../server/src/engine/helm/reading';
import { applyFix, findingsOf } from '../../support/engine';
import { statefulSet as statefulSetOf, type Labels } from '../../support/manifests';
import { lineOf } from '../../support/positions';
import { fixturesDir } from '../../support/repo';

const rule = 'sts/claim-template-version-label';
const chartDir = join(fixturesDir, 'helm', 'kvdb', 'templates');
const helpersText = readFileSync(join(chartDir, '_helpers.tpl'), 'utf8');
const statefulSet = readFileSync(join(chartDir, 'statefulset.yaml'), 'utf8');

function detect(template: string): { line: number; text: string; labels: string[]; message: string }[] {
  const helpers = new HelperLibrary([{ uri: '_helpers.tpl', text: helpersText }, { uri: 'sts.yaml', text: template }]);
  const reading = readTemplate('sts.yaml', template, 0, Number.POSITIVE_INFINITY, helpers);
  return templateClaimVersionLabels(reading, helpers).map((found) => ({
    line: template.slice(0, found.span.start).split('\n').length, text: template.slice(found.span.start, found.span.end), labels: found.labels, message: found.message,
  }));
}

/** The StatefulSet db whose claim template `data` has the given labels. */
const claimLabelled = (labels: Labels): string => statefulSetOf({
  name: 'db', containers: [{ name: 'db', image: 'postgres:16', mounts: { data: '/data' } }], claimTemplates: [{ name: 'data', labels }],
});
/** Labels that change with each release of a chart. */
const versionLabels = { 'helm.sh/chart': 'db-1.2.3', 'app.kubernetes.io/version': '"16.2"' };
const manifest = claimLabelled({ app: 'db', ...versionLabels });

describe('sts/claim-template-version-label on plain manifests', () => {
  it('reports each version label, and its fix removes them and keeps the stable ones', () => {
    const findings = findingsOf(rule, manifest);
    assert.deepEqual(findings.map((finding) => finding.line), [lineOf(manifest, 'helm.sh/chart'), lineOf(manifest, 'app.kubernetes.io/version')]);
    assert.match(findings[0].message, /helm\.sh\/chart: "db-1\.2\.3".*spec: Forbidden: updates to statefulset spec/);
    const fixed = applyFix(manifest, findings[0]);
    assert.ok(fixed.includes('          app: db\n      spec:'), fixed);
    assert.deepEqual(findingsOf(rule, fixed), []);
  });

  it('removes the labels map when only version labels are in it', () => {
    const only = claimLabelled(versionLabels);
    const findings = findingsOf(rule, only);
    const fixed = applyFix(only, findings[0]);
    assert.ok(fixed.includes('        name: data\n      spec:'), fixed);
    assert.deepEqual(findingsOf(rule, fixed), []);
  });
});

describe('sts/claim-template-version-label in chart templates', () => {
  it('finds nothing in the kvdb chart, whose claim template includes only stable labels', () => {
    assert.deepEqual(detect(statefulSet), []);
  });

  it('reports an include of the common labels on the include, naming the version labels it prints', () => {
    const found = detect(statefulSet.replace('include "kvdb.staticLabels" . | nindent 10', 'include "kvdb.labels" . | nindent 10'));
    assert.equal(found.length, 1);
    assert.equal(found[0].line, 74);
    assert.equal(found[0].text, '{{- include "kvdb.labels" . | nindent 10 }}');
    assert.deepEqual(found[0].labels.sort(), ['app.kubernetes.io/version', 'helm.sh/chart']);
    assert.match(found[0].message, /include "kvdb\.labels" gives claim template "data" the labels/);
  });

  it('reports literal version labels and labels printed from the chart version', () => {
    const labels = [
      '          {{- include "kvdb.staticLabels" . | nindent 10 }}',
      '          app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}',
      '          release: {{ .Chart.Version }}',
      '          chart: {{ include "kvdb.chart" . }}',
      '          tier: {{ .Values.tier }}',
    ].join('\n');
    const found = detect(statefulSet.replace('          {{- include "kvdb.staticLabels" . | nindent 10 }}', labels));
    assert.deepEqual(found.map((item) => [item.line, item.text]), [[75, 'app.kubernetes.io/version'], [76, 'release'], [77, 'chart']]);
  });
});
