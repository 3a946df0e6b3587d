// Strategic merge patch as Kustomize applies it: kyaml's merge2 walker (kyaml/yaml/merge2,
// kyaml/yaml/walk), not the API server's strategicpatch. Its quirks are kept on purpose, because the
// point is to build what `kubectl kustomize` builds: fields are merged map by map; `null` deletes;
// lists merge by key only where the schema says so (merge-schema.ts), with the patch's elements first
// (ListIncreaseDirection: prepend); other lists are replaced whole; `$patch: delete|replace|merge`
// work on maps and list elements; `$retainKeys` and `$setElementOrder/...` are not understood and
// pass through as ordinary fields, as they do in Kustomize.
import type { Origin } from '../model/provenance';
import { BuildError } from './fieldspec';
import { fieldSchema, type MergeSchema } from './merge-schema';
import { isNull, scalar, type TList, type TMap, type TNode } from './tree';

type Node = TNode | undefined;

/** Merges `patch` into `dest` (both are changed: pass copies). Undefined when the patch deletes the object. */
export function strategicMerge(dest: TMap, patch: TMap, schema: MergeSchema | undefined): TNode | undefined {
  return walk(dest, patch, schema);
}

function kindOf(dest: Node, patch: Node): TNode['t'] | undefined {
  for (const node of [dest, patch]) if (!isNull(node)) return node!.t;
  return undefined;
}

const nodeKindNames = { map: 'MappingNode', list: 'SequenceNode', scalar: 'ScalarNode' } as const;

function walk(dest: Node, patch: Node, schema: MergeSchema | undefined): Node {
  const kind = kindOf(dest, patch);
  for (const node of [dest, patch]) {
    if (kind && node && !isNull(node) && node.t !== kind) {
      throw new BuildError(`wrong node kind: expected ${nodeKindNames[kind]} but got ${nodeKindNames[node.t]}`);
    }
  }
  if (kind === 'scalar') {
    // A patch repeating a value (a merge key, an unchanged field) leaves it where the base set it.
    if (patch && dest && patch.t === 'scalar' && dest.t === 'scalar' && patch.value === dest.value) return dest;
    return patch !== undefined ? patch : dest;
  }
  if (kind === 'list') {
    if (!schema?.mergeKeys) return patch !== undefined ? patch : dest;
    return walkAssociativeList(dest, patch, schema);
  }
  return walkMap(dest, patch, schema);
}

/** Reads and removes a map's `$patch` directive. */
function mapDirective(patch: Node): string {
  if (!patch || patch.t !== 'map') return 'merge';
  const directive = patch.fields.get('$patch');
  if (!directive) return 'merge';
  const value = directive.t === 'scalar' ? String(directive.value) : '';
  if (!['delete', 'replace', 'merge'].includes(value)) throw new BuildError(`unknown patch strategy '${value}'`);
  patch.fields.delete('$patch');
  return value;
}

/** Reads and removes a list's `- $patch: ...` element (only an element with no other field counts). */
function listDirective(patch: TList): string {
  const element = patch.items.find((item) => item.t === 'map' && item.fields.has('$patch'));
  if (!element || element.t !== 'map' || element.fields.size > 1) return 'merge';
  const directive = element.fields.get('$patch')!;
  const value = directive.t === 'scalar' ? String(directive.value) : '';
  if (!['delete', 'replace', 'merge'].includes(value)) throw new BuildError(`unknown patch strategy '${value}'`);
  patch.items = setElement(patch.items, undefined, ['$patch'], [value]);
  return value;
}

function walkMap(dest: Node, patch: Node, schema: MergeSchema | undefined): Node {
  let target: Node;
  if (isNull(dest)) {
    if (patch && patch.t === 'map' && mapDirective(patch) === 'delete') return undefined;
    if (patch === undefined) return dest;
    target = patch;
  } else {
    if (patch && isNull(patch)) return undefined;
    const directive = mapDirective(patch);
    if (directive === 'delete') return undefined;
    target = directive === 'replace' ? patch : dest;
  }
  if (!target || target.t !== 'map') return target;
  const names = new Set([...target.fields.keys(), ...(patch && patch.t === 'map' ? patch.fields.keys() : [])]);
  for (const name of [...names].sort()) {
    const value = walk(target.fields.get(name), patch && patch.t === 'map' ? patch.fields.get(name) : undefined, fieldSchema(schema, name));
    if (value === undefined || isNull(value)) target.fields.delete(name);
    else target.fields.set(name, value);
  }
  return target;
}

