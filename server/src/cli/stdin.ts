// Reading a YAML stream from standard input (`helm template . | statefulset-lint -`), bounded: a
// stream larger than the limit is refused rather than held in memory (`cat /dev/zero | ...`).
import { fstatSync, readSync } from 'node:fs';
import { fsReason, PathError } from './files';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Whether standard input is a pipe (a FIFO, or a socket as Node and some CI runners make them) or a redirected file. */
export function stdinIsPiped(): boolean {
  try {
    const stats = fstatSync(0);
    return stats.isFIFO() || stats.isFile() || stats.isSocket();
  } catch {
    return false;
  }
}

/** Standard input, all of it; `undefined` when it is longer than `maxBytes` (reading stops there). Throws a PathError when it cannot be read. */
export function readStdin(maxBytes: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let read: number;
    try {
      read = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { Atomics.wait(pause, 0, 0, 2); continue; }
      if (code === 'EOF') break;
      throw new PathError(`cannot read standard input: ${fsReason(error)}`);
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) return undefined;
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total);
}
