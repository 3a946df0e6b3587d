// sts/service-not-headless: the governing Service exists but has a cluster IP (or is not a ClusterIP
// Service), so it publishes no per-Pod DNS records. The pods run and the Service's cluster IP works:
// a warning, and an error when the manifests use the per-Pod names (k8s/pod-dns-names.ts).
import type { Rule } from '../../check/rule';
import { replaceString } from '../../edit/replace';
import { Flow, setKey } from '../../edit/insert';
import { isDns1035Label } from '../../k8s/names';
import type { FixData, TextEditData } from '../../types';
import { relatedAt } from '../../model/locations';
import type { ServiceFact } from '../../model/facts';
import type { WorkspaceLookups } from '../../model/lookups';
import type { Manifest } from '../../model/manifest';
import { createServiceFix, headlessServicesSelecting } from '../../fixes/governing-service';
import { configMapsUsedBy, podDnsSpelling, podDnsUsesInConfigMap, podDnsUsesInPodSpec, type PodDnsUse } from '../../k8s/pod-dns-names';

function clusterIPOf(service: ServiceFact): unknown {
  const spec = service.manifest.value.spec;
  return typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>).clusterIP : undefined;
}

function fixesFor(sts: Manifest, namespace: string, service: ServiceFact, lookups: WorkspaceLookups): FixData[] {
  const fixes: FixData[] = [];
  if (service.type === 'ClusterIP') {
    const edits: TextEditData[] = [];
    const clusterIP = setKey(service.manifest, ['spec'], 'clusterIP', 'None');
    if (clusterIP) edits.push(clusterIP);
    const spec = service.manifest.value.spec as Record<string, unknown> | undefined;
    if (clusterIP && Array.isArray(spec?.clusterIPs)) {
      const clusterIPs = setKey(service.manifest, ['spec'], 'clusterIPs', new Flow(['None']));
      if (clusterIPs) edits.push(clusterIPs); else edits.length = 0;
    }
    if (edits.length) {
      fixes.push({
        title: `Set clusterIP: None on Service ${JSON.stringify(service.name)} (removes its cluster IP, which clients may use; an existing Service must be deleted and recreated)`,
        edits, preferred: true,
      });
    }
  }
  for (const other of headlessServicesSelecting(lookups, sts, namespace)) {
    const edit = replaceString(sts, ['spec', 'serviceName'], other.name);
    if (edit) fixes.push({ title: `Change serviceName to the headless Service ${JSON.stringify(other.name)} (an existing StatefulSet must be recreated: serviceName cannot change)`, edits: [edit] });
  }
  // A separate headless Service keeps this one, and its cluster IP, for its clients.
  const name = `${service.name}-headless`;
  if (isDns1035Label(name) && lookups.service(namespace, name).length === 0) {
    const rename = replaceString(sts, ['spec', 'serviceName'], name);
    if (rename) {
      const create = createServiceFix(sts, name);
      fixes.push({ title: `Create a separate headless Service ${JSON.stringify(name)} and use it as serviceName (an existing StatefulSet must be recreated: serviceName cannot change)`,
        edits: [...create.edits, rename], preferred: fixes.length === 0 });
    }
  }
  return fixes;
}

/**
 * The first place the manifests use a per-pod DNS name of this Service: the StatefulSet's own pod spec,
 * else the data of a ConfigMap its pods read (through a lookup: a change there re-checks the set).
 */
function podDnsUse(sts: Manifest, namespace: string, serviceName: string, lookups: WorkspaceLookups): { use: PodDnsUse; in: Manifest } | undefined {
  const spelling = podDnsSpelling(sts, serviceName);
  const own = podDnsUsesInPodSpec(sts, spelling)[0];
  if (own) return { use: own, in: sts };
  for (const name of configMapsUsedBy(sts)) {
    for (const configMap of lookups.configMap(namespace, name)) {
      const use = podDnsUsesInConfigMap(configMap, spelling)[0];
      if (use) return { use, in: configMap };
    }
  }
  return undefined;
}

export const stsServiceNotHeadless: Rule = {
  id: 'sts/service-not-headless',
  defaultSeverity: 'warning',
  description: 'The governing Service named by spec.serviceName is not headless (clusterIP: None), so the Pods get no per-Pod DNS names; an error when the manifests use those names.',
  showInPreview: true,
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest: sts, namespace, lookups } = ctx;
    const governing = lookups.governingService(sts, namespace);
    if (!governing) return [];
    const { serviceName, services } = governing;
    if (services.length === 0 || services.some((service) => service.headless)) return [];
    const service = services[0];
    // A Service the API server rejects is reported on the Service itself (svc/headless-type, svc/cluster-ips-invalid).
    if (service.addressing.rejected) return [];
    // A Service without a selector has hand-managed endpoints (a Postgres HA manager's leader Service): deliberate.
    if (!service.selector) return [];
    const why = service.addressing.notHeadlessBecause;
    const clusterIPSet = clusterIPOf(service) !== undefined;
    const at = service.type !== 'ClusterIP' && !clusterIPSet ? ['spec', 'type'] : clusterIPSet ? ['spec', 'clusterIP'] : ['metadata', 'name'];
    const example = `${sts.name || '<name>'}-0.${serviceName}`;
    const dependency = podDnsUse(sts, namespace, serviceName, lookups);
    const change = service.type === 'ClusterIP'
      ? 'Make it headless with clusterIP: None (this removes the cluster IP that clients may use: give them a separate ClusterIP Service; clusterIP cannot be changed on an existing Service, so delete and recreate it), or govern the set with a separate headless Service'
      : 'Create a separate headless Service (clusterIP: None) for the StatefulSet and keep this one for its clients';
    const consequence = dependency
      ? `The Pods get no per-Pod DNS names, and ${dependency.use.field} uses one (${JSON.stringify(dependency.use.name)}), which will not resolve.`
      : `The Pods run and the Service's cluster IP works, but the per-Pod DNS names (${example}) do not resolve: fine when clients only use the Service, not when the Pods must be reached one by one (peers, replicas).`;
    const related = [relatedAt(service.manifest, `Service ${JSON.stringify(service.name)} is not headless: ${why}.`, at)];
    if (dependency) {
      related.push({ uri: dependency.in.uri, ...dependency.in.valueSpan(dependency.use.path),
        message: `${dependency.use.field} uses the per-Pod DNS name ${JSON.stringify(dependency.use.name)}.` });
    }
    return [{
      ...ctx.valueSpan(['spec', 'serviceName']),
      ...(dependency ? { severity: 'error' as const } : {}),
      message: `spec.serviceName ${JSON.stringify(serviceName)} names a Service that is not headless: ${why}. ${consequence} ${change}.`,
      related,
      fixes: fixesFor(sts, namespace, service, lookups),
    }];
  },
};
