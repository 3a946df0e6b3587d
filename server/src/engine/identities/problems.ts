// What breaks or changes a StatefulSet's identities: no serviceName (no DNS names), a governing Service
// that is missing, not headless or selects no pod, names over the limits (k8s-rules.md section 7), and
// fields the configured Kubernetes version ignores. Shown in the preview, never hidden.
import type { IdentityProblem, SourceRef, StatefulSetIdentities } from './compute';
import { minorAtLeast } from './orders';
import { selectsTemplate } from './governing-service';
import { get, type Manifest } from '../model/workspace-model';
import { dnsLabelProblem, isDnsSubdomain } from '../k8s/names';
import { quote } from '../text';

export interface ProblemInput {
  rawReplicas: number | undefined | null;
  rawStart: number | undefined | null;
  ordinalsSupported: boolean;
  /** The configured Kubernetes version (`1.36`). */
  version: string;
  /** The span of a field of the StatefulSet (its nearest existing parent when absent). */
  at(path: (string | number)[]): SourceRef;
}

/** The longest a pod name (its hostname, and the `statefulset.kubernetes.io/pod-name` label) may be. */
const maxLabel = 63;
/** `<name>-<hash>` must fit a label value; the hash has up to 10 characters (k8s-rules.md section 7). */
const maxSafeSetName = 52;
const maxDnsName = 253;

