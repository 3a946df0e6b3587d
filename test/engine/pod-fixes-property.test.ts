// Every quick fix of the pod/*, svc/* (name, headless type, port names) and sc/* rules, over every
// fixture: apply the fix, re-parse, re-check. The file still parses, the fixed finding is gone, and no
// new error appears.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../support/edits';
import { checkWorkspace, type CheckedFinding } from '../support/engine';
import { loadFixtureWorkspaces } from '../support/fixtures';
import { fixturesDir } from '../support/repo';

const ownRules = /^(pod\/|svc\/(name-invalid|headless-type|port-name-missing|port-name-invalid)$|sc\/multiple-defaults$)/;

function errorCounts(findings: CheckedFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    if (finding.severity === 'error') counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
  return counts;
}

const workspaces = loadFixtureWorkspaces(fixturesDir).filter((workspace) => ownRules.test(workspace.ruleId));

describe('pod, svc and sc quick fixes over the fixtures', () => {
  let applied = 0;
  for (const workspace of workspaces) {
    it(`${workspace.name}: every fix removes its finding and adds no error`, () => {
      const before = checkWorkspace(workspace.files, workspace.settings);
      for (const [file, findings] of before) {
        for (const finding of findings) {
          if (!ownRules.test(finding.ruleId)) continue;
          for (const fix of finding.fixes ?? []) {
            assert.ok(fix.edits.every((edit) => edit.uri === file), `${fix.title}: edits only on the finding's file`);
            const text = applyEdits(workspace.files[file], fix.edits);
            const after = checkWorkspace({ ...workspace.files, [file]: text }, workspace.settings).get(file) ?? [];
            const where = `${file}:${finding.line} ${finding.ruleId} "${fix.title}"`;
            assert.deepEqual(after.filter((f) => f.ruleId.startsWith('yaml/')).map((f) => f.message), [], `${where}: still parses`);
            const same = (f: CheckedFinding): boolean => f.ruleId === finding.ruleId && f.message === finding.message;
            assert.ok(after.filter(same).length < findings.filter(same).length, `${where}: the finding is gone\n${text}`);
            const counts = errorCounts(after);
            for (const [ruleId, count] of counts) {
              assert.ok(count <= (errorCounts(findings).get(ruleId) ?? 0), `${where}: no new ${ruleId} error\n${text}`);
            }
            applied++;
          }
        }
      }
    });
  }
  it('applied fixes at all', () => assert.ok(applied >= 40, `only ${applied} fixes applied`));
});
