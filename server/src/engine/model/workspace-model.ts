// Parsed files → manifests → a workspace model indexed by kind, namespace and name.
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import { documentManifestsOf, type DocumentManifest, type Manifest } from './manifest';
import { CommittedVersions } from './committed';

/** Every manifest of every known file, with lookups by kind, namespace and name. */
export class WorkspaceModel {
  private readonly files = new Map<string, ParsedFile>();
  private readonly manifestsByFile = new Map<string, DocumentManifest[]>();
  private byKindCache: Map<string, Manifest[]> | undefined;
  /** The files as committed at the ref compared with (git), given by the adapters (committed.ts). */
  readonly committed = new CommittedVersions();

  constructor(public defaultNamespace = 'default') {}

  setFile(file: ParsedFile): Manifest[] {
    this.files.set(file.uri, file);
    // Documents kept by an incremental re-parse keep their data: only the new ones are converted. A
    // document gives several objects when it is a `kind: List` (the List, then its items).
    const kept = new Map<ParsedDocument, DocumentManifest[]>();
    for (const manifest of this.manifestsByFile.get(file.uri) ?? []) {
      const list = kept.get(manifest.document);
      if (list) list.push(manifest); else kept.set(manifest.document, [manifest]);
    }
    const manifests: DocumentManifest[] = [];
    for (const document of file.documents) {
      const previous = kept.get(document);
      if (previous) for (const manifest of previous) manifests.push(manifest.movedTo(document.index, file));
      else manifests.push(...documentManifestsOf(file, document));
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
