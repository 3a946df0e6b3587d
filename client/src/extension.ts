// The VS Code side: start the language server for YAML files, and nothing else that needs YAML knowledge.
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { committedScheme, committedTextRequestMethod, type CommittedTextParams } from '../../server/src/protocol';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { identitiesMiddleware, registerPreview } from './preview';
import { settingsMiddleware } from './settings';
import { helmInitializationOptions, registerHelm } from './helm';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = window.createOutputChannel('StatefulSet Tools');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Chart templates, when an extension gives them the helm language.
      { scheme: 'file', language: 'helm' },
    ],
    initializationOptions: helmInitializationOptions(),
    synchronize: { configurationSection: 'statefulset' },
    outputChannel,
    middleware: { ...identitiesMiddleware, ...settingsMiddleware },
  };
  client = new LanguageClient('statefulset', 'StatefulSet Tools', serverOptions, clientOptions);
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('statefulset.restartServer', async () => {
      await client?.restart();
    }),
    ...registerPreview(() => client),
    // The read-only view of a file as committed in git, where immutable-field findings point.
    workspace.registerTextDocumentContentProvider(committedScheme, {
      provideTextDocumentContent: async (uri) => {
        const params: CommittedTextParams = { uri: uri.toString() };
        const text = await client?.sendRequest<string | null>(committedTextRequestMethod, params);
        return text ?? '# This committed version is no longer known to the StatefulSet language server.\n';
      },
    }),
  );
  await client.start();
  context.subscriptions.push(...registerHelm(() => client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
