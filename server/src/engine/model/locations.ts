// Locations in other objects, for the related information of cross-document findings.
import type { Manifest } from './manifest';
import type { DataPath } from '../yaml/nodes';
import type { RelatedLocation } from '../types';
import type { WorkspaceLookups } from './lookups';

/** A related location: the key at `path` of another object (its `metadata.name` by default). */
export function relatedAt(manifest: Manifest, message: string, path: DataPath = ['metadata', 'name']): RelatedLocation {
  const exists = manifest.locate(path).node !== undefined;
  const span = exists ? manifest.keySpan(path) : manifest.valueSpan(['metadata', 'name']);
  return { uri: manifest.uri, start: span.start, end: span.end, message };
}

/** `StatefulSet "web"`, with the namespace when it is not the default one. */
export function describe(manifest: Manifest, namespace: string, defaultNamespace: string): string {
  return `${manifest.kind} ${JSON.stringify(manifest.name)}${namespace === defaultNamespace ? '' : ` (namespace ${JSON.stringify(namespace)})`}`;
}

/**
 * The StatefulSets that name a Service as their governing Service, as related locations on their
 * `spec.serviceName`: a problem of the Service is theirs too, reported once, on the Service.
 */
export function governedStatefulSets(lookups: WorkspaceLookups, namespace: string, service: string, consequence: string): RelatedLocation[] {
  return lookups.governedBy(namespace, service).map((sts) => relatedAt(sts,
    `StatefulSet ${JSON.stringify(sts.name)} names this Service as its governing Service (spec.serviceName): ${consequence}`, ['spec', 'serviceName']));
}
