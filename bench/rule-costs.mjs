// CPU time of each rule alone over the generated 2,000-file workspace (after one warm-up pass), to
// find the rules worth making faster. `node bench/rule-costs.mjs [files] [top]`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Engine, SchemaStore, allRules } = require(join(root, 'out', 'server', 'src', 'engine', 'index.js'));
const { createChecker } = require(join(root, 'out', 'server', 'src', 'engine', 'check', 'runner.js'));

const [files = '2000', top = '20'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'rule-costs-'));
try {
  const paths = writeWorkspace(dir, Number(files), 5);
  const engine = new Engine(SchemaStore.load());
  for (const path of paths) engine.setFile(path, readFileSync(path, 'utf8'));
  const costs = [];
  for (const rule of allRules) {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      // A fresh settings object each time, so that no result is reused from the finding cache.
      const settings = { ...engine.settings };
      const checker = createChecker(engine.model, engine.schemas, settings, { rules: [rule] });
      const before = process.cpuUsage();
      checker.checkFiles(paths);
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    costs.push([rule.id, rule.scope, best]);
  }
  costs.sort((a, b) => b[2] - a[2]);
  const total = costs.reduce((sum, [, , ms]) => sum + ms, 0);
  console.log(`${allRules.length} rules on ${paths.length} files: ${total.toFixed(0)} ms CPU in all (best of 3 each)`);
  for (const [id, scope, ms] of costs.slice(0, Number(top))) console.log(`${ms.toFixed(1).padStart(8)} ms  ${scope.padEnd(9)} ${id}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
