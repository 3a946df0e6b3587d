// A small LSP client for tests: starts the real bundled server (`node dist/server.js --stdio`) and
// speaks the protocol to it over stdio, as an editor would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type Message, type MessageConnection, type MessageWriter,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, InitializeResult, Position,
  PublishDiagnosticsParams, Range,
} from 'vscode-languageserver-protocol';
import { lineColumnOf, rangeOf } from './positions';
import { distDir } from './repo';

export interface LspClientOptions {
  /** Settings answered to workspace/configuration (section `statefulset`). */
  settings?: Record<string, unknown>;
  /** Workspace folder paths sent in initialize. */
  workspaceFolders?: string[];
  /** Extra initialize capabilities (merged). */
  capabilities?: Record<string, unknown>;
  /** Answers workspace/configuration per section (instead of `settings` for every item). */
  configuration?: (section: string | undefined) => unknown;
  /** initializationOptions sent in initialize (`{ workspaceTrusted: true }` lets it run helm). */
  initializationOptions?: unknown;
  /** The server to start (default: `node dist/server.js --stdio` of this checkout). */
  command?: { file: string; args: string[]; cwd?: string };
}

type Waiter = { uri: string; accept: (diagnostics: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly stderr: string[] = [];
  /** window/logMessage texts (what the server's console writes). */
  readonly logs: string[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult: InitializeResult | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams, options: LspClientOptions) {
    const reader = new StreamMessageReader(child.stdout);
    // vscode-jsonrpc re-arms its "partial message" timer for ever when the stream ends inside a message
    // (a server stopped while it wrote), and disposing the reader does not clear it: the test process
    // then never exits (seen in CI: every test passed, the file never ended). Nothing here listens to
    // that event: no timer.
    reader.partialMessageTimeout = 0;
    this.connection = createMessageConnection(reader, this.tolerantWriter(new StreamMessageWriter(child.stdin)));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (options.configuration ? options.configuration(item.section) : options.settings ?? {})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onNotification('window/logMessage', (params: { message: string }) => { this.logs.push(params.message); });
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  /**
   * vscode-jsonrpc's sendRequest rethrows a failed write from inside a `new Promise(async ...)`
   * executor, an unhandled rejection nobody can catch (the test runner then fails whichever test is
   * running). A write to a server that is gone is recorded instead, and the connection is disposed,
   * which rejects every pending request ("Pending response rejected") where the caller awaits it.
   */
  readonly writeErrors: Error[] = [];
  private tolerantWriter(writer: MessageWriter): MessageWriter {
    return {
      onError: writer.onError,
      onClose: writer.onClose,
      end: () => writer.end(),
      dispose: () => writer.dispose(),
      write: async (message: Message) => {
        try {
          await writer.write(message);
        } catch (error) {
          this.writeErrors.push(error instanceof Error ? error : new Error(String(error)));
          setImmediate(() => this.connection.dispose());
        }
      },
    };
  }

  /** The server process, for tests that watch it exit. */
  get process(): ChildProcessWithoutNullStreams {
    return this.child;
  }

  /** Starts the server without initializing it. */
  static spawn(options: LspClientOptions = {}): LspClient {
    const command = options.command ?? { file: process.execPath, args: [join(distDir, 'server.js'), '--stdio'] };
    return new LspClient(spawn(command.file, command.args, { stdio: 'pipe', cwd: command.cwd }), options);
  }

  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const client = LspClient.spawn(options);
    await client.initialize(options);
    return client;
  }

  async initialize(options: LspClientOptions = {}): Promise<void> {
    const client = this as LspClient;
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: folder })),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
        window: { workDoneProgress: true },
        ...(options.capabilities ?? {}),
      },
    });
    await client.connection.sendNotification('initialized', {});
  }

  /** Opens a document; returns its uri. */
  async open(uri: string, text: string, languageId = 'yaml'): Promise<string> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces a document's whole text. */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The document was saved (its text on disk is the one last sent). */
  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until the server publishes diagnostics for `uri` that `accept` likes (default: any). */
  waitForDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, accept, resolve: (d) => { clearTimeout(timer); resolve(d); } };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\nserver stderr: ${this.stderr.join('')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(result) ? result : result?.items ?? [];
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  async stop(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => { timer = setTimeout(resolve, 2000); })]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    } finally {
      // Not left running when the answer (or its failure) came first: it would keep the process alive 2 s.
      clearTimeout(timer);
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** The position (0-based) of the first occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const { line, column } = lineColumnOf(text, needle, delta);
  return { line: line - 1, character: column - 1 };
}

/** The range (0-based) of `needle` within the first `context` in `text` (by default the first `needle`); one line. */
export function rangeAt(text: string, needle: string, context = needle): Range {
  const { line, column, endColumn } = rangeOf(text, needle, context);
  return { start: { line: line - 1, character: column - 1 }, end: { line: line - 1, character: endColumn - 1 } };
}
