// Incremental re-parse of a multi-document file after an edit: only the documents the edit touched are
// parsed again; the ones before it are kept as they are and the ones after it are kept with their
// offsets shifted. A `---` line at column 0 always starts a document (YAML forbids it inside any
// scalar or collection, and the `yaml` lexer ends everything there), so the text between two such
// lines parses the same alone as within the whole file, with its offsets set by `Parser.offset`.
// Whenever that reasoning might not hold (directives, `...` markers, templates, the quote repair, a
// file that was skipped), this returns undefined and the caller parses the whole file.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type Document } from 'yaml';
import { fastParseAllDocuments } from './fast';
import { nestsDeeperThan } from './limits';
import { computeLineStarts, parseOptions, toParsedDocument, type ParsedDocument, type ParsedFile } from './parse';

/** Offsets where documents start: 0, then every `---` at the start of a line followed by a space, a tab or a line end. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 4)) {
    const next = text[at + 4];
    if (next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r') starts.push(at + 1);
  }
  return starts;
}

/** Lines that change how the following documents are read: directives and document end markers. */
const unsafeLine = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;

function eligible(text: string): boolean {
  return !text.includes('{{') && !text.includes('\u0000') && !unsafeLine.test(text);
}

/** What is known of files this module produced or examined: their document starts, and that they are eligible. */
const known = new WeakMap<ParsedFile, number[]>();

function startsOf(file: ParsedFile): number[] | undefined {
  let starts = known.get(file);
  if (!starts && eligible(file.text)) {
    starts = chunkStarts(file.text);
    known.set(file, starts);
  }
  return starts;
}

/**
 * Whether the new text is eligible, knowing that the old one was and that they differ only in
 * [prefix, text.length - suffix): the lines around that range are checked (a line break typed there
 * can make a line of the rest start with '%'), and '{{' across its ends.
 */
function eligibleAfterEdit(text: string, prefix: number, suffix: number): boolean {
  const from = text.lastIndexOf('\n', Math.max(0, prefix - 1)) + 1;
  const lineEnd = text.indexOf('\n', text.length - suffix);
  return eligible(text.slice(from, lineEnd < 0 ? text.length : lineEnd + 1));
}

/** The line starts of the new text, from the old ones: kept before the edit, shifted after it. */
function editedLineStarts(old: number[], text: string, prefix: number, oldSuffixStart: number, delta: number): number[] {
  // A \r ends a line unless a \n follows: an edit next to one can change that, so such texts are redone.
  if (text.includes('\r')) return computeLineStarts(text);
  const starts: number[] = [];
  let index = 0;
  // A line start s is kept when the line break before it (at s - 1) is before the edit.
  while (index < old.length && old[index] <= prefix) starts.push(old[index++]);
  const newSuffixStart = oldSuffixStart + delta;
  for (let at = text.indexOf('\n', prefix); at >= 0 && at < newSuffixStart; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  while (index < old.length && old[index] - 1 < oldSuffixStart) index++;
  for (; index < old.length; index++) starts.push(old[index] + delta);
  return starts;
}

function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  // Compare in blocks first: substring equality is done natively.
  let low = 0;
  for (let size = 4096; size >= 1; size = size >> 2) {
    while (low + size <= limit && a.slice(low, low + size) === b.slice(low, low + size)) low += size;
  }
  while (low < limit && a.charCodeAt(low) === b.charCodeAt(low)) low++;
  return low;
}

function commonSuffix(a: string, b: string, max: number): number {
  let count = 0;
  for (let size = 4096; size >= 1; size = size >> 2) {
    while (count + size <= max && a.slice(a.length - count - size, a.length - count) === b.slice(b.length - count - size, b.length - count)) count += size;
  }
  while (count < max && a.charCodeAt(a.length - 1 - count) === b.charCodeAt(b.length - 1 - count)) count++;
  return count;
}

/**
 * Parses text[start, end) as a stream of documents whose offsets are those of the whole text. When a
 * `---` follows, it is parsed too (and its empty document dropped): a document ends differently
 * before a `---` than at the end of the input (a trailing comment line is left out of its range).
 */
function parseRegion(text: string, start: number, end: number): Document.Parsed[] | undefined {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer(parseOptions);
  const more = end < text.length;
  const until = more ? end + 3 : end;
  const tokens = Array.from(parser.parse(text.slice(start, until)));
  // An error outside any document (a stray `]` right after `---`) belongs to the document before in a
  // whole-file parse, which is not in this region.
  if (tokens.some((token) => token.type === 'error')) return undefined;
  const docs = Array.from(composer.compose(tokens, false, until)) as Document.Parsed[];
  // An unclosed quote runs to the end of the input here, but only to the next `---` in the whole
  // file, and the whole file may then be parsed again with folded quotes: let parseFile do it.
  if (docs.some((doc) => doc.errors.some((error) => error.code === 'MISSING_CHAR' && /quote/.test(error.message)))) return undefined;
  if (more && docs.pop()?.range[0] !== end) return undefined;
  return docs;
}

/** Moves a node and its children; each node's range array is its own (a tree, aliases are not followed). */
function shiftNode(node: unknown, delta: number): void {
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
    return;
  }
  if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) return;
  // Assigned, not changed in place: a fast-path node's range is an accessor (fast-yaml-nodes.ts).
  const range = node.range;
  if (range) node.range = [range[0] + delta, range[1] + delta, range[2] + delta];
  if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) shiftNode(item, delta);
}

