// Finding and reading the files the CLI checks. Only regular files are read: a FIFO would block the
// read forever and a device like /dev/zero never ends, so both are refused (exit 2) wherever they are
// met, even if a check between the walk and the read was fooled (the read re-checks the open file).
// Symbolic links: a path named on the command line is followed; inside a folder being walked, a link
// is followed only when its target is inside that same folder, and each folder is walked once (a
// link back to an ancestor is a loop, skipped with a note). The language server's index applies the
// same policy to the workspace folders (README: "Files and links").
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { escapeControl } from './format/text';
import { configFileNames } from '../engine';
import { compareNames } from './name-order';

/** A problem with the command line or its paths (exit code 2). */
export class UsageError extends Error {}

/** A path that cannot be read (exit code 2): the message is one line that names it and says why. */
export class PathError extends UsageError {}

export interface CollectedFiles {
  /** Absolute paths, each real file once, in walk order. */
  files: string[];
  /** Each file's real path (links and linked folders resolved), worked out by the walk anyway. */
  realPaths: Map<string, string>;
  /** Links that were not followed, one line each (for standard error; they do not change the exit code). */
  notes: string[];
}

/** A path for reports and messages: relative to the current folder, control characters escaped. */
export function displayPath(path: string, cwd = process.cwd()): string {
  return escapeControl(relative(cwd, path) || '.');
}

const reasons: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links (a link loop)',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
  ENXIO: 'no such device (a socket cannot be read as a file)',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
};

/** The one-line reason for a file-system error, without Node's stack or syscall details. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && reasons[code]) ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
}

/** What a non-regular, non-folder file is, in words; undefined for regular files and folders. */
export function specialKind(stats: Pick<Stats, 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket' | 'isFile' | 'isDirectory'>): string | undefined {
  if (stats.isFile() || stats.isDirectory()) return undefined;
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuse(path: string, kind: string): PathError {
  return new PathError(`cannot read ${displayPath(path)}: it is ${kind}, not a regular file (only regular files are read)`);
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** YAML files, and `Kustomization` (a kustomization file without extension, which Kustomize also reads). */
const isYamlName = (name: string): boolean => /\.ya?ml$/i.test(name) || name === 'Kustomization';

/** Folders never walked, and the configuration files (read as configuration, not as manifests). */
const skippedFolders = new Set(['node_modules', '.git']);

/** Every *.yaml/*.yml under the given paths (files given by name are taken whatever their extension). */
export function collectFiles(paths: string[]): CollectedFiles {
  const files: string[] = [];
  const notes: string[] = [];
  const seenFiles = new Set<string>();
  const realPaths = new Map<string, string>();
  const add = (path: string, real: string): void => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
    realPaths.set(path, real);
  };

  const walk = (dir: string, root: string, walked: Map<string, string>): void => {
    const real = realpathSync(dir);
    const before = walked.get(real);
    if (before !== undefined) {
      notes.push(`skipped ${displayPath(dir)}: the same folder as ${displayPath(before)} (a link loop or a second link to it)`);
      return;
    }
    walked.set(real, dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new PathError(`cannot read folder ${displayPath(dir)}: ${fsReason(error)}`);
    }
    for (const entry of entries.sort((a, b) => compareNames(a.name, b.name))) {
      if (skippedFolders.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(path);
        } catch (error) {
          if (isYamlName(entry.name)) notes.push(`skipped ${displayPath(path)}: a link that cannot be followed (${fsReason(error)})`);
          continue;
        }
        if (!isInside(target, root)) {
          notes.push(`skipped ${displayPath(path)}: a link to ${escapeControl(target)}, outside ${displayPath(root)}`);
          continue;
        }
        const stats = statSync(target);
        if (stats.isDirectory()) walk(path, root, walked);
        else if (isYamlName(entry.name) && !configFileNames.includes(entry.name)) {
          const kind = specialKind(stats);
          if (kind) throw refuse(path, kind);
          add(path, target);
        }
      } else if (entry.isDirectory()) {
        walk(path, root, walked);
      } else if (isYamlName(entry.name) && !configFileNames.includes(entry.name)) {
        if (!entry.isFile()) throw refuse(path, specialKind(statSync(path)) ?? 'not a regular file');
        add(path, join(real, entry.name));
      }
    }
  };

  for (const path of paths) {
    const absolute = resolve(path);
    let stats: Stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      throw new PathError(`cannot read ${escapeControl(path)}: ${fsReason(error)}`);
    }
    if (stats.isDirectory()) {
      const root = realpathSync(absolute);
      walk(absolute, root, new Map());
    } else {
      const kind = specialKind(stats);
      if (kind) throw refuse(absolute, kind);
      add(absolute, realpathSync(absolute));
    }
  }
  return { files, realPaths, notes };
}

/** A text, or why the file is not checked (it gets one note saying so, as in the editor). */
export type FileContent = { text: string } | { unreadable: string };

/**
 * Reads a file as UTF-8 text (a BOM is dropped); invalid UTF-8 is refused rather than guessed, and a
 * file over `maxBytes` is not read at all. Throws a PathError (one line) when the file cannot be read
 * or is not a regular file. Opened non-blocking, so that a FIFO put in the file's place cannot block.
 */
export function readText(path: string, maxBytes = Number.POSITIVE_INFINITY): FileContent {
  const read = (decode: (fd: number) => FileContent): FileContent => {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw new PathError(`cannot read ${displayPath(path)}: ${fsReason(error)}`);
    }
    try {
      const stats = fstatSync(fd);
      const kind = specialKind(stats);
      if (kind || stats.isDirectory()) throw refuse(path, kind ?? 'a folder');
      if (stats.size > maxBytes) {
        return { unreadable: `the file is ${Math.round(stats.size / 1024)} KiB, larger than the ${Math.round(maxBytes / 1024)} KiB limit (maxFileSize)` };
      }
      return decode(fd);
    } catch (error) {
      if (error instanceof PathError) throw error;
      throw new PathError(`cannot read ${displayPath(path)}: ${fsReason(error)}`);
    } finally {
      closeSync(fd);
    }
  };
  // Node reads and decodes UTF-8 in one call (a quarter less time than bytes, then a string). Invalid
  // bytes become U+FFFD: only a text with that character (invalid, or written so) is read again, strictly.
  const content = read((fd) => ({ text: readFileSync(fd, 'utf8') }));
  if (!('text' in content) || !content.text.includes('\uFFFD')) {
    return 'text' in content && content.text.charCodeAt(0) === 0xfeff ? { text: content.text.slice(1) } : content;
  }
  return read((fd) => decodeText(readFileSync(fd)));
}

/** Bytes → text: UTF-8 (a BOM is dropped), strictly; anything else is not a manifest. */
export function decodeText(bytes: Buffer): FileContent {
  // Node's own UTF-8 decoding is the fastest, and turns invalid bytes into U+FFFD: only a text with that
  // character (invalid, or written as such) is decoded again, strictly.
  const text = bytes.toString('utf8');
  if (!text.includes('\uFFFD')) return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    return { unreadable: 'the file is not UTF-8 text (Kubernetes manifests must be UTF-8)' };
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
