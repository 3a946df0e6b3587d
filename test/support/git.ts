// Real git repositories for the tests of the committed-version comparison: made with the test
// machine's own `git` (the product never runs it), in temporary folders, with a fixed identity and no
// user or system configuration. A machine without git fails these tests with a message saying so.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const environment = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: tmpdir(),
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Runs git in a folder (test setup only); its output, trimmed. */
export function git(dir: string, ...args: string[]): string {
  try {
    return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: environment, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('these tests set up git repositories with the `git` program, which is not installed (apt-get install git)');
    throw error;
  }
}

/** Writes files (name → text) under a folder, creating sub-folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/**
 * A repository whose HEAD commit holds `committed`, with the work tree then holding `current` (files of
 * `committed` not in `current` are deleted, as after a rename). Returns its folder.
 */
export function repositoryWith(committed: Record<string, string>, current: Record<string, string>, dir = mkdtempSync(join(tmpdir(), 'sts-git-'))): string {
  git(dir, 'init', '-q');
  writeFiles(dir, committed);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'committed');
  for (const name of Object.keys(committed)) if (!(name in current)) rmSync(join(dir, name));
  writeFiles(dir, current);
  return dir;
}

/**
 * Configures a repository to run a program wherever git could be made to (core.fsmonitor, a filter on
 * YAML files, hooks), as a repository an untrusted workspace holds may; the program creates a marker
 * file. Returns the marker's path: it exists only if something ran the program.
 */
export function configureProgramsToRun(dir: string): string {
  const marker = join(dir, 'ran');
  const script = join(dir, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\ntouch ${marker}\ncat\n`, { mode: 0o755 });
  writeFileSync(join(dir, '.gitattributes'), '*.yaml filter=evil\n');
  git(dir, 'config', 'core.fsmonitor', script);
  git(dir, 'config', 'filter.evil.smudge', script);
  git(dir, 'config', 'filter.evil.clean', script);
  writeFileSync(join(dir, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
  return marker;
}
