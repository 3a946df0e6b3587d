'use strict';
// A Kustomize base and an overlay inside VS Code: the CodeLens above the base StatefulSet names the
// pods of each overlay, the hover on replicas lists them per overlay, the overlay's lens opens the
// preview, and a path in a kustomization completes with the folder's entries.
// Every wait has a deadline; nothing sleeps for a fixed time.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const h = require('./helpers');

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
`;

const files = {
  'base/kustomization.yaml': 'resources:\n  - sts.yaml\n  - svc.yaml\n',
  'base/sts.yaml': statefulSet,
  'base/svc.yaml': service,
  'prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\nnamespace: prod\n',
};

describe('Kustomize overlays in the editor', () => {
  let root;
  before(async () => {
    await h.activated();
    root = path.join(h.workspaceDir(), 'overlay-demo');
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    // Opened documents reach the server at once, whatever the file watcher does.
    for (const name of Object.keys(files)) await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, name)));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('shows a CodeLens per overlay above the base StatefulSet, hovers its names per overlay and opens the preview', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root, 'base', 'sts.yaml'));
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    const lenses = await h.waitFor(async () => {
      const found = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
      return (found || []).some((item) => item.command && item.command.title.startsWith('prod: ')) && found;
    }, { what: 'the CodeLens of the overlay prod' });
    const titles = lenses.filter((item) => item.command).map((item) => item.command.title);
    assert.ok(titles.includes('prod: 2 pods: prod-web-0, prod-web-1 · preview'), JSON.stringify(titles));
    assert.ok(titles.includes('base: 2 pods: web-0, web-1 · preview'), JSON.stringify(titles));

    const replicas = new vscode.Position(6, 4);
    const hover = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, replicas));
    assert.match(hover, /\*\*overlay-demo\/prod\*\*: 2 pods in namespace `prod`: `prod-web-0`, `prod-web-1`/);

    const prod = lenses.find((item) => item.command && item.command.title.startsWith('prod: '));
    await vscode.commands.executeCommand(prod.command.command, ...(prod.command.arguments || []));
    await h.waitFor(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .find((candidate) => candidate.input instanceof vscode.TabInputWebview && /^Pods: sts\.yaml/.test(candidate.label)), { what: 'the preview tab' });
  });

  it('completes a path in a kustomization with the entries of the folder typed so far', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root, 'prod', 'kustomization.yaml'));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    try {
      await editor.edit((builder) => builder.replace(new vscode.Range(1, 0, 1, doc.lineAt(1).text.length), '  - ../'));
      const list = await h.waitFor(async () => {
        const found = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 7));
        return found && found.items.some((item) => item.label === 'base/') && found;
      }, { what: 'the folder entries of ../' });
      const base = list.items.find((item) => item.label === 'base/');
      assert.equal(base.kind, vscode.CompletionItemKind.Folder);
      assert.ok(!list.items.some((item) => item.label === 'prod/'), 'the overlay is no base of itself');
    } finally {
      await h.revert(doc);
    }
  });
});
