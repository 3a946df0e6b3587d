// A removed apiVersion and the served version that replaces it: the removed-api fix and the schema
// check of a removed object (against its replacement's schema, so that every problem is reported at
// once, not after the apiVersion is fixed) both rest on whether only the apiVersion changed.
import type { SchemaStore } from './store';

/** Kinds whose removed versions differ from the replacement in more than the apiVersion. */
const schemaChanged = new Set(['Ingress', 'CustomResourceDefinition', 'HorizontalPodAutoscaler', 'PodSecurityPolicy']);

/** Workloads that apps/v1 requires a selector for (older versions filled it in from the template labels). */
export const needsSelector: ReadonlySet<string> = new Set(['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet']);

/**
 * The served apiVersion a removed object moves to by changing its apiVersion alone (apps/v1beta1 →
 * apps/v1, storage.k8s.io/v1beta1 → storage.k8s.io/v1), or undefined when the object is served, has no
 * replacement, or the replacement's shape differs (Ingress, CRD, HPA, PSP).
 */
export function sameShapeReplacement(store: SchemaStore, apiVersion: string, kind: string): string | undefined {
  const removed = store.removedApi(apiVersion, kind);
  if (!removed?.replacement || schemaChanged.has(kind)) return undefined;
  return store.kindInfo(removed.replacement, kind) ? removed.replacement : undefined;
}
