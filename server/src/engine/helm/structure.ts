// The entries of a parsed (blanked) template document, by place: every mapping key and sequence item
// with its data path, line and column, and every scalar with its range. reading.ts uses them to tell
// which node an action's text lands in, and which collection a line-producing action feeds.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { DataPath } from '../yaml/nodes';
import type { ParsedDocument } from '../yaml/parse';
import { parseTree } from '../yaml';
import type { Span } from '../types';

export interface Entry {
  path: DataPath;
  /** `key` for a mapping pair (at its key), `item` for a sequence item (at its dash). */
  kind: 'key' | 'item';
  /** Offset of the key or of the item's dash. */
  start: number;
  line: number;
  column: number;
  /** The whole entry: key (or dash) to the end of its value. */
  span: Span;
  /** What the value is: a collection or nothing written on this line, a scalar on this line, a block scalar (`|`, `>`). */
  value: 'nested' | 'inline' | 'block-scalar';
}

export interface ScalarAt extends Span {
  path: DataPath;
  /** Whether the scalar is a mapping key (then `path` is the pair's path). */
  key: boolean;
}

export interface DocumentStructure {
  entries: Entry[];
  /** Entries by line, in column order. */
  byLine: Map<number, Entry[]>;
  /** Scalars sorted by start offset. */
  scalars: ScalarAt[];
  /** Entries by data path (pathKey). */
  byPath: Map<string, Entry>;
}

/** A map key for a data path. */
export function pathKey(path: DataPath): string {
  return path.map((step) => (typeof step === 'number' ? `#${step}` : `.${step}`)).join('\u0000');
}

/** Index of the line holding `offset` (lineStarts from the parsed file). */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** The offset of the `-` before a block sequence item starting at `itemStart`, when on the same line. */
function dashBefore(text: string, itemStart: number): number | undefined {
  let at = itemStart - 1;
  while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
  return at >= 0 && text[at] === '-' ? at : undefined;
}

/** Walks a document's nodes (no recursion limit issue: parse.ts refuses over-deep files). */
export function structureOf(document: ParsedDocument, text: string, lineStarts: readonly number[]): DocumentStructure {
  const entries: Entry[] = [];
  const scalars: ScalarAt[] = [];
  const place = (offset: number): { line: number; column: number } => {
    const line = lineAt(lineStarts, offset);
    return { line, column: offset - lineStarts[line] };
  };
  const valueKind = (keyLine: number, value: unknown): Entry['value'] => {
    const range = rangeOf(value);
    if (!range || isMap(value) || isSeq(value)) {
      const flowOnLine = range && (isMap(value) || isSeq(value)) && (value as { flow?: boolean }).flow && place(range[0]).line === keyLine;
      return flowOnLine ? 'inline' : 'nested';
    }
    // An empty value (`labels:` with nothing after it) has an empty range at the end of the line.
    if (range[1] <= range[0]) return 'nested';
    const first = text[range[0]];
    if (isScalar(value) && (first === '|' || first === '>')) return 'block-scalar';
    return place(range[0]).line === keyLine ? 'inline' : 'nested';
  };
  const visit = (node: unknown, path: DataPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyRange = rangeOf(pair.key);
        if (!isScalar(pair.key) || !keyRange) continue;
        const childPath = [...path, String(pair.key.value)];
        const { line, column } = place(keyRange[0]);
        const end = rangeOf(pair.value)?.[1] ?? keyRange[1];
        entries.push({ path: childPath, kind: 'key', start: keyRange[0], line, column, span: { start: keyRange[0], end }, value: valueKind(line, pair.value) });
        scalars.push({ start: keyRange[0], end: keyRange[1], path: childPath, key: true });
        visit(pair.value, childPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const childPath = [...path, index];
        const range = rangeOf(item);
        if (range) {
          const dash = node.flow ? undefined : dashBefore(text, range[0]);
          const start = dash ?? range[0];
          const { line, column } = place(start);
          entries.push({ path: childPath, kind: 'item', start, line, column, span: { start, end: range[1] }, value: isMap(item) || isSeq(item) ? 'nested' : 'inline' });
        }
        visit(item, childPath);
      });
    } else if (isScalar(node)) {
      const range = rangeOf(node);
      if (range) scalars.push({ start: range[0], end: range[1], path, key: false });
    }
  };
  visit(parseTree(document).contents, []);
  scalars.sort((a, b) => a.start - b.start);
  const byLine = new Map<number, Entry[]>();
  for (const entry of entries) {
    const list = byLine.get(entry.line);
    if (list) list.push(entry);
    else byLine.set(entry.line, [entry]);
  }
  for (const list of byLine.values()) list.sort((a, b) => a.column - b.column);
  const byPath = new Map<string, Entry>();
  for (const entry of entries) byPath.set(pathKey(entry.path), entry);
  return { entries, byLine, scalars, byPath };
}

/** The scalar whose range holds `offset` (scalars sorted by start; they do not overlap). */
export function scalarAt(scalars: readonly ScalarAt[], offset: number): ScalarAt | undefined {
  let low = 0;
  let high = scalars.length - 1;
  let found: ScalarAt | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (scalars[middle].start <= offset) { found = scalars[middle]; low = middle + 1; } else high = middle - 1;
  }
  return found && offset < Math.max(found.end, found.start + 1) ? found : undefined;
}
