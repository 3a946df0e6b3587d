// The real server over stdio with a workspace folder on disk: the index of every YAML file, diagnostics
// of files that are not open, edits in one file that change another's findings, file-system events,
// files.exclude and the size limit, work-done progress, and navigation across files.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Location, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { folderWith } from '../support/folders';
import { LspClient, positionOf, rangeAt } from '../support/lsp-client';
import { documents, headlessService, statefulSet } from '../support/manifests';

/** The headless Service `name` (by default nginx) that selects the pods of `web`. */
const nginx = (name = 'nginx'): string => headlessService({ name, selector: { app: 'nginx' } });
const service = nginx();

/** The StatefulSet `name` (by default web) of nginx pods, governed by `serviceName` (by default nginx). */
const nginxPods = (name = 'web', serviceName = 'nginx'): string =>
  statefulSet({ name, serviceName, labels: { app: 'nginx' }, containers: [{ name: 'nginx', image: 'nginx' }] });
const web = nginxPods();
/** The range of web's serviceName value. */
const serviceNameValue = rangeAt(web, 'nginx', 'serviceName: nginx');

const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => String(d.code));
const has = (code: string) => (diagnostics: Diagnostic[]): boolean => codes(diagnostics).includes(code);
const lacks = (code: string) => (diagnostics: Diagnostic[]): boolean => !codes(diagnostics).includes(code);

const uriOf = (dir: string, name: string): string => pathToFileURL(join(dir, name)).href;

describe('workspace index over stdio', () => {
  let dir: string;
  let client: LspClient;
  const progress: string[] = [];

  before(async () => {
    dir = folderWith({ 'svc.yaml': service, 'apps/sts.yaml': web, 'notes.yaml': 'title: not a Kubernetes object\n' });
    client = await LspClient.start({ workspaceFolders: [dir] });
    client.connection.onNotification('$/progress', (params: { token: string | number; value: WorkDoneProgressBegin | WorkDoneProgressEnd }) => {
      progress.push(params.value.kind);
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for files that are not open, once indexed, with work-done progress', async () => {
    const diagnostics = await client.waitForDiagnostics(uriOf(dir, 'apps/sts.yaml'));
    assert.deepEqual(codes(diagnostics), []);
    assert.deepEqual(progress.filter((kind) => kind !== 'report'), ['begin', 'end']);
    assert.equal(client.diagnostics.has(uriOf(dir, 'notes.yaml')), false, 'a YAML file without Kubernetes objects gets no diagnostics');
  });

  it('updates the diagnostics of another (closed) file when an edit renames the Service', async () => {
    const svc = uriOf(dir, 'svc.yaml');
    const sts = uriOf(dir, 'apps/sts.yaml');
    await client.open(svc, service);
    const missing = client.waitForDiagnostics(sts, has('sts/service-missing'));
    await client.change(svc, service.replace('name: nginx', 'name: nginx-headless'));
    const [finding] = (await missing).filter((d) => d.code === 'sts/service-missing');
    assert.deepEqual(finding.range, serviceNameValue);
    assert.equal(finding.relatedInformation?.[0].location.uri, svc);
    const cleared = client.waitForDiagnostics(sts, lacks('sts/service-missing'));
    await client.change(svc, service);
    await cleared;
  });

  it('offers the clusterIP fix on the Service as a cross-file WorkspaceEdit', async () => {
    const svc = uriOf(dir, 'svc.yaml');
    const sts = uriOf(dir, 'apps/sts.yaml');
    const notHeadless = client.waitForDiagnostics(sts, has('sts/service-not-headless'));
    const withoutClusterIP = service.replace('  clusterIP: None\n', '');
    await client.change(svc, withoutClusterIP);
    const diagnostics = (await notHeadless).filter((d) => d.code === 'sts/service-not-headless');
    await client.open(sts, web);
    const actions = await client.codeActions(sts, diagnostics);
    const fix = actions.find((action) => action.title.startsWith('Set clusterIP: None'));
    assert.match(fix?.title ?? '', /deleted and recreated/);
    const edit = fix?.edit as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes ?? {}), [svc]);
    const end = positionOf(withoutClusterIP, 'app: nginx\n', 'app: nginx\n'.length);
    assert.deepEqual(edit.changes?.[svc], [{ range: { start: end, end }, newText: '  clusterIP: None\n' }]);
    const fixed = client.waitForDiagnostics(sts, lacks('sts/service-not-headless'));
    await client.change(svc, service);
    await fixed;
    await client.close(sts);
  });

  it('goes to the Service from serviceName and finds the StatefulSets that use it', async () => {
    const svc = uriOf(dir, 'svc.yaml');
    const sts = uriOf(dir, 'apps/sts.yaml');
    const definition: Location[] = await client.connection.sendRequest('textDocument/definition',
      { textDocument: { uri: sts }, position: positionOf(web, 'serviceName: nginx', 14) });
    assert.deepEqual(definition, [{ uri: svc, range: rangeAt(service, 'nginx', 'name: nginx') }]);
    const references: Location[] = await client.connection.sendRequest('textDocument/references',
      { textDocument: { uri: svc }, position: positionOf(service, 'name: nginx', 7), context: { includeDeclaration: false } });
    assert.deepEqual(references, [{ uri: sts, range: serviceNameValue }]);
  });

  it('completes serviceName with the headless Services of the workspace', async () => {
    const uri = uriOf(dir, 'apps/new.yaml');
    const text = web.replace('serviceName: nginx', 'serviceName: ');
    await client.open(uri, text);
    const items = await client.completion(uri, positionOf(text, 'serviceName: ', 13));
    assert.equal(items[0]?.label, 'nginx');
    await client.close(uri);
  });

  it('sees a Service file deleted and created on disk (didChangeWatchedFiles)', async () => {
    const svc = uriOf(dir, 'svc.yaml');
    const sts = uriOf(dir, 'apps/sts.yaml');
    await client.close(svc);
    rmSync(join(dir, 'svc.yaml'));
    const missing = client.waitForDiagnostics(sts, has('sts/service-missing'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: svc, type: 3 }] });
    await missing;
    writeFileSync(join(dir, 'other-name.yaml'), service);
    const found = client.waitForDiagnostics(sts, lacks('sts/service-missing'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'other-name.yaml'), type: 1 }] });
    await found;
  });

  it('follows a folder deleted on disk', async () => {
    const sts = uriOf(dir, 'apps/sts.yaml');
    rmSync(join(dir, 'apps'), { recursive: true });
    const cleared = client.waitForDiagnostics(sts, (diagnostics) => diagnostics.length === 0);
    writeFileSync(join(dir, 'other-name.yaml'), service.replace('name: nginx', 'name: gone'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'apps'), type: 3 }] });
    await cleared;
  });
});

