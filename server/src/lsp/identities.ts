// The identities over LSP: the custom request `statefulset/identities` (protocol.ts) and a CodeLens above
// each StatefulSet (`3 pods: web-0 … web-2 · preview`) that runs the client's preview command.
// The engine computes everything (engine/identities.ts); this module only syncs documents and converts.
import type { CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine';
import { identityIndexAt } from '../engine';
import { lensTitle, shortBuildLabels, type SourceRef } from '../engine';
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
  const { statefulSets, note, builds } = engine.identities(uri);
  const offset = params.position ? engine.offsetAt(uri, params.position) : undefined;
  const activeIndex = offset === undefined ? -1 : identityIndexAt(statefulSets, offset);
  return {
    uri,
    version,
    clusterDomain: engine.settings.clusterDomain,
    defaultNamespace: engine.settings.defaultNamespace,
    kubernetesVersion: engine.settings.kubernetesVersion,
    statefulSets,
    activeIndex,
    ...(builds ? { builds: builds.map((build) => ({ ...build, activeIndex: offset === undefined ? -1 : identityIndexAt(build.statefulSets, offset, uri) })) } : {}),
    ...(note ? { note } : {}),
  };
}

/** Build lenses shown above one StatefulSet at most; with more builds, the last lens counts the rest. */
export const maxBuildLenses = 4;

/**
 * One CodeLens per StatefulSet, on the line of its name, running the client's preview command; and for
 * a StatefulSet that builds use (a base), one per build (`prod: 3 pods: prod-web-0 … prod-web-2 · preview`),
 * at most `maxBuildLenses` of them. A build's lens passes the build's uri as a third argument.
 */
export function identityLenses(engine: Engine, uri: string): CodeLens[] {
  const identities = engine.identities(uri, { maxPods: 0 });
  const lens = (location: SourceRef, title: string, build?: string): CodeLens => {
    const start = engine.positionAt(uri, location.start);
    const range = { start, end: engine.positionAt(uri, location.end) };
    return { range, command: { title, command: previewIdentitiesCommand, arguments: build ? [uri, start, build] : [uri, start] } };
  };
  const lenses = identities.statefulSets.map((set) => lens(set.location, lensTitle(set)));
  const builds = identities.builds ?? [];
  const short = shortBuildLabels(builds.map((build) => build.label));
  // The builds' StatefulSets written in this file, grouped by the place of their name.
  const byPlace = new Map<number, { location: SourceRef; title: string; build: string }[]>();
  for (const build of builds) {
    for (const set of build.statefulSets) {
      if (set.location.uri !== uri) continue;
      const list = byPlace.get(set.location.start) ?? [];
      list.push({ location: set.location, title: `${short.get(build.label) ?? build.label}: ${lensTitle(set)}`, build: build.uri });
      byPlace.set(set.location.start, list);
    }
  }
  for (const list of byPlace.values()) {
    const shown = list.length > maxBuildLenses ? list.slice(0, maxBuildLenses - 1) : list;
    lenses.push(...shown.map((item) => lens(item.location, item.title, item.build)));
    if (shown.length < list.length) lenses.push(lens(list[0].location, `… ${list.length - shown.length} more builds · preview`));
  }
  return lenses;
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
