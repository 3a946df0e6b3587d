// The workspace index: every YAML file of the workspace folders, read from disk into the engine, kept
// current from file-system events. Open documents win over disk (the host says which are open).
// files.exclude is respected, node_modules and .git are skipped, and so are files over maxFileSize.
// Symbolic links are followed only to files and folders inside the workspace folders (a link to
// ../outside/secret.yaml, /etc/passwd or /proc/self/status is not read), each real file and folder once
// (a link loop ends there), and only regular files are read (no FIFO, device or socket).
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExcludeMatcher } from '../config/exclude-globs';

/** Folders never indexed, whatever files.exclude says. */
const skippedFolders = new Set(['node_modules', '.git']);
/** Files read at once while indexing; between batches the event loop serves editor requests. */
const batchSize = 4;

export interface IndexedFolder {
  uri: string;
  path: string;
  /** The folder with symbolic links resolved: files are read only when their real path is in one. */
  realPath: string;
  exclude: ExcludeMatcher;
}

export interface IndexHost {
  /** Puts a file's disk text into the engine. */
  setFile(uri: string, text: string): void;
  deleteFile(uri: string): void;
  /** Whether the document is open in the editor (then the editor's text wins over disk). */
  isOpen(uri: string): boolean;
  maxFileSize(): number;
}

/** One spelling per file: clients may percent-encode paths differently from Node. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** YAML files, and `Kustomization` (a kustomization file without extension, which Kustomize also reads). */
export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name) || name === 'Kustomization';
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether `path` is `folder` or inside it. */
function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Reads a regular file as UTF-8 (a BOM is dropped); undefined when it is not a regular file (a FIFO, a
 * device, a socket: opened without blocking, then refused), too large, unreadable or not UTF-8. The
 * path must already be resolved (realpath): a symbolic link in its last step is not followed.
 * Synchronous: files are read a batch at a time between turns of the event loop, and a promise per
 * step (stat, open, read, close) cost several times the reading itself (2,000 files: ~35 vs ~150 ms).
 */
