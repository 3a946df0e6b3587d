// Locations in other objects, for the related information of cross-document findings.
import type { Manifest } from './workspace-model';
import { keySpan, locate, valueSpan, type DataPath } from '../yaml/nodes';
import type { RelatedLocation, Span } from '../types';

/** The span of the key at `path` in a manifest (its whole document when the path is missing). */
export function keyAt(manifest: Manifest, path: DataPath): Span {
  return keySpan(manifest.document.doc, path) ?? manifest.document.span;
}

export function valueAt(manifest: Manifest, path: DataPath): Span {
  return valueSpan(manifest.document.doc, path) ?? manifest.document.span;
}

/** A related location: the key at `path` of another object (its `metadata.name` by default). */
export function relatedAt(manifest: Manifest, message: string, path: DataPath = ['metadata', 'name']): RelatedLocation {
  const exists = locate(manifest.document.doc, path).node !== undefined;
  const span = exists ? keyAt(manifest, path) : valueAt(manifest, ['metadata', 'name']);
  return { uri: manifest.uri, start: span.start, end: span.end, message };
}

/** `StatefulSet "web"`, with the namespace when it is not the default one. */
export function describe(manifest: Manifest, namespace: string, defaultNamespace: string): string {
  return `${manifest.kind} ${JSON.stringify(manifest.name)}${namespace === defaultNamespace ? '' : ` (namespace ${JSON.stringify(namespace)})`}`;
}

