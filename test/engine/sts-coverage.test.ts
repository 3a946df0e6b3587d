// Schema problems that sts/selector-missing and pvc/storage-request-invalid report better: the helper
// the schema rules use to keep one diagnostic per problem.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredBySemanticRule, coveringRule } from '../../server/src/engine/schema/semantic-coverage';
import { WorkspaceModel } from '../../server/src/engine/model/workspace-model';
import { parseFile } from '../../server/src/engine/yaml/parse';
import { schemaProblems } from '../../server/src/engine/schema/problems';
import { withDefaults } from '../../server/src/engine/types';
import { schemas } from '../support/engine';

function problemsOf(text: string) {
  const model = new WorkspaceModel();
  const [manifest] = model.setFile(parseFile('test.yaml', text));
  return schemaProblems(manifest, schemas()).map((problem) => ({ problem, manifest }));
}

describe('schema problems covered by StatefulSet rules', () => {
  it('leaves a missing apps/v1 selector to sts/selector-missing', () => {
    const found = problemsOf('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  template: {}\n');
    assert.deepEqual(found.map(({ problem, manifest }) => coveringRule(manifest, problem)), ['sts/selector-missing']);
  });

  it('leaves a malformed storage request to pvc/storage-request-invalid, unless that rule is off', () => {
    const [{ problem, manifest }] = problemsOf('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec:\n  resources: {requests: {storage: 1GB}}\n');
    assert.equal(coveredBySemanticRule(manifest, problem, withDefaults({})), true);
    assert.equal(coveredBySemanticRule(manifest, problem, withDefaults({ rules: { 'pvc/storage-request-invalid': 'off' } })), false);
  });

  it('covers nothing else', () => {
    const found = problemsOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, resources: {requests: {memory: 1GB}}}]\n');
    assert.ok(found.length > 0);
    assert.deepEqual(found.map(({ problem, manifest }) => coveringRule(manifest, problem)).filter(Boolean), []);
  });
});
