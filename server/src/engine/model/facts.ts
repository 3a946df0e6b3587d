// What one object offers to the cross-document rules: a Service's addressing, selector and ports; a
// workload's pod template labels and named ports; a StorageClass; the Service a StatefulSet names. Each
// fact is worked out once per manifest object (a manifest is replaced whenever its file changes), with
// the dependency keys it provides and a signature of what a reader of each key can see: the runner
// re-checks a finding only when a key it read changed (dependencies.ts, check/workspace-runner.ts).
import { get, isObject, type Manifest } from './manifest';
import type { DataPath } from '../yaml/nodes';
import { isBuiltin } from '../k8s/kinds';
import { serviceAddressing, serviceSelector, type ServiceAddressing } from '../k8s/service';
import { labelsOf, type Labels } from '../k8s/selector';
import { controllerLabelsOf, type ControllerLabel } from '../k8s/controller-labels';
import { isStatefulSet } from '../k8s/statefulset';
import { isDefaultStorageClass } from '../k8s/storage-class';
import { podTemplateOf, workloadKinds } from '../k8s/workload';
import { dependencyKeys as keys } from './dependency-keys';
import { seenHashes, type Provided } from './signature';

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
  /** The labels the workload's controller adds to each pod (they win over `labels`). */
  controllerLabels: ControllerLabel[];
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
  return { manifest, namespace, path, labels: labelsOf(get(template, 'metadata', 'labels')), controllerLabels: controllerLabelsOf(manifest),
    portNames: portNamesOf(template.spec, path) };
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

/** The facts of one object in its namespace, and the dependency keys it provides with their signatures. */
export interface ObjectFacts {
  namespace: string;
  service?: ServiceFact;
  template?: PodTemplate;
  storageClass?: boolean;
  /** A PodDisruptionBudget (policy/v1 or v1beta1). */
  disruptionBudget?: boolean;
  configMap?: boolean;
  /** The Service a StatefulSet names (`spec.serviceName`), when it is a non-empty string. */
  governs?: string;
  provides: readonly Provided[];
}

/** The facts without the manifest they belong to: shared by the manifest objects of one document's data. */
type Core = Omit<ObjectFacts, 'service' | 'template' | 'provides'> & {
  kind: string;
  apiVersion: string;
  name: string;
  service?: Omit<ServiceFact, 'manifest'>;
  template?: Omit<PodTemplate, 'manifest'>;
  /** Worked out when first asked for: a one-shot check (the CLI) never reads signatures. */
  provides?: readonly Provided[];
};

function withoutManifest<T extends { manifest: Manifest }>(fact: T): Omit<T, 'manifest'> {
  // Copied key by key, not spread and deleted: a deleted property turns an object into a slow
  // dictionary, and every object's facts are copied again from this one (ManifestFacts).
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(fact)) if (key !== 'manifest') copy[key] = fact[key as keyof T];
  return copy as Omit<T, 'manifest'>;
}

function coreOf(manifest: Manifest, namespace: string): Core {
  const name = manifest.name;
  const core: Core = { namespace, kind: manifest.kind, apiVersion: manifest.apiVersion, name };
  if (isBuiltin(manifest, 'Service') && name) {
    core.service = withoutManifest(serviceFactOf(manifest, namespace));
  } else if (isBuiltin(manifest, 'ConfigMap') && name) {
    core.configMap = true;
  } else if (isBuiltin(manifest, 'StorageClass') && name) {
    core.storageClass = true;
  } else if (isBuiltin(manifest, 'PodDisruptionBudget')) {
    core.disruptionBudget = true;
  } else if (workloadKinds.includes(manifest.kind)) {
    const template = templateOf(manifest, namespace);
    if (template) core.template = withoutManifest(template);
    const serviceName = isStatefulSet(manifest) ? get(manifest.value, 'spec', 'serviceName') : undefined;
    if (typeof serviceName === 'string' && serviceName) core.governs = serviceName;
  }
  return core;
}

