// The CLI on a chart folder: its templates are checked statically always, and when helm is given (or
// found) the rendered chart is checked too, every finding on its template line, with the real Helm 3
// and Helm 4; render errors on their lines; --no-helm and a relative --helm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { helmBinary, helmFixtures, helmReleases, plantedChart, plantedRendered, plantedStatic } from '../support/helm';
import { repoRoot } from '../support/repo';

const bin = join(repoRoot, 'bin', 'statefulset-lint.js');
const folders: string[] = [];
after(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

interface JsonFinding { file: string; line: number; column: number; ruleId: string; message: string }

/** Runs the CLI with an empty PATH (no helm found unless --helm names it). */
function lint(args: string[], cwd: string): { status: number | null; findings: JsonFinding[]; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { PATH: '' } });
  return { status: result.status, findings: result.stdout ? JSON.parse(result.stdout) as JsonFinding[] : [], stderr: result.stderr };
}

const summary = (findings: JsonFinding[], prefix: string): string[] => findings.map((f) => `${f.file.replace(prefix, '')}:${f.line}:${f.column} ${f.ruleId}`);

function planted(): string {
  const root = mkdtempSync(join(tmpdir(), 'sts-cli-helm-'));
  folders.push(root);
  plantedChart(root);
  return root;
}

describe('statefulset-lint on a Helm chart', () => {
  it('checks the templates statically without helm, and says so', () => {
    const root = planted();
    const result = lint(['kvdb'], root);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(summary(result.findings, 'kvdb/'), plantedStatic);
    assert.match(result.stderr, /helm was not found on PATH: charts are checked statically/);
    assert.deepEqual(summary(lint(['--no-helm', 'kvdb'], root).findings, 'kvdb/'), plantedStatic);
  });

  it('refuses a --helm that is not an absolute path', () => {
    const result = lint(['--helm', 'helm', 'kvdb'], planted());
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--helm must be an absolute path/);
  });

  for (const { release, version } of helmReleases) {
    it(`reports every planted mistake on its template line with helm ${version}`, async () => {
      const helm = await helmBinary(release);
      const root = planted();
      const result = lint(['--helm', helm, 'kvdb'], root);
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual(summary(result.findings, 'kvdb/'), plantedRendered);
      const replicas = result.findings.find((f) => f.ruleId === 'sts/negative-value')!;
      assert.match(replicas.message, /^in chart kvdb: .*\(`\{\{ \.Values\.replicaCount \}\}` renders to `replicas: -1` with values\.yaml\.\)$/);
      // --no-helm: the static findings only.
      assert.deepEqual(summary(lint(['--no-helm', '--helm', helm, 'kvdb'], root).findings, 'kvdb/'), plantedStatic);
    });

    it(`places helm ${version}'s render errors on their template lines, and renders with --values`, async () => {
      const helm = await helmBinary(release);
      const errors = (chart: string): string[] => summary(lint(['--helm', helm, chart], helmFixtures).findings, '').filter((line) => line.endsWith('helm/render-error'));
      assert.deepEqual(errors('exec-error'), ['exec-error/templates/statefulset.yaml:12:18 helm/render-error']);
      assert.deepEqual(errors('helper-error'), ['helper-error/templates/_helpers.tpl:2:1 helm/render-error']);
      assert.deepEqual(errors('parse-error'), ['parse-error/templates/statefulset.yaml:6:3 helm/render-error']);
      assert.deepEqual(errors('yaml-error'), ['yaml-error/templates/statefulset.yaml:18:10 helm/render-error']);
      const root = planted();
      const values = join(root, 'fix.yaml');
      writeFileSync(values, 'replicaCount: 2\n');
      const fixed = lint(['--helm', helm, '--values', values, 'kvdb'], root);
      assert.ok(!summary(fixed.findings, 'kvdb/').some((line) => line.includes('negative-value')), fixed.stderr);
    });
  }
});
