// Running the real `statefulset-lint` bin on folders of files, as a user would.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo';

export const cliBin = join(repoRoot, 'bin', 'statefulset-lint.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `statefulset-lint` with these arguments in `cwd`. */
export function runCli(args: string[], cwd = repoRoot): CliResult {
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
