// Kustomize's built-in field specs (kustomize/api/internal/konfig/builtinpluginconsts, v5.5.0 and
// v5.7.1): where labels, annotations, name references, replicas and images are written, per kind.
import type { Gvk } from './resource';

export interface FieldSpec extends Partial<Gvk> {
  /** `/`-separated, `[]` marks a list; `\/` is a literal slash (annotation keys). */
  path: string;
  create?: boolean;
}

const spec = (path: string, kind?: string, group?: string, create?: boolean, version?: string): FieldSpec =>
  ({ path, ...(kind ? { kind } : {}), ...(group ? { group } : {}), ...(version ? { version } : {}), ...(create ? { create } : {}) });

const affinityPaths = [
  'podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
];
const podSelectorsOf = (kind: string): FieldSpec[] => [
  ...affinityPaths.map((path) => spec(`spec/template/spec/affinity/${path}`, kind, 'apps')),
  spec('spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels', kind, 'apps'),
];

/** `metadataLabelsFieldSpecs`: where every label goes; also `templateLabels` (labels with includeTemplates). */
export const metadataLabelSpecs: FieldSpec[] = [
  spec('metadata/labels', undefined, undefined, true),
  spec('spec/template/metadata/labels', 'ReplicationController', undefined, true, 'v1'),
  spec('spec/template/metadata/labels', 'Deployment', undefined, true),
  spec('spec/template/metadata/labels', 'ReplicaSet', undefined, true),
  spec('spec/template/metadata/labels', 'DaemonSet', undefined, true),
  spec('spec/template/metadata/labels', 'StatefulSet', 'apps', true),
  spec('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', 'apps', true),
  spec('spec/template/metadata/labels', 'Job', 'batch', true),
  spec('spec/jobTemplate/metadata/labels', 'CronJob', 'batch', true),
  spec('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', 'batch', true),
];

/** `commonLabelFieldSpecs`: commonLabels and labels with includeSelectors (selectors included). */
export const commonLabelSpecs: FieldSpec[] = [
  spec('spec/selector', 'Service', undefined, true, 'v1'),
  spec('spec/selector', 'ReplicationController', undefined, true, 'v1'),
  spec('spec/selector/matchLabels', 'Deployment', undefined, true),
  ...podSelectorsOf('Deployment'),
  spec('spec/selector/matchLabels', 'ReplicaSet', undefined, true),
  spec('spec/selector/matchLabels', 'DaemonSet', undefined, true),
  spec('spec/selector/matchLabels', 'StatefulSet', 'apps', true),
  ...podSelectorsOf('StatefulSet'),
  spec('spec/selector/matchLabels', 'Job', 'batch'),
  spec('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', 'batch'),
  spec('spec/selector/matchLabels', 'PodDisruptionBudget', 'policy'),
  spec('spec/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  spec('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  spec('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', 'networking.k8s.io'),
  ...metadataLabelSpecs,
];

export const annotationSpecs: FieldSpec[] = [
  spec('metadata/annotations', undefined, undefined, true),
  spec('spec/template/metadata/annotations', 'ReplicationController', undefined, true, 'v1'),
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].map((kind) => spec('spec/template/metadata/annotations', kind, undefined, true)),
  spec('spec/template/metadata/annotations', 'Job', 'batch', true),
  spec('spec/jobTemplate/metadata/annotations', 'CronJob', 'batch', true),
  spec('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', 'batch', true),
];

export const replicaSpecs: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => spec('spec/replicas', kind, undefined, true));

/** Image fields; Kustomize 5.7 added image volumes (`volumes[].image.reference`). */
export function imageSpecs(imageVolumes: boolean): FieldSpec[] {
  const paths = ['spec/containers[]/image', 'spec/initContainers[]/image', ...(imageVolumes ? ['spec/volumes[]/image/reference'] : [])];
  return [...paths, ...paths.map((path) => `spec/template/${path}`)].map((path) => spec(path, undefined, undefined, true));
}

/** Namespace field specs besides metadata/namespace (which is set on namespaced kinds only). */
export const namespaceSpecs: FieldSpec[] = [
  spec('metadata/name', 'Namespace', undefined, true),
  spec('spec/service/namespace', 'APIService', 'apiregistration.k8s.io', true),
  spec('spec/conversion/webhook/clientConfig/service/namespace', 'CustomResourceDefinition', 'apiextensions.k8s.io'),
];

export interface NameBackReference extends Partial<Gvk> { kind: string; referrers: FieldSpec[] }

