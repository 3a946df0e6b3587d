// pdb/no-matching-pods: a PodDisruptionBudget whose selector selects no pod template of its namespace,
// while the workspace has workloads there: it protects nothing.
import type { Rule } from '../../check/rule';
import { budgetSelector } from '../../k8s/disruption-budget';
import { selectorText } from '../../k8s/selector';
import { protectedTemplates, workloadName } from '../../model/protected-pods';
import { relatedAt } from '../../model/locations';

export const pdbNoMatchingPods: Rule = {
  id: 'pdb/no-matching-pods',
  defaultSeverity: 'warning',
  description: 'A PodDisruptionBudget whose selector selects no pod template of its namespace: it protects nothing.',
  scope: 'workspace',
  kinds: ['PodDisruptionBudget'],
  check(ctx) {
    const pdb = ctx.manifest;
    const selector = budgetSelector(pdb);
    if (!selector || selector === 'all' || !ctx.lookups.hasTemplates(ctx.namespace)) return [];
    if (protectedTemplates(ctx.lookups, pdb, ctx.namespace).length > 0) return [];
    const others = ctx.lookups.templatesIn(ctx.namespace).slice(0, 3);
    const carried = others.map((template) => `${workloadName(template)}: ${Object.entries(template.labels).map(([key, value]) => `${key}=${value}`).join(',') || 'no labels'}`).join('; ');
    return [{
      ...ctx.valueSpan(['spec', 'selector']),
      message: `spec.selector (${selectorText(selector)}) of PodDisruptionBudget ${JSON.stringify(pdb.name)} selects no pod template in namespace ${JSON.stringify(ctx.namespace)}: it protects nothing, and a node drain may evict all the pods it was meant to keep. `
        + `The pods there carry: ${carried}. Make the selector match the labels of the workload's pod template.`,
      related: others.map((template) => relatedAt(template.manifest, `The pods of ${workloadName(template)}.`, [...template.path, 'metadata', 'labels'])),
    }];
  },
};
