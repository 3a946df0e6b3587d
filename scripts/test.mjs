// Runs every compiled test file (out/test/**/*.test.js) with Node's built-in test runner, which
// prints its summary. Arguments filter the files by substring: `node scripts/test.mjs lsp cli`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'e2e' ? [] : find(path);
    return entry.endsWith('.test.js') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('out/test').filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter))).sort();
if (files.length === 0) {
  console.error('no test files found under out/test: run `npm run build` first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
