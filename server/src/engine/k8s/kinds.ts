// Which built-in Kubernetes kind an object is. A kind name alone is not enough: a `Service` in another
// API group (Knative) or a `Job` of some operator is a custom resource, and no built-in rule applies.

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → ''. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** apiVersions of the built-in StatefulSet, served and removed. */
export const statefulSetApiVersions: readonly string[] = ['apps/v1', 'apps/v1beta2', 'apps/v1beta1'];

/** API groups of the built-in kinds the rules know (legacy groups included: removed-api reports them). */
const kindGroups: Record<string, readonly string[]> = {
  Service: [''], Pod: [''], PodTemplate: [''], ReplicationController: [''], PersistentVolumeClaim: [''], ConfigMap: [''],
  StatefulSet: ['apps'], Deployment: ['apps', 'extensions'], DaemonSet: ['apps', 'extensions'], ReplicaSet: ['apps', 'extensions'],
  Job: ['batch'], CronJob: ['batch'], StorageClass: ['storage.k8s.io'], PodDisruptionBudget: ['policy'],
};

/** The apiVersion the API server serves each known kind in today (what a chart helper such as `common.capabilities.statefulset.apiVersion` prints). */
const servedApiVersions: Record<string, string> = {
  Service: 'v1', Pod: 'v1', PodTemplate: 'v1', ReplicationController: 'v1', PersistentVolumeClaim: 'v1',
  StatefulSet: 'apps/v1', Deployment: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1',
  Job: 'batch/v1', CronJob: 'batch/v1', StorageClass: 'storage.k8s.io/v1', PodDisruptionBudget: 'policy/v1',
};

/** The apiVersion a known built-in kind is served in, or undefined for another kind. */
export function servedApiVersion(kind: string): string | undefined {
  return servedApiVersions[kind];
}

/** Whether an object is the built-in kind of that name (by API group; a StatefulSet by its known apiVersions). */
export function isBuiltin(object: { kind: string; apiVersion: string }, kind: string): boolean {
  if (object.kind !== kind) return false;
  if (kind === 'StatefulSet') return statefulSetApiVersions.includes(object.apiVersion);
  return (kindGroups[kind] ?? []).includes(apiGroup(object.apiVersion));
}
