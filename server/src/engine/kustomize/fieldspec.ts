// Applying a field spec to an object, as Kustomize's fieldspec filter does: the object's type must
// match the spec; the path is followed through maps, lists are walked element by element, and
// missing maps are created when the spec says `create`.
import type { Origin } from '../model/provenance';
import { splitFieldPath, type FieldSpec } from './fieldspecs';
import { parseApiVersion } from './resource';
import { emptyMap, isNull, scalar, stringAt, type TMap, type TNode } from './tree';

export class BuildError extends Error {}

/** What a spec's leaf is created as when missing: a map (labels), a scalar (a name), or nothing. */
export type CreateKind = 'map' | 'scalar' | undefined;

/** Whether the object's own kind, group and version match the spec (fieldspec.isMatchGVK). */
export function specMatches(spec: FieldSpec, object: TMap): boolean {
  if (spec.kind && spec.kind !== stringAt(object, ['kind'])) return false;
  const { group, version } = parseApiVersion(stringAt(object, ['apiVersion']) ?? '');
  return (!spec.group || spec.group === group) && (!spec.version || spec.version === version);
}

/**
 * Calls `visit` on every node at the spec's path in `object` (creating the missing ones when the spec
 * and `createKind` allow it, with `origin`). Throws BuildError where Kustomize fails (a scalar on the way).
 */
export function applyFieldSpec(object: TMap, spec: FieldSpec, createKind: CreateKind, origin: Origin, visit: (node: TNode) => void): void {
  if (!specMatches(spec, object)) return;
  walk(object, splitFieldPath(spec.path), Boolean(spec.create), createKind, origin, visit, spec.path);
}

function walk(node: TNode, path: string[], create: boolean, createKind: CreateKind, origin: Origin, visit: (node: TNode) => void, specPath: string): void {
  if (path.length === 0) { visit(node); return; }
  if (isNull(node)) return;
  if (node.t === 'list') {
    for (const item of node.items) walk(item, path, create, createKind, origin, visit, specPath);
    return;
  }
  if (node.t !== 'map') throw new BuildError(`considering field '${specPath}': expected sequence or mapping node`);
  const step = path[0];
  const isList = step.endsWith('[]');
  const name = isList ? step.slice(0, -2) : step;
  let field = node.fields.get(name);
  const mayCreate = create && createKind !== undefined && !isList;
  if (mayCreate && isNull(field)) {
    const kind = path.length <= 1 ? createKind : 'map';
    field = kind === 'map' ? emptyMap(origin) : scalar(null, origin);
    node.fields.set(name, field);
  }
  if (!field) return;
  walk(field, path.slice(1), create, createKind, origin, visit, specPath);
}

/** Sets `key: value` (a string) in the map `node` reached by a spec (labels, annotations). */
export function setEntry(node: TNode, key: string, value: string, origin: Origin): void {
  if (node.t !== 'map') {
    if (isNull(node)) return;
    throw new BuildError(`wrong node kind: expected MappingNode but got ${node.t === 'list' ? 'SequenceNode' : 'ScalarNode'}: the field spec reaches a ${node.t}`);
  }
  node.fields.set(key, scalar(value, origin));
}
