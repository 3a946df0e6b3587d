// The identities over LSP: the custom request `statefulset/identities` (protocol.ts) and a CodeLens above
// each StatefulSet (`3 pods: web-0 … web-2 · preview`) that runs the client's preview command.
// The engine computes everything (engine/identities.ts); this module only syncs documents and converts.
import type { CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine';
import { identityIndexAt } from '../engine';
import { lensTitle } from '../engine';
import { identitiesRequestMethod, previewIdentitiesCommand, type IdentitiesParams, type IdentitiesResult } from '../protocol';

/** The `codeLensProvider` server capability. */
export const identitiesCodeLensOptions = { resolveProvider: false };

/** Whether a request's params look like `IdentitiesParams` (they come from any client). */
function isIdentitiesParams(value: unknown): value is IdentitiesParams {
  const params = value as IdentitiesParams | undefined;
  return typeof params?.textDocument?.uri === 'string';
}

/** The identities of one document, as the request answers them (the engine must already hold the text). */
export function identitiesResult(engine: Engine, params: IdentitiesParams, version: number | null): IdentitiesResult {
  const uri = params.textDocument.uri;
  const { statefulSets, note } = engine.identities(uri);
  const activeIndex = params.position ? identityIndexAt(statefulSets, engine.offsetAt(uri, params.position)) : -1;
  return {
    uri,
    version,
    clusterDomain: engine.settings.clusterDomain,
    defaultNamespace: engine.settings.defaultNamespace,
    kubernetesVersion: engine.settings.kubernetesVersion,
    statefulSets,
    activeIndex,
    ...(note ? { note } : {}),
  };
}

/** One CodeLens per StatefulSet, on the line of its name, running the client's preview command. */
export function identityLenses(engine: Engine, uri: string): CodeLens[] {
  return engine.identities(uri, { maxPods: 0 }).statefulSets.map((set) => {
    const start = engine.positionAt(uri, set.location.start);
    const range = { start, end: engine.positionAt(uri, set.location.end) };
    return { range, command: { title: lensTitle(set), command: previewIdentitiesCommand, arguments: [uri, start] } };
  });
}

/**
 * Registers the request and the CodeLens handler. `engine` returns the server's engine (undefined before
 * initialize); open documents are synced into it first, so answers follow the latest keystroke.
 */
export function registerIdentities(connection: Connection, documents: TextDocuments<TextDocument>, engine: () => Engine | undefined): void {
  // Failures are the guard's (lsp/guard.ts): logged, and answered with an error.
  const run = <T>(_name: string, fallback: T, handler: (current: Engine) => T): T => {
    const current = engine();
    if (!current) return fallback;
    for (const document of documents.all()) current.setFile(document.uri, document.getText(), document.version);
    return handler(current);
  };

  connection.onRequest(identitiesRequestMethod, (params: unknown): IdentitiesResult | null => {
    if (!isIdentitiesParams(params)) return null;
    return run(identitiesRequestMethod, null, (current) =>
      identitiesResult(current, params, documents.get(params.textDocument.uri)?.version ?? null));
  });

  connection.onCodeLens((params) => run('codeLens', [] as CodeLens[], (current) => identityLenses(current, params.textDocument.uri)));
}
