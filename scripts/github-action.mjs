#!/usr/bin/env node
// The GitHub Action's step (action.yml): installs the npm package statefulset-tools (or takes the
// `cli` input), writes the SARIF log, prints the findings as annotations (--format github, which
// escapes them for the runner) and sets the outputs exit-code, sarif-file and sarif-written.
// Exit code: 0 when the check ran (the findings decide in a later step, after the upload); 2 when it
// could not run: nothing is uploaded then, and a half-written SARIF file is never presented as a result.
// No shell: every program runs with execFile-style argument lists.
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const words = (text) => (text ?? '').split(/\s+/).filter(Boolean);

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

function fail(message) {
  console.log(`::error title=statefulset-lint::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
  setOutput('exit-code', 2);
  setOutput('sarif-written', 'false');
  process.exit(2);
}

/** The statefulset-lint to run: the `cli` input, else the npm package of this action's version, installed once. */
function cli() {
  if (env.INPUT_CLI) return resolve(env.INPUT_CLI);
  const version = env.INPUT_VERSION || JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;
  const prefix = join(env.RUNNER_TEMP ?? join(here, '..', '.statefulset-tools'), `statefulset-tools-${version}`);
  const bin = join(prefix, 'node_modules', '.bin', 'statefulset-lint');
  if (!existsSync(bin)) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(npm, ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `statefulset-tools@${version}`], { stdio: 'inherit', timeout: 300_000 });
    if (install.status !== 0) fail(`could not install statefulset-tools@${version} from the npm registry`);
  }
  return bin;
}

const lint = cli();
const paths = words(env.INPUT_PATHS).length ? words(env.INPUT_PATHS) : ['.'];
if (paths.includes('-')) fail('the action checks files and folders: `-` (standard input) is not supported here');
const args = [...words(env.INPUT_ARGS), ...paths];
const sarifFile = resolve(env.INPUT_SARIF_FILE || 'statefulset-lint.sarif');
const run = (format, stdout) => spawnSync(lint, ['--format', format, ...args], { stdio: ['ignore', stdout, 'inherit'], timeout: 600_000 });

const fd = openSync(sarifFile, 'w');
const sarif = run('sarif', fd);
closeSync(fd);
setOutput('sarif-file', sarifFile);
if (sarif.status !== 0 && sarif.status !== 1) {
  fail(`statefulset-lint could not check the files (exit code ${sarif.status ?? sarif.signal ?? sarif.error}): see the message above`);
}
setOutput('sarif-written', 'true');
setOutput('exit-code', sarif.status);
// The same findings as annotations on the pull request, and in the log.
const annotations = run('github', 'inherit');
if (annotations.status !== sarif.status) fail(`statefulset-lint exited ${annotations.status} the second time (${sarif.status} the first)`);