const workloadPrefixes: [string, string, string?][] = [
  ['Pod', 'spec/', 'v1'], ['PodTemplate', 'template/spec/'], ['Deployment', 'spec/template/spec/'], ['ReplicaSet', 'spec/template/spec/'],
  ['DaemonSet', 'spec/template/spec/'], ['StatefulSet', 'spec/template/spec/'], ['Job', 'spec/template/spec/'], ['CronJob', 'spec/jobTemplate/spec/template/spec/'],
];
const podReferrers = (suffixes: string[]): FieldSpec[] =>
  workloadPrefixes.flatMap(([kind, prefix, version]) => suffixes.map((suffix) => spec(`${prefix}${suffix}`, kind, undefined, false, version)));
const configMapPaths = ['volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name'];
const secretPaths = ['volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name'];
const ownedBy = (path: string, kinds: string[], group?: string): FieldSpec[] => kinds.map((kind) => spec(path, kind, group));
const podSpecKinds = ['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'];
const podField = (field: string): FieldSpec[] => [spec(`spec/${field}`, 'Pod'), ...ownedBy(`spec/template/spec/${field}`, podSpecKinds), spec(`spec/jobTemplate/spec/template/spec/${field}`, 'CronJob')];
const rbac = 'rbac.authorization.k8s.io';

/** `nameReferenceFieldSpecs`: for each referenced kind, the fields of other objects that name it. */
export const nameReferences: NameBackReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, referrers: [spec('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')] })),
  { kind: 'ConfigMap', version: 'v1', referrers: [...podReferrers(configMapPaths), spec('spec/configSource/configMap', 'Node'),
    ...ownedBy('rules/resourceNames', ['Role', 'ClusterRole']), spec('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress')] },
  { kind: 'Secret', version: 'v1', referrers: [...podReferrers(secretPaths), spec('spec/tls/secretName', 'Ingress'),
    ...['ingress.kubernetes.io\\/auth-secret', 'nginx.ingress.kubernetes.io\\/auth-secret', 'nginx.ingress.kubernetes.io\\/auth-tls-secret'].map((key) => spec(`metadata/annotations/${key}`, 'Ingress')),
    spec('imagePullSecrets/name', 'ServiceAccount'), ...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((key) => spec(`parameters/${key}`, 'StorageClass')),
    ...ownedBy('rules/resourceNames', ['Role', 'ClusterRole']), spec('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', 'Service', 'serving.knative.dev', false, 'v1'),
    spec('spec/azureFile/secretName', 'PersistentVolume')] },
  { kind: 'Service', version: 'v1', referrers: [spec('spec/serviceName', 'StatefulSet', 'apps'),
    ...['spec/rules/http/paths/backend/serviceName', 'spec/backend/serviceName', 'spec/rules/http/paths/backend/service/name', 'spec/defaultBackend/service/name'].map((path) => spec(path, 'Ingress')),
    spec('spec/service/name', 'APIService', 'apiregistration.k8s.io'),
    ...ownedBy('webhooks/clientConfig/service', ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'], 'admissionregistration.k8s.io')] },
  { kind: 'Role', group: rbac, referrers: [spec('roleRef/name', 'RoleBinding', rbac)] },
  { kind: 'ClusterRole', group: rbac, referrers: ownedBy('roleRef/name', ['RoleBinding', 'ClusterRoleBinding'], rbac) },
  { kind: 'ServiceAccount', version: 'v1', referrers: [...ownedBy('subjects', ['RoleBinding', 'ClusterRoleBinding'], rbac), ...podField('serviceAccountName')] },
  { kind: 'PersistentVolumeClaim', version: 'v1', referrers: podField('volumes/persistentVolumeClaim/claimName') },
  { kind: 'PersistentVolume', version: 'v1', referrers: [spec('spec/volumeName', 'PersistentVolumeClaim'), spec('rules/resourceNames', 'ClusterRole')] },
  { kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io', referrers: [spec('spec/storageClassName', 'PersistentVolume'),
    spec('spec/storageClassName', 'PersistentVolumeClaim'), spec('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet')] },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', referrers: podField('priorityClassName') },
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', referrers: [spec('spec/ingressClassName', 'Ingress')] },
  { kind: 'ValidatingAdmissionPolicy', group: 'admissionregistration.k8s.io', referrers: [spec('spec/policyName', 'ValidatingAdmissionPolicyBinding', 'admissionregistration.k8s.io')] },
];

const splitPaths = new Map<string, string[]>();

/** A field spec path split on `/` (`\/` stays a slash inside a step). */
export function splitFieldPath(path: string): string[] {
  let steps = splitPaths.get(path);
  if (!steps) {
    steps = path.split(/(?<!\\)\//).map((step) => step.replace(/\\\//g, '/'));
    if (splitPaths.size < 10_000) splitPaths.set(path, steps);
  }
  return steps;
}
