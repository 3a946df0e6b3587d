// PodDisruptionBudgets as the disruption controller and the eviction API read them
// (pkg/controller/disruption, pkg/registry/core/pod/storage/eviction.go).
import { get, type Manifest } from '../model/manifest';
import type { PodTemplate } from '../model/workspace-index';
import { isEmptySelector, matches, parseLabelSelector, type Labels, type LabelSelector } from './selector';
import { integerField } from './statefulset';

/** The eviction API's refusal when several budgets select a pod. */
export const overlappingBudgetsMessage = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/** A budget's selector; `all` when it selects every pod of its namespace (an empty selector in policy/v1). */
export function budgetSelector(pdb: Manifest): LabelSelector | 'all' | undefined {
  const selector = parseLabelSelector(get(pdb.value, 'spec', 'selector'));
  if (!selector) return undefined;
  // policy/v1: an empty selector selects every pod; policy/v1beta1: none.
  if (isEmptySelector(selector)) return pdb.apiVersion === 'policy/v1' ? 'all' : undefined;
  return selector;
}

/** Whether a budget selects pods with these labels. */
export function budgetSelects(pdb: Manifest, labels: Labels): boolean {
  const selector = budgetSelector(pdb);
  return selector === 'all' || matches(selector, labels);
}

/** How many pods a template's workload asks for; undefined when Kubernetes decides (DaemonSet, Job). */
export function expectedPods(template: PodTemplate): number | undefined {
  const kind = template.manifest.kind;
  if (kind === 'Pod') return 1;
  if (!['StatefulSet', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(kind)) return undefined;
  const replicas = integerField(get(template.manifest.value, 'spec', 'replicas'));
  // A negative count is rejected by the API server (its own finding): how many pods there are is unknown.
  return typeof replicas === 'number' ? (replicas >= 0 ? replicas : undefined) : replicas === undefined ? 1 : undefined;
}

/** An int-or-percent scaled on `total`, rounded up (intstr.GetScaledValueFromIntOrPercent with roundUp). */
function scaled(value: unknown, total: number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return percent ? Math.ceil((Number(percent[1]) * total) / 100) : undefined;
}

/**
 * Why a budget can never allow an eviction of its `total` pods (`total` undefined: not known), or
 * undefined when it can: maxUnavailable 0 (or 0%), or minAvailable at least the pod count (100%).
 */
export function evictionBlockedBecause(pdb: Manifest, total: number | undefined): string | undefined {
  const maxUnavailable = get(pdb.value, 'spec', 'maxUnavailable');
  const minAvailable = get(pdb.value, 'spec', 'minAvailable');
  if (maxUnavailable !== undefined) {
    const allowed = scaled(maxUnavailable, total ?? 1);
    return allowed === 0 && (maxUnavailable === 0 || maxUnavailable === '0%') ? `maxUnavailable ${JSON.stringify(maxUnavailable)} allows no pod to be unavailable` : undefined;
  }
  if (minAvailable === undefined) return undefined;
  if (minAvailable === '100%') return 'minAvailable "100%" keeps every pod';
  if (total === undefined || total <= 0) return undefined;
  const kept = scaled(minAvailable, total);
  return kept !== undefined && kept >= total ? `minAvailable ${JSON.stringify(minAvailable)} keeps ${kept} of the ${total} pods` : undefined;
}
