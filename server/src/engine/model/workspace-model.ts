// Parsed files → manifests → a workspace model indexed by kind, namespace and name.
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import { parseTree } from '../yaml';
import { keySpan, valueSpan, type DataPath } from '../yaml/nodes';
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
  /** The span of the key at a data path (its value when there is no key; the document when the path is missing). */
  keySpan(path: DataPath): Span;
  /** The span of the value at a data path (its key when there is no value; the document when the path is missing). */
  valueSpan(path: DataPath): Span;
}

/** A manifest keeps no node of its own: its document's tree is parsed when asked for (engine/yaml, parseTree). */
class DocumentManifest implements Manifest {
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
  ) {}

  keySpan(path: DataPath): Span {
    return keySpan(parseTree(this.document), path) ?? this.document.span;
  }

  valueSpan(path: DataPath): Span {
    return valueSpan(parseTree(this.document), path) ?? this.document.span;
  }

  /** The same object at another place: its document kept by an incremental re-parse of the file. */
  movedTo(docIndex: number, file: ParsedFile): DocumentManifest {
    return new DocumentManifest(this.uri, docIndex, this.apiVersion, this.kind, this.name, this.namespace, this.value, this.document, file);
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

/** The manifest of a document, when the document is a mapping with `apiVersion` and `kind` strings. */
export function manifestOf(file: ParsedFile, document: ParsedDocument): Manifest | undefined {
  return documentManifestOf(file, document);
}

function documentManifestOf(file: ParsedFile, document: ParsedDocument): DocumentManifest | undefined {
  // Only a YAML mapping gives a plain object with `apiVersion` and `kind` strings (a sequence gives an
  // array, `!!omap` and `!!set` a Map or a Set): the tree, which may not be built (lazy-trees.ts), is not read.
  const raw = document.value;
  if (!isObject(raw)) return undefined;
  const value = withoutNulls(raw) as JsonObject;
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
  );
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

/** Every manifest of every known file, with lookups by kind, namespace and name. */
export class WorkspaceModel {
  private readonly files = new Map<string, ParsedFile>();
  private readonly manifestsByFile = new Map<string, DocumentManifest[]>();
  private byKindCache: Map<string, Manifest[]> | undefined;

  constructor(public defaultNamespace = 'default') {}

  setFile(file: ParsedFile): Manifest[] {
    this.files.set(file.uri, file);
    // Documents kept by an incremental re-parse keep their data: only the new ones are converted.
    const kept = new Map<ParsedDocument, DocumentManifest>();
    for (const manifest of this.manifestsByFile.get(file.uri) ?? []) kept.set(manifest.document, manifest);
    const manifests: DocumentManifest[] = [];
    for (const document of file.documents) {
      const previous = kept.get(document);
      const manifest = previous ? previous.movedTo(document.index, file) : documentManifestOf(file, document);
      if (manifest) manifests.push(manifest);
    }
    this.manifestsByFile.set(file.uri, manifests);
    this.byKindCache = undefined;
    return manifests;
  }

  deleteFile(uri: string): void {
    this.files.delete(uri);
    this.manifestsByFile.delete(uri);
    this.byKindCache = undefined;
  }

  getFile(uri: string): ParsedFile | undefined {
    return this.files.get(uri);
  }

  fileUris(): string[] {
    return [...this.files.keys()];
  }

  manifestsOf(uri: string): Manifest[] {
    return this.manifestsByFile.get(uri) ?? [];
  }

  /** The namespace an object lives in (the default namespace when it names none). */
  namespaceOf(manifest: Manifest): string {
    return manifest.namespace ?? this.defaultNamespace;
  }

  /** All manifests of a kind (in any apiVersion). */
  ofKind(kind: string): Manifest[] {
    if (!this.byKindCache) {
      this.byKindCache = new Map();
      for (const manifests of this.manifestsByFile.values()) {
        for (const manifest of manifests) {
          const list = this.byKindCache.get(manifest.kind) ?? [];
          list.push(manifest);
          this.byKindCache.set(manifest.kind, list);
        }
      }
    }
    return this.byKindCache.get(kind) ?? [];
  }

  /** Manifests of a kind in a namespace (`undefined` namespace: cluster-scoped lookup by name only). */
  find(kind: string, name: string, namespace?: string): Manifest[] {
    return this.ofKind(kind).filter((manifest) =>
      manifest.name === name && (namespace === undefined || this.namespaceOf(manifest) === namespace));
  }
}
