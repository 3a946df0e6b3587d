// A fast path for the YAML that manifests are written in: block mappings and sequences, plain and
// quoted one-line scalars, literal and folded block scalars, one-line flow collections and comments.
// It builds the same `yaml` nodes, values and source ranges as `parseAllDocuments` (checked against it
// by test/fast-yaml.test.ts on every fixture, the corpus and fuzzed variants), several times faster.
// Anything else (anchors, aliases, tags, merge keys, multi-line plain or quoted scalars, multi-line
// flow collections, directives, tabs, CR line breaks, explicit keys, any syntax error) makes it give
// up, and the caller parses with `yaml` itself: the fast path never decides what a text means on
// its own when it is unsure.
import { Scalar, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { newDocument, newScalar, nodeEnd } from './nodes';
import { FastParser } from './parser';
import { giveUp, hash, newline, space } from './inline';

/** Options of every parse (the incremental re-parse in reparse.ts uses the same). Duplicate keys: duplicate-keys.ts. */
export const parseOptions = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, merge: true } as const;

/** Offsets of `---` lines in [from, to) that start documents (followed by a space, a line break or the end). */
function documentMarkers(text: string, from: number, to: number): number[] {
  const markers: number[] = [];
  const isMarkerEnd = (at: number): boolean => at >= to || text[at] === ' ' || text[at] === '\n';
  if (text.startsWith('---', from) && isMarkerEnd(from + 3)) markers.push(from);
  for (let at = text.indexOf('\n---', from); at >= 0 && at + 1 < to; at = text.indexOf('\n---', at + 4)) {
    if (isMarkerEnd(at + 4)) markers.push(at + 1);
  }
  return markers;
}

/** Text the fast path never takes: tabs, CR, BOM, directives, document end markers, control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const unsupported = /[\t\r\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|^(?:%|\.\.\.)/m;

/**
 * The documents of a YAML stream as `parseAllDocuments(text, parseOptions)` builds them (without
 * comments attached to nodes), or undefined when the text needs the full parser. With `from` and
 * `to`, only the documents of that part of the text (`from` is 0 or the start of a `---` line, `to`
 * the end of the text or the start of a `---` line), with offsets in the whole text.
 */
export function fastParseAllDocuments(text: string, from = 0, to = text.length): Document.Parsed[] | undefined {
  return readChunks(text, from, to, parseChunk);
}

/**
 * Reads each document of [from, to) with `read` (its start, end and whether a `---` line starts it),
 * when the text is one the fast path may take: undefined when it is not, or when `read` gives up.
 */
export function readChunks<T>(text: string, from: number, to: number, read: (text: string, start: number, end: number, hasMarker: boolean) => T | undefined): T[] | undefined {
  const region = from === 0 && to === text.length ? text : text.slice(from, to);
  if (unsupported.test(region)) return undefined;
  const markers = documentMarkers(text, from, to);
  const starts = markers[0] === from ? markers : [from, ...markers];
  const documents: T[] = [];
  try {
    for (let index = 0; index < starts.length; index++) {
      const start = starts[index];
      const end = index + 1 < starts.length ? starts[index + 1] : to;
      const document = read(text, start, end, markers.includes(start));
      if (document !== undefined) documents.push(document);
    }
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
  return documents.length ? documents : undefined;
}

/** Where a document's content may start after its `---` line at `start`: only spaces and a comment may follow the marker. */
export function afterMarkerLine(text: string, start: number, end: number): number {
  let at = start + 3;
  while (at < end && text.charCodeAt(at) === space) at++;
  if (at < end && text.charCodeAt(at) !== newline && (text.charCodeAt(at) !== hash || at === start + 3)) throw giveUp;
  const lineEnd = text.indexOf('\n', at);
  return lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
}

function parseChunk(text: string, start: number, end: number, hasMarker: boolean): Document.Parsed | undefined {
  const doc = newDocument(parseOptions);
  const parser = new FastParser(text, end);
  const from = hasMarker ? afterMarkerLine(text, start, end) : start;
  const first = parser.firstContent(from);
  if (!first) {
    if (!hasMarker) return undefined;
    // An empty document: only blank lines may follow its marker (comments would be attached to it).
    if (text.slice(start + 3, end).trim() !== '' || (start + 3 < end && text[start + 3] !== '\n')) parser.fail();
    const empty = newScalar(null);
    empty.range = [start + 3, start + 3, start + 3];
    empty.source = '';
    empty.type = Scalar.PLAIN;
    doc.contents = empty as Scalar.Parsed;
    doc.range = [start, start + 3, start + 3];
    doc.directives.docStart = true;
    return doc;
  }
  const root = parser.parseDocument(first);
  doc.contents = root as Scalar.Parsed | YAMLMap.Parsed | YAMLSeq.Parsed;
  // The lines after an empty last value belong to its entry, not to the document.
  doc.range = [hasMarker ? start : first.at, nodeEnd(root), parser.lastValueEmpty ? nodeEnd(root) : end];
  if (hasMarker) doc.directives.docStart = true;
  return doc;
}
