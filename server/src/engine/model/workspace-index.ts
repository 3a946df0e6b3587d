// What the cross-document rules and navigation read from the workspace: Services, StorageClasses,
// StatefulSets and every pod template, indexed by namespace and name. Built once per model state
// (the model's per-kind lists are rebuilt on every change, so their identity is the cache key).
import { get, isObject, type Manifest, type WorkspaceModel } from './workspace-model';
import type { DataPath } from '../yaml/nodes';
import type { WorkspaceRuleContext } from '../check/runner';
import { isBuiltin } from '../k8s/kinds';
import { serviceAddressing, serviceSelector, type ServiceAddressing } from '../k8s/service';
import { podTemplateOf, workloadKinds } from '../k8s/workload';
import type { BaseContext } from '../check/rule';
import { labelsOf, type Labels } from '../k8s/selector';
import { isStatefulSet } from '../k8s/statefulset';

export interface PortName {
  name: string;
  /** Path of the port entry (`...containers[0].ports[1]`). */
  path: DataPath;
}

/** A pod template of a workload (or a bare Pod), with its labels and named container ports. */
export interface PodTemplate {
  manifest: Manifest;
  namespace: string;
  /** Path of the template (`spec.template`); [] for a Pod. */
  path: DataPath;
  labels: Labels;
  portNames: PortName[];
}

export interface ServicePortFact {
  index: number;
  port: unknown;
  targetPort: unknown;
}

export interface ServiceFact {
  manifest: Manifest;
  namespace: string;
  name: string;
  /** `spec.type` after defaulting (ClusterIP). */
  type: string;
  /** Headless as the API server accepts it (k8s/service.ts). */
  headless: boolean;
  addressing: ServiceAddressing;
  /** `spec.selector`, undefined when absent or empty (no endpoints are managed then). */
  selector: Labels | undefined;
  ports: ServicePortFact[];
}

export interface WorkspaceIndex {
  /** Services by `namespace/name`. */
  services: Map<string, ServiceFact[]>;
  servicesByNamespace: Map<string, ServiceFact[]>;
  /** StorageClasses by name (cluster-scoped: any namespace written on them is ignored). */
  storageClasses: Map<string, Manifest[]>;
  statefulSets: Manifest[];
  /** Every Service (with a name), and the Services and StatefulSets of each file: rules checking a few files look them up. */
  allServices: ServiceFact[];
  servicesByUri: Map<string, ServiceFact[]>;
  statefulSetsByUri: Map<string, Manifest[]>;
  templatesByNamespace: Map<string, PodTemplate[]>;
  /** Templates by namespace, then by `key=value` label pair: selector lookups start from the rarest pair. */
  templatesByLabel: Map<string, Map<string, PodTemplate[]>>;
}

export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

function portNamesOf(spec: unknown, templatePath: DataPath): PortName[] {
  const names: PortName[] = [];
  for (const list of ['containers', 'initContainers']) {
    const containers = get(spec, list);
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: unknown, containerIndex) => {
      const ports = get(container, 'ports');
      if (!Array.isArray(ports)) return;
      ports.forEach((port: unknown, index) => {
        const name = get(port, 'name');
        if (typeof name === 'string' && name) names.push({ name, path: [...templatePath, 'spec', list, containerIndex, 'ports', index] });
      });
    });
  }
  return names;
}

export function templateOf(manifest: Manifest, namespace: string): PodTemplate | undefined {
  const found = podTemplateOf(manifest);
  if (!found) return undefined;
  const { path, template } = found;
  return { manifest, namespace, path, labels: labelsOf(get(template, 'metadata', 'labels')), portNames: portNamesOf(template.spec, path) };
}

