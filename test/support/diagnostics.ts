// The language server's incremental diagnostics (lsp/workspace-diagnostics.ts) in process, over an
// engine, with what it publishes recorded per file.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Engine } from '../../server/src/engine';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { WorkspaceDiagnostics } from '../../server/src/lsp/workspace-diagnostics';

export function recordedDiagnostics(engine: Engine, isOpen: (uri: string) => boolean = () => true): { diagnostics: WorkspaceDiagnostics; published: Map<string, Diagnostic[]> } {
  const published = new Map<string, Diagnostic[]>();
  const diagnostics = new WorkspaceDiagnostics({
    engine: () => engine,
    isOpen,
    toDiagnostic: (current, finding) => toDiagnostic(current, finding),
    publish: (uri, list) => published.set(uri, list),
    log: (message) => { throw new Error(message); },
  });
  return { diagnostics, published };
}
