// Questions rules and provenance ask of a template read statically (reading.ts): is this value
// written literally, is this collection complete, where in the template is this path.
import type { DataPath } from '../yaml/nodes';
import type { Span } from '../types';
import type { TemplateAction } from './actions';
import type { TemplateDocument, TemplateMark, TemplateReading } from './reading';
import { lineFrom } from './problems';
import { pathKey } from './structure';

/** Whether `prefix` is a (possibly equal) beginning of `path`. */
export function isPrefix(prefix: DataPath, path: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => step === path[index]);
}

function samePath(a: DataPath, b: DataPath): boolean {
  return a.length === b.length && isPrefix(a, b);
}

/** The marks on exactly this path. */
export function marksAt(document: TemplateDocument, path: DataPath, kinds?: TemplateMark['kind'][]): TemplateMark[] {
  return document.marks.filter((mark) => samePath(mark.path, path) && (!kinds || kinds.includes(mark.kind)));
}

/** Whether the value at `path` (or a key on the way to it) is printed by an action: nothing can be said about it. */
export function producedByAction(document: TemplateDocument, path: DataPath): boolean {
  return document.marks.some((mark) => (mark.kind === 'key' && isPrefix(mark.path, path)) || (mark.kind === 'value' && isPrefix(mark.path, path)));
}

/** Whether the entry at `path` or one of its parents is written inside an if/with/range block (or the whole document is). */
export function isConditional(document: TemplateDocument, path: DataPath): boolean {
  return document.conditional !== undefined || document.marks.some((mark) => mark.kind === 'conditional' && isPrefix(mark.path, path));
}

/**
 * Whether the collection at `path` holds exactly the entries written: no action adds entries to it,
 * none of its keys is printed by an action, and none of its entries is conditional (deeper
 * collections are asked separately). Absence checks ("no selector", "not mounted")
 * need this; a selector filled by an include is unknown, not empty.
 */
export function isComplete(document: TemplateDocument, path: DataPath): boolean {
  if (producedByAction(document, path)) return false;
  return !document.marks.some((mark) => {
    if (mark.kind === 'entries') return samePath(mark.path, path);
    if (mark.kind === 'key' || mark.kind === 'conditional') return mark.path.length === path.length + 1 && isPrefix(path, mark.path);
    return false;
  });
}

/** Whether anything at or below `path` comes from an action (a rule judging that subtree as a whole should not). */
export function dependsOnAction(document: TemplateDocument, path: DataPath): boolean {
  return producedByAction(document, path) || document.marks.some((mark) => isPrefix(path, mark.path));
}

export interface TemplatePlace {
  /** Offsets in the template. */
  span: Span;
  /** The template path found (the deepest existing part of the path asked for). */
  path: DataPath;
  /** Whether the whole path was found. */
  exact: boolean;
  /** The action that prints the value, when one does. */
  action?: TemplateAction;
}

function actionsSpan(marks: TemplateMark[]): Span {
  return { start: Math.min(...marks.map((mark) => mark.action.start)), end: Math.max(...marks.map((mark) => mark.action.end)) };
}

/**
 * Where in a template document the value at `path` is written: the value's action when an action
 * prints it; else the written value (or key); for a path not written (printed by an include or
 * toYaml, or a loop), the action that prints the deepest existing part; else that part's key; else
 * the template's first line.
 */
export function placeOf(reading: TemplateReading, docIndex: number, path: DataPath, nextKey?: string): TemplatePlace {
  const document = reading.documents[docIndex];
  if (!document) return { span: lineFrom(reading.blanked.text, 0), path: [], exact: false };
  const { byPath } = document.structure;
  let depth = path.length;
  while (depth > 0 && !byPath.has(pathKey(path.slice(0, depth)))) depth--;
  const found = path.slice(0, depth);
  const exact = depth === path.length;
  const printed = document.marks.filter((mark) => (mark.kind === 'value' || mark.kind === 'key') && samePath(mark.path, found));
  if (printed.length > 0) return { span: actionsSpan(printed), path: found, exact, action: printed[0].action };
  if (!exact) {
    const feeding = document.marks.filter((mark) => mark.kind === 'entries' && samePath(mark.path, found));
    const key = nextKey ?? path[depth];
    const chosen = feeding.find((mark) => mark.fragment?.entries.some((entry) => entry.key === key))
      ?? feeding.find((mark) => mark.action.kind === 'output' || mark.action.kind === 'template')
      ?? feeding[0];
    if (chosen) return { span: { start: chosen.action.start, end: chosen.action.end }, path: found, exact, action: chosen.action };
  }
  const entry = byPath.get(pathKey(found));
  if (entry) {
    const scalar = document.structure.scalars.find((candidate) => !candidate.key && samePath(candidate.path, found));
    return { span: exact && scalar ? { start: scalar.start, end: scalar.end } : { start: entry.start, end: entry.span.end > entry.start ? Math.min(entry.span.end, lineEnd(reading.blanked.text, entry.start)) : entry.start + 1 }, path: found, exact };
  }
  const docStart = reading.file.documents[docIndex]?.span.start ?? 0;
  const first = document.structure.entries[0];
  const start = first?.start ?? docStart;
  return { span: { start, end: lineEnd(reading.blanked.text, start) }, path: [], exact: false };
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}

/**
 * Whether a finding at `span` of a template's blanked parse depends on what actions print, so that
 * it must not be reported statically: it touches an action, or the entry it sits on (the deepest one
 * holding its start) is printed by an action, has entries printed by one below it, or is conditional.
 * A finding on a literal value whose surroundings are literal passes.
 */
export function dependsOnTemplate(reading: TemplateReading, span: Span): boolean {
  if (reading.blanked.actions.some((action) => action.kind !== 'comment' && span.start < action.end && action.start < Math.max(span.end, span.start + 1))) return true;
  const docIndex = reading.file.documents.findIndex((document) => span.start >= document.span.start && span.start <= document.span.end);
  const document = reading.documents[docIndex];
  if (!document) return false;
  if (document.conditional) return true;
  let deepest: DataPath | undefined;
  for (const entry of document.structure.entries) {
    if (entry.start > span.start) break;
    if (span.start < Math.max(entry.span.end, entry.start + 1) && (!deepest || entry.path.length > deepest.length)) deepest = entry.path;
  }
  const path = deepest ?? [];
  return dependsOnAction(document, path) || isConditional(document, path);
}
