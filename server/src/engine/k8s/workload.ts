// Where the pod spec lives in each workload kind, and the containers, ports and probes inside it,
// each with its data path so that rules can report exact ranges.
import { isPartial, namesKnown } from '../model/completeness';
import { get, isObject, type JsonObject, type Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { isBuiltin } from './kinds';

/**
 * Where the pod template (its metadata and spec) lives in each kind that holds one, in any apiVersion
 * of the kind's group (legacy apps/v1beta* objects have the same shape). A bare Pod is its own template.
 */
const podTemplatePaths: Record<string, DataPath> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Every kind that holds a pod spec. */
export const podSpecKinds: readonly string[] = Object.keys(podTemplatePaths);

/** The kinds whose pod template becomes running pods (a PodTemplate object creates none by itself). */
export const workloadKinds: readonly string[] = podSpecKinds.filter((kind) => kind !== 'PodTemplate');

/** Data path of the pod template of a kind ([] for a Pod), undefined for kinds without one. */
export function podTemplatePath(kind: string): DataPath | undefined {
  return podTemplatePaths[kind];
}

/** Data path of the pod spec of a kind, undefined for kinds without one. */
export function podSpecPathOf(kind: string): DataPath | undefined {
  const template = podTemplatePaths[kind];
  return template && [...template, 'spec'];
}

export interface PodSpecAt {
  spec: JsonObject;
  path: DataPath;
  /** A bare Pod (validated as a Pod) rather than a template (validated when a controller creates Pods). */
  isPod: boolean;
}

/** The pod template of a built-in workload (or a Pod), when it is a mapping: its path and object. */
export function podTemplateOf(manifest: Manifest): { path: DataPath; template: JsonObject } | undefined {
  const path = podTemplatePaths[manifest.kind];
  if (!path || !isBuiltin(manifest, manifest.kind)) return undefined;
  const template = path.length ? get(manifest.value, ...path) : manifest.value;
  return isObject(template) ? { path, template } : undefined;
}

/** The pod spec of a workload, when the manifest is one and has a spec mapping. */
export function podSpecOf(manifest: Manifest): PodSpecAt | undefined {
  const known = podSpecs.get(manifest.value);
  if (known !== undefined && known.kind === manifest.kind && known.apiVersion === manifest.apiVersion) return known.pod;
  const template = podTemplateOf(manifest);
  const spec = template?.template.spec;
  const pod = template && isObject(spec) ? { spec, path: [...template.path, 'spec'], isPod: manifest.kind === 'Pod' } : undefined;
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

/**
 * Whether the containers of a pod spec and their port names are all known (model/completeness.ts): a
 * rule that concludes a port name is missing asks it first (a chart template may print ports).
 */
export function containerPortsKnown(manifest: Manifest, pod: PodSpecAt, only?: ContainerAt): boolean {
  if (!isPartial(manifest)) return true;
  if (!only && !(namesKnown(manifest, [...pod.path, 'containers']) && namesKnown(manifest, [...pod.path, 'initContainers']))) return false;
  return (only ? [only] : containersOf(pod)).every((container) => namesKnown(manifest, [...container.path, 'ports']));
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