describe('workspace index: what it leaves out', () => {
  it('re-indexes when files.exclude changes', async () => {
    const dir = folderWith({ 'sts.yaml': web, 'vendor/svc.yaml': service });
    const options: { workspaceFolders: string[]; settings: Record<string, unknown> } = { workspaceFolders: [dir], settings: {} };
    const client = await LspClient.start(options);
    try {
      const sts = uriOf(dir, 'sts.yaml');
      assert.deepEqual(codes(await client.waitForDiagnostics(sts)), []);
      const missing = client.waitForDiagnostics(sts, has('sts/service-missing'));
      options.settings = { 'vendor/**': true };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await missing;
      const found = client.waitForDiagnostics(sts, lacks('sts/service-missing'));
      options.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await found;
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('skips files.exclude, node_modules and files over maxFileSize', async () => {
    const big = `${nginx('big')}${'# padding\n'.repeat(300)}`;
    const dir = folderWith({
      'sts.yaml': documents(nginxPods('web', 'vendored'), nginxPods('cache', 'dependency'), nginxPods('large', 'big')),
      'vendor/svc.yaml': nginx('vendored'),
      'node_modules/pkg/svc.yaml': nginx('dependency'),
      'big.yaml': big,
    });
    // The test client answers every configuration section with these settings (files.exclude included).
    const client = await LspClient.start({ workspaceFolders: [dir], settings: { 'vendor/**': true, maxFileSize: 2000 } });
    try {
      const diagnostics = await client.waitForDiagnostics(uriOf(dir, 'sts.yaml'));
      const missing = diagnostics.filter((d) => d.code === 'sts/service-missing').map((d) => d.message.match(/"([^"]+)"/)?.[1]);
      assert.deepEqual(missing, ['vendored', 'dependency', 'big']);
      assert.equal(client.diagnostics.has(uriOf(dir, 'vendor/svc.yaml')), false);
    } finally {
      await client.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
