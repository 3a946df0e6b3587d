// The workspace side of the server: indexes the workspace folders (with work-done progress), follows
// file-system events and open/close of documents, and keeps every file's diagnostics current.
import {
  DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type ClientCapabilities, type Connection, type Diagnostic,
  type InitializeParams, type TextDocuments, type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine';
import { toDiagnostic } from './convert';
import type { HandlerGuard } from './guard';
import { WorkspaceDiagnostics } from './workspace-diagnostics';
import { canonicalUri, pathOfUri, WorkspaceIndex } from './workspace-index';
import { isConfigFileUri, WorkspaceConfigs } from './config-file';
import { diskHost } from '../tools/disk-host';
import { CommittedSync } from './committed';

/**
 * Delay after a keystroke before re-checking: half as long as the last re-check of that document took
 * (so a burst of typing costs at most about two thirds of a core, and a fast check shows at once), at
 * least 5 ms and at most 120 ms; none for a keystroke after a pause at least that long. A newly opened
 * document is checked at once.
 */
const minDebounceMs = 5;
const maxDebounceMs = 120;

export class WorkspaceServer {
  /** How long the last re-check after a change took, per document (the next debounce). */
  private readonly lastCheckMs = new Map<string, number>();
  readonly index: WorkspaceIndex;
  readonly diagnostics: WorkspaceDiagnostics;
  /** The configuration files (.statefulset-lint.yaml): not manifests, so never in the engine. */
  readonly config: WorkspaceConfigs;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each open document last changed (performance.now()): a change after a pause is checked at once. */
  private readonly lastChangeAt = new Map<string, number>();
  /** Open documents by canonical uri → the uri the client uses. */
  private readonly openDocuments = new Map<string, string>();
  private folders: { uri: string }[] = [];
  private capabilities: ClientCapabilities = {};
  private excludes = '';
  private indexing: Promise<void> | undefined;
  /** The files as committed in git, for the comparison rules (committed.ts). */
  readonly committed: CommittedSync;
  /** files.exclude problems already logged (each is logged once). */
  private readonly loggedExcludeProblems = new Set<string>();
  /**
   * Called when an indexing run completes (not when a newer run overtook it): the files of the workspace
   * are known, so the charts of documents opened before are found now.
   */
  onIndexed: () => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly engine: () => Engine | undefined,
    private readonly log: (message: string) => void,
    private readonly guard: HandlerGuard,
  ) {
    this.index = new WorkspaceIndex({
      setFile: (uri, text) => this.setClosedFile(uri, text),
      deleteFile: (uri) => this.engine()?.deleteFile(uri),
      isOpen: (uri) => this.openDocuments.has(uri),
      maxFileSize: () => this.engine()?.settings.maxFileSize ?? Number.POSITIVE_INFINITY,
    });
    this.committed = new CommittedSync(engine, log);
    this.config = new WorkspaceConfigs({ publish: (uri, diagnostics) => void this.connection.sendDiagnostics({ uri, diagnostics }), log });
    this.diagnostics = new WorkspaceDiagnostics({
      engine,
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      toDiagnostic: (current, finding) => toDiagnostic(current, finding),
      publish: (uri, diagnostics) => this.publish(uri, diagnostics),
      log,
    });
  }

  /**
   * A closed file's text from disk, kept without its yaml trees once its document rules ran, so that the
   * workspace never holds the trees of all its files at once (engine/yaml/lazy-trees.ts). A document's
   * tree is parsed only if a rule or a request asks for it (engine/yaml, parseTree).
   */
  private setClosedFile(uri: string, text: string): void {
    const engine = this.engine();
    if (!engine || isConfigFileUri(uri)) return;
    engine.setFile(uri, text, 0);
    this.diagnostics.closedFileRead(uri);
  }

  /**
   * Diagnostics of an open document carry the version they were computed for; a result for a version
   * that a newer one has already replaced is not sent (the newer one's check is pending).
   */
  private publish(uri: string, diagnostics: Diagnostic[]): void {
    const document = this.documents.get(uri);
    const checked = this.engine()?.getFile(uri)?.version;
    if (document && checked !== undefined && checked !== document.version) return;
    void this.connection.sendDiagnostics(document ? { uri, version: document.version, diagnostics } : { uri, diagnostics })
      .then(undefined, (error: unknown) => this.log(`sending diagnostics failed: ${String(error)}`));
  }

  /** Re-checks after files changed, with their committed versions brought up to date first. */
  private recheck(uris: Iterable<string>): void {
    const list = [...uris];
    this.diagnostics.update([...list, ...this.committed.update(list)]);
  }

  /** shutdown: no more re-checks. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  initialize(params: InitializeParams): void {
    this.capabilities = params.capabilities ?? {};
    const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders : typeof params.rootUri === 'string' ? [{ uri: params.rootUri, name: '' }] : [];
    this.folders = folders.filter((folder) => typeof folder?.uri === 'string').map((folder) => ({ uri: folder.uri }));
    this.config.setFolders(this.folderPaths());
    // Overlays read generator inputs and folder listings from the disk, inside the workspace folders only.
    const engine = this.engine();
    engine?.setHost(diskHost({
      uris: 'file', allowed: (real) => this.index.holdsRealPath(real), maxFileSize: () => engine.settings.maxFileSize,
      workspaceFolder: (uri) => this.index.folderUriOf(uri),
    }));
  }

  private folderPaths(): string[] {
    return this.folders.map((folder) => pathOfUri(folder.uri)).filter((path): path is string => path !== undefined);
  }

  /** After `initialized`: watch files, then index in the background. */
  async start(): Promise<void> {
    const watched = this.capabilities.workspace?.didChangeWatchedFiles;
    if (watched?.dynamicRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml,YAML,YML}' },
          // What overlays read besides YAML: a `Kustomization` file, generator inputs.
          { globPattern: '**/{Kustomization,*.tpl,*.env,*.properties,*.txt,*.conf,*.json,*.ini,*.cfg,*.toml,*.pem,*.crt,*.key,*.sh,*.sql}', kind: WatchKind.Change },
          // A commit or a checkout moves a ref: the committed versions are read again.
          { globPattern: '**/.git/{HEAD,packed-refs,refs/**}' },
          // Folders: a deleted or created folder takes its YAML files with it.
          { globPattern: '**', kind: WatchKind.Create | WatchKind.Delete },
        ],
      });
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        this.folders = [...this.folders.filter((folder) => !removed.has(folder.uri)), ...event.added.map((folder) => ({ uri: folder.uri }))];
        this.config.setFolders(this.folderPaths());
        return this.reindex();
      });
    }
    await this.reindex();
  }

  private async readExcludes(): Promise<{ uri: string; exclude: unknown }[]> {
    if (!this.capabilities.workspace?.configuration || this.folders.length === 0) return this.folders.map((folder) => ({ ...folder, exclude: this.config.excludesOf(folder.uri) }));
    try {
      const excludes: unknown = await this.connection.workspace.getConfiguration(
        this.folders.map((folder) => ({ scopeUri: folder.uri, section: 'files.exclude' })));
      // Whatever the client answers: a list with one setting per folder is expected. The configuration
      // file's `ignore` globs leave files out of the index like files.exclude.
      return this.folders.map((folder, i) => {
        const exclude: unknown = Array.isArray(excludes) ? excludes[i] : undefined;
        return { ...folder, exclude: { ...(typeof exclude === 'object' && exclude !== null ? exclude : {}), ...this.config.excludesOf(folder.uri) } };
      });
    } catch (error) {
      this.log(`reading files.exclude failed: ${String(error)}`);
      return this.folders.map((folder) => ({ ...folder, exclude: {} }));
    }
  }

  /** Settings changed: re-read files.exclude (re-indexing when it or the size limit changed) and re-check. */
  async settingsChanged(sizeChanged: boolean): Promise<void> {
    const before = this.excludes;
    const folders = await this.readExcludes();
    if (sizeChanged || JSON.stringify(folders) !== before) await this.reindex(folders);
    else {
      this.committed.updateAll();
      this.diagnostics.refreshAll();
    }
  }

  /** Indexes every folder; open documents are checked meanwhile. A newer call supersedes an older one. */
  private async reindex(known?: { uri: string; exclude: unknown }[]): Promise<void> {
    const folders = known ?? await this.readExcludes();
    this.excludes = JSON.stringify(folders);
    for (const problem of this.index.setFolders(folders)) {
      if (this.loggedExcludeProblems.has(problem)) continue;
      this.loggedExcludeProblems.add(problem);
      this.log(problem);
    }
    const run = (async (): Promise<void> => {
      const progress = await this.progress();
      const started = Date.now();
      try {
        // Reported when the percentage moves: files are read a few at a time, and a message each time costs.
        let reported = -1;
        const changed = await this.index.indexAll((done, total) => {
          const percent = total ? Math.round((done / total) * 100) : 100;
          if (percent !== reported) progress?.report(percent, `${done}/${total} files`);
          reported = percent;
        });
        if (!changed) return;
        this.log(`indexed ${this.index.diskFiles.size} YAML files in ${Date.now() - started} ms`);
        if (this.diagnostics.indexed) this.recheck(changed);
        else {
          this.committed.updateAll();
          this.diagnostics.markReady();
        }
        this.guard.guarded('indexed', () => this.onIndexed());
      } finally {
        progress?.done();
      }
    })();
    this.indexing = run;
    await run.catch((error: unknown) => this.log(`indexing failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    if (this.indexing === run) this.indexing = undefined;
  }

  private async progress(): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.capabilities.window?.workDoneProgress || this.folders.length === 0) return undefined;
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin('Indexing Kubernetes YAML', 0, 'listing files', false);
      return reporter;
    } catch {
      return undefined;
    }
  }

  opened(document: TextDocument): void {
    if (isConfigFileUri(document.uri)) return this.config.documentChanged(document.uri, document.getText());
    const canonical = canonicalUri(document.uri);
    this.openDocuments.set(canonical, document.uri);
    const current = this.engine();
    if (!current) return;
    const changed = [document.uri];
    if (canonical !== document.uri && current.getFile(canonical)) {
      current.deleteFile(canonical);
      changed.push(canonical);
    }
    current.setFile(document.uri, document.getText(), document.version);
    this.recheck(changed);
  }

  changed(document: TextDocument): void {
    if (isConfigFileUri(document.uri)) return this.config.documentChanged(document.uri, document.getText());
    const pending = this.timers.get(document.uri);
    clearTimeout(pending);
    // Wait half as long as the last check took for more keystrokes to come, unless this one came after
    // a pause at least that long with nothing pending: then a burst has not started, and the check runs
    // at once (after the messages already received, which may be that burst).
    const window = Math.min(maxDebounceMs, Math.max(minDebounceMs, (this.lastCheckMs.get(document.uri) ?? maxDebounceMs) / 2));
    const now = performance.now();
    const paused = pending === undefined && now - (this.lastChangeAt.get(document.uri) ?? Number.NEGATIVE_INFINITY) >= window;
    this.lastChangeAt.set(document.uri, now);
    const delay = paused ? 0 : window;
    this.timers.set(document.uri, setTimeout(() => this.guard.guarded('re-check', () => {
      this.timers.delete(document.uri);
      const current = this.engine();
      if (!current || !this.documents.get(document.uri)) return;
      const latest = this.documents.get(document.uri)!;
      const started = performance.now();
      current.setFile(latest.uri, latest.getText(), latest.version);
      this.recheck([latest.uri]);
      this.lastCheckMs.set(latest.uri, performance.now() - started);
    }), delay));
  }

  /** A closed document falls back to its text on disk (when the workspace holds it) or leaves the model. */
  async closed(document: TextDocument): Promise<void> {
    if (isConfigFileUri(document.uri)) return this.config.documentClosed(document.uri);
    clearTimeout(this.timers.get(document.uri));
    this.timers.delete(document.uri);
    this.lastCheckMs.delete(document.uri);
    this.lastChangeAt.delete(document.uri);
    const canonical = canonicalUri(document.uri);
    this.openDocuments.delete(canonical);
    const current = this.engine();
    if (!current) return;
    const changed = new Set([document.uri, ...await this.index.refresh(canonical)]);
    if (!this.openDocuments.has(canonical) && (canonical !== document.uri || !this.index.diskFiles.has(canonical))) {
      current.deleteFile(document.uri);
    }
    this.recheck(changed);
  }

  /** didChangeWatchedFiles: files (or folders) created, changed or deleted on disk. */
  async filesChanged(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    const changed: string[] = [];
    // Builds that read one of these files or folders are stale, whatever the file (engine/builds).
    this.engine()?.filesChangedOnDisk(changes.map((change) => canonicalUri(change.uri)));
    for (const change of changes) {
      if (isConfigFileUri(change.uri)) this.config.fileChanged(change.uri);
      if (change.type === FileChangeType.Deleted) changed.push(...this.index.remove(change.uri));
      else changed.push(...await this.index.refresh(change.uri));
    }
    // A file created or deleted can be the other half of a rename; a change under .git can move a ref.
    if (changes.some((change) => change.type !== FileChangeType.Changed || change.uri.includes('/.git/'))) this.committed.filesChanged();
    if (changes.some((change) => change.uri.includes('/.git/'))) changed.push(...this.committed.updateAll());
    // Even when no YAML file changed, an overlay may have (a generator input): update() finds out.
    if (changed.length || changes.length) this.recheck(changed);
  }

  /** Resolves when no indexing run is in progress (for requests that want the whole workspace). */
  async idle(): Promise<void> {
    while (this.indexing) await this.indexing;
  }
}