/** A value as kyaml compares it: the scalar's text, empty for null, maps and lists. */
function text(node: Node): string {
  return node && node.t === 'scalar' && node.value !== null ? String(node.value) : '';
}

function walkAssociativeList(dest: Node, patch: Node, schema: MergeSchema): Node {
  let target: TList;
  if (isNull(dest)) {
    if (!patch || patch.t !== 'list') return patch;
    target = patch;
  } else {
    if (patch && isNull(patch)) return undefined;
    const directive = patch && patch.t === 'list' ? listDirective(patch) : 'merge';
    if (directive === 'delete') return undefined;
    target = directive === 'replace' && patch && patch.t === 'list' ? patch : dest as TList;
  }
  const sources: [TList, TList | undefined] = [target, patch && patch.t === 'list' ? patch : undefined];
  const keys = schema.mergeKeys ?? [];
  const values = keys.length > 0 ? elementValues(sources, keys) : [];
  if (values.length > 0 || keys.length > 0) return setListElements(values, keys, sources, schema.items);
  return setListElements(primitiveValues(sources), [''], sources, schema.items);
}

/** The merge-key values of every element, the patch's elements first, without repeats. */
function elementValues(sources: [TList, TList | undefined], keys: string[]): string[][] {
  const result: string[][] = [];
  const seen = new Set<string>();
  for (const source of [sources[1], sources[0]]) {
    for (const item of source?.items ?? []) {
      const values = keys.map((key) => item.t === 'map' ? text(item.fields.get(key)) : '');
      const id = JSON.stringify(values);
      if (seen.has(id)) continue;
      seen.add(id);
      result.push(values);
    }
  }
  return result;
}

function primitiveValues(sources: [TList, TList | undefined]): string[][] {
  const seen = new Set<string>();
  const result: string[][] = [];
  for (const source of [sources[1], sources[0]]) {
    for (const item of source?.items ?? []) {
      const value = text(item);
      if (seen.has(value)) continue;
      seen.add(value);
      result.push([value]);
    }
  }
  return result;
}

/** Keeps the keys that have a value in some element (kyaml's validateKeys). */
function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const valid = new Set<string>();
  for (const entry of valuesList) entry.forEach((value, index) => { if (value !== '') valid.add(keys[index]); });
  if (valid.size === 0) return [keys, values];
  return [keys.filter((key) => valid.has(key)), values.filter((value, index) => value !== '' || valid.has(keys[index]))];
}

/** Unifies entries that agree on some key and do not conflict on the others (kyaml's mergeValues). */
function mergeValues(valuesList: string[][]): void {
  for (let i = 0; i < valuesList.length; i++) {
    for (let j = 0; j < valuesList.length; j++) {
      const a = valuesList[i];
      const b = valuesList[j];
      if (a.length !== b.length) continue;
      let common = false;
      const merged: string[] = [];
      let conflict = false;
      for (let k = 0; k < a.length; k++) {
        if (a[k] === b[k]) { common = true; merged.push(a[k]); continue; }
        if (a[k] !== '' && b[k] !== '') { conflict = true; break; }
        merged.push(a[k] !== '' ? a[k] : b[k]);
      }
      if (!conflict && common) { valuesList[i] = merged; valuesList[j] = merged; }
    }
  }
}

/** The first map element whose key fields hold exactly these values (kyaml's ElementMatcher). */
function findElement(list: TList | undefined, keys: string[], values: string[]): Node {
  if (!list) return undefined;
  if (keys.length === 0 || keys[0] === '') return list.items.find((item) => text(item) === (values[0] ?? ''));
  return list.items.find((item) => item.t === 'map' && keys.every((key, index) => {
    const field = item.fields.get(key);
    return field !== undefined && text(field) === values[index];
  }));
}

