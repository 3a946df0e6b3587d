// A YAML stream on standard input (`helm template . | statefulset-lint -`), its name, the templates
// its documents came from (`# Source:`), and --version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { distDir, repoRoot } from '../support/repo';
import type { SarifLog } from '../../server/src/cli/format/sarif';

const bin = join(repoRoot, 'bin', 'statefulset-lint.js');
const dir = mkdtempSync(join(tmpdir(), 'sts-stdin-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFinding { file: string; line: number; ruleId: string; severity: string; origin?: string }

function lint(args: string[], input?: string, cwd = dir): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// What `helm template` prints: each document starts with the template it came from.
const rendered = `---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector: { app: web }
  ports: [{ port: 80, name: http }]
---
# Source: web/templates/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replica: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx }]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
  nmae: x
`;

describe('statefulset-lint on standard input', () => {
  it('reads the stream named by "-", reports it as <stdin> and keeps each document\'s # Source as its origin', () => {
    const result = lint(['--format', 'json', '-'], rendered);
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.ruleId, f.origin]), [
      ['<stdin>', 19, 'schema/unknown-field', 'web/templates/statefulset.yaml'],
      ['<stdin>', 30, 'schema/unknown-field', undefined],
    ]);
  });

  it('reads piped input when no path is given; an empty pipe means the current folder', () => {
    const piped = lint(['--format', 'json'], rendered);
    assert.equal(piped.status, 1);
    assert.equal((JSON.parse(piped.stdout) as JsonFinding[])[0].file, '<stdin>');
    const folder = mkdtempSync(join(dir, 'folder-'));
    writeFileSync(join(folder, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n');
    const empty = lint(['--format', 'json'], '', folder);
    assert.deepEqual((JSON.parse(empty.stdout) as JsonFinding[]).map((f) => f.file), ['bad.yaml']);
  });

  it('names the stream with --stdin-filename, which stands for the file of that name among the others', () => {
    const folder = mkdtempSync(join(dir, 'named-'));
    writeFileSync(join(folder, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: on-disk\n  nmae: x\n');
    writeFileSync(join(folder, 'service.yaml'), readFileSync(join(repoRoot, 'examples', 'service.yaml')));
    const result = lint(['--format', 'json', '--stdin-filename', 'app.yaml', '-', '.'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: piped\n', folder);
    assert.equal(result.status, 0, result.stdout);
    assert.deepEqual(JSON.parse(result.stdout), [], 'the piped text replaces app.yaml on disk');
    assert.match(lint(['--stdin-filename', 'app.yaml', '-', '.'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: piped\n', folder).stderr, /^2 files checked/m);
    const text = lint(['--stdin-filename', 'deploy/app.yaml', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n', folder);
    assert.match(text.stdout, /^deploy\/app\.yaml:5:3: error .*\[schema\/unknown-field\]$/m);
  });

  it('puts the origin in SARIF as a related location the message links to, and in the text format', () => {
    const result = lint(['--format', 'sarif', '-'], rendered);
    const log = JSON.parse(result.stdout) as SarifLog;
    const [withOrigin, without] = log.runs[0].results;
    assert.equal(withOrigin.locations[0].physicalLocation.artifactLocation.uri, '%3Cstdin%3E');
    const origin = withOrigin.relatedLocations?.at(-1);
    assert.equal(origin?.physicalLocation.artifactLocation.uri, 'web/templates/statefulset.yaml');
    assert.equal(origin?.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.match(withOrigin.message.text, new RegExp(`\\(rendered from \\[web/templates/statefulset\\.yaml\\]\\(${origin?.id}\\)\\)$`));
    assert.equal(without.relatedLocations, undefined);
    const text = lint(['-'], rendered);
    assert.match(text.stdout, /^<stdin>:19:3: error .* \(from web\/templates\/statefulset\.yaml\) \[schema\/unknown-field\]$/m);
  });

  it('refuses a stream over the size limit (exit 2) instead of holding it all', () => {
    const big = `# ${'x'.repeat(3 * 1024 * 1024)}\n`;
    const result = lint(['-'], big);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^statefulset-lint: standard input is larger than the 2048 KiB limit \(maxFileSize\)/);
  });

  it('says in one line when standard input cannot be read (a folder: exit 2)', () => {
    const fd = openSync(dir, 'r');
    try {
      const result = spawnSync(process.execPath, [bin, '-'], { cwd: dir, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      assert.equal(result.status, 2);
      assert.equal(result.stderr.trim(), 'statefulset-lint: cannot read standard input: it is a folder');
    } finally {
      closeSync(fd);
    }
  });

  it('prints the version and the Kubernetes release of the built-in schemas', () => {
    const result = lint(['--version']);
    assert.equal(result.status, 0);
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const { kubernetesVersion } = JSON.parse(readFileSync(join(distDir, 'schemas', 'kubernetes.json'), 'utf8')) as { kubernetesVersion: string };
    const [first, second] = result.stdout.trim().split('\n');
    assert.equal(first, `statefulset-lint ${version}`);
    assert.match(second, new RegExp(`^Kubernetes schemas ${kubernetesVersion.replace('.', '\\.')}: .*OpenAPI release-${kubernetesVersion.replace('.', '\\.')}`));
  });
});
