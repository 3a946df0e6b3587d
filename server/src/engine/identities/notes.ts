// What the preview explains next to the names it shows: how it computed them when a field cannot be
// used as written, and what the target Kubernetes version ignores. These are not judgments: problems
// (a missing Service, a name too long, ...) come from the rules' findings (problems.ts), so that
// rule settings and suppression comments apply to the preview too.
import type { IdentityNote, SourceRef, StatefulSetIdentities } from '../../protocol/identities';
import { get, type Manifest } from '../model/manifest';
import { versionAtLeast } from '../k8s/version';
import { quote } from '../text';

export interface NoteInput {
  rawReplicas: number | undefined | null;
  rawStart: number | undefined | null;
  ordinalsSupported: boolean;
  /** The configured Kubernetes version (`1.36`). */
  version: string;
  /** The span of a field of the StatefulSet (its nearest existing parent when absent). */
  at(path: (string | number)[]): SourceRef;
}

const maxDnsName = 253;

export function identityNotes(set: StatefulSetIdentities, manifest: Manifest, input: NoteInput): IdentityNote[] {
  const notes: IdentityNote[] = [];
  const add = (code: string, message: string, location?: SourceRef): void => {
    notes.push({ code, message, ...(location ? { location } : {}) });
  };
  const spec = manifest.value.spec;
  const { at } = input;

  if (!set.name) {
    const generated = typeof get(manifest.value, 'metadata', 'generateName') === 'string';
    add('no-name', generated
      ? 'metadata.generateName gives the StatefulSet a random name, so its pod names are known only after it is created. Set metadata.name to get stable pod names.'
      : 'metadata.name is missing, so the pods have no names. Set metadata.name.', set.location);
  }
  if (input.rawReplicas === null || (typeof input.rawReplicas === 'number' && input.rawReplicas < 0)) {
    add('replicas-assumed', `spec.replicas ${quote(get(spec, 'replicas'))} is not a whole number of 0 or more; the preview assumes 1, the default.`, at(['spec', 'replicas']));
  } else if (set.replicas === 0) {
    add('no-pods', 'spec.replicas is 0: the StatefulSet has no pods.', at(['spec', 'replicas']));
  }
  if (get(spec, 'ordinals') !== undefined && !input.ordinalsSupported) {
    add('ordinals-ignored', 'spec.ordinals needs Kubernetes 1.27 or later (feature StatefulSetStartOrdinal); older API servers drop it and number the pods from 0.', at(['spec', 'ordinals']));
  } else if (input.rawStart === null || (typeof input.rawStart === 'number' && input.rawStart < 0)) {
    add('ordinals-start-assumed', `spec.ordinals.start ${quote(get(spec, 'ordinals', 'start'))} is not a whole number of 0 or more; the preview numbers the pods from 0.`, at(['spec', 'ordinals', 'start']));
  }
  if (set.service?.found && !set.service.selector) {
    add('service-no-selector', `Service ${quote(set.service.name)} has no selector: Kubernetes manages no endpoints for it, so pods get DNS records only from EndpointSlices you manage yourself.`,
      set.service.location);
  }
  const lastFqdn = set.lastPod && set.serviceDomain ? `${set.lastPod}.${set.serviceDomain}` : undefined;
  if (lastFqdn && lastFqdn.length > maxDnsName) {
    add('dns-name-too-long', `The pod DNS name ${quote(lastFqdn)} has ${lastFqdn.length} characters; a DNS name has at most ${maxDnsName}, so it cannot resolve. Shorten the names or the cluster domain.`, set.location);
  }
  if (get(spec, 'updateStrategy', 'rollingUpdate', 'maxUnavailable') !== undefined && !versionAtLeast(input.version, '1.35')) {
    add('max-unavailable-ignored', 'spec.updateStrategy.rollingUpdate.maxUnavailable is honoured before Kubernetes 1.35 only with the MaxUnavailableStatefulSet feature gate (off by default): pods are replaced one at a time.', at(['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable']));
  }
  if (get(spec, 'persistentVolumeClaimRetentionPolicy') !== undefined && !versionAtLeast(input.version, '1.27')) {
    add('retention-ignored', 'spec.persistentVolumeClaimRetentionPolicy needs Kubernetes 1.27 or later (feature StatefulSetAutoDeletePVC); older API servers keep every PVC.', at(['spec', 'persistentVolumeClaimRetentionPolicy']));
  }
  return notes;
}
