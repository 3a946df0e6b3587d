// Runs `helm template` on a chart folder, safely: the binary is an absolute path chosen by the caller
// (a machine-scoped setting, or the CLI's --helm), run with execFile (no shell) and a timeout, in
// fresh temporary HOME / HELM_CACHE_HOME / HELM_CONFIG_HOME / HELM_DATA_HOME folders with an empty
// HELM_PLUGINS, removed afterwards. Never `--dependency-update`, `--post-renderer`, `--validate` or
// `--dry-run=server`: `helm template` then contacts no cluster and no repository. `--debug` makes
// Helm print the rendered text when it is not valid YAML (yaml-errors.ts maps those errors back).
import type * as ChildProcess from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * node:child_process, loaded when helm is first run: it costs every CLI run about 4 ms to load, and
 * most runs render no chart.
 */
function childProcess(): typeof ChildProcess {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start
  return require('node:child_process') as typeof ChildProcess;
}

export interface HelmRunOptions {
  /** Absolute path of the helm binary. */
  helm: string;
  /** The chart's folder (absolute). */
  chartDir: string;
  /** Values files, in order (each overrides the previous; the chart's values.yaml is always read first by Helm). */
  valuesFiles?: string[];
  /** Release name (Helm's default for `template` is `release-name`). */
  releaseName?: string;
  namespace?: string;
  /** `--kube-version`, for charts whose kubeVersion constraint needs it (`1.36` → `v1.36.0`). */
  kubeVersion?: string;
  /** Milliseconds before the process is killed. Default 20 s. */
  timeoutMs?: number;
  /** Largest output kept, in bytes. Default 32 MiB. */
  maxOutputBytes?: number;
}

export type HelmRunResult =
  | { ok: true; stdout: string; stderr: string; ms: number }
  | { ok: false; reason: 'failed'; stdout: string; stderr: string; exitCode: number; ms: number }
  | { ok: false; reason: 'timeout' | 'not-found' | 'not-absolute' | 'too-large' | 'spawn-error'; message: string; stdout: string; stderr: string; ms: number };

/** The arguments of one render: nothing that reaches the network or runs other programs. */
export function helmTemplateArgs(options: HelmRunOptions): string[] {
  const args = ['template', options.releaseName ?? 'release-name', options.chartDir, '--debug'];
  if (options.namespace) args.push('--namespace', options.namespace);
  if (options.kubeVersion) args.push('--kube-version', options.kubeVersion);
  for (const file of options.valuesFiles ?? []) args.push('--values', file);
  return args;
}

/** The environment of a run: only what Helm needs, pointed at the temporary folders. */
function helmEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    USERPROFILE: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_PLUGINS: join(home, 'plugins'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
    HELM_REGISTRY_CONFIG: join(home, 'config', 'registry.json'),
    KUBECONFIG: join(home, 'kubeconfig'),
    HELM_NO_PLUGINS: '1',
    NO_COLOR: '1',
    TMPDIR: join(home, 'tmp'),
  };
  // Keep what the OS needs to run a program, nothing else from the user's environment (no HELM_*
  // overrides, no proxies, no KUBECONFIG pointing at a cluster).
  for (const name of ['PATH', 'SystemRoot', 'windir', 'TEMP', 'TMP', 'LANG', 'LC_ALL']) {
    if (process.env[name] !== undefined && env[name] === undefined) env[name] = process.env[name];
  }
  return env;
}

function temporaryHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'sts-helm-'));
  for (const name of ['cache', 'config', 'data', 'plugins', 'tmp']) mkdirSync(join(home, name));
  return home;
}

/** Runs `helm template` (see the file comment). Never throws: every failure is a structured result. */
export async function runHelmTemplate(options: HelmRunOptions): Promise<HelmRunResult> {
  const started = Date.now();
  const ms = (): number => Date.now() - started;
  if (!isAbsolute(options.helm) || !isAbsolute(options.chartDir)) {
    return { ok: false, reason: 'not-absolute', message: `the helm binary and the chart folder must be absolute paths (got ${JSON.stringify(options.helm)}, ${JSON.stringify(options.chartDir)})`, stdout: '', stderr: '', ms: ms() };
  }
  // Made synchronously (a few microseconds) so that Helm starts now and the caller's own work
  // (reading the chart's templates) overlaps with it.
  let home: string;
  try {
    home = temporaryHome();
  } catch (error) {
    return { ok: false, reason: 'spawn-error', message: `cannot create a temporary folder for helm: ${error instanceof Error ? error.message : String(error)}`, stdout: '', stderr: '', ms: ms() };
  }
  try {
    const maxBuffer = options.maxOutputBytes ?? 32 * 1024 * 1024;
    return await new Promise<HelmRunResult>((resolve) => {
      childProcess().execFile(options.helm, helmTemplateArgs(options), {
        cwd: home, env: helmEnvironment(home), timeout: options.timeoutMs ?? 20_000, killSignal: 'SIGKILL',
        maxBuffer, windowsHide: true, shell: false, encoding: 'utf8',
      }, (error, stdout, stderr) => {
        if (!error) { resolve({ ok: true, stdout, stderr, ms: ms() }); return; }
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number; signal?: string };
        if (failure.code === 'ENOENT') {
          resolve({ ok: false, reason: 'not-found', message: `helm not found at ${options.helm}`, stdout, stderr, ms: ms() });
        } else if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          resolve({ ok: false, reason: 'too-large', message: `helm template printed more than ${maxBuffer} bytes`, stdout: '', stderr, ms: ms() });
        } else if (failure.killed || failure.signal) {
          resolve({ ok: false, reason: 'timeout', message: `helm template did not finish within ${(options.timeoutMs ?? 20_000) / 1000} s`, stdout, stderr, ms: ms() });
        } else if (typeof failure.code === 'number') {
          resolve({ ok: false, reason: 'failed', stdout, stderr, exitCode: failure.code, ms: ms() });
        } else {
          resolve({ ok: false, reason: 'spawn-error', message: failure.message, stdout, stderr, ms: ms() });
        }
      });
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** `helm version --short` with the same safety, to show which Helm renders (`v3.17.2+gcc0bbbd`). */
export async function helmVersion(helm: string, timeoutMs = 10_000): Promise<string | undefined> {
  if (!isAbsolute(helm)) return undefined;
  let home: string;
  try {
    home = temporaryHome();
  } catch {
    return undefined;
  }
  try {
    return await new Promise<string | undefined>((resolve) => {
      childProcess().execFile(helm, ['version', '--short'], { cwd: home, env: helmEnvironment(home), timeout: timeoutMs, killSignal: 'SIGKILL', shell: false, encoding: 'utf8', windowsHide: true },
        (error, stdout) => resolve(error ? undefined : stdout.trim()));
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
