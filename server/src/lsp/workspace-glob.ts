// VS Code glob patterns (files.exclude) → regular expressions. Patterns are matched against paths
// relative to the workspace folder, with '/' separators; a match on a folder excludes all it contains.

/** Translates one glob: `**` any path (also empty), `*` and `?` within one segment, `{a,b}`, `[...]`. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more folders; a trailing `**` matches anything below.
          source += i + 2 === pattern.length ? '.*' : '(?:[^/]*/)*';
          i += pattern[i + 2] === '/' ? 2 : 1;
          continue;
        }
        source += '[^/]*';
        i++;
        continue;
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) { source += '\\['; continue; }
      const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = close;
    } else {
      source += char.replace(/[.+^$()|\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** The enabled patterns of a `files.exclude` setting (`{ "**\/.git": true }`); `when` clauses are ignored. */
export class ExcludeMatcher {
  private readonly patterns: RegExp[];

  constructor(setting: unknown) {
    const entries = typeof setting === 'object' && setting !== null ? Object.entries(setting as Record<string, unknown>) : [];
    this.patterns = entries.filter(([, enabled]) => enabled === true).map(([glob]) => globToRegExp(glob));
  }

  /** Whether a relative path (or one of the folders that contain it) is excluded. */
  excludes(relativePath: string): boolean {
    if (this.patterns.length === 0) return false;
    const parts = relativePath.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const prefix = parts.slice(0, depth).join('/');
      if (this.patterns.some((pattern) => pattern.test(prefix))) return true;
    }
    return false;
  }
}
