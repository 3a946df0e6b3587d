// The pre-commit hook (.pre-commit-hooks.yaml, `language: node`) as a user's repository runs it:
// `pre-commit try-repo` installs this checkout the way pre-commit does (npm install, npm pack, npm
// install -g of the tarball, in its own environment) and runs the hook on a repository with a broken
// manifest. pre-commit comes from Debian's packages: installed here with apt-get when it is missing
// and the tests run as root; otherwise the test fails saying how to install it. It takes minutes
// (pre-commit installs the development dependencies to build the package).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { examplesDir, repoRoot } from '../support/repo';

const root = mkdtempSync(join(tmpdir(), 'sts-pre-commit-'));
after(() => rmSync(root, { recursive: true, force: true }));

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
}

function ensurePreCommit(): void {
  if (hasPreCommit()) return;
  assert.equal(process.getuid?.(), 0, 'pre-commit is not installed: install it with `apt-get install pre-commit` (Debian) or `pip install pre-commit`');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '-q', 'pre-commit'], { encoding: 'utf8', env, timeout: 600_000 });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { encoding: 'utf8', env, timeout: 600_000 });
    install = spawnSync('apt-get', ['install', '-y', '-q', 'pre-commit'], { encoding: 'utf8', env, timeout: 600_000 });
  }
  assert.ok(hasPreCommit(), `apt-get install pre-commit failed:\n${install.stdout}\n${install.stderr}`);
}

describe('the pre-commit hook', () => {
  before(ensurePreCommit);

  it('installs itself with language: node and fails the commit on an error finding', () => {
    const repo = join(root, 'repo');
    const git = (...args: string[]): void => {
      const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
      assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
    };
    spawnSync('git', ['init', '-q', repo]);
    writeFileSync(join(repo, 'service.yaml'), readFileSync(join(examplesDir, 'service.yaml')));
    writeFileSync(join(repo, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n');
    git('add', '.');
    const result = spawnSync('pre-commit', ['try-repo', repoRoot, 'statefulset-lint', '--all-files'], {
      cwd: repo, encoding: 'utf8', timeout: 900_000,
      // Its own store, removed afterwards: the hook's environment is built from scratch.
      env: { ...process.env, PRE_COMMIT_HOME: join(root, 'store'), PRE_COMMIT_COLOR: 'never' },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 1, output);
    assert.match(output, /statefulset-lint \(Kubernetes StatefulSets, Services, StorageClasses\)\.+Failed/);
    assert.match(output, /- exit code: 1/);
    assert.match(output, /^bad\.yaml:5:3: error Unknown field "nmae" in ObjectMeta .*\[schema\/unknown-field\]$/m);
    assert.match(output, /^2 files checked: 1 error/m);
  });
});
