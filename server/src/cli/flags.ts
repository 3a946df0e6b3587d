// Command-line flags shared by `statefulset-lint` and `statefulset-lint identities`.
import { isDnsLabel } from '../engine';
import { escapeControl } from './format/text';
import { isRefName } from '../tools/git/repository';

/** Splits `--flag=value`; `value()` takes the inline value or the next argument, never an empty one. */
export function flagReader(args: string[], index: number, fail: (message: string) => Error): { flag: string; value: () => string; next: () => number } {
  const arg = args[index];
  const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
  const flag = eq > 0 ? arg.slice(0, eq) : arg;
  let consumed = index;
  return {
    flag,
    value: () => {
      const next = eq > 0 ? arg.slice(eq + 1) : args[++consumed];
      if (next === undefined || next === '') throw fail(`${flag} needs a value`);
      return next;
    },
    next: () => consumed,
  };
}

/** `--namespace`: a namespace name is an RFC 1123 label. */
export function namespaceFlag(value: string, fail: (message: string) => Error): string {
  if (!isDnsLabel(value)) throw fail(`--namespace must be a namespace name (a lowercase RFC 1123 label such as "prod"), not "${escapeControl(value)}"`);
  return value;
}

/** `--kubernetes-version`: `1.33` or `v1.33`. */
export function versionFlag(value: string, fail: (message: string) => Error): string {
  const version = value.replace(/^v/, '');
  if (!/^1\.\d+$/.test(version)) throw fail(`--kubernetes-version must look like 1.33, not "${escapeControl(version)}"`);
  return version;
}

/** `--compare-with`: a git ref name (`HEAD`, `main`, `origin/main`, a tag, a full commit id) or `off`. */
export function compareWithFlag(value: string, fail: (message: string) => Error): string {
  if (value !== 'off' && !isRefName(value)) throw fail(`--compare-with must be a git ref such as HEAD or origin/main, or off, not "${escapeControl(value)}"`);
  return value;
}
