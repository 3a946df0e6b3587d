// npm run bench: our language server against the peer (yaml-language-server, the most used YAML
// server, which uses the same `yaml` parser), on the same generated inputs and the same schemas, in the
// same run; then the CLI and the engine against a bare `yaml` parse. Writes the results into
// BENCHMARKS.md (between the bench:results markers; the rest of the file is kept) and the raw
// figures into bench-results/latest.json.
//
//   node bench/run.mjs [--rounds 7] [--only lsp,workspace,cli,engine,linear,kustomize,helm] [--no-write]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { middleReplicasOffset, multiDocumentFile, stackEditOffsets, stackFile, writeWorkspace } from './generate.mjs';
import { LspServer, positionAt } from './lsp-client.mjs';
import { writePeerSchema } from './peer-schema.mjs';
import { engineVersusParse } from './engine-bench.mjs';
import { linearBench } from './linear-bench.mjs';
import { kustomizeBench } from './kustomize-bench.mjs';
import { helmSaveBench } from './helm-save-bench.mjs';
import { renderReport, targets } from './report.mjs';
import { buildDebounceVariant } from './variant.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const rounds = Number(option('rounds', '7'));
const only = new Set(option('only', 'lsp,edits,burst,workspace,cli,engine,linear,kustomize,helm').split(','));
const write = !args.includes('--no-write');
const sizes = [10, 100, 1000];
const workspaceFiles = 2000;
const workspaceDocsPerFile = 5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length, values });
const log = (text) => process.stderr.write(`${text}\n`);

function machine() {
  const cpu = cpus();
  let commit = 'unknown';
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  const peerVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version;
  return {
    date: new Date().toISOString(),
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: loadavg().map((value) => value.toFixed(2)).join(' '),
    commit,
    peer: `yaml-language-server ${peerVersion}`,
  };
}

const peerDebounceMs = 200;
const oursChangeDebounceMs = (() => {
  const source = ['startServer.ts', 'workspace-server.ts'].map((name) => { try { return readFileSync(join(root, 'server', 'src', 'lsp', name), 'utf8'); } catch { return ''; } }).join('\n');
  const fixed = /changeDebounceMs\s*=\s*(\d+)/.exec(source);
  if (fixed) return `${fixed[1]} ms`;
  const min = /minDebounceMs\s*=\s*(\d+)/.exec(source);
  const max = /maxDebounceMs\s*=\s*(\d+)/.exec(source);
  return min && max ? `half as long as its last re-check of that document took, ${min[1]}–${max[1]} ms` : undefined;
})();

function startOurs(options = {}) {
  return new LspServer('ours', [join(root, 'dist', 'server.js'), '--stdio'], { configuration: () => ({}), ...options });
}

function startPeer(schemaPath) {
  const yaml = {
    validate: true, hover: true, completion: true, format: { enable: false },
    schemaStore: { enable: false }, kubernetesCRDStore: { enable: false },
    schemas: { [pathToFileURL(schemaPath).href]: ['*.yaml'] },
  };
  return new LspServer('peer', [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], {
    configuration: (section) => (section === 'yaml' ? yaml : section === 'editor' ? { tabSize: 2, detectIndentation: true } : {}),
  });
}

/** A text with one planted mistake (`replicas: x`), so both servers have something to report. */
function benchText(count) {
  return multiDocumentFile(count).replace('replicas: 3', 'replicas: x');
}

