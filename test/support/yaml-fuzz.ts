// Texts for the YAML differential tests: every YAML file under a folder, and fuzzed variants of seed
// texts (lines deleted, duplicated, indented, comments and blank lines inserted, YAML punctuation
// inserted, truncation), from a fixed seed so that a failure can be reproduced.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function yamlFiles(dir: string): string[] {
  // A Helm chart's templates are not YAML until rendered.
  if (!existsSync(dir) || existsSync(join(dir, 'Chart.yaml'))) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

export function* fuzzedVariants(seeds: readonly string[], count: number, seed: number): Generator<string> {
  let state = seed;
  const random = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const pieces = ['- ', ': ', '"', "'", '{', '}', '[', ']', ',', ' # c', '\n# c\n', '\n  # c\n', '\n      # c\n', '\n\n', '|\n', '>-\n', '|+\n', '~', '0x1F', '1.50', '  ', '\n'];
  const mutations: ((lines: string[]) => void)[] = [
    (lines) => lines.splice(random(lines.length), 1),
    (lines) => lines.splice(random(lines.length), 0, lines[random(lines.length)]),
    (lines) => { const i = random(lines.length); lines[i] = random(2) ? `  ${lines[i]}` : lines[i].replace(/^ {1,2}/, ''); },
    (lines) => lines.splice(random(lines.length), 0, `${' '.repeat(random(12))}# comment`),
    (lines) => lines.splice(random(lines.length), 0, ''),
    (lines) => { const i = random(lines.length); const at = random(lines[i].length + 1); lines[i] = lines[i].slice(0, at) + pieces[random(pieces.length)] + lines[i].slice(at); },
  ];
  for (let round = 0; round < count; round++) {
    const lines = seeds[random(seeds.length)].split('\n');
    for (let step = 0; step <= random(3); step++) mutations[random(mutations.length)](lines);
    const text = lines.join('\n');
    yield random(4) === 0 ? text.slice(0, random(text.length + 1)) : text;
  }
}
