// Helm render benchmark: on a 10-template chart (the kvdb test chart and two more templates), the
// median time of `helm template` alone against our whole path after a save: the runner (temporary
// HOME/HELM_* folders, execFile) + every template read statically + the output split into objects
// + the origin of every rendered field. Target: our path at most 1.5x Helm's own time. Run after
// `npm run build`; uses the real helm binaries (scripts/tools/k8s-binaries.mjs).
//
//   node bench/helm-bench.mjs [--rounds 15] [--release v35|v32|all] [--json]
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { k8sBinaries } from '../scripts/tools/k8s-binaries.mjs';
import { benchChart } from './helm-chart.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const rounds = Number(option('rounds', '15'));
const releases = option('release', 'all') === 'all' ? ['v32', 'v35'] : [option('release', 'v35')];
const require = createRequire(join(root, 'package.json'));
const out = (...parts) => join(root, 'out', 'server', 'src', ...parts);
const { chartLayouts } = require(out('engine', 'helm', 'chart.js'));
const { readChartTemplates, renderedBuild } = require(out('engine', 'helm', 'render.js'));
const { runHelmTemplate } = require(out('tools', 'helm-runner.js'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function helmAlone(helm, dir) {
  return new Promise((resolve, reject) => {
    execFile(helm, ['template', 'release-name', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

function leafPaths(value, path = [], found = []) {
  if (Array.isArray(value)) value.forEach((item, index) => leafPaths(item, [...path, index], found));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) leafPaths(item, [...path, key], found);
  else found.push(path);
  return found;
}

/** What a save costs us: render with the runner, read the templates, build the objects, place every field. */
async function ourPath(helm, dir) {
  const files = filesUnder(dir);
  const started = now();
  const texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  const layout = chartLayouts(files.filter((file) => file.endsWith('/Chart.yaml')).map((uri) => ({ uri, text: texts.get(uri) })))[0];
  const rendering = runHelmTemplate({ helm, chartDir: dir });
  const readings = readChartTemplates(files.filter((file) => /\/templates\/.*\.(?:ya?ml|tpl)$/.test(file)).map((uri) => ({ uri, text: texts.get(uri) })));
  const result = await rendering;
  if (!result.ok) throw new Error(`helm template failed: ${result.stderr ?? result.message}`);
  const renderedAt = now();
  const build = renderedBuild({ chart: layout, output: result.stdout, template: (uri) => readings.get(uri), label: 'kvdb', inputs: files });
  let fields = 0;
  for (const object of build.objects) for (const path of leafPaths(object.value)) { object.originOf(path); fields++; }
  const ended = now();
  return { total: ended - started, pure: ended - renderedAt, objects: build.objects.length, fields, templates: readings.size };
}

const dir = benchChart();
const report = { date: new Date().toISOString(), cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`, node: process.version, rounds, results: [] };
try {
  for (const release of releases) {
    const { helm, versions } = k8sBinaries(release);
    await helmAlone(helm, dir);
    await ourPath(helm, dir);
    const alone = [];
    const ours = [];
    const pure = [];
    let shape;
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so neither side always runs on a warmer machine.
      const first = round % 2 === 0;
      if (first) { const started = now(); await helmAlone(helm, dir); alone.push(now() - started); }
      const measured = await ourPath(helm, dir);
      ours.push(measured.total);
      pure.push(measured.pure);
      shape = measured;
      if (!first) { const started = now(); await helmAlone(helm, dir); alone.push(now() - started); }
    }
    const result = {
      helm: versions.helm, templates: shape.templates, objects: shape.objects, fields: shape.fields,
      helmAloneMs: median(alone), oursMs: median(ours), pureMs: median(pure), ratio: median(ours) / median(alone), target: 1.5,
    };
    report.results.push(result);
    process.stderr.write(`helm ${result.helm}: helm template alone ${result.helmAloneMs.toFixed(1)} ms; ours (runner + static reading + split + provenance of ${result.fields} fields in ${result.objects} objects) ${result.oursMs.toFixed(1)} ms, of which after Helm ${result.pureMs.toFixed(1)} ms; ratio ${result.ratio.toFixed(2)} (target ≤ ${result.target})\n`);
  }
} finally {
  rmSync(dirname(dir), { recursive: true, force: true });
}
if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