/** The dependency keys an object provides, with the hashes of what a reader of each key sees of it. */
function providesOf(core: Core, manifest: Manifest): Provided[] {
  const { namespace, name } = core;
  const provides: Provided[] = [];
  // One object often provides the same view under several keys (a template under each of its labels):
  // it is serialized and hashed once.
  let lastSeen: unknown;
  let lastHashes: { a: number; b: number } | undefined;
  const provide = (key: string, seen: unknown): void => {
    if (!lastHashes || seen !== lastSeen) {
      lastSeen = seen;
      lastHashes = seenHashes(seen);
    }
    provides.push({ key, ...lastHashes });
  };
  const { service, template } = core;
  if (service) {
    const seen = [name, service.type, service.headless, service.addressing.rejected?.message, service.selector,
      service.ports.map((port) => [port.port, port.targetPort])];
    for (const key of [keys.service(namespace, name), keys.servicesIn(namespace), keys.servicesNamed(name)]) provide(key, seen);
  } else if (core.configMap) {
    provide(keys.configMap(namespace, name), manifest.value.data);
  } else if (core.storageClass) {
    provide(keys.storageClass(name), name);
    provide(keys.storageClasses(), name);
    provide(keys.defaultClasses(), [name, isDefaultStorageClass(manifest)]);
  } else if (core.disruptionBudget) {
    const spec = manifest.value.spec;
    provide(keys.disruptionBudgetsIn(namespace), [name, get(spec, 'selector'), get(spec, 'minAvailable'), get(spec, 'maxUnavailable')]);
  } else if (workloadKinds.includes(manifest.kind)) {
    if (template) {
      const seen = [manifest.kind, name, template.labels, template.controllerLabels, template.portNames.map((port) => port.name)];
      provide(keys.templatesIn(namespace), seen);
      provide(keys.hasTemplates(namespace), true);
      for (const [key, value] of Object.entries(template.labels)) provide(keys.templateLabel(namespace, key, value), seen);
      for (const label of template.controllerLabels) provide(keys.templateControllerLabel(namespace, label.key), seen);
    }
    if (isStatefulSet(manifest) && name) provide(keys.statefulSet(namespace, name), name);
    if (core.governs) provide(keys.governing(namespace, core.governs), name);
  }
  return provides;
}

// Two caches: the facts of a document's data (kept when an edit elsewhere in the file moves the
// document, which gives it a new manifest object), and the facts with the manifest they belong to.
const cores = new WeakMap<object, Core>();
const cached = new WeakMap<Manifest, ObjectFacts>();

/** A manifest's facts: the shared core's, with the manifest they belong to (a class: one per object). */
class ManifestFacts implements ObjectFacts {
  readonly service?: ServiceFact;
  readonly template?: PodTemplate;
  readonly storageClass?: boolean;
  readonly disruptionBudget?: boolean;
  readonly configMap?: boolean;
  readonly governs?: string;

  constructor(readonly namespace: string, private readonly core: Core, private readonly manifest: Manifest) {
    if (core.service) this.service = { ...core.service, manifest };
    if (core.template) this.template = { ...core.template, manifest };
    if (core.storageClass) this.storageClass = true;
    if (core.disruptionBudget) this.disruptionBudget = true;
    if (core.configMap) this.configMap = true;
    if (core.governs) this.governs = core.governs;
  }

  /** Worked out when first read: a one-shot check (the CLI) reads none. */
  get provides(): readonly Provided[] {
    return this.core.provides ??= providesOf(this.core, this.manifest);
  }
}

/** The facts of a manifest, worked out once per document data and namespace. */
export function factsOf(manifest: Manifest, namespace: string): ObjectFacts {
  const known = cached.get(manifest);
  if (known && known.namespace === namespace) return known;
  let core = cores.get(manifest.value);
  if (!core || core.namespace !== namespace || core.kind !== manifest.kind || core.apiVersion !== manifest.apiVersion || core.name !== manifest.name) {
    cores.set(manifest.value, core = coreOf(manifest, namespace));
  }
  const facts = new ManifestFacts(namespace, core, manifest);
  cached.set(manifest, facts);
  return facts;
}