export function serviceFactOf(manifest: Manifest, namespace: string): ServiceFact {
  const spec = isObject(manifest.value.spec) ? manifest.value.spec : {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const addressing = serviceAddressing(manifest.value);
  return {
    manifest, namespace, name: manifest.name,
    type: addressing.type,
    headless: addressing.headless,
    addressing,
    selector: serviceSelector(manifest.value),
    ports: ports.map((port: unknown, index) => ({ index, port: get(port, 'port'), targetPort: get(port, 'targetPort') })),
  };
}

// Facts per manifest: a manifest object is replaced whenever its file changes, so an edit re-reads only
// the edited file's objects and the rebuild of the maps stays cheap.
const serviceFacts = new WeakMap<Manifest, ServiceFact>();
const templateFacts = new WeakMap<Manifest, PodTemplate | null>();

function cachedService(manifest: Manifest, namespace: string): ServiceFact {
  let fact = serviceFacts.get(manifest);
  if (!fact || fact.namespace !== namespace) serviceFacts.set(manifest, fact = serviceFactOf(manifest, namespace));
  return fact;
}

function cachedTemplate(manifest: Manifest, namespace: string): PodTemplate | undefined {
  let fact = templateFacts.get(manifest);
  if (fact === undefined || (fact && fact.namespace !== namespace)) templateFacts.set(manifest, fact = templateOf(manifest, namespace) ?? null);
  return fact ?? undefined;
}

function build(model: WorkspaceModel): WorkspaceIndex {
  const index: WorkspaceIndex = {
    services: new Map(), servicesByNamespace: new Map(), storageClasses: new Map(), statefulSets: [],
    allServices: [], servicesByUri: new Map(), statefulSetsByUri: new Map(),
    templatesByNamespace: new Map(), templatesByLabel: new Map(),
  };
  for (const manifest of model.ofKind('Service')) {
    if (!isBuiltin(manifest, 'Service') || !manifest.name) continue;
    const fact = cachedService(manifest, model.namespaceOf(manifest));
    push(index.services, serviceKey(fact.namespace, fact.name), fact);
    push(index.servicesByNamespace, fact.namespace, fact);
    push(index.servicesByUri, manifest.uri, fact);
    index.allServices.push(fact);
  }
  for (const manifest of model.ofKind('StorageClass')) {
    if (isBuiltin(manifest, 'StorageClass') && manifest.name) push(index.storageClasses, manifest.name, manifest);
  }
  for (const kind of workloadKinds) {
    for (const manifest of model.ofKind(kind)) {
      if (kind === 'StatefulSet' && isStatefulSet(manifest)) {
        index.statefulSets.push(manifest);
        push(index.statefulSetsByUri, manifest.uri, manifest);
      }
      const template = cachedTemplate(manifest, model.namespaceOf(manifest));
      if (!template) continue;
      push(index.templatesByNamespace, template.namespace, template);
      let byLabel = index.templatesByLabel.get(template.namespace);
      if (!byLabel) index.templatesByLabel.set(template.namespace, byLabel = new Map());
      for (const [key, value] of Object.entries(template.labels)) push(byLabel, `${key}=${value}`, template);
    }
  }
  return index;
}

const indexedKinds = ['Service', 'StorageClass', ...workloadKinds];
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

/** The pod templates in a namespace that a Service selector (a plain label map) selects. */
export function selectedTemplates(index: WorkspaceIndex, namespace: string, selector: Labels | undefined): PodTemplate[] {
  const pairs = Object.entries(selector ?? {});
  if (pairs.length === 0) return [];
  const byLabel = index.templatesByLabel.get(namespace);
  if (!byLabel) return [];
  let smallest: PodTemplate[] | undefined;
  for (const [key, value] of pairs) {
    const list = byLabel.get(`${key}=${value}`);
    if (!list) return [];
    if (!smallest || list.length < smallest.length) smallest = list;
  }
  return (smallest ?? []).filter((template) => pairs.every(([key, value]) => template.labels[key] === value));
}

/**
 * The files a workspace rule must report on. The checker passes `targets` (the files whose findings
 * were asked for); rules skip subjects elsewhere, so re-checking one file does not cost the workspace.
 */
export function isTarget(ctx: BaseContext, uri: string): boolean {
  const targets = (ctx as Partial<WorkspaceRuleContext>).targets;
  return !targets || targets.has(uri);
}

/**
 * The items of `all` that lie in the files to report on: looked up file by file when those are few
 * (a background pass checks the workspace a few files at a time), else filtered.
 */
export function inTargets<T>(ctx: BaseContext, all: readonly T[], byUri: ReadonlyMap<string, readonly T[]>, uriOf: (item: T) => string): readonly T[] {
  const targets = (ctx as Partial<WorkspaceRuleContext>).targets;
  if (!targets) return all;
  if (targets.size * 4 >= all.length) return all.filter((item) => targets.has(uriOf(item)));
  const found: T[] = [];
  for (const uri of targets) {
    const items = byUri.get(uri);
    if (items) found.push(...items);
  }
  return found;
}
