// Files that are not Kubernetes objects: known ones (by name and place) get no finding at all, and a
// document without apiVersion/kind is reported only in a file of Kubernetes objects or when it looks
// like one. Written against what the CLI reported on real repositories (Helm charts, CI workflows,
// Compose files, configurations fed to a configMapGenerator).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownNonKubernetesFile } from '../../server/src/engine/builds/known-files';
import { checkWorkspace } from '../support/engine';
import { documents, statefulSet as statefulSetOf } from '../support/manifests';
import { lineOf } from '../support/positions';

/** A StatefulSet with an error of its own (a negative replicas). */
const statefulSet = statefulSetOf({ replicas: -1, containers: [{ image: 'nginx' }] });

const nonKubernetes: Record<string, string> = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'chart/values.yaml': 'replicaCount: 1\nimage:\n  repository: nginx\nservice:\n  type: ClusterIP\n',
  'chart/values-prod.yaml': 'metadata:\n  name: not-an-object\nspec: {}\n',
  '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
  // Even a StatefulSet under .github/ is not checked: GitHub reads that folder, not kubectl.
  '.github/kind/broken.yaml': statefulSet,
  'docker-compose.yml': 'version: "3"\nservices:\n  web:\n    image: nginx\n',
  'deploy/docker-compose.override.yaml': 'services:\n  web: [unclosed\n',
  '.gitlab-ci.yml': 'stages: [build]\nbuild:\n  script: [make]\n',
  'compose.yaml': 'services: {}\n',
};

describe('files known not to hold Kubernetes objects', () => {
  it('recognises them by name and place, and nothing else', () => {
    for (const uri of Object.keys(nonKubernetes)) assert.ok(knownNonKubernetesFile(uri), uri);
    for (const uri of ['file:///repo/chart/Chart.yaml', 'file:///repo/.github/dependabot.yml', 'file:///r/k/kustomization.yml', 'file:///r/my%20chart/values.schema.yaml']) {
      assert.ok(knownNonKubernetesFile(uri), uri);
    }
    for (const uri of ['sts.yaml', 'file:///repo/charts/web/templates/values-configmap.yaml.bak', 'file:///repo/github/sts.yaml', 'file:///repo/deploy/chart.yaml', 'file:///repo/myvalues.yaml']) {
      assert.equal(knownNonKubernetesFile(uri), undefined, uri);
    }
  });

  it('gives them no finding at all, beside manifests that keep theirs', () => {
    const results = checkWorkspace({ ...nonKubernetes, 'sts.yaml': statefulSet });
    for (const uri of Object.keys(nonKubernetes)) assert.deepEqual(results.get(uri)?.map((f) => f.ruleId), [], uri);
    assert.ok(results.get('sts.yaml')?.some((f) => f.ruleId === 'sts/negative-value'), 'the manifest is still checked');
  });
});

describe('manifest/missing-kind on other YAML', () => {
  const missing = (files: Record<string, string>): string[] => [...checkWorkspace(files)]
    .flatMap(([uri, findings]) => findings.filter((f) => f.ruleId === 'manifest/missing-kind').map((f) => `${uri}:${f.line}`));

  it('stays silent on configurations that do not look like Kubernetes objects', () => {
    assert.deepEqual(missing({
      'openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: x\npaths: {}\n',
      'prometheus.yml': 'global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: x\n',
      'playbook.yml': '- hosts: all\n  tasks:\n    - name: ping\n      ping: {}\n',
      'notes.yaml': 'just a sentence\n',
      'ansible-vars.yaml': 'name: web\nspec: something\n',
    }), []);
  });

  it('reports a document that looks like an object: a kind, or metadata.name with a spec, data or rules', () => {
    assert.deepEqual(missing({
      'a.yaml': 'kind: StatefulSet\nmetadata:\n  name: web\n',
      'b.yaml': 'metadata:\n  name: settings\ndata:\n  key: value\n',
      'c.yaml': 'metadata:\n  name: reader\nrules: []\n',
      'd.yaml': '- apiVersion: v1\n  kind: Service\n  metadata:\n    name: web\n',
    }).sort(), ['a.yaml:1', 'b.yaml:1', 'c.yaml:1', 'd.yaml:1']);
  });

  it('reports any other document of a file that holds Kubernetes objects', () => {
    const text = documents(statefulSet, 'replicaCount: 1\n', '- a\n- b\n', 'plain value\n');
    assert.deepEqual(missing({ 'sts.yaml': text }), ['replicaCount', '- a', 'plain value'].map((needle) => `sts.yaml:${lineOf(text, needle)}`));
  });
});
