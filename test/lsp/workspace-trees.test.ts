// The real server over stdio keeps no yaml trees for the files that are not open (engine/yaml/lazy-trees.ts):
// what a user sees of those files must be what a full check of the workspace gives, with the same
// ranges, related locations and fixes, after edits elsewhere, edits on disk, and when they are opened.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Location } from 'vscode-languageserver-protocol';
import { Engine } from '../../server/src/engine';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { schemas } from '../support/engine';
import { LspClient, positionOf, rangeAt } from '../support/lsp-client';
import { documents, headlessService, statefulSet as statefulSetOf } from '../support/manifests';

const config = (name: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  level: info
`;

/** A headless Service selecting the pods labelled app: `app`, its port 80 going to their port `http`. */
const service = (name: string, app = 'web'): string => headlessService({ name, selector: { app }, ports: [{ port: 80, targetPort: 'http' }] });

/** A StatefulSet of pods labelled app: web with a port `http`, governed by `serviceName`. */
const statefulSet = (serviceName: string, name = 'web'): string =>
  statefulSetOf({ name, serviceName, labels: { app: 'web' }, containers: [{ image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] });

/** Diagnostics as comparable text: range, code, message, related locations and the fixes' edits. */
function comparable(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => JSON.stringify([d.range, d.code, d.message, d.relatedInformation ?? [], d.data ?? null])).sort();
}

describe('files that are not open keep no trees', () => {
  let dir: string;
  let client: LspClient;
  /** What is on disk, or open in the editor (the editor's text wins): the input of the full check. */
  const texts = new Map<string, string>();
  const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;

  function write(name: string, text: string): void {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
    texts.set(uriOf(name), text);
  }

  /** What a full check of the whole workspace, with every tree in memory, gives for one file. */
  function expected(uri: string): string[] {
    const engine = new Engine(schemas());
    for (const [at, text] of texts) engine.setFile(at, text);
    return comparable((engine.check().get(uri) ?? []).map((finding) => toDiagnostic(engine, finding)));
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-lsp-trees-'));
    // A near miss that selects other Pods: the only one that is close in name (no ties in the suggestions).
    write('services.yaml', documents(config('shared'), service('web-headles', 'other')));
    write('apps/web.yaml', documents(config('web-config'), config('web-extra'), statefulSet('web-headless')));
    write('edit.yaml', service('web-headless'));
    client = await LspClient.start({ workspaceFolders: [dir] });
    await client.waitForDiagnostics(uriOf('apps/web.yaml'));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-checks a closed StatefulSet when an open Service changes: exact range, related locations in another closed file, fixes', async () => {
    const edit = uriOf('edit.yaml');
    const sts = uriOf('apps/web.yaml');
    assert.deepEqual(comparable(client.diagnostics.get(sts) ?? []), expected(sts));
    await client.open(edit, texts.get(edit)!);
    const renamed = service('web-main');
    texts.set(edit, renamed);
    const missing = client.waitForDiagnostics(sts, (list) => list.some((d) => d.code === 'sts/service-missing'));
    await client.change(edit, renamed);
    const diagnostics = await missing;
    const finding = diagnostics.find((d) => d.code === 'sts/service-missing')!;
    assert.deepEqual(finding.range, rangeAt(texts.get(sts)!, 'web-headless', 'serviceName: web-headless'));
    const nearMiss = finding.relatedInformation?.find((related) => related.location.uri === uriOf('services.yaml'));
    assert.deepEqual(nearMiss?.location.range, rangeAt(texts.get(uriOf('services.yaml'))!, 'name', 'name: web-headles'), 'the near miss, in the second document of another closed file');
    assert.deepEqual(comparable(diagnostics), expected(sts));

    texts.set(edit, service('web-headless'));
    const cleared = client.waitForDiagnostics(sts, (list) => !list.some((d) => d.code === 'sts/service-missing'));
    await client.change(edit, texts.get(edit)!);
    assert.deepEqual(comparable(await cleared), expected(sts));
    await client.close(edit);
  });

  it('goes to definitions and references in closed files, at their exact ranges', async () => {
    const open = uriOf('apps/other.yaml');
    const text = documents(config('other'), statefulSet('web-headles', 'other'));
    await client.open(open, text);
    const definition: Location[] = await client.connection.sendRequest('textDocument/definition',
      { textDocument: { uri: open }, position: positionOf(text, 'serviceName: web-headles', 14) });
    assert.deepEqual(definition, [{ uri: uriOf('services.yaml'), range: rangeAt(texts.get(uriOf('services.yaml'))!, 'web-headles', 'name: web-headles') }]);
    const edit = uriOf('edit.yaml');
    await client.open(edit, texts.get(edit)!);
    const references: Location[] = await client.connection.sendRequest('textDocument/references',
      { textDocument: { uri: edit }, position: positionOf(texts.get(edit)!, 'name: web-headless', 7), context: { includeDeclaration: false } });
    assert.deepEqual(references, [{ uri: uriOf('apps/web.yaml'), range: rangeAt(texts.get(uriOf('apps/web.yaml'))!, 'web-headless', 'serviceName: web-headless') }]);
    await client.close(edit);
    await client.close(open);
  });

  it('re-reads a closed file changed on disk, its documents moved', async () => {
    const sts = uriOf('apps/web.yaml');
    write('apps/web.yaml', documents(config('first'), config('web-config'), config('web-extra'), statefulSet('web-gone')));
    const line = positionOf(texts.get(sts)!, 'serviceName: web-gone').line;
    const moved = client.waitForDiagnostics(sts, (list) => list.some((d) => d.code === 'sts/service-missing' && d.range.start.line === line));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: sts, type: 2 }] });
    assert.deepEqual(comparable(await moved), expected(sts));
  });

  it('checks a file opened after its trees were dropped, and the edits typed in it', async () => {
    const sts = uriOf('apps/web.yaml');
    await client.open(sts, texts.get(sts)!);
    const typed = texts.get(sts)!.replace('name: web-extra', 'name: web-extra-settings').replace('serviceName: web-gone', 'serviceName: web-missing');
    texts.set(sts, typed);
    const missing = client.waitForDiagnostics(sts, (list) => list.some((d) => d.code === 'sts/service-missing' && d.message.includes('"web-missing"')));
    await client.change(sts, typed);
    assert.deepEqual(comparable(await missing), expected(sts));
    await client.close(sts);
  });
});
