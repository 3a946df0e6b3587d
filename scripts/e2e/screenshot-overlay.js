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
const { inWorkbench, openFromExplorer, seeSquiggle, hoverWord, shootHover, runScript } = require('./lib/screenshot');

const output = path.resolve(process.argv[2] || path.join(cs.REPO_ROOT, 'images', 'kustomize-overlay.png'));


async function main() {
  const workDir = cs.makeWorkDir('sts-shot-');
  const folder = path.join(workDir, 'kustomize');
  fs.cpSync(path.join(cs.REPO_ROOT, 'test', 'builds-workspace'), folder, { recursive: true });
  fs.rmSync(path.join(folder, 'README.md'));
  await inWorkbench({ workDir, folder }, async (page) => {
    await openFromExplorer(page, ['overlays', 'no-config', 'drop-config.yaml']);
    await seeSquiggle(page, 'squiggle of the overlay finding', output);
    // Hover the deleted volume's name, as a user would, to read the overlay's finding.
    await hoverWord(page, '- name: config', /^config$/);
    await shootHover(page, 'in overlay overlays/no-config', 'hover naming the overlay', output);
  });
}

runScript(main);
