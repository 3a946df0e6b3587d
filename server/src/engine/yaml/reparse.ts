// Incremental re-parse of a multi-document file after an edit (the entry point of the YAML layer for
// an edited text): only the chunks the edit touched (chunks.ts: from a `---` line to the next) are
// parsed again; the documents before them are kept as they are and the ones after them are kept with
// their offsets (and trees, when in memory) moved. Chunks parse alone, so this gives exactly the file
// parseFile gives for the new text, which it falls back to whenever it cannot keep anything (a file
// parsed whole, a directive or `...` typed, a template or too deep nesting in the edited chunks).
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { chunkEnd, chunksParseAlone, chunkStarts, chunkStartsOf, parseChunks, rememberChunkStarts } from './chunks';
import { TreeDocument, type ParsedDocument, type ParsedFile } from './document';
import { parseFile, placeholderTemplate } from './parse';
import { computeLineStarts } from './positions';

/**
 * Whether the new text still parses in chunks, knowing that the old one did and that they differ only
 * in [prefix, text.length - suffix): the lines around that range are checked (a line break typed there
 * can make a line of the rest start with '%').
 */
function chunkableAfterEdit(text: string, prefix: number, suffix: number): boolean {
  const from = text.lastIndexOf('\n', Math.max(0, prefix - 1)) + 1;
  const lineEnd = text.indexOf('\n', text.length - suffix);
  const around = text.slice(from, lineEnd < 0 ? text.length : lineEnd + 1);
  return chunksParseAlone(around) && !around.includes('\u0000');
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

/** Moves a node and its children, in place (a tree: aliases are not followed). */
function shiftNode(node: unknown, delta: number): void {
  if (isPair(node)) {
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
    return;
  }
  if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) return;
  const range = node.range;
  if (range) {
    range[0] += delta;
    range[1] += delta;
    range[2] += delta;
  }
  if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) shiftNode(item, delta);
}

function shiftTree(doc: Document.Parsed, delta: number): void {
  doc.range = [doc.range[0] + delta, doc.range[1] + delta, doc.range[2] + delta];
  shiftNode(doc.contents, delta);
  for (const problem of [...doc.errors, ...doc.warnings]) problem.pos = [problem.pos[0] + delta, problem.pos[1] + delta];
}

/** Moves a kept document into the new text by `delta` characters (offsets, problems, its tree if in memory), in place. */
function moveDocument(document: TreeDocument, text: string, delta: number, index: number): void {
  document.index = index;
  document.text = text;
  if (delta === 0) return;
  document.chunkStart += delta;
  document.chunkEnd += delta;
  if (document.tree) shiftTree(document.tree, delta);
  document.span = { start: document.span.start + delta, end: document.span.end + delta };
  document.syntax = document.syntax.map((problem) => ({ ...problem, start: problem.start + delta, end: problem.end + delta }));
}

/** The documents of each chunk (the first may have none, every other has one), or undefined for a file not parsed in chunks. */
function documentsByChunk(documents: readonly ParsedDocument[], starts: readonly number[]): (TreeDocument | undefined)[] | undefined {
  const skipFirst = documents.length === starts.length - 1;
  if (!skipFirst && documents.length !== starts.length) return undefined;
  const byChunk: (TreeDocument | undefined)[] = skipFirst ? [undefined] : [];
  for (const document of documents) {
    if (!(document instanceof TreeDocument) || document.wholeFile || document.chunkStart !== starts[byChunk.length]) return undefined;
    byChunk.push(document);
  }
  return byChunk;
}

/** The file after an edit: parseFile's result for the new text, re-parsing only the chunks the edit touched. */
export function reparseFile(previous: ParsedFile, text: string, version: number, maxFileSize: number): ParsedFile {
  return reparseChunks(previous, text, version, maxFileSize) ?? parseFile(previous.uri, text, version, maxFileSize);
}

function reparseChunks(previous: ParsedFile, text: string, version: number, maxFileSize: number): ParsedFile | undefined {
  if (previous.skipped || previous.template || previous.documents.length < 2) return undefined;
  if (text.length > maxFileSize || previous.text === text) return undefined;
  const oldStarts = chunkStartsOf(previous) ?? chunkStarts(previous.text);
  const oldChunks = documentsByChunk(previous.documents, oldStarts);
  if (!oldChunks) return undefined;
  const prefix = commonPrefix(previous.text, text);
  const suffix = commonSuffix(previous.text, text, Math.min(previous.text.length, text.length) - prefix);
  if (!chunkableAfterEdit(text, prefix, suffix)) return undefined;
  const newStarts = chunkStarts(text);
  const delta = text.length - previous.text.length;
  const oldEnd = (index: number): number => chunkEnd(previous.text, oldStarts, index);
  const newEnd = (index: number): number => chunkEnd(text, newStarts, index);

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

  const parsed = parseChunks(text, newStarts, head, newStarts.length - tail);
  if (!parsed || !('documents' in parsed)) return undefined;
  const documents: ParsedDocument[] = [];
  const keep = (document: TreeDocument | undefined, shift: number): void => {
    if (!document) return;
    moveDocument(document, text, shift, documents.length);
    documents.push(document);
  };
  for (let index = 0; index < head; index++) keep(oldChunks[index], 0);
  for (const document of parsed.documents) keep(document, 0);
  for (let index = oldStarts.length - tail; index < oldStarts.length; index++) keep(oldChunks[index], delta);
  // A text that now breaks at `@VAR@` placeholders is a template: parsed whole, as parseFile decides it.
  if (placeholderTemplate(text, documents)) return undefined;
  const lineStarts = editedLineStarts(previous.lineStarts, text, prefix, previous.text.length - suffix, delta);
  return rememberChunkStarts({ uri: previous.uri, text, version, lineStarts, documents }, newStarts);
}
