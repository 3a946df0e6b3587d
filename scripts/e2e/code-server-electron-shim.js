#!/usr/bin/env node
'use strict';
// Stands in for the VS Code (Electron) executable that @vscode/test-electron's runTests() spawns,
// on machines that cannot download VS Code. It accepts the same flags, runs the extension tests in
// code-server (VS Code served to a browser) driven by a headless Chromium, prints the tests' output
// and exits with their exit code, as `code --extensionTestsPath=...` does.
//
//   code-server-electron-shim.js [folder-or-.code-workspace] --extensionDevelopmentPath=DIR
//       --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR]
//   code-server-electron-shim.js --install-extension FILE.vsix [--extensions-dir=DIR]  (installs, exits)
//
// Environment: STS_E2E_TIMEOUT_MS (hard deadline for one run, default 150000), STS_E2E_KEEP=1 (keep
// the temporary folder), STS_E2E_VERBOSE=1 (echo the server and browser logs), STS_E2E_ARTIFACTS
// (folder for the failure screenshot and logs, default test-results/), STS_CODE_SERVER_DIR.

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const cs = require('./lib/code-server');

const VALUE_FLAGS = new Set([
  'extensionDevelopmentPath',
  'extensionTestsPath',
  'user-data-dir',
  'extensions-dir',
  'install-extension',
  'uninstall-extension',
  'locale',
  'log',
  'logsPath',
  'inspect-extensions',
  'inspect-brk-extensions',
  'enable-proposed-api',
  'disable-extension',
  'sync',
  'profile',
  'remote',
  'crash-reporter-directory',
]);
const IGNORED_BOOLEAN = new Set([
  'no-sandbox',
  'disable-gpu-sandbox',
  'disable-gpu',
  'disable-updates',
  'skip-welcome',
  'skip-release-notes',
  'disable-workspace-trust',
  'disable-telemetry',
  'disable-crash-reporter',
  'disable-chromium-sandbox',
  'new-window',
  'reuse-window',
  'wait',
  'verbose',
  'force',
  'disable-extensions',
  'disable-keytar',
  'use-inmemory-secretstorage',
]);

function parseArgs(argv) {
  const opts = { multi: {}, single: {}, positional: [], flags: new Set(), unknown: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      opts.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (VALUE_FLAGS.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      (opts.multi[name] ||= []).push(value);
      opts.single[name] = value;
    } else if (IGNORED_BOOLEAN.has(name)) {
      opts.flags.add(name);
    } else {
      opts.unknown.push(arg);
    }
  }
  return opts;
}

// What the workbench itself logs through codeAutomationLog on every start, and the harmless failures
// of a closed network (vscode-e2e.md): kept in workbench.log, not echoed between the test results.
const WORKBENCH_NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND (open-vsx\.org|[\w.-]*(telemetry|visualstudio|microsoft|github)[\w.-]*)/,
  /vsda/,
  /Unexpected SIGPIPE/,
];

const artifactsDir = path.resolve(process.env.STS_E2E_ARTIFACTS || path.join(cs.REPO_ROOT, 'test-results'));
const verbose = !!process.env.STS_E2E_VERBOSE;
const say = (msg) => process.stderr.write(`[vscode-shim] ${msg}\n`);

let workDir = null;
let server = null;
let browser = null;
let page = null;
let finished = false;

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (server) await server.stop();
  server = null;
  if (workDir && !process.env.STS_E2E_KEEP) cs.removeDir(workDir);
  else if (workDir) say(`kept ${workDir}`);
}

/** Ends the run with `code`: keeps the evidence of a failure, stops everything, exits. */
async function finish(code, why) {
  if (finished) return;
  finished = true;
  // If cleanup itself hangs, leave anyway.
  setTimeout(() => process.exit(code), 20_000).unref();
  if (why) say(why);
  if (code !== 0 && server) {
    fs.mkdirSync(artifactsDir, { recursive: true });
    for (const [from, to] of [
      [server.logFile, 'vscode-shim-code-server.log'],
      [path.join(workDir, 'workbench.log'), 'vscode-shim-workbench.log'],
    ]) {
      try {
        fs.copyFileSync(from, path.join(artifactsDir, to));
      } catch {
        // not written yet
      }
    }
    if (page) {
      await Promise.race([
        page.screenshot({ path: path.join(artifactsDir, 'vscode-shim-failure.png') }).catch(() => {}),
        new Promise((r) => setTimeout(r, 5000)),
      ]);
    }
  }
  await cleanup();
  process.exit(code);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const timeoutMs = Number(process.env.STS_E2E_TIMEOUT_MS || 150_000);
  workDir = cs.makeWorkDir();
  const userDataDir = path.resolve(opts.single['user-data-dir'] || path.join(workDir, 'data'));
  const extensionsDir = path.resolve(opts.single['extensions-dir'] || path.join(workDir, 'ext'));
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (opts.unknown.length) say(`ignoring flags: ${opts.unknown.join(' ')}`);
  if (opts.flags.has('disable-extensions')) {
    say('--disable-extensions has no code-server equivalent; the extensions folder is used as given');
  }
  setTimeout(() => finish(124, `deadline of ${timeoutMs} ms passed; stopping VS Code`), timeoutMs).unref();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => finish(130, `received ${sig}`));
  }

  // 1. --install-extension: install into the extensions folder (the CLI form exits afterwards).
  for (const vsix of opts.multi['install-extension'] || []) {
    const target = /\.vsix$/i.test(vsix) ? path.resolve(vsix) : vsix;
    const out = cs.installExtension(target, { workDir, userDataDir, extensionsDir, log: say });
    process.stdout.write(out);
  }
  const testsPath = opts.single.extensionTestsPath;
  if (!testsPath) {
    if (opts.multi['install-extension']) return finish(0);
    return finish(2, 'nothing to do: give --extensionTestsPath (or --install-extension)');
  }

  // 2. The server.
  server = await cs.startCodeServer({ workDir, userDataDir, extensionsDir, log: verbose ? say : () => {} });

  // 3. The window: the folder to open and the test payload, in VS Code's web payload form.
  const target = opts.positional[0] ? path.resolve(opts.positional[0]) : undefined;
  const payload = [];
  for (const dev of opts.multi.extensionDevelopmentPath || []) {
    payload.push(['extensionDevelopmentPath', cs.remoteUri(server.port, dev)]);
  }
  payload.push(['extensionTestsPath', cs.remoteUri(server.port, testsPath)]);
  const isWorkspace = target && /\.code-workspace$/.test(target);
  const url = cs.workbenchUrl(server, {
    folder: target && !isWorkspace ? target : undefined,
    workspace: isWorkspace ? target : undefined,
    payload,
  });

  browser = await cs.launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
  page.on('crash', () => finish(1, 'the VS Code page crashed'));
  browser.on('disconnected', () => finish(1, 'Chromium went away'));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (process.env.STS_E2E_RAWLOG) fs.appendFileSync(process.env.STS_E2E_RAWLOG, JSON.stringify([type, args]) + '\n');
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    fs.appendFileSync(path.join(workDir, 'workbench.log'), `[${type}] ${text}\n`);
    if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
    (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  if (verbose) {
    page.on('console', (m) => say(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => say(`[browser error] ${e.message}`));
  }
  if (verbose) say(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });

  const code = await exitCode;
  await finish(code);
}

main().catch((err) => finish(1, err && err.stack ? err.stack : String(err)));
