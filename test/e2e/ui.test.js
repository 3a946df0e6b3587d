'use strict';
// The browser-level test of issue 7: VS Code (code-server) opens examples/, a broken example is
// opened from the Explorer, and what a user sees is checked: a squiggle in the editor and a row in
// the Problems panel naming the rule. A screenshot is kept in test-results/. Then a Helm chart (issue 16)
// is opened the same way, with the real helm as statefulset.helm.path, and its rendered finding is
// hovered on the template line.
//
// Runs in plain Node with mocha (scripts/e2e/run-all.js runs it, or
// `npx mocha test/e2e/ui.test.js`). STS_VSIX=path.vsix tests the package instead of the working tree.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const cs = require('../../scripts/e2e/lib/code-server');
const { readExpectations, yamlFiles } = require('./expectations');
const { plantNegativeReplicas, realHelm, setMachineHelmPath } = require('../../scripts/e2e/lib/helm-chart');
const { openFromExplorer, see: seeWithin } = require('../../scripts/e2e/lib/screenshot');

const EXT_ROOT = path.resolve(process.env.STS_E2E_EXTENSION_ROOT || cs.REPO_ROOT);
const EXAMPLES = path.join(EXT_ROOT, 'examples');
const ARTIFACTS = path.resolve(process.env.STS_E2E_ARTIFACTS || path.join(cs.REPO_ROOT, 'test-results'));
const WAIT = Number(process.env.STS_E2E_WAIT_MS || 30_000);

/** Waits for a locator with this suite's deadline (lib/screenshot.js `see`). */
const see = (locator, what, state = 'visible') => seeWithin(locator, what, state, WAIT);

/** The first broken example whose markers promise a finding, with that finding. */
function brokenExample() {
  for (const file of yamlFiles(path.join(EXAMPLES, 'broken'))) {
    const expected = readExpectations(fs.readFileSync(file, 'utf8'));
    if (expected.length) return { file, expected };
  }
  return undefined;
}

