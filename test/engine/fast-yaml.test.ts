// The fast YAML path (server/src/engine/fast-yaml.ts) against the `yaml` package it stands in for:
// on every text it takes, it must build the same documents (kinds, values, scalar styles, number
// formats, every source range, the plain data). Checked on the fixtures, the examples, the corpus
// (when ../shared is there), hand-written shapes where comments move range ends, and fuzzed variants.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments, type Document } from 'yaml';
import { fastParseAllDocuments, parseOptions } from '../../server/src/engine/yaml/fast';
import { parseFile } from '../../server/src/engine/yaml/parse';
import { corpusDir, examplesDir, fixturesDir } from '../support/repo';
import { compareDocuments } from '../support/yaml-compare';
import { fuzzedVariants, yamlFiles } from '../support/yaml-fuzz';

function fullParse(text: string): Document.Parsed[] {
  return [...parseAllDocuments(text, parseOptions)] as Document.Parsed[];
}

/** Whether the fast path took the text; fails when it did and disagrees with `yaml`. */
function agrees(text: string, name: string): boolean {
  const fast = fastParseAllDocuments(text);
  if (!fast) return false;
  const difference = compareDocuments(fast, fullParse(text));
  if (difference) assert.fail(`${name}: ${difference}\n--- text ---\n${text}`);
  return true;
}

/** Shapes where the `yaml` parser gives comments and blank lines to one node or another (range ends move). */
const shapes: Record<string, string> = {
  'trailing comment line of a nested mapping, as deep as it': 'a:\n  b: 1\n  # t\nc: 2\n',
  'comment line less deep than the nested mapping': 'a:\n  b: 1\n# t\nc: 2\n',
  'comment line deeper than the mapping: it belongs to the value': 'a:\n  b: 1\n    # t\n\n  # u\n\nc: 1\n',
  'comment and blank lines then a less deep comment': '# lead\n\na:\n  b: 1\n  # inner\n\n# outer\nc: 3\n',
  'comment after the innermost of two closing mappings': 'a:\n  b:\n    c: 1\n  # t\nd: 1\n',
  'comment as deep as the innermost closing mapping, next key indented': 'a:\n  b:\n    c: 1\n    # t\n  d: 1\n',
  'sequence written at its key indentation, comment at that indentation': 'a:\n- x\n# t\nc: 2\n',
  'sequence at its key indentation, deeper comment': 'a:\n- x\n  # t\nc: 2\n',
  'mapping in a sequence item with a trailing comment': 'a:\n  - b: 1\n    # t\n  - c\n',
  'block scalars: literal, folded, strip, keep, more-indented lines': 'a: |\n  l1\n\n  l2\nb: >-\n  f\n  g\nc: |+\n  x\n\nd: >\n  a\n  b\n\n  c\n   more\n  d\ne: 1\n',
  'block scalar followed by a blank line and a comment': 'a: |\n  x\n\n# c\nb: 1\n',
  'empty values: at a line end, with spaces, with a comment': 'a:\nb:   \nc: # c\nd: 1\ne: # c\n\nf: 2\n',
  'empty sequence items': 'x:\n- a\n-\n- # c\n  z\n',
  'empty last value: the document ends with it': 'a:\n  b:\n\n\n',
  'flow collections with spaces and a trailing comment': 'f: { cpu: 250m , m: 1 }\ng: [ a , "b" ]  # c\nh: {a: [1, 2], b: {c: d}}\ni: []\nj: {}\nk: [a, b, ]\n',
  'quoted keys and values': '"a b": 1\n\'c\': \'it\'\'s\'\nd: "x\\ty\\"z"   \n',
  'numbers, booleans and nulls of the core schema': 'a: 0o17\nb: 0x1F\nc: 1e3\nd: 1.50\ne: .inf\nf: -.Inf\ng: .nan\nh: ~\ni: Null\nj: TRUE\nk: false\nl: +12\nm: -0\nn: 1.\no: .5\np: 012\nq: 1_000\nr: 12:30\n',
  'documents: markers, comments before them, empty ones, trailing blank lines': '# c\n---\na: 1\n\n---\n---\nb: 2\n# t\n\n---\n',
  'leading blank lines and comments before the first document': '\n\n# c\n\nkind: Service\n',
  'whitespace at the end of the text': 'a: 1\n   ',
};

