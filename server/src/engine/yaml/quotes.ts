// Multi-line quoted values written the way Go's YAML parser (the API server's) accepts and the `yaml`
// package does not: continuation lines at the key's indentation. Folding the line breaks inside such a
// value into spaces gives the same value (a single line break folds to a space) at the same offsets.
import type { Document } from 'yaml';

/** Whether `yaml` reports a quoted scalar that does not close. */
export function hasUnclosedQuote(docs: Iterable<Document.Parsed>): boolean {
  for (const doc of docs) {
    if (doc.errors.some((error) => error.code === 'MISSING_CHAR' && error.message.includes('quote'))) return true;
  }
  return false;
}

const space = 32;

/** Replaces the line breaks inside quoted values that span lines with spaces (same length). */
export function foldQuotedLines(text: string): string {
  let chars: string[] | undefined;
  // A quote opens a value at the start of a line, after `:`, `-`, `,`, `[` or `{` and white space, or
  // right after `[`, `{` or `,`.
  const valueStart = /(?:^|[:\-,[{]\s+|[[{,])(['"])/gm;
  for (let match = valueStart.exec(text); match; match = valueStart.exec(text)) {
    const quote = match[1];
    let index = match.index + match[0].length;
    for (; index < text.length; index++) {
      const char = text[index];
      if (quote === '"' && char === '\\') { index++; continue; }
      if (char === quote) {
        if (quote === "'" && text[index + 1] === "'") { index++; continue; }
        break;
      }
      if (char === '\n' || char === '\r') (chars ??= text.split(''))[index] = String.fromCharCode(space);
    }
    valueStart.lastIndex = index + 1;
  }
  return chars ? chars.join('') : text;
}
