// sts/service-selector-mismatch: the governing Service exists but its selector does not select the
// StatefulSet's Pods, so no endpoints (and no per-Pod DNS records) are created for them.
import { get, type Manifest } from '../../model/manifest';
import { isCompleteAt } from '../../model/completeness';
import type { Rule } from '../../check/rule';
import { labelsOf, mapSelectorMatches, type Labels } from '../../k8s/selector';
import { controllerLabelsOf, mapSelectorSelectsPods } from '../../k8s/controller-labels';
import { templateLabels, templateLabelsPath } from '../../k8s/statefulset';
import { setKey } from '../../edit/insert';
import type { FixData } from '../../types';
import { relatedAt } from '../../model/locations';
import type { ServiceFact } from '../../model/facts';

function text(labels: Labels): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(',');
}

/** The StatefulSet's selector labels when they select its template, else the template labels. */
function wantedSelector(sts: Manifest, labels: Labels): Labels {
  const matchLabels = labelsOf(get(sts.value, 'spec', 'selector', 'matchLabels'));
  return mapSelectorMatches(matchLabels, labels) ? matchLabels : labels;
}

function difference(selector: Labels, labels: Labels): string {
  for (const [key, value] of Object.entries(selector)) {
    if (!(key in labels)) return `the Pods have no label ${JSON.stringify(key)}`;
    if (labels[key] !== value) return `label ${JSON.stringify(key)} is ${JSON.stringify(labels[key])} on the Pods, not ${JSON.stringify(value)}`;
  }
  return 'the labels differ';
}

export const stsServiceSelectorMismatch: Rule = {
  id: 'sts/service-selector-mismatch',
  defaultSeverity: 'warning',
  description: 'The selector of the governing Service does not select the StatefulSet\'s Pods, so they get no DNS records.',
  showInPreview: true,
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest: sts, namespace, lookups } = ctx;
    const governing = lookups.governingService(sts, namespace);
    if (!governing) return [];
    const { serviceName, services } = governing;
    const labels = templateLabels(sts);
    if (services.length === 0 || Object.keys(labels).length === 0) return [];
    // A Service without a selector is deliberate: its endpoints are managed by hand or by an operator
    // (a Postgres HA manager's leader Service, say), so no selector is to be advised.
    if (services.some((service) => !service.selector)) return [];
    // Labels or selectors a chart template prints are unknown: they may match.
    if (!isCompleteAt(sts, templateLabelsPath) || services.some((service) => !isCompleteAt(service.manifest, ['spec', 'selector']))) return [];
    const controller = controllerLabelsOf(sts);
    if (services.some((service) => mapSelectorSelectsPods(service.selector, labels, controller))) return [];
    const service: ServiceFact = services.find((item) => item.headless) ?? services[0];
    const selector = service.selector!;
    const wanted = wantedSelector(sts, labels);
    const problem = `its selector ${text(selector)} does not match their labels (${difference(selector, labels)}), so they have no endpoints`;
    const fixes: FixData[] = [];
    const edit = setKey(service.manifest, ['spec'], 'selector', wanted);
    if (edit) fixes.push({ title: `Set the selector of Service ${JSON.stringify(service.name)} to ${text(wanted)}`, edits: [edit], preferred: true });
    return [{
      ...ctx.valueSpan(['spec', 'serviceName']),
      message: `The governing Service ${JSON.stringify(serviceName)} does not select this StatefulSet's Pods: ${problem} and get no DNS records. Set the Service's selector to the Pod labels (${text(wanted)}).`,
      related: [relatedAt(service.manifest, `Service ${JSON.stringify(service.name)}: selector ${text(selector)}.`, ['spec', 'selector'])],
      fixes,
    }];
  },
};
