// The real server over stdio on a workspace that is a git repository made in the test: a StatefulSet
// edited in the editor is compared with HEAD (the finding, its related location in a read-only view
// of the committed file that the server serves, the revert fix), a commit made meanwhile is noticed,
// compareWith off turns it off, and a repository configured to run programs (as an untrusted
// workspace may be) is still compared, with nothing run.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { committedTextRequestMethod } from '../../server/src/protocol';
import { configureProgramsToRun, git, repositoryWith, writeFiles } from '../support/git';
import { LspClient } from '../support/lsp-client';
import { fixturesDir } from '../support/repo';

const committed = readFileSync(join(fixturesDir, 'sts', 'immutable-field-changed', 'invalid-storage-size', '.committed', 'db.yaml'), 'utf8');
const larger = committed.replace('storage: 10Gi', 'storage: 20Gi');
const immutable = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === 'sts/immutable-field-changed');

describe('language server: comparison with the committed StatefulSet', () => {
  it('reports an edit that the API server will refuse, shows the committed value, reverts it, and follows a new commit', async () => {
    const dir = repositoryWith({ 'db.yaml': committed }, { 'db.yaml': committed });
    const uri = pathToFileURL(join(dir, 'db.yaml')).href;
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      await client.waitForDiagnostics(uri);
      const reported = client.waitForDiagnostics(uri, (d) => immutable(d).length === 1);
      await client.open(uri, larger);
      const [finding] = immutable(await reported);
      assert.equal(finding.range.start.line, 44);
      const related = finding.relatedInformation?.[0];
      if (!related) throw new Error('no related information');
      assert.ok(related.location.uri.startsWith('statefulset-committed:'), related.location.uri);
      const text = await client.connection.sendRequest<string | null>(committedTextRequestMethod, { uri: related.location.uri });
      assert.equal(text, committed);
      assert.equal(text.split('\n')[related.location.range.start.line].trim(), 'storage: 10Gi');
      const [revert] = await client.codeActions(uri, [finding]);
      // The revert, before the commit below makes it moot.
      assert.match(revert.title, /^Revert spec\.volumeClaimTemplates\[0\]\.spec\.resources\.requests\.storage to its value at HEAD/);
      // The change is committed: HEAD moves, the server hears of it and compares with the new commit.
      writeFiles(dir, { 'db.yaml': larger });
      git(dir, 'commit', '-q', '-am', 'larger volumes');
      const cleared = client.waitForDiagnostics(uri, (d) => immutable(d).length === 0);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.git', 'refs', 'heads', 'main')).href, type: 2 }] });
      await cleared;
      const edits = Object.values(revert.edit?.changes ?? {}).flat();
      assert.deepEqual(edits.map((edit) => [edit.range.start.line, edit.newText]), [[44, '10Gi']]);
    } finally {
      await client.stop();
    }
  });

  it('compares nothing with compareWith off', async () => {
    const dir = repositoryWith({ 'db.yaml': committed }, { 'db.yaml': larger });
    const uri = pathToFileURL(join(dir, 'db.yaml')).href;
    const client = await LspClient.start({ workspaceFolders: [dir], settings: { compareWith: 'off' } });
    try {
      const diagnostics = await client.waitForDiagnostics(uri);
      assert.deepEqual(immutable(diagnostics), []);
    } finally {
      await client.stop();
    }
  });

  it('still compares in a repository configured to run programs (an untrusted workspace), and runs none', async () => {
    const dir = repositoryWith({ 'db.yaml': committed }, { 'db.yaml': larger });
    const marker = configureProgramsToRun(dir);
    const uri = pathToFileURL(join(dir, 'db.yaml')).href;
    const client = await LspClient.start({ workspaceFolders: [dir] });
    try {
      const diagnostics = await client.waitForDiagnostics(uri, (d) => immutable(d).length === 1);
      assert.equal(immutable(diagnostics).length, 1);
      assert.ok(!existsSync(marker), 'a program configured in the repository was run');
    } finally {
      await client.stop();
    }
  });
});
