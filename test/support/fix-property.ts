// The quick-fix property of one family of rules on one fixture workspace, shared by the per-family tests.
import assert from 'node:assert/strict';
import { applyEdits } from './edits';
import { checkWorkspace, type CheckedFinding } from './engine';
import type { FixtureWorkspace } from './fixtures';

/** How many error findings each rule reports, keyed by rule id. */
function errorCounts(findings: CheckedFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    if (finding.severity === 'error') counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Applies each fix of each finding of `ownRules` in the workspace, one at a time, and re-checks: the fix
 * edits only the finding's file, which still parses, the finding is gone, and no rule reports more
 * errors in that file. Returns how many fixes were applied.
 */
export function assertFixesHold(workspace: FixtureWorkspace, ownRules: RegExp): number {
  let applied = 0;
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
        for (const [ruleId, count] of errorCounts(after)) {
          assert.ok(count <= (errorCounts(findings).get(ruleId) ?? 0), `${where}: no new ${ruleId} error\n${text}`);
        }
        applied++;
      }
    }
  }
  return applied;
}
