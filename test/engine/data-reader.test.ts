// The data reader (server/src/engine/yaml/fast/data.ts) against the `yaml` package: on every text it
// takes, each document's data must be what `yaml` gives (toJS) and its offsets the document's range,
// with no error in the document; and the engine's parse of the files it takes must be the one `yaml`
// gives. Checked on the fixtures, examples, corpus, shapes written for it and fuzzed variants
// (yaml-differential.test.ts: the YAML test suite and generated one-line texts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseAllDocuments } from 'yaml';
import { parseFile } from '../../server/src/engine/yaml';
import { parseOptions } from '../../server/src/engine/yaml/region';
import { dataDifference, readData } from '../support/data-reader';
import { corpusDir, examplesDir, fixturesDir } from '../support/repo';
import { fuzzedVariants, yamlFiles } from '../support/yaml-fuzz';

/** Whether the data reader took the text; fails when it did and disagrees with `yaml`. */
function agrees(text: string, name: string): boolean {
  const difference = dataDifference(text);
  if (difference === 'gave up') return false;
  if (difference) assert.fail(`${name}: ${difference}\n--- text ---\n${text}`);
  return true;
}

const readAll = (paths: string[]): [string, string][] => paths.map((path) => [path, readFileSync(path, 'utf8')]);

describe('YAML data reader', () => {
  it('gives the data and offsets `yaml` gives for the fixtures, examples and corpus, and takes most of them', () => {
    const files = readAll([...yamlFiles(fixturesDir), ...yamlFiles(examplesDir), ...yamlFiles(corpusDir)]);
    const taken = files.filter(([path, text]) => agrees(text, path)).length;
    assert.ok(taken > files.length * 0.7, `took only ${taken} of ${files.length} files`);
  });

  it('takes comments wherever YAML allows them, and the shapes manifests are written in', () => {
    const shapes: Record<string, string> = {
      'comment after an empty value': 'a:\n# c\nb: 1\n',
      'comments around a nested mapping': '# lead\na: # after key\n  # inside\n  b: 1 # end\n    # deeper\n# outer\nc: [1, {d: "x"}] # flow\n',
      'sequence at its key\'s indentation': 'a:\n- 1\n- x: 2\n  y: 3\nb: 4\n',
      'nested sequences': 'a:\n  - - 1\n    - 2\n  -   k: v\n      l: w\n',
      'block scalars': 'a: |\n  line\n\n  more\nb: >-\n  folded\n  text\nc: |+\n  kept\n\nd: 1\n',
      'scalars of every type': 'a: ~\nb: null\nc: true\nd: 0o17\ne: 0x1F\nf: -12\ng: 1.50\nh: 1e3\ni: .inf\nj: .NaN\nk: "q\\"t"\nl: \'it\'\'s\'\nm: 2024-01-01\n1: one\n',
      'empty key and quoted keys': '"": x\n\'y z\': 1\n',
      'null key': '~: 2\na: 1\n',
      'documents with markers and comments': '# top\n---\na: 1\n--- # c\nb: [x]\n---\n\nc: 3\n',
      'flow collections': 'a: {b: [1, 2], "c": {}, d: []}\ne: [ {f: g}, h ]\n',
    };
    for (const [name, text] of Object.entries(shapes)) assert.ok(agrees(text, name), `${name}: not taken`);
  });

  it('leaves to the parse with trees what it does not read', () => {
    const left: Record<string, string> = {
      'duplicate key': 'a: 1\na: 2\n', 'inherited name': '__proto__: 1\n', 'repeated name of another key': '1: x\n"1": y\n',
      'empty last value': 'a: 1\nb:\n', 'empty document': 'a: 1\n---\n', 'sequence document': '- a\n- b\n', 'scalar document': 'hello\n',
      'flow document': '{a: 1}\n', 'merge key': 'a: {x: 1}\nb:\n  <<: {y: 2}\n', 'merge key in flow': 'a: {<<: {x: 1}}\n',
      anchor: 'a: &x 1\nb: *x\n', tag: 'a: !!str 1\n', 'multi-line plain': 'a: one\n  two\n', 'multi-line flow': 'a: [1,\n  2]\n',
      'block sequence on the key\'s line': 'a: - 1\n', 'key on the key\'s line': 'a: b: c\n', 'bad indentation': 'a:\n  b: 1\n c: 2\n',
      tab: 'a:\t1\n', crlf: 'a: 1\r\nb: 2\r\n', directive: '%YAML 1.2\n---\na: 1\n', 'document end': 'a: 1\n...\n',
    };
    for (const [name, text] of Object.entries(left)) assert.equal(readData(text), undefined, name);
  });

  it('agrees with `yaml` on fuzzed variants of the fixtures (or leaves them to it)', () => {
    const seeds = readAll([...yamlFiles(fixturesDir), ...yamlFiles(examplesDir)]).map(([, text]) => text);
    let taken = 0;
    let round = 0;
    for (const text of fuzzedVariants(seeds, 3000, 20261126)) {
      if (agrees(text, `fuzz round ${round++}`)) taken++;
    }
    assert.ok(taken > 1000, `took only ${taken} of 3000 variants`);
  });

  it('reads scalars it remembered, and those that share their slot, as `yaml` does', () => {
    // plainScalarAt remembers a scalar by its length and first, middle and last characters: these
    // share all four, and alternate so that each one evicts the other; keys and values of every type.
    const pairs = [['axbyc', 'azbwc'], ['1x2y3', '1z2w3'], ['true', 'tRUe'], ['0x1F', '0x2F'], ['null', 'nULl'], ['1.50', '1e50']];
    for (let round = 0; round < 3; round++) {
      for (const [first, second] of pairs) {
        for (const scalar of [first, second, first]) {
          assert.ok(agrees(`${scalar}: ${scalar}\nk:\n  ${scalar}: [${scalar}, {${scalar}: ${scalar}}]\n`, scalar), `${scalar}: taken`);
        }
      }
    }
  });

  it('holds on to no text once its files are dropped (the scalars it remembers are strings of their own)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let round = 0; round < 20; round++) {
      // A 4 MB file whose one value, 20 characters, is remembered: a slice of the text would keep all of it.
      const file = parseFile(`big-${round}.yaml`, `name: remembered-value-${String(round).padStart(2, '0')}\n# ${'x'.repeat(4 << 20)}\n`);
      assert.equal((file.documents[0].value as { name?: unknown }).name, `remembered-value-${String(round).padStart(2, '0')}`);
    }
    gc();
    const kept = (process.memoryUsage().heapUsed - before) / (1 << 20);
    assert.ok(kept < 20, `${kept.toFixed(0)} MB still held after 20 files of 4 MB were dropped`);
  });

  it('gives up on the syntax errors a differential audit found it accepting', () => {
    const errors: Record<string, string> = {
      'a bare - in a flow sequence (yaml-test-suite G5U8)': 'a: [-]\n',
      'a bare - after an item of a flow sequence': 'a: [x, -]\n',
      'a bare - as a flow mapping value': 'a: {b: -}\n',
      'a bare - before a nested flow collection': 'a: [-[x]]\n',
      'a block mapping key of 1,025 characters (KEY_OVER_1024_CHARS)': `${'k'.repeat(1025)}: 1\n`,
      'a quoted key that long': `"${'k'.repeat(1023)}": 1\n`,
      'a nested key that long': `a:\n  ${'k'.repeat(1025)}: 1\n`,
    };
    for (const [name, text] of Object.entries(errors)) {
      const codes = [...parseAllDocuments(text, parseOptions)].flatMap((doc) => doc.errors.map((error) => error.code));
      assert.ok(codes.length > 0, `${name}: yaml reports an error`);
      assert.equal(readData(text), undefined, name);
    }
    assert.ok(agrees(`${'k'.repeat(1024)}: 1\n`, 'a key of 1,024 characters'), 'a key of 1,024 characters is taken');
    assert.ok(agrees('a: [-x, x-, -1]\n', '- starting flow scalars'), '- before another character starts a scalar');
  });

  it('gives the engine the data and offsets `yaml` gives, syntax problems and all', () => {
    for (const [path, text] of readAll([...yamlFiles(fixturesDir), ...yamlFiles(examplesDir)])) {
      const documents = readData(text);
      if (!documents) continue;
      const file = parseFile(path, text);
      assert.equal(file.template, undefined, path);
      assert.deepEqual(file.documents.map((document) => ({ start: document.span.start, end: document.span.end, value: document.value, syntax: document.syntax })),
        documents.map((document) => ({ start: document.start, end: document.end, value: document.value, syntax: [] })), path);
    }
  });
});
