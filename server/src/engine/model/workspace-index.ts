// The workspace as the cross-document rules and navigation read it: Services, StorageClasses,
// StatefulSets and every pod template, indexed by namespace, name and label, and the signature of every
// dependency key (what a reader of the key sees, over all objects that provide it). Built once per
// model state: the model's per-kind lists are rebuilt on every change, so their identity is the cache
// key, and the facts of unchanged objects are reused (facts.ts).
import type { Manifest } from './manifest';
import type { WorkspaceModel } from './workspace-model';
import type { Labels } from '../k8s/selector';
import { mapSelectorSelectsPods } from '../k8s/controller-labels';
import { isStatefulSet } from '../k8s/statefulset';
import { workloadKinds } from '../k8s/workload';
import { SignatureTable, type Provided } from './signature';
import { factsOf, type PodTemplate, type ServiceFact } from './facts';
import type { CommittedVersion } from './committed';
import { committedKeyPrefix } from './dependency-keys';

export type { PodTemplate, PortName, ServiceFact, ServicePortFact } from './facts';

export interface WorkspaceIndex {
  /** Services by `namespace/name`. */
  services: Map<string, ServiceFact[]>;
  servicesByNamespace: Map<string, ServiceFact[]>;
  /** Services by name, in any namespace. */
  servicesByName: Map<string, ServiceFact[]>;
  /** StorageClasses by name (cluster-scoped: any namespace written on them is ignored). */
  storageClasses: Map<string, Manifest[]>;
  statefulSets: Manifest[];
  /** PodDisruptionBudgets by namespace. */
  disruptionBudgets: Map<string, Manifest[]>;
  /** StatefulSets by `namespace/name`. */
  statefulSetsByName: Map<string, Manifest[]>;
  templatesByNamespace: Map<string, PodTemplate[]>;
  /** Templates by namespace, then by `key=value` label pair: selector lookups start from the rarest pair. */
  templatesByLabel: Map<string, Map<string, PodTemplate[]>>;
  /** `namespace/name` of the Services that some StatefulSet names as its governing Service. */
  governing: Set<string>;
  /** The StatefulSets that name a Service as their governing Service, by the Service's `namespace/name`. */
  governedBy: Map<string, Manifest[]>;
  /** ConfigMaps by `namespace/name`. */
  configMaps: Map<string, Manifest[]>;
  /** The signature of a dependency key: what its providers offer now ('' when none does; dependency-keys.ts). */
  signature(key: string): string;
  /** A file as committed at the ref compared with (model/committed.ts). */
  committed(uri: string): CommittedVersion | undefined;
}

export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

/** The provider lists of a file's objects (one per object: what it provides under which keys). */
export function providersOf(model: WorkspaceModel, uri: string): (readonly Provided[])[] {
  return model.manifestsOf(uri).map((manifest) => factsOf(manifest, model.namespaceOf(manifest)).provides);
}

/** The signature table of a model, brought up to date file by file: only changed files cost anything. */
interface Signatures {
  table: SignatureTable;
  files: Map<string, { manifests: readonly Manifest[]; namespace: string; providers: (readonly Provided[])[] }>;
}

const signatureTables = new WeakMap<WorkspaceModel, Signatures>();

function updateSignatures(model: WorkspaceModel): SignatureTable {
  let state = signatureTables.get(model);
  if (!state) signatureTables.set(model, state = { table: new SignatureTable(), files: new Map() });
  const { table, files } = state;
  const present = new Set(model.fileUris());
  for (const [uri, known] of files) {
    if (present.has(uri)) continue;
    for (const list of known.providers) table.remove(list);
    files.delete(uri);
  }
  for (const uri of present) {
    const manifests = model.manifestsOf(uri);
    const known = files.get(uri);
    if (known && known.manifests === manifests && known.namespace === model.defaultNamespace) continue;
    const providers = providersOf(model, uri);
    const before = new Set(known?.providers ?? []);
    for (const list of providers) if (!before.delete(list)) table.add(list);
    for (const list of before) table.remove(list);
    files.set(uri, { manifests, namespace: model.defaultNamespace, providers });
  }
  return table;
}

const indexedKinds = ['Service', 'StorageClass', 'PodDisruptionBudget', 'ConfigMap', ...workloadKinds];

