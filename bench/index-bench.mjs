// Benchmark of the workspace index (not a test): the real server (dist/server.js) over stdio on a
// generated workspace of 2,000 files / 10,000 documents (bench/generate.mjs: StorageClass, ConfigMap,
// headless Service, StatefulSet cycles, a Service's StatefulSet sometimes in the next file).
//
//   npm run build && node bench/index-bench.mjs [--files 2000] [--per-file 5] [--rounds 3] [--edits 10]
//
// Measures, as the median of several rounds (results on stdout, one JSON line at the end):
// - cold index: initialize → end of the work-done progress (every file read and parsed);
// - all published: initialize → diagnostics published for every file (closed files are checked in the
//   background after indexing);
// - memory: resident set size of the server process after both;
// - open during indexing: a document opened right after initialize, until its first diagnostics
//   (indexing must not hold it up);
// - edit → another file: a Service renamed in an open file until the closed file holding its
//   StatefulSet is re-published with sts/service-missing (and back, until it is cleared); the
//   120 ms typing debounce is included;
// - edit → same file: a `replicas` change (no cross-file fact changes) until the file is re-published.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeWorkspace } from './generate.mjs';
import { LspServer, positionAt } from './lsp-client.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const files = option('files', 2000);
const perFile = option('per-file', 5);
const rounds = option('rounds', 3);
const edits = option('edits', 10);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value) => Math.round(value * 10) / 10;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
  return performance.now();
}

/** didOpen without waiting: a file already published while closed is not re-published when opened unchanged. */
async function open(server, uri, text) {
  server.versions.set(uri, 1);
  await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await sleep(50);
}

function startServer(dir) {
  return new LspServer('statefulset', [join(repo, 'dist', 'server.js'), '--stdio'], {
    workspaceFolders: [dir],
    configuration: (section) => (section === 'statefulset' ? {} : section === 'files.exclude' ? { '**/.git': true } : null),
  });
}

