// The workspace's files as committed at a git ref (HEAD by default), for the rules that compare an
// object with its committed self (an update the API server will refuse, a renamed StatefulSet). The
// engine reads no repository: the language server and the CLI read the committed text (tools/git)
// and give it here; a file without one (no repository, a new file, comparison off) has none. Rules
// read it through lookups (`committed(uri)`), which record the dependency, so a new commit re-checks.
import { parseFile, type ParsedFile } from '../yaml';
import { documentManifestOf, type Manifest } from './manifest';

/** What the adapters give: a file's text at a commit. */
export interface CommittedFile {
  text: string;
  /** The ref compared with, as the user named it (`HEAD`, `origin/main`). */
  ref: string;
  /** The commit's id. */
  commit: string;
  /** The file's path in that commit (relative to the repository root; the old path when it was renamed since). */
  path: string;
  /**
   * The uri under which an editor can show the committed text (read-only): related information points
   * at the committed value there. Unique per file, ref and commit.
   */
  uri: string;
}

/** A committed file, parsed: its objects, placed in the committed text. */
export interface CommittedVersion extends CommittedFile {
  file: ParsedFile;
  manifests: Manifest[];
  /** Changes whenever the committed file given for a uri changes (the signature of its dependency key). */
  stamp: string;
}

export class CommittedVersions {
  private readonly byUri = new Map<string, CommittedVersion>();
  private readonly byDocument = new Map<string, CommittedVersion>();
  private counter = 0;

  /**
   * Sets (or with undefined, forgets) the committed version of a workspace file; true when it changed.
   * The same text at the same commit and path is kept as it was (its findings stay cached).
   */
  set(uri: string, committed: CommittedFile | undefined, maxFileSize: number): boolean {
    const known = this.byUri.get(uri);
    if (!committed) {
      if (!known) return false;
      this.forget(uri, known);
      return true;
    }
    if (known && known.text === committed.text && known.commit === committed.commit && known.path === committed.path
      && known.ref === committed.ref && known.uri === committed.uri) return false;
    if (known) this.forget(uri, known);
    const file = parseFile(committed.uri, committed.text, 0, maxFileSize);
    const manifests = file.documents.map((document) => documentManifestOf(file, document)).filter((manifest): manifest is NonNullable<typeof manifest> => !!manifest);
    const version: CommittedVersion = { ...committed, file, manifests, stamp: `${++this.counter}:${committed.commit}` };
    this.byUri.set(uri, version);
    this.byDocument.set(committed.uri, version);
    return true;
  }

  private forget(uri: string, known: CommittedVersion): void {
    this.byUri.delete(uri);
    if (this.byDocument.get(known.uri) === known) this.byDocument.delete(known.uri);
  }

  /** The committed version of a workspace file. */
  of(uri: string): CommittedVersion | undefined {
    return this.byUri.get(uri);
  }

  /** The parsed committed text shown under a committed document's uri (for positions and the editor's read-only view). */
  document(uri: string): ParsedFile | undefined {
    return this.byDocument.get(uri)?.file;
  }

  /** The signature of a workspace file's committed version: '' when it has none. */
  signature(uri: string): string {
    return this.byUri.get(uri)?.stamp ?? '';
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }
}
