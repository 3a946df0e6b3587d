// The label-selector evaluator shared by the StatefulSet, Service and cross-file rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  labelsOf, mapSelectorMatches, matches, parseLabelSelector, requirementProblem, selectorMismatches, selectorText,
} from '../../server/src/engine/k8s/selector';

const selector = (value: unknown) => parseLabelSelector(value);

describe('label selectors, evaluated as Kubernetes does', () => {
  it('selects nothing when nil and everything when empty', () => {
    assert.equal(matches(undefined, { app: 'web' }), false);
    assert.equal(matches(selector({}), {}), true);
    assert.equal(matches(selector({ matchLabels: {}, matchExpressions: [] }), { app: 'web' }), true);
  });

  it('requires every matchLabels entry with an equal value', () => {
    const web = selector({ matchLabels: { app: 'web', tier: 'db' } });
    assert.equal(matches(web, { app: 'web', tier: 'db', extra: 'x' }), true);
    assert.equal(matches(web, { app: 'web' }), false);
    assert.equal(matches(web, { app: 'web', tier: 'cache' }), false);
  });

  it('evaluates In, NotIn, Exists and DoesNotExist; NotIn holds when the label is absent', () => {
    const expressions = (operator: string, values?: string[]) => selector({ matchExpressions: [{ key: 'tier', operator, values }] });
    assert.equal(matches(expressions('In', ['a', 'b']), { tier: 'b' }), true);
    assert.equal(matches(expressions('In', ['a', 'b']), {}), false);
    assert.equal(matches(expressions('NotIn', ['a']), {}), true);
    assert.equal(matches(expressions('NotIn', ['a']), { tier: 'a' }), false);
    assert.equal(matches(expressions('Exists'), { tier: '' }), true);
    assert.equal(matches(expressions('Exists'), {}), false);
    assert.equal(matches(expressions('DoesNotExist'), {}), true);
    assert.equal(matches(expressions('DoesNotExist'), { tier: 'x' }), false);
  });

  it('selects nothing when a requirement is invalid, and says why', () => {
    const bad = selector({ matchExpressions: [{ key: 'tier', operator: 'in', values: ['a'] }] });
    assert.equal(matches(bad, { tier: 'a' }), false);
    assert.match(requirementProblem(bad!.matchExpressions[0]) ?? '', /not a valid selector operator/);
    assert.match(requirementProblem({ key: 'a', operator: 'In', values: [], index: 0 }) ?? '', /must be specified/);
    assert.match(requirementProblem({ key: 'a', operator: 'Exists', values: ['x'], index: 0 }) ?? '', /may not be specified/);
  });

  it('names each failing requirement, and reads YAML numbers as label text', () => {
    const sel = selector({ matchLabels: { app: 'web', version: 2 }, matchExpressions: [{ key: 'track', operator: 'Exists' }] });
    assert.deepEqual(selectorMismatches(sel!, labelsOf({ app: 'web', version: '3' })).map((m) => m.kind), ['label-different', 'expression']);
    assert.equal(matches(sel, labelsOf({ app: 'web', version: 2, track: true })), true);
    assert.equal(selectorText(sel!), 'app=web,version=2,track');
  });

  it('evaluates map selectors (Services): every key equal, and an empty map selects nothing', () => {
    assert.equal(mapSelectorMatches({ app: 'web' }, { app: 'web', tier: 'x' }), true);
    assert.equal(mapSelectorMatches({ app: 'web' }, { app: 'db' }), false);
    assert.equal(mapSelectorMatches({}, { app: 'web' }), false);
    assert.equal(mapSelectorMatches(undefined, { app: 'web' }), false);
  });
});
