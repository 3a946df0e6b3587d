#!/usr/bin/env node
// Generates the schema validators at build time, so that the CLI and the server do not compile them
// with Ajv at start-up (compiling a StatefulSet's 122 definitions took ~0.2 s).
//
// Ajv's standalone code (https://ajv.js.org/standalone.html) for every kind's definition, each
// definition one function shared by the kinds that use it, compiled by the same Ajv set-up that
// tests compile at run time (out/server/src/engine/schema/compile.js, so run after `tsc -b`).
// esbuild bundles it with what it requires (Ajv's small runtime helpers and
// server/src/engine/schema/runtime.ts) into self-contained files: the .vsix has no node_modules.
//
// Two files, so that start-up parses only the code of the kinds most checked files hold (loading all
// 110 kinds' code took ~25 ms, these 20 ~10 ms): validators.js has the kinds below with every
// definition they use, validators-2.js the others with theirs (the few definitions both use are in
// both), loaded when one of them is first validated.
//
// Input: dist/schemas/kubernetes.json (schemas/generate.mjs). Output (not committed):
// dist/schemas/validators.js and validators-2.js, each exporting
// { schemaHash, validators: { <definition>: validate }, next?: <file with the other kinds> }.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const engineOut = join(root, 'out', 'server', 'src', 'engine', 'schema');
const engineSrc = join(root, 'server', 'src', 'engine', 'schema');
const require = createRequire(import.meta.url);
const { createSchemaAjv, definitionId } = require(join(engineOut, 'compile.js'));
const { schemaHash, standaloneValidatorsFile } = require(join(engineOut, 'store.js'));

const schemaPath = join(root, 'dist', 'schemas', 'kubernetes.json');
const text = readFileSync(schemaPath, 'utf8');
const bundle = JSON.parse(text);

// The kinds this tool is about and those around them: the workloads (they share the pod template's
// definitions), the objects that Pods, Services and claims refer to.
const firstKinds = [
  'apps/v1/StatefulSet', 'apps/v1/Deployment', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet', 'batch/v1/Job', 'batch/v1/CronJob',
  'v1/Pod', 'v1/PodTemplate', 'v1/ReplicationController', 'v1/Service', 'v1/PersistentVolumeClaim', 'v1/PersistentVolume',
  'storage.k8s.io/v1/StorageClass', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/Namespace',
  'policy/v1/PodDisruptionBudget', 'networking.k8s.io/v1/Ingress', 'autoscaling/v2/HorizontalPodAutoscaler',
];
const refsOf = (keys) => [...new Set(keys.map((key) => {
  if (!bundle.kinds[key]) throw new Error(`schemas/validators.mjs: no kind ${key} in ${schemaPath}`);
  return bundle.kinds[key].ref;
}))].sort();
const first = refsOf(firstKinds);
const others = refsOf(Object.keys(bundle.kinds)).filter((ref) => !first.includes(ref));
const files = [{ file: standaloneValidatorsFile, refs: first }, { file: 'validators-2.js', refs: others }];

const ajv = createSchemaAjv(bundle, { standalone: true });
const hash = schemaHash(text);

// The generated code's require()s resolve from the engine's source folder, where compile.ts
// names them (`./runtime`, `ajv/dist/runtime/...`).
const generatedSource = new Map();
const generated = {
  name: 'generated-validators',
  setup(context) {
    context.onResolve({ filter: /^generated:/ }, (args) => ({ path: args.path, namespace: 'generated' }));
    context.onLoad({ filter: /.*/, namespace: 'generated' }, (args) => ({ contents: generatedSource.get(args.path), resolveDir: engineSrc, loader: 'js' }));
  },
};
const report = [];
for (const [index, { file, refs }] of files.entries()) {
  const source = standaloneCode(ajv, Object.fromEntries(refs.map((ref) => [ref, definitionId(ref)])));
  generatedSource.set(`generated:${file}`, source);
  const next = files[index + 1]?.file;
  const outfile = join(dirname(schemaPath), file);
  await build({
    stdin: {
      contents: [
        `export * as validators from ${JSON.stringify(`generated:${file}`)};`,
        `export const schemaHash = ${JSON.stringify(hash)};`,
        ...(next ? [`export const next = ${JSON.stringify(next)};`] : []),
      ].join('\n'),
      resolveDir: root,
      sourcefile: `${file}-entry.js`,
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
  report.push(`${file} ${refs.length} kinds ${(statSync(outfile).size / 1e6).toFixed(2)} MB`);
}
console.log(`validators: ${report.join(', ')} (dist/schemas/)`);
