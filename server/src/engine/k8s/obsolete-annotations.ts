// Annotations that once configured Kubernetes and that it no longer reads (or never read: a field
// written as an annotation), where each one sits, and who reads what when both an annotation and its
// field are set. The releases come from the Kubernetes source and changelogs (docs/rules/manifest/obsolete-annotation.md).
import { get, isObject, type JsonObject, type Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { isBuiltin } from './kinds';
import { claimTemplatesOf, isStatefulSet } from './statefulset';
import { versionAtLeast } from './version';
import { podTemplateOf } from './workload';

/** Pod affinity as JSON; the scheduler reads only `spec.affinity` (annotations gated in 1.6–1.7, removed in 1.8). */
export const affinityAnnotation = 'scheduler.alpha.kubernetes.io/affinity';
/** Init containers as JSON; ignored since 1.8, and the API server drops them from pods and pod templates. */
export const initContainersAnnotations: readonly string[] = ['pod.alpha.kubernetes.io/init-containers', 'pod.beta.kubernetes.io/init-containers'];

/**
 * Whether the API server stores the annotation in a pod template as written: it drops the init-containers
 * annotations when it converts a pod or pod template (DropInitContainerAnnotations, kubernetes#59880), so
 * adding or removing them changes nothing stored and starts no rollout.
 */
export function storedInPodTemplate(key: string): boolean {
  return !initContainersAnnotations.includes(key);
}
/** Read by the Endpoints controller until 1.23 (removed in 1.24); the EndpointSlice controller never read it. */
export const tolerateUnreadyAnnotation = 'service.alpha.kubernetes.io/tolerate-unready-endpoints';
/** A Service field written as an annotation: nothing reads it. */
export const publishNotReadyAnnotation = 'publishNotReadyAddresses';
/** Alpha dynamic provisioning, removed in 1.6: the annotation has had no meaning since (its value never chose a class). */
export const alphaStorageClassAnnotation = 'volume.alpha.kubernetes.io/storage-class';
/** Still read, and read before `spec.storageClassName` (GetPersistentVolumeClaimClass); deprecated. */
export const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** The first release whose kube-proxy reads EndpointSlices by default on Linux (kubernetes#92736), not Endpoints. */
export const endpointSliceProxyingFrom = '1.19';
/** The first release whose Endpoints controller no longer reads tolerate-unready-endpoints (kubernetes#108020). */
export const tolerateUnreadyRemovedIn = '1.24';

/**
 * Who reads tolerate-unready-endpoints in the target release: `read` before 1.19 (the Endpoints controller
 * reads it, and kube-proxy and cluster DNS read Endpoints), `endpoints-only` in 1.19–1.23 (the Endpoints
 * controller still reads it, and lets it win over spec.publishNotReadyAddresses, but the EndpointSlice
 * controller never did, and kube-proxy reads EndpointSlices), `ignored` from 1.24.
 */
export type TolerateUnreadyReading = 'read' | 'endpoints-only' | 'ignored';

export function tolerateUnreadyReading(kubernetesVersion: string): TolerateUnreadyReading {
  if (versionAtLeast(kubernetesVersion, tolerateUnreadyRemovedIn)) return 'ignored';
  return versionAtLeast(kubernetesVersion, endpointSliceProxyingFrom) ? 'endpoints-only' : 'read';
}

/** The API server's warning on a claim with the beta annotation (pkg/api/persistentvolumeclaim, GetWarningsForPersistentVolumeClaim). */
export const betaStorageClassWarning =
  `metadata.annotations[${betaStorageClassAnnotation}]: deprecated since v1.8; use "storageClassName" attribute instead`;

/** An annotation value as Go's strconv.ParseBool reads it (the Endpoints controller did): undefined when it is not a boolean. */
export function parseAnnotationBool(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** Where the annotations of a built-in object sit, for the annotations that mattered there. */
export type AnnotationSite = 'pod' | 'service' | 'claim';

export interface AnnotationsAt {
  site: AnnotationSite;
  /** Path of the `annotations` mapping. */
  path: DataPath;
  annotations: JsonObject;
  /** Path of the spec that holds the replacing fields: the pod spec, the Service spec, the claim spec. */
  specPath: DataPath;
  spec: JsonObject | undefined;
  /** Whose annotations these are, for messages: `StatefulSet "db"'s pod template`, `claim template "data"`. */
  owner: string;
  /** A StatefulSet's claim template: immutable once the set exists. */
  inClaimTemplate: boolean;
  /** A workload's pod template (not a Pod): a change to it replaces the running pods. */
  inPodTemplate: boolean;
}

type Template = 'claim template' | 'pod template' | undefined;

/** `owner` is worked out only for an object that has annotations there (most have none). */
function annotationsAt(value: unknown, site: AnnotationSite, metadataPath: DataPath, specPath: DataPath, owner: () => string, template?: Template): AnnotationsAt | undefined {
  const annotations = get(value, ...metadataPath, 'annotations');
  if (!isObject(annotations)) return undefined;
  const spec = get(value, ...specPath);
  return {
    site, path: [...metadataPath, 'annotations'], annotations, specPath, spec: isObject(spec) ? spec : undefined, owner: owner(),
    inClaimTemplate: template === 'claim template', inPodTemplate: template === 'pod template',
  };
}

/**
 * The annotation mappings of an object where an obsolete annotation once had a meaning: a workload's
 * pod template (a Pod's own metadata), a Service's metadata, a claim's metadata and each claim template
 * of a StatefulSet. Objects that are not built-in kinds have none.
 */
export function annotationSitesOf(manifest: Manifest): AnnotationsAt[] {
  const name = (): string => JSON.stringify(manifest.name);
  const found: (AnnotationsAt | undefined)[] = [];
  // Most objects have no annotations where they mattered: paths and owners are made only where some are.
  const annotated = (holder: unknown): boolean => isObject(get(holder, 'metadata', 'annotations'));
  const template = podTemplateOf(manifest);
  if (template && annotated(template.template)) {
    const isPod = manifest.kind === 'Pod';
    const owner = (): string => isPod ? `Pod ${name()}` : `${manifest.kind} ${name()}'s pod template`;
    found.push(annotationsAt(manifest.value, 'pod', [...template.path, 'metadata'], [...template.path, 'spec'], owner, isPod ? undefined : 'pod template'));
  }
  const ownAnnotations = annotated(manifest.value);
  if (ownAnnotations && isBuiltin(manifest, 'Service')) found.push(annotationsAt(manifest.value, 'service', ['metadata'], ['spec'], () => `Service ${name()}`));
  if (ownAnnotations && isBuiltin(manifest, 'PersistentVolumeClaim')) {
    found.push(annotationsAt(manifest.value, 'claim', ['metadata'], ['spec'], () => `PersistentVolumeClaim ${name()}`));
  }
  if (isStatefulSet(manifest)) {
    for (const claim of claimTemplatesOf(manifest)) {
      if (!annotated(claim.template)) continue;
      const owner = (): string => claim.name ? `claim template ${JSON.stringify(claim.name)}` : `volumeClaimTemplates[${claim.index}]`;
      found.push(annotationsAt(manifest.value, 'claim', [...claim.path, 'metadata'], [...claim.path, 'spec'], owner, 'claim template'));
    }
  }
  return found.filter((site): site is AnnotationsAt => site !== undefined);
}
