// Helm in the language server: the time from saving a template (didSave) to the refreshed diagnostics
// of the rendered chart, on a 10-template chart (bench/helm-chart.mjs), against `helm template` alone in
// the same run (target: at most 1.5× Helm's own time). Each round edits a value-driven mistake in and
// out of the StatefulSet template: the edit is first checked statically (no render per keystroke), the
// save renders, and the diagnostics that only the render gives mark the end.
//
//   node bench/helm-save-bench.mjs [--rounds 9]   (after npm run build)
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { k8sBinaries } from '../scripts/tools/k8s-binaries.mjs';
import { benchChart } from './helm-chart.mjs';
import { LspServer } from './lsp-client.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function helmAlone(helm, dir) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    execFile(helm, ['template', 'release-name', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error) => (error ? reject(error) : resolve(performance.now() - started)));
  });
}

/** The rendered-only finding the rounds toggle: a probe port the container's range-fed ports lack. */
const good = '              port: tcp-kvdb';
const bad = '              port: tcp-kvbd';
const renderedOnly = (diagnostics) => diagnostics.some((d) => d.code === 'pod/probe-port-unknown');

async function oneRelease(release, rounds) {
  const { helm, versions } = k8sBinaries(release);
  const dir = benchChart();
  const file = join(dir, 'templates', 'statefulset.yaml');
  const uri = pathToFileURL(file).href;
  const server = new LspServer('ours', [join(root, 'dist', 'server.js'), '--stdio'], {
    workspaceFolders: [dirname(dir)], initializationOptions: { workspaceTrusted: true },
    configuration: (section) => (section === 'statefulset' ? { helm: { path: helm } } : null),
  });
  try {
    await server.initialize();
    let text = readFileSync(file, 'utf8');
    let version = 1;
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    // The first check and render (on open), and a warm helm.
    await server.waitForDiagnostics(uri);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await helmAlone(helm, dir);
    const saves = [];
    const alone = [];
    for (let round = 0; round < rounds * 2; round++) {
      const next = round % 2 === 0 ? text.replace(good, bad) : text.replace(bad, good);
      // Typing: checked statically (the probe's port list is fed by a range: unknown without a render), which
      // publishes nothing new; the re-check after the keystroke is over well within this pause.
      await server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: next }] });
      await new Promise((resolve) => setTimeout(resolve, 300));
      text = next;
      writeFileSync(file, text);
      if (round % 4 === 0) alone.push(await helmAlone(helm, dir));
      const expectRendered = round % 2 === 0;
      // A save that removes the mistake publishes nothing new (the static check already agrees): only the saves that add it are timed.
      const refreshed = expectRendered ? server.waitForDiagnostics(uri, renderedOnly) : undefined;
      const started = performance.now();
      await server.notify('textDocument/didSave', { textDocument: { uri } });
      if (refreshed) saves.push((await refreshed).at - started);
      else await new Promise((resolve) => setTimeout(resolve, 400));
      if (round % 4 === 2) alone.push(await helmAlone(helm, dir));
    }
    const result = { helm: versions.helm, templates: 10, helmAloneMs: median(alone), saveMs: median(saves), ratio: median(saves) / median(alone), target: 1.5, rounds: saves.length };
    process.stderr.write(`helm ${result.helm}: save → rendered diagnostics ${result.saveMs.toFixed(1)} ms, helm template alone ${result.helmAloneMs.toFixed(1)} ms: ratio ${result.ratio.toFixed(2)} (target ≤ 1.5)\n`);
    return result;
  } finally {
    await server.stop?.();
    rmSync(dirname(dir), { recursive: true, force: true });
  }
}

export async function helmSaveBench(rounds = 9) {
  const results = [];
  for (const release of ['v32', 'v35']) results.push(await oneRelease(release, rounds));
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const rounds = Number(args[args.indexOf('--rounds') + 1] || 9) || 9;
  console.log(JSON.stringify(await helmSaveBench(rounds), null, 2));
}
