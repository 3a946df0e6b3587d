// The configuration file on the command line: found from each file's folder up to the repository
// root, under the command line's flags; a wrong key or value, an unreadable file and a file above the
// repository root each get a clear message.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../support/repo';
import { unprivileged } from '../support/as-user';

const bin = join(repoRoot, 'bin', 'statefulset-lint.js');
const statefulSet = readFileSync(join(repoRoot, 'examples', 'statefulset.yaml'), 'utf8');
const dirs: string[] = [];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

interface JsonFinding { file: string; line: number; ruleId: string; severity: string }

/** A repository (a folder holding .git) inside an outer folder, with the given files. */
function repository(files: Record<string, string>): { outer: string; repo: string } {
  const outer = mkdtempSync(join(tmpdir(), 'sts-config-'));
  chmodSync(outer, 0o755);
  dirs.push(outer);
  const repo = join(outer, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(repo, name, '..'), { recursive: true });
    writeFileSync(join(repo, name), text);
  }
  return { outer, repo };
}

function lint(args: string[], cwd: string, options: SpawnSyncOptions = {}, script = bin): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', timeout: 30_000, ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const ruleIds = (stdout: string): string[] => (JSON.parse(stdout) as JsonFinding[]).map((f) => `${f.file} ${f.ruleId} ${f.severity}`);

