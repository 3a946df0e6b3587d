// Limits with clear messages instead of hangs or crashes: alias bombs, deep nesting, files over the
// size setting, 10,000 documents, 1 MB lines, binary and non-UTF-8 files, BOM, CRLF, and a rule that
// throws. No timing assertions: each case must simply finish with the right findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine, type Finding } from '../../server/src/engine';
import { createChecker } from '../../server/src/engine/check/runner';
import type { Rule } from '../../server/src/engine/check/rule';
import { allRules } from '../../server/src/engine/rules';
import { schemaUnknownField } from '../../server/src/engine/rules/schema/unknown-field';
import { applyFix, check, schemas } from '../support/engine';
import { LspClient } from '../support/lsp-client';
import { repoRoot } from '../support/repo';

const configMap = (extra: string, eol = '\n'): string =>
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', extra].join(eol) + eol;

function lint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'statefulset-lint.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertInside(text: string, findings: Finding[]): void {
  for (const finding of findings) {
    assert.ok(finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length, `${finding.ruleId} [${finding.start}, ${finding.end}) outside 0..${text.length}`);
  }
}

function billionLaughs(levels: number): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level < levels; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

describe('limits instead of hangs', () => {
  it('refuses to expand an alias bomb ("billion laughs") and says why', () => {
    const findings = check(configMap(`data:\n  ${billionLaughs(10).trim().split('\n').join('\n  ')}`));
    const syntax = findings.filter((finding) => finding.ruleId === 'yaml/syntax');
    assert.equal(syntax.length, 1);
    assert.match(syntax[0].message, /alias/i);
  });

  it('refuses a merge-key bomb the same way', () => {
    const text = 'base: &a {x: 1}\n' + Array.from({ length: 20 }, (_, i) => `b${i}: &b${i}\n  <<: [${i ? `*b${i - 1}, ` : ''}*a]`).join('\n') + '\n';
    assert.match(check(text).find((finding) => finding.ruleId === 'yaml/syntax')?.message ?? '', /alias/i);
  });

  it('refuses a value that contains itself through an alias, instead of walking it forever', () => {
    for (const extra of ['  labels: &l\n    self: *l', '  annotations: &a {x: [*a]}']) {
      const findings = check(configMap(extra));
      assert.deepEqual(findings.map((finding) => finding.ruleId), ['yaml/syntax']);
      assert.match(findings[0].message, /contains itself/);
    }
    assert.deepEqual(check(configMap('  labels: &l {app: x}\n  annotations: {a: "1"}\ndata: {one: *l}')).map((f) => f.ruleId), ['schema/type']);
  });

  it('skips a file nesting deeper than the parser can safely go, with one note, again and again', () => {
    // Two in a row: the second one used to abort the whole process (V8 fatal error near the stack limit).
    for (const text of ['['.repeat(10000) + ']'.repeat(10000), 'a: ' + '['.repeat(100000), Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')]) {
      const findings = check(text);
      assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.severity]), [['yaml/skipped', 'info']]);
      assert.match(findings[0].message, /more than 200 levels deep/);
    }
  });

  it('still reads real nesting, far below the limit', () => {
    let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    deep: "';
    text += '['.repeat(150) + ']'.repeat(150) + '"\n';
    assert.deepEqual(check(text).map((finding) => finding.ruleId), []);
  });

  it('skips a file over maxFileSize with one information note', () => {
    const text = configMap('data:\n' + Array.from({ length: 200 }, (_, i) => `  k${i}: value`).join('\n'));
    const findings = check(text, { maxFileSize: 1024 });
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.severity, finding.start]), [['yaml/skipped', 'info', 0]]);
    assert.match(findings[0].message, /larger than the 1 KiB limit \(setting maxFileSize\)/);
  });

  it('checks 10,000 documents in one file and finds the mistake in the last one at its line', () => {
    const docs = Array.from({ length: 10000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
    docs[9999] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: last\n  lables: {}\n';
    const text = docs.join('---\n');
    const findings = check(text);
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.line, finding.column]), [['schema/unknown-field', 50000, 3]]);
  });

  it('reads a 1 MB single-line value and a 1 MB single-line flow mapping', () => {
    const scalar = configMap(`data:\n  big: ${'x'.repeat(1 << 20)}`);
    assert.deepEqual(check(scalar).map((finding) => finding.ruleId), []);
    const flow = configMap(`data: {${Array.from({ length: 60000 }, (_, i) => `k${i}: v`).join(', ')}, k7: again}`);
    const findings = check(flow);
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['yaml/duplicate-key']);
    assert.equal(flow.slice(findings[0].start, findings[0].end), 'k7');
    assert.ok(findings[0].start > flow.indexOf('k59999'));
  });

  it('reports a duplicate key in a mapping of 60,000 keys (found in one pass, not one per pair)', () => {
    const keys = Array.from({ length: 60000 }, (_, i) => `  k${i}: v`);
    keys.push('  k123: again');
    const text = configMap(`data:\n${keys.join('\n')}`);
    const findings = check(text).filter((finding) => finding.ruleId === 'yaml/duplicate-key');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].line, 60006);
  });

  it('puts the duplicate of a key with an empty value on the duplicate, not on the line before', () => {
    const findings = check('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n  selector:\n    app: x\n');
    const duplicate = findings.find((finding) => finding.ruleId === 'yaml/duplicate-key');
    assert.deepEqual(duplicate && [duplicate.line, duplicate.column, duplicate.endColumn], [7, 3, 11]);
  });

  it('keeps a syntax error at the very end of the text inside the text', () => {
    for (const text of ['a: "' + 'x '.repeat(1 << 19) + '\nb: 1\n', 'a: "open', 'a: [1, 2', "a: 'x"]) {
      const findings = check(text);
      assert.ok(findings.some((finding) => finding.ruleId === 'yaml/syntax'), text.slice(0, 20));
      assertInside(text, findings);
    }
  });

  it('skips text with NUL bytes as binary', () => {
    const findings = check('apiVersion: v1\u0000\u0001\u0002kind: x\n');
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['yaml/skipped']);
    assert.match(findings[0].message, /binary/);
  });

  it('survives control characters, lone surrogates and tabs with findings inside the text', () => {
    for (const text of ['a: "\ud800"\nb: \udfff\n', 'a: \u0001\u0007\n\u001b[31m: x\n', 'a:\n\t- b\n\tc: d\n', '\u2028\u2029: x\n', '', '# only a comment\n', '---\n---\n']) {
      assertInside(text, check(text));
    }
  });
});

