// Offsets ↔ 0-based lines and UTF-16 columns, as LSP positions and editors count them.
import type { ParsedFile } from './document';

/** Offsets where lines start. Lines end with \n, \r\n or a lone \r, as in LSP positions and editors. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    return starts;
  }
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 || (char === 13 && text.charCodeAt(index + 1) !== 10)) starts.push(index + 1);
  }
  return starts;
}

/** 0-based line and UTF-16 column of an offset. */
export function lineColumn(file: ParsedFile, offset: number): { line: number; character: number } {
  const starts = file.lineStarts;
  const target = Math.max(0, Math.min(offset, file.text.length));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= target) low = middle; else high = middle - 1;
  }
  // An offset inside a line break (the \n of \r\n) is the end of its line, as LSP positions have it.
  let lineEnd = low + 1 < starts.length ? starts[low + 1] : file.text.length;
  if (lineEnd > starts[low] && low + 1 < starts.length) lineEnd -= file.text[lineEnd - 1] === '\n' && file.text[lineEnd - 2] === '\r' ? 2 : 1;
  return { line: low, character: Math.min(target, lineEnd) - starts[low] };
}

/** The offset of a 0-based line and column, clamped to the line and the file. */
export function offsetOf(file: ParsedFile, line: number, character: number): number {
  const starts = file.lineStarts;
  if (line >= starts.length) return file.text.length;
  const lineStart = starts[Math.max(0, line)];
  const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : file.text.length;
  return Math.min(lineStart + Math.max(0, character), lineEnd);
}
