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
const { inWorkbench, openFromExplorer, seeSquiggle, hoverWord, shootHover, runScript } = require('./lib/screenshot');
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
  await inWorkbench({ workDir, folder: path.dirname(folder), userDataDir }, async (page) => {
    await openFromExplorer(page, ['kvdb', 'templates', 'statefulset.yaml']);
    await seeSquiggle(page, 'squiggle of the rendered finding', output);
    // Hover the action, as a user would, to read the rendered chart's finding.
    await hoverWord(page, 'replicas:', /replicaCount/);
    await shootHover(page, 'renders to', 'hover quoting the rendered value', output);
  });
}

runScript(main);