describe('line endings and byte order marks', () => {
  it('gives exact ranges with CRLF line endings, and fixes that keep them', () => {
    const text = configMap('  lables: {}', '\r\n');
    const finding = check(text).find((candidate) => candidate.ruleId === 'schema/unknown-field');
    assert.deepEqual(finding && [finding.line, finding.column, finding.endLine, finding.endColumn], [5, 3, 5, 9]);
    const fixed = applyFix(text, finding!);
    assert.equal(fixed, configMap('  labels: {}', '\r\n'));
    assert.deepEqual(check(fixed).map((candidate) => candidate.ruleId), []);
  });

  it('counts a BOM the editor keeps as one column of the first line only', () => {
    const text = '\ufeff' + configMap('  lables: {}');
    const finding = check(text).find((candidate) => candidate.ruleId === 'schema/unknown-field');
    assert.deepEqual(finding && [finding.line, finding.column], [5, 3]);
    assert.equal(text.slice(finding!.start, finding!.end), 'lables');
  });

  it('reads BOM and CRLF files from disk in the CLI with the same positions as plain ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-robust-'));
    writeFileSync(join(dir, 'bom.yaml'), '\ufeff' + configMap('  lables: {}'));
    writeFileSync(join(dir, 'crlf.yaml'), configMap('  lables: {}', '\r\n'));
    const result = lint(['--format', 'json', '.'], dir);
    const findings = JSON.parse(result.stdout) as { file: string; line: number; column: number; endColumn: number }[];
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.column, f.endColumn]), [['bom.yaml', 5, 3, 9], ['crlf.yaml', 5, 3, 9]]);
  });

  it('notes binary and non-UTF-8 files in the CLI instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-robust-'));
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff]));
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('a: caf\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'ok.yaml'), configMap('data: {}'));
    const result = lint(['--format', 'json', '.'], dir);
    assert.equal(result.status, 0, result.stderr);
    const findings = JSON.parse(result.stdout) as { file: string; ruleId: string; severity: string; message: string }[];
    assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.severity]), [['binary.yaml', 'yaml/skipped', 'info'], ['latin1.yaml', 'yaml/skipped', 'info']]);
    assert.match(findings[1].message, /UTF-8/);
  });
});