async function measureChange(server, big) {
  const at = positionAt(big, middleReplicasOffset(big));
  const range = { start: at, end: { line: at.line, character: at.character + 1 } };
  const uri = `file:///bench/${server.name}/change/bench-1000.yaml`;
  const opened = await server.timeOpen(uri, big);
  const base = opened.diagnostics.length;
  const times = [];
  for (let round = 0; round < rounds * 4 + 1; round++) {
    const breaking = round % 2 === 0;
    const { ms } = await server.timeChange(uri, range, breaking ? 'y' : '3', (list) => list.length === (breaking ? base + 1 : base));
    if (round > 0) times.push(ms);
  }
  await server.close(uri);
  return summary(times);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * One-character edits that other documents depend on, in a file of 1,000 StatefulSets with their
 * headless Services: the Service's name, a pod template label, the Service's selector and a plain value,
 * in turn; each inserts a character (breaking a link or a value) and removes it again. Ours is timed
 * until the diagnostics it publishes change as they must; the peer until it publishes again (it checks
 * the schema only, so the same edits give it nothing new to say).
 */
async function editsBench(work) {
  const count = 1000;
  const text = stackFile(count);
  const offsets = stackEditOffsets(text, count);
  const servers = [startOurs(), startPeer(work.peerSchema)];
  for (const server of servers) await server.initialize();
  await servers[1].notify('workspace/didChangeConfiguration', { settings: {} });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result = { documents: count * 2, lines: text.split('\n').length, kinds: {} };
  for (const server of servers) {
    const uri = `file:///bench/${server.name}/edits/stack-${count}.yaml`;
    await server.timeOpen(uri, text);
    // The first diagnostics may come before the workspace rules ran: wait until they settle.
    let base = -1;
    for (let settled = 0; settled < 3;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = server.published.get(uri)?.diagnostics.length ?? 0;
      settled = now === base ? settled + 1 : 0;
      base = now;
    }
    let current = text;
    for (const [kind, offset] of Object.entries(offsets)) {
      const times = [];
      // An even number of edits (each insertion is removed again), the first two a warm-up.
      for (let round = 0; round < rounds * 4 + 2; round++) {
        const breaking = round % 2 === 0;
        const at = positionAt(current, offset);
        const range = breaking ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
        const accept = server.name === 'peer' ? () => true : (list) => (list.length === base) !== breaking;
        const { ms } = await server.timeChange(uri, range, breaking ? 'x' : '', accept);
        current = breaking ? `${current.slice(0, offset)}x${current.slice(offset)}` : `${current.slice(0, offset)}${current.slice(offset + 1)}`;
        if (round > 1) times.push(ms);
      }
      (result.kinds[kind] ??= {})[server.name] = { ...summary(times), p95: percentile(times, 95) };
      log(`edit ${kind} ${server.name}: median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);
    }
    await server.close(uri);
  }
  for (const server of servers) await server.stop();
  return result;
}

/**
 * Requests while the user types (issue 19): on the 1,000-document file, a one-character edit every 20 ms
 * (a digit replaced, so positions stay put) for 6 s, and after every edit a completion, hover or code
 * action request at the edited line, in turn, without waiting for anything: each request's latency is
 * recorded. Then completion on a 1.9 MB file (3,000 documents), once the file is open and checked.
 */
async function burstBench(work) {
  const text = benchText(1000);
  const big = multiDocumentFile(3000);
  const servers = [startOurs(), startPeer(work.peerSchema)];
  for (const server of servers) await server.initialize();
  await servers[1].notify('workspace/didChangeConfiguration', { settings: {} });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result = { edits: 300, intervalMs: 20, bigBytes: big.length, burst: {}, completionBig: {} };
  const offsets = [...text.matchAll(/replicas: (\d)/g)].map((match) => match.index + 'replicas: '.length);
  const kinds = ['textDocument/completion', 'textDocument/hover', 'textDocument/codeAction'];
  for (const server of servers) {
    const uri = `file:///bench/${server.name}/burst/bench-1000.yaml`;
    await server.timeOpen(uri, text);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const latencies = [];
    const pending = [];
    let version = 1;
    for (let index = 0; index < result.edits; index++) {
      const offset = offsets[(index * 37) % offsets.length];
      const at = positionAt(text, offset);
      const digit = index % 2 === 0 ? '4' : '3';
      await server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: digit }] });
      const method = kinds[index % kinds.length];
      const position = method === 'textDocument/completion' ? { line: at.line, character: 2 } : at;
      const params = method === 'textDocument/codeAction'
        ? { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } }
        : { textDocument: { uri }, position };
      const started = performance.now();
      pending.push(server.request(method, params).then(() => latencies.push(performance.now() - started), () => latencies.push(performance.now() - started)));
      await new Promise((resolve) => setTimeout(resolve, result.intervalMs));
    }
    await Promise.all(pending);
    const sorted = [...latencies].sort((a, b) => a - b);
    result.burst[server.name] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], n: sorted.length };
    log(`burst ${server.name}: p50 ${result.burst[server.name].p50.toFixed(1)} ms, p95 ${result.burst[server.name].p95.toFixed(1)} ms, max ${result.burst[server.name].max.toFixed(1)} ms`);
    await server.close(uri);

    const bigUri = `file:///bench/${server.name}/burst/big-3000.yaml`;
    await server.timeOpen(bigUri, big);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const middle = positionAt(big, big.indexOf('replicas: ', big.length >> 1));
    const times = [];
    for (let round = 0; round < rounds + 1; round++) {
      const started = performance.now();
      await server.request('textDocument/completion', { textDocument: { uri: bigUri }, position: { line: middle.line, character: 2 } });
      if (round > 0) times.push(performance.now() - started);
    }
    result.completionBig[server.name] = summary(times);
    log(`completion 1.9 MB ${server.name}: median ${median(times).toFixed(1)} ms`);
    await server.close(bigUri);
  }
  for (const server of servers) await server.stop();
  return result;
}

