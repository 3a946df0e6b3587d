// The server's workspace index and symbolic links (issue 19): links are followed only inside the
// workspace folders, each real file and folder is read once (loops end), and only regular files are
// read (a FIFO would block the server forever).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';

describe('workspace index and symbolic links', () => {
  let root: string;
  let workspace: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sts-links-'));
    workspace = join(root, 'workspace');
    mkdirSync(join(workspace, 'apps'), { recursive: true });
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'secret.yaml'), 'kind: Secret\n');
    writeFileSync(join(workspace, 'apps', 'real.yaml'), 'kind: Service\n');
    symlinkSync(join(root, 'outside', 'secret.yaml'), join(workspace, 'secret.yaml'));
    symlinkSync('../outside', join(workspace, 'outside-folder'));
    symlinkSync('/etc/passwd', join(workspace, 'passwd.yaml'));
    symlinkSync('/proc/self/status', join(workspace, 'status.yaml'));
    symlinkSync('/dev/zero', join(workspace, 'zero.yaml'));
    symlinkSync('apps/real.yaml', join(workspace, 'alias.yaml'));
    symlinkSync('.', join(workspace, 'apps', 'loop'));
    symlinkSync('..', join(workspace, 'apps', 'up'));
    symlinkSync('missing.yaml', join(workspace, 'dangling.yaml'));
    execFileSync('mkfifo', [join(workspace, 'fifo.yaml')]);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  function indexed(): Promise<{ files: Map<string, string>; changed: string[] | undefined }> {
    const files = new Map<string, string>();
    const index = new WorkspaceIndex({ setFile: (uri, text) => files.set(uri, text), deleteFile: (uri) => files.delete(uri), isOpen: () => false, maxFileSize: () => 1 << 20 });
    index.setFolders([{ uri: pathToFileURL(workspace).href, exclude: {} }]);
    return index.indexAll(() => undefined).then((changed) => ({ files, changed }));
  }

  it('reads each real file inside the workspace once, and nothing outside it, without hanging on a FIFO', async () => {
    const { files } = await indexed();
    const names = [...files.keys()].map((uri) => uri.slice(pathToFileURL(workspace).href.length + 1)).sort();
    // The real file and its in-workspace alias are one file: read once, under the first path walked.
    assert.equal(names.length, 1, names.join(', '));
    assert.ok(['alias.yaml', 'apps/real.yaml'].includes(names[0]), names[0]);
    for (const text of files.values()) assert.equal(text, 'kind: Service\n');
  });

  it('does not read a link out of the workspace when a file event names it', async () => {
    const files = new Map<string, string>();
    const index = new WorkspaceIndex({ setFile: (uri, text) => files.set(uri, text), deleteFile: (uri) => files.delete(uri), isOpen: () => false, maxFileSize: () => 1 << 20 });
    index.setFolders([{ uri: pathToFileURL(workspace).href, exclude: {} }]);
    for (const name of ['secret.yaml', 'passwd.yaml', 'status.yaml', 'zero.yaml', 'fifo.yaml', 'outside-folder', 'outside-folder/secret.yaml']) {
      assert.deepEqual(await index.refresh(pathToFileURL(join(workspace, name)).href), [], name);
    }
    assert.deepEqual(await index.refresh(pathToFileURL(join(workspace, 'apps', 'real.yaml')).href), [pathToFileURL(join(workspace, 'apps', 'real.yaml')).href]);
    assert.equal(files.size, 1);
  });
});
