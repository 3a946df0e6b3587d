// What a PodDisruptionBudget protects: the pod templates of its namespace it selects, read through the
// lookups (so findings follow the workloads). Shared by the pdb/* rules and the hover.
import { budgetSelects, expectedPods } from '../k8s/disruption-budget';
import type { WorkspaceLookups } from './lookups';
import type { Manifest } from './manifest';
import type { PodTemplate } from './workspace-index';

export function protectedTemplates(lookups: WorkspaceLookups, pdb: Manifest, namespace: string): PodTemplate[] {
  return lookups.templatesIn(namespace).filter((template) => budgetSelects(pdb, template.labels));
}

/** `StatefulSet "zk"`. */
export function workloadName(template: PodTemplate): string {
  return `${template.manifest.kind} ${JSON.stringify(template.manifest.name)}`;
}

/** What a budget protects, for its hover: `Protects StatefulSet "zk" (3 pods).` or that it protects nothing. */
export function protectionSummary(lookups: WorkspaceLookups, pdb: Manifest, namespace: string): string {
  const templates = protectedTemplates(lookups, pdb, namespace);
  if (templates.length === 0) return `PodDisruptionBudget ${JSON.stringify(pdb.name)} protects no pod template of namespace ${JSON.stringify(namespace)} in the workspace.`;
  const described = templates.map((template) => {
    const pods = expectedPods(template);
    return `${workloadName(template)}${pods === undefined ? '' : ` (${pods} pod${pods === 1 ? '' : 's'})`}`;
  });
  return `PodDisruptionBudget ${JSON.stringify(pdb.name)} protects ${described.join(', ')}.`;
}
