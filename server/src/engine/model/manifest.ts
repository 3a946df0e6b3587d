// A Kubernetes object of the workspace: its data, where it is written, and the spans of its fields.
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import { parseTree } from '../yaml';
import { keySpan, locate, pathAtOffset, spanOf, valueSpan, type DataPath, type Located, type PathAtOffset } from '../yaml/nodes';
import type { Span } from '../types';

/** A Kubernetes object found in one YAML document. */
export interface Manifest {
  uri: string;
  docIndex: number;
  apiVersion: string;
  kind: string;
  /** `metadata.name`, or '' when missing. */
  name: string;
  /** `metadata.namespace` as written, or undefined (then the default namespace applies). */
  namespace: string | undefined;
  /** The document's data with nulls removed (Kubernetes treats a null field as unset). */
  value: Record<string, unknown>;
  document: ParsedDocument;
  file: ParsedFile;
  /** Where the object sits in its document: [] for a document, `['items', 3]` for an item of a `kind: List`. */
  root: DataPath;
  /** The YAML node at a data path of the object (aliases and merge keys followed), and how it is reached. */
  locate(path: DataPath): Located;
  /** The span of the key at a data path (its value when there is no key; the document when the path is missing). */
  keySpan(path: DataPath): Span;
  /** The span of the value at a data path (its key when there is no value; the document when the path is missing). */
  valueSpan(path: DataPath): Span;
}

/** A manifest keeps no node of its own: its document's tree is parsed when asked for (engine/yaml, parseTree). */
export class DocumentManifest implements Manifest {
  constructor(
    public uri: string,
    public docIndex: number,
    public apiVersion: string,
    public kind: string,
    public name: string,
    public namespace: string | undefined,
    public value: Record<string, unknown>,
    public document: ParsedDocument,
    public file: ParsedFile,
    public root: DataPath = [],
  ) {}

  private at(path: DataPath): DataPath {
    return this.root.length ? [...this.root, ...path] : path;
  }

  locate(path: DataPath): Located {
    return locate(parseTree(this.document), this.at(path));
  }

  keySpan(path: DataPath): Span {
    return keySpan(parseTree(this.document), this.at(path)) ?? objectSpan(this);
  }

  valueSpan(path: DataPath): Span {
    return valueSpan(parseTree(this.document), this.at(path)) ?? objectSpan(this);
  }

  /**
   * The same object, moved: its document was kept by an incremental re-parse of the file. It stays the
   * same object, so that what was worked out for it (facts, findings) is kept with it.
   */
  movedTo(docIndex: number, file: ParsedFile): DocumentManifest {
    this.docIndex = docIndex;
    this.file = file;
    return this;
  }
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Removes null-valued keys, as the API server's decoder treats them as absent. Parts without nulls
 * are shared with the input, not copied (values are never mutated).
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const clean = withoutNulls(item);
      if (clean !== item && !copy) copy = value.slice(0, index);
      if (copy) copy.push(clean);
    }
    return copy ?? value;
  }
  if (isObject(value)) {
    let copy: JsonObject | undefined;
    const keys = Object.keys(value);
    for (let index = 0; index < keys.length; index++) {
      const item = value[keys[index]];
      const clean = item === null || item === undefined ? undefined : withoutNulls(item);
      if (clean !== item && !copy) {
        copy = {};
        for (let before = 0; before < index; before++) {
          Object.defineProperty(copy, keys[before], { value: value[keys[before]], enumerable: true, writable: true, configurable: true });
        }
      }
      if (copy && clean !== undefined) Object.defineProperty(copy, keys[index], { value: clean, enumerable: true, writable: true, configurable: true });
    }
    return copy ?? value;
  }
  return value;
}

/** The span of the object itself: its document, or its node for a `kind: List` item. */
export function objectSpan(manifest: Manifest): Span {
  if (manifest.root.length === 0) return manifest.document.span;
  return spanOf(manifest.locate([]).node) ?? manifest.document.span;
}

