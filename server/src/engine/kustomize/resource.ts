// A resource inside a Kustomize build: its object (a tree with provenance) and the bookkeeping
// Kustomize keeps beside it (kustomize/api/resource): previous ids (names and namespaces before each
// rename, which nameReference, patches and replicas match), the name prefixes and suffixes applied,
// and the generator options (behavior, hash suffix).
import type { Origin } from '../model/provenance';
import type { TMap } from './tree';

export interface Gvk { group: string; version: string; kind: string }

/** A resource id as Kustomize's resid.ResId: group/version/kind, name and namespace (as written). */
export interface ResId extends Gvk { name: string; namespace: string }

export interface Resource {
  node: TMap;
  /** Where the object as a whole comes from (its document, or a generator entry). */
  origin: Origin;
  /** Ids the resource had before each rename, oldest first (Kustomize's PrevIds). */
  prevIds: ResId[];
  prefixes: string[];
  suffixes: string[];
  /** Generated resources: how they combine with an existing one of the same id. */
  behavior?: 'create' | 'merge' | 'replace';
  /** Generated resources whose name gets Kustomize's content hash at the end of the build. */
  needsHash: boolean;
}

/** Cluster-scoped kinds, by apiVersion (kyaml/openapi precomputedIsNamespaceScoped: the ones Kustomize knows). */
const clusterScoped: Record<string, string[]> = {
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io/v1': ['IngressClass'],
  'networking.k8s.io/v1beta1': ['IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1beta1': ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  v1: ['ComponentStatus', 'Namespace', 'Node', 'NodeProxyOptions', 'PersistentVolume'],
};

export function apiVersionOf(gvk: Gvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** Whether Kustomize treats objects of this type as cluster-scoped (no namespace set, no namespace match). */
export function isClusterScoped(gvk: Gvk): boolean {
  return clusterScoped[apiVersionOf(gvk)]?.includes(gvk.kind) ?? false;
}

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const cut = apiVersion.indexOf('/');
  return cut >= 0 ? { group: apiVersion.slice(0, cut), version: apiVersion.slice(cut + 1) } : { group: '', version: apiVersion };
}

function text(map: TMap | undefined, key: string): string {
  const node = map?.fields.get(key);
  return node && node.t === 'scalar' && node.value !== null ? String(node.value) : '';
}

function metadataOf(resource: Resource): TMap | undefined {
  const metadata = resource.node.fields.get('metadata');
  return metadata?.t === 'map' ? metadata : undefined;
}

export function gvkOf(resource: Resource): Gvk {
  const apiVersion = text(resource.node, 'apiVersion');
  const cut = apiVersion.indexOf('/');
  return { group: cut >= 0 ? apiVersion.slice(0, cut) : '', version: cut >= 0 ? apiVersion.slice(cut + 1) : apiVersion, kind: text(resource.node, 'kind') };
}

export function nameOf(resource: Resource): string {
  return text(metadataOf(resource), 'name');
}

export function namespaceOf(resource: Resource): string {
  return text(metadataOf(resource), 'namespace');
}

export function currentId(resource: Resource): ResId {
  const metadata = metadataOf(resource);
  return { ...gvkOf(resource), name: text(metadata, 'name'), namespace: text(metadata, 'namespace') };
}

/** The first id the resource had (Kustomize's OrgId). */
export function originalId(resource: Resource): ResId {
  return resource.prevIds[0] ?? currentId(resource);
}

/** `default` for namespaced ids without a namespace, `~X` for cluster-scoped ones (resid.EffectiveNamespace). */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return '~X';
  return id.namespace === '' || id.namespace === 'default' ? 'default' : id.namespace;
}

export function sameId(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** Whether `gvk` is selected by a selector whose empty fields match anything (resid.Gvk.IsSelected). */
export function gvkSelected(gvk: Gvk, selector: Partial<Gvk>): boolean {
  return (!selector.group || selector.group === gvk.group) && (!selector.version || selector.version === gvk.version) && (!selector.kind || selector.kind === gvk.kind);
}

/** Records the current id before a rename (Kustomize's StorePreviousId: the effective namespace is kept). */
export function storePreviousId(resource: Resource): void {
  const id = currentId(resource);
  resource.prevIds.push({ ...id, namespace: effectiveNamespace(id) === '~X' ? '' : effectiveNamespace(id) });
}

/** Every id the resource has had, the current one last. */
export function allIds(resource: Resource): ResId[] {
  return [...resource.prevIds, currentId(resource)];
}

/** `StatefulSet.v1.apps/web.prod`, as Kustomize prints ids in its messages. */
export function formatId(id: ResId): string {
  const namespace = id.namespace === '' ? '[noNs]' : id.namespace;
  return `${id.kind}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name}.${namespace}`;
}
