// Where a piece of text stands, so that tests assert positions by what is there, not by counted lines.

/** The 1-based line and column (as findings give them) of the first `needle` in `text`, plus `delta` characters. */
export function lineColumnOf(text: string, needle: string, delta = 0): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, offset + delta);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** The 1-based line of the first `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  return lineColumnOf(text, needle).line;
}
