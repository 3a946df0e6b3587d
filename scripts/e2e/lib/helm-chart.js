'use strict';
// A Helm chart for the VS Code tests and the README's screenshot: a copy of the kvdb test chart whose
// values.yaml sets replicaCount: -1 (a mistake only the rendered chart shows, on the template's
// `{{ .Values.replicaCount }}`), and the real helm 4.1.4 (scripts/tools/k8s-binaries.mjs) given to
// code-server the way a user gives it.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { REPO_ROOT } = require('./code-server');

/** Copies the kvdb chart to `folder` with replicaCount: -1 in its values. */
function plantNegativeReplicas(folder) {
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'helm', 'kvdb'), folder, { recursive: true });
  const edit = (file, from, to) => {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
    fs.writeFileSync(path.join(folder, file), text.replace(from, to));
  };
  edit('values.yaml', 'replicaCount: 3', 'replicaCount: -1');
  // The schema would refuse -1 before helm renders anything.
  edit('values.schema.json', '"minimum": 0', '"minimum": -5');
}

/** The absolute path of the real helm 4.1.4; throws with the reason when it cannot be had. */
async function realHelm() {
  const { k8sBinaries } = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'tools', 'k8s-binaries.mjs')).href);
  try {
    return k8sBinaries('v35').helm;
  } catch (error) {
    throw new Error(`the Helm test needs the real helm binary and could not get it: ${error.message}`);
  }
}

/**
 * Sets statefulset.helm.path, a machine-scoped setting: in code-server (a remote window) it lives in
 * Machine/settings.json. (Not helm on code-server's PATH: VS Code's server gives extensions the PATH of
 * the user's login shell, not its own.)
 */
function setMachineHelmPath(userDataDir, helm) {
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify({ 'statefulset.helm.path': helm }));
}

module.exports = { plantNegativeReplicas, realHelm, setMachineHelmPath };
