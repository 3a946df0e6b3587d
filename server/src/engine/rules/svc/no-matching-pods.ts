// svc/no-matching-pods: a Service whose selector selects no pod template of its namespace.
import type { Rule } from '../../check/rule';
import { factsOf } from '../../model/facts';
import type { Labels } from '../../k8s/selector';
import { describe, relatedAt } from '../../model/locations';
import type { PodTemplate } from '../../model/facts';
import { isCompleteAt } from '../../model/completeness';

function text(labels: Labels): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');
}

/** Templates that share the most selector labels (at least one key), best first. */
function nearest(templates: readonly PodTemplate[], selector: Labels): PodTemplate[] {
  const scored = templates.map((template) => {
    let score = 0;
    for (const [key, value] of Object.entries(selector)) {
      if (key in template.labels) score += template.labels[key] === value ? 2 : 1;
    }
    return { template, score };
  }).filter((item) => item.score > 0);
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, 3).map((item) => item.template);
}

export const svcNoMatchingPods: Rule = {
  id: 'svc/no-matching-pods',
  defaultSeverity: 'info',
  description: 'The Service selector selects no pod template in its namespace, although the workspace has workloads there.',
  scope: 'workspace',
  kinds: ['Service'],
  check(ctx) {
    const { namespace, lookups } = ctx;
    const service = factsOf(ctx.manifest, namespace).service;
    if (!service || !service.selector || service.type === 'ExternalName') return [];
    if (!lookups.hasTemplates(namespace)) return [];
    // A governing Service that misses its StatefulSet's Pods is sts/service-selector-mismatch's finding.
    if (lookups.isGoverning(namespace, service.name)) return [];
    if (lookups.templatesSelectedBy(namespace, service.selector).length) return [];
    const templates = lookups.templatesIn(namespace);
    // Pod labels a chart template prints are unknown: they may match.
    if (templates.some((template) => !isCompleteAt(template.manifest, [...template.path, 'metadata', 'labels']))) return [];
    const related = nearest(templates, service.selector).map((template) => relatedAt(template.manifest,
      `${describe(template.manifest, namespace, ctx.settings.defaultNamespace)} has Pod labels ${text(template.labels) || '(none)'}.`,
      [...template.path, 'metadata', 'labels']));
    return [{
      ...ctx.keySpan(['spec', 'selector']),
      message: `The selector ${text(service.selector)} of Service ${JSON.stringify(service.name)} selects no Pods of the ${templates.length} workload${templates.length === 1 ? '' : 's'} in namespace ${JSON.stringify(namespace)} in the workspace, so the Service has no endpoints. Change the selector, or the labels of the Pods it is meant for.`,
      related,
    }];
  },
};
