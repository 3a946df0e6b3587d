// Running the CLI as a user who cannot read what root can: as root, permissions do not stop reads,
// so the bundle is copied where the unprivileged user "nobody" (uid 65534) can run it, and each test
// first checks that this user really cannot read the path it is about.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo';

export interface Unprivileged {
  /** Spawn options that run as that user (none when the tests do not run as root). */
  options: SpawnSyncOptions;
  /** The CLI's bin, where that user can run it. */
  bin: string;
  /** Fails unless that user gets EACCES reading the file or listing the folder. */
  assertUnreadable(path: string, folder: boolean): void;
}

export function unprivileged(): Unprivileged {
  const asRoot = process.getuid?.() === 0;
  const options: SpawnSyncOptions = asRoot ? { uid: 65534, gid: 65534 } : {};
  let bin = join(repoRoot, 'bin', 'statefulset-lint.js');
  if (asRoot) {
    const copy = mkdtempSync(join(tmpdir(), 'sts-bundle-'));
    chmodSync(copy, 0o755);
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    for (const sub of ['bin', join('dist', 'schemas')]) mkdirSync(join(copy, sub), { recursive: true });
    for (const file of [join('bin', 'statefulset-lint.js'), join('dist', 'cli.js'), ...['kubernetes.json', 'validators.js', 'validators-2.js'].map((name) => join('dist', 'schemas', name))]) {
      writeFileSync(join(copy, file), readFileSync(join(repoRoot, file)));
    }
    bin = join(copy, 'bin', 'statefulset-lint.js');
    const probe = spawnSync(process.execPath, [bin, '--version'], { ...options, encoding: 'utf8' });
    assert.equal(probe.status, 0, `user nobody cannot run ${process.execPath} ${bin}: ${probe.stderr ?? ''}${probe.error ?? ''}`);
  }
  return {
    options,
    bin,
    assertUnreadable(path, folder) {
      const probe = spawnSync(process.execPath, ['-e', `require('fs').${folder ? 'readdirSync' : 'readFileSync'}(${JSON.stringify(path)})`], { ...options, encoding: 'utf8' });
      assert.notEqual(probe.status, 0, `the test user can read ${path}: the case cannot be tested`);
      assert.match(probe.stderr, /EACCES/);
    },
  };
}
