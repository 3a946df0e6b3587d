// One guard around every handler the server registers, so that no single message can kill it: the
// connection is wrapped, and each `on…` registration (requests, notifications, TextDocuments' events,
// workspace folder events) gets its handler wrapped before the library sees it. A handler that throws or
// rejects is logged; a request then gets an error response (InternalError) and the server goes on.
// It also keeps the protocol's life cycle: requests before `initialize` get ServerNotInitialized,
// requests after `shutdown` get InvalidRequest, notifications then are dropped; a request whose
// $/cancelRequest arrived before it started gets RequestCancelled without running.
import {
  ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Message, type ResponseMessage,
} from 'vscode-languageserver/node';

type Handler = (...args: unknown[]) => unknown;
type Phase = 'starting' | 'running' | 'shutdown';

/** Registrations whose handlers answer nothing (everything else `on…` is a request). */
const notifications = new Set([
  'onInitialized', 'onExit', 'onDidChangeConfiguration', 'onDidChangeWatchedFiles', 'onNotification', 'onProgress',
  'onDidOpenTextDocument', 'onDidChangeTextDocument', 'onDidCloseTextDocument', 'onWillSaveTextDocument', 'onDidSaveTextDocument',
  'onDidChangeWorkspaceFolders', 'onDidCreateFiles', 'onDidRenameFiles', 'onDidDeleteFiles',
  'onDidOpenNotebookDocument', 'onDidChangeNotebookDocument', 'onDidSaveNotebookDocument', 'onDidCloseNotebookDocument',
]);
/** Parts of the connection that have registrations of their own. */
const nested = new Set(['workspace', 'languages', 'window', 'notebooks', 'client']);

function isToken(value: unknown): value is CancellationToken {
  return typeof value === 'object' && value !== null && typeof (value as CancellationToken).isCancellationRequested === 'boolean'
    && typeof (value as CancellationToken).onCancellationRequested === 'function';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/** The response to a request cancelled before it was dispatched (the connection strategy's `cancelUndispatched`). */
export function cancelledResponse(message: Message): ResponseMessage {
  const id = (message as { id?: unknown }).id;
  return { jsonrpc: '2.0', id: typeof id === 'number' || typeof id === 'string' ? id : null, error: { code: LSPErrorCodes.RequestCancelled, message: 'The request was cancelled before it started.' } };
}

export class HandlerGuard {
  private phase: Phase = 'starting';

  constructor(private readonly log: (message: string) => void) {}

  get shutDown(): boolean {
    return this.phase === 'shutdown';
  }

  /** The connection, with every handler registered through it guarded. */
  wrap<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property !== 'string') return value;
        if (nested.has(property) && typeof value === 'object' && value !== null) return this.wrap(value);
        if (typeof value !== 'function') return value;
        if (!/^on[A-Z]/.test(property)) return (value as Handler).bind(object);
        return (...args: unknown[]) => {
          const last = args.length - 1;
          if (last >= 0 && typeof args[last] === 'function') {
            const name = typeof args[0] === 'string' ? args[0] : typeof (args[0] as { method?: unknown })?.method === 'string' ? (args[0] as { method: string }).method : property;
            args[last] = notifications.has(property) ? this.notification(name, args[last] as Handler) : this.request(property, name, args[last] as Handler);
          }
          return (value as Handler).apply(object, args);
        };
      },
    });
  }

  private request(registration: string, name: string, handler: Handler): Handler {
    return async (...args: unknown[]) => {
      if (registration === 'onInitialize') {
        const result = await this.run(name, handler, args);
        if (!(result instanceof ResponseError)) this.phase = 'running';
        return result;
      }
      if (registration === 'onShutdown') {
        this.phase = 'shutdown';
        return this.run(name, handler, args);
      }
      if (this.phase === 'starting') return new ResponseError(ErrorCodes.ServerNotInitialized, `${name}: the server is not initialized yet (send initialize first).`);
      if (this.phase === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, `${name}: the server is shutting down.`);
      const token = args.find(isToken);
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} was cancelled.`);
      return this.run(name, handler, args);
    };
  }

  private async run(name: string, handler: Handler, args: unknown[]): Promise<unknown> {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) return error;
      this.log(`${name} failed: ${describeError(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private notification(name: string, handler: Handler): Handler {
    return (...args: unknown[]) => {
      // Before initialize and after shutdown, notifications are dropped (exit is the library's own).
      if (this.phase !== 'running') return;
      this.guarded(name, () => handler(...args));
    };
  }

  /** Runs work that no message waits for (a timer, a background task): failures are logged. */
  guarded(name: string, task: () => unknown): void {
    try {
      const result = task();
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.log(`${name} failed: ${describeError(error)}`));
    } catch (error) {
      this.log(`${name} failed: ${describeError(error)}`);
    }
  }
}

/** The guarded connection and its guard. */
export function guardConnection(connection: Connection, log: (message: string) => void): { connection: Connection; guard: HandlerGuard } {
  const guard = new HandlerGuard(log);
  return { connection: guard.wrap(connection), guard };
}
