// Overlays in the editor: the incremental re-check (in process) publishes after every edit what a
// full check finds, overlays included; and over stdio, the real server shows an overlay's finding on
// the base file it opens, and refreshes it when the base is edited.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { Engine } from '../../server/src/engine';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { recordedDiagnostics } from '../support/diagnostics';
import { schemas } from '../support/engine';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/repo';

const workspace = join(repoRoot, 'test', 'builds-workspace');

function comparable(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message} ${JSON.stringify(d.relatedInformation ?? [])}`).sort();
}

const kustomization = (resources: string[], extra = ''): string => `resources:\n${resources.map((path) => `  - ${path}\n`).join('')}${extra}`;

describe('overlays in the incremental re-check', () => {
  it('publishes, after every edit of a base, a patch or a kustomization, what a full check finds', () => {
    const engine = new Engine(schemas());
    const { diagnostics, published } = recordedDiagnostics(engine);
    const read = (path: string): string => readFileSync(join(workspace, path), 'utf8');
    const uri = (path: string): string => `file:///ws/${path}`;
    const texts: Record<string, string[]> = {
      'base/kustomization.yaml': [read('base/kustomization.yaml'), kustomization(['statefulset.yaml']), kustomization(['statefulset.yaml', 'missing.yaml'])],
      'base/statefulset.yaml': [read('base/statefulset.yaml'), read('base/statefulset.yaml').replace('name: config\n              mountPath', 'name: cfg\n              mountPath')],
      'base/service.yaml': [read('base/service.yaml'), read('base/service.yaml').replace('clusterIP: None\n', '')],
      'base/storageclass.yaml': [read('base/storageclass.yaml')],
      'one/kustomization.yaml': [kustomization(['../base'], 'patches:\n  - path: patch.yaml\n'), kustomization(['../base'], 'namePrefix: one-\npatches:\n  - path: patch.yaml\n'), kustomization(['../base'])],
      'one/patch.yaml': [read('overlays/no-config/drop-config.yaml'), read('overlays/prod/replicas.yaml'), read('overlays/bigger/storage.yaml')],
      'two/kustomization.yaml': [kustomization(['../base'], 'commonLabels:\n  tier: db\n'), kustomization(['../one'], 'namespace: two\n')],
    };
    const files = Object.keys(texts);
    let seed = 5;
    const next = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (const path of files) engine.setFile(uri(path), texts[path][0]);
    diagnostics.markReady();
    for (let step = 0; step < 60; step++) {
      const path = files[Math.floor(next() * files.length)];
      const choices = texts[path];
      engine.setFile(uri(path), choices[Math.floor(next() * choices.length)], step + 1);
      diagnostics.update([uri(path)]);
      const full = engine.check();
      for (const file of files) {
        const expected = (full.get(uri(file)) ?? []).map((finding) => toDiagnostic(engine, finding));
        assert.deepEqual(comparable(published.get(uri(file)) ?? []), comparable(expected), `step ${step}: ${file} after editing ${path}`);
      }
    }
  });
});

describe('overlays over stdio', () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-overlays-'));
    cpSync(workspace, dir, { recursive: true });
    client = await LspClient.start({ workspaceFolders: [dir] });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows an overlay finding on a closed patch file, and refreshes it when the base is edited', async () => {
    const patch = pathToFileURL(join(dir, 'overlays/no-config/drop-config.yaml')).href;
    const [found] = await client.waitForDiagnostics(patch, (list) => list.length > 0);
    assert.equal(found.code, 'sts/volume-mount-unknown');
    assert.match(found.message, /^in overlay overlays\/no-config: /);
    assert.deepEqual(found.range.start, { line: 8, character: 16 });
    const base = pathToFileURL(join(dir, 'base/statefulset.yaml')).href;
    const text = readFileSync(join(dir, 'base/statefulset.yaml'), 'utf8');
    await client.open(base, text);
    // The base stops mounting the volume the overlay deletes: the overlay's finding goes away.
    const cleared = client.waitForDiagnostics(patch, (list) => list.length === 0);
    await client.change(base, text.replace('            - name: config\n              mountPath: /etc/db\n', ''));
    await cleared;
  });

  it('merges the same finding of several overlays into one diagnostic on the base line, live as the Service is edited', async () => {
    const sts = pathToFileURL(join(dir, 'base/statefulset.yaml')).href;
    const service = pathToFileURL(join(dir, 'base/service.yaml')).href;
    const text = readFileSync(join(dir, 'base/service.yaml'), 'utf8');
    await client.open(service, text);
    const reported = client.waitForDiagnostics(sts, (list) => list.some((d) => d.code === 'sts/service-not-headless'));
    await client.change(service, text.replace('  clusterIP: None\n', ''));
    const [notHeadless] = (await reported).filter((d) => d.code === 'sts/service-not-headless');
    assert.match(notHeadless.message, /^in overlays base, overlays\/bigger, overlays\/labelled and overlays\/no-config: spec\.serviceName "db" names a Service that is not headless/);
    assert.deepEqual(notHeadless.range.start, { line: 5, character: 15 });
    assert.deepEqual(notHeadless.relatedInformation?.map((related) => related.message).slice(-3), ['also in overlay overlays/bigger', 'also in overlay overlays/labelled', 'also in overlay overlays/no-config']);
    const fixed = client.waitForDiagnostics(sts, (list) => !list.some((d) => d.code === 'sts/service-not-headless'));
    await client.change(service, text);
    await fixed;
  });
});