function build(model: WorkspaceModel): WorkspaceIndex {
  const index: WorkspaceIndex = {
    services: new Map(), servicesByNamespace: new Map(), servicesByName: new Map(), storageClasses: new Map(), statefulSets: [], statefulSetsByName: new Map(), disruptionBudgets: new Map(),
    templatesByNamespace: new Map(), templatesByLabel: new Map(), governing: new Set(), governedBy: new Map(), configMaps: new Map(), signature: () => '',
    committed: (uri) => model.committed.of(uri),
  };
  const manifests = indexedKinds.flatMap((kind) => model.ofKind(kind));
  for (const manifest of manifests) {
    const facts = factsOf(manifest, model.namespaceOf(manifest));
    const { service, template, namespace } = facts;
    if (service) {
      push(index.services, serviceKey(namespace, service.name), service);
      push(index.servicesByNamespace, namespace, service);
      push(index.servicesByName, service.name, service);
    }
    if (facts.storageClass) push(index.storageClasses, manifest.name, manifest);
    if (facts.disruptionBudget) push(index.disruptionBudgets, namespace, manifest);
    if (isStatefulSet(manifest)) {
      index.statefulSets.push(manifest);
      push(index.statefulSetsByName, serviceKey(namespace, manifest.name), manifest);
    }
    if (facts.governs) {
      index.governing.add(serviceKey(namespace, facts.governs));
      push(index.governedBy, serviceKey(namespace, facts.governs), manifest);
    }
    if (facts.configMap) push(index.configMaps, serviceKey(namespace, manifest.name), manifest);
    if (template) {
      push(index.templatesByNamespace, namespace, template);
      let byLabel = index.templatesByLabel.get(namespace);
      if (!byLabel) index.templatesByLabel.set(namespace, byLabel = new Map());
      for (const [key, value] of Object.entries(template.labels)) push(byLabel, `${key}=${value}`, template);
      for (const label of template.controllerLabels) push(byLabel, `${label.key}=*`, template);
    }
  }
  // The signatures are brought up to date when first read: a one-shot check (the CLI) reads none.
  let table: SignatureTable | undefined;
  // Committed files are not objects of the model: their keys' signatures are their versions' stamps.
  index.signature = (key) => key.startsWith(committedKeyPrefix) ? model.committed.signature(key.slice(committedKeyPrefix.length)) : (table ??= updateSignatures(model)).get(key);
  return index;
}

const cache = new WeakMap<WorkspaceModel, { key: unknown[]; index: WorkspaceIndex }>();

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]
    || (Array.isArray(item) && Array.isArray(b[i]) && item.length === 0 && (b[i] as unknown[]).length === 0));
}

/** The index of the model's current state (rebuilt only after the model changed). */
export function workspaceIndex(model: WorkspaceModel): WorkspaceIndex {
  const key: unknown[] = [model.defaultNamespace, ...indexedKinds.map((kind) => model.ofKind(kind))];
  const cached = cache.get(model);
  if (cached && sameKey(cached.key, key)) return cached.index;
  const index = build(model);
  cache.set(model, { key, index });
  return index;
}

/**
 * The pod templates in a namespace that a map selector (a Service's) selects, their pods' controller
 * labels included, and the label pair it looked them up by (the rarest one): every template it selects
 * carries that pair, or gets that key from its controller.
 */
export function selectedTemplates(index: WorkspaceIndex, namespace: string, selector: Labels | undefined): { templates: PodTemplate[]; pair?: [string, string] } {
  const pairs = Object.entries(selector ?? {});
  if (pairs.length === 0) return { templates: [] };
  const byLabel = index.templatesByLabel.get(namespace);
  let smallest: PodTemplate[] | undefined;
  let rarest = pairs[0];
  for (const pair of pairs) {
    const carried = byLabel?.get(`${pair[0]}=${pair[1]}`);
    const added = byLabel?.get(`${pair[0]}=*`);
    const list = carried && added ? [...carried, ...added] : carried ?? added;
    if (!list) return { templates: [], pair };
    if (!smallest || list.length < smallest.length) {
      smallest = list;
      rarest = pair;
    }
  }
  const templates = (smallest ?? []).filter((template) => mapSelectorSelectsPods(selector, template.labels, template.controllerLabels));
  return { templates: [...new Set(templates)], pair: rarest };
}
