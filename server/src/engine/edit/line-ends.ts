// Inserted lines keep the file's line ends: a file with CRLF line ends gets CRLF in new lines too.
import type { ParsedFile } from '../yaml/document';

const crlfFiles = new WeakMap<ParsedFile, boolean>();

/** Whether a file has CRLF line ends, worked out once per parsed file (not once per edit or check). */
export function usesCrlf(file: ParsedFile): boolean {
  let crlf = crlfFiles.get(file);
  if (crlf === undefined) crlfFiles.set(file, crlf = file.text.includes('\r\n'));
  return crlf;
}

/** `text` with the file's line ends. */
export function withLineEnds(file: ParsedFile, text: string): string {
  return usesCrlf(file) ? text.replace(/\r?\n/g, '\r\n') : text;
}
