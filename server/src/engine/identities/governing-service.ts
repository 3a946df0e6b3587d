// The governing Service of a StatefulSet, as the workspace model knows it: found or not, headless or
// not, which pods it selects, and its named ports (each gives an SRV record).
import { labelsOf, mapSelectorMatches } from '../k8s/selector';
import { serviceAddressing, serviceSelector } from '../k8s/service';
import { get, isObject, type Manifest } from '../model/manifest';
import { type WorkspaceModel } from '../model/workspace-model';
import type { GoverningService, ServicePort } from '../../protocol/identities';

function serviceNamespace(service: Manifest, defaultNamespace: string): string {
  return service.namespace ?? defaultNamespace;
}

function namedPorts(value: Record<string, unknown>): ServicePort[] {
  const ports = get(value, 'spec', 'ports');
  if (!Array.isArray(ports)) return [];
  const named: ServicePort[] = [];
  for (const port of ports) {
    if (!isObject(port) || typeof port.name !== 'string' || !port.name) continue;
    named.push({
      port: port.name,
      protocol: typeof port.protocol === 'string' && port.protocol ? port.protocol : 'TCP',
      portNumber: typeof port.port === 'number' ? port.port : undefined,
    });
  }
  return named;
}

/**
 * The Service named by `serviceName` in `namespace`, looked up in the workspace model. When several
 * files define it (alternative versions of an example, say), the one in the StatefulSet's file wins.
 */
export function governingService(model: WorkspaceModel, name: string, namespace: string, defaultNamespace: string, uri: string): GoverningService {
  const all = model.ofKind('Service').filter((service) => service.name === name && service.apiVersion === 'v1');
  const inNamespace = all.filter((candidate) => serviceNamespace(candidate, defaultNamespace) === namespace);
  const service = inNamespace.find((candidate) => candidate.uri === uri) ?? inNamespace[0];
  if (!service) {
    const otherNamespaces = [...new Set(all.map((candidate) => serviceNamespace(candidate, defaultNamespace)))].sort();
    return { name, namespace, found: false, headless: false, publishNotReadyAddresses: false, ports: [], otherNamespaces };
  }
  const value = service.value;
  const addressing = serviceAddressing(value);
  const selector = serviceSelector(value);
  const span = service.valueSpan(['metadata', 'name']);
  return {
    name,
    namespace,
    found: true,
    headless: addressing.headless,
    notHeadlessBecause: addressing.notHeadlessBecause,
    publishNotReadyAddresses: get(value, 'spec', 'publishNotReadyAddresses') === true,
    selector,
    ports: namedPorts(value),
    location: { uri: service.uri, ...span },
    otherNamespaces: [],
  };
}

/** Whether a Service selector selects a pod template's labels (a missing selector selects nothing). */
export function selectsTemplate(selector: Record<string, string> | undefined, statefulSet: Manifest): boolean {
  return mapSelectorMatches(selector, labelsOf(get(statefulSet.value, 'spec', 'template', 'metadata', 'labels')));
}
