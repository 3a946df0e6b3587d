// Whether a StatefulSet's manifests visibly depend on the per-pod DNS names of its governing Service
// (`<sts>-<n>.<service>`, `$(POD_NAME).<service>`, `${HOSTNAME}.$(SERVICE)`...): peers found by name
// (ZooKeeper servers, etcd peers, RabbitMQ node names, MySQL replicas). Only a headless Service
// publishes those names; a StatefulSet whose manifests use them does not work without it.
//
// Read where such names are written: container env values, args and commands, probe and hook exec
// commands and httpGet hosts, and the data of the ConfigMaps the pods use. One pass over each text:
// every occurrence of `.<service>` is checked for a pod name just before it.
import { get, isObject, type JsonObject, type Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { containersOf, handlersOf, podSpecOf, type ContainerAt } from './workload';

/** A text of the manifests that uses a per-pod DNS name. */
export interface PodDnsUse {
  /** Path of the text in its object. */
  path: DataPath;
  /** The name as written: `zk-0.zk-hs`, `$(POD_NAME).rabbitmq`. */
  name: string;
  /** Where, for messages: `env RABBITMQ_NODENAME of container "rabbitmq"`. */
  field: string;
}

/** The pod-name and Service-name spellings a pod's texts may use. */
export interface PodDnsSpelling {
  statefulSet: string;
  service: string;
  /** Variables holding the pod's name (HOSTNAME, POD_NAME, and env vars from fieldRef metadata.name). */
  podVariables: string[];
  /** Variables holding the Service's name (env vars whose value is it). */
  serviceVariables: string[];
}

const boundary = /[A-Za-z0-9-]/;
const variableChar = /[A-Za-z0-9_]/;

/** The shell or Kubernetes ways to write a variable's value: `$(V)`, `${V}`, `$V`. */
function variableForms(name: string): string[] {
  return [`$(${name})`, `\${${name}}`, `$${name}`];
}

/** The spellings of the pod's own name: its variables, and the shell's `$(hostname)`. */
function podNameForms(spelling: PodDnsSpelling): string[] {
  return [...spelling.podVariables.flatMap(variableForms), '$(hostname)', '$(hostname -s)', '`hostname`', '`hostname -s`'];
}

/** Whether `text` before `end` ends with a pod name: `<sts>-<digits>` or one of the pod-name forms. */
function endsWithPodName(text: string, end: number, spelling: PodDnsSpelling, forms: readonly string[]): number | undefined {
  let digits = end;
  while (digits > 0 && text.charCodeAt(digits - 1) >= 48 && text.charCodeAt(digits - 1) <= 57) digits--;
  const prefix = `${spelling.statefulSet}-`;
  if (digits < end && digits >= prefix.length && text.startsWith(prefix, digits - prefix.length)) {
    const start = digits - prefix.length;
    if (start === 0 || !boundary.test(text[start - 1])) return start;
  }
  for (const form of forms) {
    const start = end - form.length;
    if (start >= 0 && text.startsWith(form, start)) return start;
  }
  return undefined;
}

/** The first per-pod DNS name in a text (`<pod>.<service>` followed by anything but a name character). */
export function podDnsNameIn(text: string, spelling: PodDnsSpelling): string | undefined {
  if (!spelling.service) return undefined;
  const forms = podNameForms(spelling);
  const services = [spelling.service, ...spelling.serviceVariables.flatMap(variableForms)];
  for (const service of services) {
    const needle = `.${service}`;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      const after = at + needle.length;
      // A name must not run on into a longer name (`web-headless`), nor `$V` into a longer variable.
      const next = text[after];
      const closed = service.endsWith(')') || service.endsWith('}');
      const continues = service.startsWith('$') ? variableChar : boundary;
      if (next !== undefined && !closed && continues.test(next)) continue;
      const start = endsWithPodName(text, at, spelling, forms);
      if (start !== undefined) return text.slice(start, after);
    }
  }
  return undefined;
}

