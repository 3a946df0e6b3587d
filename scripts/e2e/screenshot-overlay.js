'use strict';
// Takes the README's screenshot of an overlay finding on its source line: VS Code (code-server, see
// ../shared/design/vscode-e2e.md) opens a copy of test/builds-workspace with the extension of this
// checkout, opens the patch of overlays/no-config from the Explorer, waits for the squiggle that the
// overlay's build puts on the `$patch: delete` of a volume still mounted, hovers it, and writes
// images/kustomize-overlay.png. Run after `npm run build` and scripts/e2e/install-code-server.sh:
//   node scripts/e2e/screenshot-overlay.js [output.png]
const fs = require('node:fs');
const path = require('node:path');
const cs = require('./lib/code-server');
const { see, openFromExplorer, shootHover } = require('./lib/screenshot');

const output = path.resolve(process.argv[2] || path.join(cs.REPO_ROOT, 'images', 'kustomize-overlay.png'));


async function main() {
  const workDir = cs.makeWorkDir('sts-shot-');
  const folder = path.join(workDir, 'kustomize');
  fs.cpSync(path.join(cs.REPO_ROOT, 'test', 'builds-workspace'), folder, { recursive: true });
  fs.rmSync(path.join(folder, 'README.md'));
  let server;
  let browser;
  try {
    server = await cs.startCodeServer({ workDir, userDataDir: path.join(workDir, 'data'), extensionsDir: path.join(workDir, 'ext') });
    browser = await cs.launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1180, height: 560 }, deviceScaleFactor: 1 })).newPage();
    const payload = [['extensionDevelopmentPath', cs.remoteUri(server.port, cs.REPO_ROOT)]];
    await page.goto(cs.workbenchUrl(server, { folder, payload }), { waitUntil: 'domcontentloaded' });
    await see(page.locator('.monaco-workbench'), 'VS Code workbench');
    await openFromExplorer(page, ['overlays', 'no-config', 'drop-config.yaml']);
    const squiggle = page.locator('.editor-instance .monaco-editor .view-overlays .squiggly-error').first();
    await see(squiggle, 'squiggle of the overlay finding', 'attached');
    // Hover the deleted volume's name, as a user would, to read the overlay's finding.
    const line = page.locator('.editor-instance .view-line', { hasText: '- name: config' }).first();
    await see(line, 'the line of the deletion');
    const word = line.locator('span', { hasText: /^config$/ }).last();
    await word.hover();
    await shootHover(page, 'in overlay overlays/no-config', 'hover naming the overlay', output);
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
