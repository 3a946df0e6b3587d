// svc/no-matching-pods: a Service whose selector selects no pod template of its namespace.
import type { Rule } from '../../check/rule';
import type { Labels } from '../../k8s/selector';
import type { RuleFinding } from '../../types';
import { describe, keyAt, relatedAt } from '../../model/locations';
import { get } from '../../model/workspace-model';
import { inTargets, selectedTemplates, serviceKey, workspaceIndex, type PodTemplate, type WorkspaceIndex } from '../../model/workspace-index';

function text(labels: Labels): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');
}

/** Templates that share the most selector labels (at least one key), best first. */
function nearest(templates: PodTemplate[], selector: Labels): PodTemplate[] {
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

/** `namespace/name` of every StatefulSet's governing Service, per index (built once per model state). */
const governingByIndex = new WeakMap<WorkspaceIndex, Set<string>>();

function governingServices(index: WorkspaceIndex, namespaceOf: (sts: WorkspaceIndex['statefulSets'][number]) => string): Set<string> {
  let governing = governingByIndex.get(index);
  if (!governing) {
    governing = new Set(index.statefulSets.map((sts) => serviceKey(namespaceOf(sts), String(get(sts.value, 'spec', 'serviceName')))));
    governingByIndex.set(index, governing);
  }
  return governing;
}

export const svcNoMatchingPods: Rule = {
  id: 'svc/no-matching-pods',
  defaultSeverity: 'info',
  description: 'The Service selector selects no pod template in its namespace, although the workspace has workloads there.',
  scope: 'workspace',
  check(ctx) {
    const index = workspaceIndex(ctx.model);
    const findings: RuleFinding[] = [];
    // A governing Service that misses its StatefulSet's Pods is sts/service-selector-mismatch's finding.
    const governing = governingServices(index, (sts) => ctx.model.namespaceOf(sts));
    for (const service of inTargets(ctx, index.allServices, index.servicesByUri, (item) => item.manifest.uri)) {
      const namespace = service.namespace;
      const templates = index.templatesByNamespace.get(namespace);
      if (!templates?.length) continue;
      if (!service.selector || service.type === 'ExternalName') continue;
      if (governing.has(serviceKey(namespace, service.name))) continue;
      if (selectedTemplates(index, namespace, service.selector).length) continue;
      const related = nearest(templates, service.selector).map((template) => relatedAt(template.manifest,
        `${describe(template.manifest, namespace, ctx.settings.defaultNamespace)} has Pod labels ${text(template.labels) || '(none)'}.`,
        [...template.path, 'metadata', 'labels']));
      findings.push({
        uri: service.manifest.uri,
        ...keyAt(service.manifest, ['spec', 'selector']),
        message: `The selector ${text(service.selector)} of Service ${JSON.stringify(service.name)} selects no Pods of the ${templates.length} workload${templates.length === 1 ? '' : 's'} in namespace ${JSON.stringify(namespace)} in the workspace, so the Service has no endpoints. Change the selector, or the labels of the Pods it is meant for.`,
        related,
      });
    }
    return findings;
  },
};