/** Moves a kept document by `delta` characters (every node, error and span), in place. */
function shiftDocument(document: ParsedDocument, delta: number, index: number): void {
  document.index = index;
  if (delta === 0) return;
  const doc = document.doc;
  doc.range = [doc.range[0] + delta, doc.range[1] + delta, doc.range[2] + delta];
  shiftNode(doc.contents, delta);
  for (const problem of [...doc.errors, ...doc.warnings]) problem.pos = [problem.pos[0] + delta, problem.pos[1] + delta];
  document.span = { start: document.span.start + delta, end: document.span.end + delta };
  document.syntax = document.syntax.map((problem) => ({ ...problem, start: problem.start + delta, end: problem.end + delta }));
}

/**
 * The documents of each chunk of a parsed file, or undefined when they do not line up one to one, or
 * when a document holds an error from outside its chunk (a stray token between documents, which a
 * whole-file parse gives to a neighbour).
 */
function documentsByChunk(file: ParsedFile, starts: number[]): ParsedDocument[][] | undefined {
  const byChunk: ParsedDocument[][] = starts.map(() => []);
  let chunk = 0;
  for (const document of file.documents) {
    while (chunk + 1 < starts.length && document.span.start >= starts[chunk + 1]) chunk++;
    const end = chunk + 1 < starts.length ? starts[chunk + 1] : file.text.length;
    if (document.span.end > end) return undefined;
    const errors = [...document.doc.errors, ...document.doc.warnings];
    if (errors.some((error) => error.pos[0] < starts[chunk] || error.pos[0] >= end)) return undefined;
    byChunk[chunk].push(document);
  }
  // Every chunk after the first starts with `---`, which always opens exactly one document.
  for (let index = 1; index < byChunk.length; index++) if (byChunk[index].length !== 1) return undefined;
  return byChunk[0].length <= 1 ? byChunk : undefined;
}

/**
 * The file after an edit, re-parsing only the documents the edit touched; undefined when the whole
 * file must be parsed (the caller then calls parseFile).
 */
export function reparseFile(previous: ParsedFile, text: string, version: number, maxFileSize: number): ParsedFile | undefined {
  if (previous.skipped || previous.template || previous.foldedQuotes || previous.documents.length < 2) return undefined;
  if (text.length > maxFileSize || previous.text === text) return undefined;
  const oldStarts = startsOf(previous);
  if (!oldStarts) return undefined;
  const oldChunks = documentsByChunk(previous, oldStarts);
  if (!oldChunks) return undefined;
  const prefix = commonPrefix(previous.text, text);
  const suffix = commonSuffix(previous.text, text, Math.min(previous.text.length, text.length) - prefix);
  if (!eligibleAfterEdit(text, prefix, suffix)) return undefined;
  const newStarts = chunkStarts(text);
  const delta = text.length - previous.text.length;
  const oldEnd = (index: number): number => (index + 1 < oldStarts.length ? oldStarts[index + 1] : previous.text.length);
  const newEnd = (index: number): number => (index + 1 < newStarts.length ? newStarts[index + 1] : text.length);

  // Leading chunks that end before the edit and start at the same offsets in both texts. The chunk
  // holding the edit ends at the next `---`; its end must not touch the edit either (a `---` line
  // could have been made or broken there), hence the 4 characters.
  let head = 0;
  while (head < oldStarts.length && head < newStarts.length && oldStarts[head] === newStarts[head]
    && oldEnd(head) === newEnd(head) && newEnd(head) + 4 <= prefix && head + 1 < newStarts.length) head++;
  // Trailing chunks that start after the edit, the same in both texts.
  let tail = 0;
  while (tail < oldStarts.length - head && tail < newStarts.length - head) {
    const oldIndex = oldStarts.length - 1 - tail;
    const newIndex = newStarts.length - 1 - tail;
    if (oldStarts[oldIndex] + delta !== newStarts[newIndex] || newStarts[newIndex] < text.length - suffix) break;
    tail++;
  }
  if (head === 0 && tail === 0) return undefined;

  const regionStart = newStarts[head];
  const regionEnd = tail > 0 ? newStarts[newStarts.length - tail] : text.length;
  const parsed = fastParseAllDocuments(text, regionStart, regionEnd)
    ?? (nestsDeeperThan(text.slice(regionStart, regionEnd)) ? undefined : parseRegion(text, regionStart, regionEnd));
  if (!parsed) return undefined;
  // A region that is only comments (the first chunk) yields no document; any other must yield one per chunk.
  const regionChunks = newStarts.length - tail - head;
  const expected = regionChunks - (head === 0 && !/^---/.test(text) && parsed.length === regionChunks - 1 ? 1 : 0);
  if (parsed.length !== expected) return undefined;

  const documents: ParsedDocument[] = [];
  for (let index = 0; index < head; index++) for (const document of oldChunks[index]) { shiftDocument(document, 0, documents.length); documents.push(document); }
  for (const doc of parsed) documents.push(toParsedDocument(doc, documents.length, text));
  for (let index = oldStarts.length - tail; index < oldStarts.length; index++) {
    for (const document of oldChunks[index]) { shiftDocument(document, delta, documents.length); documents.push(document); }
  }
  const lineStarts = editedLineStarts(previous.lineStarts, text, prefix, previous.text.length - suffix, delta);
  const file: ParsedFile = { uri: previous.uri, text, version, lineStarts, documents };
  known.set(file, newStarts);
  return file;
}
