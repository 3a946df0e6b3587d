// The YAML layer alone (server/src/engine/yaml), on the inputs that shaped it: CPU time of the engine's
// parse of the 1,000-document benchmark file, with and without every tree built (beside a bare `yaml`
// parseAllDocuments of it); and the texts of the robustness audit (a quoted value of 150,000 `{`,
// 400 KB of `# {{` lines, a 1.9 MB file with one unclosed or multi-line quote): opening them, and one
// keystroke (engine.setFile + engine.check of that file, what the server does after a didChange).
// Medians of `--rounds` (default 5) after one warm-up round.
//
//   node --expose-gc bench/yaml-layer.mjs [--root DIR] [--rounds 5] [--only parse,braces,comments,quote]
// `--root` points at another checkout built with `npm run build` (to compare two commits).
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { multiDocumentFile } from './generate.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const root = resolve(option('root', join(fileURLToPath(import.meta.url), '..', '..')));
const rounds = Number(option('rounds', 5));
const only = new Set(option('only', 'parse,braces,comments,quote').split(','));
const require = createRequire(join(root, 'package.json'));
const { Engine, SchemaStore } = require(join(root, 'out', 'server', 'src', 'engine', 'index.js'));
const { parseAllDocuments } = require('yaml');
const schemas = SchemaStore.load();

function cpuMs(run) {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function median(run) {
  const samples = [];
  for (let round = 0; round <= rounds; round++) {
    global.gc?.();
    const ms = cpuMs(run);
    if (round > 0) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[samples.length >> 1] * 10) / 10;
}

const configMap = (name, data) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;
const uri = 'file:///bench/yaml-layer.yaml';

/** Opening a text (setFile + check), and one keystroke `at` it (the same, on the edited text). */
function openAndType(text, at) {
  const open = median(() => {
    const engine = new Engine(schemas);
    engine.setFile(uri, text, 1);
    engine.check([uri]);
  });
  const engine = new Engine(schemas);
  engine.setFile(uri, text, 1);
  engine.check([uri]);
  let version = 1;
  const typed = [text.slice(0, at) + 'x' + text.slice(at), text];
  const keystroke = median(() => {
    version++;
    engine.setFile(uri, typed[version % 2], version);
    engine.check([uri]);
  });
  return { open, keystroke };
}

const results = { root, rounds };
if (only.has('parse')) {
  const big = multiDocumentFile(1000);
  results.bareYaml1000 = median(() => parseAllDocuments(big));
  results.parse1000 = median(() => new Engine(schemas).setFile(uri, big, 1));
  // Every tree built: what the symbols of every document (the outline, CodeLens) need.
  results.parseAndAllTrees1000 = median(() => {
    const engine = new Engine(schemas);
    engine.setFile(uri, big, 1);
    engine.symbols(uri);
  });
}
if (only.has('braces')) {
  const braces = configMap('braces', `  v: "${'{'.repeat(150000)}"\n`);
  results.braces150k = openAndType(braces, braces.length - 3);
}
if (only.has('comments')) {
  const commentLines = configMap('comments', '  a: b\n') + '# {{\n'.repeat(80000);
  results.commentTemplates400k = openAndType(commentLines, 40);
}
if (only.has('quote')) {
  // A 1.9 MB file with, in one document, a quote that never closes (no other `'` in the file) or a
  // double-quoted value over two lines written as Go reads it (continuation at the key's column):
  // the keystroke in the middle of the file, away from both.
  const documents = multiDocumentFile(3100).split('\n---\n');
  const withQuote = (at, replace) => documents.map((document, index) => (index === at ? replace(document) : document)).join('\n---\n');
  const unclosed = withQuote(documents.length - 2, (document) => document.replace(/name: (\S+)/, "name: '$1"));
  const folded = withQuote(1, (document) => document.replace(/name: (\S+)/, 'name: "$1\n  continued"'));
  results.unclosedQuote = { megabytes: Math.round(unclosed.length / 1e5) / 10, ...openAndType(unclosed, unclosed.length >> 1) };
  results.multiLineQuote = openAndType(folded, folded.length >> 1);
}
console.log(JSON.stringify(results, null, 2));
