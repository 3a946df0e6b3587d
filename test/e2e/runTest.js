#!/usr/bin/env node
'use strict';
// Runs the extension-host suite (test/e2e/suite) with @vscode/test-electron's runTests().
//
// Which VS Code:
//   STS_VSCODE=code-server (default)  code-server + headless Chromium via scripts/e2e/code-server-electron-shim.js;
//                                     works offline (install it with scripts/e2e/install-code-server.sh)
//   STS_VSCODE=download               plain runTests(): downloads desktop VS Code (STS_VSCODE_VERSION,
//                                     default "stable"; needs update.code.visualstudio.com and a display)
//   STS_VSCODE=/path/to/code          an installed VS Code executable
// What it tests:
//   STS_VSIX=path/to/ext.vsix         installs that package and tests it (the packaged extension);
//                                     unset: the working tree (repo root) as extensionDevelopmentPath.
// Results: test-results/vscode-suite.json (passed/failed counts) for scripts/e2e/run-all.js.

const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests, resolveCliArgsFromVSCodeExecutablePath, downloadAndUnzipVSCode } = require('@vscode/test-electron');

const REPO = path.resolve(__dirname, '..', '..');
const SHIM = path.join(REPO, 'scripts', 'e2e', 'code-server-electron-shim.js');
// Where the extension under test and its examples live (another folder only for harness work).
const EXT_ROOT = path.resolve(process.env.STS_E2E_EXTENSION_ROOT || REPO);
const RESULTS = path.resolve(process.env.STS_E2E_RESULTS || path.join(REPO, 'test-results', 'vscode-suite.json'));

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

async function main() {
  const mode = process.env.STS_VSCODE || 'code-server';
  const vsix = process.env.STS_VSIX ? path.resolve(process.env.STS_VSIX) : undefined;
  if (vsix && !fs.existsSync(vsix)) throw new Error(`STS_VSIX=${vsix} does not exist (run npm run package)`);
  if (!vsix && !fs.existsSync(path.join(EXT_ROOT, 'package.json'))) throw new Error(`no extension manifest in ${EXT_ROOT}`);

  let executable;
  if (mode === 'code-server') executable = SHIM;
  else if (mode === 'download') executable = await downloadAndUnzipVSCode(process.env.STS_VSCODE_VERSION || 'stable');
  else executable = path.resolve(mode);

  // A fresh profile, extensions folder and copy of examples/ for every run: the tests may edit files.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-e2e-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'examples');
  fs.mkdirSync(userDataDir);
  fs.mkdirSync(extensionsDir);
  copyDir(path.join(EXT_ROOT, 'examples'), workspace);
  fs.rmSync(RESULTS, { force: true });

  let extensionDevelopmentPath = EXT_ROOT;
  if (vsix) {
    const [cli, ...cliArgs] = mode === 'code-server' ? [SHIM] : resolveCliArgsFromVSCodeExecutablePath(executable);
    const args = [...cliArgs.filter((a) => !/^--(extensions-dir|user-data-dir)=/.test(a)), `--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`, '--install-extension', vsix, '--force'];
    console.log(`installing ${path.relative(process.cwd(), vsix)}`);
    const res = cp.spawnSync(cli, args, { stdio: 'inherit', timeout: 120_000 });
    if (res.status !== 0) throw new Error(`installing ${vsix} failed (${res.error ? res.error.message : `exit ${res.status}`})`);
    // runTests() needs a development path; this folder holds no extension, so only the installed
    // package is loaded.
    extensionDevelopmentPath = path.join(__dirname, 'no-extension');
  }

  const started = Date.now();
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`, '--disable-workspace-trust'],
      extensionTestsEnv: {
        STS_E2E_REPO: REPO,
        STS_E2E_EXTENSION_ROOT: EXT_ROOT,
        STS_E2E_RESULTS: RESULTS,
        STS_VSIX: vsix || '',
      },
    });
    return 0;
  } catch (err) {
    console.error(`VS Code tests failed: ${err.message}`);
    return 1;
  } finally {
    console.log(`VS Code run took ${((Date.now() - started) / 1000).toFixed(1)} s (${mode}${vsix ? `, ${path.basename(vsix)}` : ', working tree'})`);
    if (!process.env.STS_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err.stack || String(err));
      process.exit(1);
    },
  );
}

module.exports = { main };
