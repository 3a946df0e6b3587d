// What builds read from the disk beside the engine's model (engine/builds/files.ts): files that are not
// in the model (generator inputs such as `app.properties`, a `Kustomization` without extension) and
// folder listings. Only regular files are read (a FIFO or a device would block or never end), as
// UTF-8, within a size limit; `allowed` says which real paths may be read at all (the language server:
// inside the workspace folders only, so that a kustomization cannot make the editor read
// `/etc/passwd` into a diagnostic; the CLI: wherever `kubectl kustomize` would read).
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileHost } from '../engine';

export interface DiskHostOptions {
  /** How a uri names a path: `file:` URIs (the language server) or plain absolute paths (the CLI). */
  uris: 'file' | 'path';
  /** Whether a real (links resolved) path may be read or listed. */
  allowed(realPath: string): boolean;
  maxFileSize(): number;
  /** The folder build labels are relative to (`overlays/prod`), as a uri. */
  workspaceFolder(uri: string): string | undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function readRegularFile(path: string, maxFileSize: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > maxFileSize) return undefined;
    const buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (let read = 1; read > 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxFileSize) return undefined;
    const text = strictUtf8.decode(buffer.subarray(0, length));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function diskHost(options: DiskHostOptions): FileHost {
  const pathOf = (uri: string): string | undefined => {
    if (options.uris === 'path') return uri.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(uri) ? uri : undefined;
    if (!uri.startsWith('file:')) return undefined;
    try { return fileURLToPath(uri); } catch { return undefined; }
  };
  const realPath = (uri: string): string | undefined => {
    const path = pathOf(uri);
    if (!path) return undefined;
    try {
      const real = realpathSync(path);
      return options.allowed(real) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    read: (uri) => {
      const real = realPath(uri);
      return real === undefined ? undefined : readRegularFile(real, options.maxFileSize());
    },
    list: (uri) => {
      const real = realPath(uri);
      try {
        return real !== undefined && statSync(real).isDirectory() ? readdirSync(real) : undefined;
      } catch {
        return undefined;
      }
    },
    workspaceFolder: (uri) => options.workspaceFolder(uri),
  };
}

/** `file:` URI of an absolute path, for hosts of the language server. */
export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
