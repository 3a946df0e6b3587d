// One generated test per fixture workspace (test/fixtures/<rule-id>/): the findings of the folder's
// rule, and of every rule named in a marker, are exactly the lines marked `# expect: <rule-id>`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { checkWorkspace } from '../support/engine';
import { expectations, loadFixtureWorkspaces } from '../support/fixtures';
import { fixturesDir } from '../support/repo';

const workspaces = loadFixtureWorkspaces(fixturesDir);
const knownIds = new Set(allRules.map((rule) => rule.id));

describe('rule fixtures', () => {
  it('has fixtures only for rules that exist', () => {
    const unknown = [...new Set(workspaces.map((w) => w.ruleId))].filter((id) => !knownIds.has(id));
    assert.deepEqual(unknown, []);
  });

  for (const workspace of workspaces) {
    it(workspace.name, () => {
      const expected = expectations(workspace);
      const checkedIds = new Set([workspace.ruleId, ...expected.map((e) => e.ruleId)]);
      const results = checkWorkspace(workspace.files, workspace.settings);
      const actual = [...results].flatMap(([file, findings]) => findings
        .filter((finding) => checkedIds.has(finding.ruleId))
        .map((finding) => `${file}:${finding.line} ${finding.ruleId}`));
      const wanted = expected.map((e) => `${e.file}:${e.line} ${e.ruleId}`);
      assert.deepEqual([...actual].sort(), [...wanted].sort());
    });
  }
});
