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

/** A 1-based range, as findings give it. */
export interface LineColumnRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The range of `needle` within the first `context` in `text` (by default the first `needle`); one line. */
export function rangeOf(text: string, needle: string, context = needle): LineColumnRange {
  const inside = context.indexOf(needle);
  if (inside < 0) throw new Error(`"${needle}" is not in "${context}"`);
  const { line, column } = lineColumnOf(text, context, inside);
  return { line, column, endLine: line, endColumn: column + needle.length };
}

/** The range of a finding (or of anything with a 1-based range), to compare with rangeOf. */
export function rangeIn({ line, column, endLine, endColumn }: LineColumnRange): LineColumnRange {
  return { line, column, endLine, endColumn };
}