/** Files f whose last document is a headless Service whose StatefulSet opens file f + 1 (f ≡ 2 mod 4 with 5 documents per file). */
function crossFilePairs(paths) {
  const pairs = [];
  for (let file = 0; file + 1 < paths.length; file++) {
    const text = readFileSync(paths[file], 'utf8');
    const last = text.split('---\n').pop();
    const match = /^kind: Service\nmetadata:\n {2}name: (\S+)-headless$/m.exec(last);
    if (match && readFileSync(paths[file + 1], 'utf8').startsWith(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${match[1]}\n`)) {
      pairs.push({ service: paths[file], statefulSet: paths[file + 1], name: `${match[1]}-headless` });
    }
  }
  return pairs;
}

const dir = mkdtempSync(join(tmpdir(), 'sts-index-bench-'));
const paths = writeWorkspace(dir, files, perFile);
const uris = paths.map((path) => pathToFileURL(path).href);
console.log(`workspace: ${files} files × ${perFile} documents = ${files * perFile} documents in ${dir}`);

const cold = { indexMs: [], publishedMs: [], rssIndexedMiB: [], rssPublishedMiB: [], openDuringIndexMs: [] };
const crossFile = [];
const sameFile = [];
try {
  for (let run = 0; run < rounds; run++) {
    const server = startServer(dir);
    const started = performance.now();
    await server.initialize();
    await sleep(300);
    const opened = await server.timeOpen(pathToFileURL(join(tmpdir(), 'sts-index-bench-open.yaml')).href, readFileSync(paths[1], 'utf8'));
    if ([...server.progress.values()].includes('end')) console.log('note: indexing ended before the document was opened');
    cold.openDuringIndexMs.push(opened.ms);
    const indexed = await waitUntil(() => [...server.progress.values()].includes('end'), 600000, 'the end of indexing');
    cold.indexMs.push(indexed - started);
    cold.rssIndexedMiB.push(server.rssMiB());
    const published = await waitUntil(() => uris.every((uri) => server.published.has(uri)), 600000, 'diagnostics of every file');
    cold.publishedMs.push(published - started);
    cold.rssPublishedMiB.push(server.rssMiB());
    console.log(`round ${run + 1}: indexed in ${round(indexed - started)} ms, all ${uris.length} files published in ${round(published - started)} ms, RSS ${round(server.rssMiB())} MiB`);

    if (run === rounds - 1) {
      // Edits on the warm server of the last round.
      const pairs = crossFilePairs(paths).slice(0, Math.ceil(edits / 2));
      for (const pair of pairs) {
        const serviceUri = pathToFileURL(pair.service).href;
        const statefulSetUri = pathToFileURL(pair.statefulSet).href;
        const text = readFileSync(pair.service, 'utf8');
        await open(server, serviceUri, text);
        const at = text.lastIndexOf(`name: ${pair.name}`) + 'name: '.length + pair.name.length - 1;
        const range = { start: positionAt(text, at), end: positionAt(text, at + 1) };
        const has = (diagnostics) => diagnostics.some((d) => d.code === 'sts/service-missing');
        for (const [newText, accept] of [['x', has], [pair.name.slice(-1), (diagnostics) => !has(diagnostics)]]) {
          const waiting = server.waitForDiagnostics(statefulSetUri, accept);
          const start = performance.now();
          const version = (server.versions.get(serviceUri) ?? 1) + 1;
          server.versions.set(serviceUri, version);
          await server.notify('textDocument/didChange', { textDocument: { uri: serviceUri, version }, contentChanges: [{ range, text: newText }] });
          const { at: done } = await waiting;
          crossFile.push(done - start);
        }
        await server.close(serviceUri);
      }
      const own = paths[1];
      const ownUri = pathToFileURL(own).href;
      const ownText = readFileSync(own, 'utf8');
      await open(server, ownUri, ownText);
      // A negative replica count gives a finding, removing the '-' clears it: diagnostics change each time.
      const replicas = ownText.indexOf('replicas: 3') + 'replicas: '.length;
      const position = positionAt(ownText, replicas);
      for (let edit = 0; edit < edits; edit++) {
        const negative = edit % 2 === 0;
        const count = server.published.get(ownUri)?.diagnostics.length ?? 0;
        const range = negative ? { start: position, end: position } : { start: position, end: { ...position, character: position.character + 1 } };
        const result = await server.timeChange(ownUri, range, negative ? '-' : '', (diagnostics) => diagnostics.length !== count);
        sameFile.push(result.ms);
      }
      await server.close(ownUri);
    }
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const summary = {
  files, documents: files * perFile, rounds,
  coldIndexMs: round(median(cold.indexMs)),
  allPublishedMs: round(median(cold.publishedMs)),
  rssAfterIndexMiB: round(median(cold.rssIndexedMiB)),
  rssAfterPublishMiB: round(median(cold.rssPublishedMiB)),
  openDuringIndexMs: round(median(cold.openDuringIndexMs)),
  editToOtherFileMs: crossFile.length ? round(median(crossFile)) : null,
  editToOtherFileMaxMs: crossFile.length ? round(Math.max(...crossFile)) : null,
  editToSameFileMs: sameFile.length ? round(median(sameFile)) : null,
  edits: { crossFile: crossFile.length, sameFile: sameFile.length },
};
console.log(`
cold index (median of ${rounds})        ${summary.coldIndexMs} ms
every file published (median)      ${summary.allPublishedMs} ms
server RSS after index / publish   ${summary.rssAfterIndexMiB} / ${summary.rssAfterPublishMiB} MiB
open during indexing → diagnostics ${summary.openDuringIndexMs} ms (median)
edit → other file's diagnostics    ${summary.editToOtherFileMs} ms median, ${summary.editToOtherFileMaxMs} ms max (${crossFile.length} edits, 120 ms debounce included)
edit → same file's diagnostics     ${summary.editToSameFileMs} ms median (${sameFile.length} edits, no cross-file change)`);
console.log(JSON.stringify(summary));
