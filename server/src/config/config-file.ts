// Finding and reading `.statefulset-lint.yaml` (or `.yml`) on disk, for the CLI and the language server.
// The nearest one wins, looked for from a checked file's folder upwards to a boundary: the repository
// root (the folder holding `.git`), never above it; in the editor also never above the workspace
// folder. What the file says is checked by the engine (engine/config/validate.ts).
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { configFileNames, configRuleId } from '../engine';
import { maxConfigSize, parseConfig, type ConfigProblem, type ParsedConfig } from '../engine';
import { ExcludeMatcher } from './exclude-globs';

export interface LoadedConfig extends ParsedConfig {
  path: string;
  /** The folder the file's `ignore` globs are relative to. */
  folder: string;
  text: string;
  /** Whether a file (absolute path) is left out by the `ignore` globs. */
  ignores(path: string): boolean;
}

/** Whether a folder is a repository root: it holds `.git` (a folder, or a file in worktrees and submodules). */
export function isRepositoryRoot(dir: string): boolean {
  return existsSync(join(dir, '.git'));
}

/** The configuration file in one folder, if any (`.yaml` before `.yml`). */
export function configIn(dir: string): string | undefined {
  for (const name of configFileNames) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** The nearest folder at or above `dir` that holds `.git`. */
export function repositoryRootOf(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (isRepositoryRoot(current)) return current;
    if (dirname(current) === current) return undefined;
  }
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * The nearest configuration file from `dir` upwards: the search stops at the first folder holding
 * `.git` (after looking in it) and never goes above `top` (the workspace folder in the editor).
 */
export function searchConfig(dir: string, top: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const found = configIn(current);
    if (found) return found;
    const parent = dirname(current);
    if (isRepositoryRoot(current) || current === top || parent === current || !isInside(parent, top)) return undefined;
  }
}

/**
 * The CLI's search for a file in `dir`: up to the repository root; outside any repository, up to the
 * current folder when the file is in it, else only the file's own folder.
 */
export function cliConfigTop(dir: string, cwd: string): { top: string; repositoryRoot?: string } {
  const repositoryRoot = repositoryRootOf(dir);
  if (repositoryRoot) return { top: repositoryRoot, repositoryRoot };
  return { top: isInside(dir, cwd) ? cwd : dir };
}

/** A configuration file above a repository root: it is not read, and the CLI says so. */
export function configAbove(repositoryRoot: string): string | undefined {
  for (let current = dirname(repositoryRoot); ; current = dirname(current)) {
    const found = configIn(current);
    if (found) return found;
    if (dirname(current) === current) return undefined;
  }
}

/** Reads a configuration file: a regular file of at most maxConfigSize bytes. Throws an Error with a one-line reason. */
export function readConfigText(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error('it is not a regular file');
    if (stats.size > maxConfigSize) throw new Error(`it is ${Math.round(stats.size / 1024)} KiB; a configuration file is at most ${maxConfigSize / 1024} KiB`);
    const text = readFileSync(fd, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    closeSync(fd);
  }
}

/** The `ignore` globs as one matcher; a glob that cannot be read is a problem on its list item. */
function ignoreMatcher(config: ParsedConfig, text: string): { matcher: ExcludeMatcher; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const usable: string[] = [];
  for (const glob of config.ignore) {
    try {
      new ExcludeMatcher({ [glob]: true });
      usable.push(glob);
    } catch (error) {
      const at = text.indexOf(glob);
      problems.push({ start: Math.max(0, at), end: Math.max(0, at) + (at < 0 ? 0 : glob.length), ruleId: configRuleId, message: `ignore: ${JSON.stringify(glob)} is not a glob that can be read (${error instanceof Error ? error.message : String(error)}).` });
    }
  }
  return { matcher: new ExcludeMatcher(Object.fromEntries(usable.map((glob) => [glob, true]))), problems };
}

/** A configuration file's settings and problems, from its text. */
export function configFromText(path: string, text: string): LoadedConfig {
  const parsed = parseConfig(text);
  const folder = dirname(path);
  const { matcher, problems } = ignoreMatcher(parsed, text);
  return {
    ...parsed,
    problems: [...parsed.problems, ...problems],
    path,
    folder,
    text,
    ignores: (file) => {
      const rel = relative(folder, file);
      return !!rel && !rel.startsWith('..') && matcher.excludes(rel.split(sep).join('/'));
    },
  };
}
