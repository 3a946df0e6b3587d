// JSON patch (RFC 6902) as Kustomize applies it (gopkg.in/evanphx/json-patch.v4): add, remove,
// replace, move, copy and test, JSON pointers with `~0`/`~1` escapes, `-` to append, negative list
// indexes counted from the end. Values keep the origin of the patch operation that wrote them.
import type { Origin } from '../model/provenance';
import { BuildError } from './fieldspec';
import { cloneTree, sameData, type TNode } from './tree';

export interface JsonOperation {
  op: string;
  path?: string;
  from?: string;
  /** The operation's value, with origins in the patch document. */
  value?: TNode;
  /** Where the operation is written. */
  origin: Origin;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new BuildError(`JSON pointer "${pointer}" must start with "/"`);
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function index(key: string, length: number, forInsert: boolean): number | undefined {
  if (!/^-?\d+$/.test(key)) return undefined;
  let at = Number(key);
  if (at < 0) {
    if (-at > length) return undefined;
    at += length;
  }
  return at > length || (!forInsert && at === length) ? undefined : at;
}

function child(node: TNode, key: string): TNode | undefined {
  if (node.t === 'map') return node.fields.get(key);
  if (node.t === 'list') {
    const at = index(key, node.items.length, false);
    return at === undefined ? undefined : node.items[at];
  }
  return undefined;
}

/** The container of the pointer's last step, and that step. */
function container(doc: TNode, pointer: string): [TNode, string] | undefined {
  const parts = parsePointer(pointer);
  if (parts.length === 0) return undefined;
  let current: TNode | undefined = doc;
  for (const part of parts.slice(0, -1)) {
    current = current && child(current, part);
    if (!current) return undefined;
  }
  return current.t === 'scalar' ? undefined : [current, parts[parts.length - 1]];
}

function add(doc: TNode, pointer: string, value: TNode): void {
  const found = container(doc, pointer);
  if (!found) throw new BuildError(`add operation does not apply: doc is missing path: "${pointer}"`);
  const [parent, key] = found;
  if (parent.t === 'map') { parent.fields.set(key, value); return; }
  if (parent.t !== 'list') return;
  if (key === '-') { parent.items.push(value); return; }
  const at = index(key, parent.items.length, true);
  if (at === undefined) throw new BuildError(`add operation does not apply: unable to access invalid index ${key} of "${pointer}"`);
  parent.items.splice(at, 0, value);
}

function remove(doc: TNode, pointer: string, op: string): TNode {
  const found = container(doc, pointer);
  const missing = new BuildError(`${op} operation does not apply: doc is missing ${found ? 'key' : 'path'}: "${pointer}"`);
  if (!found) throw missing;
  const [parent, key] = found;
  if (parent.t === 'map') {
    const value = parent.fields.get(key);
    if (!value) throw missing;
    parent.fields.delete(key);
    return value;
  }
  if (parent.t !== 'list') throw missing;
  const at = index(key, parent.items.length, false);
  if (at === undefined) throw new BuildError(`${op} operation does not apply: unable to access invalid index ${key} of "${pointer}"`);
  return parent.items.splice(at, 1)[0];
}

function get(doc: TNode, pointer: string): TNode | undefined {
  if (pointer === '') return doc;
  const found = container(doc, pointer);
  return found ? child(found[0], found[1]) : undefined;
}

function valueOf(operation: JsonOperation): TNode {
  if (!operation.value) throw new BuildError(`the ${operation.op} operation on "${operation.path}" has no value`);
  return cloneTree(operation.value);
}

/** Applies the operations to `doc` in place; throws BuildError (with Kustomize's words) when one does not apply. */
export function applyJsonPatch(doc: TNode, operations: JsonOperation[]): void {
  for (const operation of operations) {
    const path = operation.path;
    if (path === undefined) throw new BuildError(`the ${operation.op} operation has no path`);
    switch (operation.op) {
      case 'add': add(doc, path, valueOf(operation)); break;
      case 'remove': remove(doc, path, 'remove'); break;
      case 'replace': {
        const found = container(doc, path);
        if (!found || !child(found[0], found[1])) throw new BuildError(`replace operation does not apply: doc is missing key: ${path}`);
        const [parent, key] = found;
        const value = valueOf(operation);
        if (parent.t === 'map') parent.fields.set(key, value);
        else if (parent.t === 'list') parent.items[index(key, parent.items.length, false)!] = value;
        break;
      }
      case 'move': {
        if (operation.from === undefined) throw new BuildError('the move operation has no from');
        add(doc, path, remove(doc, operation.from, 'move'));
        break;
      }
      case 'copy': {
        if (operation.from === undefined) throw new BuildError('the copy operation has no from');
        const source = get(doc, operation.from);
        if (!source) throw new BuildError(`copy operation does not apply: doc is missing from path: ${operation.from}`);
        add(doc, path, cloneTree(source));
        break;
      }
      case 'test': {
        const actual = get(doc, path);
        const expected = operation.value;
        const same = actual && expected ? sameData(actual, expected) : actual === undefined && (!expected || (expected.t === 'scalar' && expected.value === null));
        if (!same) throw new BuildError(`testing value ${path} failed: test failed`);
        break;
      }
      default: throw new BuildError(`Unexpected kind: ${operation.op}`);
    }
  }
}
