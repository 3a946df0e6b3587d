// sts/service-not-headless: the governing Service exists but has a cluster IP (or is not a ClusterIP
// Service), so it publishes no per-Pod DNS records.
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
        title: `Set clusterIP: None on Service ${JSON.stringify(service.name)} (an existing Service must be deleted and recreated: clusterIP cannot change)`,
        edits, preferred: true,
      });
    }
  }
  for (const other of headlessServicesSelecting(lookups, sts, namespace)) {
    const edit = replaceString(sts, ['spec', 'serviceName'], other.name);
    if (edit) fixes.push({ title: `Change serviceName to the headless Service ${JSON.stringify(other.name)}`, edits: [edit] });
  }
  const name = `${service.name}-headless`;
  if (service.type !== 'ClusterIP' && isDns1035Label(name) && lookups.service(namespace, name).length === 0) {
    const rename = replaceString(sts, ['spec', 'serviceName'], name);
    if (rename) {
      const create = createServiceFix(sts, name);
      fixes.push({ title: `Create a separate headless Service ${JSON.stringify(name)} and use it as serviceName`,
        edits: [...create.edits, rename], preferred: fixes.length === 0 });
    }
  }
  return fixes;
}

export const stsServiceNotHeadless: Rule = {
  id: 'sts/service-not-headless',
  defaultSeverity: 'error',
  description: 'The governing Service named by spec.serviceName is not headless (clusterIP: None), so the Pods get no DNS records.',
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
    const why = service.addressing.notHeadlessBecause;
    const clusterIPSet = clusterIPOf(service) !== undefined;
    const at = service.type !== 'ClusterIP' && !clusterIPSet ? ['spec', 'type'] : clusterIPSet ? ['spec', 'clusterIP'] : ['metadata', 'name'];
    const change = service.type === 'ClusterIP'
      ? 'Set clusterIP: None on it; clusterIP cannot be changed on an existing Service, so delete and recreate it'
      : 'Create a separate headless Service (clusterIP: None) for the StatefulSet, or delete this one and recreate it as a headless ClusterIP Service';
    return [{
      ...ctx.valueSpan(['spec', 'serviceName']),
      message: `spec.serviceName ${JSON.stringify(serviceName)} names a Service that is not headless: ${why}. The governing Service must have clusterIP: None for the Pods to get their DNS names (${sts.name || '<name>'}-0.${serviceName}). ${change}.`,
      related: [relatedAt(service.manifest, `Service ${JSON.stringify(service.name)} is not headless: ${why}.`, at)],
      fixes: fixesFor(sts, namespace, service, lookups),
    }];
  },
};