async function lspBench(work) {
  const servers = [startOurs(), startPeer(work.peerSchema)];
  for (const server of servers) await server.initialize();
  // The peer reads its settings (the schema association) when told the configuration changed.
  await servers[1].notify('workspace/didChangeConfiguration', { settings: {} });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const texts = new Map(sizes.map((size) => [size, benchText(size)]));
  const result = { open: {}, firstOpen: {}, change: {}, rss: {}, agreement: {} };
  for (const server of servers) {
    result.open[server.name] = {};
    result.firstOpen[server.name] = {};
  }

  // Open: a fresh uri each round, closed afterwards; the first (cold) round is reported apart.
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 ? [...servers].reverse() : servers;
    for (const size of sizes) {
      for (const server of order) {
        const uri = `file:///bench/${server.name}/round-${round}/bench-${size}.yaml`;
        const { ms, diagnostics } = await server.timeOpen(uri, texts.get(size));
        if (round === 0) result.firstOpen[server.name][size] = ms;
        else (result.open[server.name][size] ??= []).push(ms);
        result.agreement[`${server.name}/${size}`] = diagnostics.length;
        await server.close(uri);
        await server.waitForDiagnostics(uri, (list) => list.length === 0, 5000).catch(() => undefined);
      }
    }
    log(`open round ${round}/${rounds}`);
  }
  for (const server of servers) {
    for (const size of sizes) result.open[server.name][size] = summary(result.open[server.name][size]);
  }

  // Change: one character in the middle of the 1,000-document file, alternately breaking and
  // repairing a field, so that every change gives different diagnostics to wait for.
  const big = texts.get(1000);
  for (const server of servers) {
    result.change[server.name] = await measureChange(server, big);
    log(`change ${server.name}: ${result.change[server.name].median.toFixed(1)} ms`);
  }
  // What the keystroke debounce costs: the same server built with no debounce (bench/variant.mjs).
  if (work.variantServer) {
    const variant = new LspServer('ours-no-debounce', [work.variantServer, '--stdio'], { configuration: () => ({}) });
    await variant.initialize();
    result.change[variant.name] = await measureChange(variant, big);
    log(`change ${variant.name}: ${result.change[variant.name].median.toFixed(1)} ms`);
    await variant.stop();
  }

  // Memory: every benchmark file open at once.
  for (const server of servers) {
    for (const size of sizes) await server.timeOpen(`file:///bench/${server.name}/all/bench-${size}.yaml`, texts.get(size));
    await new Promise((resolve) => setTimeout(resolve, 500));
    result.rss[server.name] = server.rssMiB();
  }
  for (const server of servers) await server.stop();
  return result;
}

/** Our server with the generated workspace as its folder: memory once the workspace is indexed. */
async function workspaceBench(work) {
  const server = startOurs({ workspaceFolders: [work.workspace] });
  const started = performance.now();
  await server.initialize();
  const first = work.workspaceFiles[Math.floor(work.workspaceFiles.length / 2)];
  const uri = pathToFileURL(first).href;
  const opened = await server.timeOpen(uri, readFileSync(first, 'utf8'));
  // Wait until the server has been quiet (no CPU use) for a second: indexing done.
  let last = -1;
  for (let waited = 0; waited < 120; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ticks = cpuTicks(server.pid);
    if (ticks === last) break;
    last = ticks;
  }
  const rss = server.rssMiB();
  const settled = performance.now() - started;
  await server.stop();
  return { rss, openMs: opened.ms, settledMs: settled };
}

function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

