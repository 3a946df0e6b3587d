// A minimal LSP client for the benchmark and the fuzzer: starts a language server over stdio, answers
// its configuration requests, and times the diagnostics it publishes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class LspServer {
  /**
   * @param {string} name
   * @param {string[]} command  node arguments (the server script and its flags)
   * @param {{ configuration?: (section: string | undefined) => unknown, workspaceFolders?: string[], initializationOptions?: unknown }} options
   */
  constructor(name, command, options = {}) {
    this.name = name;
    this.options = options;
    this.child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.exited = false;
    this.child.on('exit', () => { this.exited = true; });
    this.child.stderr.on('data', (chunk) => { this.stderr = (this.stderr + chunk.toString()).slice(-20000); });
    const reader = new StreamMessageReader(this.child.stdout);
    // No "partial message" timer: vscode-jsonrpc re-arms it for ever when a stopped server's stream ends
    // inside a message, which keeps this process alive (see test/support/lsp-client.ts).
    reader.partialMessageTimeout = 0;
    this.connection = createMessageConnection(reader, new StreamMessageWriter(this.child.stdin));
    /** @type {Map<string, { diagnostics: unknown[], at: number, count: number }>} */
    this.published = new Map();
    this.waiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      const previous = this.published.get(params.uri);
      this.published.set(params.uri, { diagnostics: params.diagnostics, at, count: (previous?.count ?? 0) + 1 });
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve({ diagnostics: params.diagnostics, at });
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params) =>
      params.items.map((item) => (options.configuration ? options.configuration(item.section) : null)));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create',
      'workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh']) {
      this.connection.onRequest(method, () => null);
    }
    /** Latest `$/progress` kind per token ('begin', 'report', 'end'). */
    this.progress = new Map();
    this.connection.onNotification('$/progress', (params) => { this.progress.set(params.token, params.value?.kind ?? 'report'); });
    this.connection.onNotification(() => undefined);
    this.connection.onRequest((method) => { throw new Error(`unexpected request ${method}`); });
    this.connection.listen();
    this.versions = new Map();
  }

  get pid() {
    return this.child.pid;
  }

  /** Resident set size of the server process in MiB (Linux /proc). */
  rssMiB() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      return match ? Number(match[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async initialize() {
    const folders = this.options.workspaceFolders ?? [];
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.length ? folders.map((folder) => ({ uri: pathToFileURL(folder).href, name: folder })) : null,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
        },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  /** Waits for a publishDiagnostics of `uri` that `accept` likes. */
  waitForDiagnostics(uri, accept = () => true, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const waiter = { uri, accept, resolve: (value) => { clearTimeout(timer); resolve(value); } };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.name}: no diagnostics for ${uri} within ${timeoutMs} ms\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Opens a document and resolves with the time until its first diagnostics (ms) and the diagnostics. */
  async timeOpen(uri, text) {
    const waiting = this.waitForDiagnostics(uri);
    const start = performance.now();
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const { diagnostics, at } = await waiting;
    return { ms: at - start, diagnostics };
  }

  /**
   * Replaces one range (0-based line/character) with `newText` (incremental sync) and resolves with
   * the time until diagnostics that `accept` likes.
   */
  async timeChange(uri, range, newText, accept) {
    const waiting = this.waitForDiagnostics(uri, accept);
    const start = performance.now();
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
    const { diagnostics, at } = await waiting;
    return { ms: at - start, diagnostics };
  }

  async close(uri) {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  async stop() {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    this.connection.dispose();
    if (!this.exited) this.child.kill();
  }
}

/** 0-based line and character of an offset. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}
