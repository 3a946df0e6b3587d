// The governing headless Service of a StatefulSet, as a new document: what the sts/service-missing and
// sts/service-not-headless fixes create.
import { get, isObject, type Manifest } from '../model/manifest';
import { isDnsLabel } from '../k8s/names';
import { labelsOf, mapSelectorMatches, type Labels } from '../k8s/selector';
import { containersOf, podSpecOf, portsOf } from '../k8s/workload';
import { templateLabels } from '../k8s/statefulset';
import type { FixData } from '../types';
import { insertDocumentBefore } from '../edit/insert-document';
import type { WorkspaceLookups } from '../model/lookups';
import type { ServiceFact } from '../model/facts';

/** The labels a Service for this StatefulSet should select: the template labels (else matchLabels). */
export function podLabels(sts: Manifest): Labels {
  const labels = templateLabels(sts);
  return Object.keys(labels).length ? labels : labelsOf(get(sts.value, 'spec', 'selector', 'matchLabels'));
}

/** Service ports for the containers' ports: named as the container port (else `<protocol>-<port>`). */
function servicePorts(sts: Manifest): Record<string, unknown>[] {
  const pod = podSpecOf(sts);
  if (!pod) return [];
  const ports: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const names = new Set<string>();
  for (const container of containersOf(pod).filter((item) => item.list === 'containers')) {
    for (const { port } of portsOf(container)) {
      const number = port.containerPort;
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) continue;
      const protocol = typeof port.protocol === 'string' && port.protocol ? port.protocol : 'TCP';
      if (seen.has(`${protocol}/${number}`)) continue;
      seen.add(`${protocol}/${number}`);
      let name = typeof port.name === 'string' && isDnsLabel(port.name) ? port.name : `${protocol.toLowerCase()}-${number}`;
      for (let suffix = 2; names.has(name); suffix++) name = `${name}-${suffix}`;
      names.add(name);
      ports.push(protocol === 'TCP' ? { name, port: number } : { name, port: number, protocol });
    }
  }
  return ports;
}

/** A headless Service named `name` for the StatefulSet's Pods. */
export function headlessServiceFor(sts: Manifest, name: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name };
  if (sts.namespace) metadata.namespace = sts.namespace;
  const spec: Record<string, unknown> = { clusterIP: 'None' };
  const labels = podLabels(sts);
  if (Object.keys(labels).length) spec.selector = labels;
  const ports = servicePorts(sts);
  if (ports.length) spec.ports = ports;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}

/** Fix: create the headless Service as a new document right before the StatefulSet. */
export function createServiceFix(sts: Manifest, name: string, title?: string): FixData {
  return {
    title: title ?? `Create the headless Service ${JSON.stringify(name)} (clusterIP: None) before this StatefulSet`,
    edits: [insertDocumentBefore(sts, headlessServiceFor(sts, name))],
  };
}

/** Headless Services of the namespace that select the StatefulSet's Pods: good governing Services. */
export function headlessServicesSelecting(lookups: WorkspaceLookups, sts: Manifest, namespace: string): ServiceFact[] {
  const labels = templateLabels(sts);
  if (!isObject(labels) || Object.keys(labels).length === 0) return [];
  return lookups.servicesIn(namespace).filter((service) => service.headless && mapSelectorMatches(service.selector, labels));
}
