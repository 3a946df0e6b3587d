// Doubling ratios (issue 19): the CPU time of checking a hostile input of size n and of size 2n, for the
// inputs that hung the engine, the server or the glob matcher. Linear work gives a ratio near 2,
// quadratic near 4. test/engine/linear-work.test.ts asserts the same on counted work, never on time.
//
//   node bench/linear-bench.mjs            (after npm run build; also part of npm run bench)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const pvc = (storage) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${JSON.stringify(storage)}\n`;
const statefulSet = (maxUnavailable) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: ${JSON.stringify(maxUnavailable)}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx\n`;
const configMap = (value) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  v: ${JSON.stringify(value)}\n`;

/** Each case: a name, the size n, and what to run at a size. */
export function linearCases(require) {
  const { Engine, SchemaStore } = require(join(root, 'out', 'server', 'src', 'engine', 'index.js'));
  const { ExcludeMatcher } = require(join(root, 'out', 'server', 'src', 'config', 'exclude-globs.js'));
  const store = SchemaStore.load();
  const check = (text) => {
    const engine = new Engine(store, { maxFileSize: 64 << 20 });
    engine.setFile('bench.yaml', text);
    return engine.check(['bench.yaml']);
  };
  return [
    { name: 'claim storage request `"1" + n spaces + "x!"`', n: 1 << 16, run: (n) => check(pvc(`1${' '.repeat(n)}x!`)) },
    { name: 'maxUnavailable `" 1" + n spaces + "%" + n spaces + "x"`', n: 1 << 16, run: (n) => check(statefulSet(` 1${' '.repeat(n)}%${' '.repeat(n)}x`)) },
    { name: 'ConfigMap value of n `{` (template detector)', n: 1 << 14, run: (n) => check(configMap('{'.repeat(n))) },
    { name: 'n/4 comment lines `# {{` (template detector)', n: 1 << 14, run: (n) => check(`${'# {{\n'.repeat(n >> 2)}${configMap('x')}`) },
    { name: '1 MB-class line of `*a` in a ConfigMap value', n: 1 << 19, run: (n) => check(configMap('*a'.repeat(n >> 1))) },
    {
      name: 'files.exclude `*a*a*a*a*a*a*a*a*a*a*a*a*a*ax` on a name of n characters',
      n: 1 << 16,
      run: (n) => new ExcludeMatcher({ '*a*a*a*a*a*a*a*a*a*a*a*a*a*ax': true, '**/{node_modules,dist': true }).excludes('a'.repeat(n)),
    },
  ];
}

function cpuMs(run) {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** CPU time at n and 2n (median of `rounds`, after one warm-up) and their ratio, per case. */
export function linearBench(rounds = 3) {
  const require = createRequire(join(root, 'package.json'));
  return linearCases(require).map((bench) => {
    bench.run(bench.n >> 4);
    const once = median(Array.from({ length: rounds }, () => cpuMs(() => bench.run(bench.n))));
    const twice = median(Array.from({ length: rounds }, () => cpuMs(() => bench.run(2 * bench.n))));
    return { name: bench.name, n: bench.n, onceMs: once, twiceMs: twice, ratio: twice / Math.max(0.01, once) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of linearBench()) {
    process.stdout.write(`${row.name}: n=${row.n} ${row.onceMs.toFixed(1)} ms, 2n ${row.twiceMs.toFixed(1)} ms, ratio ${row.ratio.toFixed(2)}\n`);
  }
}
