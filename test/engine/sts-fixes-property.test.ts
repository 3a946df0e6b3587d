// Every quick fix of the sts/*, pvc/* and labels/* rules, over every fixture: apply the fix, re-parse,
// re-check. The file still parses, the fixed finding is gone, and no new error appears.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadFixtureWorkspaces } from '../support/fixtures';
import { assertFixesHold } from '../support/fix-property';
import { fixturesDir } from '../support/repo';

const groups = ['sts/', 'pvc/', 'labels/'];
const ownRules = /^(sts\/(name-|selector-(missing|empty|mismatch)|negative-value|update-strategy-invalid|restart-policy|active-deadline|service-name-|termination-grace-zero|volume-mount-unknown|claim-template-unmounted|volume-shadows-claim-template)|pvc\/|labels\/invalid)/;

const workspaces = loadFixtureWorkspaces(fixturesDir).filter((workspace) => groups.some((group) => workspace.ruleId.startsWith(group)));

describe('sts, pvc and labels quick fixes over the fixtures', () => {
  let applied = 0;
  for (const workspace of workspaces) {
    it(`${workspace.name}: every fix removes its finding and adds no error`, () => {
      applied += assertFixesHold(workspace, ownRules);
    });
  }
  it('applied fixes at all', () => assert.ok(applied > 40, `only ${applied} fixes applied`));
});
