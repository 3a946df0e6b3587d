// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file, top N.
//   node bench/profile-summary.mjs profile.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [path, limit = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(path, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let index = 0; index < profile.samples.length; index++) {
  const id = profile.samples[index];
  self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0));
}
const perFunction = new Map();
const perFile = new Map();
let total = 0;
for (const [id, micros] of self) {
  const frame = byId.get(id).callFrame;
  const file = (frame.url || '(native)').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^file:\/\/.*\/(dist|out)\//, '$1/');
  const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
  perFunction.set(name, (perFunction.get(name) ?? 0) + micros);
  perFile.set(file, (perFile.get(file) ?? 0) + micros);
  total += micros;
}
const show = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(limit))) {
    console.log(`${(micros / 1000).toFixed(1).padStart(9)} ms ${(100 * micros / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
show('self time by function', perFunction);
show('self time by file', perFile);
