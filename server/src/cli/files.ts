// Finding and reading the files the CLI checks (shared by its commands and its worker threads).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A problem with the command line or its paths (exit code 2). */
export class UsageError extends Error {}

/** Every *.yaml/*.yml under the given paths (files given by name are taken whatever their extension). */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    const absolute = resolve(path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`cannot read ${path}: no such file or folder`);
    }
    if (stats.isDirectory()) walk(absolute); else files.push(absolute);
  }
  return [...new Set(files)];
}

/** Reads a file as UTF-8 text (a BOM is dropped); invalid UTF-8 is refused rather than guessed. */
export function readText(path: string): { text: string } | { unreadable: string } {
  // Node's own UTF-8 read is the fastest, and turns invalid bytes into U+FFFD: only a text with that
  // character (invalid, or written as such) is decoded again, strictly.
  const text = readFileSync(path, 'utf8');
  if (!text.includes('\uFFFD')) return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  try {
    return { text: strictUtf8.decode(readFileSync(path)) };
  } catch {
    return { unreadable: 'the file is not UTF-8 text (Kubernetes manifests must be UTF-8)' };
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
