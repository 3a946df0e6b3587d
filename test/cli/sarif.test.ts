// CI output: `--format sarif` is valid SARIF 2.1.0 (checked against the official JSON schema, shipped
// offline by @microsoft/jest-sarif) with rule metadata and exact regions; `--format github` annotations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { Engine, allRules, type Finding } from '../../server/src/engine';
import { escapeData, escapeProperty, githubAnnotation } from '../../server/src/cli/format/github';
import { artifactUri, toSarif, type SarifLog } from '../../server/src/cli/format/sarif';
import { runCli as lint } from '../support/cli';
import { folderWith } from '../support/folders';
import { schemas } from '../support/engine';
import { repoRoot } from '../support/repo';

let validator: ValidateFunction | undefined;

/** The SARIF 2.1.0 schema validator (draft-04 schema; formats checked by hand, as Ajv ships none). */
function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  const path = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // unicodeRegExp: false, as the schema's `language` pattern has a stray `]` that the u flag refuses.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const parses = (value: string, base?: string): boolean => { try { new URL(value, base); return true; } catch { return false; } };
  ajv.addFormat('uri', { type: 'string', validate: (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) && parses(value) });
  ajv.addFormat('uri-reference', { type: 'string', validate: (value: string) => parses(value, 'file:///root/') });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => !Number.isNaN(Date.parse(value)) });
  validator = ajv.compile(schema);
  return validator;
}

function assertValidSarif(log: unknown): void {
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

describe('statefulset-lint --format sarif', () => {
  it('prints a SARIF 2.1.0 log that the official schema accepts, with rule metadata and exact regions', () => {
    const dir = folderWith({
      'a/b/two.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  lables: {}\n',
      'a/one.yml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: "80"\n',
    });
    const result = lint(['--format', 'sarif', 'a'], dir);
    assert.equal(result.status, 1, result.stderr);
    const log = JSON.parse(result.stdout) as SarifLog;
    assertValidSarif(log);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'statefulset-lint');
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id), allRules.map((rule) => rule.id));
    for (const rule of run.tool.driver.rules) {
      const meta = allRules.find((candidate) => candidate.id === rule.id)!;
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.ok(rule.shortDescription.text.length > 5, rule.id);
      assert.equal(rule.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[meta.defaultSeverity]);
    }
    const rows = run.results.map((r) => {
      const location = r.locations[0].physicalLocation;
      const region = location.region;
      return [location.artifactLocation.uri, location.artifactLocation.uriBaseId, region.startLine, region.startColumn, region.endLine, region.endColumn, r.ruleId, r.level];
    });
    assert.deepEqual(rows, [
      ['a/b/two.yaml', '%SRCROOT%', 5, 3, 5, 9, 'schema/unknown-field', 'error'],
      ['a/one.yml', '%SRCROOT%', 7, 13, 7, 17, 'schema/type', 'error'],
    ]);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
    // The unknown-field finding carries its fix ("lables" → "labels") as a SARIF replacement.
    const fix = run.results[0].fixes?.[0];
    assert.equal(fix?.description.text, 'Change "lables" to "labels"');
    assert.deepEqual(fix?.artifactChanges[0].replacements[0].insertedContent, { text: 'labels' });
    assert.equal(fix?.artifactChanges[0].replacements[0].deletedRegion.charLength, 6);
  });

  it('gives an empty, still valid, result list for a clean workspace and exits 0', () => {
    const dir = folderWith({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n' });
    const result = lint(['--format=sarif', '.'], dir);
    assert.equal(result.status, 0, result.stderr);
    const log = JSON.parse(result.stdout) as SarifLog;
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results, []);
  });

  it('validates the SARIF of every example and broken example shipped with the project', () => {
    const result = lint(['--format', 'sarif', 'examples'], repoRoot);
    const log = JSON.parse(result.stdout) as SarifLog;
    assertValidSarif(log);
    assert.ok(log.runs[0].results.length > 0);
    assert.ok(log.runs[0].results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('examples/')));
  });

  it('is rejected by the schema when broken (the validator is not a no-op)', () => {
    const dir = folderWith({ 'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n' });
    const log = JSON.parse(lint(['--format', 'sarif', '.'], dir).stdout) as Record<string, unknown>;
    assert.equal(sarifValidator()({ ...log, version: '2.0.0' }), false);
    const runs = log.runs as { results: { level: string }[] }[];
    runs[0].results[0].level = 'fatal';
    assert.equal(sarifValidator()(log), false);
  });
});

