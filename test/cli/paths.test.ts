// The CLI on any path (issue 19): FIFOs, devices, sockets, links out of the folder, link loops and
// unreadable folders and files each end in one line naming the path (exit 2) or a note, never a hang,
// an unbounded read or a stack trace.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../support/repo';
import { unprivileged } from '../support/as-user';

const bin = join(repoRoot, 'bin', 'statefulset-lint.js');
const service = readFileSync(join(repoRoot, 'examples', 'service.yaml'), 'utf8');
const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

interface Run { status: number | null; stdout: string; stderr: string; signal: NodeJS.Signals | null }

/** Runs the CLI; a hang fails the test after 30 s instead of blocking the run. */
function lint(args: string[], cwd: string, options: SpawnSyncOptions = {}, script = bin): Run {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 30_000, ...options });
  assert.notEqual(result.signal, 'SIGTERM', `statefulset-lint ${args.join(' ')} did not end within 30 s`);
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr), signal: result.signal };
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sts-paths-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /^ +at |node:internal|dist\/cli\.js/m);
}

describe('statefulset-lint on special paths', () => {
  it('refuses a FIFO, named or met in a folder, instead of blocking on it', () => {
    const dir = folder();
    assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status, 0, 'mkfifo is needed for this test');
    const named = lint(['pipe.yaml'], dir);
    assert.equal(named.status, 2);
    assertOneLine(named.stderr, /^statefulset-lint: cannot read pipe\.yaml: it is a FIFO \(named pipe\), not a regular file/);
    const walked = lint(['.'], dir);
    assert.equal(walked.status, 2);
    assertOneLine(walked.stderr, /cannot read pipe\.yaml: it is a FIFO/);
    const identities = lint(['identities', '.'], dir);
    assert.equal(identities.status, 2);
    assertOneLine(identities.stderr, /^statefulset-lint identities: cannot read pipe\.yaml: it is a FIFO/);
  });

  it('refuses a link to a device (/dev/zero) instead of reading it forever', () => {
    const dir = folder();
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const named = lint(['zero.yaml'], dir);
    assert.equal(named.status, 2);
    assertOneLine(named.stderr, /cannot read zero\.yaml: it is a character device, not a regular file/);
    // In a folder, a link out of it is not followed at all.
    const walked = lint(['.'], dir);
    assert.equal(walked.status, 0, walked.stderr);
    assert.match(walked.stderr, /skipped zero\.yaml: a link to \/dev\/zero, outside \./);
  });

  it('refuses a socket met in a folder', async () => {
    const dir = folder();
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'socket.yaml'), resolve));
    try {
      const result = lint(['.'], dir);
      assert.equal(result.status, 2);
      assertOneLine(result.stderr, /cannot read socket\.yaml: it is a socket, not a regular file/);
    } finally {
      server.close();
    }
  });

  it('follows links inside the folder, skips links out of it and link loops, with a note', () => {
    const outside = folder();
    writeFileSync(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: secret\n  nmae: x\n');
    const dir = folder();
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', 'service.yaml'), service);
    writeFileSync(join(dir, 'k8s', 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n');
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'k8s', 'secret.yaml'));
    symlinkSync('/', join(dir, 'k8s', 'root'));
    symlinkSync('..', join(dir, 'k8s', 'loop'));
    symlinkSync('bad.yaml', join(dir, 'k8s', 'same.yaml'));
    mkdirSync(join(dir, 'k8s', 'sub'));
    symlinkSync('../service.yaml', join(dir, 'k8s', 'sub', 'linked.yaml'));
    const result = lint(['--format', 'json', 'k8s'], dir);
    const files = (JSON.parse(result.stdout) as { file: string }[]).map((finding) => finding.file);
    assert.deepEqual(files, [join('k8s', 'bad.yaml')], 'the link to the file outside is not read; the same file is read once');
    assert.match(result.stderr, /skipped k8s\/secret\.yaml: a link to .*secret\.yaml, outside k8s/);
    assert.match(result.stderr, /skipped k8s\/root: a link to \/, outside k8s/);
    assert.match(result.stderr, /skipped k8s\/loop: a link to .*, outside k8s/);
    assert.equal(result.status, 1);
  });

  it('detects a link loop inside the folder', () => {
    const dir = folder();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'service.yaml'), service);
    symlinkSync('..', join(dir, 'a', 'b', 'back'));
    const result = lint(['a'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /skipped a\/b\/back: the same folder as a \(a link loop or a second link to it\)/);
    assert.match(result.stderr, /1 file checked/);
  });
});

describe('statefulset-lint on unreadable folders and files', () => {
  const user = unprivileged();
  const lintAs = (args: string[], cwd: string): Run => lint(args, cwd, user.options, user.bin);
  const assertUnreadable = (path: string, isFolder: boolean): void => user.assertUnreadable(path, isFolder);

  it('names an unreadable folder in one line and exits 2', () => {
    const dir = folder();
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'service.yaml'), service);
    writeFileSync(join(dir, 'service.yaml'), service);
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      assertUnreadable(join(dir, 'locked'), true);
      const result = lintAs(['.'], dir);
      assert.equal(result.status, 2);
      assertOneLine(result.stderr, /^statefulset-lint: cannot read folder locked: permission denied$/);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('names an unreadable file in one line and exits 2', () => {
    const dir = folder();
    writeFileSync(join(dir, 'service.yaml'), service);
    writeFileSync(join(dir, 'locked.yaml'), service);
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    assertUnreadable(join(dir, 'locked.yaml'), false);
    for (const args of [['.'], ['locked.yaml'], ['identities', 'locked.yaml']]) {
      const result = lintAs(args, dir);
      assert.equal(result.status, 2, args.join(' '));
      assertOneLine(result.stderr, /cannot read locked\.yaml: permission denied$/);
    }
  });
});
