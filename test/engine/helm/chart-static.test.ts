// Charts checked statically through the engine (no helm binary): every template of the chart is read
// with its actions blanked, every rule runs on the objects it writes, and what depends on an action is
// not reported. The kvdb test chart gets no finding at all; literal mistakes planted in it are reported
// on their template lines; Chart.yaml and values files are checked as what they are.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { diskEngine, summary } from '../builds/support';
import { helmFixtures } from '../../support/helm';
import { statefulSet } from '../../support/manifests';
import { lineColumnOf } from '../../support/positions';

const folders: string[] = [];
after(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

/** A copy of the kvdb chart with some files changed, checked by a fresh engine: `file:line:column rule severity`. */
function checkChart(change: Record<string, (text: string) => string> = {}, extra: Record<string, string> = {}): string[] {
  const root = mkdtempSync(join(tmpdir(), 'sts-chart-static-'));
  folders.push(root);
  const dir = join(root, 'kvdb');
  cpSync(join(helmFixtures, 'kvdb'), dir, { recursive: true });
  for (const [file, edit] of Object.entries(change)) writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(root, file), text);
  const { engine } = diskEngine(root);
  return summary(engine, engine.check(), pathToFileURL(root).href);
}

describe('a chart checked statically', () => {
  it('gives no finding on the kvdb chart: helpers, conditionals, ranges, a values schema, a subchart', () => {
    assert.deepEqual(checkChart(), []);
  });

  it('reports literal mistakes on their template lines, and leaves value-driven ones to the render', () => {
    const found = checkChart({
      'templates/statefulset.yaml': (text) => text
        .replace('podManagementPolicy: Parallel', 'podManagementPolicy: Paralel')
        .replace('      terminationGracePeriodSeconds: 30\n', '      terminationGracePeriodSeconds: 0\n      restartPolicy: Never\n')
        .replace('          args: ["/etc/kvdb/kvdb.conf"]\n', '          args: ["/etc/kvdb/kvdb.conf"]\n          imagePullPolcy: Always\n')
        // The container's ports are fed by a range, its volumes by a conditional: unknown, not missing.
        .replace('              port: tcp-kvdb', '              port: tcp-kvbd')
        .replace('            - name: config\n              mountPath: /etc/kvdb', '            - name: confg\n              mountPath: /etc/kvdb'),
      'templates/svc.yaml': (text) => text.replace('type: ClusterIP', 'type: ClusterIp'),
    });
    assert.deepEqual(found, [
      'kvdb/templates/statefulset.yaml:10:24 schema/enum error',
      'kvdb/templates/statefulset.yaml:24:38 sts/termination-grace-zero warning',
      'kvdb/templates/statefulset.yaml:25:22 sts/restart-policy error',
      'kvdb/templates/statefulset.yaml:31:11 schema/unknown-field error',
      'kvdb/templates/svc.yaml:8:9 schema/enum error',
    ]);
  });

  it('checks Chart.yaml and the values files as a chart\'s, never as objects without a kind', () => {
    const found = checkChart({
      'Chart.yaml': (text) => text.replace('version: 1.4.2', 'version: 1.4'),
      'values.yaml': (text) => text.replace('size: 8Gi', 'size: 8 gigs'),
    }, {});
    assert.deepEqual(found, [
      'kvdb/Chart.yaml:5:10 helm/chart-invalid info',
      'kvdb/Chart.yaml:5:10 helm/chart-invalid warning',
      'kvdb/values.yaml:24:9 helm/values-schema error',
    ]);
  });

  it('re-checks the values when values.schema.json changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'sts-chart-schema-'));
    folders.push(root);
    cpSync(join(helmFixtures, 'kvdb'), join(root, 'kvdb'), { recursive: true });
    const { engine, uri } = diskEngine(root);
    assert.deepEqual([...engine.check().values()].flat(), []);
    const schemaPath = join(root, 'kvdb', 'values.schema.json');
    writeFileSync(schemaPath, readFileSync(schemaPath, 'utf8').replace('"minimum": 0', '"minimum": 5'));
    engine.filesChangedOnDisk([uri('kvdb/values.schema.json')]);
    assert.deepEqual(summary(engine, engine.check(), pathToFileURL(root).href), ['kvdb/values.yaml:4:15 helm/values-schema error']);
  });

  it('asks whether a list is complete before concluding a name is missing from it', () => {
    const found = checkChart({
      'templates/statefulset.yaml': (text) => text
        // Literal volumes and claim templates: a mount naming none of them is reported.
        .replace('        {{- if not .Values.persistence.enabled }}\n        - name: data\n          emptyDir: {}\n        {{- end }}\n', '')
        .replace('  {{- if .Values.persistence.enabled }}\n  volumeClaimTemplates:', '  volumeClaimTemplates:')
        .replace('            storage: {{ .Values.persistence.size | quote }}\n  {{- end }}\n', '            storage: {{ .Values.persistence.size | quote }}\n')
        .replace('            - name: config\n              mountPath: /etc/kvdb', '            - name: confg\n              mountPath: /etc/kvdb'),
    });
    assert.deepEqual(found, ['kvdb/templates/statefulset.yaml:59:21 sts/volume-mount-unknown error']);
    const fed = checkChart({
      'templates/statefulset.yaml': (text) => text
        .replace('            - name: config\n              mountPath: /etc/kvdb', '            - name: confg\n              mountPath: /etc/kvdb')
        .replace('      volumes:\n', '      volumes:\n        {{- with .Values.extraVolumes }}\n        {{- toYaml . | nindent 8 }}\n        {{- end }}\n'),
    });
    assert.deepEqual(fed, []);
  });

  it('pairs a chart\'s objects with each other only, not with the rest of the workspace', () => {
    const plain = statefulSet({ name: 'other', serviceName: 'kvdb-headless', containers: [{ name: 'c', image: 'busybox' }] });
    const found = checkChart({
      'templates/svc-headless.yaml': (text) => text.replace('name: {{ include "kvdb.fullname" . }}-headless', 'name: kvdb-headless'),
      'templates/statefulset.yaml': (text) => text.replace('serviceName: {{ include "kvdb.fullname" . }}-headless', 'serviceName: kvdb-headless'),
    }, { 'plain.yaml': plain });
    const serviceName = lineColumnOf(plain, 'kvdb-headless');
    assert.deepEqual(found, [`plain.yaml:${serviceName.line}:${serviceName.column} sts/service-missing warning`]);
  });
});
