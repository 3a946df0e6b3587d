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

// The repository's overlay fixtures: a base (StatefulSet db, 1 replica, headless Service db) and the
// overlay prod (namePrefix prod-, namespace prod, 3 replicas).
const fixtures = ['base', path.join('overlays', 'prod')];

describe('Kustomize overlays in the editor', () => {
  let root;
  before(async () => {
    await h.activated();
    root = path.join(h.workspaceDir(), 'overlay-demo');
    for (const folder of fixtures) fs.cpSync(path.join(h.repoRoot(), 'test', 'builds-workspace', folder), path.join(root, folder), { recursive: true });
    // Opened documents reach the server at once, whatever the file watcher does.
    for (const folder of fixtures) {
      for (const name of fs.readdirSync(path.join(root, folder))) await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, folder, name)));
    }
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('shows a CodeLens per overlay above the base StatefulSet, hovers its names per overlay and opens the preview', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root, 'base', 'statefulset.yaml'));
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    const lenses = await h.waitFor(async () => {
      const found = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
      return (found || []).some((item) => item.command && item.command.title.startsWith('prod: ')) && found;
    }, { what: 'the CodeLens of the overlay prod' });
    const titles = lenses.filter((item) => item.command).map((item) => item.command.title);
    assert.ok(titles.includes('prod: 3 pods: prod-db-0 … prod-db-2 · preview'), JSON.stringify(titles));
    assert.ok(titles.includes('base: 1 pod: db-0 · preview'), JSON.stringify(titles));

    const replicas = new vscode.Position(doc.getText().split('\n').indexOf('  replicas: 1'), 4);
    const hover = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, replicas));
    assert.match(hover, /\*\*overlay-demo\/overlays\/prod\*\*: 3 pods in namespace `prod`: `prod-db-0`, `prod-db-1`, `prod-db-2`/);

    const prod = lenses.find((item) => item.command && item.command.title.startsWith('prod: '));
    await vscode.commands.executeCommand(prod.command.command, ...(prod.command.arguments || []));
    await h.waitFor(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .find((candidate) => candidate.input instanceof vscode.TabInputWebview && /^Pods: statefulset\.yaml/.test(candidate.label)), { what: 'the preview tab' });
  });

  it('completes a path in a kustomization with the entries of the folder typed so far', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(root, 'overlays', 'prod', 'kustomization.yaml'));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const line = doc.getText().split('\n').indexOf('  - ../../base');
    try {
      await editor.edit((builder) => builder.replace(new vscode.Range(line, 0, line, doc.lineAt(line).text.length), '  - ../../'));
      const list = await h.waitFor(async () => {
        const found = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 10));
        return found && found.items.some((item) => item.label === 'base/') && found;
      }, { what: 'the folder entries of ../../' });
      const base = list.items.find((item) => item.label === 'base/');
      assert.equal(base.kind, vscode.CompletionItemKind.Folder);
      assert.deepEqual(list.items.map((item) => item.label).filter((label) => label.endsWith('/')).sort(), ['../', 'base/', 'overlays/']);
    } finally {
      await h.revert(doc);
    }
  });
});
