// Entry of the language server: create the connection (stdio, node-ipc or socket, from argv) and start.
//
// Over stdio the message reader is ours, to see its errors: a frame without a usable Content-Length
// leaves the reader unable to find the next message (it would stay alive but deaf), so the process ends
// with the reason on stderr and the client restarts it. A request cancelled while still queued behind
// other work is answered at once (RequestCancelled) instead of running.
import { format } from 'node:util';
import {
  createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type ConnectionOptions,
} from 'vscode-languageserver/node';
import { cancelledResponse, describeError } from './lsp/guard';
import { startServer } from './lsp/startServer';

const options: ConnectionOptions = { connectionStrategy: { cancelUndispatched: (message) => cancelledResponse(message) } };

/** Reader errors after which the stream cannot be followed any more (the framing is lost). */
const framingError = /header|content-length/i;

function stderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

// Nothing that escapes a handler may end the process: the guard (lsp/guard.ts) catches what handlers
// throw; this is the last net for anything else (a timer, a library callback).
process.on('uncaughtException', (error) => stderr(`statefulset-language-server: uncaught: ${describeError(error)}`));
process.on('unhandledRejection', (error) => stderr(`statefulset-language-server: unhandled rejection: ${describeError(error)}`));

if (process.argv.includes('--stdio')) {
  // stdout carries the protocol: console output goes to stderr (the client's output channel).
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[method] = (...args: unknown[]) => stderr(format(...args));
  }
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  reader.onError((error) => {
    if (!framingError.test(error.message)) {
      stderr(`statefulset-language-server: a message could not be read and is ignored: ${error.message}`);
      return;
    }
    stderr(`statefulset-language-server: exiting: the input stream is corrupt (${error.message.split('\n')[0]}); the client restarts the server.`);
    process.exit(1);
  });
  const guard = startServer(createConnection(ProposedFeatures.all, reader, writer, options));
  reader.onClose(() => process.exit(guard.shutDown ? 0 : 1));
} else {
  startServer(createConnection(ProposedFeatures.all, options));
}
