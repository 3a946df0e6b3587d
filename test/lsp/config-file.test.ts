// .statefulset-lint.yaml in the language server (over stdio): the workspace folder's file sets the
// settings, what the user set wins over it, editing it re-checks the workspace at once, its problems
// are diagnostics on it (config/invalid) with completion and hover from the schema, and a file
// outside the workspace is never read.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { folderWith } from '../support/folders';
import { LspClient, positionOf } from '../support/lsp-client';
import { examplesDir } from '../support/repo';

// The examples' Service and StatefulSet (its claims name the class "fast", not in the workspace) and a
// typo: two findings a configuration can change.
const manifest = `${readFileSync(join(examplesDir, 'service.yaml'), 'utf8')}---\n${readFileSync(join(examplesDir, 'statefulset.yaml'), 'utf8').replace('  name: apache-http\n', '  name: apache-http\n  nmae: typo\n')}`;

const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function folder(files: Record<string, string>): string {
  const dir = folderWith(files, 'sts-lsp-config-');
  dirs.push(dir);
  return dir;
}

const uriOf = (dir: string, name: string): string => pathToFileURL(join(dir, name)).href;
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => `${String(d.code)} ${d.severity}`).sort();

async function withServer(dir: string, settings: Record<string, unknown>, run: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start({ workspaceFolders: [dir], settings });
  try {
    await run(client);
  } finally {
    await client.stop();
  }
}

describe('.statefulset-lint.yaml in the language server', () => {
  it('applies the workspace folder\'s file, under what the user set, and re-checks when it is edited', async () => {
    const dir = folder({ 'pvc.yaml': manifest, '.statefulset-lint.yaml': 'knownStorageClasses: [fast]\nrules:\n  schema/unknown-field: info\n' });
    await withServer(dir, {}, async (client) => {
      const uri = uriOf(dir, 'pvc.yaml');
      await client.open(uri, manifest);
      // 3 = Information: the file's severity; no storage-class finding: the file knows the class.
      assert.deepEqual(codes(await client.waitForDiagnostics(uri, (list) => list.length > 0)), ['schema/unknown-field 3']);
      const config = uriOf(dir, '.statefulset-lint.yaml');
      await client.open(config, 'knownStorageClasses: [fast]\nrules:\n  schema/unknown-field: info\n');
      await client.change(config, 'rules:\n  schema/unknown-field: "off"\n');
      const after = await client.waitForDiagnostics(uri, (list) => !codes(list).includes('schema/unknown-field 3'));
      assert.deepEqual(codes(after), ['sts/storage-class-missing 2'], 'the rule is off, and "fast" is no longer known');
      assert.deepEqual(client.diagnostics.get(config), [], 'a valid configuration file has no diagnostics, and no manifest findings');
    });
    // The user's setting wins over the file's, rule by rule.
    await withServer(dir, { rules: { 'schema/unknown-field': 'error' } }, async (client) => {
      const uri = uriOf(dir, 'pvc.yaml');
      await client.open(uri, manifest);
      assert.deepEqual(codes(await client.waitForDiagnostics(uri, (list) => codes(list).includes('schema/unknown-field 1'))), ['schema/unknown-field 1']);
    });
  });

  it('reports wrong keys and values on the configuration file, and keeps the valid ones', async () => {
    const text = 'kubernetesVersion: 1.30\nrulez: {}\nknownStorageClasses: [fast]\n';
    const dir = folder({ 'pvc.yaml': manifest, '.statefulset-lint.yaml': text });
    await withServer(dir, {}, async (client) => {
      const config = uriOf(dir, '.statefulset-lint.yaml');
      await client.open(config, text);
      const problems = await client.waitForDiagnostics(config, (list) => list.length === 2);
      assert.deepEqual(problems.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]), [
        ['config/invalid', 1, 0, 19], ['config/invalid', 1, 1, 0],
      ]);
      assert.match(problems[0].message, /Write it in quotes: "1\.30"/);
      assert.match(problems[1].message, /did you mean "rules"\?/);
      const uri = uriOf(dir, 'pvc.yaml');
      await client.open(uri, manifest);
      assert.deepEqual(codes(await client.waitForDiagnostics(uri, (list) => list.length > 0)), ['schema/unknown-field 1'], 'the class is known: the valid key applies');
    });
  });

  it('completes keys and rule ids from the schema, and shows their documentation on hover', async () => {
    const dir = folder({});
    await withServer(dir, {}, async (client) => {
      const config = uriOf(dir, '.statefulset-lint.yaml');
      const text = 'kubernetesVersion: "1.31"\n\nrules:\n  \n';
      await client.open(config, text);
      const top = (await client.completion(config, { line: 1, character: 0 })).map((item) => item.label);
      assert.deepEqual(top.sort(), ['clusterDomain', 'compareWith', 'defaultNamespace', 'helm', 'ignore', 'knownStorageClasses', 'maxFileSize'], 'keys not yet written');
      const rules = (await client.completion(config, { line: 3, character: 2 })).map((item) => item.label);
      assert.ok(rules.includes('sts/name-too-long') && rules.includes('schema/unknown-field'), rules.slice(0, 5).join(', '));
      const hover = await client.hover(config, positionOf(text, 'kubernetesVersion', 3));
      assert.match(JSON.stringify(hover?.contents), /Kubernetes release \(major\.minor\)/);
    });
  });

  it('never reads a configuration file outside the workspace folder; a nested one gets a note', async () => {
    const outer = folder({ '.statefulset-lint.yaml': 'rules: { schema/unknown-field: "off" }\n', 'ws/pvc.yaml': manifest, 'ws/sub/.statefulset-lint.yaml': 'rules: {}\n' });
    const dir = join(outer, 'ws');
    await withServer(dir, {}, async (client) => {
      const uri = uriOf(dir, 'pvc.yaml');
      await client.open(uri, manifest);
      assert.ok(codes(await client.waitForDiagnostics(uri, (list) => list.length > 0)).includes('schema/unknown-field 1'));
      const nested = uriOf(dir, 'sub/.statefulset-lint.yaml');
      await client.open(nested, 'rules: {}\n');
      const note = await client.waitForDiagnostics(nested, (list) => list.length > 0);
      assert.deepEqual(note.map((d) => [d.code, d.severity]), [['config/invalid', 3]]);
      assert.match(note[0].message, /only the configuration file at the root of a workspace folder/);
    });
  });
});
