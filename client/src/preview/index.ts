// The pod identity preview on the VS Code side: the command `statefulset.previewIdentities` (from the
// palette, the editor title or the CodeLens) and the `statefulset.codeLens.enabled` setting.
import { Uri, commands, window, workspace, type Disposable, type TextDocument } from 'vscode';
import { CodeLensRequest, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import { previewIdentitiesCommand } from '../../../server/src/protocol';
import { IdentitiesPreview, isYaml } from './panel';

function codeLensEnabled(document: TextDocument): boolean {
  return workspace.getConfiguration('statefulset', document.uri).get<boolean>('codeLens.enabled', true);
}

/** Client middleware: no CodeLens where `statefulset.codeLens.enabled` is false. */
export const identitiesMiddleware: Middleware = {
  provideCodeLenses: (document, token, next) => codeLensEnabled(document) ? next(document, token) : [],
};

function isPosition(value: unknown): value is { line: number; character: number } {
  const position = value as { line?: unknown; character?: unknown } | null;
  return typeof position?.line === 'number' && typeof position.character === 'number';
}

/**
 * Registers the preview command and what keeps the CodeLens in step with its setting. Arguments, when
 * the CodeLens runs the command: the document's uri (string), a position ({ line, character }) and, from
 * the lens of one build (an overlay), that build's uri (string), whose section the preview shows first.
 */
export function registerPreview(client: () => LanguageClient | undefined): Disposable[] {
  const preview = new IdentitiesPreview(client);
  return [
    preview,
    commands.registerCommand(previewIdentitiesCommand, (uri?: unknown, position?: unknown, build?: unknown) => {
      const editor = window.activeTextEditor;
      if (typeof uri === 'string' || uri instanceof Uri) {
        const target = typeof uri === 'string' ? Uri.parse(uri) : uri;
        // From the editor title menu: the document's uri only; the cursor of its editor picks the StatefulSet.
        const cursor = editor?.document.uri.toString() === target.toString() ? editor.selection.active : undefined;
        const at = isPosition(position) ? position : cursor && { line: cursor.line, character: cursor.character };
        preview.show(target, at, typeof build === 'string' ? build : undefined);
        return;
      }
      if (!editor || !isYaml(editor.document)) {
        void window.showInformationMessage('Open a YAML file with a StatefulSet, then run "StatefulSet: Preview Pod Identities".');
        return;
      }
      const { line, character } = editor.selection.active;
      preview.show(editor.document.uri, { line, character });
    }),
    workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('statefulset.codeLens.enabled')) return;
      const feature = client()?.getFeature(CodeLensRequest.method);
      const providers = new Set(window.visibleTextEditors.map((editor) => feature?.getProvider(editor.document)));
      for (const provider of providers) provider?.onDidChangeCodeLensEmitter.fire();
    }),
  ];
}
