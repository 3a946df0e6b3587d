// sts/anti-affinity-selects-nothing: every podAntiAffinity term and topology spread constraint of a
// StatefulSet with several replicas has a label selector that selects no pod template of its
// namespace (its own included): the intended spreading does nothing, and all replicas may share a node.
import type { Rule } from '../../check/rule';
import { fieldPath } from '../../check/rule';
import { replaceValue } from '../../edit/replace';
import { matches, parseLabelSelector, selectorText } from '../../k8s/selector';
import { isStatefulSet, ordinalRange, podSpecPath, templateLabels } from '../../k8s/statefulset';
import { get, isObject } from '../../model/manifest';
import type { DataPath } from '../../yaml/nodes';
import type { FixData, RuleFinding } from '../../types';

interface Term {
  /** Path of the term's labelSelector. */
  path: DataPath;
  what: string;
}

/** The spreading terms of a pod spec that select by labels in the pod's own namespace. */
function spreadingTerms(spec: unknown): Term[] {
  const terms: Term[] = [];
  const anti = get(spec, 'affinity', 'podAntiAffinity');
  const inOwnNamespace = (term: unknown): boolean => get(term, 'namespaceSelector') === undefined && get(term, 'namespaces') === undefined;
  const required = get(anti, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (Array.isArray(required)) required.forEach((term: unknown, i) => {
    if (isObject(get(term, 'labelSelector')) && inOwnNamespace(term)) terms.push({ path: ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', i, 'labelSelector'], what: 'required podAntiAffinity term' });
  });
  const preferred = get(anti, 'preferredDuringSchedulingIgnoredDuringExecution');
  if (Array.isArray(preferred)) preferred.forEach((weighted: unknown, i) => {
    const term = get(weighted, 'podAffinityTerm');
    if (isObject(get(term, 'labelSelector')) && inOwnNamespace(term)) terms.push({ path: ['affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm', 'labelSelector'], what: 'preferred podAntiAffinity term' });
  });
  const spread = get(spec, 'topologySpreadConstraints');
  if (Array.isArray(spread)) spread.forEach((constraint: unknown, i) => {
    if (isObject(get(constraint, 'labelSelector'))) terms.push({ path: ['topologySpreadConstraints', i, 'labelSelector'], what: 'topologySpreadConstraint' });
  });
  return terms;
}

export const stsAntiAffinitySelectsNothing: Rule = {
  id: 'sts/anti-affinity-selects-nothing',
  defaultSeverity: 'warning',
  description: 'The podAntiAffinity terms and topology spread constraints of a replicated StatefulSet select no pod: the replicas are not spread.',
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const sts = ctx.manifest;
    if (!isStatefulSet(sts) || ordinalRange(sts).replicas <= 1) return [];
    const spec = get(sts.value, ...podSpecPath);
    const terms = spreadingTerms(spec);
    if (terms.length === 0) return [];
    const templates = ctx.lookups.templatesIn(ctx.namespace);
    const selects = (term: Term): boolean => {
      const selector = parseLabelSelector(get(spec, ...term.path));
      return templates.some((template) => matches(selector, template.labels));
    };
    // A term that selects some pods (another workload's: deliberate) means the spreading is meant as written.
    if (terms.some(selects)) return [];
    const labels = templateLabels(sts);
    const carried = Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(', ') || 'no labels';
    const own = get(sts.value, 'spec', 'selector');
    const findings: RuleFinding[] = [];
    for (const term of terms) {
      const path = [...podSpecPath, ...term.path];
      const selector = parseLabelSelector(get(spec, ...term.path));
      const edit = isObject(own) ? replaceValue(sts, path, own) : undefined;
      const fixes: FixData[] = edit ? [{ title: 'Select the StatefulSet\'s own pods (its spec.selector)', edits: [edit], preferred: true }] : [];
      findings.push({
        ...ctx.valueSpan(path),
        message: `The ${term.what} (${fieldPath(path)}: ${selector ? selectorText(selector) || '{}' : 'invalid'}) selects no pod in namespace ${JSON.stringify(ctx.namespace)}: the pods of StatefulSet ${JSON.stringify(sts.name)} carry ${carried}. `
          + `The spreading does nothing, so all ${ordinalRange(sts).replicas} replicas may land on one node or zone and fail together. Select the StatefulSet's own pods, with the labels of its spec.selector.`,
        fixes,
      });
    }
    return findings;
  },
};