describe('fast YAML path', () => {
  it('builds what `yaml` builds for the shapes where comments move range ends', () => {
    for (const [name, text] of Object.entries(shapes)) assert.ok(agrees(text, name), `${name}: not taken by the fast path`);
  });

  it('builds what `yaml` builds for every fixture and example it takes, and takes most of them', () => {
    const files = [...yamlFiles(fixturesDir), ...yamlFiles(examplesDir)];
    const taken = files.filter((path) => agrees(readFileSync(path, 'utf8'), path)).length;
    assert.ok(taken / files.length > 0.9, `only ${taken} of ${files.length} files took the fast path`);
  });

  it('builds what `yaml` builds for the real-world corpus', { skip: existsSync(corpusDir) ? false : `corpus not found at ${corpusDir}` }, () => {
    const files = yamlFiles(corpusDir);
    const taken = files.filter((path) => agrees(readFileSync(path, 'utf8'), path)).length;
    assert.ok(taken / files.length > 0.8, `only ${taken} of ${files.length} corpus files took the fast path`);
  });

  it('takes the bundled examples, many times over in one file', () => {
    const examples = ['statefulset.yaml', 'service.yaml', 'storageclass.yaml'].map((name) => readFileSync(join(examplesDir, name), 'utf8'));
    const text = Array.from({ length: 30 }, (_, index) => examples[index % examples.length]).join('---\n');
    assert.ok(agrees(text, 'examples joined'));
  });

  it('leaves to `yaml` what it does not read itself', () => {
    const unsupported = {
      anchor: 'a: &x 1\nb: *x\n', tag: 'a: !!str 1\n', merge: 'a: {x: 1}\nb:\n  <<: {y: 2}\n', tab: 'a:\t1\n', crlf: 'a: 1\r\nb: 2\r\n',
      'multi-line plain': 'a: one\n  two\n', 'multi-line quoted': 'a: "one\n  two"\n', 'multi-line flow': 'a: [1,\n  2]\n',
      'explicit key': '? a\n: 1\n', directive: '%YAML 1.2\n---\na: 1\n', 'document end': 'a: 1\n...\n', 'syntax error': 'a: b: c\n',
      'bad indentation': 'a:\n  b: 1\n c: 2\n', 'lone scalar document': 'hello\n', 'comment after an empty value': 'a:\n# c\nb: 1\n',
      'unicode escape': 'a: "\\u0041"\n', 'indentation indicator': 'a: |2\n   x\n',
      'spaces after a block scalar at the very end': 'a: |+\n    x\n    ',
      'merge key in a flow mapping': 'a: {<<: {x: 1}, y: 2}\n',
    };
    for (const [name, text] of Object.entries(unsupported)) assert.equal(fastParseAllDocuments(text), undefined, name);
  });

  it('parses a region of a text with the offsets of the whole text', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: [3]\n';
    const from = text.indexOf('---');
    const to = text.lastIndexOf('---');
    const region = fastParseAllDocuments(text, from, to);
    assert.ok(region);
    assert.equal(compareDocuments(region, fullParse(text).slice(1, 2)), undefined);
  });

  it('reports duplicate keys of the documents it takes, as for those `yaml` parses', () => {
    // The fast path skips the duplicate-key pass unless two keys of a mapping give the same name.
    const cases: [string, string[]][] = [
      ['a: 1\nb:\n  c: 2\n  c: 3\na: 4\n', ['a', 'c']],
      ['1: x\n"1": y\n', []], // the number 1 and the string "1" are different keys with the same name
      ['constructor: 1\ntoString: 2\n', []], // names every object inherits
      ['k: [1, 2]\nk: {a: 1, a: 2}\n', ['a', 'k']], // in a flow mapping too
    ];
    for (const [text, keys] of cases) {
      const file = parseFile('/dup.yaml', text);
      const found = file.documents.flatMap((document) => document.syntax.filter((problem) => problem.duplicateKey))
        .map((problem) => text.slice(problem.start, problem.end));
      assert.deepEqual(found.sort(), [...keys].sort(), text);
      assert.deepEqual(file.documents[0].value, fullParse(text)[0].toJS(), text);
    }
    assert.ok(fastParseAllDocuments('a: 1\nb:\n  c: 2\n  c: 3\na: 4\n'), 'the first case takes the fast path');
  });

  it('agrees with `yaml` on fuzzed variants of the fixtures (or leaves them to it)', () => {
    const seeds = [...yamlFiles(fixturesDir), ...yamlFiles(examplesDir)].map((path) => readFileSync(path, 'utf8'));
    let taken = 0;
    let round = 0;
    for (const text of fuzzedVariants(seeds, 3000, 20261125)) {
      if (agrees(text, `fuzz round ${round++}`)) taken++;
    }
    assert.ok(taken > 1000, `the fast path took only ${taken} of 3000 variants`);
  });
});
