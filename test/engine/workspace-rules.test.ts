// The cross-document rules on YAML strings: exact positions, related locations, cross-file fixes in
// the user's style, and a property test over their fixtures: every fix applied and re-checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { allRules } from '../../server/src/engine/rules';
const workspaceRules = allRules.filter((rule) => rule.scope === 'workspace');
import { applyEdits } from '../support/edits';
import { checkWorkspace, schemas, type CheckedFinding } from '../support/engine';
import { loadFixtureWorkspaces } from '../support/fixtures';
import { headlessService, service as serviceOf, statefulSet as statefulSetOf, type StatefulSetOptions } from '../support/manifests';
import { rangeIn, rangeOf } from '../support/positions';
import { fixturesDir } from '../support/repo';

const ids = new Set(workspaceRules.map((rule) => rule.id));

/** The Service nginx, not headless. */
const service = serviceOf({ name: 'nginx', ports: [{ port: 80 }] });

/** The StatefulSet web of nginx pods, governed by nginx, with a named and an unnamed UDP port. */
const web: StatefulSetOptions = {
  serviceName: 'nginx', labels: { app: 'nginx' },
  containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'web', containerPort: 80 }, { containerPort: 9000, protocol: 'UDP' }] }],
};
const statefulSet = statefulSetOf(web);

function only(results: Map<string, CheckedFinding[]>, ruleId: string): CheckedFinding[] {
  return [...results.values()].flat().filter((finding) => finding.ruleId === ruleId);
}

/** Applies a fix's edits to every file they touch. */
function applyFix(files: Record<string, string>, edits: { uri: string; start: number; end: number; newText: string; snippet?: boolean }[]): Record<string, string> {
  const result = { ...files };
  for (const uri of new Set(edits.map((edit) => edit.uri))) result[uri] = applyEdits(files[uri], edits.filter((edit) => edit.uri === uri));
  return result;
}

const key = (finding: CheckedFinding): string => `${finding.uri} ${finding.ruleId} ${finding.message}`;

describe('cross-document rules', () => {
  it('reports a missing governing Service on the serviceName value, at its exact columns', () => {
    const [finding] = only(checkWorkspace({ 'sts.yaml': statefulSet }), 'sts/service-missing');
    assert.deepEqual(rangeIn(finding), rangeOf(statefulSet, 'nginx', 'serviceName: nginx'));
    assert.match(finding.message, /no DNS records/);
  });

  it('points a not-headless finding at the Service in the other file and fixes it there', () => {
    const files = { 'svc.yaml': service, 'sts.yaml': statefulSet };
    const [finding] = only(checkWorkspace(files), 'sts/service-not-headless');
    assert.equal(finding.uri, 'sts.yaml');
    assert.equal(finding.related?.[0].uri, 'svc.yaml');
    const fix = finding.fixes?.[0];
    assert.match(fix?.title ?? '', /deleted and recreated/);
    assert.deepEqual(fix?.edits.map((edit) => edit.uri), ['svc.yaml']);
    const fixed = applyFix(files, fix!.edits);
    assert.equal(fixed['svc.yaml'], service.replace('    - port: 80\n', '    - port: 80\n  clusterIP: None\n'));
    assert.deepEqual(only(checkWorkspace(fixed), 'sts/service-not-headless'), []);
  });

  it('creates the governing Service in the style of the file: 4-space indentation, sequences not indented', () => {
    const text = [
      'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '    name: web', 'spec:', '    serviceName: nginx', '    selector:',
      '        matchLabels:', '            app: nginx', '    template:', '        metadata:', '            labels:', '                app: nginx',
      '        spec:', '            containers:', '            - name: nginx', '              image: nginx', '              ports:',
      '              - name: web', '                containerPort: 80', '              - containerPort: 9000', '                protocol: UDP', '',
    ].join('\n');
    const [finding] = only(checkWorkspace({ 'sts.yaml': text }), 'sts/service-missing');
    const create = finding.fixes?.find((fix) => fix.title.startsWith('Create'));
    assert.equal(create?.edits[0].newText, [
      'apiVersion: v1', 'kind: Service', 'metadata:', '    name: nginx', 'spec:', '    clusterIP: None', '    selector:',
      '        app: nginx', '    ports:', '    - name: web', '      port: 80', '    - name: udp-9000', '      port: 9000', '      protocol: UDP', '---', '',
    ].join('\n'));
  });

  it('creates a StorageClass with the provisioner as a snippet placeholder', () => {
    const text = statefulSetOf({ ...web, claimTemplates: [{ name: 'data', storageClassName: 'fast' }] });
    const [finding] = only(checkWorkspace({ 'sts.yaml': text }, { knownStorageClasses: ['fast-ssd'] }), 'sts/storage-class-missing');
    assert.deepEqual(finding.fixes?.map((fix) => fix.title), ['Change the StorageClass to "fast-ssd"', 'Create a StorageClass "fast" before this StatefulSet']);
    const create = finding.fixes![1].edits[0];
    assert.equal(create.snippet, true);
    assert.match(create.newText, /^provisioner: \$\{1:example\.com\/provisioner\}$/m);
  });

  it('finds the Service of another file when only the StatefulSet file is checked', () => {
    const engine = new Engine(schemas());
    engine.setFile('svc.yaml', headlessService({ name: 'nginx', ports: [{ port: 80 }] }));
    engine.setFile('sts.yaml', statefulSet);
    const results = engine.check(['sts.yaml']);
    assert.deepEqual([...results.keys()], ['sts.yaml']);
    assert.deepEqual(results.get('sts.yaml')?.filter((finding) => ids.has(finding.ruleId)), []);
  });

});

describe('cross-document fixes, applied to every fixture', () => {
  const workspaces = loadFixtureWorkspaces(fixturesDir).filter((workspace) => ids.has(workspace.ruleId));
  for (const workspace of workspaces) {
    it(`${workspace.name}: each fix removes its finding and adds no error`, () => {
      const before = checkWorkspace(workspace.files, workspace.settings);
      const findings = [...before.values()].flat().filter((finding) => ids.has(finding.ruleId) && finding.fixes?.length);
      const errorsBefore = new Set([...before.values()].flat().filter((finding) => finding.severity === 'error').map(key));
      for (const finding of findings) {
        for (const fix of finding.fixes!) {
          const files = applyFix(workspace.files, fix.edits);
          const after = [...checkWorkspace(files, workspace.settings).values()].flat();
          const label = `${finding.ruleId} at ${finding.uri}:${finding.line}, fix "${fix.title}"`;
          assert.deepEqual(after.filter((item) => item.ruleId === 'yaml/syntax').map(key), [], `${label} broke the YAML`);
          assert.ok(!after.some((item) => key(item) === key(finding)), `${label} left the finding`);
          assert.deepEqual(after.filter((item) => item.severity === 'error' && !errorsBefore.has(key(item))).map(key), [], `${label} added an error`);
        }
      }
    });
  }
});
