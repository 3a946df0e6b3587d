// The LSP adapter: documents, settings, diagnostics and editor features over the engine. The workspace
// (index of every YAML file, file events, diagnostics of open and closed files) is WorkspaceServer's.
import {
  CodeActionKind, DidChangeConfigurationNotification, MarkupKind, SymbolKind,
  TextDocumentSyncKind, TextDocuments, type CodeAction, type CompletionItem, type Connection, type DocumentSymbol,
  type InitializeResult, type Location,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, SchemaStore } from '../engine';
import { fixAllKind, provideCodeActions } from './code-actions';
import { rangeOf } from './convert';
import { identitiesCodeLensOptions, registerIdentities } from './identities';
import { describeError, guardConnection, type HandlerGuard } from './guard';
import { configurationSection, readSettings } from './settings';
import { isConfigFileUri } from './config-file';
import { completionItems, definitionLocations, referenceLocations } from './workspace-navigation';
import { WorkspaceServer } from './workspace-server';
import { HelmCharts, progressReporter, registerHelm, trustedAtStart } from './helm';
import { pathOfUri } from './workspace-index';

export function startServer(rawConnection: Connection): HandlerGuard {
  const log = (message: string): void => rawConnection.console.error(message);
  // Every handler registered below (and by TextDocuments, identities and the workspace) runs in the guard.
  const { connection, guard } = guardConnection(rawConnection, log);
  const documents = new TextDocuments(TextDocument);
  let engine: Engine | undefined;
  let configurationPull = false;

  const workspace = new WorkspaceServer(connection, documents, () => engine, log, guard);
  let folders: string[] = [];
  let progress: ReturnType<typeof progressReporter> = async () => undefined;
  // Helm charts: rendered on open and save, in trusted workspaces, with a helm from the machine (lsp/helm.ts).
  const helm = new HelmCharts(connection, {
    engine: () => engine, folders: () => folders, configValues: () => workspace.config.helmValues(),
    changed: (uris) => workspace.diagnostics.update(uris), progress: () => progress(), log,
  });

  /** Runs a request handler with the engine; before initialize the guard has already answered. */
  function withEngine<T>(fallback: T, handler: (engine: Engine) => T): T {
    return engine ? handler(engine) : fallback;
  }

  function syncDocument(current: Engine, document: TextDocument): void {
    current.setFile(document.uri, document.getText(), document.version);
  }

  /** Applies settings from the client; values of the wrong type keep their defaults, with one logged line. */
  function applySettings(raw: unknown): boolean {
    if (!engine) return false;
    const { problems } = readSettings(raw);
    if (problems.length) log(`Settings: ${problems.join('; ')}.`);
    const before = engine.settings.maxFileSize;
    // The workspace's .statefulset-lint.yaml, under what the user set.
    engine.updateSettings(workspace.config.resolve(raw));
    helm.applySettings(raw);
    return engine.settings.maxFileSize !== before;
  }

  /** Reads the settings; true when the file size limit changed (the index must be rebuilt then). */
  async function loadSettings(): Promise<boolean> {
    if (!engine || !configurationPull) return false;
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ section: configurationSection });
      return applySettings(raw);
    } catch (error) {
      log(`reading settings failed: ${String(error)}`);
      return false;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    engine = new Engine(SchemaStore.load(), undefined, {
      onRuleError: (ruleId, uri, error) => log(`rule ${ruleId} failed on ${uri}: ${describeError(error)}`),
    });
    configurationPull = !!params.capabilities?.workspace?.configuration;
    workspace.initialize(params);
    const options: unknown = params.initializationOptions;
    folders = (Array.isArray(params.workspaceFolders) ? params.workspaceFolders.map((folder) => folder?.uri) : [params.rootUri])
      .map((uri) => (typeof uri === 'string' ? pathOfUri(uri) : undefined)).filter((path): path is string => !!path);
    progress = progressReporter(connection, params.capabilities ?? {});
    helm.setTrusted(trustedAtStart(options));
    // The workspace's .statefulset-lint.yaml (read by initialize above), under what the user set.
    applySettings(options && typeof options === 'object' && 'settings' in options ? options.settings : undefined);
    return {
      capabilities: {
        // Saves too: a chart is rendered by helm on open and save, not per keystroke.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '/'], resolveProvider: false },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        codeLensProvider: identitiesCodeLensOptions,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
      },
      serverInfo: { name: 'statefulset-language-server', version: '0.1.0' },
    };
  });

  // A configuration file edited, saved or deleted: its settings apply at once.
  let started = false;
  workspace.config.onChange = () => {
    if (!engine || !started) return;
    const before = engine.settings.maxFileSize;
    engine.updateSettings(workspace.config.resolve());
    void workspace.settingsChanged(engine.settings.maxFileSize !== before).catch((error: unknown) => log(`applying the configuration file failed: ${String(error)}`));
  };

  connection.onInitialized(async () => {
    started = true;
    if (configurationPull) {
      // files.exclude too: the workspace index follows it.
      void connection.client.register(DidChangeConfigurationNotification.type, { section: [configurationSection, 'files.exclude'] })
        .then(undefined, (error: unknown) => log(`registering for configuration changes failed: ${String(error)}`));
      await loadSettings();
      workspace.committed.updateAll();
      workspace.diagnostics.refreshAll();
    }
    // Pulled above, or (a client without workspace/configuration) given in initialize or pushed later.
    helm.settingsRead();
    await workspace.start();
  });
  // Each completed index (the first one, or the re-index a settings change started, which may overtake
  // it): the charts of the documents opened meanwhile are known now, and are rendered.
  workspace.onIndexed = () => {
    for (const document of documents.all()) helm.fileTouched(document.uri);
  };

  connection.onDidChangeConfiguration(async (change) => {
    let sizeChanged = false;
    if (configurationPull) {
      sizeChanged = await loadSettings();
    } else {
      // A client without workspace/configuration pushes the settings (or null, or anything).
      const pushed: unknown = (change as { settings?: unknown } | null | undefined)?.settings;
      const section = typeof pushed === 'object' && pushed !== null && !Array.isArray(pushed) ? (pushed as Record<string, unknown>)[configurationSection] : undefined;
      sizeChanged = applySettings(section);
    }
    await workspace.settingsChanged(sizeChanged);
  });

  connection.onShutdown(() => { workspace.stop(); helm.stop(); });

  documents.onDidOpen((event) => guard.guarded('open', () => { workspace.opened(event.document); helm.fileTouched(event.document.uri); }));
  documents.onDidChangeContent((event) => guard.guarded('change', () => {
    if (engine?.getFile(event.document.uri) || isConfigFileUri(event.document.uri)) workspace.changed(event.document);
  }));
  documents.onDidClose((event) => guard.guarded('close', () => workspace.closed(event.document)));
  connection.onDidChangeWatchedFiles(async (params) => {
    await workspace.filesChanged(params.changes);
    for (const change of params.changes) helm.fileTouched(change.uri);
  });
  registerHelm({ connection, documents, guard, charts: helm, engine: () => engine });

  /** Brings the engine's copy of a document up to date before a request reads it. */
  function current(uri: string, run: (engine: Engine) => void): void {
    const document = documents.get(uri);
    if (document && engine) syncDocument(engine, document);
    if (engine) run(engine);
  }

  connection.onHover((params) => withEngine(null, (eng) => {
    const inConfig = workspace.config.hover(params.textDocument.uri, params.position);
    if (inConfig !== undefined) return inConfig;
    let result = null;
    current(params.textDocument.uri, () => {
      const offset = eng.offsetAt(params.textDocument.uri, params.position);
      const found = eng.hover(params.textDocument.uri, offset, workspace.diagnostics.currentFindings(eng, params.textDocument.uri));
      if (found) {
        result = { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeOf(eng, params.textDocument.uri, found.span.start, found.span.end) };
      }
    });
    return result;
  }));

  connection.onCompletion((params) => withEngine([] as CompletionItem[], (eng) => {
    const uri = params.textDocument.uri;
    const inConfig = workspace.config.completion(uri, params.position);
    if (inConfig) return inConfig;
    let items: CompletionItem[] = [];
    current(uri, () => { items = completionItems(eng, uri, eng.offsetAt(uri, params.position)); });
    return items;
  }));

  connection.onDefinition((params) => withEngine([] as Location[], (eng) => {
    const uri = params.textDocument.uri;
    let locations: Location[] = [];
    current(uri, () => { locations = definitionLocations(eng, uri, eng.offsetAt(uri, params.position)); });
    return locations;
  }));

  connection.onReferences((params) => withEngine([] as Location[], (eng) => {
    const uri = params.textDocument.uri;
    let locations: Location[] = [];
    current(uri, () => { locations = referenceLocations(eng, uri, eng.offsetAt(uri, params.position), params.context.includeDeclaration); });
    return locations;
  }));

  connection.onDocumentSymbol((params) => withEngine([] as DocumentSymbol[], (eng) => {
    const uri = params.textDocument.uri;
    let symbols: DocumentSymbol[] = [];
    current(uri, () => {
      symbols = eng.symbols(uri).map((symbol) => ({
        name: symbol.name,
        detail: symbol.detail,
        kind: SymbolKind.Class,
        range: rangeOf(eng, uri, symbol.span.start, symbol.span.end),
        selectionRange: rangeOf(eng, uri, symbol.selection.start, symbol.selection.end),
      }));
    });
    return symbols;
  }));

  connection.onCodeAction((params) => withEngine([] as CodeAction[], (eng) => {
    let actions: CodeAction[] = [];
    current(params.textDocument.uri, () => { actions = provideCodeActions(eng, params, workspace.diagnostics.currentFindings(eng, params.textDocument.uri)); });
    return actions;
  }));

  registerIdentities(connection, documents, () => engine);
  workspace.committed.listen(connection);

  documents.listen(connection);
  connection.listen();
  return guard;
}
