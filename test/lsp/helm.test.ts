// Helm charts in the real language server over stdio: in a trusted workspace with helm set, a chart is
// rendered when one of its files is opened or saved, and the findings of the rendered chart land on the
// template lines (Helm 3.17.2 and 4.1.4); render errors too. In an untrusted workspace no helm process
// starts, and the templates are still checked statically.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { helmBinary, helmFixtures, helmReleases, plantedChart, plantedRendered, plantedStatic } from '../support/helm';
import { LspClient } from '../support/lsp-client';
import type { ChartValuesResult } from '../../server/src/protocol';

const folders: string[] = [];
const clients: LspClient[] = [];
after(async () => {
  for (const client of clients) await client.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function temporary(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

async function start(folder: string, helm: string | undefined, trusted: boolean): Promise<LspClient> {
  const client = await LspClient.start({
    workspaceFolders: [folder], initializationOptions: { workspaceTrusted: trusted },
    configuration: (section) => (section === 'statefulset' ? (helm ? { helm: { path: helm } } : {}) : {}),
  });
  clients.push(client);
  return client;
}

/** `templates/x.yaml:line:column rule` (1-based) of a file's diagnostics. */
const lines = (file: string, diagnostics: Diagnostic[]): string[] => diagnostics
  .map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`).sort();

const of = (file: string, expected: string[]): string[] => expected.filter((line) => line.startsWith(`${file}:`)).sort();

describe('Helm charts in the language server', () => {
  for (const { release, version } of helmReleases) {
    it(`renders a chart on open and on save with helm ${version}: every planted mistake on its template line`, async () => {
      const helm = await helmBinary(release);
      const root = temporary('sts-lsp-helm-');
      const dir = plantedChart(root);
      const client = await start(root, helm, true);
      const file = (path: string): string => pathToFileURL(join(dir, path)).href;
      const sts = 'templates/statefulset.yaml';
      const text = readFileSync(join(dir, sts), 'utf8');
      await client.open(file(sts), text);
      const rendered = await client.waitForDiagnostics(file(sts), (list) => list.some((d) => d.code === 'sts/negative-value'), 20000);
      assert.deepEqual(lines(sts, rendered), of(sts, plantedRendered));
      const replicas = rendered.find((d) => d.code === 'sts/negative-value')!;
      assert.match(replicas.message, /`\{\{ \.Values\.replicaCount \}\}` renders to `replicas: -1` with values\.yaml/);
      // A closed template of the chart gets its rendered findings too.
      const published = client.diagnostics.get(file('templates/svc.yaml'));
      const svc = published?.length ? published : await client.waitForDiagnostics(file('templates/svc.yaml'), (list) => list.length > 0, 20000);
      assert.deepEqual(lines('templates/svc.yaml', svc), of('templates/svc.yaml', plantedRendered));
      // Typing: the render is of the saved text, so the template is checked statically until it is saved.
      const fixedText = text.replace('            - name: confg\n', '            - name: config\n');
      const editing = client.waitForDiagnostics(file(sts), (list) => !list.some((d) => d.code === 'sts/negative-value'));
      await client.change(file(sts), fixedText);
      assert.deepEqual(lines(sts, await editing), of(sts, plantedStatic));
      // Saved: rendered again, without the mount the edit fixed.
      writeFileSync(join(dir, sts), fixedText);
      const saved = client.waitForDiagnostics(file(sts), (list) => list.some((d) => d.code === 'sts/negative-value'), 20000);
      await client.save(file(sts));
      assert.deepEqual(lines(sts, await saved), of(sts, plantedRendered).filter((line) => !line.includes('volume-mount-unknown')));
    });

    it(`places helm ${version}'s render errors on their template lines`, async () => {
      const helm = await helmBinary(release);
      const root = temporary('sts-lsp-helm-errors-');
      cpSync(join(helmFixtures, 'exec-error'), join(root, 'exec-error'), { recursive: true });
      const client = await start(root, helm, true);
      const template = pathToFileURL(join(root, 'exec-error', 'templates', 'statefulset.yaml')).href;
      await client.open(template, readFileSync(join(root, 'exec-error', 'templates', 'statefulset.yaml'), 'utf8'));
      const found = await client.waitForDiagnostics(template, (list) => list.some((d) => d.code === 'helm/render-error'), 20000);
      assert.deepEqual(lines('statefulset.yaml', found.filter((d) => d.code === 'helm/render-error')), ['statefulset.yaml:12:18 helm/render-error']);
    });
  }

  it('renders the chart of a template opened while the workspace is indexed and settings change, as VS Code sends them', async () => {
    // VS Code's client sends, right after `initialized`: the open editor's didOpen, a
    // didChangeConfiguration (synchronize.configurationSection) and the status bar's chart request;
    // the re-index the settings start overtakes the first one.
    const helm = await helmBinary('v35');
    const root = temporary('sts-lsp-helm-startup-');
    const dir = plantedChart(root);
    const client = await start(root, helm, true);
    const sts = pathToFileURL(join(dir, 'templates/statefulset.yaml')).href;
    await client.open(sts, readFileSync(join(dir, 'templates/statefulset.yaml'), 'utf8'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.connection.sendRequest('statefulset/chartValues', { textDocument: { uri: sts } });
    const rendered = await client.waitForDiagnostics(sts, (list) => list.some((d) => d.code === 'sts/negative-value'), 20000);
    assert.deepEqual(lines('templates/statefulset.yaml', rendered), of('templates/statefulset.yaml', plantedRendered));
    // The chart request came before the settings were read: helm was not looked up on PATH then.
    assert.deepEqual(client.logs.filter((line) => /helm/i.test(line)), []);
  });

  it('tells the client when the chart of a template opened before the index is found, helm or not', async () => {
    // The status bar asks for the chart at once, before the index knows it; it asks again on this notification.
    const root = temporary('sts-lsp-helm-status-');
    const dir = plantedChart(root);
    const client = await start(root, undefined, false);
    const statuses: string[] = [];
    client.connection.onNotification('statefulset/chartStatus', (params: { chart: string }) => { statuses.push(params.chart); });
    const sts = pathToFileURL(join(dir, 'templates/statefulset.yaml')).href;
    await client.open(sts, readFileSync(join(dir, 'templates/statefulset.yaml'), 'utf8'));
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const chartYaml = pathToFileURL(join(dir, 'Chart.yaml')).href;
    for (let waited = 0; waited < 10000 && !statuses.includes(chartYaml); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(statuses, [chartYaml]);
    const described = await client.connection.sendRequest<ChartValuesResult>('statefulset/chartValues', { textDocument: { uri: sts } });
    assert.deepEqual([described.chart, described.rendering, described.status], [{ uri: chartYaml, name: 'kvdb' }, false, 'the workspace is not trusted: charts are checked statically']);
  });

  it('starts no helm process in an untrusted workspace, and does once trust is granted', async () => {
    const tools = temporary('sts-fake-helm-');
    const marker = join(tools, 'ran');
    const fake = join(tools, 'helm');
    writeFileSync(fake, `#!/bin/sh\necho "$@" >> '${marker}'\n`);
    chmodSync(fake, 0o755);
    const root = temporary('sts-lsp-untrusted-');
    const dir = plantedChart(root);
    const client = await start(root, fake, false);
    const sts = pathToFileURL(join(dir, 'templates/statefulset.yaml')).href;
    await client.open(sts, readFileSync(join(dir, 'templates/statefulset.yaml'), 'utf8'));
    const found = await client.waitForDiagnostics(sts, (list) => list.some((d) => d.code === 'schema/enum'));
    assert.deepEqual(lines('templates/statefulset.yaml', found), of('templates/statefulset.yaml', plantedStatic));
    await client.save(sts);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(existsSync(marker), false, 'helm ran in an untrusted workspace');
    await client.connection.sendNotification('statefulset/workspaceTrusted', {});
    for (let waited = 0; waited < 5000 && !existsSync(marker); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(readFileSync(marker, 'utf8'), /^template release-name .*kvdb --debug/);
  });
});
