'use strict';
// Start and stop code-server (a real VS Code served to a browser) and a headless Chromium driven by
// playwright-core, for the VS Code tests on a machine that cannot download desktop VS Code.
// The recipe and its pitfalls are in ../shared/design/vscode-e2e.md. Everything the server writes
// goes into one temporary folder; it listens on 127.0.0.1 only, on a port the OS picks.

const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Settings that keep a test window quiet and offline: no welcome page, no update or gallery checks.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'files.watcherExclude': { '**/node_modules/**': true, '**/.vscode-test/**': true },
};

function codeServerDir() {
  return process.env.STS_CODE_SERVER_DIR || path.join(REPO_ROOT, '.vscode-test', 'code-server');
}

function codeServerEntry() {
  const entry = path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`code-server is not installed (no ${entry}); run scripts/e2e/install-code-server.sh`);
  }
  return entry;
}

function chromiumPath() {
  const candidates = [process.env.STS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('no Chromium found (apt-get install chromium, or set STS_CHROMIUM)');
  return found;
}

/** A fresh temporary folder with the sub-folders code-server writes to. */
function makeWorkDir(prefix = 'sts-vscode-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const sub of ['xdg/config', 'xdg/data', 'xdg/cache', 'data/User', 'ext', 'chromium']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  // Our own config file, so that code-server does not write one with a generated password.
  fs.writeFileSync(path.join(dir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return dir;
}

function writeUserSettings(userDataDir, extra = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // no settings yet
  }
  fs.writeFileSync(file, JSON.stringify({ ...USER_SETTINGS, ...current, ...extra }, null, 2));
}

function serverEnv(workDir, extraEnv = {}) {
  return {
    ...process.env,
    ...extraEnv,
    XDG_CONFIG_HOME: path.join(workDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(workDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(workDir, 'xdg', 'cache'),
    // Never let the server or its extension host open a browser or talk to a gallery.
    BROWSER: 'true',
  };
}

function baseArgs(workDir, userDataDir, extensionsDir) {
  return [
    '--auth', 'none',
    '--config', path.join(workDir, 'config.yaml'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
  ];
}

/** Runs `code-server --install-extension <vsix>` into extensionsDir; resolves with its output. */
function installExtension(vsixOrId, { workDir, userDataDir, extensionsDir, timeoutMs = 90_000, log = () => {} }) {
  const args = [codeServerEntry(), ...baseArgs(workDir, userDataDir, extensionsDir), '--force', '--install-extension', vsixOrId];
  log(`installing ${vsixOrId} into ${extensionsDir}`);
  const res = cp.spawnSync(process.execPath, args, {
    env: serverEnv(workDir),
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const output = `${res.stdout || ''}${res.stderr || ''}`;
  if (res.error || res.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsixOrId} failed (status ${res.status}${res.error ? `, ${res.error.message}` : ''}):\n${output}`);
  }
  return output;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Process groups started here; whatever is still running when this process exits is killed, so an
// interrupted run leaves no server behind.
const startedGroups = new Set();
process.on('exit', () => {
  for (const pid of startedGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Kills a process group: SIGTERM, then SIGKILL if anything is left after graceMs. */
async function killGroup(pid, graceMs = 4000) {
  if (!pid) return;
  if (!groupAlive(pid)) {
    startedGroups.delete(pid);
    return;
  }
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pid)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  startedGroups.delete(pid);
}

/**
 * Starts code-server on 127.0.0.1 with a port the OS picks, in its own process group.
 * Resolves once it listens: { url, port, pid, logFile, stop() }.
 */
function startCodeServer({ workDir, userDataDir, extensionsDir, env = {}, startTimeoutMs = 30_000, log = () => {} }) {
  userDataDir = userDataDir || path.join(workDir, 'data');
  extensionsDir = extensionsDir || path.join(workDir, 'ext');
  writeUserSettings(userDataDir);
  const logFile = path.join(workDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  // STS_CODE_SERVER_ARGS: more flags, e.g. "--vscode-option enable-smoke-test-driver" for code-server
  // releases whose VS Code honours the test payload only with the smoke-test driver (vscode-e2e.md).
  const extra = (process.env.STS_CODE_SERVER_ARGS || '').split(/\s+/).filter(Boolean);
  const args = [codeServerEntry(), '--bind-addr', '127.0.0.1:0', ...baseArgs(workDir, userDataDir, extensionsDir), ...extra];
  const proc = cp.spawn(process.env.STS_CODE_SERVER_NODE || process.execPath, args, {
    env: serverEnv(workDir, env),
    detached: true, // own process group: its watchers and extension hosts die with it
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const pid = proc.pid;
  startedGroups.add(pid);
  let exited = null;
  proc.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const stop = () => killGroup(pid);

  return new Promise((resolve, reject) => {
    const deadline = Date.now() + startTimeoutMs;
    const poll = () => {
      const text = fs.readFileSync(logFile, 'utf8');
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\/?/.exec(text);
      if (m) {
        const port = Number(m[2]);
        log(`code-server listening on ${m[1]} (pid ${pid}, log ${logFile})`);
        resolve({ url: m[1], port, pid, logFile, userDataDir, extensionsDir, stop });
        return;
      }
      if (exited || Date.now() > deadline) {
        stop().finally(() =>
          reject(new Error(`code-server did not start (${exited ? `exited ${JSON.stringify(exited)}` : 'timed out'}):\n${text}`)),
        );
        return;
      }
      setTimeout(poll, 50);
    };
    poll();
  });
}

/** Launches headless Chromium through playwright-core with the flags this closed network needs. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 30_000,
  });
}

/** A vscode-remote URI for a path on this machine, as the web workbench's payload wants it. */
function remoteUri(port, absPath) {
  const p = path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://127.0.0.1:${port}${p.startsWith('/') ? '' : '/'}${p}`;
}

/** The workbench URL that opens `folder` (or a .code-workspace) with an optional payload. */
function workbenchUrl(server, { folder, workspace, payload } = {}) {
  const params = [];
  if (workspace) params.push(`workspace=${encodeURIComponent(path.resolve(workspace))}`);
  else if (folder) params.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  if (payload && payload.length) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/${params.length ? `?${params.join('&')}` : ''}`;
}

function removeDir(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // best effort: a watcher may still hold a file for a moment
  }
}

module.exports = {
  REPO_ROOT,
  CHROMIUM_FLAGS,
  codeServerDir,
  codeServerEntry,
  chromiumPath,
  makeWorkDir,
  writeUserSettings,
  installExtension,
  startCodeServer,
  launchBrowser,
  killGroup,
  remoteUri,
  workbenchUrl,
  removeDir,
};
