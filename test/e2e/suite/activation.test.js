'use strict';
// Scenario 1 of issue 7: the extension activates on a YAML file, the broken examples get the
// diagnostics their `# expect:` markers promise (code, line, source), and the valid examples get none.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const h = require('./helpers');

const ws = h.workspaceDir();
const validFiles = h.yamlFiles(ws);
const brokenFiles = h.yamlFiles(path.join(ws, 'broken'));

describe('activation and diagnostics', function () {
  let ext;

  before(function () {
    ext = vscode.extensions.getExtension(h.extensionId());
    assert.ok(ext, `extension ${h.extensionId()} is not installed in this VS Code`);
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is the build under test (the .vsix when STS_VSIX is set, else the working tree)', function () {
    const devRoot = path.resolve(process.env.STS_E2E_EXTENSION_ROOT || h.repoRoot());
    if (process.env.STS_VSIX) {
      assert.notEqual(path.resolve(ext.extensionPath), devRoot, 'STS_VSIX is set but the extension was loaded from the working tree');
      assert.ok(!fs.existsSync(path.join(ext.extensionPath, 'node_modules')), 'the .vsix holds node_modules');
    } else {
      assert.equal(path.resolve(ext.extensionPath), devRoot);
    }
  });

  it('ships every file its manifest names (main, icon, snippets, grammars, language configurations)', function () {
    const pkg = ext.packageJSON;
    const c = pkg.contributes || {};
    const named = [
      pkg.main,
      pkg.icon,
      ...(c.snippets || []).map((x) => x.path),
      ...(c.grammars || []).map((x) => x.path),
      ...(c.languages || []).map((x) => x.configuration),
      ...(c.jsonValidation || []).map((x) => x.url).filter((u) => u && !/^[a-z]+:/i.test(u)),
    ].filter(Boolean);
    const missing = named.filter((rel) => !fs.existsSync(path.join(ext.extensionPath, rel)));
    assert.deepEqual(missing, [], `named in package.json but not in ${ext.extensionPath}`);
  });

  it('activates when a YAML file is opened, not before', async function () {
    assert.ok(validFiles.length > 0, `no valid examples in ${ws}`);
    const yamlOpen = vscode.workspace.textDocuments.some((d) => d.languageId === 'yaml');
    if (!yamlOpen) {
      assert.equal(ext.isActive, false, 'active before any YAML file was opened (activationEvents should be onLanguage:yaml, not *)');
    }
    const doc = await h.openDocument(validFiles[0]);
    assert.equal(doc.languageId, 'yaml');
    await h.waitFor(() => ext.isActive, { what: `${h.extensionId()} to activate` });
    await h.activated(); // rethrows what activate() threw
  });

  describe('broken examples get the diagnostics their markers promise', function () {
    before(() => h.activated());
    assert.ok(brokenFiles.length > 0, `no broken examples in ${path.join(ws, 'broken')}`);
    for (const file of brokenFiles) {
      const name = path.relative(ws, file);
      const expected = h.readExpectations(fs.readFileSync(file, 'utf8'));
      const title = expected.length
        ? `${name}: ${expected.map((e) => `${e.code} on line ${e.line + 1}`).join(', ')}`
        : `${name}: at least one finding (the file has no # expect: markers)`;

      it(title, async function () {
        const doc = await h.openDocument(file);
        if (expected.length === 0) {
          await h.waitForDiagnostics(doc.uri, (d) => d.length > 0, { what: 'any statefulset diagnostic' });
          return;
        }
        const matches = (diags, e) => diags.some((d) => h.codeOf(d) === e.code && d.range.start.line === e.line);
        const diags = await h.waitForDiagnostics(doc.uri, (d) => expected.every((e) => matches(d, e)), {
          what: expected.map((e) => `${e.code}@${e.line + 1}`).join(', '),
        });
        for (const d of diags) {
          assert.equal(d.source, h.SOURCE);
          assert.ok(h.codeOf(d), `a diagnostic without a rule id: ${h.describe(d)}`);
          assert.ok(d.range.end.isAfterOrEqual(d.range.start));
        }
        const unexpected = diags.filter((d) => !expected.some((e) => h.codeOf(d) === e.code && d.range.start.line === e.line));
        assert.deepEqual(unexpected.map(h.describe), [], `findings the markers in ${name} do not promise`);
      });
    }
  });

  describe('valid examples get no diagnostics', function () {
    before(() => h.activated());
    for (const file of validFiles) {
      const name = path.relative(ws, file);
      // Proves the file is analysed at all: a syntax error typed into it is reported, and once the
      // file is back as it is on disk the extension's diagnostics for it go back to none.
      it(`${name}: none, and a typed syntax error comes and goes`, async function () {
        const doc = await h.openDocument(file);
        const text = doc.getText();
        const probe = `${text.endsWith('\n') || text.length === 0 ? '' : '\n'}stsE2eProbe: [unclosed\n`;
        try {
          const edit = new vscode.WorkspaceEdit();
          edit.insert(doc.uri, doc.positionAt(text.length), probe);
          assert.ok(await vscode.workspace.applyEdit(edit));
          await h.waitForDiagnostics(doc.uri, (d) => d.length > 0, { what: 'a diagnostic for the typed syntax error' });
        } finally {
          await h.revert(doc);
        }
        const after = await h.waitForDiagnostics(doc.uri, (d) => d.length === 0, { what: 'no diagnostics' }).catch((err) => {
          throw new Error(`${name} is a valid example but has findings: ${JSON.stringify(h.ourDiagnostics(doc.uri).map(h.describe))} (${err.message})`);
        });
        assert.deepEqual(after, []);
      });
    }
  });
});
