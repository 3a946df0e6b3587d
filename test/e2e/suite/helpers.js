'use strict';
// Helpers for the tests that run inside VS Code's extension host. Every wait has a deadline and
// ends as soon as its condition holds: no fixed sleeps.

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { readExpectations, yamlFiles } = require('../expectations');

const SOURCE = 'statefulset';
// Long enough for a cold language server on a loaded 2-core machine; short enough that a broken
// extension fails the whole suite well inside the runner's deadline.
const DEFAULT_TIMEOUT = Number(process.env.STS_E2E_WAIT_MS || 15_000);

function repoRoot() {
  return process.env.STS_E2E_REPO || path.resolve(__dirname, '..', '..', '..');
}

/** The extension under test, named by the manifest the tests run against. */
function extensionId() {
  const root = process.env.STS_E2E_EXTENSION_ROOT || repoRoot();
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

let activation;
/**
 * Activates the extension under test (once) and resolves with it; rejects with the activation's own
 * error when activate() threw, so that every test after it fails at once with the cause.
 */
function activated({ timeout = DEFAULT_TIMEOUT } = {}) {
  activation ||= (async () => {
    const ext = vscode.extensions.getExtension(extensionId());
    if (!ext) throw new Error(`extension ${extensionId()} is not installed in this VS Code`);
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${extensionId()} did not finish activating within ${timeout} ms`)), timeout);
    });
    try {
      await Promise.race([ext.activate(), deadline]);
    } catch (err) {
      throw new Error(`${extensionId()} failed to activate: ${err && err.message ? err.message : err}`);
    } finally {
      clearTimeout(timer);
    }
    return ext;
  })();
  return activation;
}

/** The folder the window opened (a copy of examples/ made for this run). */
function workspaceDir() {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length === 0) throw new Error('VS Code opened no folder');
  return folders[0].uri.fsPath;
}

/** Polls `probe` until it returns a truthy value, or fails after `timeout` ms with `what`. */
async function waitFor(probe, { timeout = DEFAULT_TIMEOUT, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : last === undefined ? '' : `; last value ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

function codeOf(d) {
  if (d.code === undefined || d.code === null) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function ourDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves with the extension's diagnostics for `uri` once `predicate(diags)` holds. Checks now and
 * on every onDidChangeDiagnostics for that uri; fails after `timeout` ms, quoting what it last saw.
 */
function waitForDiagnostics(uri, predicate, { timeout = DEFAULT_TIMEOUT, what = 'diagnostics' } = {}) {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = () => {
      if (done) return;
      const diags = ourDiagnostics(uri);
      if (predicate(diags)) {
        done = true;
        sub.dispose();
        clearTimeout(timer);
        resolve(diags);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      sub.dispose();
      const seen = ourDiagnostics(uri).map(describe);
      reject(new Error(`timed out after ${timeout} ms waiting for ${what} on ${path.basename(uri.fsPath)}; saw ${JSON.stringify(seen)}`));
    }, timeout);
    check();
  });
}

function describe(d) {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`;
}

async function openDocument(file) {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Applies an in-memory edit (never saved): inserts `text` at the start of `line`. */
async function insertLine(doc, line, text) {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(line, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${doc.uri.fsPath}`);
}

/** Puts a document back to what is on disk, whatever was edited in memory. */
async function revert(doc) {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !doc.isDirty, { timeout: 10_000, what: `${path.basename(doc.uri.fsPath)} to revert` });
}

/** All text of a hover result, markdown and plain strings alike. */
function hoverText(hovers) {
  const parts = [];
  for (const h of hovers || []) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c && typeof c.value === 'string') parts.push(c.value);
    }
  }
  return parts.join('\n');
}

module.exports = {
  SOURCE,
  DEFAULT_TIMEOUT,
  repoRoot,
  extensionId,
  activated,
  workspaceDir,
  waitFor,
  waitForDiagnostics,
  ourDiagnostics,
  codeOf,
  describe,
  readExpectations,
  openDocument,
  insertLine,
  revert,
  yamlFiles,
  hoverText,
};
