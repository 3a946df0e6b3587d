// npm run fuzz -- --minutes N [--seed S]: the fuzz test (test/engine/fuzz.test.ts) run for N minutes with
// a random seed (or the one given) instead of its bounded default. Mutated manifests go to the
// engine, the CLI and the language server; a failure prints the seed and keeps the failing input.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const minutes = Number(option('minutes', '10'));
const seed = Number(option('seed', String(Math.floor(Math.random() * 2 ** 31))));
if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--minutes N] [--seed S]');
  process.exit(2);
}
const test = join(root, 'out', 'test', 'engine', 'fuzz.test.js');
if (!existsSync(test)) {
  console.error('out/test/engine/fuzz.test.js not found: run `npm run build` first');
  process.exit(2);
}
console.log(`fuzzing for ${minutes} minute(s) with seed ${seed} (repeat with: npm run fuzz -- --minutes ${minutes} --seed ${seed})`);
const result = spawnSync(process.execPath, ['--test', test], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_MINUTES: String(minutes), FUZZ_SEED: String(seed) },
});
if (result.status !== 0) console.error(`fuzzing failed with seed ${seed}; failing inputs are kept in the temporary folder named in the messages above`);
process.exit(result.status ?? 1);
