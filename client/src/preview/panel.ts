// The preview panel: one webview beside the editor, showing the identities of the StatefulSets of one
// YAML document. It asks the server (`statefulset/identities`) again, debounced, whenever a YAML
// document changes (the governing Service may be in another file), the cursor moves in the previewed
// document, or a setting changes; it copies names and reveals places on request.
import * as path from 'node:path';
import {
  Disposable, Position, Range, Selection, TextEditorRevealType, Uri, ViewColumn, env, window, workspace,
  type TextDocument, type WebviewPanel,
} from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { identitiesRequestMethod, type IdentitiesParams, type IdentitiesResult } from '../../../server/src/protocol';
import { isPageMessage, renderPage } from './page';
import { renderBody, type PreviewState } from './render';

const viewType = 'statefulset.identities';
const debounceMs = 150;

interface Target {
  uri: Uri;
  position?: { line: number; character: number };
  /** The build (its kustomization's uri) whose section to bring into view: its CodeLens was clicked. */
  build?: string;
}

export class IdentitiesPreview implements Disposable {
  private panel: WebviewPanel | undefined;
  private target: Target | undefined;
  private state: PreviewState | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Sequence number of the latest request: older answers are dropped. */
  private sequence = 0;
  private scrollOnNextUpdate = false;
  private waitingForServer: Disposable | undefined;
  private readonly disposables: Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.disposables.push(
      workspace.onDidChangeTextDocument((event) => { if (this.panel && isYaml(event.document)) this.schedule(); }),
      workspace.onDidCloseTextDocument((document) => { if (this.panel && isYaml(document)) this.schedule(); }),
      workspace.onDidChangeConfiguration((event) => { if (this.panel && event.affectsConfiguration('statefulset')) this.schedule(); }),
      window.onDidChangeTextEditorSelection((event) => {
        if (!this.panel || !this.target || event.textEditor.document.uri.toString() !== this.target.uri.toString()) return;
        const { line, character } = event.selections[0].active;
        this.target.position = { line, character };
        this.schedule();
      }),
    );
  }

  /** Opens the preview beside the editor (or reuses it) for a document and a cursor position (and a build to show first). */
  show(uri: Uri, position?: { line: number; character: number }, build?: string): void {
    this.target = { uri, position, build };
    this.scrollOnNextUpdate = true;
    const title = `Pods: ${path.basename(uri.path)}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(this.panel.viewColumn, true);
    } else {
      this.panel = window.createWebviewPanel(viewType, title, { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.state = { kind: 'loading', fileName: path.basename(uri.path) };
      this.panel.webview.html = renderPage(renderBody(this.state));
      this.panel.onDidDispose(() => { this.panel = undefined; clearTimeout(this.timer); }, undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message), undefined, this.disposables);
    }
    void this.refresh();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), debounceMs);
  }

  private async refresh(): Promise<void> {
    const target = this.target;
    if (!this.panel || !target) return;
    const sequence = ++this.sequence;
    const fileName = path.basename(target.uri.path);
    let state: PreviewState;
    const client = this.client();
    if (!client || !client.isRunning()) {
      if (client && !this.waitingForServer) {
        // Refresh once the server is up (it may still be starting when the command runs).
        this.waitingForServer = client.onDidChangeState((event) => {
          if (event.newState !== State.Running) return;
          this.waitingForServer?.dispose();
          this.waitingForServer = undefined;
          this.schedule();
        });
      }
      state = { kind: 'error', fileName, message: 'The StatefulSet language server is not running yet. The preview appears when it is; if it does not, run "StatefulSet: Restart Language Server".' };
    } else {
      try {
        const params: IdentitiesParams = { textDocument: { uri: target.uri.toString() }, position: target.position };
        const result = await client.sendRequest<IdentitiesResult | null>(identitiesRequestMethod, params);
        state = result
          ? { kind: 'result', result, fileName, build: target.build }
          : { kind: 'error', fileName, message: 'The language server did not answer for this document.' };
      } catch (error) {
        state = { kind: 'error', fileName, message: `The language server could not compute the identities: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    if (sequence !== this.sequence || !this.panel) return;
    this.state = state;
    this.post();
  }

  private post(): void {
    if (!this.panel || !this.state) return;
    void this.panel.webview.postMessage({ type: 'update', html: renderBody(this.state), scroll: this.scrollOnNextUpdate });
    this.scrollOnNextUpdate = false;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isPageMessage(message)) return;
    if (message.type === 'ready') {
      this.post();
    } else if (message.type === 'copy') {
      await env.clipboard.writeText(message.text);
      window.setStatusBarMessage(`Copied ${message.text}`, 2000);
    } else {
      const document = await workspace.openTextDocument(Uri.parse(message.uri));
      const at: Position = document.positionAt(message.offset);
      const column = window.visibleTextEditors.find((editor) => editor.document === document)?.viewColumn ?? ViewColumn.One;
      const editor = await window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
      editor.selection = new Selection(at, at);
      editor.revealRange(new Range(at, at), TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.waitingForServer?.dispose();
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function isYaml(document: TextDocument): boolean {
  return document.languageId === 'yaml';
}
