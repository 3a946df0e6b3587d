// files.exclude patterns (VS Code globs) matched with minimatch, whose matcher does not backtrack
// recursively (a run of `*a*a*a…` against a long name stays linear). Patterns are matched against paths
// relative to the workspace folder, with '/' separators; a match on a folder excludes all it contains.
// VS Code's glob syntax: `**`, `*` and `?` (dot files included), `{a,b}`, `[...]` and `[!...]`; no
// extglobs, no negation, no comments. Patterns are compiled once, when the setting changes.
import { Minimatch, type MinimatchOptions } from 'minimatch';

const globOptions: MinimatchOptions = {
  dot: true, noext: true, nonegate: true, nocomment: true,
  // Few alternatives: a pattern of `{a,b}{a,b}…` would otherwise expand to 100,000 matchers.
  braceExpandMax: 257,
};
const maxAlternatives = 256;
/** Longer patterns are not globs anyone writes; they are ignored with a message. */
const maxPatternLength = 1024;

/** A compiled pattern, or why it is ignored. */
export function compileGlob(glob: string): { matcher: Minimatch } | { problem: string } {
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const trimmed = pattern.endsWith('/') ? pattern.slice(0, pattern.length - 1) : pattern;
  if (!trimmed) return { problem: 'it is empty' };
  if (trimmed.length > maxPatternLength) return { problem: `it is longer than ${maxPatternLength} characters` };
  try {
    const matcher = new Minimatch(trimmed, globOptions);
    if (matcher.set.length > maxAlternatives) return { problem: `its braces expand to more than ${maxAlternatives} patterns` };
    return { matcher };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The enabled patterns of a `files.exclude` setting (`{ "**\/.git": true }`); `when` clauses are ignored. */
export class ExcludeMatcher {
  /** Each pattern, and the same followed by `/**`: a folder that matches excludes what it contains. */
  private readonly patterns: { itself: Minimatch; below: Minimatch }[] = [];
  /** Patterns that are ignored, each with the reason (the server logs them once). */
  readonly problems: string[] = [];

  constructor(setting: unknown) {
    const entries = typeof setting === 'object' && setting !== null && !Array.isArray(setting) ? Object.entries(setting as Record<string, unknown>) : [];
    for (const [glob, enabled] of entries) {
      if (enabled !== true) continue;
      const compiled = compileGlob(glob);
      if ('problem' in compiled) {
        this.problems.push(`files.exclude pattern ${JSON.stringify(glob.slice(0, 200))} is ignored: ${compiled.problem}.`);
        continue;
      }
      const below = compileGlob(`${compiled.matcher.pattern}/**`);
      if ('matcher' in below) this.patterns.push({ itself: compiled.matcher, below: below.matcher });
    }
  }

  /** Whether a relative path (or one of the folders that contain it) is excluded. */
  excludes(relativePath: string): boolean {
    return this.patterns.some(({ itself, below }) => itself.match(relativePath) || below.match(relativePath));
  }
}
