// A YAML stream cut into chunks at its `---` lines, each parsed alone. A `---` line at column 0
// always starts a document: YAML forbids it inside any scalar or collection, the `yaml` lexer ends
// everything there (but a quote that never closes: region.ts), and Kubernetes splits its streams there
// before parsing. So the text from one `---` line to the next parses alone as it does within the whole
// file, at its offsets in the file (`Parser.offset`). That holds while no directive (`%`) or document
// end marker (`...`) changes how the following documents are read (chunksParseAlone).
//
// Each chunk is read by the data reader (fast/data.ts: data and offsets, no tree) when it can, else
// parsed by `yaml` (its tree then comes for free and is kept). A chunk whose text holds a `{{ … }}` is
// parsed by `yaml`, to tell a template expression from text inside a quoted or block scalar.
import { TreeDocument, type ParsedFile } from './document';
import { readDataDocument } from './fast/data';
import { fromTree } from './from-tree';
import { nestsDeeperThan } from './limits';
import { hasUnclosedQuote } from './quotes';
import { parseChunkTrees } from './region';
import { findTemplate, TemplateScanner } from './templates';
import type { Span } from '../types';

/** Whether `at` ends a `---` marker: a space, a tab, a line break or the end of the text. */
function endsMarker(text: string, at: number): boolean {
  const next = text.charCodeAt(at);
  return at >= text.length || next === 32 || next === 9 || next === 10 || next === 13;
}

/** Whether a `---` line starts at `at`. */
export function isMarkerLine(text: string, at: number): boolean {
  return text.startsWith('---', at) && (at === 0 || text.charCodeAt(at - 1) === 10) && endsMarker(text, at + 3);
}

/**
 * Offsets where chunks start: 0, then every `---` at the start of a line followed by a space, a tab, a
 * line break or the end. (The layer's only `---` scanner.)
 */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 4)) {
    if (endsMarker(text, at + 4)) starts.push(at + 1);
  }
  return starts;
}

/** The chunk starts of files parsed in chunks (reparse.ts reads them instead of scanning the text again). */
const knownStarts = new WeakMap<ParsedFile, readonly number[]>();

export function rememberChunkStarts(file: ParsedFile, starts: readonly number[]): ParsedFile {
  knownStarts.set(file, starts);
  return file;
}

/** The chunk starts of a file parsed in chunks; undefined for a file parsed whole, skipped or a template. */
export function chunkStartsOf(file: ParsedFile): readonly number[] | undefined {
  return knownStarts.get(file);
}

/** Lines that change how the following documents are read: directives and document end markers. */
const unsafeLine = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;

/** Whether every chunk of the text parses alone as within the whole text. */
export function chunksParseAlone(text: string): boolean {
  return !unsafeLine.test(text);
}

export type ChunksParsed =
  | { documents: TreeDocument[] }
  | { template: Span }
  /** A chunk nests deeper than the parser can safely read (limits.ts). */
  | { tooDeep: true };

/** The end of chunk `index`: the next chunk's start, or the end of the text. */
export function chunkEnd(text: string, starts: readonly number[], index: number): number {
  return index + 1 < starts.length ? starts[index + 1] : text.length;
}

/**
 * The documents of chunks [first, last) of the text (starts: chunkStarts), or undefined when a chunk
 * does not parse alone after all (an error outside its documents): then the whole text is parsed.
 * The first chunk (before any `---`) may hold no document; every other holds exactly one.
 */
export function parseChunks(text: string, starts: readonly number[], first: number, last: number, scanner = new TemplateScanner(text)): ChunksParsed | undefined {
  const documents: TreeDocument[] = [];
  for (let index = first; index < last; index++) {
    const start = starts[index];
    const end = chunkEnd(text, starts, index);
    const hasMarker = index > 0 || isMarkerLine(text, 0);
    const mayHoldTemplate = scanner.hasExpression(start, end);
    const data = mayHoldTemplate ? undefined : readDataDocument(text, start, end, hasMarker);
    if (data === 'empty') continue;
    if (data) {
      const document = new TreeDocument(0, { start: data.start, end: data.end }, data.value, undefined, [], text, start, end, false, undefined, undefined);
      document.nullFree = data.nullFree;
      documents.push(document);
      continue;
    }
    if (nestsDeeperThan(text.slice(start, end))) return { tooDeep: true };
    let folded = false;
    let docs = parseChunkTrees(text, start, end, false);
    if (!docs) return undefined;
    // Text before the first `---` that the reader could not call empty, yet with no document: left to the whole parse.
    if (docs.length !== 1) return undefined;
    if (mayHoldTemplate) {
      const template = findTemplate(scanner, docs, start, end);
      if (template) return { template };
    }
    if (hasUnclosedQuote(docs)) {
      // Go's YAML parser (the API server's) accepts a multi-line quoted scalar whose continuation lines
      // sit at the key's indentation; `yaml` does not. Folded, this chunk may read without error.
      const repaired = parseChunkTrees(text, start, end, true);
      if (repaired && repaired.length === docs.length && repaired.every((doc) => doc.errors.length === 0)) {
        docs = repaired;
        folded = true;
      }
    }
    for (const doc of docs) documents.push(fromTree(doc, 0, text, { chunkStart: start, chunkEnd: end, folded }));
  }
  return { documents };
}
