// pdb/blocks-eviction: a PodDisruptionBudget that can never allow an eviction of the pods it selects:
// `kubectl drain` and node upgrades wait for ever.
import type { Rule } from '../../check/rule';
import { replaceValue } from '../../edit/replace';
import { evictionBlockedBecause, expectedPods } from '../../k8s/disruption-budget';
import { get } from '../../model/manifest';
import { protectedTemplates, workloadName } from '../../model/protected-pods';
import { relatedAt } from '../../model/locations';
import type { FixData } from '../../types';

export const pdbBlocksEviction: Rule = {
  id: 'pdb/blocks-eviction',
  defaultSeverity: 'warning',
  description: 'A PodDisruptionBudget that never allows an eviction (minAvailable of every pod, maxUnavailable 0): node drains and cluster upgrades hang.',
  scope: 'workspace',
  kinds: ['PodDisruptionBudget'],
  check(ctx) {
    const pdb = ctx.manifest;
    const templates = protectedTemplates(ctx.lookups, pdb, ctx.namespace);
    const counts = templates.map(expectedPods);
    const total = templates.length && counts.every((count) => count !== undefined) ? counts.reduce<number>((sum, count) => sum + count!, 0) : undefined;
    // Without a workload, only maxUnavailable 0 blocks for sure.
    if (templates.length === 0 && get(pdb.value, 'spec', 'maxUnavailable') === undefined) return [];
    const why = evictionBlockedBecause(pdb, total);
    if (!why) return [];
    const field = get(pdb.value, 'spec', 'maxUnavailable') !== undefined ? 'maxUnavailable' : 'minAvailable';
    const protects = templates.length ? ` of ${templates.map(workloadName).join(', ')}${total !== undefined ? ` (${total} pod${total === 1 ? '' : 's'})` : ''}` : '';
    const fixes: FixData[] = [];
    const fixValue = field === 'maxUnavailable' ? 1 : total !== undefined && total > 1 ? total - 1 : undefined;
    const edit = fixValue !== undefined ? replaceValue(pdb, ['spec', field], fixValue) : undefined;
    if (edit) fixes.push({ title: `Set ${field} to ${fixValue}`, edits: [edit] });
    return [{
      ...ctx.valueSpan(['spec', field]),
      message: `PodDisruptionBudget ${JSON.stringify(pdb.name)}: ${why}${protects}, so no eviction is ever allowed: \`kubectl drain\`, node pool and cluster upgrades wait for ever ("Cannot evict pod as it would violate the pod's disruption budget"). `
        + 'Allow one pod at a time: maxUnavailable: 1, or a minAvailable below the replica count.',
      related: templates.map((template) => relatedAt(template.manifest, `Protected: ${workloadName(template)}.`)),
      fixes,
    }];
  },
};
