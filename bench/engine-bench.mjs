// The engine's cost over the floor: a bare `yaml` parseAllDocuments of the same files. CPU time of this
// process (not wall time), so other load on the machine disturbs it less. Round 0 warms up the JIT
// and compiles the schema validators; it is not counted.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function cpuMs(run) {
  const before = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export function engineVersusParse(paths, rounds, root) {
  const require = createRequire(join(root, 'package.json'));
  const { parseAllDocuments } = require('yaml');
  const { Engine, SchemaStore } = require(join(root, 'out', 'server', 'src', 'engine', 'index.js'));
  const { chunkEnd, chunkStarts, isMarkerLine } = require(join(root, 'out', 'server', 'src', 'engine', 'yaml', 'chunks.js'));
  const { readDataDocument } = require(join(root, 'out', 'server', 'src', 'engine', 'yaml', 'fast', 'data.js'));
  // The data reader over every chunk of a text, as the engine reads it (undefined where it gives up on one).
  const readData = (text) => {
    const starts = chunkStarts(text);
    const documents = [];
    for (let index = 0; index < starts.length; index++) {
      const read = readDataDocument(text, starts[index], chunkEnd(text, starts, index), index > 0 || isMarkerLine(text, 0));
      if (read === undefined) return undefined;
      if (read !== 'empty') documents.push(read);
    }
    return documents;
  };
  const texts = paths.map((path) => [path, readFileSync(path, 'utf8')]);
  const store = SchemaStore.load();
  const bare = [];
  const fast = [];
  const parse = [];
  const check = [];
  let documents = 0;
  let findings = 0;
  for (let round = 0; round <= rounds; round++) {
    global.gc?.();
    const floor = cpuMs(() => {
      let count = 0;
      for (const [, text] of texts) count += parseAllDocuments(text).length;
      return count;
    });
    global.gc?.();
    // The engine's own YAML reader alone (yaml/fast/data.ts: data and offsets, no tree).
    const fastParse = cpuMs(() => { for (const [, text] of texts) readData(text); });
    global.gc?.();
    const engine = new Engine(store);
    const parsed = cpuMs(() => { for (const [path, text] of texts) engine.setFile(path, text); });
    const checked = cpuMs(() => engine.check(paths));
    if (round === 0) continue;
    documents = floor.result;
    findings = [...checked.result.values()].reduce((sum, list) => sum + list.length, 0);
    bare.push(floor.ms);
    fast.push(fastParse.ms);
    parse.push(parsed.ms);
    check.push(checked.ms);
  }
  const total = parse.map((value, index) => value + check[index]);
  return {
    files: paths.length, documents, findings,
    bareParseMs: median(bare), fastParseMs: median(fast), engineParseMs: median(parse), engineCheckMs: median(check), engineTotalMs: median(total),
    ratio: median(total) / median(bare),
    samples: { bare, fast, parse, check },
  };
}