/** Whether an offset lies in the object (in its document; in its node for a List item). */
export function containsOffset(manifest: Manifest, offset: number): boolean {
  const span = objectSpan(manifest);
  return offset >= span.start && offset <= span.end;
}

/**
 * Of the objects of a file, the one at an offset: the innermost (a List's item rather than the List), and
 * the data path under the offset relative to that object.
 */
export function manifestAt(manifests: readonly Manifest[], offset: number): { manifest: Manifest; at: PathAtOffset | undefined } | undefined {
  let found: Manifest | undefined;
  for (const manifest of manifests) {
    if (containsOffset(manifest, offset) && (!found || manifest.root.length > found.root.length)) found = manifest;
  }
  if (!found) return undefined;
  const at = pathAtOffset(parseTree(found.document), offset);
  return { manifest: found, at: at && { ...at, path: at.path.slice(found.root.length) } };
}

/** The manifest of a document, when the document is a mapping with `apiVersion` and `kind` strings. */
export function manifestOf(file: ParsedFile, document: ParsedDocument): Manifest | undefined {
  return documentManifestOf(file, document);
}

function objectManifest(file: ParsedFile, document: ParsedDocument, raw: unknown, root: DataPath): DocumentManifest | undefined {
  // Only a YAML mapping gives a plain object with `apiVersion` and `kind` strings (a sequence gives an
  // array, `!!omap` and `!!set` a Map or a Set): the tree, which may not be built (lazy-trees.ts), is not read.
  if (!isObject(raw)) return undefined;
  const value = (document.nullFree ? raw : withoutNulls(raw)) as JsonObject;
  const apiVersion = value.apiVersion;
  const kind = value.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  return new DocumentManifest(
    file.uri,
    document.index,
    apiVersion,
    kind,
    typeof metadata.name === 'string' ? metadata.name : '',
    typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : undefined,
    value,
    document,
    file,
    root,
  );
}

export function documentManifestOf(file: ParsedFile, document: ParsedDocument): DocumentManifest | undefined {
  return objectManifest(file, document, document.value, []);
}

/**
 * Whether an object is a list that kubectl applies item by item: `v1/List`, or any `*List` kind
 * (`ServiceList`, ...) with an `items` sequence (kubectl's resource builder flattens each).
 */
export function isListObject(value: JsonObject): boolean {
  return typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

/**
 * The object a document path is in: the document's own, or the item of a `kind: List` (`items[i]`) with
 * the path relative to it, and its apiVersion and kind.
 */
export function objectAt(documentValue: Record<string, unknown>, documentPath: DataPath): { value: Record<string, unknown>; apiVersion?: string; kind?: string; path: DataPath } {
  const item = documentPath[0] === 'items' && typeof documentPath[1] === 'number' && isListObject(documentValue)
    ? (documentValue.items as unknown[])[documentPath[1]] : undefined;
  const value = item === undefined ? documentValue : isObject(item) ? item : {};
  const path = item === undefined ? documentPath : documentPath.slice(2);
  return { value, path,
    apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : undefined,
    kind: typeof value.kind === 'string' ? value.kind : undefined };
}

/**
 * The Kubernetes objects of a document: the document's own object, then, for a `kind: List`, each item
 * that has `apiVersion` and `kind` (root `['items', i]`).
 */
export function documentManifestsOf(file: ParsedFile, document: ParsedDocument): DocumentManifest[] {
  const own = documentManifestOf(file, document);
  if (!own) return [];
  if (!isListObject(own.value)) return [own];
  const manifests = [own];
  // Null items stay in place when nulls are removed: the indexes are those of the text.
  (own.value.items as unknown[]).forEach((item, index) => {
    const manifest = objectManifest(file, document, item, ['items', index]);
    if (manifest) manifests.push(manifest);
  });
  return manifests;
}

/** Reads a nested field: `get(obj, 'spec', 'template', 'metadata')`. */
export function get(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isObject(current)) return undefined;
      current = current[key];
    }
  }
  return current;
}