function cliBench(work) {
  const walls = [];
  const cpuTimes = [];
  const bareWalls = [];
  let findings = -1;
  for (let round = 0; round < rounds; round++) {
    const report = join(work.dir, `cli-cpu-${round}.json`);
    const started = performance.now();
    const child = spawnSync(process.execPath, ['--require', join(root, 'bench', 'cpu-usage.cjs'), join(root, 'dist', 'cli.js'), '--format', 'json', work.workspace], {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, BENCH_CPU_REPORT: report },
    });
    walls.push(performance.now() - started);
    if (child.status !== 0 && child.status !== 1) throw new Error(`CLI failed: ${child.stderr}`);
    findings = JSON.parse(child.stdout).length;
    cpuTimes.push(JSON.parse(readFileSync(report, 'utf8')).cpuMs);
    // The same-run reference, interleaved: a fresh process that only parses the files with `yaml`.
    const bareStarted = performance.now();
    const bare = spawnSync(process.execPath, [join(root, 'bench', 'bare-parse.cjs'), work.workspace], { encoding: 'utf8' });
    bareWalls.push(performance.now() - bareStarted);
    if (bare.status !== 0 || Number(bare.stdout) !== workspaceFiles * workspaceDocsPerFile) throw new Error(`bare parse failed: ${bare.stderr || bare.stdout}`);
  }
  const resources = workspaceFiles * workspaceDocsPerFile;
  return {
    files: workspaceFiles, resources, findings,
    wall: summary(walls), cpu: summary(cpuTimes), bareParseWall: summary(bareWalls),
    overBareParse: median(walls) / median(bareWalls),
    resourcesPerSecond: resources / (median(walls) / 1000),
    resourcesPerCpuSecond: resources / (median(cpuTimes) / 1000),
  };
}

async function main() {
  if (!existsSync(join(root, 'dist', 'server.js')) || !existsSync(join(root, 'out', 'server', 'src', 'engine', 'index.js'))) {
    throw new Error('build first: npm run build');
  }
  const dir = mkdtempSync(join(tmpdir(), 'statefulset-bench-'));
  try {
    const work = { dir, peerSchema: join(dir, 'peer-schema.json'), workspace: join(dir, 'workspace') };
    work.peerSchemaInfo = writePeerSchema(join(root, 'dist', 'schemas', 'kubernetes.json'), work.peerSchema);
    mkdirSync(work.workspace);
    work.workspaceFiles = writeWorkspace(work.workspace, workspaceFiles, workspaceDocsPerFile);
    if (only.has('lsp')) work.variantServer = await buildDebounceVariant(join(dir, 'variant'), 0);
    const results = { machine: machine(), rounds, oursChangeDebounceMs, peerDebounceMs, peerSchema: work.peerSchemaInfo };
    results.inputs = Object.fromEntries(sizes.map((size) => {
      const text = benchText(size);
      return [size, { bytes: text.length, lines: text.split('\n').length }];
    }));
    if (only.has('lsp')) { log('language servers...'); results.lsp = await lspBench(work); }
    if (only.has('edits')) { log('edits that other documents depend on...'); results.edits = await editsBench(work); }
    if (only.has('burst')) { log('requests during a burst of edits...'); results.burst = await burstBench(work); }
    if (only.has('workspace')) { log('workspace...'); results.workspace = await workspaceBench(work); }
    if (only.has('cli')) { log('CLI...'); results.cli = cliBench(work); }
    if (only.has('engine')) { log('engine vs bare parse...'); results.engine = engineVersusParse(work.workspaceFiles, rounds, root); }
    if (only.has('linear')) { log('doubling ratios on hostile inputs...'); results.linear = linearBench(); }
    if (only.has('kustomize')) { log('Kustomize overlays against kubectl kustomize...'); results.kustomize = kustomizeBench(rounds); }
    if (only.has('helm')) { log('Helm: save of a template → rendered diagnostics, against helm template...'); results.helm = await helmSaveBench(Math.max(rounds, 9)); }
    results.targets = targets(results);
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results', 'latest.json'), JSON.stringify(results, null, 2));
    const report = renderReport(results);
    process.stdout.write(`${report}\n`);
    if (write) {
      const path = join(root, 'BENCHMARKS.md');
      const start = '<!-- bench:results:start -->';
      const end = '<!-- bench:results:end -->';
      const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
      const before = current.includes(start) ? current.slice(0, current.indexOf(start)) : `${current}\n`;
      const after = current.includes(end) ? current.slice(current.indexOf(end) + end.length) : '\n';
      writeFileSync(path, `${before}${start}\n${report}\n${end}${after}`);
      log(`wrote ${path}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exitCode = 1;
});
