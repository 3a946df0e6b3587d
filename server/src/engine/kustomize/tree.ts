// Values with provenance: a built object is kept as a tree whose every node remembers the place
// (file, document, data path) its value came from, so that merges, JSON patches and transformers can
// move, replace and create values while each keeps its own origin. Plain data goes in (a document's
// value) and comes out (the built object, nulls removed).
import type { DataPath } from '../yaml/nodes';
import type { Origin } from '../model/provenance';

export type Scalar = string | number | boolean | null;

export interface TMap { t: 'map'; origin: Origin; fields: Map<string, TNode> }
export interface TList {
  t: 'list'; origin: Origin; items: TNode[];
  /** Elements a patch deleted (`$patch: delete`): their merge-key values and where the deletion is written. */
  removed?: { key: Record<string, string>; origin: Origin }[];
}
export interface TScalar { t: 'scalar'; origin: Origin; value: Scalar }
export type TNode = TMap | TList | TScalar;

/** The origin of a value `steps` below `origin` in the same document. */
export function originAt(origin: Origin, ...steps: DataPath): Origin {
  if (steps.length === 0) return origin;
  if (origin.embedded) return { ...origin, embedded: { ...origin.embedded, path: [...origin.embedded.path, ...steps] } };
  return { ...origin, path: [...origin.path, ...steps] };
}

/** A tree for plain data (a parsed document's value, or part of it) whose nodes point into its document. */
export function fromData(value: unknown, origin: Origin): TNode {
  if (Array.isArray(value)) {
    return { t: 'list', origin, items: value.map((item, index) => fromData(item, originAt(origin, index))) };
  }
  if (value !== null && typeof value === 'object') {
    const fields = new Map<string, TNode>();
    for (const [key, item] of Object.entries(value)) fields.set(key, fromData(item, originAt(origin, key)));
    return { t: 'map', origin, fields };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { t: 'scalar', origin, value };
  return { t: 'scalar', origin, value: value === undefined || value === null ? null : String(value) };
}

/** Plain data for a tree: maps drop null fields (as `kubectl kustomize` leaves no meaning in them). */
export function toData(node: TNode): unknown {
  if (node.t === 'scalar') return node.value;
  if (node.t === 'list') return node.items.map(toData);
  const result: Record<string, unknown> = {};
  for (const [key, child] of node.fields) {
    if (child.t === 'scalar' && child.value === null) continue;
    result[key] = toData(child);
  }
  return result;
}

export function cloneTree<T extends TNode>(node: T): T {
  if (node.t === 'scalar') return { ...node };
  if (node.t === 'list') return { ...node, items: node.items.map(cloneTree) };
  const fields = new Map<string, TNode>();
  for (const [key, child] of node.fields) fields.set(key, cloneTree(child));
  return { ...node, fields };
}

export function scalar(value: Scalar, origin: Origin): TScalar {
  return { t: 'scalar', origin, value };
}

export function emptyMap(origin: Origin): TMap {
  return { t: 'map', origin, fields: new Map() };
}

export function isNull(node: TNode | undefined): boolean {
  return node === undefined || (node.t === 'scalar' && node.value === null);
}

/** The node at `path`, when every step exists. */
export function nodeAt(node: TNode | undefined, path: DataPath): TNode | undefined {
  let current = node;
  for (const step of path) {
    if (!current) return undefined;
    if (current.t === 'map' && typeof step === 'string') current = current.fields.get(step);
    else if (current.t === 'list' && typeof step === 'number') current = current.items[step];
    else return undefined;
  }
  return current;
}

/** The string at `path` (numbers and booleans as YAML would print them), or undefined. */
export function stringAt(node: TNode | undefined, path: DataPath): string | undefined {
  const found = nodeAt(node, path);
  if (!found || found.t !== 'scalar' || found.value === null) return undefined;
  return String(found.value);
}

/** The map at `key` of `map`, created (with `origin`) when missing or null. */
export function mapField(map: TMap, key: string, origin: Origin): TMap | undefined {
  const existing = map.fields.get(key);
  if (existing && existing.t === 'map') return existing;
  if (existing && !isNull(existing)) return undefined;
  const created = emptyMap(origin);
  map.fields.set(key, created);
  return created;
}

/**
 * The origin of the value at `path`: the origin recorded on the deepest existing node, extended by
 * the steps below it that do not exist.
 */
export function originIn(root: TNode, path: DataPath): Origin {
  let current: TNode = root;
  for (let index = 0; index < path.length; index++) {
    const step = path[index];
    let next: TNode | undefined;
    if (current.t === 'map' && typeof step === 'string') next = current.fields.get(step);
    else if (current.t === 'list' && typeof step === 'number') next = current.items[step];
    if (!next) return originAt(current.origin, ...path.slice(index));
    current = next;
  }
  return current.origin;
}

/** Structural equality of two trees' data (origins ignored). */
export function sameData(a: TNode, b: TNode): boolean {
  if (a.t !== b.t) return false;
  if (a.t === 'scalar') return a.value === (b as TScalar).value;
  if (a.t === 'list') {
    const other = b as TList;
    return a.items.length === other.items.length && a.items.every((item, index) => sameData(item, other.items[index]));
  }
  const other = b as TMap;
  if (a.fields.size !== other.fields.size) return false;
  for (const [key, child] of a.fields) {
    const peer = other.fields.get(key);
    if (!peer || !sameData(child, peer)) return false;
  }
  return true;
}
