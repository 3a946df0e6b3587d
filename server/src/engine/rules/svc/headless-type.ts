import { removePair } from '../../edit/remove';
import { replaceString } from '../../edit/replace';
import { setKey } from '../../edit/insert';
import { get, isObject } from '../../model/manifest';
import { serviceAddressing } from '../../k8s/service';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import { governedStatefulSets } from '../../model/locations';
import type { FixData, TextEditData } from '../../types';

/** Fields a ClusterIP Service may not have (nodePort is per port). */
const externalOnly = ['externalTrafficPolicy', 'healthCheckNodePort', 'loadBalancerIP', 'loadBalancerSourceRanges',
  'loadBalancerClass', 'allocateLoadBalancerNodePorts', 'externalName'];

/** A headless Service (`clusterIP: None`) must be of type ClusterIP (validateService). */
export const svcHeadlessType: Rule = {
  id: 'svc/headless-type',
  defaultSeverity: 'error',
  description: 'A headless Service (clusterIP: None) whose type is NodePort, LoadBalancer or ExternalName.',
  // Workspace scope: the StatefulSets it governs are named as related information (sts/service-not-headless
  // leaves a rejected Service to this rule: one problem, one diagnostic).
  scope: 'workspace',
  kinds: ['Service'],
  check(ctx) {
    if (ctx.manifest.apiVersion !== 'v1') return []; // not a core Service (e.g. a Knative Service)
    const spec = get(ctx.manifest.value, 'spec');
    if (!isObject(spec)) return [];
    const { nonePath } = serviceAddressing(ctx.manifest.value);
    const type = spec.type;
    if (!nonePath || (type !== 'NodePort' && type !== 'LoadBalancer' && type !== 'ExternalName')) return [];
    const reason = type === 'ExternalName' ? 'may not be set for ExternalName services' : `may not be set to 'None' for ${type} services`;
    const fixes: FixData[] = [];
    const headless = headlessEdits(ctx.manifest, spec);
    if (headless) fixes.push({ title: 'Keep it headless: change type to ClusterIP (an existing Service must be recreated)', edits: headless, preferred: true });
    const removals = [['spec', 'clusterIP'], ['spec', 'clusterIPs']].filter(([, key]) => spec[key] !== undefined).map((path) => removePair(ctx.manifest, path));
    if (removals.length && removals.every(Boolean)) {
      fixes.push({ title: `Keep type ${type}: remove clusterIP "None" (the Service is then not headless)`, edits: removals as TextEditData[] });
    }
    return [{ ...ctx.valueSpan(['spec', 'type']), fixes,
      message: `Service ${quote(ctx.manifest.name)} is headless (clusterIP: "None") but has type ${quote(String(type))}: clusterIP ${reason}. ` +
        'A headless Service, such as the one governing a StatefulSet, must have type ClusterIP (the default); remove the type or drop clusterIP: None.',
      related: [{ uri: ctx.manifest.uri, ...ctx.valueSpan(nonePath), message: 'clusterIP "None" makes the Service headless' },
        ...governedStatefulSets(ctx.lookups, ctx.namespace, ctx.manifest.name, 'its Pods get no DNS names until the Service is accepted.')] }];
  },
};

/** type → ClusterIP, and the fields only external Services may have removed; undefined if any edit fails. */
function headlessEdits(manifest: Parameters<typeof replaceString>[0], spec: Record<string, unknown>): TextEditData[] | undefined {
  const edits = [replaceString(manifest, ['spec', 'type'], 'ClusterIP')];
  // `clusterIPs: [None]` alone is rejected too (svc/cluster-ips-invalid): headless needs clusterIP: None.
  if ((spec.clusterIP === undefined || spec.clusterIP === '') && Array.isArray(spec.clusterIPs)) edits.push(setKey(manifest, ['spec'], 'clusterIP', 'None'));
  for (const key of externalOnly) if (spec[key] !== undefined) edits.push(removePair(manifest, ['spec', key]));
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((port, index) => {
    if (isObject(port) && port.nodePort !== undefined) edits.push(removePair(manifest, ['spec', 'ports', index, 'nodePort']));
  });
  return edits.every(Boolean) ? edits as TextEditData[] : undefined;
}
