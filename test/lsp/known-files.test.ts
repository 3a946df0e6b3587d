// The real server over stdio on a workspace that mixes manifests with files that are not Kubernetes
// objects (a Helm chart's Chart.yaml and values, a CI workflow, a Compose file): those get no
// diagnostics published, opened in the editor or closed, while the manifests get theirs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../support/lsp-client';

const files: Record<string, string> = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'chart/values.yaml': 'metadata:\n  name: looks-like-an-object\nspec: {}\n',
  '.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
  // A closed file with apiVersion and kind (the model holds it as an object) that is not published.
  '.github/kind-cluster.yaml': 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: [{role: control-plane}]\n',
  'docker-compose.yml': 'services:\n  web: [unclosed\n',
  'deploy/app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n---\nkind: ConfigMap\nmetadata:\n  name: settings\n',
};

describe('files that are not Kubernetes objects, over stdio', () => {
  let dir: string;
  let client: LspClient;
  const uri = (name: string): string => pathToFileURL(join(dir, name)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-lsp-known-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    client = await LspClient.start({ workspaceFolders: [dir] });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes nothing for them, open or closed, and the manifests\' findings as usual', async () => {
    // The closed manifest is published once the workspace is indexed.
    const manifest = await client.waitForDiagnostics(uri('deploy/app.yaml'), (list) => list.length > 0);
    assert.deepEqual(manifest.map((d) => [d.range.start.line, d.code]), [[8, 'manifest/missing-kind']]);
    for (const name of ['chart/Chart.yaml', 'chart/values.yaml', 'docker-compose.yml']) await client.open(uri(name), files[name]);
    // Messages are handled in order: once a file opened after them is published, they were handled.
    await client.open(uri('deploy/app.yaml'), files['deploy/app.yaml'].replace('kind: ConfigMap', 'apiVersion: v1\nkind: ConfigMap'));
    await client.waitForDiagnostics(uri('deploy/app.yaml'), (list) => list.length === 0);
    // A chart's Chart.yaml and values files are checked as what they are (helm/chart-invalid,
    // helm/values-schema: a valid chart has none); the other files are never published.
    for (const name of ['chart/Chart.yaml', 'chart/values.yaml']) assert.deepEqual(client.diagnostics.get(uri(name)) ?? [], [], `${name} got findings`);
    for (const name of Object.keys(files).filter((name) => name !== 'deploy/app.yaml' && !name.startsWith('chart/'))) {
      assert.equal(client.diagnostics.has(uri(name)), false, `${name} got diagnostics published`);
    }
  });
});
