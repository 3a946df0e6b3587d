import type { Rule } from '../../check/rule';
import { removePair } from '../../edit/remove';
import { setKey } from '../../edit/insert';
import { serviceAddressing } from '../../k8s/service';
import { get } from '../../model/manifest';
import { quote } from '../../text';
import { governedStatefulSets } from '../../model/locations';
import type { FixData } from '../../types';

/**
 * `clusterIPs` that disagrees with `clusterIP` (validateServiceClusterIPsRelatedFields): set without
 * `clusterIP`, a first value other than `clusterIP`, or `None` beside other values. The API server
 * rejects the Service, so it is not headless either, whatever it says.
 */
export const svcClusterIpsInvalid: Rule = {
  id: 'svc/cluster-ips-invalid',
  defaultSeverity: 'error',
  description: 'spec.clusterIPs is set without spec.clusterIP, does not start with the clusterIP, or has "None" beside other values.',
  // Workspace scope: the StatefulSets it governs are named as related information.
  scope: 'workspace',
  kinds: ['Service'],
  check(ctx) {
    if (ctx.manifest.apiVersion !== 'v1') return [];
    const { rejected } = serviceAddressing(ctx.manifest.value);
    if (rejected?.cause !== 'clusterIPs') return [];
    const clusterIPs = get(ctx.manifest.value, 'spec', 'clusterIPs');
    const first = Array.isArray(clusterIPs) ? clusterIPs[0] : undefined;
    const clusterIP = get(ctx.manifest.value, 'spec', 'clusterIP');
    const fixes: FixData[] = [];
    if (typeof first === 'string' && first && (clusterIP === undefined || clusterIP === '')) {
      const edit = setKey(ctx.manifest, ['spec'], 'clusterIP', first);
      if (edit) fixes.push({ title: `Set clusterIP: ${first} as well (clusterIPs[0] must equal clusterIP)`, edits: [edit], preferred: true });
    }
    // Without a clusterIP, removing clusterIPs would leave a Service that is no longer headless.
    const remove = fixes.length === 0 ? removePair(ctx.manifest, ['spec', 'clusterIPs']) : undefined;
    if (remove) fixes.push({ title: 'Remove clusterIPs (the API server fills it in from clusterIP)', edits: [remove] });
    return [{
      ...ctx.valueSpan(rejected.path),
      message: `The API server rejects Service ${quote(ctx.manifest.name)}: ${rejected.message}. Set clusterIP to the first value of clusterIPs ` +
        `(clusterIP: None for a headless Service), or remove clusterIPs and set only clusterIP.`,
      related: governedStatefulSets(ctx.lookups, ctx.namespace, ctx.manifest.name, 'its Pods get no DNS names until the Service is accepted.'),
      fixes,
    }];
  },
};
