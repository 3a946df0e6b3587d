// A chart template read statically: its blanked text (blank.ts) parsed best effort, and for each
// document the marks that say which parts come from actions, so that nothing is reported on a value
// or key produced by an action, nor on what depends on one (a selector filled by an `include` is
// unknown, not empty). Includes of helpers that are literal are resolved (helpers.ts) and their
// entries merged into `value`, so label-based rules can see literal labels.
import { isObject } from '../model/manifest';
import { parseFile, type ParsedFile } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import type { Span } from '../types';
import { printsOutput, type TemplateAction } from './actions';
import { blankTemplate, isHidden, type BlankedTemplate, type TemplateBlock } from './blank';
import type { HelperLibrary, IncludeFragment } from './helpers';
import { lineAt, pathKey, scalarAt, structureOf, type DocumentStructure, type Entry } from './structure';

export type MarkKind =
  /** The value (a scalar) is produced, wholly or in part, by an action. */
  | 'value'
  /** The key is produced by an action: the whole entry is unknown. */
  | 'key'
  /** The collection gets entries from an action (an include, toYaml, a conditional or a loop): it may hold more or fewer. */
  | 'entries'
  /** The entry is written inside an if/with/range block: it may be absent, or repeated. */
  | 'conditional';

export interface TemplateMark {
  kind: MarkKind;
  /** Data path of the node concerned (the collection for `entries`). */
  path: DataPath;
  /** The action responsible (for a block: its opener). */
  action: TemplateAction;
  /** For `entries` from `include "name"`: the helper, and its literal entries when they could be read. */
  include?: string;
  fragment?: IncludeFragment;
}

export interface TemplateDocument {
  index: number;
  marks: TemplateMark[];
  /** The block (if/with/range) the whole document is written in: it may not be rendered, or be rendered several times. */
  conditional?: TemplateAction;
  /** The document's data with the literal entries of resolved includes merged in. */
  value: unknown;
  structure: DocumentStructure;
}

export interface TemplateReading {
  uri: string;
  blanked: BlankedTemplate;
  /** The blanked text parsed (spans are offsets in the template too). */
  file: ParsedFile;
  documents: TemplateDocument[];
}

interface IndentStack {
  /** Content lines with strictly increasing indentation (the ancestors of the current line). */
  lines: number[];
  indents: number[];
}

function isContentLine(text: string, from: number, to: number): number | undefined {
  for (let at = from; at < to; at++) {
    const char = text[at];
    if (char === ' ' || char === '\t' || char === '\r') continue;
    return char === '#' || char === '\n' ? undefined : at - from;
  }
  return undefined;
}

/** The nearest content line before `line` indented less than `column` (see the owner rule below). */
function ownerLines(text: string, lineStarts: readonly number[], queries: { line: number; column: number }[]): (number | undefined)[] {
  const order = queries.map((_, index) => index).sort((a, b) => queries[a].line - queries[b].line);
  const results: (number | undefined)[] = new Array(queries.length).fill(undefined);
  const stack: IndentStack = { lines: [], indents: [] };
  let line = 0;
  for (const queryIndex of order) {
    const query = queries[queryIndex];
    for (; line < query.line; line++) {
      const from = lineStarts[line];
      const to = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
      const indent = isContentLine(text, from, to);
      if (indent === undefined) continue;
      while (stack.indents.length && stack.indents[stack.indents.length - 1] >= indent) { stack.indents.pop(); stack.lines.pop(); }
      stack.indents.push(indent);
      stack.lines.push(line);
    }
    let low = 0;
    let high = stack.indents.length - 1;
    let found: number | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (stack.indents[middle] < query.column) { found = stack.lines[middle]; low = middle + 1; } else high = middle - 1;
    }
    results[queryIndex] = found;
  }
  return results;
}

/**
 * The collection that lines printed at `column` below `ownerLine` belong to: the value of the last
 * key on that line left of the column (when its value is not on the line), else the item of the
 * last dash left of it, else the mapping holding that key; the document root when there is none.
 */
function ownerPath(structure: DocumentStructure, ownerLine: number | undefined, column: number): { path: DataPath; blockScalar: boolean } {
  if (ownerLine === undefined) return { path: [], blockScalar: false };
  const entries = structure.byLine.get(ownerLine);
  let last: Entry | undefined;
  for (const entry of entries ?? []) if (entry.column < column) last = entry;
  if (!last) return { path: [], blockScalar: false };
  if (last.kind === 'item') return { path: last.path, blockScalar: false };
  if (last.value === 'block-scalar') return { path: last.path, blockScalar: true };
  if (last.value === 'nested') return { path: last.path, blockScalar: false };
  return { path: last.path.slice(0, -1), blockScalar: false };
}

function documentSpans(file: ParsedFile): Span[] {
  return file.documents.map((document) => document.span);
}

function documentIndexAt(spans: Span[], offset: number): number {
  for (let index = 0; index < spans.length; index++) {
    const next = spans[index + 1];
    if (!next || offset < next.start) return index;
  }
  return Math.max(0, spans.length - 1);
}

interface Placed {
  action: TemplateAction;
  line: number;
  column: number;
  doc: number;
}

function blockOpeners(blocks: TemplateBlock[]): TemplateBlock[] {
  return blocks.filter((block) => block.opener.kind === 'if' || block.opener.kind === 'with' || block.opener.kind === 'range' || block.opener.kind === 'block');
}

