// statefulset-lint compares each StatefulSet with its committed version, read from a real repository
// made in the test: HEAD by default, another ref with --compare-with or the configuration file, a file
// renamed since the commit, off, and no repository at all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { git, repositoryWith, writeFiles } from '../support/git';
import { fixturesDir, repoRoot } from '../support/repo';

const bin = join(repoRoot, 'bin', 'statefulset-lint.js');
const committed = readFileSync(join(fixturesDir, 'sts', 'immutable-field-changed', 'invalid-storage-size', '.committed', 'db.yaml'), 'utf8');
const larger = committed.replace('storage: 10Gi', 'storage: 20Gi');

function lint(cwd: string, ...args: string[]): { status: number | null; findings: { file: string; line: number; ruleId: string; message: string }[]; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--format', 'json', ...args, '.'], { cwd, encoding: 'utf8' });
  const findings = JSON.parse(result.stdout || '[]') as { file: string; line: number; ruleId: string; message: string }[];
  return { status: result.status, findings: findings.filter((finding) => /^sts\/(immutable-field-changed|renamed)$/.test(finding.ruleId)), stderr: result.stderr };
}

describe('statefulset-lint --compare-with', () => {
  it('reports an immutable field changed since HEAD, and nothing with --compare-with off', () => {
    const dir = repositoryWith({ 'db.yaml': committed }, { 'db.yaml': larger });
    const result = lint(dir);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`), ['db.yaml:45 sts/immutable-field-changed']);
    assert.match(result.findings[0].message, new RegExp(`from "10Gi" at HEAD \\(${git(dir, 'rev-parse', '--short=7', 'HEAD')}\\) to "20Gi"`));
    assert.deepEqual(lint(dir, '--compare-with', 'off').findings, []);
  });

  it('compares with another ref, from the flag or from .statefulset-lint.yaml', () => {
    const dir = repositoryWith({ 'db.yaml': committed }, { 'db.yaml': committed });
    git(dir, 'branch', 'release');
    writeFiles(dir, { 'db.yaml': larger });
    git(dir, 'commit', '-q', '-am', 'larger volumes');
    assert.deepEqual(lint(dir).findings, [], 'HEAD holds the change already');
    assert.deepEqual(lint(dir, '--compare-with', 'release').findings.map((f) => f.ruleId), ['sts/immutable-field-changed']);
    writeFiles(dir, { '.statefulset-lint.yaml': 'compareWith: release\n' });
    assert.deepEqual(lint(dir).findings.map((f) => f.ruleId), ['sts/immutable-field-changed']);
    assert.deepEqual(lint(dir, '--compare-with', 'HEAD').findings, [], 'the flag wins over the file');
    const unknown = lint(dir, '--compare-with', 'no-such-branch');
    assert.equal(unknown.status, 0);
    assert.match(unknown.stderr, /not compared with no-such-branch: the repository has no commit "no-such-branch"/);
    assert.equal(spawnSync(process.execPath, [bin, '--compare-with', '../../etc', '.'], { cwd: dir, encoding: 'utf8' }).status, 2);
  });

  it('follows a file renamed since the commit, and reports a renamed StatefulSet', () => {
    const dir = repositoryWith({ 'db.yaml': committed }, { 'database/statefulset.yaml': larger });
    assert.deepEqual(lint(dir).findings.map((f) => `${f.file} ${f.ruleId}`), ['database/statefulset.yaml sts/immutable-field-changed']);
    writeFiles(dir, { 'database/statefulset.yaml': committed.replace('  name: db\nspec:\n  serviceName', '  name: db-v2\nspec:\n  serviceName') });
    assert.deepEqual(lint(dir).findings.map((f) => f.ruleId), ['sts/renamed']);
  });

  it('compares nothing outside a repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-norepo-'));
    writeFiles(dir, { 'db.yaml': larger });
    const result = lint(dir);
    assert.deepEqual(result.findings, []);
    assert.doesNotMatch(result.stderr, /not compared/);
  });
});