function envVariables(containers: readonly ContainerAt[]): { pod: string[]; values: Map<string, string> } {
  const pod = ['HOSTNAME', 'POD_NAME'];
  const values = new Map<string, string>();
  for (const { container } of containers) {
    const env = Array.isArray(container.env) ? container.env : [];
    for (const item of env) {
      if (!isObject(item) || typeof item.name !== 'string') continue;
      if (typeof item.value === 'string') values.set(item.name, item.value);
      if (get(item, 'valueFrom', 'fieldRef', 'fieldPath') === 'metadata.name') pod.push(item.name);
    }
  }
  return { pod, values };
}

/** How the StatefulSet's pods may write their own names and the Service's. */
export function podDnsSpelling(sts: Manifest, service: string): PodDnsSpelling {
  const pod = podSpecOf(sts);
  const { pod: podVariables, values } = envVariables(pod ? containersOf(pod) : []);
  const serviceVariables = [...values].filter(([, value]) => value === service).map(([name]) => name);
  return { statefulSet: sts.name, service, podVariables, serviceVariables };
}

function strings(value: unknown, path: DataPath, out: (text: string, path: DataPath) => void): void {
  if (typeof value === 'string') out(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, [...path, index], out));
}

/** The per-pod DNS names the StatefulSet's own pod spec uses (env values, args, commands, probes, hooks). */
export function podDnsUsesInPodSpec(sts: Manifest, spelling: PodDnsSpelling): PodDnsUse[] {
  const pod = podSpecOf(sts);
  if (!pod || !spelling.statefulSet) return [];
  const uses: PodDnsUse[] = [];
  for (const container of containersOf(pod)) {
    const of = `of container ${container.label}`;
    const look = (field: string) => (text: string, path: DataPath): void => {
      const name = podDnsNameIn(text, spelling);
      if (name) uses.push({ path, name, field: `${field} ${of}` });
    };
    const env = Array.isArray(container.container.env) ? container.container.env : [];
    env.forEach((item, index) => {
      if (isObject(item) && typeof item.value === 'string') look(`env ${String(item.name)}`)(item.value, [...container.path, 'env', index, 'value']);
    });
    strings(container.container.command, [...container.path, 'command'], look('command'));
    strings(container.container.args, [...container.path, 'args'], look('args'));
    for (const handler of handlersOf(container)) {
      strings(get(handler.handler, 'exec', 'command'), [...handler.path, 'exec', 'command'], look(handler.field));
      strings(get(handler.handler, 'httpGet', 'host'), [...handler.path, 'httpGet', 'host'], look(handler.field));
    }
  }
  return uses;
}

/** The names of the ConfigMaps the pods read: volumes, projected volumes, envFrom and configMapKeyRef. */
export function configMapsUsedBy(sts: Manifest): string[] {
  const pod = podSpecOf(sts);
  if (!pod) return [];
  const names = new Set<string>();
  const add = (name: unknown): void => { if (typeof name === 'string' && name) names.add(name); };
  for (const volume of Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) {
    add(get(volume, 'configMap', 'name'));
    const sources = get(volume, 'projected', 'sources');
    for (const source of Array.isArray(sources) ? sources : []) add(get(source, 'configMap', 'name'));
  }
  for (const { container } of containersOf(pod)) {
    for (const from of Array.isArray(container.envFrom) ? container.envFrom : []) add(get(from, 'configMapRef', 'name'));
    for (const item of Array.isArray(container.env) ? container.env : []) add(get(item, 'valueFrom', 'configMapKeyRef', 'name'));
  }
  return [...names];
}

/** The per-pod DNS names in a ConfigMap's `data`. */
export function podDnsUsesInConfigMap(configMap: Manifest, spelling: PodDnsSpelling): PodDnsUse[] {
  const data = configMap.value.data;
  if (!isObject(data)) return [];
  const uses: PodDnsUse[] = [];
  for (const [key, value] of Object.entries(data as JsonObject)) {
    const name = typeof value === 'string' ? podDnsNameIn(value, spelling) : undefined;
    if (name) uses.push({ path: ['data', key], name, field: `key ${JSON.stringify(key)} of ConfigMap ${JSON.stringify(configMap.name)}` });
  }
  return uses;
}
