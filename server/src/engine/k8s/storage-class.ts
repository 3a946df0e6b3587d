// Which StorageClass names count as existing: those in the workspace, the knownStorageClasses setting
// (CLI --storage-class), and the classes that common Kubernetes distributions create themselves.
import { get, isObject, type Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { claimTemplatesOf } from './statefulset';
import type { EngineSettings } from '../types';

export const betaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/**
 * Classes a distribution creates at install time (its default class, usually), so manifests written
 * for it name them without shipping them: GKE, minikube and kind (`standard`, `standard-rwo`,
 * `premium-rwo`), EKS (`gp2`, `gp3`), AKS (`default`, `managed`, `managed-csi`, `managed-premium`,
 * `azurefile`, `azurefile-csi`), k3s (`local-path`), Docker Desktop (`hostpath`).
 */
export const distributionStorageClasses: readonly string[] = [
  'standard', 'standard-rwo', 'premium-rwo', 'gp2', 'gp3', 'default', 'managed', 'managed-csi', 'managed-premium',
  'azurefile', 'azurefile-csi', 'local-path', 'hostpath',
];

/** Classes that exist for sure: the workspace's (`inWorkspace`) and the configured ones (not the distributions' guesses). */
export function knownStorageClasses(inWorkspace: Iterable<string>, settings: EngineSettings): string[] {
  return [...new Set([...inWorkspace, ...settings.knownStorageClasses])];
}

/** Whether a class counts as existing: in the workspace (`inWorkspace`), configured, or made by a distribution. */
export function storageClassExists(name: string, inWorkspace: boolean, settings: EngineSettings): boolean {
  return inWorkspace || settings.knownStorageClasses.includes(name) || distributionStorageClasses.includes(name);
}

/** The annotation keys Kubernetes reads (storage/util IsDefaultAnnotation): the GA key and the beta key. */
export const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** The annotation that marks a StorageClass as the default (its value exactly "true"), when one does. */
export function defaultClassAnnotation(manifest: Manifest): string | undefined {
  if (!manifest.apiVersion.startsWith('storage.k8s.io/')) return undefined;
  const annotations = get(manifest.value, 'metadata', 'annotations');
  if (!isObject(annotations)) return undefined;
  return defaultClassAnnotations.find((name) => annotations[name] === 'true');
}

export function isDefaultStorageClass(manifest: Manifest): boolean {
  return defaultClassAnnotation(manifest) !== undefined;
}

/** A StorageClass name given by a claim template, with the path of the value that gives it. */
export interface ClassRef {
  name: string;
  path: DataPath;
  /** `volumeClaimTemplates[0] "data"`. */
  claim: string;
  /** The field, as written in messages. */
  field: string;
}

/** The non-empty class names of a StatefulSet's claim templates (storageClassName and the beta annotation). */
export function classRefsOf(sts: Manifest): ClassRef[] {
  const refs: ClassRef[] = [];
  for (const claim of claimTemplatesOf(sts)) {
    const label = `volumeClaimTemplates[${claim.index}]${claim.name ? ` ${JSON.stringify(claim.name)}` : ''}`;
    const annotation = get(claim.template, 'metadata', 'annotations', betaStorageClassAnnotation);
    if (typeof annotation === 'string' && annotation) {
      refs.push({ name: annotation, path: [...claim.path, 'metadata', 'annotations', betaStorageClassAnnotation], claim: label,
        field: `the ${betaStorageClassAnnotation} annotation` });
    }
    const className = get(claim.template, 'spec', 'storageClassName');
    if (typeof className === 'string' && className && className !== annotation) {
      refs.push({ name: className, path: [...claim.path, 'spec', 'storageClassName'], claim: label, field: 'storageClassName' });
    }
  }
  return refs;
}
