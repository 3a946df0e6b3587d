// The real bin on real folders: output formats, positions and exit codes.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli as lint } from '../support/cli';
import { folderWith } from '../support/folders';
import { documents, service, statefulSet } from '../support/manifests';
import { lineOf } from '../support/positions';

interface JsonFinding { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string; message: string }

describe('statefulset-lint', () => {
  it('exits 0 with no output on valid manifests', () => {
    const result = lint(['examples/statefulset.yaml', 'examples/service.yaml', 'examples/storageclass.yaml']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /3 files checked: 0 errors/);
  });

  it('prints compiler-style lines and exits 1 when there is an error', () => {
    const result = lint(['examples']);
    assert.equal(result.status, 1);
    const line = result.stdout.split('\n').find((l) => l.includes('[schema/unknown-field]'));
    assert.match(line ?? '', /^examples\/broken\/statefulset\.yaml:9:3: error Unknown field "replica".*\[schema\/unknown-field\]$/);
  });

  it('prints one JSON array with 1-based positions, recursing into folders for .yaml and .yml', () => {
    const dir = folderWith({
      'a/one.yml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: "80"\n',
      'a/b/two.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nmae: x\n',
      'a/ignored.txt': 'kind: nothing',
    });
    const result = lint(['--format', 'json', 'a'], dir);
    assert.equal(result.status, 1);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.severity]), [
      [join('a', 'b', 'two.yaml'), 5, 3, 5, 7, 'schema/unknown-field', 'error'],
      [join('a', 'one.yml'), 7, 13, 7, 17, 'schema/type', 'error'],
    ]);
    assert.ok(findings.every((f) => typeof f.message === 'string' && f.message.length > 10));
  });

  it('exits 0 when only warnings are found, and applies --rule overrides', () => {
    const dir = folderWith({ 'x.yaml': 'metadata:\n  name: x\nspec: {}\n' });
    assert.equal(lint(['x.yaml'], dir).status, 0);
    const off = lint(['--format', 'json', '--rule', 'manifest/missing-kind=off', 'x.yaml'], dir);
    assert.deepEqual(JSON.parse(off.stdout), []);
    const raised = lint(['--rule=manifest/missing-kind=error', 'x.yaml'], dir);
    assert.equal(raised.status, 1);
  });

  it('reports nothing on files that are not Kubernetes objects in a folder of manifests', () => {
    const dir = folderWith({
      'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
      'chart/values.yaml': 'replicaCount: 1\n',
      '.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
      'docker-compose.yml': 'services:\n  web: [unclosed\n',
      'prometheus.yml': 'global:\n  scrape_interval: 15s\n',
      'deploy/app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n---\nrepliaCount: 1\n',
    });
    const result = lint(['--format', 'json', '.'], dir);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.ruleId]), [[join('deploy', 'app.yaml'), 9, 'manifest/missing-kind']]);
    assert.match(lint(['.'], dir).stderr, /6 files checked: 0 errors, 1 warning/);
  });

  it('reports what happens: per-pod Services select their pod, a non-headless governing Service is an error only when its names are used, templates and removed APIs in one pass', () => {
    const sts = (container: string): string => statefulSet({ name: 'redis', replicas: 2, containers: [{ name: 'redis', image: 'redis:7', lines: container }] });
    const files = {
      'svc.yaml': documents(
        service({ name: 'redis', ports: [{ port: 6379 }] }),
        service({ name: 'redis-1', selector: { 'statefulset.kubernetes.io/pod-name': 'redis-1' }, ports: [{ port: 6379 }] }),
      ),
      'sts.yaml': sts(''),
      'sc.yaml': 'apiVersion: storage.k8s.io/v1beta1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: x\nparamters: {}\n',
      'deploy.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: @NAME@\n',
    };
    const json = (dir: string): string[] => (JSON.parse(lint(['--format', 'json', '.'], dir).stdout) as JsonFinding[]).map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId}`);
    const calm = folderWith(files);
    const serviceName = lineOf(files['sts.yaml'], 'serviceName');
    assert.deepEqual(json(calm), ['deploy.yaml:4 info yaml/template', 'sc.yaml:1 error manifest/removed-api', 'sc.yaml:6 error schema/unknown-field', `sts.yaml:${serviceName} warning sts/service-not-headless`]);
    const peers = folderWith({ ...files, 'sts.yaml': sts('env:\n  - name: MASTER\n    value: redis-0.redis\n') });
    assert.ok(json(peers).includes(`sts.yaml:${serviceName} error sts/service-not-headless`));
  });

  it('exits 2 with a clear message for an unreadable path or a bad option', () => {
    const missing = lint(['no/such/file.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read no\/such\/file\.yaml: no such file or folder/);
    const badFormat = lint(['--format', 'xml', 'examples']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /unknown format "xml"/);
    const badRule = lint(['--rule', 'nope/nothing=off']);
    assert.equal(badRule.status, 2);
    assert.match(badRule.stderr, /unknown rule "nope\/nothing"/);
  });

  it('notes files it cannot read as text instead of failing', () => {
    const dir = folderWith({});
    writeFileSync(join(dir, 'bin.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28]));
    const result = lint(['--format', 'json', 'bin.yaml'], dir);
    assert.equal(result.status, 0);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['yaml/skipped', 'info']]);
    assert.match(findings[0].message, /not UTF-8/);
  });

  it('lists every rule with its default severity', () => {
    const result = lint(['--list-rules']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^schema\/unknown-field\s+error\s+/m);
    assert.match(result.stdout, /^manifest\/missing-kind\s+warning\s+/m);
  });
});