describe('VS Code in the browser', function () {
  this.timeout(120_000);
  let workDir;
  let server;
  let browser;
  let page;
  /** The helm binary, or why it could not be had (only the Helm test fails then). */
  let helm;

  before(async function () {
    workDir = cs.makeWorkDir('sts-ui-');
    const userDataDir = path.join(workDir, 'data');
    helm = await realHelm().catch((error) => error);
    if (typeof helm === 'string') setMachineHelmPath(userDataDir, helm);
    const extensionsDir = path.join(workDir, 'ext');
    if (process.env.STS_VSIX) {
      cs.installExtension(path.resolve(process.env.STS_VSIX), { workDir, userDataDir, extensionsDir });
    }
    server = await cs.startCodeServer({ workDir, userDataDir, extensionsDir });
    browser = await cs.launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  });

  after(async function () {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (workDir && !process.env.STS_E2E_KEEP) cs.removeDir(workDir);
  });

  afterEach(async function () {
    if (this.currentTest.state === 'failed' && page) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'vscode-ui-failure.png') }).catch(() => {});
      if (server) fs.copyFileSync(server.logFile, path.join(ARTIFACTS, 'vscode-ui-code-server.log'));
    }
  });

  it('shows a squiggle and a Problems row for a broken example opened from the Explorer', async function () {
    const broken = brokenExample();
    assert.ok(broken, `no file in ${path.join(EXAMPLES, 'broken')} has a "# expect:" marker`);
    const rel = path.relative(EXAMPLES, broken.file).split(path.sep);
    const codes = [...new Set(broken.expected.map((e) => e.code))];

    const payload = process.env.STS_VSIX ? [] : [['extensionDevelopmentPath', cs.remoteUri(server.port, EXT_ROOT)]];
    await page.goto(cs.workbenchUrl(server, { folder: EXAMPLES, payload }), { waitUntil: 'domcontentloaded' });
    await see(page.locator('.monaco-workbench'), 'VS Code workbench');

    // Open the file from the Explorer: expand each folder on the way, then open the file itself.
    await openFromExplorer(page, rel, WAIT);
    const tab = page.locator('.tabs-container .tab', { hasText: rel[rel.length - 1] });
    await see(tab.first(), `editor tab for ${rel[rel.length - 1]}`);

    // A squiggle in the editor.
    const squiggle = page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error, .editor-instance .monaco-editor .view-overlays .squiggly-warning, .editor-instance .monaco-editor .view-overlays .squiggly-info');
    await see(squiggle.first(), 'squiggle in the editor', 'attached');

    // A row in the Problems panel naming each promised rule.
    await page.locator('#status\\.problems').click();
    const markers = page.locator('.markers-panel');
    await see(markers, 'Problems panel');
    for (const code of codes) {
      await see(markers.locator('.monaco-list-row', { hasText: code }).first(), `Problems row naming ${code}`);
    }
    const rowText = await markers.locator('.monaco-list-row', { hasText: codes[0] }).first().innerText();
    assert.match(rowText, /statefulset/, `the Problems row does not name the source: ${rowText}`);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'vscode-ui-problems.png');
    await page.screenshot({ path: shot });
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot is suspiciously small');
  });

  it('shows the pod identity CodeLens and, on click, the preview with the pod DNS names', async function () {
    const explorer = page.locator('.explorer-folders-view');
    const row = explorer.locator('.monaco-list-row[aria-level="1"]', { hasText: 'statefulset.yaml' }).first();
    await see(row, 'Explorer row "statefulset.yaml"');
    await row.dblclick();
    await see(page.locator('.tabs-container .tab', { hasText: 'statefulset.yaml' }).first(), 'editor tab for statefulset.yaml');

    const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: 'pods: apache-http-0' }).first();
    await see(lens, 'CodeLens naming the pods');
    assert.match(await lens.innerText(), /^3 pods: apache-http-0 … apache-http-2/);
    await lens.click();

    // A webview's content sits two iframes deep.
    const content = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await see(content.getByText('apache-http-0.httpd-service.default.svc.cluster.local').first(), 'pod DNS name in the preview');
    await see(content.getByText('htdocs-apache-http-2').first(), 'PVC name in the preview');

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'vscode-ui-preview.png');
    await page.screenshot({ path: shot });
    assert.ok(fs.statSync(shot).size > 10_000, 'the screenshot is suspiciously small');
  });

  it('renders a Helm chart opened from the Explorer and shows the finding on the template line', async function () {
    if (helm instanceof Error) throw helm;
    const charts = path.join(workDir, 'charts');
    plantNegativeReplicas(path.join(charts, 'kvdb'));
    const payload = process.env.STS_VSIX ? [] : [['extensionDevelopmentPath', cs.remoteUri(server.port, EXT_ROOT)]];
    await page.goto(cs.workbenchUrl(server, { folder: charts, payload }), { waitUntil: 'domcontentloaded' });
    await see(page.locator('.monaco-workbench'), 'VS Code workbench');
    // The template is the file that activates the extension: opened before the workspace is indexed.
    await openFromExplorer(page, ['kvdb', 'templates', 'statefulset.yaml']);
    // Only the rendered chart has an error here: replicas comes from values.yaml.
    await see(page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error').first(), 'squiggle of the rendered finding', 'attached');
    const line = page.locator('.editor-instance .view-line', { hasText: 'replicas:' }).first();
    await see(line, 'the replicas line');
    await line.locator('span', { hasText: /replicaCount/ }).last().hover();
    await see(page.locator('.monaco-hover', { hasText: 'renders to `replicas: -1` with values.yaml' }).first(), 'hover quoting the rendered value');
    await see(page.locator('.statusbar-item', { hasText: 'kvdb: values.yaml' }).first(), 'status bar item of the chart');
  });
});
