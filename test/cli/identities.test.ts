// `statefulset-lint identities`: the real bin on real folders, text and JSON, options and exit codes.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli as run } from '../support/cli';
import { folderWith } from '../support/folders';
import { headlessService, listOf, service as serviceOf, statefulSet as statefulSetOf, type StatefulSetOptions } from '../support/manifests';
import { lineOf, rangeOf } from '../support/positions';
import { repoRoot } from '../support/repo';

/** The StatefulSet db in the namespace data: pods db-1 and db-2 (ordinals from 1), claim template pg. */
const db: StatefulSetOptions = {
  name: 'db', namespace: 'data', replicas: 2, spec: 'ordinals:\n  start: 1\n',
  containers: [{ name: 'db', image: 'postgres:17' }], claimTemplates: [{ name: 'pg' }],
};
const statefulSet = statefulSetOf(db);
const service = headlessService({ name: 'db', namespace: 'data', ports: [{ name: 'sql', port: 5432 }] });

interface JsonIdentities {
  clusterDomain: string;
  statefulSets: {
    file: string; name: string; namespace: string;
    location: { file: string; line: number; column: number };
    pods: { name: string; fqdn?: string; claims: { pvc: string }[] }[];
    srv: { name: string }[];
    service: { found: boolean; headless: boolean; location?: { file: string; line: number } };
    problems: { code: string; location?: { line: number } }[];
  }[];
}

