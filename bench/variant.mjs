// A what-if build of our server with another keystroke debounce (the debounce constants in
// server/src/lsp/), bundled to a temporary folder: the benchmark reports what the debounce costs.
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles server/src/server.ts into `dir` with every `changeDebounceMs = N` replaced by `delayMs`; returns the script. */
export async function buildDebounceVariant(dir, delayMs) {
  // The schemas and the validators generated from them (SchemaStore.load needs both).
  cpSync(join(root, 'dist', 'schemas'), join(dir, 'schemas'), { recursive: true });
  let replaced = 0;
  await build({
    entryPoints: [join(root, 'server', 'src', 'server.ts')], outfile: join(dir, 'server.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    plugins: [{
      name: 'debounce',
      setup(builder) {
        builder.onLoad({ filter: /server[\\/]src[\\/]lsp[\\/].*\.ts$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          const contents = source.replace(/\b(changeDebounceMs|minDebounceMs|maxDebounceMs) = \d+/g, (_match, name) => { replaced++; return `${name} = ${delayMs}`; });
          return { contents, loader: 'ts' };
        });
      },
    }],
  });
  if (replaced === 0) throw new Error('no debounce constant (changeDebounceMs, minDebounceMs, maxDebounceMs) found in server/src/lsp/');
  return join(dir, 'server.js');
}
