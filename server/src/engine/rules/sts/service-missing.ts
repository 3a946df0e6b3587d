// sts/service-missing: the governing Service named by spec.serviceName does not exist.
import { dnsLabelProblem, isDns1035Label, isDnsLabel } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { replaceString } from '../../edit/replace';
import { versionAtLeast } from '../../k8s/version';
import { closest } from '../../text';
import type { FixData, RelatedLocation } from '../../types';
import { relatedAt } from '../../model/locations';
import { isCompleteAt } from '../../model/completeness';
import { createServiceFix, headlessServicesSelecting } from '../../fixes/governing-service';

export const stsServiceMissing: Rule = {
  id: 'sts/service-missing',
  defaultSeverity: 'warning',
  description: 'spec.serviceName names no Service in the StatefulSet\'s namespace in the workspace, so the Pods get no DNS records.',
  showInPreview: true,
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest: sts, namespace, lookups, settings } = ctx;
    const governing = lookups.governingService(sts, namespace);
    if (!governing || governing.services.length > 0) return [];
    const { serviceName } = governing;
    // An invalid name is sts/service-name-invalid's finding (the API server rejects it from 1.33).
    if (dnsLabelProblem(serviceName) && versionAtLeast(settings.kubernetesVersion, '1.33')) return [];
    const inNamespace = lookups.servicesIn(namespace);
    // A Service whose name a chart template prints may be this one.
    if (inNamespace.some((service) => !isCompleteAt(service.manifest, ['metadata', 'name']))) return [];
    const nearNames = closest(serviceName, new Set(inNamespace.map((service) => service.name)), 3);
    const selecting = headlessServicesSelecting(lookups, sts, namespace).map((service) => service.name)
      .filter((name) => !nearNames.includes(name));
    const candidates = [...nearNames, ...selecting];
    const related: RelatedLocation[] = [];
    for (const name of candidates) {
      const service = lookups.service(namespace, name)[0];
      const why = selecting.includes(name) ? 'a headless Service that selects these Pods' : 'a Service with a similar name';
      related.push(relatedAt(service.manifest, `Did you mean Service ${JSON.stringify(name)}? It is ${why}.`));
    }
    const elsewhere = new Set<string>();
    for (const service of lookups.servicesNamed(serviceName)) {
      if (service.namespace === namespace || elsewhere.has(service.namespace)) continue;
      elsewhere.add(service.namespace);
      related.push(relatedAt(service.manifest,
        `Service ${JSON.stringify(serviceName)} exists in namespace ${JSON.stringify(service.namespace)}, not in ${JSON.stringify(namespace)}: a governing Service must be in the StatefulSet's namespace.`));
    }
    const hint = candidates.length ? ` Did you mean ${candidates.map((name) => JSON.stringify(name)).join(' or ')}?` : '';
    const fixes: FixData[] = [];
    // Offer to switch only to headless Services: another one would trade this finding for
    // sts/service-not-headless (the near-miss still shows in the message and related information).
    const headlessCandidates = candidates.filter((name) => lookups.service(namespace, name)[0].headless);
    headlessCandidates.forEach((name, position) => {
      const edit = replaceString(sts, ['spec', 'serviceName'], name);
      if (edit) fixes.push({ title: `Change serviceName to ${JSON.stringify(name)}`, edits: [edit], preferred: position === 0 });
    });
    // Before 1.36 (RelaxedServiceNameValidation) a Service name must also start with a letter.
    const creatable = isDnsLabel(serviceName) && (versionAtLeast(settings.kubernetesVersion, '1.36') || isDns1035Label(serviceName));
    if (creatable) fixes.push({ ...createServiceFix(sts, serviceName), preferred: headlessCandidates.length === 0 });
    const uncreatable = creatable ? '' : ` No Service can have this name in Kubernetes ${settings.kubernetesVersion}: a Service name must be ${isDnsLabel(serviceName) ? 'an RFC 1035 label (starting with a letter)' : 'a DNS label'}.`;
    return [{
      ...ctx.valueSpan(['spec', 'serviceName']),
      message: `spec.serviceName ${JSON.stringify(serviceName)} names no Service in namespace ${JSON.stringify(namespace)} in the workspace, so the Pods get no DNS records (${sts.name || '<name>'}-0.${serviceName}.${namespace}.svc.${settings.clusterDomain} does not resolve).${hint} Create the governing headless Service (clusterIP: None) that selects the Pods, or fix the name.${uncreatable}`,
      related,
      fixes,
    }];
  },
};
