#!/usr/bin/env node
// Generates the schema validators at build time, so that the CLI and the server do not compile them
// with Ajv at start-up (compiling a StatefulSet's 122 definitions took ~0.2 s).
//
// Ajv's standalone code (https://ajv.js.org/standalone.html) for every kind's definition, each
// definition one function shared by the kinds that use it, compiled by the same Ajv set-up that
// tests compile at run time (out/server/src/engine/schema-compile.js, so run after `tsc -b`).
// esbuild bundles it with what it requires (Ajv's small runtime helpers and
// server/src/engine/schema-runtime.ts) into one self-contained file: the .vsix has no node_modules.
//
// Input: dist/schemas/kubernetes.json (schemas/generate.mjs). Output: dist/schemas/validators.js
// (not committed), exporting { schemaHash, validators: { <definition>: validate } }.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const engineOut = join(root, 'out', 'server', 'src', 'engine');
const engineSrc = join(root, 'server', 'src', 'engine');
const require = createRequire(import.meta.url);
const { createSchemaAjv, definitionId } = require(join(engineOut, 'schema-compile.js'));
const { schemaHash, standaloneValidatorsFile } = require(join(engineOut, 'schema.js'));

const schemaPath = join(root, 'dist', 'schemas', 'kubernetes.json');
const outfile = join(dirname(schemaPath), standaloneValidatorsFile);
const text = readFileSync(schemaPath, 'utf8');
const bundle = JSON.parse(text);

const ajv = createSchemaAjv(bundle, { standalone: true });
const refs = Object.fromEntries([...new Set(Object.values(bundle.kinds).map((info) => info.ref))].sort().map((ref) => [ref, definitionId(ref)]));
const source = standaloneCode(ajv, refs);

// The generated code's require()s resolve from the engine's source folder, where schema-compile.ts
// names them (`./schema-runtime`, `ajv/dist/runtime/...`).
const generated = {
  name: 'generated-validators',
  setup(context) {
    context.onResolve({ filter: /^generated-validators$/ }, () => ({ path: 'validators', namespace: 'generated' }));
    context.onLoad({ filter: /.*/, namespace: 'generated' }, () => ({ contents: source, resolveDir: engineSrc, loader: 'js' }));
  },
};
await build({
  stdin: {
    contents: `export * as validators from 'generated-validators';\nexport const schemaHash = ${JSON.stringify(schemaHash(text))};\n`,
    resolveDir: root,
    sourcefile: 'validators-entry.js',
  },
  plugins: [generated],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  outfile,
});
console.log(`validators: ${Object.keys(refs).length} kinds' definitions, ${(source.length / 1e6).toFixed(1)} MB generated, ${(statSync(outfile).size / 1e6).toFixed(1)} MB bundled into ${outfile.slice(root.length + 1)}`);
