// Where the helm binary is: an absolute path given by the user (the CLI's --helm, the editor's
// machine-scoped statefulset.helm.path), else `helm` looked up on PATH and resolved to an absolute real
// path. Never a bare name (on Windows a bare name resolves from the current folder first), never a
// relative PATH entry, never a binary inside a folder the caller excludes (the workspace: a repository
// must not choose the program the editor runs).
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';

export type HelmPath = { ok: true; path: string } | { ok: false; reason: string };

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function executable(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    if (!statSync(real).isFile()) return undefined;
    if (process.platform !== 'win32') accessSync(real, constants.X_OK);
    return real;
  } catch {
    return undefined;
  }
}

/**
 * The helm binary to run: `configured` when given (it must be an absolute path to an executable file),
 * else the first `helm` on PATH (absolute entries only). `excluded` folders (real paths) may not hold it.
 */
export function resolveHelm(configured: string | undefined, excluded: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): HelmPath {
  const outside = (real: string): boolean => !excluded.some((folder) => isWithin(folder, real));
  if (configured !== undefined && configured !== '') {
    if (!isAbsolute(configured)) return { ok: false, reason: `the helm path must be absolute, not ${JSON.stringify(configured)}` };
    const real = executable(configured);
    if (!real) return { ok: false, reason: `${configured} is not an executable file` };
    if (!outside(real)) return { ok: false, reason: `${configured} is inside the workspace: helm must be installed outside it` };
    return { ok: true, path: real };
  }
  const names = process.platform === 'win32' ? ['helm.exe'] : ['helm'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const name of names) {
      const real = executable(join(dir, name));
      if (real && outside(real)) return { ok: true, path: real };
    }
  }
  return { ok: false, reason: 'helm was not found on PATH' };
}