describe('a failing rule', () => {
  const throwing: Rule = {
    id: 'test/throws', defaultSeverity: 'error', description: 'Throws on every manifest.', scope: 'manifest',
    check() { throw new Error('boom'); },
  };

  it('is reported and does not stop the other rules', () => {
    const engine = new Engine(schemas());
    const text = configMap('  lables: {}');
    engine.setFile('a.yaml', text);
    const errors: string[] = [];
    const checker = createChecker(engine.model, engine.schemas, engine.settings, {
      rules: [throwing, schemaUnknownField, ...allRules.filter((rule) => rule.id === 'yaml/syntax')],
      onRuleError: (ruleId, uri, error) => errors.push(`${ruleId} ${uri} ${String(error)}`),
    });
    assert.deepEqual(checker.checkFiles(['a.yaml']).get('a.yaml')?.map((finding) => finding.ruleId), ['schema/unknown-field']);
    assert.deepEqual(errors, ['test/throws a.yaml Error: boom']);
  });

  it('is run again on the next check (its failure is not remembered as "no findings")', () => {
    let calls = 0;
    const flaky: Rule = { ...throwing, id: 'test/flaky', check() { calls++; if (calls === 1) throw new Error('once'); return [{ start: 0, end: 1, message: 'found' }]; } };
    const engine = new Engine(schemas());
    engine.setFile('a.yaml', configMap('data: {}'));
    const run = (): string[] => createChecker(engine.model, engine.schemas, engine.settings, { rules: [flaky], onRuleError: () => undefined })
      .checkFiles(['a.yaml']).get('a.yaml')!.map((finding) => finding.message);
    assert.deepEqual(run(), []);
    assert.deepEqual(run(), ['found']);
  });
});

describe('the language server on odd input', () => {
  it('publishes one note for a file over maxFileSize and keeps answering', async () => {
    const client = await LspClient.start({ settings: { maxFileSize: 2048 } });
    try {
      const uri = 'file:///robust/big.yaml';
      // Settings arrive after initialize; the note comes once they are read.
      const waiting = client.waitForDiagnostics(uri, (list) => list.length > 0);
      await client.open(uri, configMap('data:\n' + Array.from({ length: 300 }, (_, i) => `  k${i}: value`).join('\n')));
      const diagnostics = await waiting;
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['yaml/skipped', 3]]);
      assert.deepEqual(await client.symbols(uri), []);
    } finally {
      await client.stop();
    }
  });

  it('answers requests on a deeply nested, a binary and a 10,000-document file', async () => {
    const client = await LspClient.start();
    try {
      const texts = {
        'deep.yaml': 'a: ' + '['.repeat(50000),
        'binary.yaml': 'x\u0000\u0001\u0002',
        'many.yaml': Array.from({ length: 10000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`).join('---\n'),
      };
      for (const [name, text] of Object.entries(texts)) {
        const uri = `file:///robust/${name}`;
        const waiting = client.waitForDiagnostics(uri, () => true, 60000);
        await client.open(uri, text);
        const diagnostics = await waiting;
        for (const d of diagnostics) assert.ok(d.range.start.line >= 0 && d.range.end.line <= text.split('\n').length, name);
        await client.hover(uri, { line: 0, character: 3 });
        await client.completion(uri, { line: 0, character: 1 });
      }
      assert.equal((await client.symbols('file:///robust/many.yaml')).length, 10000);
    } finally {
      await client.stop();
    }
  });
});
