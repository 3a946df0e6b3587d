// The real server over stdio on a Kustomize tree: `statefulset/identities` of a base file answers one
// section per overlay with the names that overlay makes, follows an edit of an overlay's namePrefix
// at once, and the CodeLens above the base StatefulSet names the pods of each overlay.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { identitiesRequestMethod, previewIdentitiesCommand, type IdentitiesResult } from '../../server/src/protocol';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/repo';

const workspace = join(repoRoot, 'test', 'builds-workspace');

describe('identities per overlay over stdio', () => {
  let dir: string;
  let client: LspClient;
  const uri = (path: string): string => pathToFileURL(join(dir, path)).href;
  const identities = (path: string, position?: { line: number; character: number }): Promise<IdentitiesResult | null> =>
    client.connection.sendRequest(identitiesRequestMethod, { textDocument: { uri: uri(path) }, position });
  const podsByBuild = (result: IdentitiesResult | null): Record<string, string[]> =>
    Object.fromEntries((result?.builds ?? []).map((build) => [build.label, build.statefulSets.flatMap((set) => set.pods.map((pod) => pod.fqdn ?? pod.name))]));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-build-identities-'));
    cpSync(workspace, dir, { recursive: true });
    client = await LspClient.start({ workspaceFolders: [dir] });
    // The server indexes the folder from disk: wait until the overlays are built.
    for (let tries = 0; tries < 200; tries++) {
      if (Object.keys(podsByBuild(await identities('base/statefulset.yaml'))).length >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-sibling`, { recursive: true, force: true });
  });

  it('answers one section per overlay for a base file, with the names each overlay makes', async () => {
    const result = await identities('base/statefulset.yaml', { line: 5, character: 4 });
    assert.deepEqual(podsByBuild(result), {
      base: ['db-0.db.default.svc.cluster.local'],
      'overlays/bigger': ['db-0.db.default.svc.cluster.local'],
      'overlays/labelled': ['db-0.db.default.svc.cluster.local'],
      'overlays/no-config': ['db-0.db.default.svc.cluster.local'],
      'overlays/prod': ['prod-db-0.prod-db.prod.svc.cluster.local', 'prod-db-1.prod-db.prod.svc.cluster.local', 'prod-db-2.prod-db.prod.svc.cluster.local'],
    });
    const prod = result!.builds!.find((build) => build.label === 'overlays/prod')!;
    assert.equal(prod.uri, uri('overlays/prod/kustomization.yaml'));
    assert.equal(prod.activeIndex, 0, 'the cursor is in the base StatefulSet');
    assert.deepEqual(prod.statefulSets[0].pods[0].claims, [{ template: 'data', pvc: 'data-prod-db-0' }]);
    assert.equal(prod.statefulSets[0].location.uri, uri('base/statefulset.yaml'));
    // The document itself is still checked alone: its own section stays.
    assert.deepEqual(result!.statefulSets.map((set) => set.name), ['db']);
  });

  it('shows a lens per overlay above the base StatefulSet, at most four', async () => {
    const lenses = await client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri: uri('base/statefulset.yaml') } });
    const titles = (lenses ?? []).map((lens) => lens.command?.title);
    assert.deepEqual(titles, ['1 pod: db-0 · preview', 'base: 1 pod: db-0 · preview', 'bigger: 1 pod: db-0 · preview', 'labelled: 1 pod: db-0 · preview', '… 2 more builds · preview']);
    assert.ok((lenses ?? []).every((lens) => lens.range.start.line === 3 && lens.command?.command === previewIdentitiesCommand));
    assert.deepEqual(lenses![1].command?.arguments, [uri('base/statefulset.yaml'), { line: 3, character: 8 }, uri('base/kustomization.yaml')]);
  });

  it('follows an edit of an overlay namePrefix at once, and still publishes what the edit changed', async () => {
    const kustomization = 'overlays/prod/kustomization.yaml';
    const text = readFileSync(join(dir, kustomization), 'utf8');
    await client.open(uri(kustomization), text);
    await client.change(uri(kustomization), text.replace('namePrefix: prod-', 'namePrefix: live-'));
    assert.deepEqual(podsByBuild(await identities('base/statefulset.yaml'))['overlays/prod'],
      ['live-db-0.live-db.prod.svc.cluster.local', 'live-db-1.live-db.prod.svc.cluster.local', 'live-db-2.live-db.prod.svc.cluster.local']);
    // A request answered between an edit and its re-check must not swallow the diagnostics it causes.
    const service = readFileSync(join(dir, 'base/service.yaml'), 'utf8');
    await client.open(uri('base/service.yaml'), service);
    const reported = client.waitForDiagnostics(uri('base/statefulset.yaml'), (list) => list.some((d) => d.code === 'sts/service-not-headless'));
    await client.change(uri('base/service.yaml'), service.replace('  clusterIP: None\n', ''));
    const result = await identities('base/statefulset.yaml');
    assert.deepEqual(result!.builds!.map((build) => build.statefulSets[0].problems.map((problem) => problem.code)), Array(5).fill(['sts/service-not-headless']));
    await reported;
  });

  it('completes the paths of a kustomization from its folder, and lists nothing outside the workspace folder', async () => {
    const kustomization = uri('overlays/prod/kustomization.yaml');
    const text = 'resources:\n  - ../../\npatches:\n  - path: \n';
    await client.change(kustomization, text);
    const resources = await client.completion(kustomization, { line: 1, character: 10 });
    assert.deepEqual(resources.map((item) => `${item.label} ${item.kind} ${item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : ''}`), [
      '../ 19 ../', 'base/ 19 base', 'overlays/ 19 overlays/', 'variants/ 19 variants/',
    ]);
    const patches = await client.completion(kustomization, { line: 3, character: 10 });
    assert.deepEqual(patches.map((item) => item.label), ['../', 'replicas.yaml', 'storage.yaml']);
    // The disk outside the workspace folder is not listed: its parent offers only what the editor knows
    // (the workspace folder itself), not the other entries of the temporary folder, nor its own parent.
    mkdirSync(join(dir, '..', `${basename(dir)}-sibling`));
    await client.change(kustomization, 'resources:\n  - ../../../\n');
    assert.deepEqual((await client.completion(kustomization, { line: 1, character: 13 })).map((item) => item.label), [`${basename(dir)}/`]);
  });
});
