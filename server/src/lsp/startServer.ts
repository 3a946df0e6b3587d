// The LSP adapter: documents, settings, diagnostics and editor features over the engine.
import {
  CodeActionKind, CompletionItemKind, DidChangeConfigurationNotification, InsertTextMode, MarkupKind, SymbolKind,
  TextDocumentSyncKind, TextDocuments, type CodeAction, type CompletionItem, type Connection, type DocumentSymbol, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, SchemaStore, type CompletionData } from '../engine';
import { fixAllKind, provideCodeActions } from './code-actions';
import { rangeOf, toDiagnostic } from './convert';
import { identitiesCodeLensOptions, registerIdentities } from './identities';
import { configurationSection, toEngineSettings } from './settings';

/** Delay after a keystroke before re-checking; a newly opened document is checked at once. */
const changeDebounceMs = 120;

const completionKinds: Record<CompletionData['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  kind: CompletionItemKind.Class,
};

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  let engine: Engine | undefined;
  let configurationPull = false;

  const log = (message: string): void => connection.console.error(message);

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

  /** Re-checks every open document (cross-document rules can change any of them) and publishes. */
  function validateOpenDocuments(): void {
    runSafe('validation', undefined, (current) => {
      for (const document of documents.all()) syncDocument(current, document);
      const uris = documents.all().map((document) => document.uri);
      const results = current.check(uris);
      for (const uri of uris) {
        const diagnostics = (results.get(uri) ?? []).map((finding) => toDiagnostic(current, finding));
        void connection.sendDiagnostics({ uri, diagnostics });
      }
    });
  }

  function schedule(uri: string, immediately: boolean): void {
    clearTimeout(timers.get(uri));
    if (immediately) {
      timers.delete(uri);
      validateOpenDocuments();
      return;
    }
    timers.set(uri, setTimeout(() => { timers.delete(uri); validateOpenDocuments(); }, changeDebounceMs));
  }

  async function loadSettings(): Promise<void> {
    if (!engine || !configurationPull) return;
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ section: configurationSection });
      engine.updateSettings(toEngineSettings(raw));
    } catch (error) {
      log(`reading settings failed: ${String(error)}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    engine = new Engine(SchemaStore.load(), undefined, {
      onRuleError: (ruleId, uri, error) => log(`rule ${ruleId} failed on ${uri}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    });
    const workspace = params.capabilities.workspace;
    configurationPull = !!workspace?.configuration;
    if (params.initializationOptions && typeof params.initializationOptions === 'object') {
      engine.updateSettings(toEngineSettings((params.initializationOptions as Record<string, unknown>).settings));
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false },
        documentSymbolProvider: true,
        codeLensProvider: identitiesCodeLensOptions,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
      },
      serverInfo: { name: 'statefulset-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationPull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection });
      await loadSettings();
      validateOpenDocuments();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (configurationPull) await loadSettings();
    else if (engine) engine.updateSettings(toEngineSettings((change.settings as Record<string, unknown> | undefined)?.[configurationSection]));
    validateOpenDocuments();
  });

  documents.onDidOpen((event) => schedule(event.document.uri, true));
  documents.onDidChangeContent((event) => {
    if (engine?.getFile(event.document.uri)) schedule(event.document.uri, false);
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    engine?.deleteFile(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    validateOpenDocuments();
  });

  /** Brings the engine's copy of a document up to date before a request reads it. */
  function current(uri: string, run: (engine: Engine) => void): void {
    const document = documents.get(uri);
    if (document && engine) syncDocument(engine, document);
    if (engine) run(engine);
  }

  connection.onHover((params) => runSafe('hover', null, (eng) => {
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
    let items: CompletionItem[] = [];
    current(uri, () => {
      const offset = eng.offsetAt(uri, params.position);
      items = eng.complete(uri, offset).map((item) => ({
        label: item.label,
        kind: completionKinds[item.kind],
        detail: item.detail,
        documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
        textEdit: { range: rangeOf(eng, uri, item.span.start, item.span.end), newText: item.insertText },
        insertTextMode: InsertTextMode.adjustIndentation,
      }));
    });
    return items;
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
