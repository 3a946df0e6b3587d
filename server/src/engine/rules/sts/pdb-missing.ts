// sts/pdb-missing: a StatefulSet with more than one replica that no PodDisruptionBudget protects, in a
// namespace whose other workloads have budgets: a node drain may evict several members at once (a
// quorum system loses quorum).
import type { Rule } from '../../check/rule';
import { insertDocumentAfter } from '../../edit/insert-document';
import { budgetSelects } from '../../k8s/disruption-budget';
import { matches, parseLabelSelector } from '../../k8s/selector';
import { isStatefulSet, ordinalRange, templateLabels } from '../../k8s/statefulset';
import { get } from '../../model/manifest';
import type { FixData } from '../../types';

export const stsPdbMissing: Rule = {
  id: 'sts/pdb-missing',
  defaultSeverity: 'info',
  description: 'A StatefulSet with more than one replica and no PodDisruptionBudget selecting its pods, where the namespace has budgets for other workloads.',
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const sts = ctx.manifest;
    const selector = get(sts.value, 'spec', 'selector');
    if (!isStatefulSet(sts) || !sts.name || selector === undefined) return [];
    const { replicas } = ordinalRange(sts);
    if (replicas <= 1) return [];
    const labels = templateLabels(sts);
    // A selector that does not select the template is sts/selector-mismatch's error: a budget copied from it would protect nothing.
    if (!matches(parseLabelSelector(selector), labels)) return [];
    // Only where the workspace writes budgets for its namespace: budgets often live elsewhere (a platform
    // chart, another repository), and a finding about an object the workspace does not hold would be false.
    const budgets = ctx.lookups.disruptionBudgetsIn(ctx.namespace);
    if (budgets.length === 0 || budgets.some((pdb) => budgetSelects(pdb, labels))) return [];
    const budget = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: `${sts.name}-pdb`, ...(sts.namespace ? { namespace: sts.namespace } : {}) },
      spec: { maxUnavailable: 1, selector },
    };
    const fixes: FixData[] = [{ title: `Add a PodDisruptionBudget "${sts.name}-pdb" with maxUnavailable: 1`, edits: [insertDocumentAfter(sts, budget)] }];
    return [{
      ...ctx.valueSpan(['metadata', 'name']),
      message: `StatefulSet ${JSON.stringify(sts.name)} has ${replicas} replicas and, unlike other workloads of namespace ${JSON.stringify(ctx.namespace)}, no PodDisruptionBudget selects its pods: a node drain or a cluster upgrade may evict several of them at once (a quorum system such as ZooKeeper or etcd then loses quorum). Add a PodDisruptionBudget with maxUnavailable: 1 and the StatefulSet's selector.`,
      fixes,
    }];
  },
};
