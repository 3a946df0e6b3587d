// What a Service is, as the API server and the DNS add-on see it: its type, whether it is headless
// (each selected pod then gets its own DNS record, which a StatefulSet's governing Service needs), and
// whether the API server rejects its clusterIP / clusterIPs / type combination.
//
// Sources (pkg/apis/core/validation ValidateService, validateServiceClusterIPsRelatedFields;
// pkg/registry/core/service/storage normalizeClusterIPs): on create, a `clusterIP` alone is copied into
// `clusterIPs`, but never the other way ("we don't init singular based on plural because new client must
// use both fields"). So `clusterIPs` without `clusterIP` is rejected, "must be empty when `clusterIP` is
// not specified", and such a Service never exists, headless or not.
import { isObject } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { labelsOf, type Labels } from './selector';

export interface ServiceAddressing {
  /** `spec.type`, defaulted to ClusterIP. */
  type: string;
  /** `clusterIP: None` on a ClusterIP Service that the API server accepts: pods get per-pod DNS records. */
  headless: boolean;
  /** Why it is not headless, as a clause: `its clusterIP is "10.0.0.1", not "None"`. */
  notHeadlessBecause?: string;
  /** Set when the API server rejects the combination (the Service never exists): the field and its message. */
  rejected?: { path: DataPath; message: string; cause: 'type' | 'clusterIPs' };
  /** Where `None` is written, when it is (`spec.clusterIP` or `spec.clusterIPs[0]`). */
  nonePath?: DataPath;
}

function rejection(clusterIP: string, clusterIPs: unknown[]): ServiceAddressing['rejected'] {
  const written = JSON.stringify(clusterIPs);
  if (clusterIP === '' && clusterIPs.length > 0) {
    return { cause: 'clusterIPs', path: ['spec', 'clusterIPs'], message: `spec.clusterIPs: Invalid value: ${written}: must be empty when \`clusterIP\` is not specified` };
  }
  if (clusterIP !== '' && clusterIPs.length > 0 && clusterIPs[0] !== clusterIP) {
    return { cause: 'clusterIPs', path: ['spec', 'clusterIPs'], message: `spec.clusterIPs: Invalid value: ${written}: first value must match \`clusterIP\`` };
  }
  if (clusterIP === 'None' && clusterIPs.length > 1) {
    return { cause: 'clusterIPs', path: ['spec', 'clusterIPs'], message: `spec.clusterIPs: Invalid value: ${written}: 'None' must be the first and only value` };
  }
  return undefined;
}

/** The one answer to "is this Service headless", used by rules, identities, navigation and hover alike. */
export function serviceAddressing(value: Record<string, unknown>): ServiceAddressing {
  const spec = isObject(value.spec) ? value.spec : {};
  const type = typeof spec.type === 'string' && spec.type ? spec.type : 'ClusterIP';
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const clusterIPs: unknown[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const nonePath: DataPath | undefined = clusterIP === 'None' ? ['spec', 'clusterIP'] : clusterIPs[0] === 'None' ? ['spec', 'clusterIPs', 0] : undefined;
  const base = { type, ...(nonePath ? { nonePath } : {}) };
  if (type === 'ExternalName') {
    return { ...base, headless: false, notHeadlessBecause: 'it is an ExternalName Service, and only a ClusterIP Service can be headless',
      ...(nonePath ? { rejected: { cause: 'type' as const, path: nonePath, message: `${clusterIP === 'None' ? 'spec.clusterIP' : 'spec.clusterIPs'}: Forbidden: may not be set for ExternalName services` } } : {}) };
  }
  if (nonePath && (type === 'NodePort' || type === 'LoadBalancer')) {
    return { ...base, headless: false, notHeadlessBecause: `it is a ${type} Service, and only a ClusterIP Service can be headless`,
      rejected: { cause: 'type', path: nonePath, message: `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${type} services` } };
  }
  const rejected = rejection(clusterIP, clusterIPs);
  if (rejected) return { ...base, headless: false, rejected, notHeadlessBecause: `the API server rejects it (${rejected.message})` };
  if (type !== 'ClusterIP') return { ...base, headless: false, notHeadlessBecause: `it is a ${type} Service, and only a ClusterIP Service can be headless` };
  if (clusterIP === 'None') return { ...base, headless: true };
  if (clusterIP) return { ...base, headless: false, notHeadlessBecause: `its clusterIP is ${JSON.stringify(clusterIP)}, not "None"` };
  return { ...base, headless: false, notHeadlessBecause: 'it has no clusterIP: None, so Kubernetes gives it a cluster IP' };
}

/** `spec.selector` as labels; undefined when absent or empty (then Kubernetes manages no endpoints). */
export function serviceSelector(value: Record<string, unknown>): Labels | undefined {
  const spec = isObject(value.spec) ? value.spec : {};
  const selector = labelsOf(spec.selector);
  return Object.keys(selector).length ? selector : undefined;
}
