// Node objects for the fast path that are the `yaml` package's own classes to every reader
// (`isScalar`, `instanceof YAMLMap`, `toJS`, `clone` all work) but cheaper to make and to keep: the
// node-type tag that `yaml` defines on every instance with Object.defineProperty lives on a shared
// prototype, and the three offsets of `range` are kept in the node itself, `range` being an accessor
// that reads and writes them as the usual [start, value end, node end] array. A file of 10,000
// documents makes about a million nodes, all kept by the workspace: one array less per node is a
// third of the memory, and of the garbage collector's work.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

const nodeType = Symbol.for('yaml.node.type');

type Range = [number, number, number];

interface Offsets {
  rangeStart: number;
  rangeValueEnd: number;
  rangeNodeEnd: number;
}

const rangeAccessor: PropertyDescriptor = {
  get(this: Offsets): Range {
    return [this.rangeStart, this.rangeValueEnd, this.rangeNodeEnd];
  },
  set(this: Offsets, range: Range) {
    this.rangeStart = range[0];
    this.rangeValueEnd = range[1];
    this.rangeNodeEnd = range[2];
  },
  configurable: true,
};

function tagged<T extends object>(prototype: T, type: string): T {
  return Object.create(prototype, { [nodeType]: { value: Symbol.for(type) }, range: rangeAccessor }) as T;
}

class FastScalar {
  rangeStart = 0;
  rangeValueEnd = 0;
  rangeNodeEnd = 0;
  constructor(public value: unknown) {}
}
Object.setPrototypeOf(FastScalar.prototype, tagged(Scalar.prototype, 'yaml.scalar'));

class FastMap {
  items: Pair[] = [];
  rangeStart = 0;
  rangeValueEnd = 0;
  rangeNodeEnd = 0;
}
Object.setPrototypeOf(FastMap.prototype, tagged(YAMLMap.prototype, 'yaml.map'));

class FastSeq {
  items: unknown[] = [];
  rangeStart = 0;
  rangeValueEnd = 0;
  rangeNodeEnd = 0;
}
Object.setPrototypeOf(FastSeq.prototype, tagged(YAMLSeq.prototype, 'yaml.seq'));

class FastPair {
  constructor(public key: unknown, public value: unknown) {}
}
Object.setPrototypeOf(FastPair.prototype, tagged(Pair.prototype, 'yaml.pair'));

/**
 * A `yaml` Document as `new Document(undefined, options)` makes it, but sharing one options object and
 * one schema (each new Document builds its own schema and tag list, which cost as much as parsing a
 * short document). Neither is ever changed after parsing.
 */
class FastDocument {
  commentBefore = null;
  comment = null;
  errors = [];
  warnings = [];
  contents: unknown = null;
  range: Range = [0, 0, 0];
  constructor(public options: unknown, public schema: unknown, public directives: unknown) {}
}
Object.setPrototypeOf(FastDocument.prototype, Object.create(Document.prototype, { [nodeType]: { value: Symbol.for('yaml.document') } }));

let template: { options: object; document: Document } | undefined;

export function newDocument(options: object): Document.Parsed {
  if (template?.options !== options) template = { options, document: new Document(undefined, options) };
  const { document } = template;
  return new FastDocument(document.options, document.schema, document.directives?.clone()) as unknown as Document.Parsed;
}

type FastNode = Scalar | YAMLMap | YAMLSeq;

/** Sets where a fast-path node ends (range[2]) without making an array. */
export function setNodeEnd(node: FastNode, end: number): void {
  (node as unknown as Offsets).rangeNodeEnd = end;
}

export function nodeEnd(node: FastNode): number {
  return (node as unknown as Offsets).rangeNodeEnd;
}

export function valueEnd(node: FastNode): number {
  return (node as unknown as Offsets).rangeValueEnd;
}

export function newScalar(value: unknown): Scalar {
  return new FastScalar(value) as unknown as Scalar;
}

export function newMap(): YAMLMap {
  return new FastMap() as unknown as YAMLMap;
}

export function newSeq(): YAMLSeq {
  return new FastSeq() as unknown as YAMLSeq;
}

export function newPair(key: unknown, value: unknown): Pair {
  return new FastPair(key, value) as unknown as Pair;
}

/**
 * The plain data of a node made by the fast path, as `toJS` gives it: mappings become objects with
 * keys turned into strings (a null key is ''), a repeated key keeps its last value, and keys such as
 * `__proto__` become own properties. Only for fast-path nodes: no aliases, no merge keys.
 */
export function plainValue(node: unknown): unknown {
  return plainData(node).value;
}

const built = { value: undefined as unknown, repeatedNames: false };

/**
 * plainValue, and whether two keys of a mapping gave the same name (or a name that objects inherit,
 * such as `constructor`): without that, the document has no duplicate keys (duplicate-keys.ts, which
 * compares keys by value, can be skipped). The result object is reused: read it before the next call.
 */
export function plainData(node: unknown): { readonly value: unknown; readonly repeatedNames: boolean } {
  built.repeatedNames = false;
  built.value = dataOf(node);
  return built;
}

function dataOf(node: unknown): unknown {
  if (node instanceof FastScalar) return node.value;
  if (node instanceof FastMap) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = (pair.key as FastScalar).value;
      const name = key === null ? '' : String(key);
      const value = dataOf(pair.value);
      if (name in object) {
        built.repeatedNames = true;
        Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
      } else {
        object[name] = value;
      }
    }
    return object;
  }
  if (node instanceof FastSeq) {
    const items = node.items;
    const list = new Array<unknown>(items.length);
    for (let index = 0; index < items.length; index++) list[index] = dataOf(items[index]);
    return list;
  }
  return null;
}

/** Whether a node was made by the fast path (then plainValue gives its data). */
export function isFastNode(node: unknown): boolean {
  return node instanceof FastScalar || node instanceof FastMap || node instanceof FastSeq;
}
