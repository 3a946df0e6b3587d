// The CLI's output, written straight to file descriptors 1 and 2 with synchronous writes:
// - a reader that goes away (`statefulset-lint ... | head -1`: EPIPE) ends the output quietly, and the
//   exit code stays the findings' one;
// - any other write error (a full disk, an I/O error) is an OutputError: the CLI prints one line on
//   standard error and exits 2, so that CI never takes a half-written report for a finished one.
import { writeSync } from 'node:fs';

/** Writing the report failed (not because the reader closed the pipe). */
export class OutputError extends Error {}

export interface Output {
  /** One block of the report, on standard output (a newline is added). */
  out(text: string): void;
  /** A message or the summary, on standard error (a newline is added). */
  err(text: string): void;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to `fd`; false when the reader has gone (EPIPE). Throws OutputError otherwise. */
export function writeAll(fd: number, text: string, describe: string): boolean {
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0) {
    try {
      const written = writeSync(fd, bytes);
      bytes = bytes.subarray(written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe whose reader is slower: wait a little and go on.
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') return false;
      const reason = code === 'ENOSPC' ? 'no space left on the device' : (error as Error).message.split('\n')[0];
      throw new OutputError(`cannot write to ${describe}: ${reason}`);
    }
  }
  return true;
}

/** Output on the process's standard output and error. */
export function processOutput(): Output {
  let stdoutOpen = true;
  let stderrOpen = true;
  return {
    out(text) {
      if (stdoutOpen) stdoutOpen = writeAll(1, `${text}\n`, 'standard output');
    },
    err(text) {
      if (!stderrOpen) return;
      try {
        stderrOpen = writeAll(2, `${text}\n`, 'standard error');
      } catch {
        // Nowhere left to say it: messages are not the report, so the exit code stands.
        stderrOpen = false;
      }
    },
  };
}
