// Every quick fix of the pod/*, svc/* (name, headless type, port names) and sc/* rules, over every
// fixture: apply the fix, re-parse, re-check. The file still parses, the fixed finding is gone, and no
// new error appears.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadFixtureWorkspaces } from '../support/fixtures';
import { assertFixesHold } from '../support/fix-property';
import { fixturesDir } from '../support/repo';

const ownRules = /^(pod\/|svc\/(name-invalid|headless-type|port-name-missing|port-name-invalid)$|sc\/multiple-defaults$)/;

const workspaces = loadFixtureWorkspaces(fixturesDir).filter((workspace) => ownRules.test(workspace.ruleId));

describe('pod, svc and sc quick fixes over the fixtures', () => {
  let applied = 0;
  for (const workspace of workspaces) {
    it(`${workspace.name}: every fix removes its finding and adds no error`, () => {
      applied += assertFixesHold(workspace, ownRules);
    });
  }
  it('applied fixes at all', () => assert.ok(applied >= 40, `only ${applied} fixes applied`));
});
