// The pure-JavaScript git reader (server/src/tools/git) against repositories made by the real git:
// loose objects, packfiles with deltas and packed refs, annotated tags, remote branches, worktrees,
// renames as git's rename detection pairs them, and no repository. Whatever the repository's
// configuration says to run, nothing is run.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CommittedReader } from '../../server/src/tools/git/committed';
import { similarity } from '../../server/src/tools/git/similarity';
import { configureProgramsToRun, git, repositoryWith, writeFiles } from '../support/git';

const reader = (): CommittedReader => new CommittedReader({ maxFileSize: 2 * 1024 * 1024 });

function configMap(index: number, extra = ''): string {
  const data = Array.from({ length: 40 }, (_, line) => `  key${line}: "value ${index * 1000 + line}"`).join('\n');
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${index}\ndata:\n${data}\n${extra}`;
}

function textAt(answer: ReturnType<CommittedReader['read']>): string {
  if (!('found' in answer)) throw new Error(`nothing found: ${answer.none}`);
  return answer.found.text;
}

describe('git reader', () => {
  it('reads a loose object at HEAD, byte for byte as git shows it', () => {
    const dir = repositoryWith({ 'k8s/db.yaml': configMap(1) }, { 'k8s/db.yaml': configMap(1, '# edited\n') });
    const answer = reader().read(join(dir, 'k8s/db.yaml'), 'HEAD');
    assert.equal(textAt(answer), git(dir, 'show', 'HEAD:k8s/db.yaml') + '\n');
    assert.ok('found' in answer && answer.found.commit === git(dir, 'rev-parse', 'HEAD') && answer.found.path === 'k8s/db.yaml');
  });

  it('reads packfiles (deltas included) through packed refs, at HEAD and at an older commit', () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`cm/${i}.yaml`, configMap(i)]));
    const dir = repositoryWith(files, files);
    const first = git(dir, 'rev-parse', 'HEAD');
    writeFiles(dir, Object.fromEntries(Object.entries(files).map(([name, text]) => [name, text.replace('value', 'changed value')])));
    git(dir, 'commit', '-q', '-am', 'second');
    git(dir, 'gc', '-q', '--aggressive');
    assert.ok(readdirSync(join(dir, '.git', 'objects', 'pack')).some((name) => name.endsWith('.pack')), 'git gc wrote no pack');
    assert.match(readFileSync(join(dir, '.git', 'packed-refs'), 'utf8'), /refs\/heads\/main/);
    assert.ok(!existsSync(join(dir, '.git', 'refs', 'heads', 'main')), 'the branch is still a loose ref');
    assert.match(git(dir, 'verify-pack', '-v', readdirSync(join(dir, '.git', 'objects', 'pack')).map((name) => join(dir, '.git', 'objects', 'pack', name)).find((path) => path.endsWith('.idx'))!), /chain length = [1-9]/, 'no delta in the pack');
    const read = reader();
    for (const name of Object.keys(files)) {
      assert.equal(textAt(read.read(join(dir, name), 'main')), git(dir, 'show', `main:${name}`) + '\n', name);
      assert.equal(textAt(read.read(join(dir, name), first)), git(dir, 'show', `${first}:${name}`) + '\n', `${name} at the first commit`);
    }
  });

  it('resolves a remote branch, an annotated tag and a branch, and refuses names that are not refs', () => {
    const dir = repositoryWith({ 'db.yaml': configMap(1) }, { 'db.yaml': configMap(1) });
    const first = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'tag', '-a', 'v1', '-m', 'release');
    git(dir, 'branch', 'release');
    git(dir, 'update-ref', 'refs/remotes/origin/main', first);
    writeFiles(dir, { 'db.yaml': configMap(2) });
    git(dir, 'commit', '-q', '-am', 'second');
    const read = reader();
    for (const ref of ['origin/main', 'v1', 'release', 'refs/tags/v1']) assert.equal(textAt(read.read(join(dir, 'db.yaml'), ref)), configMap(1), ref);
    assert.equal(textAt(read.read(join(dir, 'db.yaml'), 'HEAD')), configMap(2));
    assert.deepEqual(read.read(join(dir, 'db.yaml'), 'nope'), { none: 'the repository has no commit "nope"', error: true });
    for (const ref of ['../../../etc/passwd', '-x', 'a..b', 'refs/heads/.hidden', 'main.lock', '']) assert.ok('none' in read.read(join(dir, 'db.yaml'), ref), ref);
  });

  it('reads the files of a linked worktree', () => {
    const dir = repositoryWith({ 'db.yaml': configMap(1) }, { 'db.yaml': configMap(1) });
    const worktree = join(mkdtempSync(join(tmpdir(), 'sts-worktree-')), 'wt');
    git(dir, 'worktree', 'add', '-q', '-b', 'feature', worktree);
    writeFiles(worktree, { 'db.yaml': configMap(3) });
    git(worktree, 'commit', '-q', '-am', 'feature');
    assert.equal(textAt(reader().read(join(worktree, 'db.yaml'), 'HEAD')), configMap(3));
    assert.equal(textAt(reader().read(join(dir, 'db.yaml'), 'HEAD')), configMap(1));
  });

  it('follows a rename when git would pair the files (50% similar), not otherwise', () => {
    const dir = repositoryWith({ 'old.yaml': configMap(1), 'other.yaml': configMap(7) }, { 'new.yaml': configMap(1, '# a few lines added\n# more\n'), 'other.yaml': configMap(7) });
    const renamed = reader().read(join(dir, 'new.yaml'), 'HEAD', readFileSync(join(dir, 'new.yaml'), 'utf8'));
    assert.ok('found' in renamed && renamed.found.path === 'old.yaml' && renamed.found.currentPath === 'new.yaml');
    // git agrees that it is a rename.
    git(dir, 'add', '-A');
    assert.match(git(dir, 'status', '--porcelain'), /^R {2}old\.yaml -> new\.yaml$/m);
    const unrelated = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n';
    writeFiles(dir, { 'new.yaml': unrelated });
    assert.ok('none' in reader().read(join(dir, 'new.yaml'), 'HEAD', unrelated));
    assert.ok(similarity(configMap(1), configMap(1, '# x\n')) >= 0.5 && similarity(configMap(1), unrelated) < 0.5);
  });

  it('says there is nothing to compare with outside a repository and for a new file', () => {
    const outside = mkdtempSync(join(tmpdir(), 'sts-norepo-'));
    writeFiles(outside, { 'db.yaml': configMap(1) });
    assert.deepEqual(reader().read(join(outside, 'db.yaml'), 'HEAD'), { none: 'the file is not in a git repository' });
    const dir = repositoryWith({ 'db.yaml': configMap(1) }, { 'db.yaml': configMap(1), 'new.yaml': 'kind: x\n' });
    assert.ok('none' in reader().read(join(dir, 'new.yaml'), 'HEAD', 'kind: x\n'));
  });

  it('runs nothing a repository configures (fsmonitor, hooks, filters)', () => {
    const dir = repositoryWith({ 'db.yaml': configMap(1) }, { 'db.yaml': configMap(1, '# edited\n') });
    const marker = configureProgramsToRun(dir);
    assert.equal(textAt(reader().read(join(dir, 'db.yaml'), 'HEAD')), configMap(1));
    assert.ok(!existsSync(marker), 'a program configured in the repository was run');
  });
});
