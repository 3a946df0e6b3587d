// sts/service-missing: the governing Service named by spec.serviceName does not exist.
import { dnsLabelProblem, isDns1035Label, isDnsLabel } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { replaceString } from '../../edit/edit';
import { versionAtLeast } from '../../k8s/version';
import { closest } from '../../text';
import type { FixData, RelatedLocation, RuleFinding } from '../../types';
import { governingRefs, relatedAt } from '../../model/locations';
import { serviceKey, workspaceIndex } from '../../model/workspace-index';
import { createServiceFix, headlessServicesSelecting } from '../../fixes/governing-service';

export const stsServiceMissing: Rule = {
  id: 'sts/service-missing',
  defaultSeverity: 'warning',
  description: 'spec.serviceName names no Service in the StatefulSet\'s namespace in the workspace, so the Pods get no DNS records.',
  showInPreview: true,
  scope: 'workspace',
  check(ctx) {
    const index = workspaceIndex(ctx.model);
    const findings: RuleFinding[] = [];
    for (const ref of governingRefs(ctx, index)) {
      const { sts, namespace, serviceName } = ref;
      if (index.services.has(serviceKey(namespace, serviceName))) continue;
      // An invalid name is sts/service-name-invalid's finding (the API server rejects it from 1.33).
      if (dnsLabelProblem(serviceName) && versionAtLeast(ctx.settings.kubernetesVersion, '1.33')) continue;
      const inNamespace = index.servicesByNamespace.get(namespace) ?? [];
      const nearNames = closest(serviceName, new Set(inNamespace.map((service) => service.name)), 3);
      const selecting = headlessServicesSelecting(index, sts, namespace).map((service) => service.name)
        .filter((name) => !nearNames.includes(name));
      const candidates = [...nearNames, ...selecting];
      const related: RelatedLocation[] = [];
      for (const name of candidates) {
        const service = index.services.get(serviceKey(namespace, name))![0];
        const why = selecting.includes(name) ? 'a headless Service that selects these Pods' : 'a Service with a similar name';
        related.push(relatedAt(service.manifest, `Did you mean Service ${JSON.stringify(name)}? It is ${why}.`));
      }
      for (const [key, services] of index.services) {
        if (services[0].name !== serviceName || key === serviceKey(namespace, serviceName)) continue;
        related.push(relatedAt(services[0].manifest,
          `Service ${JSON.stringify(serviceName)} exists in namespace ${JSON.stringify(services[0].namespace)}, not in ${JSON.stringify(namespace)}: a governing Service must be in the StatefulSet's namespace.`));
      }
      const hint = candidates.length ? ` Did you mean ${candidates.map((name) => JSON.stringify(name)).join(' or ')}?` : '';
      const fixes: FixData[] = [];
      // Offer to switch only to headless Services: another one would trade this finding for
      // sts/service-not-headless (the near-miss still shows in the message and related information).
      const headlessCandidates = candidates.filter((name) => index.services.get(serviceKey(namespace, name))![0].headless);
      headlessCandidates.forEach((name, position) => {
        const edit = replaceString(sts, ['spec', 'serviceName'], name);
        if (edit) fixes.push({ title: `Change serviceName to ${JSON.stringify(name)}`, edits: [edit], preferred: position === 0 });
      });
      // Before 1.36 (RelaxedServiceNameValidation) a Service name must also start with a letter.
      const creatable = isDnsLabel(serviceName) && (versionAtLeast(ctx.settings.kubernetesVersion, '1.36') || isDns1035Label(serviceName));
      if (creatable) fixes.push({ ...createServiceFix(sts, serviceName), preferred: headlessCandidates.length === 0 });
      const uncreatable = creatable ? '' : ` No Service can have this name in Kubernetes ${ctx.settings.kubernetesVersion}: a Service name must be ${isDnsLabel(serviceName) ? 'an RFC 1035 label (starting with a letter)' : 'a DNS label'}.`;
      findings.push({
        uri: sts.uri,
        ...ref.span,
        message: `spec.serviceName ${JSON.stringify(serviceName)} names no Service in namespace ${JSON.stringify(namespace)} in the workspace, so the Pods get no DNS records (${sts.name || '<name>'}-0.${serviceName}.${namespace}.svc.${ctx.settings.clusterDomain} does not resolve).${hint} Create the governing headless Service (clusterIP: None) that selects the Pods, or fix the name.${uncreatable}`,
        related,
        fixes,
      });
    }
    return findings;
  },
};