/** Reads a template statically. `helpers` resolves includes (all the chart's templates). Never throws. */
export function readTemplate(uri: string, text: string, version = 0, maxSize = Number.POSITIVE_INFINITY, helpers?: HelperLibrary): TemplateReading {
  const blanked = blankTemplate(text);
  const file = parseFile(uri, blanked.text, version, maxSize);
  const structures = file.documents.map((document) => structureOf(document, blanked.text, file.lineStarts));
  const marks: TemplateMark[][] = file.documents.map(() => []);
  const conditional: (TemplateAction | undefined)[] = file.documents.map(() => undefined);
  const spans = documentSpans(file);
  if (spans.length > 0) {
    const lines: Placed[] = [];
    const place = (action: TemplateAction): Placed => {
      const line = lineAt(file.lineStarts, action.start);
      return { action, line, column: action.start - file.lineStarts[line], doc: documentIndexAt(spans, action.start) };
    };
    blanked.actions.forEach((action, index) => {
      if (action.kind === 'comment' || isHidden(blanked, action.start)) return;
      const placed = place(action);
      const structure = structures[placed.doc];
      const scalar = scalarAt(structure.scalars, action.start);
      if (!blanked.standalone[index]) {
        if (action.kind === 'assign') return;
        if (scalar) marks[placed.doc].push({ kind: scalar.key ? 'key' : 'value', path: scalar.path, action });
        else lines.push(placed);
        return;
      }
      if (scalar && !scalar.key) { marks[placed.doc].push({ kind: 'value', path: scalar.path, action }); return; }
      if (printsOutput(action)) lines.push(placed);
    });
    const fed = markConditionalEntries(blanked, structures, marks, conditional, spans);
    for (const block of blockOpeners(blanked.blocks)) {
      if (!isHidden(blanked, block.opener.start) && !fed.has(block)) lines.push(place(block.opener));
    }
    const owners = ownerLines(blanked.text, file.lineStarts, lines);
    lines.forEach((placed, index) => {
      const owner = ownerPath(structures[placed.doc], owners[index], placed.column);
      const include = placed.action.includes.length === 1 && printsOutput(placed.action) ? placed.action.includes[0] : undefined;
      const mark: TemplateMark = { kind: owner.blockScalar ? 'value' : 'entries', path: owner.path, action: placed.action };
      if (include) {
        mark.include = include;
        const fragment = helpers?.resolve(include);
        if (fragment) mark.fragment = fragment;
      }
      marks[placed.doc].push(mark);
    });
  }
  const documents = file.documents.map((document, index): TemplateDocument => {
    const result: TemplateDocument = { index, marks: marks[index], value: mergeFragments(document.value, marks[index]), structure: structures[index] };
    if (conditional[index]) result.conditional = conditional[index];
    return result;
  });
  return { uri, blanked, file, documents };
}

/**
 * Marks the outermost entries written inside each kept if/with/range branch as conditional, and the
 * collections holding them as getting entries from the block; and documents written inside one.
 * Returns the blocks whose branch holds entries (the others are placed by indentation).
 */
function markConditionalEntries(blanked: BlankedTemplate, structures: DocumentStructure[], marks: TemplateMark[][],
  conditional: (TemplateAction | undefined)[], spans: Span[]): Set<TemplateBlock> {
  const fed = new Set<TemplateBlock>();
  for (const block of blockOpeners(blanked.blocks)) {
    if (block.opener.kind === 'block' || isHidden(blanked, block.opener.start)) continue;
    const branch = block.branches[block.kept];
    if (!branch) continue;
    const doc = documentIndexAt(spans, branch.start);
    for (let index = doc; index < structures.length && spans[index].start < branch.end; index++) {
      const structure = structures[index];
      const first = structure.entries[0];
      if (first && !conditional[index] && first.start >= branch.start && first.start < branch.end) conditional[index] = block.opener;
      const parents = new Set<string>();
      for (let at = firstEntryFrom(structure.entries, branch.start); at < structure.entries.length; at++) {
        const entry = structure.entries[at];
        if (entry.start >= branch.end) break;
        const parentPath = entry.path.slice(0, -1);
        const parent = structure.byPath.get(pathKey(parentPath));
        if (parent && parent.start >= branch.start) continue;
        fed.add(block);
        marks[index].push({ kind: 'conditional', path: entry.path, action: block.opener });
        const key = pathKey(parentPath);
        if (parentPath.length > 0 && !parents.has(key)) {
          parents.add(key);
          marks[index].push({ kind: 'entries', path: parentPath, action: block.opener });
        }
      }
    }
  }
  return fed;
}

/** Index of the first entry starting at or after `offset` (entries are in document order). */
function firstEntryFrom(entries: Entry[], offset: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A copy of a document's value with the literal entries of resolved includes added where they print. */
function mergeFragments(value: unknown, marks: TemplateMark[]): unknown {
  const merging = marks.filter((mark) => mark.kind === 'entries' && mark.fragment?.entries.some((entry) => entry.value !== undefined));
  if (merging.length === 0) return value;
  const root: { value: unknown } = { value: structuredClone(value) };
  for (const mark of merging) {
    let parent: Record<string, unknown> | unknown[] = root as unknown as Record<string, unknown>;
    let key: string | number = 'value';
    let ok = true;
    for (const step of mark.path) {
      const current: unknown = (parent as Record<string | number, unknown>)[key];
      if (isObject(current) || Array.isArray(current)) { parent = current; key = step; } else { ok = false; break; }
    }
    if (!ok) continue;
    let target: unknown = (parent as Record<string | number, unknown>)[key];
    if (target === null || target === undefined) {
      target = {};
      (parent as Record<string | number, unknown>)[key] = target;
    }
    if (!isObject(target)) continue;
    for (const entry of mark.fragment!.entries) {
      if (entry.value !== undefined && !Object.hasOwn(target, entry.key)) target[entry.key] = entry.value;
    }
  }
  return root.value;
}
