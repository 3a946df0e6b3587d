// The language server's committed versions: each file as committed at the ref of `statefulset.compareWith`
// (HEAD by default), given to the engine for the rules that compare a StatefulSet with its committed self.
// Read from git's object database (tools/git): nothing is executed, so this runs in untrusted workspaces
// as well. When the commit a ref names moves (a commit, a checkout), every file is compared again. The
// client shows a committed text (the findings' related location) through `statefulset/committedText`.
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { CommittedFile, Engine } from '../engine';
import { committedScheme, committedTextRequestMethod, type CommittedTextParams } from '../protocol';
import { CommittedReader } from '../tools/git/committed';
import { pathOfUri } from './workspace-index';

/** The uri of a committed text: unique per file, ref and commit; made of characters no client re-encodes. */
export function committedDocumentUri(path: string, ref: string, commit: string): string {
  return `${committedScheme}:${pathToFileURL(path).pathname}?${encodeURIComponent(ref)}-${commit}`;
}

function decodeUri(uri: string): string {
  try { return decodeURIComponent(uri); } catch { return uri; }
}

export class CommittedSync {
  private reader: CommittedReader | undefined;
  /** The commit the ref named at the last comparison, by repository root. */
  private readonly commits = new Map<string, string>();
  private readonly logged = new Set<string>();

  constructor(private readonly engine: () => Engine | undefined, private readonly log: (message: string) => void) {}

  /** Answers `statefulset/committedText` (the client's read-only view of a committed file). */
  listen(connection: Connection): void {
    connection.onRequest(committedTextRequestMethod, (params: CommittedTextParams | undefined) => {
      const uri = typeof params?.uri === 'string' ? params.uri : '';
      const engine = this.engine();
      if (!engine) return null;
      const exact = engine.committedText(uri);
      if (exact !== undefined) return exact;
      // A client may encode the uri another way: compare the decoded forms.
      const decoded = decodeUri(uri);
      for (const file of engine.model.committed.uris()) {
        const documentUri = engine.model.committed.of(file)?.uri;
        if (documentUri && decodeUri(documentUri) === decoded) return engine.committedText(documentUri) ?? null;
      }
      return null;
    });
  }

  /** Files changed on disk: which committed files are gone from the work tree (renames) is read again. */
  filesChanged(): void {
    this.reader?.clear();
  }

  /**
   * Brings the committed versions of these files up to date (the engine's settings say the ref). When
   * the commit moved since the last time, every file of the workspace is compared again. Returns the
   * files whose committed version changed: their findings must be computed again.
   */
  update(uris: Iterable<string>): string[] {
    const engine = this.engine();
    if (!engine) return [];
    const { compareWith, maxFileSize } = engine.settings;
    if (!this.reader || this.reader.maxFileSize !== maxFileSize) this.reader = new CommittedReader({ maxFileSize });
    const changed: string[] = [];
    const pending = [...uris];
    let moved = false;
    for (let i = 0; i < pending.length; i++) {
      const uri = pending[i];
      const committed = compareWith === 'off' ? undefined : this.read(engine, uri, compareWith, () => { moved = true; });
      if (engine.setCommitted(uri, committed)) changed.push(uri);
      if (moved) {
        moved = false;
        const seen = new Set(pending);
        for (const other of [...engine.model.fileUris(), ...engine.model.committed.uris()]) if (!seen.has(other)) pending.push(other);
      }
    }
    return changed;
  }

  /** Every file compared again (the ref or the size limit changed). */
  updateAll(): string[] {
    const engine = this.engine();
    return engine ? this.update(new Set([...engine.model.fileUris(), ...engine.model.committed.uris()])) : [];
  }

  private read(engine: Engine, uri: string, ref: string, moved: () => void): CommittedFile | undefined {
    const path = pathOfUri(uri);
    const file = engine.getFile(uri);
    if (!path || !file || file.skipped || !this.reader) return undefined;
    const answer = this.reader.read(path, ref, file.text);
    if ('none' in answer) {
      if (answer.error && !this.logged.has(answer.none)) {
        this.logged.add(answer.none);
        this.log(`Not compared with ${ref}: ${answer.none}.`);
      }
      return undefined;
    }
    const { text, commit, root, path: committedPath } = answer.found;
    const before = this.commits.get(root);
    this.commits.set(root, commit);
    if (before !== undefined && before !== commit) moved();
    return { text, ref, commit, path: committedPath, uri: committedDocumentUri(path, ref, commit) };
  }
}
