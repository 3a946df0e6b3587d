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
import { configurationSection } from './settings';
import { isConfigFileUri } from './config-file';
import { completionItems, definitionLocations, referenceLocations } from './workspace-navigation';
import { WorkspaceServer } from './workspace-server';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let engine: Engine | undefined;
  let configurationPull = false;

  const log = (message: string): void => connection.console.error(message);
  const workspace = new WorkspaceServer(connection, documents, () => engine, log);

  /** Runs a handler; an exception is logged and answered with `fallback`, never crashing the server. */
  function runSafe<T>(name: string, fallback: T, handler: (engine: Engine) => T): T {
    if (!engine) return fallback;
    try {
      return handler(engine);
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }

  function syncDocument(current: Engine, document: TextDocument): void {
    current.setFile(document.uri, document.getText(), document.version);
  }

  /** Reads the settings; true when the file size limit changed (the index must be rebuilt then). */
  async function loadSettings(): Promise<boolean> {
    if (!engine || !configurationPull) return false;
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ section: configurationSection });
      const before = engine.settings.maxFileSize;
      engine.updateSettings(workspace.config.resolve(raw));
      return engine.settings.maxFileSize !== before;
    } catch (error) {
      log(`reading settings failed: ${String(error)}`);
      return false;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    engine = new Engine(SchemaStore.load(), undefined, {
      onRuleError: (ruleId, uri, error) => log(`rule ${ruleId} failed on ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    });
    configurationPull = !!params.capabilities.workspace?.configuration;
    workspace.initialize(params);
    const options = params.initializationOptions && typeof params.initializationOptions === 'object' ? params.initializationOptions as Record<string, unknown> : {};
    // The workspace's .statefulset-lint.yaml, under what the user set (read by initialize above).
    engine.updateSettings(workspace.config.resolve(options.settings));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false },
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
      void connection.client.register(DidChangeConfigurationNotification.type, { section: [configurationSection, 'files.exclude'] });
      await loadSettings();
      workspace.diagnostics.refreshAll();
    }
    await workspace.start();
  });

  connection.onDidChangeConfiguration(async (change) => {
    let sizeChanged = false;
    if (configurationPull) sizeChanged = await loadSettings();
    else if (engine) engine.updateSettings(workspace.config.resolve((change.settings as Record<string, unknown> | undefined)?.[configurationSection]));
    await workspace.settingsChanged(sizeChanged);
  });

  documents.onDidOpen((event) => runSafe('open', undefined, () => workspace.opened(event.document)));
  documents.onDidChangeContent((event) => {
    if (engine?.getFile(event.document.uri) || isConfigFileUri(event.document.uri)) workspace.changed(event.document);
  });
  documents.onDidClose((event) => void workspace.closed(event.document).catch((error: unknown) => log(`close failed: ${String(error)}`)));
  connection.onDidChangeWatchedFiles((params) =>
    void workspace.filesChanged(params.changes).catch((error: unknown) => log(`file events failed: ${String(error)}`)));

  /** Brings the engine's copy of a document up to date before a request reads it. */
  function current(uri: string, run: (engine: Engine) => void): void {
    const document = documents.get(uri);
    if (document && engine) syncDocument(engine, document);
    if (engine) run(engine);
  }

  connection.onHover((params) => runSafe('hover', null, (eng) => {
    const inConfig = workspace.config.hover(params.textDocument.uri, params.position);
    if (inConfig !== undefined) return inConfig;
    let result = null;
    current(params.textDocument.uri, () => {
      const offset = eng.offsetAt(params.textDocument.uri, params.position);
      const found = eng.hover(params.textDocument.uri, offset);
      if (found) {
        result = { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeOf(eng, params.textDocument.uri, found.span.start, found.span.end) };
      }
    });
    return result;
  }));

  connection.onCompletion((params) => runSafe('completion', [] as CompletionItem[], (eng) => {
    const uri = params.textDocument.uri;
    const inConfig = workspace.config.completion(uri, params.position);
    if (inConfig) return inConfig;
    let items: CompletionItem[] = [];
    current(uri, () => { items = completionItems(eng, uri, eng.offsetAt(uri, params.position)); });
    return items;
  }));

  connection.onDefinition((params) => runSafe('definition', [] as Location[], (eng) => {
    const uri = params.textDocument.uri;
    let locations: Location[] = [];
    current(uri, () => { locations = definitionLocations(eng, uri, eng.offsetAt(uri, params.position)); });
    return locations;
  }));

  connection.onReferences((params) => runSafe('references', [] as Location[], (eng) => {
    const uri = params.textDocument.uri;
    let locations: Location[] = [];
    current(uri, () => { locations = referenceLocations(eng, uri, eng.offsetAt(uri, params.position), params.context.includeDeclaration); });
    return locations;
  }));

  connection.onDocumentSymbol((params) => runSafe('documentSymbol', [] as DocumentSymbol[], (eng) => {
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

  connection.onCodeAction((params) => runSafe('codeAction', [] as CodeAction[], (eng) => {
    let actions: CodeAction[] = [];
    current(params.textDocument.uri, () => { actions = provideCodeActions(eng, params); });
    return actions;
  }));

  registerIdentities(connection, documents, () => engine);

  documents.listen(connection);
  connection.listen();
}
