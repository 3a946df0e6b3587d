import { isStatefulSet } from '../../k8s/statefulset';
import { get, isObject } from '../../model/manifest';
import type { Rule } from '../../check/rule';

/** Without serviceName the pods get no subdomain, hence no per-pod DNS records. */
export const stsServiceNameEmpty: Rule = {
  id: 'sts/service-name-empty',
  defaultSeverity: 'warning',
  description: 'The StatefulSet has no serviceName: its pods get no stable DNS names.',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest) || !isObject(manifest.value.spec)) return [];
    const name = get(manifest.value, 'spec', 'serviceName');
    if (name !== undefined && name !== '') return [];
    const span = name === undefined ? ctx.keySpan(['spec']) : ctx.valueSpan(['spec', 'serviceName']);
    return [{
      ...span,
      message: `spec.serviceName is ${name === undefined ? 'not set' : 'empty'}: the pods get no stable DNS names `
        + '(<pod>.<service>.<namespace>.svc). Set it to the name of a headless Service (clusterIP: None) that selects the pods.',
    }];
  },
};