describe('.statefulset-lint.yaml on the command line', () => {
  const files = { 'k8s/statefulset.yaml': statefulSet, 'k8s/gen/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n' };

  it('changes the result: storage classes, rule severities, ignored files, the Kubernetes release', () => {
    const { repo } = repository(files);
    const before = ruleIds(lint(['--format', 'json', 'k8s'], repo).stdout);
    assert.deepEqual(before, [
      'k8s/gen/bad.yaml schema/unknown-field error',
      'k8s/statefulset.yaml sts/service-missing warning',
      'k8s/statefulset.yaml sts/storage-class-missing warning',
    ]);
    writeFileSync(join(repo, '.statefulset-lint.yaml'), [
      '# The cluster and what we check',
      'kubernetesVersion: "1.31"',
      'knownStorageClasses: [fast]',
      'rules:',
      '  sts/service-missing: error',
      'ignore: ["k8s/gen/**"]',
    ].join('\n'));
    const after = lint(['--format', 'json', 'k8s'], repo);
    assert.deepEqual(ruleIds(after.stdout), ['k8s/statefulset.yaml sts/service-missing error']);
    assert.equal(after.status, 1);
    // From a sub-folder too: the file is found from each checked file upwards.
    assert.deepEqual(ruleIds(lint(['--format', 'json', '.'], join(repo, 'k8s')).stdout), ['statefulset.yaml sts/service-missing error']);
  });

  it('is overridden by the command line: --rule per id, --storage-class added to the list', () => {
    const { repo } = repository({ ...files, '.statefulset-lint.yml': 'rules: { sts/service-missing: error, schema/unknown-field: warning }\n' });
    const result = lint(['--format', 'json', '--rule', 'sts/service-missing=off', '--storage-class', 'fast', 'k8s'], repo);
    assert.deepEqual(ruleIds(result.stdout), ['k8s/gen/bad.yaml schema/unknown-field warning']);
    assert.equal(result.status, 0);
  });

  it('applies the nearest file: a sub-folder with its own configuration is checked with it', () => {
    const { repo } = repository({ ...files, '.statefulset-lint.yaml': 'rules: { schema/unknown-field: off }\n', 'k8s/gen/.statefulset-lint.yaml': 'rules: { schema/unknown-field: info }\n' });
    assert.deepEqual(ruleIds(lint(['--format', 'json', '.'], repo).stdout), [
      'k8s/gen/bad.yaml schema/unknown-field info',
      'k8s/statefulset.yaml sts/service-missing warning',
      'k8s/statefulset.yaml sts/storage-class-missing warning',
    ]);
  });

  it('exits 2 on wrong keys and values, naming file:line:column of each', () => {
    const { repo } = repository({ ...files, '.statefulset-lint.yaml': 'kubernetesVersion: 1.30\nrulez: {}\nrules:\n  sts/no-such-rule: off\n  schema/unknown-field: warn\ndefaultNamespace: ""\nmaxFileSize: 12\n' });
    const result = lint(['k8s'], repo);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.trim().split('\n'), [
      '.statefulset-lint.yaml:1:20: error kubernetesVersion is the number 1.3, but it must be a string (a Kubernetes release as major.minor in quotes, such as "1.31"). Write it in quotes: "1.30". [config/invalid]',
      '.statefulset-lint.yaml:2:1: error unknown key "rulez": did you mean "rules"? [config/invalid]',
      '.statefulset-lint.yaml:4:3: error rules: unknown rule id "sts/no-such-rule" (statefulset-lint --list-rules prints them) [config/invalid]',
      '.statefulset-lint.yaml:5:25: error rules.schema/unknown-field is "warn": it must be error, warning, info, hint or off. [config/invalid]',
      '.statefulset-lint.yaml:6:19: error defaultNamespace is "": it must be a namespace name (a lowercase RFC 1123 label such as "prod"). [config/invalid]',
      '.statefulset-lint.yaml:7:14: error maxFileSize is 12: it must be a number of bytes from 1024 to 67108864. [config/invalid]',
    ]);
    writeFileSync(join(repo, '.statefulset-lint.yaml'), 'rules: [\n');
    const broken = lint(['k8s'], repo);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /^\.statefulset-lint\.yaml:2:1: error YAML syntax: .*\[config\/invalid\]$/m);
  });

  it('exits 2 with one line when the configuration file cannot be read', () => {
    const { repo } = repository(files);
    mkdirSync(join(repo, '.statefulset-lint.yaml'));
    const folder = lint(['k8s'], repo);
    assert.equal(folder.status, 2);
    assert.equal(folder.stderr.trim(), 'statefulset-lint: cannot read the configuration file .statefulset-lint.yaml: it is not a regular file');
    rmSync(join(repo, '.statefulset-lint.yaml'), { recursive: true });
    writeFileSync(join(repo, '.statefulset-lint.yaml'), 'rules: {}\n');
    chmodSync(join(repo, '.statefulset-lint.yaml'), 0o000);
    chmodSync(repo, 0o755);
    const user = unprivileged();
    user.assertUnreadable(join(repo, '.statefulset-lint.yaml'), false);
    const denied = lint(['k8s'], repo, user.options, user.bin);
    assert.equal(denied.status, 2, denied.stderr);
    assert.equal(denied.stderr.trim(), 'statefulset-lint: cannot read the configuration file .statefulset-lint.yaml: permission denied');
  });

  it('sets the cluster domain and namespace of `statefulset-lint identities`, under its flags', () => {
    const { repo } = repository({ 'k8s/statefulset.yaml': statefulSet, '.statefulset-lint.yaml': 'clusterDomain: corp.example\ndefaultNamespace: shop\n' });
    const fromFile = JSON.parse(lint(['identities', '--format', 'json', 'k8s'], repo).stdout) as { clusterDomain: string; defaultNamespace: string };
    assert.deepEqual([fromFile.clusterDomain, fromFile.defaultNamespace], ['corp.example', 'shop']);
    const text = lint(['identities', 'k8s'], repo).stdout;
    assert.match(text, /apache-http-0\.httpd-service\.shop\.svc\.corp\.example/);
    const flags = JSON.parse(lint(['identities', '--format', 'json', '--cluster-domain', 'cluster.local', 'k8s'], repo).stdout) as { clusterDomain: string };
    assert.equal(flags.clusterDomain, 'cluster.local');
    writeFileSync(join(repo, '.statefulset-lint.yaml'), 'clusterDomain: -bad-\n');
    const wrong = lint(['identities', 'k8s'], repo);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /^\.statefulset-lint\.yaml:1:16: error clusterDomain is "-bad-": it must be a DNS domain such as "cluster\.local"\. \[config\/invalid\]$/m);
  });

  it('never reads a configuration file above the repository root, and says so', () => {
    const { outer, repo } = repository(files);
    writeFileSync(join(outer, '.statefulset-lint.yaml'), 'rules: { schema/unknown-field: off }\nknownStorageClasses: [fast]\n');
    const result = lint(['--format', 'json', 'k8s'], repo);
    assert.equal(ruleIds(result.stdout).length, 3, 'the outer file changed nothing');
    assert.match(result.stderr, /^statefulset-lint: not read: \.\.\/\.statefulset-lint\.yaml, above the repository root \. /m);
  });
});