function readText(realPath: string, maxFileSize: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(realPath, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxFileSize) return undefined;
    // The size may change while reading: never more than the limit, and one byte to notice it grew.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxFileSize) + 1);
    let length = 0;
    for (let read = 1; read > 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxFileSize) return undefined;
    return strictUtf8.decode(buffer.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class WorkspaceIndex {
  private folders: IndexedFolder[] = [];
  /** Files read from disk (canonical uris). */
  readonly diskFiles = new Set<string>();
  /** Incremented by every full indexing run, so that a superseded run stops. */
  private run = 0;

  constructor(private readonly host: IndexHost) {}

  /** Sets the folders; returns the files.exclude patterns that are ignored, with the reason. */
  setFolders(folders: { uri: string; exclude: unknown }[]): string[] {
    this.folders = folders.flatMap(({ uri, exclude }) => {
      const path = pathOfUri(uri);
      if (!path) return [];
      let realPath = path;
      try { realPath = realpathSync(path); } catch { /* a folder that does not exist (yet) */ }
      return [{ uri, path, realPath, exclude: new ExcludeMatcher(exclude) }];
    });
    return [...new Set(this.folders.flatMap((folder) => folder.exclude.problems))];
  }

  /** The real path of `path` when it lies in a workspace folder (links resolved), else undefined. */
  private realPathInside(path: string): string | undefined {
    let real: string;
    try { real = realpathSync(path); } catch { return undefined; }
    return this.folders.some((folder) => isWithin(folder.realPath, real)) ? real : undefined;
  }

  /** Whether a real path (links resolved) lies in a workspace folder: what builds may read from disk. */
  holdsRealPath(realPath: string): boolean {
    return this.folders.some((folder) => isWithin(folder.realPath, realPath));
  }

  /** The uri of the workspace folder holding `uri` (the innermost), for the labels of overlays. */
  folderUriOf(uri: string): string | undefined {
    const path = pathOfUri(uri);
    if (!path) return undefined;
    const holding = this.folders.filter((folder) => isWithin(folder.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
    return holding && pathToFileURL(holding.path).href;
  }

  folderPaths(): string[] {
    return this.folders.map((folder) => folder.path);
  }

  /** The folder a path is in, and its path relative to it ('/' separators). */
  private locate(path: string): { folder: IndexedFolder; relativePath: string } | undefined {
    for (const folder of this.folders) {
      const relativePath = relative(folder.path, path);
      if (relativePath && !relativePath.startsWith('..') && !relativePath.startsWith(sep) && !/^[a-zA-Z]:/.test(relativePath)) {
        return { folder, relativePath: relativePath.split(sep).join('/') };
      }
    }
    return undefined;
  }

  /** Whether a path belongs in the index: in a folder, not in node_modules/.git, not excluded. */
  includes(path: string, isFolder = false): boolean {
    const located = this.locate(path);
    if (!located) return false;
    const parts = located.relativePath.split('/');
    if (parts.some((part) => skippedFolders.has(part))) return false;
    if (!isFolder && !isYamlName(parts[parts.length - 1])) return false;
    return !located.folder.exclude.excludes(located.relativePath);
  }

  /**
   * Collects the YAML files under `dir`. Links are followed only inside the workspace folders; `seen`
   * holds the real paths already visited, so a folder or file reached twice (a link loop, a link to a
   * sibling) is taken once.
   */
  private async walk(dir: string, found: string[], seen: Set<string>): Promise<void> {
    const realDir = this.realPathInside(dir);
    if (!realDir || seen.has(realDir)) return;
    seen.add(realDir);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isFolder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const stats = await fs.stat(path).catch(() => undefined);
        if (!stats) continue;
        isFolder = stats.isDirectory();
      }
      if (isFolder) {
        if (this.includes(path, true)) await this.walk(path, found, seen);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && this.includes(path)) {
        const real = this.realPathInside(path);
        if (real && !seen.has(real)) {
          seen.add(real);
          found.push(path);
        }
      }
    }
  }

  /** Reads a file of the workspace: only when its real path is inside a workspace folder. */
  private read(path: string): string | undefined {
    const real = this.realPathInside(path);
    return real === undefined ? undefined : readText(real, this.host.maxFileSize());
  }

  /**
   * Reads every YAML file of the folders. `progress` is told how far it got; the returned uris are the
   * files that were added, replaced or removed. Resolves with undefined when a newer run superseded it.
   */
  async indexAll(progress: (done: number, total: number) => void): Promise<string[] | undefined> {
    const run = ++this.run;
    const paths: string[] = [];
    const seen = new Set<string>();
    for (const folder of this.folders) await this.walk(folder.path, paths, seen);
    if (run !== this.run) return undefined;
    const indexed = new Set<string>();
    const changed: string[] = [];
    for (let start = 0; start < paths.length; start += batchSize) {
      const batch = paths.slice(start, start + batchSize);
      const texts = batch.map((path) => this.read(path));
      if (run !== this.run) return undefined;
      batch.forEach((path, i) => {
        const uri = pathToFileURL(path).href;
        const text = texts[i];
        if (text === undefined) return;
        indexed.add(uri);
        this.diskFiles.add(uri);
        if (!this.host.isOpen(uri)) {
          this.host.setFile(uri, text);
          changed.push(uri);
        }
      });
      progress(Math.min(start + batchSize, paths.length), paths.length);
      await yieldToEventLoop();
    }
    for (const uri of [...this.diskFiles]) {
      if (indexed.has(uri)) continue;
      changed.push(...this.forget(uri));
    }
    return changed;
  }

  private forget(uri: string): string[] {
    this.diskFiles.delete(uri);
    if (this.host.isOpen(uri)) return [];
    this.host.deleteFile(uri);
    return [uri];
  }

  /** Re-reads one path after a file-system event (created or changed); folders are walked. */
  async refresh(uri: string): Promise<string[]> {
    const path = pathOfUri(uri);
    if (!path) return [];
    const canonical = pathToFileURL(path).href;
    const stats = await fs.stat(path).catch(() => undefined);
    if (stats?.isDirectory()) {
      if (!this.includes(path, true)) return [];
      const paths: string[] = [];
      await this.walk(path, paths, new Set());
      const changed: string[] = [];
      for (const file of paths) changed.push(...await this.refresh(pathToFileURL(file).href));
      return changed;
    }
    if (!stats || !this.includes(path)) return this.diskFiles.has(canonical) ? this.forget(canonical) : [];
    const text = this.read(path);
    if (text === undefined) return this.diskFiles.has(canonical) ? this.forget(canonical) : [];
    this.diskFiles.add(canonical);
    if (this.host.isOpen(canonical)) return [];
    this.host.setFile(canonical, text);
    return [canonical];
  }

  /** Forgets a deleted file, or every indexed file under a deleted folder. */
  remove(uri: string): string[] {
    const canonical = canonicalUri(uri);
    if (this.diskFiles.has(canonical)) return this.forget(canonical);
    const prefix = canonical.endsWith('/') ? canonical : `${canonical}/`;
    return [...this.diskFiles].filter((file) => file.startsWith(prefix)).flatMap((file) => this.forget(file));
  }
}
