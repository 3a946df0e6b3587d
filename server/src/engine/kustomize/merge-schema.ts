// The part of the Kubernetes OpenAPI schema that strategic merge needs: which lists merge by key.
// Kustomize merges with the schema of Kubernetes 1.21.2 compiled into kyaml; a list merges when its
// field has `x-kubernetes-patch-strategy: merge`, by `x-kubernetes-list-map-keys` or else
// `x-kubernetes-patch-merge-key` (none: a list of scalars merged as a set). Any other list, or any
// field the schema does not know (custom resources), is replaced whole by a patch.

export interface MergeSchema {
  fields?: Record<string, MergeSchema>;
  /** Set on lists that merge: their keys (empty for lists of scalars). */
  mergeKeys?: string[];
  items?: MergeSchema;
}

const objectMeta: MergeSchema = { fields: { finalizers: { mergeKeys: [] }, ownerReferences: { mergeKeys: ['uid'] } } };
const container: MergeSchema = {
  fields: {
    env: { mergeKeys: ['name'] },
    ports: { mergeKeys: ['containerPort', 'protocol'] },
    volumeMounts: { mergeKeys: ['mountPath'] },
    volumeDevices: { mergeKeys: ['devicePath'] },
  },
};
const podSpec: MergeSchema = {
  fields: {
    containers: { mergeKeys: ['name'], items: container },
    initContainers: { mergeKeys: ['name'], items: container },
    ephemeralContainers: { mergeKeys: ['name'], items: container },
    volumes: { mergeKeys: ['name'] },
    imagePullSecrets: { mergeKeys: ['name'] },
    hostAliases: { mergeKeys: ['ip'] },
    topologySpreadConstraints: { mergeKeys: ['topologyKey', 'whenUnsatisfiable'] },
  },
};
const podTemplateSpec: MergeSchema = { fields: { metadata: objectMeta, spec: podSpec } };
const withTemplate: MergeSchema = { fields: { metadata: objectMeta, spec: { fields: { template: podTemplateSpec } } } };
const plain: MergeSchema = { fields: { metadata: objectMeta } };

const schemas: Record<string, MergeSchema> = {
  'apps/v1 StatefulSet': withTemplate,
  'apps/v1 Deployment': withTemplate,
  'apps/v1 DaemonSet': withTemplate,
  'apps/v1 ReplicaSet': withTemplate,
  'v1 ReplicationController': withTemplate,
  'batch/v1 Job': withTemplate,
  'batch/v1 CronJob': { fields: { metadata: objectMeta, spec: { fields: { jobTemplate: { fields: { metadata: objectMeta, spec: { fields: { template: podTemplateSpec } } } } } } } },
  'batch/v1beta1 CronJob': { fields: { metadata: objectMeta, spec: { fields: { jobTemplate: { fields: { metadata: objectMeta, spec: { fields: { template: podTemplateSpec } } } } } } } },
  'v1 Pod': { fields: { metadata: objectMeta, spec: podSpec } },
  'v1 PodTemplate': { fields: { metadata: objectMeta, template: podTemplateSpec } },
  'v1 Service': { fields: { metadata: objectMeta, spec: { fields: { ports: { mergeKeys: ['port', 'protocol'] } } } } },
};

/** Built-in types of Kubernetes 1.21 whose only merging lists are in their metadata. */
const metadataOnly = [
  'v1 ConfigMap', 'v1 Secret', 'v1 ServiceAccount', 'v1 PersistentVolumeClaim', 'v1 PersistentVolume', 'v1 Namespace', 'v1 LimitRange',
  'v1 ResourceQuota', 'v1 Endpoints', 'storage.k8s.io/v1 StorageClass', 'policy/v1 PodDisruptionBudget', 'policy/v1beta1 PodDisruptionBudget',
  'scheduling.k8s.io/v1 PriorityClass', 'networking.k8s.io/v1 NetworkPolicy', 'networking.k8s.io/v1 Ingress', 'autoscaling/v1 HorizontalPodAutoscaler',
  'autoscaling/v2beta2 HorizontalPodAutoscaler', 'rbac.authorization.k8s.io/v1 Role', 'rbac.authorization.k8s.io/v1 ClusterRole',
  'rbac.authorization.k8s.io/v1 RoleBinding', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
];

/** The merge schema of a type, undefined for types kyaml's schema does not know (their lists are replaced). */
export function mergeSchemaFor(apiVersion: string, kind: string): MergeSchema | undefined {
  const key = `${apiVersion} ${kind}`;
  return schemas[key] ?? (metadataOnly.includes(key) ? plain : undefined);
}

/** The schema of a field (undefined: no list below it merges). */
export function fieldSchema(schema: MergeSchema | undefined, key: string): MergeSchema | undefined {
  return schema?.fields?.[key];
}
