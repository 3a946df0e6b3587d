// The YAML layer's entry points (engine/yaml: parseFile, reparseFile, parseTree) on the shapes where it
// went wrong before: ranges one character off `yaml`'s, brackets inside a block scalar counted as
// nesting, template detection that scanned to the end of the file for every `{{`, and one unclosed
// quote that turned incremental re-parsing off for the whole file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments, type Document } from 'yaml';
import { parseFile, parseTree, reparseFile, type ParsedFile } from '../../server/src/engine/yaml';
import { hasTree } from '../../server/src/engine/yaml/document';
import { addDuplicateKeyErrors } from '../../server/src/engine/yaml/duplicate-keys';
import { maxNestingDepth } from '../../server/src/engine/yaml/limits';
import { parseOptions } from '../../server/src/engine/yaml/region';
import { findTemplate, TemplateScanner } from '../../server/src/engine/yaml/templates';
import { compareDocuments } from '../support/yaml-compare';

function yamlDocuments(text: string): Document.Parsed[] {
  const docs = [...parseAllDocuments(text, parseOptions)] as Document.Parsed[];
  for (const doc of docs) addDuplicateKeyErrors(doc);
  return docs;
}

/** Fails unless the engine's documents, spans and trees are `yaml`'s. */
function assertAsYaml(text: string): ParsedFile {
  const file = parseFile('/t.yaml', text);
  const expected = yamlDocuments(text);
  assert.deepEqual(file.documents.map((document) => [document.span.start, document.span.end]), expected.map((doc) => [doc.range[0], doc.range[2]]), JSON.stringify(text));
  assert.equal(compareDocuments(file.documents.map((document) => parseTree(document)), expected), undefined, JSON.stringify(text));
  return file;
}

