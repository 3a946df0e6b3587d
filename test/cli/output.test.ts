// The CLI's output (issue 19): a reader that goes away ends it quietly with the findings' exit code,
// any other write error is one line and exit 2, and the text format cannot be turned into workflow
// commands or terminal escapes by a manifest value or a file name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../support/repo';
import { escapeControl } from '../../server/src/cli/format/text';

const bin = join(repoRoot, 'bin', 'statefulset-lint.js');
const dir = mkdtempSync(join(tmpdir(), 'sts-output-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file with many findings: its JSON report is far larger than a pipe's buffer. */
function manyFindings(name: string, severity: 'warning' | 'error'): string {
  const field = severity === 'error' ? '  nmae: x\n' : '';
  const documents = Array.from({ length: 1500 }, (_, i) => severity === 'error'
    ? `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n${field}`
    : `metadata:\n  name: c${i}\ndata: {}\n`);
  writeFileSync(join(dir, name), documents.join('---\n'));
  return name;
}

function bash(script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.error, undefined, 'bash is needed for this test');
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('statefulset-lint output', () => {
  const lint = `"${process.execPath}" "${bin}"`;

  it('ends quietly when the reader closes the pipe (| head -1), with the exit code of the findings', () => {
    const warnings = manyFindings('warnings.yaml', 'warning');
    const errors = manyFindings('errors.yaml', 'error');
    for (const [file, expected] of [[warnings, 0], [errors, 1]] as const) {
      const result = bash(`${lint} --format json ${file} 2>stderr.txt | head -1; echo "status=\${PIPESTATUS[0]}"; cat stderr.txt`);
      const [first, status] = result.stdout.split('\n');
      assert.equal(first, '[');
      assert.equal(status, `status=${expected}`, result.stdout);
      assert.doesNotMatch(result.stdout, /EPIPE|Error|at /, 'nothing on standard error');
    }
  });

  it('exits 2 with one line when the report cannot be written (a full disk: /dev/full)', () => {
    assert.ok(existsSync('/dev/full'), '/dev/full is needed for this test');
    const file = manyFindings('full.yaml', 'error');
    for (const format of ['json', 'sarif', 'text']) {
      const result = bash(`${lint} --format ${format} ${file} > /dev/full`);
      assert.equal(result.status, 2, `${format}: ${result.stderr}`);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines[0], 'statefulset-lint: cannot write to standard output: no space left on the device');
      assert.doesNotMatch(result.stderr, /^ +at /m);
    }
  });

  it('escapes line breaks and control characters from manifests and file names in the text format', () => {
    const name = 'odd\n::error file=x::name.yaml';
    writeFileSync(join(dir, name), 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  "a\\n::notice::injected\\u001b[31m": 1\n');
    const result = spawnSync(process.execPath, [bin, name], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 1);
    const lines = result.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.match(line, /^odd\\n::error file=x::name\.yaml:\d+:\d+: (error|warning|info|hint) /, line);
    assert.ok(lines.some((line) => line.includes('"a\\n::notice::injected\\u001b[31m"')), result.stdout);
    assert.ok(!result.stdout.includes('\u001b'));
    // JSON keeps the real name (JSON escapes it itself).
    const json = spawnSync(process.execPath, [bin, '--format', 'json', name], { cwd: dir, encoding: 'utf8' });
    assert.equal((JSON.parse(json.stdout) as { file: string }[])[0].file, name);
  });

  it('escapes every control character, the line separators and bidi controls, and nothing else', () => {
    assert.equal(escapeControl('a\nb\r\tc\u0000\u001b[0m\u007f\u0085\u2028\u202e\u2066'), 'a\\nb\\r\\tc\\u0000\\u001b[0m\\u007f\\u0085\\u2028\\u202e\\u2066');
    assert.equal(escapeControl('plain text: ü, 名前, "quoted" \\n'), 'plain text: ü, 名前, "quoted" \\n');
  });

  it('refuses empty or invalid --namespace and --cluster-domain values (exit 2)', () => {
    for (const args of [['--namespace', ''], ['--namespace='], ['--namespace', 'Not_A_Label'], ['identities', '--namespace=', 'x.yaml'],
      ['identities', '--cluster-domain', '', 'x.yaml'], ['identities', '--cluster-domain=', 'x.yaml'], ['identities', '--cluster-domain', 'bad domain', 'x.yaml']]) {
      const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /--(namespace|cluster-domain) (needs a value|must be)/, args.join(' '));
    }
  });
});