/** Whether an element matches a field matcher: the field exists and, when a value is given, has it. */
function matchesField(item: TNode, key: string, value: string): boolean {
  if (key === '') return item.t === 'scalar' && text(item) === value;
  if (item.t !== 'map') return false;
  const field = item.fields.get(key);
  return field !== undefined && (value === '' || text(field) === value);
}

/** kyaml's ElementSetter: replaces (or, without element, removes) the matching elements; appends when none matched. */
function setElement(items: TNode[], element: Node, keys: string[], values: string[]): TNode[] {
  const keyList = keys.length > 0 ? keys : [''];
  const mappingSetter = keyList[0] !== '' && values.length > 0 && values[0] !== '';
  const result: TNode[] = [];
  let found = false;
  for (const item of items) {
    if (isNull(item) || (item.t === 'map' && item.fields.size === 0)) continue;
    if (item.t !== 'map' && mappingSetter) { result.push(item); continue; }
    let matched = true;
    for (let index = 0; index < keyList.length && index < values.length; index++) {
      if (!matchesField(item, keyList[index], values[index])) { matched = false; break; }
    }
    if (!matched) { if (values.length > 0) result.push(item); continue; }
    found = true;
    if (element !== undefined) result.push(element);
  }
  if (element !== undefined && !isNull(element) && !found) result.push(element);
  return result;
}

function setListElements(valuesList: string[][], keys: string[], sources: [TList, TList | undefined], itemSchema: MergeSchema | undefined): Node {
  const dest = sources[0];
  let added: TNode[] = [];
  if (keys.length > 1) mergeValues(valuesList);
  let validKeys: string[] = [];
  let validValues: string[] = [];
  for (const values of valuesList) {
    if (values.length === 0) continue;
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const [lookupKeys, lookupValues] = validateKeys([validValues], validValues, validKeys);
    const existing = findElement(dest, lookupKeys, lookupValues);
    const patchElement = findElement(sources[1], lookupKeys, lookupValues);
    const deletion = deletionOrigin(patchElement, validKeys);
    const value = walk(existing, patchElement, itemSchema);
    if (value === undefined || isNull(value) || (value.t === 'map' && value.fields.size === 0)) {
      dest.items = setElement(dest.items, undefined, validKeys, validValues);
      if (deletion && existing) dest.removed = [...(dest.removed ?? []), { key: Object.fromEntries(validKeys.map((key, index) => [key, validValues[index]])), origin: deletion }];
      continue;
    }
    if (value.t === 'map') {
      validKeys.forEach((key, index) => {
        if (!value.fields.has(key) && validValues[index] !== '') value.fields.set(key, scalar(validValues[index], value.origin));
      });
    }
    added = setElement(added, value, validKeys, validValues);
  }
  if (valuesList.length > 0) dest.items = appendList(added, dest.items, validKeys);
  return dest;
}

/** Where a patch element deletes its match (`- name: config` with `$patch: delete`): its merge key, else the directive. */
function deletionOrigin(element: Node, keys: string[]): Origin | undefined {
  if (!element || element.t !== 'map') return undefined;
  const directive = element.fields.get('$patch');
  if (!directive || directive.t !== 'scalar' || directive.value !== 'delete') return undefined;
  const key = keys.map((name) => element.fields.get(name)).find((field) => field !== undefined);
  return (key ?? directive).origin;
}

/** kyaml's appendListNode, called with the merged elements first and the destination's after. */
function appendList(result: TNode[], elements: TNode[], keys: string[]): TNode[] {
  let list = result;
  for (const element of elements) {
    if (keys[0] === '' || keys.length === 0) { list = setElement(list, element, [''], [text(element)]); continue; }
    const values: string[] = [];
    for (const key of keys) {
      const field = element.t === 'map' ? element.fields.get(key) : undefined;
      if (field === undefined) { list = [...list, element]; continue; }
      values.push(text(field));
    }
    if (keys.length > 1) list = setElement(list, undefined, keys, values);
    list = setElement(list, element, keys, values);
  }
  return list;
}
