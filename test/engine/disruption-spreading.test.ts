// Disruption budgets and spreading on YAML text: what the messages say, what the fixes produce, and
// the hover on a budget naming what it protects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { applyFix, findingsOf, schemas } from '../support/engine';
import { fixturesDir } from '../support/repo';

const fixture = (path: string): string => readFileSync(join(fixturesDir, path), 'utf8');

describe('disruption budgets and spreading', () => {
  it('names the labels the pods carry when anti-affinity selects nothing, and its fix selects them', () => {
    const text = fixture('sts/anti-affinity-selects-nothing/invalid-zookeeper-tutorial.yaml');
    const [finding] = findingsOf('sts/anti-affinity-selects-nothing', text);
    assert.match(finding.message, /app in \(zk\)\) selects no pod .* carry app\.kubernetes\.io\/name=zk/);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /- labelSelector:\n\s+matchLabels:\n\s+app\.kubernetes\.io\/name: zk\n\s+topologyKey/);
    assert.deepEqual(findingsOf('sts/anti-affinity-selects-nothing', fixed), []);
  });

  it('adds a budget after the StatefulSet that protects it, and the finding goes', () => {
    const text = fixture('sts/pdb-missing/invalid-quorum-without-budget.yaml');
    const [finding] = findingsOf('sts/pdb-missing', text);
    const fixed = applyFix(text, finding);
    assert.match(fixed, /---\napiVersion: policy\/v1\nkind: PodDisruptionBudget\nmetadata:\n {2}name: zk-pdb\nspec:\n {2}maxUnavailable: 1\n {2}selector:\n {4}matchLabels:\n {6}app\.kubernetes\.io\/name: zk\n/);
    assert.deepEqual(findingsOf('sts/pdb-missing', fixed), []);
    assert.deepEqual(findingsOf('pdb/no-matching-pods', fixed).filter((f) => f.message.includes('"zk-pdb"')), []);
  });

  it('says why a budget blocks every eviction, with the pod count, and fixes it to allow one', () => {
    const text = fixture('pdb/blocks-eviction/invalid-min-available-every-replica.yaml');
    const [finding] = findingsOf('pdb/blocks-eviction', text);
    assert.match(finding.message, /minAvailable 3 keeps 3 of the 3 pods of StatefulSet "zk" \(3 pods\)/);
    assert.deepEqual(findingsOf('pdb/blocks-eviction', applyFix(text, finding)), []);
  });

  it('shows on hover what a budget protects', () => {
    const engine = new Engine(schemas());
    const text = fixture('pdb/blocks-eviction/valid-quorum.yaml');
    engine.setFile('a.yaml', text);
    const hover = engine.hover('a.yaml', text.indexOf('minAvailable'));
    assert.match(hover?.markdown ?? '', /PodDisruptionBudget "zk-pdb" protects StatefulSet "zk" \(3 pods\)\./);
  });
});
