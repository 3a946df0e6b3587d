// pdb/overlapping: two PodDisruptionBudgets select the same pods: the eviction API refuses to evict them.
import type { Rule } from '../../check/rule';
import { budgetSelects, overlappingBudgetsMessage } from '../../k8s/disruption-budget';
import { protectedTemplates, workloadName } from '../../model/protected-pods';
import { relatedAt } from '../../model/locations';
import type { RuleFinding } from '../../types';

export const pdbOverlapping: Rule = {
  id: 'pdb/overlapping',
  defaultSeverity: 'warning',
  description: 'Two PodDisruptionBudgets select the same pods: evicting them fails.',
  scope: 'workspace',
  kinds: ['PodDisruptionBudget'],
  check(ctx) {
    const pdb = ctx.manifest;
    const templates = protectedTemplates(ctx.lookups, pdb, ctx.namespace);
    if (templates.length === 0) return [];
    const findings: RuleFinding[] = [];
    for (const other of ctx.lookups.disruptionBudgetsIn(ctx.namespace)) {
      if (other === pdb || (other.uri === pdb.uri && other.docIndex === pdb.docIndex)) continue;
      const shared = templates.filter((template) => budgetSelects(other, template.labels));
      if (shared.length === 0) continue;
      findings.push({
        ...ctx.valueSpan(['spec', 'selector']),
        message: `PodDisruptionBudget ${JSON.stringify(pdb.name)} and ${JSON.stringify(other.name)} both select the pods of ${shared.map(workloadName).join(', ')}: an eviction of those pods fails ("${overlappingBudgetsMessage}"), so drains hang. Keep one budget per workload.`,
        related: [relatedAt(other, `PodDisruptionBudget ${JSON.stringify(other.name)} selects them too.`), ...shared.map((template) => relatedAt(template.manifest, `Protected twice: ${workloadName(template)}.`))],
      });
    }
    return findings;
  },
};
