// Entry of the language server: create the connection (stdio, node-ipc or socket, from argv) and start.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));
