// Where an Origin is in the text: the key or the value at its data path in its document, the value
// inside an inline patch (`patch: |` holds YAML whose offsets are mapped back through the block
// scalar's indentation), or the span a builder gave. A path that does not exist in the source (a field
// a transformer created below an existing one) is placed on its nearest existing parent's key.
import { isScalar, type Document, type Node, type Scalar } from 'yaml';
import type { Origin } from '../model/provenance';
import { parseFile, parseTree, type ParsedFile } from '../yaml';
import { locate, spanOf, type DataPath } from '../yaml/nodes';
import type { Span } from '../types';

export interface Placed extends Span {
  uri: string;
  /** The source scalar written at the origin, when the origin is one (a fix may replace it). */
  scalar?: Scalar;
  /** Whether the place is the exact value or key the origin names (not a parent's, not a fallback). */
  exact: boolean;
}

/** The key or value span of `path` in a tree, or of its nearest existing parent's key. */
function placeIn(tree: Document, path: DataPath, onKey: boolean): (Span & { scalar?: Scalar; exact: boolean }) | undefined {
  for (let length = path.length; length >= 0; length--) {
    const located = locate(tree, path.slice(0, length));
    const exact = length === path.length;
    if (!located.node && !located.pair) continue;
    if ((onKey || !exact) && located.pair?.key && isScalar(located.pair.key)) {
      const span = spanOf(located.pair.key);
      if (span) return { ...span, exact };
    }
    const span = spanOf(located.node);
    if (span) return { ...span, exact, ...(exact && isScalar(located.node) ? { scalar: located.node } : {}) };
  }
  return undefined;
}

/** Offsets in the value of a literal block scalar (`|`, `|-`) → offsets in the file, line by line. */
function blockOffsets(file: ParsedFile, scalar: Scalar): ((offset: number) => number) | undefined {
  if (scalar.type !== 'BLOCK_LITERAL' || !scalar.range || typeof scalar.value !== 'string') return undefined;
  const text = file.text;
  const contentStart = text.indexOf('\n', scalar.range[0]) + 1;
  if (contentStart <= 0 || contentStart > scalar.range[1]) return undefined;
  const lineStarts: number[] = [];
  let indent = -1;
  for (let at = contentStart; at < scalar.range[1];) {
    lineStarts.push(at);
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    if (indent < 0 && line.trim() !== '') indent = line.length - line.trimStart().length;
    if (end < 0) break;
    at = end + 1;
  }
  if (indent < 0) return undefined;
  const value = scalar.value;
  return (offset) => {
    let line = 0;
    let lineStart = 0;
    for (let at = value.indexOf('\n'); at >= 0 && at < offset; at = value.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    const start = lineStarts[line];
    return start === undefined ? scalar.range![0] : Math.min(start + indent + (offset - lineStart), scalar.range![1]);
  };
}

const embeddedFiles = new WeakMap<Scalar, ParsedFile>();

/** A place inside the YAML held by the string at `origin.path` (an inline patch). */
function placeEmbedded(file: ParsedFile, tree: Document, origin: Origin, onKey: boolean): Placed | undefined {
  const holder = locate(tree, origin.path).node as Node | undefined;
  if (!isScalar(holder) || typeof holder.value !== 'string' || !origin.embedded) return undefined;
  let inner = embeddedFiles.get(holder);
  if (!inner) embeddedFiles.set(holder, inner = parseFile(`${file.uri}#embedded`, holder.value));
  const document = inner.documents[origin.embedded.docIndex];
  const toFile = blockOffsets(file, holder);
  const found = document && toFile ? placeIn(parseTree(document), origin.embedded.path, onKey) : undefined;
  if (!found || !toFile) return undefined;
  return { uri: file.uri, start: toFile(found.start), end: toFile(found.end), exact: found.exact };
}

/**
 * The span of an origin in `file` (the file at `origin.uri`): the key (`onKey`) or the value at its path.
 * Undefined when the file has no such document.
 */
export function placeOrigin(origin: Origin, onKey: boolean, file: ParsedFile | undefined): Placed | undefined {
  if (origin.span) return { uri: origin.uri, ...(onKey && origin.keySpan ? origin.keySpan : origin.span), exact: true };
  const document = file?.documents[origin.docIndex];
  if (!file || !document) return undefined;
  const tree = parseTree(document);
  if (origin.embedded) {
    const inner = placeEmbedded(file, tree, origin, onKey);
    if (inner) return inner;
    const holder = placeIn(tree, origin.path, true);
    return holder && { uri: file.uri, start: holder.start, end: holder.end, exact: false };
  }
  const found = placeIn(tree, origin.path, onKey);
  return found ? { uri: file.uri, ...found } : { uri: file.uri, ...document.span, exact: false };
}