describe('toSarif', () => {
  const engine = new Engine(schemas());

  function sarifOf(files: Record<string, string>, findings?: Finding[]): SarifLog {
    for (const [uri, text] of Object.entries(files)) engine.setFile(uri, text);
    const all = findings ?? [...engine.check(Object.keys(files)).values()].flat();
    return toSarif({ findings: all, rules: allRules, positionAt: (uri, offset) => engine.positionAt(uri, offset), root: '/repo' });
  }

  it('counts columns in UTF-16 code units and keeps ranges right with CRLF line endings', () => {
    const text = 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\n  labels: { "é😀": x }\r\n  nmae: x\r\n';
    const log = sarifOf({ '/repo/crlf.yaml': text });
    assertValidSarif(log);
    const result = log.runs[0].results.find((r) => r.ruleId === 'schema/unknown-field');
    const region = result?.locations[0].physicalLocation.region;
    assert.deepEqual(region && [region.startLine, region.startColumn, region.endLine, region.endColumn], [6, 3, 6, 7]);
    assert.equal(text.slice(region!.charOffset, region!.charOffset + region!.charLength), 'nmae');
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  it('reports related locations in other files and fixes with snippet placeholders as plain text', () => {
    const finding: Finding = {
      uri: '/repo/a.yaml', start: 0, end: 10, ruleId: 'schema/required', severity: 'warning', message: 'm',
      related: [{ uri: '/repo/sub/b.yaml', start: 15, end: 19, message: 'the other object' }],
      fixes: [{ title: 'Add it', edits: [{ uri: '/repo/sub/b.yaml', start: 20, end: 20, newText: 'name: ${1:web}$0 \\$5 ${2|a,b|}', snippet: true }] }],
    };
    const log = sarifOf({ '/repo/a.yaml': 'apiVersion: v1\nkind: X\n', '/repo/sub/b.yaml': 'apiVersion: v1\nkind: Y\nmetadata: {}\n' }, [finding]);
    assertValidSarif(log);
    const result = log.runs[0].results[0];
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.relatedLocations?.[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5, charOffset: 15, charLength: 4 });
    assert.equal(result.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'sub/b.yaml');
    const replacement = result.fixes?.[0].artifactChanges[0].replacements[0];
    assert.deepEqual(replacement?.insertedContent, { text: 'name: web $5 a' });
    assert.equal(replacement?.deletedRegion.charLength, 0);
    assert.deepEqual(log.runs[0].artifacts.map((a) => a.location.uri), ['a.yaml', 'sub/b.yaml']);
  });

  it('embeds each rule\'s documentation page as help, for the code scanning alert view', () => {
    const log = sarifOf({});
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'schema/type');
    assert.match(rule?.help?.markdown ?? '', /^# `schema\/type`/);
  });

  it('names files outside the root by absolute file URI, and percent-encodes paths', () => {
    assert.deepEqual(artifactUri('/elsewhere/x.yaml', '/repo'), { uri: 'file:///elsewhere/x.yaml' });
    assert.deepEqual(artifactUri('/repo/my dir/#1.yaml', '/repo'), { uri: 'my%20dir/%231.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactUri('file:///repo/a.yaml', '/repo'), { uri: 'a.yaml', uriBaseId: '%SRCROOT%' });
  });
});

describe('statefulset-lint --format github', () => {
  it('prints one workflow command per finding, with the file, range and rule id, and a summary on stderr', () => {
    const dir = folderWith({ 'a/two.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  lables: {}\n', 'b.yaml': 'metadata:\n  name: x\nspec: {}\n' });
    const result = lint(['--format', 'github', '.'], dir);
    assert.equal(result.status, 1);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines[0], '::error file=a/two.yaml,line=5,endLine=5,col=3,endColumn=9,title=schema/unknown-field::Unknown field "lables" in ObjectMeta (metadata.lables). Did you mean "labels"? [schema/unknown-field]');
    assert.match(lines[1], /^::warning file=b\.yaml,line=1,.*title=manifest\/missing-kind::/);
    assert.match(result.stderr, /2 files checked: 1 error, 1 warning/);
  });

  it('escapes newlines, percent signs, colons and commas, and drops columns of multi-line ranges', () => {
    const line = githubAnnotation({ file: 'x,y:z.yaml', line: 2, column: 4, endLine: 3, endColumn: 1, ruleId: 'yaml/syntax', severity: 'info', message: '100% wrong\nhere' });
    assert.equal(line, '::notice file=x%2Cy%3Az.yaml,line=2,endLine=3,title=yaml/syntax::100%25 wrong%0Ahere [yaml/syntax]');
    assert.equal(escapeData('a\r\nb'), 'a%0D%0Ab');
    assert.equal(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
  });

  it('rejects an unknown format with a usage error', () => {
    const result = lint(['--format', 'xml', '.'], repoRoot);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /use text, json, sarif or github/);
  });
});
