// A document parsed by `yaml` → a ParsedDocument: its data (refused for an alias bomb or a value that
// contains itself), its syntax problems, its span.
import type { Document } from 'yaml';
import { TreeDocument, type SyntaxProblem, type WholeFile } from './document';
import { containsItself } from './limits';

/** Aliases a document may expand before we refuse to build its value ("billion laughs"). */
export const maxAliasCount = 1000;

/** Where a tree was parsed from: a chunk of the text, or the whole text. */
export type TreeOrigin =
  | { chunkStart: number; chunkEnd: number; folded: boolean; wholeFile?: undefined }
  | { wholeFile: WholeFile; chunkStart?: undefined; chunkEnd?: undefined; folded?: undefined };

export function fromTree(doc: Document.Parsed, index: number, text: string, origin: TreeOrigin): TreeDocument {
  const range = doc.range;
  const syntax = syntaxProblems(doc, text, origin.chunkEnd ?? text.length);
  const blocking = syntax.some((problem) => !problem.duplicateKey);
  let value: unknown;
  let valueError: string | undefined;
  if (!blocking) {
    try {
      value = doc.toJS({ maxAliasCount });
      // Only aliases (`*name`) can make a value contain itself.
      if (hasStar(text, range[0], range[2]) && containsItself(value)) {
        value = undefined;
        valueError = 'a value contains itself (an alias *name inside the node its anchor &name marks)';
      }
    } catch (error) {
      valueError = error instanceof Error ? error.message : String(error);
    }
  } else {
    valueError = 'the document has a syntax error';
  }
  const span = { start: range[0], end: range[2] };
  return origin.wholeFile
    ? new TreeDocument(index, span, value, valueError, syntax, text, 0, text.length, false, origin.wholeFile, doc)
    : new TreeDocument(index, span, value, valueError, syntax, text, origin.chunkStart, origin.chunkEnd, origin.folded, undefined, doc);
}

/** Whether text[start, end) holds a `*` (scanning only the document: indexOf would scan on to the file's end). */
function hasStar(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 42) return true;
  return false;
}

/** The document's errors as problems; one at the very end of its text (an unclosed quote) ends there too. */
function syntaxProblems(doc: Document.Parsed, text: string, end: number): SyntaxProblem[] {
  return doc.errors.map((error) => {
    const start = Math.min(error.pos[0], end);
    return {
      start,
      end: Math.min(end, error.code === 'DUPLICATE_KEY' ? keyEnd(text, error.pos[0]) : Math.max(error.pos[1], error.pos[0] + 1)),
      code: error.code,
      message: firstLine(error.message),
      duplicateKey: error.code === 'DUPLICATE_KEY',
    };
  });
}

/** The end of the key starting at `start` (a quoted key closed on its line, else up to its colon, spaces left out). */
function keyEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + 300);
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let close = start + 1;
    while (close < limit && text[close] !== quote && text[close] !== '\n') close++;
    if (close < limit && text[close] === quote) {
      let after = close + 1;
      while (after < limit && (text[after] === ' ' || text[after] === '\t')) after++;
      if (after >= limit || text[after] === ':' || text[after] === '\n' || text[after] === '\r') return close + 1;
    }
  }
  let stop = start;
  while (stop < limit && text[stop] !== ':' && text[stop] !== '\n') stop++;
  let end = stop;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return Math.max(start + 1, end);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
