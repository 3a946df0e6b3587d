// A build's objects as a YAML text the rules can read like any file (one document per object), and
// the way back: a span a rule reported in that text → the data path of the key or value it covers.
import { isMap, isScalar, isSeq, stringify, type Document, type Node } from 'yaml';
import type { BuiltObject } from '../model/provenance';
import { spanOf, type DataPath } from '../yaml/nodes';
import type { Span } from '../types';

/** The scheme of the texts of builds: never a file of the workspace. */
export const virtualScheme = 'statefulset-build:';

export function virtualUri(buildUri: string): string {
  return `${virtualScheme}${buildUri}`;
}

export function isVirtualUri(uri: string): boolean {
  return uri.startsWith(virtualScheme);
}

const renderCache = new WeakMap<Record<string, unknown>, string>();

/** The text of one object (no line folding, so that each scalar stays on its line). */
function renderObject(object: BuiltObject): string {
  let text = renderCache.get(object.value);
  if (text === undefined) renderCache.set(object.value, text = stringify(object.value, { lineWidth: 0, aliasDuplicateObjects: false }));
  return text;
}

/** The objects of a build as one YAML stream, document `i` being object `i`. */
export function renderObjects(objects: readonly BuiltObject[]): string {
  return objects.map(renderObject).join('---\n');
}

export interface PathAtSpan {
  path: DataPath;
  /** The span is the key of the pair at `path` (else its value, or something inside it). */
  onKey: boolean;
}

const same = (a: Span | undefined, b: Span): boolean => !!a && a.start === b.start && a.end === b.end;
const holds = (a: Span | undefined, offset: number): boolean => !!a && offset >= a.start && offset <= a.end;

/**
 * The data path of the key or value whose span is `span` in a rendered document; when no node has
 * exactly that span, the deepest node holding its start.
 */
export function pathAtSpan(tree: Document, span: Span): PathAtSpan {
  const path: DataPath = [];
  let current = tree.contents as Node | null;
  for (let depth = 0; depth < 500 && current; depth++) {
    if (same(spanOf(current), span) && !isScalar(current)) return { path, onKey: false };
    if (isMap(current)) {
      const pair = current.items.find((item) => holds(spanOf(item.key as Node), span.start) || holds(spanOf(item.value as Node), span.start));
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (holds(spanOf(pair.key), span.start) && !holds(spanOf(pair.value as Node), span.start)) return { path, onKey: true };
      current = pair.value as Node | null;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => holds(spanOf(item as Node), span.start));
      if (index < 0) break;
      path.push(index);
      current = current.items[index] as Node;
    } else {
      break;
    }
  }
  return { path, onKey: false };
}