const configMap = (name: string, data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

describe('YAML layer: ranges as `yaml` gives them', () => {
  it('an empty sequence item after a comment line (C: the tree ended one character early)', () => {
    assertAsYaml('- 0\n#\n-\n');
  });

  it('an empty value with a comment, then a blank line and `---` (D: the tree ended one character late)', () => {
    assertAsYaml('a: # c\n\n---\nb: 1\n');
  });

  it('the shapes where comments and blank lines move the ends of ranges', () => {
    for (const text of ['a:\n  b: 1\n  # t\nc: 2\n', 'a:\n  b: 1\n    # t\n\n  # u\n\nc: 1\n', 'a:\n- x\n  # t\nc: 2\n', 'a:\nb:   \nc: # c\nd: 1\ne: # c\n\nf: 2\n',
      'x:\n- a\n-\n- # c\n  z\n', 'a:\n  b:\n\n\n', '# c\n---\na: 1\n\n---\n---\nb: 2\n# t\n\n---\n', 'a: 1\n   ']) assertAsYaml(text);
  });
});

describe('YAML layer: nesting limit', () => {
  const brackets = '['.repeat(maxNestingDepth + 1);

  it('does not count brackets inside a block scalar, whichever way the file is parsed', () => {
    // The anchor makes the data reader give up: the nesting estimate decides whether `yaml` may parse it.
    for (const text of [`a: &x 1\nb: |\n  ${brackets}\n`, `a: &x 1\nb:\n  - >-\n    ${brackets}\n\n    ${brackets}\n`, configMap('c', `  s: &x 1\n  t: |\n    ${brackets}\n  u: *x\n`)]) {
      const file = parseFile('/t.yaml', text);
      assert.equal(file.skipped, undefined, text);
      assert.ok(JSON.stringify(file.documents[0].value).includes(brackets), text);
    }
  });

  it('still skips brackets that nest, after a block scalar or at its key\'s column', () => {
    for (const text of [`a: |\n  x\nb: ${brackets}\n`, `- a: |\n  ${brackets}\n`, `a: |\n    x\n  ${brackets}\n`]) {
      assert.match(parseFile('/t.yaml', text).skipped ?? '', /nests values more than/, text);
    }
  });
});

describe('YAML layer: templates', () => {
  it('tells Go/Helm templates from text inside quoted and block scalars, as before', () => {
    const at = (text: string): string | undefined => {
      const template = parseFile('/t.yaml', text).template;
      return template && text.slice(template.start, template.end);
    };
    assert.equal(at('name: {{ .Values.name }}\n'), '{{ .Values.name }}');
    assert.equal(at('a: 1\n---\nb: [{{- .x -}}]\n'), '{{- .x -}}');
    assert.equal(at('# {{ a comment }}\nb: 1\n'), '{{ a comment }}');
    assert.equal(at(configMap('alerts', '  template: |\n    {{ $labels.instance }} is down\n  q: "{{ x }}"\n')), undefined);
    assert.equal(at('a: "{{ x }}"\n---\nb: {{ y }}\n'), '{{ y }}');
    assert.equal(at('a: {{ x\n'), undefined, 'no closing braces');
  });

  it('scans each character at most twice, however many `{{` have no `}}`', () => {
    const texts: [string, number][] = [[configMap('braces', `  v: ${'{'.repeat(150000)}\n`), 0], ['# {{\n'.repeat(80000), 0],
      [`${'{{ x }}'.repeat(20000)}\n`, 20000], [`a: ${'{{ }'.repeat(30000)}}\n`, 1], [`a: "${'{'.repeat(100000)}}"\n`, 0]];
    for (const [text, count] of texts) {
      const scanner = new TemplateScanner(text);
      const expressions = [...scanner.expressions(0, text.length)];
      assert.ok(scanner.charactersScanned <= 2 * text.length, `${scanner.charactersScanned} characters scanned for ${text.length}`);
      assert.equal(expressions.length, count);
    }
  });

  it('finds the template of a file with 150,000 `{` in a value in linear work', () => {
    const text = configMap('braces', `  v: "${'{'.repeat(150000)}}"\n  w: {{ .x }}\n`);
    const scanner = new TemplateScanner(text);
    const template = findTemplate(scanner, yamlDocuments(text), 0, text.length);
    assert.equal(template && text.slice(template.start, template.end), '{{ .x }}');
    assert.ok(scanner.charactersScanned <= 2 * text.length);
  });
});

describe('YAML layer: incremental re-parse', () => {
  const documents = Array.from({ length: 6 }, (_, index) => configMap(`c${index}`, `  key: value ${index}\n`));

  /** The file after an edit replacing `from` by `to`, and which documents are the same objects as before. */
  function edit(text: string, from: string, to: string): { file: ParsedFile; kept: boolean[] } {
    const before = parseFile('/t.yaml', text, 1);
    const after = reparseFile(before, text.replace(from, to), 2, Number.POSITIVE_INFINITY);
    const full = parseFile('/t.yaml', after.text, 2);
    assert.deepEqual(after.documents.map((document) => [document.span, document.value, document.syntax]), full.documents.map((document) => [document.span, document.value, document.syntax]));
    return { file: after, kept: after.documents.map((document) => before.documents.includes(document)) };
  }

  it('reads the documents after an unclosed quote, each from its own `---`', () => {
    const text = [documents[0], configMap('broken', '  key: "never closed\n'), ...documents.slice(2)].join('---\n');
    const file = parseFile('/t.yaml', text);
    assert.equal(file.documents.length, 6);
    assert.deepEqual(file.documents.map((document) => document.syntax.length > 0), [false, true, false, false, false, false]);
    assert.equal((file.documents[5].value as { data: { key: string } }).data.key, 'value 5');
    const problem = file.documents[1].syntax[0];
    assert.ok(problem.start >= file.documents[1].span.start && problem.end <= file.documents[1].span.end, 'the problem lies in its document');
  });

  it('keeps the other documents when a file holds an unclosed quote, wherever the edit is', () => {
    const text = [documents[0], configMap('broken', '  key: "never closed\n'), ...documents.slice(2)].join('---\n');
    assert.deepEqual(edit(text, 'value 4', 'value 44').kept, [true, true, true, true, false, true]);
    assert.deepEqual(edit(text, 'value 0', 'value 00').kept, [false, true, true, true, true, true]);
    assert.deepEqual(edit(text, 'never closed', 'now "closed"').kept, [true, false, true, true, true, true]);
    assert.deepEqual(edit(text, 'never closed', 'never closed either').kept, [true, false, true, true, true, true]);
  });

  it('folds a multi-line quoted value (as Go reads it) in its own document only', () => {
    const text = [documents[0], configMap('folded', '  key: "one\n  two"\n'), configMap('broken', '  key: "never closed\n'), ...documents.slice(3)].join('---\n');
    const file = parseFile('/t.yaml', text);
    assert.match((file.documents[1].value as { data: { key: string } }).data.key, /^one +two$/);
    assert.equal(file.documents[1].syntax.length, 0);
    assert.equal(file.documents[2].syntax.length, 1);
    assert.equal(parseTree(file.documents[1]).errors.length, 0, 'its tree is parsed folded again');
    assert.deepEqual(edit(text, 'value 5', 'value 55').kept, [true, true, true, true, true, false]);
  });

  it('keeps the other documents of a file with `{{` inside block scalars', () => {
    const text = [configMap('alerts', '  t: |\n    {{ $labels.instance }} is down\n'), ...documents.slice(1)].join('---\n');
    assert.equal(parseFile('/t.yaml', text).template, undefined);
    assert.deepEqual(edit(text, 'value 3', 'value 33').kept, [true, true, true, false, true, true]);
    const template = edit(text, 'value 3', '{{ .x }}').file;
    assert.equal(template.template && template.text.slice(template.template.start, template.template.end), '{{ .x }}');
  });

  it('parses no tree to read or re-parse what the data reader reads; the trees asked for are `yaml`\'s', () => {
    const text = documents.join('---\n');
    const { file } = edit(text, 'value 2', 'value 22');
    assert.deepEqual(file.documents.map((document) => hasTree(document)), file.documents.map(() => false));
    const trees = file.documents.map((document) => parseTree(document));
    assert.equal(compareDocuments(trees, yamlDocuments(file.text)), undefined);
  });
});
