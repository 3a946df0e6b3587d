// JSON patch (RFC 6902) as Kustomize applies it (gopkg.in/evanphx/json-patch.v4 v4.12.0, whose
// behaviour is followed where it departs from the RFC: `replace` of a missing map key adds it,
// negative list indexes count from the end). Pointers use `~0`/`~1` escapes, `-` appends. Values keep
// the origin of the patch operation that wrote them.
import type { Origin } from '../model/provenance';
import { BuildError } from './fieldspec';
import { cloneTree, sameData, scalar, type TList, type TNode } from './tree';

export interface JsonOperation {
  op: string;
  path?: string;
  from?: string;
  /** The operation's value, with origins in the patch document. */
  value?: TNode;
  /** Where the operation is written. */
  origin: Origin;
}

const decode = (key: string): string => key.replace(/~1/g, '/').replace(/~0/g, '~');

/** An index into `length` elements (negative: from the end), undefined when it is not an integer or out of `limit`. */
function listIndex(key: string, length: number, limit: number): number | undefined {
  if (!/^[+-]?\d+$/.test(key)) return undefined;
  let at = Number(key);
  if (at < 0) {
    if (at < -length) return undefined;
    at += length;
  }
  return at >= limit ? undefined : at;
}

function get(container: TNode, key: string): TNode | undefined {
  if (container.t === 'map') return container.fields.get(key);
  if (container.t === 'list') { const at = listIndex(key, container.items.length, container.items.length); return at === undefined ? undefined : container.items[at]; }
  return undefined;
}

/** The container of the pointer's last step (findObject), and that step. */
function findObject(doc: TNode, pointer: string): [TNode, string] | undefined {
  const split = pointer.split('/');
  if (split.length < 2) return undefined;
  let current: TNode = doc;
  for (const part of split.slice(1, -1)) {
    const next = get(current, decode(part));
    if (!next || next.t === 'scalar') return undefined;
    current = next;
  }
  return [current, decode(split[split.length - 1])];
}

function addTo(container: TNode, key: string, value: TNode, pointer: string): void {
  if (container.t === 'map') { container.fields.set(key, value); return; }
  const list = container as TList;
  if (key === '-') { list.items.push(value); return; }
  const at = listIndex(key, list.items.length + 1, list.items.length + 1);
  if (at === undefined) throw new BuildError(`error in add for path: '${pointer}': Unable to access invalid index: ${key}`);
  list.items.splice(at, 0, value);
}

function removeFrom(container: TNode, key: string, pointer: string, op: string): void {
  if (container.t === 'map') {
    if (!container.fields.has(key)) throw new BuildError(`error in ${op} for path: '${pointer}': Unable to remove nonexistent key: ${key}`);
    container.fields.delete(key);
    return;
  }
  const list = container as TList;
  const at = listIndex(key, list.items.length, list.items.length);
  if (at === undefined) throw new BuildError(`error in ${op} for path: '${pointer}': Unable to access invalid index: ${key}`);
  list.items.splice(at, 1);
}

function valueOf(operation: JsonOperation): TNode {
  return operation.value ? cloneTree(operation.value) : scalar(null, operation.origin);
}

function apply(doc: TNode, operation: JsonOperation): TNode {
  const path = operation.path ?? '';
  const target = (pointer: string, what: string): [TNode, string] => {
    const found = findObject(doc, pointer);
    if (!found) throw new BuildError(`${operation.op} operation does not apply: doc is missing ${what}: ${pointer}`);
    return found;
  };
  switch (operation.op) {
    case 'add': { const [container, key] = target(path, 'path'); addTo(container, key, valueOf(operation), path); return doc; }
    case 'remove': { const [container, key] = target(path, 'path'); removeFrom(container, key, path, 'remove'); return doc; }
    case 'replace': {
      if (path === '') {
        const value = valueOf(operation);
        if (value.t === 'scalar') throw new BuildError('replace operation value must be object or array');
        return value;
      }
      const [container, key] = target(path, 'path');
      if (container.t === 'map') { container.fields.set(key, valueOf(operation)); return doc; }
      const list = container as TList;
      const at = listIndex(key, list.items.length, list.items.length);
      if (at === undefined) throw new BuildError(`replace operation does not apply: doc is missing key: ${path}`);
      list.items[at] = valueOf(operation);
      return doc;
    }
    case 'move':
    case 'copy': {
      const from = operation.from ?? '';
      const [source, sourceKey] = target(from, 'from path');
      const value = get(source, sourceKey);
      if (operation.op === 'move') removeFrom(source, sourceKey, from, 'move');
      if (!value) throw new BuildError(`error in ${operation.op} for from: '${from}': nothing there`);
      const [container, key] = target(path, 'destination path');
      addTo(container, key, operation.op === 'copy' ? cloneTree(value) : value, path);
      return doc;
    }
    case 'test': {
      const actual = path === '' ? doc : get(...target(path, 'path'));
      const expected = operation.value;
      const same = actual && expected ? sameData(actual, expected) : !actual && (!expected || (expected.t === 'scalar' && expected.value === null));
      if (!same) throw new BuildError(`testing value ${path} failed: test failed`);
      return doc;
    }
    default: throw new BuildError(`Unexpected kind: ${operation.op}`);
  }
}

/** Applies the operations to `doc` (changed in place) and returns the result; throws BuildError as Kustomize fails. */
export function applyJsonPatch(doc: TNode, operations: JsonOperation[]): TNode {
  let result = doc;
  for (const operation of operations) result = apply(result, operation);
  return result;
}
