'use strict';
// Takes the README's screenshot of a rendered Helm finding on its template line: VS Code (code-server,
// see ../shared/design/vscode-e2e.md) opens a copy of the kvdb test chart whose values.yaml sets
// replicaCount: -1, with the extension of this checkout and the real helm 4.1.4
// (scripts/tools/k8s-binaries.mjs) as statefulset.helm.path; opens templates/statefulset.yaml from the
// Explorer, waits for the squiggle the rendered chart puts on `{{ .Values.replicaCount }}`, hovers it,
// and writes images/helm-template.png. Run after `npm run build` and scripts/e2e/install-code-server.sh:
//   node scripts/e2e/screenshot-helm.js [output.png]
// The workspace is trusted: code-server runs with --disable-workspace-trust (lib/code-server.js).
const path = require('node:path');
const cs = require('./lib/code-server');
const { see, openFromExplorer, shootHover } = require('./lib/screenshot');
const { plantNegativeReplicas, realHelm, setMachineHelmPath } = require('./lib/helm-chart');

const output = path.resolve(process.argv[2] || path.join(cs.REPO_ROOT, 'images', 'helm-template.png'));


async function main() {
  const helm = await realHelm();
  const workDir = cs.makeWorkDir('sts-shot-');
  const folder = path.join(workDir, 'charts', 'kvdb');
  plantNegativeReplicas(folder);
  const userDataDir = path.join(workDir, 'data');
  setMachineHelmPath(userDataDir, helm);
  // The hover below the line, so that the template above it stays readable.
  cs.writeUserSettings(userDataDir, { 'editor.hover.above': false });
  let server;
  let browser;
  try {
    server = await cs.startCodeServer({ workDir, userDataDir, extensionsDir: path.join(workDir, 'ext') });
    browser = await cs.launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1180, height: 560 }, deviceScaleFactor: 1 })).newPage();
    const payload = [['extensionDevelopmentPath', cs.remoteUri(server.port, cs.REPO_ROOT)]];
    await page.goto(cs.workbenchUrl(server, { folder: path.dirname(folder), payload }), { waitUntil: 'domcontentloaded' });
    await see(page.locator('.monaco-workbench'), 'VS Code workbench');
    await openFromExplorer(page, ['kvdb', 'templates', 'statefulset.yaml']);
    const squiggle = page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error').first();
    await see(squiggle, 'squiggle of the rendered finding', 'attached').catch(async (error) => {
      await page.screenshot({ path: output.replace(/\.png$/, '-failure.png') });
      throw error;
    });
    // Hover the action, as a user would, to read the rendered chart's finding.
    const line = page.locator('.editor-instance .view-line', { hasText: 'replicas:' }).first();
    await see(line, 'the replicas line');
    await line.locator('span', { hasText: /replicaCount/ }).last().hover();
    await shootHover(page, 'renders to', 'hover quoting the rendered value', output);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    cs.removeDir(workDir);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error.message}\n`);
  process.exitCode = 1;
});
