// Where the pod spec lives in each workload kind, and the containers, ports and probes inside it,
// each with its data path so that rules can report exact ranges.
import { get, isObject, type JsonObject, type Manifest } from '../model/workspace-model';
import type { DataPath } from '../yaml/nodes';

/** Data path of the pod spec, per kind (any apiVersion: legacy apps/v1beta* objects have the same shape). */
const podSpecPaths: Record<string, DataPath> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Every kind that holds a pod spec. */
export const podSpecKinds: readonly string[] = Object.keys(podSpecPaths);

export interface PodSpecAt {
  spec: JsonObject;
  path: DataPath;
  /** A bare Pod (validated as a Pod) rather than a template (validated when a controller creates Pods). */
  isPod: boolean;
}

/** API groups of the built-in workload kinds (a custom resource may reuse a kind name, such as `Job`). */
const workloadGroups = new Set(['', 'apps', 'batch', 'extensions']);

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → ''. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The pod spec of a workload, when the manifest is one and has a spec mapping. */
export function podSpecOf(manifest: Manifest): PodSpecAt | undefined {
  const known = podSpecs.get(manifest.value);
  if (known !== undefined && known.kind === manifest.kind && known.apiVersion === manifest.apiVersion) return known.pod;
  const path = podSpecPaths[manifest.kind];
  let pod: PodSpecAt | undefined;
  if (path && workloadGroups.has(apiGroup(manifest.apiVersion))) {
    const spec = get(manifest.value, ...path);
    if (isObject(spec)) pod = { spec, path, isPod: manifest.kind === 'Pod' };
  }
  podSpecs.set(manifest.value, { kind: manifest.kind, apiVersion: manifest.apiVersion, pod });
  return pod;
}

// The lists below are worked out once per object and shared by every pod rule (a dozen read the same
// containers, ports and probes). Values are never changed once parsed, so their identity is the key;
// callers must not change the lists they get.
const podSpecs = new WeakMap<object, { kind: string; apiVersion: string; pod: PodSpecAt | undefined }>();
const containerLists = new WeakMap<PodSpecAt, ContainerAt[]>();
const portLists = new WeakMap<ContainerAt, PortAt[]>();
const handlerLists = new WeakMap<ContainerAt, HandlerAt[]>();

export type ContainerList = 'containers' | 'initContainers';

export interface ContainerAt {
  container: JsonObject;
  path: DataPath;
  list: ContainerList;
  index: number;
  /** `metadata.name`-like display: the container's name when it is a string, else `containers[0]`. */
  label: string;
}

/** Regular containers first, then init containers (the order Kubernetes validates names in). */
export function containersOf(pod: PodSpecAt): readonly ContainerAt[] {
  const known = containerLists.get(pod);
  if (known) return known;
  const found: ContainerAt[] = [];
  containerLists.set(pod, found);
  for (const list of ['containers', 'initContainers'] as const) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isObject(container)) return;
      const name = container.name;
      found.push({ container, path: [...pod.path, list, index], list, index,
        label: typeof name === 'string' && name ? JSON.stringify(name) : `${list}[${index}]` });
    });
  }
  return found;
}

export interface PortAt {
  port: JsonObject;
  path: DataPath;
  index: number;
}

/** `ports[]` entries of a container that are mappings. */
export function portsOf(container: ContainerAt): readonly PortAt[] {
  const known = portLists.get(container);
  if (known) return known;
  const found: PortAt[] = [];
  portLists.set(container, found);
  const ports = container.container.ports;
  if (!Array.isArray(ports)) return found;
  ports.forEach((port, index) => {
    if (isObject(port)) found.push({ port, path: [...container.path, 'ports', index], index });
  });
  return found;
}

/** The names of a container's ports (non-empty strings only). */
export function portNamesOf(container: ContainerAt): string[] {
  return portsOf(container).map(({ port }) => port.name).filter((name): name is string => typeof name === 'string' && name !== '');
}

export const probeFields = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export const lifecycleFields = ['postStart', 'preStop'] as const;

/** Handler types of a probe, and of a lifecycle hook (which has `sleep` instead of `grpc`). */
export const probeHandlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
export const lifecycleHandlers = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

export interface HandlerAt {
  /** The probe or hook object. */
  handler: JsonObject;
  path: DataPath;
  /** `livenessProbe`, `readinessProbe`, `startupProbe`, `lifecycle.postStart` or `lifecycle.preStop`. */
  field: string;
  lifecycle: boolean;
}

/** The probes and lifecycle hooks of a container that are mappings. */
export function handlersOf(container: ContainerAt): readonly HandlerAt[] {
  const known = handlerLists.get(container);
  if (known) return known;
  const found: HandlerAt[] = [];
  handlerLists.set(container, found);
  for (const field of probeFields) {
    const probe = container.container[field];
    if (isObject(probe)) found.push({ handler: probe, path: [...container.path, field], field, lifecycle: false });
  }
  const lifecycle = container.container.lifecycle;
  if (isObject(lifecycle)) {
    for (const field of lifecycleFields) {
      const hook = lifecycle[field];
      if (isObject(hook)) found.push({ handler: hook, path: [...container.path, 'lifecycle', field], field: `lifecycle.${field}`, lifecycle: true });
    }
  }
  return found;
}

export interface HandlerPortAt {
  /** The port as written: a number, or a name (string). */
  value: unknown;
  path: DataPath;
  /** `httpGet`, `tcpSocket` or `grpc`. */
  action: string;
  handler: HandlerAt;
}

/** The `port` of each httpGet / tcpSocket / grpc action of a container's probes and hooks. */
export function handlerPortsOf(container: ContainerAt): HandlerPortAt[] {
  const found: HandlerPortAt[] = [];
  for (const handler of handlersOf(container)) {
    for (const action of ['httpGet', 'tcpSocket', 'grpc']) {
      const body = handler.handler[action];
      if (isObject(body) && body.port !== undefined) {
        found.push({ value: body.port, path: [...handler.path, action, 'port'], action, handler });
      }
    }
  }
  return found;
}