describe('statefulset-lint identities', () => {
  it('prints the pods, DNS names, PVCs and orders of the tutorial example as text', () => {
    const result = run(['identities', 'examples/statefulset.yaml', 'examples/service.yaml']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^StatefulSet apache-http {2}examples\/statefulset\.yaml:6$/m);
    assert.match(result.stdout, /^ {2}Service {5}httpd-service: headless \(examples\/service\.yaml:6\)$/m);
    assert.match(result.stdout, /^ {4}2 +apache-http-2 +apache-http-2\.httpd-service\.default\.svc\.cluster\.local +htdocs-apache-http-2$/m);
    assert.match(result.stdout, /_web\._tcp\.httpd-service\.default\.svc\.cluster\.local \(port 80\)/);
    assert.match(result.stdout, /^ {2}creation {4}apache-http-0 → apache-http-1 → apache-http-2, one at a time/m);
    assert.match(result.stderr, /1 StatefulSet in 2 files/);
  });

  it('prints JSON with 1-based locations, reading a folder as one workspace', () => {
    const dir = folderWith({ 'k8s/sts.yaml': statefulSet, 'k8s/svc/service.yml': service, 'k8s/notes.txt': 'x' });
    const result = run(['identities', '--format', 'json', 'k8s'], dir);
    assert.equal(result.status, 0, result.stderr);
    const parsed = JSON.parse(result.stdout) as JsonIdentities;
    assert.equal(parsed.clusterDomain, 'cluster.local');
    const [set] = parsed.statefulSets;
    assert.equal(set.file, join('k8s', 'sts.yaml'));
    assert.deepEqual(set.location, { file: join('k8s', 'sts.yaml'), ...rangeOf(statefulSet, 'db', 'name: db') });
    assert.deepEqual(set.pods.map((pod) => [pod.name, pod.fqdn, pod.claims[0].pvc]), [
      ['db-1', 'db-1.db.data.svc.cluster.local', 'pg-db-1'],
      ['db-2', 'db-2.db.data.svc.cluster.local', 'pg-db-2'],
    ]);
    assert.deepEqual(set.srv.map((record) => record.name), ['_sql._tcp.db.data.svc.cluster.local']);
    assert.deepEqual([set.service.found, set.service.headless, set.service.location?.file, set.service.location?.line], [true, true, join('k8s', 'svc', 'service.yml'), lineOf(service, 'name: db')]);
    assert.deepEqual(set.problems, []);
  });

  it('lists the StatefulSets that are items of a kind: List, with their lines, and the lint checks them', () => {
    const list = listOf(service, statefulSetOf({ ...db, replicas: -2 }));
    const dir = folderWith({ 'list.yaml': list });
    const [set] = (JSON.parse(run(['identities', '--format=json', 'list.yaml'], dir).stdout) as JsonIdentities).statefulSets;
    assert.equal(set.name, 'db');
    assert.equal(set.location.line, list.slice(0, list.indexOf('name: db', list.indexOf('kind: StatefulSet'))).split('\n').length);
    assert.equal(set.service.headless, true);
    assert.deepEqual(set.problems.map((problem) => problem.code), ['sts/negative-value']);
    const lint = JSON.parse(run(['--format=json', 'list.yaml'], dir).stdout) as { ruleId: string; line: number }[];
    assert.deepEqual(lint.filter((finding) => finding.ruleId.startsWith('sts/n')).map((finding) => [finding.ruleId, finding.line]), [['sts/negative-value', lineOf(list, '-2')]]);
  });

  it('applies --cluster-domain and --namespace', () => {
    const elsewhere = statefulSetOf({ ...db, namespace: undefined });
    const dir = folderWith({ 'sts.yaml': elsewhere });
    const result = run(['identities', '--format=json', '--cluster-domain', 'corp.example.', '--namespace', 'shop', 'sts.yaml'], dir);
    const [set] = (JSON.parse(result.stdout) as JsonIdentities).statefulSets;
    assert.equal(set.namespace, 'shop');
    assert.equal(set.pods[0].fqdn, 'db-1.db.shop.svc.corp.example');
    assert.deepEqual(set.problems.map((problem) => [problem.code, problem.location?.line]), [['sts/service-missing', lineOf(elsewhere, 'serviceName')]]);
  });

  it('agrees with statefulset-lint on a Service with clusterIPs but no clusterIP: rejected, so not headless', () => {
    const rejected = serviceOf({ name: 'db', namespace: 'data', clusterIP: '""', spec: 'clusterIPs: [None]\n' });
    const dir = folderWith({ 'svc.yaml': rejected, 'sts.yaml': statefulSet });
    const lint = run(['--format=json', 'svc.yaml', 'sts.yaml'], dir);
    const ids = (JSON.parse(lint.stdout) as { ruleId: string; file: string }[]).map((finding) => `${finding.file} ${finding.ruleId}`);
    assert.ok(ids.includes('svc.yaml svc/cluster-ips-invalid'), ids.join(', '));
    assert.ok(!ids.some((id) => id.endsWith('sts/service-not-headless')), ids.join(', '));
    const text = run(['identities', 'svc.yaml', 'sts.yaml'], dir);
    assert.ok(text.stdout.split('\n').includes(`  Service     db: NOT headless (svc.yaml:${lineOf(rejected, 'name: db')})`), text.stdout);
    const json = JSON.parse(run(['identities', '--format=json', 'svc.yaml', 'sts.yaml'], dir).stdout) as JsonIdentities;
    assert.equal(json.statefulSets[0].service?.headless, false);
  });

  it('hides a problem silenced by a suppression comment, as statefulset-lint does', () => {
    const dir = folderWith({ 'sts.yaml': statefulSet.replace('  serviceName: db\n', '  serviceName: db # statefulset-lint-disable-line sts/service-missing\n') });
    const json = JSON.parse(run(['identities', '--format=json', 'sts.yaml'], dir).stdout) as JsonIdentities;
    assert.deepEqual(json.statefulSets[0].problems, []);
    const lint = JSON.parse(run(['--format=json', 'sts.yaml'], dir).stdout) as { ruleId: string }[];
    assert.ok(!lint.some((finding) => finding.ruleId === 'sts/service-missing'));
  });

  it('shows problems in the text report with their line', () => {
    const unnamed = statefulSetOf({ ...db, serviceName: null });
    const dir = folderWith({ 'sts.yaml': unnamed });
    const result = run(['identities', 'sts.yaml'], dir);
    assert.equal(result.status, 0);
    const where = `[sts/service-name-empty] (sts.yaml:${lineOf(unnamed, 'spec:')})`;
    assert.ok(result.stdout.split('\n').some((line) => /^ {2}warning {5}spec\.serviceName is not set: /.test(line) && line.endsWith(where)), result.stdout);
    assert.match(result.stdout, /^ {2}Service {5}none \(spec\.serviceName is not set\): no DNS names$/m);
  });

  it('says so when there is no StatefulSet, and explains files it cannot read', () => {
    const dir = folderWith({ 'svc.yaml': service, 'chart.yaml': 'kind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\n' });
    const result = run(['identities', '.'], dir);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /chart\.yaml: The file contains template expressions/);
    assert.match(result.stderr, /no StatefulSets in 2 files/);
  });

  it('exits 2 on usage errors and prints its own help', () => {
    assert.equal(run(['identities']).status, 2);
    const badFormat = run(['identities', '--format', 'sarif', 'examples']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /unknown format "sarif"/);
    assert.equal(run(['identities', 'no/such/file.yaml']).status, 2);
    const help = run(['identities', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: statefulset-lint identities \[options\] FILES\.\.\./);
    assert.match(run(['--help']).stdout, /statefulset-lint identities \[options\] FILES\.\.\./);
  });

  describe('on kustomization folders', () => {
    const tree = (): string => {
      const dir = mkdtempSync(join(tmpdir(), 'sts-identities-builds-'));
      cpSync(join(repoRoot, 'test', 'builds-workspace'), dir, { recursive: true });
      return dir;
    };

    it('prints the StatefulSets each overlay makes, labelled by the overlay, reading the base outside the folder given', () => {
      const dir = tree();
      const result = run(['identities', 'overlays/prod'], dir);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^StatefulSet prod-db in overlays\/prod {2}base\/statefulset\.yaml:4$/m);
      assert.match(result.stdout, /^ {2}namespace {3}prod$/m);
      assert.match(result.stdout, /^ {2}Service {5}prod-db: headless \(base\/service\.yaml:4\)$/m);
      assert.match(result.stdout, /^ {4}2 +prod-db-2 +prod-db-2\.prod-db\.prod\.svc\.cluster\.local +data-prod-db-2$/m);
      assert.match(result.stderr, /^1 StatefulSet in 3 files \(1 made by 1 build\)$/m);
    });

    it('prints every build of a tree once, and a file no build uses on its own', () => {
      const dir = tree();
      writeFileSync(join(dir, 'alone.yaml'), statefulSet);
      const result = run(['identities', '.'], dir);
      assert.equal(result.status, 0, result.stderr);
      const headers = result.stdout.split('\n').filter((line) => line.startsWith('StatefulSet '));
      assert.deepEqual(headers, [
        'StatefulSet db  alone.yaml:4',
        'StatefulSet db in base  base/statefulset.yaml:4',
        'StatefulSet db in overlays/bigger  base/statefulset.yaml:4',
        'StatefulSet db in overlays/labelled  base/statefulset.yaml:4',
        'StatefulSet db in overlays/no-config  base/statefulset.yaml:4',
        'StatefulSet prod-db in overlays/prod  base/statefulset.yaml:4',
        'StatefulSet cache in variants/a  variants/a/statefulset.yaml:4',
        'StatefulSet cache in variants/b  variants/b/statefulset.yaml:4',
      ]);
    });

    it('prints JSON with the builds, their label and file, and says why a build shows nothing', () => {
      const dir = tree();
      mkdirSync(join(dir, 'overlays', 'broken'));
      writeFileSync(join(dir, 'overlays', 'broken', 'kustomization.yaml'), 'resources:\n  - ../../base\n  - gone.yaml\n');
      const result = run(['identities', '--format', 'json', 'overlays'], dir);
      assert.equal(result.status, 0, result.stderr);
      const parsed = JSON.parse(result.stdout) as JsonIdentities & { builds: { label: string; tool: string; file: string; statefulSets: JsonIdentities['statefulSets'] }[] };
      assert.deepEqual(parsed.statefulSets, []);
      assert.deepEqual(parsed.builds.map((build) => [build.label, build.tool, build.file, build.statefulSets.map((set) => set.pods.map((pod) => pod.name).join(' '))]), [
        ['overlays/bigger', 'kustomize', join('overlays', 'bigger', 'kustomization.yaml'), ['db-0']],
        ['overlays/labelled', 'kustomize', join('overlays', 'labelled', 'kustomization.yaml'), ['db-0']],
        ['overlays/no-config', 'kustomize', join('overlays', 'no-config', 'kustomization.yaml'), ['db-0']],
        ['overlays/prod', 'kustomize', join('overlays', 'prod', 'kustomization.yaml'), ['prod-db-0 prod-db-1 prod-db-2']],
      ]);
      const prod = parsed.builds[3].statefulSets[0];
      assert.deepEqual(prod.location, { file: join('base', 'statefulset.yaml'), line: 4, column: 9, endLine: 4, endColumn: 11 });
      assert.deepEqual([prod.service.location?.file, prod.service.location?.line], [join('base', 'service.yaml'), 4]);
      assert.match(result.stderr, /overlays\/broken\/kustomization\.yaml: overlays\/broken builds no objects: .*gone\.yaml/);
    });
  });
});
