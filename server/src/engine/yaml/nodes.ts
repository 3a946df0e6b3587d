// Navigating the YAML AST: data paths ↔ nodes ↔ offsets.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../types';

export type DataPath = (string | number)[];

function resolve(node: unknown, doc: Document): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(doc);
  return current;
}

function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.value === '<<';
}

/** The pair for `key` in a mapping, following `<<` merge keys. */
export function pairOf(map: YAMLMap, key: string, doc: Document): Pair | undefined {
  const direct = map.items.find((item) => isScalar(item.key) ? String(item.key.value) === key : false);
  if (direct) return direct;
  for (const item of map.items) {
    if (!isMergeKey(item)) continue;
    const sources = resolve(item.value, doc);
    const list = isSeq(sources) ? sources.items.map((source) => resolve(source, doc)) : [sources];
    for (const source of list) {
      if (isMap(source)) {
        const found = pairOf(source, key, doc);
        if (found) return found;
      }
    }
  }
  return undefined;
}

export interface Located {
  /** The node at the path (the value node, aliases resolved), when it exists. */
  node?: Node;
  /** The pair whose value it is, when the last step was a mapping key. */
  pair?: Pair;
  /** The mapping or sequence holding the last step. */
  parent?: Node;
  /** The deepest node reached, when the path does not fully exist. */
  deepest: Node | undefined;
  /** The last step exists (a key with an empty value exists). */
  exists: boolean;
  /**
   * The path goes through an alias, a merge key or an anchored node: its text is shared with other
   * places, so an edit there would change them too.
   */
  shared: boolean;
  /** The first alias (or merge value) crossed: where the shared text enters this object. */
  site?: Node;
  /** Whether that alias is the value of the last step (the key before it is then the object's own). */
  siteIsLast: boolean;
  /** The last step is inside a flow collection: values there must be written in flow style. */
  inFlow: boolean;
}

function anchored(node: unknown): boolean {
  return !!(node as { anchor?: string } | null | undefined)?.anchor;
}

/**
 * Follows a data path (as Ajv reports it) through the document, resolving aliases and merge keys, and
 * tells where the path leaves the object's own text. The one walk of the engine: spans, schema problems
 * and every quick-fix edit start from it.
 */
export function locate(doc: Document, path: DataPath): Located {
  let current = doc.contents as Node | null | undefined;
  const result: Located = { deepest: undefined, exists: path.length === 0, shared: false, siteIsLast: false, inFlow: false };
  const cross = (node: Node | undefined, last: boolean): void => {
    if (result.site || !node) return;
    result.site = node;
    result.siteIsLast = last;
  };
  if (isAlias(current)) { result.shared = true; cross(current, false); current = resolve(current, doc) as Node | undefined; }
  for (let index = 0; index < path.length; index++) {
    const step = path[index];
    const last = index === path.length - 1;
    if (anchored(current)) result.shared = true;
    result.deepest = current ?? undefined;
    if (isMap(current)) {
      const found = pairOf(current, String(step), doc);
      if (!found) {
        // A key that only a merge (`<<: *base`) could give lives in the shared base.
        if (current.items.some(isMergeKey)) result.shared = true;
        result.inFlow = !!current.flow;
        return result;
      }
      if (!current.items.includes(found)) {
        result.shared = true;
        cross(current.items.find(isMergeKey)?.value as Node | undefined, false);
      }
      result.parent = current;
      result.inFlow = !!current.flow;
      result.pair = found;
      if (isAlias(found.value)) { result.shared = true; cross(found.value, last); }
      current = resolve(found.value, doc) as Node | null | undefined;
    } else if (isSeq(current) && typeof step === 'number') {
      const item = current.items[step] as Node | undefined;
      if (item === undefined) { result.inFlow = !!current.flow; return result; }
      result.parent = current;
      result.inFlow = !!current.flow;
      result.pair = undefined;
      if (isAlias(item)) { result.shared = true; cross(item, false); }
      current = resolve(item, doc) as Node | undefined;
    } else {
      return result;
    }
    if (last) result.exists = true;
  }
  if (anchored(current)) result.shared = true;
  if (current) {
    result.node = current;
    result.deepest = current;
  }
  return result;
}

export function spanOf(node: { range?: [number, number, number] | null } | null | undefined): Span | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0], end: node.range[1] };
}

/**
 * The span of the key of the pair at `path` (the value's span when there is no key, e.g. list items).
 * When the path reaches the key through an alias (`- *container`, `<<: *base`), the alias: each use of
 * shared text gets its own range.
 */
export function keySpan(doc: Document, path: DataPath): Span | undefined {
  const located = locate(doc, path);
  if (located.site && !located.siteIsLast) return spanOf(located.site);
  if (located.pair && isScalar(located.pair.key)) return spanOf(located.pair.key);
  return spanOf(located.node) ?? spanOf(located.deepest);
}

/** The span of the value at `path` (the alias it is reached through, if any), falling back to its key. */
export function valueSpan(doc: Document, path: DataPath): Span | undefined {
  const located = locate(doc, path);
  if (located.site) return spanOf(located.site);
  return spanOf(located.node) ?? (located.pair && isScalar(located.pair.key) ? spanOf(located.pair.key) : undefined)
    ?? spanOf(located.deepest);
}

/** Converts an Ajv instancePath (`/spec/template/0`) to a data path. */
export function fromPointer(pointer: string): DataPath {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((part) => {
    const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(text) ? Number(text) : text;
  });
}

export interface PathAtOffset {
  path: DataPath;
  /** The cursor is on a key (true) or on a value (false). */
  onKey: boolean;
  /** The scalar under the cursor, when there is one. */
  scalar?: Span & { value: unknown };
}

/** The data path of the node under `offset`, descending through mappings and sequences. */
export function pathAtOffset(doc: Document, offset: number): PathAtOffset | undefined {
  const path: DataPath = [];
  let current = doc.contents as Node | null | undefined;
  const inside = (node: unknown): boolean => {
    const span = spanOf(node as Node);
    return !!span && offset >= span.start && offset <= span.end;
  };
  for (let depth = 0; depth < 200 && current; depth++) {
    if (isMap(current)) {
      const pair = current.items.find((item) => inside(item.key) || inside(item.value));
      if (!pair || !isPair(pair)) return { path, onKey: false };
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      path.push(key);
      if (inside(pair.key)) {
        const span = spanOf(pair.key as Node)!;
        return { path, onKey: true, scalar: { ...span, value: key } };
      }
      current = pair.value as Node;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => inside(item));
      if (index < 0) return { path, onKey: false };
      path.push(index);
      current = current.items[index] as Node;
    } else if (isScalar(current)) {
      const span = spanOf(current)!;
      return { path, onKey: false, scalar: { ...span, value: current.value } };
    } else {
      return { path, onKey: false };
    }
  }
  return { path, onKey: false };
}
