'use strict';
// Scenarios 2, 3 and 4 of issue 7, the way a user meets them inside VS Code:
//   2. editing the Service file changes the StatefulSet file's diagnostics (across files);
//   3. a quick fix applied through the code action provider gives the expected text;
//   4. a contributed snippet inserts a stack that passes every rule; the CodeLens names the pods and
//      the preview opens beside the editor.
// Every wait has a deadline; nothing sleeps for a fixed time.

const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const h = require('./helpers');

async function replaceAll(editor, text) {
  const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
  const ok = await editor.edit((builder) => builder.replace(whole, text));
  assert.ok(ok, 'the edit was applied');
}

describe('workflows across files, fixes, snippets and the preview', () => {
  before(async () => {
    await h.activated();
  });

  it('a Service edit in one file updates the StatefulSet diagnostics in another', async () => {
    const dir = h.workspaceDir();
    const stsDoc = await vscode.workspace.openTextDocument(path.join(dir, 'statefulset.yaml'));
    await vscode.window.showTextDocument(stsDoc, { preview: false });
    const svcDoc = await vscode.workspace.openTextDocument(path.join(dir, 'service.yaml'));
    const svcEditor = await vscode.window.showTextDocument(svcDoc, { preview: false });
    const original = svcDoc.getText();
    assert.match(original, /clusterIP: None/);
    try {
      await replaceAll(svcEditor, original.replace('clusterIP: None', 'clusterIP: 10.96.0.10'));
      const diags = await h.waitForDiagnostics(stsDoc.uri, (d) => d.some((x) => h.codeOf(x) === 'sts/service-not-headless'),
        { what: 'sts/service-not-headless after the Service lost clusterIP: None' });
      const finding = diags.find((x) => h.codeOf(x) === 'sts/service-not-headless');
      assert.equal(stsDoc.lineAt(finding.range.start.line).text.trim(), 'serviceName: httpd-service');
      assert.ok(finding.relatedInformation?.some((r) => r.location.uri.toString() === svcDoc.uri.toString()), 'points at the Service');
      await replaceAll(svcEditor, original);
      await h.waitForDiagnostics(stsDoc.uri, (d) => !d.some((x) => h.codeOf(x) === 'sts/service-not-headless'),
        { what: 'the finding to go once the Service is headless again' });
    } finally {
      if (svcDoc.getText() !== original) await replaceAll(svcEditor, original);
      await svcDoc.save();
    }
  });

  it('applies a quick fix through the code action provider and the finding goes away', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(h.workspaceDir(), 'broken', 'statefulset.yaml'));
    await vscode.window.showTextDocument(doc, { preview: false });
    const original = doc.getText();
    const diags = await h.waitForDiagnostics(doc.uri, (d) => d.some((x) => h.codeOf(x) === 'schema/unknown-field'), { what: 'schema/unknown-field' });
    const unknown = diags.find((x) => h.codeOf(x) === 'schema/unknown-field');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Change "replica" to "replicas"');
    assert.ok(fix, `offered: ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('Disable schema/unknown-field for this line'), `offered: ${JSON.stringify(titles)}`);
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix applied');
      assert.equal(doc.lineAt(unknown.range.start.line).text, original.split('\n')[unknown.range.start.line].replace('replica:', 'replicas:'));
      await h.waitForDiagnostics(doc.uri, (d) => !d.some((x) => h.codeOf(x) === 'schema/unknown-field'), { what: 'the fixed finding to go' });
    } finally {
      await h.revert(doc);
    }
  });

  it('inserts the statefulset-stack snippet, which passes every rule', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'kind: [\n' });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await h.waitForDiagnostics(doc.uri, (d) => d.some((x) => h.codeOf(x) === 'yaml/syntax'), { what: 'the server to check the new document' });
    await editor.edit((builder) => builder.delete(new vscode.Range(0, 0, doc.lineCount, 0)));
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'StatefulSet with its headless Service and StorageClass' });
    await h.waitFor(() => /kind: StatefulSet/.test(doc.getText()) && /clusterIP: None/.test(doc.getText()), { what: 'the snippet text' });
    await vscode.commands.executeCommand('leaveSnippet');
    const diags = await h.waitForDiagnostics(doc.uri, (d) => d.length === 0, { what: 'no findings on the inserted stack' });
    assert.deepEqual(diags.map(h.describe), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a CodeLens with the pod names and opens the preview beside the editor', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(h.workspaceDir(), 'statefulset.yaml'));
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    const lens = await h.waitFor(async () => {
      const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
      return (lenses || []).find((item) => item.command && /pods:/.test(item.command.title));
    }, { what: 'the pod identity CodeLens' });
    assert.match(lens.command.title, /^3 pods: apache-http-0 … apache-http-2/);
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
    const tab = await h.waitFor(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .find((candidate) => candidate.input instanceof vscode.TabInputWebview && /^Pods: statefulset\.yaml/.test(candidate.label)), { what: 'the preview tab' });
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview opens beside the editor');
  });
});