export function identityProblems(set: StatefulSetIdentities, manifest: Manifest, input: ProblemInput): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  const add = (severity: IdentityProblem['severity'], code: string, message: string, location?: SourceRef, related?: SourceRef): void => {
    problems.push({ code, severity, message, ...(location ? { location } : {}), ...(related ? { related } : {}) });
  };
  const spec = manifest.value.spec;
  const { at } = input;

  if (!set.name) {
    const generated = typeof get(manifest.value, 'metadata', 'generateName') === 'string';
    add('error', 'no-name', generated
      ? 'metadata.generateName gives the StatefulSet a random name, so its pod names are known only after it is created. Set metadata.name to get stable pod names.'
      : 'metadata.name is missing, so the pods have no names. Set metadata.name.', set.location);
  }

  if (input.rawReplicas === null || (typeof input.rawReplicas === 'number' && input.rawReplicas < 0)) {
    add('error', 'invalid-replicas', `spec.replicas ${quote(get(spec, 'replicas'))} is not a whole number of 0 or more, so the API server rejects it; the preview assumes 1, the default.`, at(['spec', 'replicas']));
  } else if (set.replicas === 0) {
    add('info', 'no-pods', 'spec.replicas is 0: the StatefulSet has no pods.', at(['spec', 'replicas']));
  }

  const ordinals = get(spec, 'ordinals');
  if (ordinals !== undefined && !input.ordinalsSupported) {
    add('info', 'ordinals-ignored', 'spec.ordinals needs Kubernetes 1.27 or later (feature StatefulSetStartOrdinal); older API servers drop it and number the pods from 0.', at(['spec', 'ordinals']));
  } else if (input.rawStart === null || (typeof input.rawStart === 'number' && input.rawStart < 0)) {
    add('error', 'invalid-ordinals-start', `spec.ordinals.start ${quote(get(spec, 'ordinals', 'start'))} is not a whole number of 0 or more, so the API server rejects it; the preview numbers the pods from 0.`, at(['spec', 'ordinals', 'start']));
  }

  serviceProblems(set, manifest, input, add);
  nameProblems(set, manifest, input, add);

  if (get(spec, 'updateStrategy', 'rollingUpdate', 'maxUnavailable') !== undefined && !minorAtLeast(input.version, 35)) {
    add('info', 'max-unavailable-ignored', 'spec.updateStrategy.rollingUpdate.maxUnavailable is honoured before Kubernetes 1.35 only with the MaxUnavailableStatefulSet feature gate (off by default): pods are replaced one at a time.', at(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable']));
  }
  if (get(spec, 'persistentVolumeClaimRetentionPolicy') !== undefined && !minorAtLeast(input.version, 27)) {
    add('info', 'retention-ignored', 'spec.persistentVolumeClaimRetentionPolicy needs Kubernetes 1.27 or later (feature StatefulSetAutoDeletePVC); older API servers keep every PVC.', at(['spec', 'persistentVolumeClaimRetentionPolicy']));
  }
  return problems;
}

type Add = (severity: IdentityProblem['severity'], code: string, message: string, location?: SourceRef, related?: SourceRef) => void;

function serviceProblems(set: StatefulSetIdentities, manifest: Manifest, input: ProblemInput, add: Add): void {
  const { at } = input;
  if (!set.serviceName) {
    add('warning', 'no-service-name',
      'spec.serviceName is not set: the pods get no subdomain, so they have no DNS names and no SRV records (each pod still knows its own hostname). Set spec.serviceName to the name of a headless Service.',
      at(['spec', 'serviceName']));
    return;
  }
  const serviceAt = at(['spec', 'serviceName']);
  const labelProblem = dnsLabelProblem(set.serviceName);
  if (labelProblem) {
    add('error', 'invalid-service-name',
      `spec.serviceName ${quote(set.serviceName)} ${labelProblem}: it becomes each pod's spec.subdomain, so the pods cannot be created (from 1.33 the API server rejects the StatefulSet).`,
      serviceAt);
    return;
  }
  const service = set.service;
  if (!service) return;
  if (!service.found) {
    const elsewhere = service.otherNamespaces.length > 0
      ? ` A Service of that name exists in namespace ${service.otherNamespaces.map((name) => quote(name)).join(', ')}, but the Service must be in the StatefulSet's namespace.`
      : '';
    add('warning', 'service-missing',
      `Service ${quote(service.name)} is not in namespace ${quote(set.namespace)} in the workspace: the pod DNS names resolve only once a headless Service of that name exists there.${elsewhere}`,
      serviceAt);
    return;
  }
  if (!service.headless) {
    add('error', 'service-not-headless',
      `Service ${quote(service.name)} is not headless (${service.notHeadlessBecause}): no per-pod DNS records are created, so the pod DNS names will not resolve. Set clusterIP: None; clusterIP cannot be changed on an existing Service, so delete and recreate it.`,
      serviceAt, service.location);
    return;
  }
  if (!service.selector) {
    add('warning', 'service-no-selector',
      `Service ${quote(service.name)} has no selector: Kubernetes manages no endpoints for it, so no pod gets a DNS record unless you manage the EndpointSlices yourself.`,
      serviceAt, service.location);
  } else if (!selectsTemplate(service.selector, manifest)) {
    const text = Object.entries(service.selector).map(([key, value]) => `${key}=${value}`).join(',');
    add('warning', 'service-selects-no-pods',
      `Service ${quote(service.name)} selects ${text}, which the pod template's labels do not match: pods that the headless Service does not select get no DNS records.`,
      serviceAt, service.location);
  }
}

function nameProblems(set: StatefulSetIdentities, manifest: Manifest, input: ProblemInput, add: Add): void {
  const { at } = input;
  const nameAt = set.location;
  if (set.name) {
    const invalid = dnsLabelProblem(set.name);
    if (invalid) {
      add('error', 'invalid-name', `metadata.name ${quote(set.name)} ${invalid}: a StatefulSet name must be a DNS label, because each pod's hostname is built from it.`, nameAt);
    } else if (set.lastPod && set.lastPod.length > maxLabel) {
      add('error', 'name-too-long',
        `Pod name ${quote(set.lastPod)} has ${set.lastPod.length} characters: it is also the pod's hostname, which must be at most ${maxLabel}. Shorten metadata.name (or use fewer replicas).`,
        nameAt);
    } else if (set.name.length > maxSafeSetName) {
      add('warning', 'name-over-52',
        `metadata.name has ${set.name.length} characters: the controller labels each pod controller-revision-hash: ${set.name}-<hash of up to 10 characters>, which exceeds 63, so pods fail to be created (kubernetes/kubernetes#64023). Keep the name at ${maxSafeSetName} characters or fewer.`,
        nameAt);
    }
  }
  const lastFqdn = set.lastPod && set.serviceDomain ? `${set.lastPod}.${set.serviceDomain}` : undefined;
  if (lastFqdn && lastFqdn.length > maxDnsName) {
    add('error', 'dns-name-too-long', `The pod DNS name ${quote(lastFqdn)} has ${lastFqdn.length} characters; a DNS name has at most ${maxDnsName}. Shorten the names.`, nameAt);
  }
  const templates = get(manifest.value, 'spec', 'volumeClaimTemplates');
  (Array.isArray(templates) ? templates : []).forEach((entry: unknown, index) => {
    const template = get(entry, 'metadata', 'name');
    if (typeof template !== 'string' || !template) return;
    const templateAt = at(['spec', 'volumeClaimTemplates', index, 'metadata', 'name']);
    const invalid = dnsLabelProblem(template);
    if (invalid) {
      add('error', 'invalid-claim-name', `Claim template name ${quote(template)} ${invalid}: it is also the pod's volume name, which must be a DNS label.`, templateAt);
      return;
    }
    const last = set.lastPod ? `${template}-${set.lastPod}` : undefined;
    if (last && !isDnsSubdomain(last)) {
      add('error', 'pvc-name-too-long', `PVC name ${quote(last)} has ${last.length} characters; a PVC name has at most ${maxDnsName}. Shorten the claim template name or metadata.name.`, templateAt);
    }
  });
}
