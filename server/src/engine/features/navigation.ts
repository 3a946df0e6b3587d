// Navigation over the workspace index, as pure functions the LSP adapter calls: go to definition
// (serviceName → Service, storageClassName → StorageClass, volumeMount name → volume or claim template),
// find references (Service or StorageClass → every StatefulSet that uses it), and completion of those
// names and of template labels from the selector.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { CompletionData } from './completion';
import { get, isObject, manifestAt, objectAt, type Manifest } from '../model/manifest';
import { type WorkspaceModel } from '../model/workspace-model';
import type { DataPath } from '../yaml/nodes';
import type { EngineSettings, Span } from '../types';
import type { ParsedFile } from '../yaml/parse';
import { renderScalar } from '../edit/insert';
import { labelsOf } from '../k8s/selector';
import { claimTemplatesOf, isStatefulSet } from '../k8s/statefulset';
import { isBuiltin } from '../k8s/kinds';
import { podSpecPathOf, podTemplatePath, workloadKinds } from '../k8s/workload';
import { serviceKey, workspaceIndex } from '../model/workspace-index';
import { betaStorageClassAnnotation, classRefsOf, distributionStorageClasses } from '../k8s/storage-class';

export interface NavLocation extends Span {
  uri: string;
}

/** `#` matches an index, `*` any one step. */
function matchPath(path: DataPath, pattern: (string | number)[]): boolean {
  return path.length === pattern.length && pattern.every((step, i) => step === '*' || (step === '#' ? typeof path[i] === 'number' : path[i] === step));
}


type Target =
  | { kind: 'service'; name: string; namespace: string }
  | { kind: 'storageClass'; name: string }
  | { kind: 'volume'; name: string; manifest: Manifest; podSpec: DataPath };

function isStorageClassPath(manifest: Manifest, path: DataPath): boolean {
  if (isStatefulSet(manifest)) {
    return matchPath(path, ['spec', 'volumeClaimTemplates', '#', 'spec', 'storageClassName'])
      || matchPath(path, ['spec', 'volumeClaimTemplates', '#', 'metadata', 'annotations', betaStorageClassAnnotation]);
  }
  if (manifest.kind === 'PersistentVolumeClaim' && manifest.apiVersion === 'v1') {
    return matchPath(path, ['spec', 'storageClassName']) || matchPath(path, ['metadata', 'annotations', betaStorageClassAnnotation]);
  }
  return false;
}

/** The pod spec path when `path` is the name of a volumeMount or volumeDevice of a workload. */
function volumeUsePodSpec(kind: string, path: DataPath): DataPath | undefined {
  const podSpec = podSpecPathOf(kind);
  if (!podSpec || !podSpec.every((step, i) => path[i] === step)) return undefined;
  const rest = path.slice(podSpec.length);
  const ok = ['containers', 'initContainers'].some((list) => ['volumeMounts', 'volumeDevices']
    .some((field) => matchPath(rest, [list, '#', field, '#', 'name'])));
  return ok ? podSpec : undefined;
}

/** What the name under the cursor refers to (from either end of the link). */
function targetAt(model: WorkspaceModel, uri: string, offset: number): Target | undefined {
  const found = manifestAt(model.manifestsOf(uri), offset);
  if (!found) return undefined;
  const { manifest, at } = found;
  if (!at?.scalar) return undefined;
  const path = at.path;
  const value = get(manifest.value, ...path);
  if (typeof value !== 'string' || !value) return undefined;
  const namespace = model.namespaceOf(manifest);
  if (isStatefulSet(manifest) && matchPath(path, ['spec', 'serviceName'])) return { kind: 'service', name: value, namespace };
  if (isBuiltin(manifest, 'Service') && matchPath(path, ['metadata', 'name'])) return { kind: 'service', name: value, namespace };
  if (isBuiltin(manifest, 'StorageClass') && matchPath(path, ['metadata', 'name'])) return { kind: 'storageClass', name: value };
  if (isStorageClassPath(manifest, path)) return { kind: 'storageClass', name: value };
  const podSpec = isBuiltin(manifest, manifest.kind) ? volumeUsePodSpec(manifest.kind, path) : undefined;
  if (podSpec) return { kind: 'volume', name: value, manifest, podSpec };
  return undefined;
}

function nameLocation(manifest: Manifest): NavLocation {
  const span = manifest.valueSpan(['metadata', 'name']);
  return { uri: manifest.uri, start: span.start, end: span.end };
}

function declarations(model: WorkspaceModel, target: Target): NavLocation[] {
  const index = workspaceIndex(model);
  if (target.kind === 'service') return (index.services.get(serviceKey(target.namespace, target.name)) ?? []).map((service) => nameLocation(service.manifest));
  if (target.kind === 'storageClass') return (index.storageClasses.get(target.name) ?? []).map(nameLocation);
  const found: NavLocation[] = [];
  const volumes = get(target.manifest.value, ...target.podSpec, 'volumes');
  if (Array.isArray(volumes)) {
    volumes.forEach((volume: unknown, i) => {
      const span = get(volume, 'name') === target.name ? target.manifest.valueSpan([...target.podSpec, 'volumes', i, 'name']) : undefined;
      if (span) found.push({ uri: target.manifest.uri, ...span });
    });
  }
  if (isStatefulSet(target.manifest)) {
    for (const claim of claimTemplatesOf(target.manifest)) {
      const span = claim.name === target.name ? target.manifest.valueSpan([...claim.path, 'metadata', 'name']) : undefined;
      if (span) found.push({ uri: target.manifest.uri, ...span });
    }
  }
  return found;
}

/** Go to definition: the Service, StorageClass, volume or claim template a name refers to. */
export function definition(model: WorkspaceModel, uri: string, offset: number): NavLocation[] {
  const target = targetAt(model, uri, offset);
  return target ? declarations(model, target) : [];
}

/** Find references: every StatefulSet (and PVC) that names the Service or StorageClass under the cursor. */
export function references(model: WorkspaceModel, uri: string, offset: number, includeDeclaration: boolean): NavLocation[] {
  const target = targetAt(model, uri, offset);
  if (!target || target.kind === 'volume') return [];
  const index = workspaceIndex(model);
  const found: NavLocation[] = includeDeclaration ? declarations(model, target) : [];
  for (const sts of index.statefulSets) {
    if (target.kind === 'service') {
      if (get(sts.value, 'spec', 'serviceName') !== target.name || model.namespaceOf(sts) !== target.namespace) continue;
      const span = sts.valueSpan(['spec', 'serviceName']);
      found.push({ uri: sts.uri, ...span });
    } else {
      for (const ref of classRefsOf(sts).filter((item) => item.name === target.name)) {
        const span = sts.valueSpan(ref.path);
        found.push({ uri: sts.uri, ...span });
      }
    }
  }
  if (target.kind === 'storageClass') {
    for (const pvc of model.ofKind('PersistentVolumeClaim')) {
      if (get(pvc.value, 'spec', 'storageClassName') !== target.name) continue;
      const span = pvc.valueSpan(['spec', 'storageClassName']);
      found.push({ uri: pvc.uri, ...span });
    }
  }
  return found;
}


const placeholder = 'x-statefulset-completion';
const wordChar = /[A-Za-z0-9_./-]/;

interface Cursor {
  path: DataPath;
  onKey: boolean;
  /** The document's data as it would be with the placeholder (the file may be half-typed). */
  value: Record<string, unknown>;
  span: Span;
}

/** The path of the placeholder in a parsed document: as a key, or as a scalar value. */
function findPlaceholder(node: unknown, path: DataPath): { path: DataPath; onKey: boolean } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === placeholder) return { path: [...path, key], onKey: true };
      const found = findPlaceholder(pair.value, [...path, key]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = findPlaceholder(node.items[i], [...path, i]);
      if (found) return found;
    }
  } else if (isScalar(node) && node.value === placeholder) {
    return { path, onKey: false };
  }
  return undefined;
}

/**
 * Where the cursor is: the word there is replaced by a placeholder and the document at the cursor (only
 * that one, from the file's parse: never the whole file on the request path) is parsed again.
 */
function cursorAt(file: ParsedFile, offset: number): Cursor | undefined {
  const document = file.documents.find((doc) => offset >= doc.span.start && offset <= doc.span.end) ?? file.documents[file.documents.length - 1];
  const docStart = document ? file.text.lastIndexOf('\n', document.span.start - 1) + 1 : 0;
  const docEnd = document ? Math.max(document.span.end, offset) : file.text.length;
  const text = file.text.slice(docStart, docEnd);
  const found = cursorInDocument(text, offset - docStart);
  return found && { ...found, span: { start: found.span.start + docStart, end: found.span.end + docStart } };
}

function cursorInDocument(text: string, offset: number): Cursor | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let start = offset;
  while (start > lineStart && wordChar.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && wordChar.test(text[end])) end++;
  const before = text.slice(lineStart, start);
  const isValue = /:\s*["']?$/.test(before);
  const isKey = !isValue && /^\s*(?:- )*$|[{,]\s*$/.test(before);
  if (!isValue && !isKey) return undefined;
  const insert = isValue ? `${/:$/.test(before) ? ' ' : ''}${placeholder}` : `${placeholder}${/^\s*:/.test(text.slice(end)) ? '' : ': 0'}`;
  const patched = text.slice(0, start) + insert + text.slice(end);
  for (const doc of parseAllDocuments(patched, { uniqueKeys: false }) as Document.Parsed[]) {
    if (!doc.range || start < doc.range[0] || start > doc.range[2]) continue;
    const found = findPlaceholder(doc.contents, []);
    if (!found) return undefined;
    let value: unknown;
    try { value = doc.toJS({ maxAliasCount: 100 }); } catch { value = undefined; }
    return isObject(value) ? { ...found, value, span: { start, end } } : undefined;
  }
  return undefined;
}

function item(label: string, detail: string, span: Span, kind: CompletionData['kind'] = 'value', insertText = label): CompletionData {
  return { label, kind, detail, insertText, span };
}

/** Completion of serviceName, storageClassName, volumeMount names and template labels. */
export function completeNames(model: WorkspaceModel, settings: EngineSettings, uri: string, offset: number): CompletionData[] {
  const file = model.getFile(uri);
  const cursor = file ? cursorAt(file, offset) : undefined;
  if (!cursor) return [];
  const { value, path } = objectAt(cursor.value, cursor.path);
  const { span } = cursor;
  const kind = typeof value.kind === 'string' ? value.kind : '';
  const namespaceValue = get(value, 'metadata', 'namespace');
  const namespace = typeof namespaceValue === 'string' && namespaceValue ? namespaceValue : settings.defaultNamespace;
  const index = workspaceIndex(model);
  const probe = { kind, apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '' } as Manifest;
  if (!cursor.onKey && kind === 'StatefulSet' && matchPath(path, ['spec', 'serviceName'])) {
    return (index.servicesByNamespace.get(namespace) ?? []).filter((service) => service.headless && service.type === 'ClusterIP')
      .map((service) => item(service.name, `headless Service in namespace ${namespace}`, span));
  }
  if (!cursor.onKey && isStorageClassPath(probe, path)) {
    const items = [...index.storageClasses.keys()].map((name) => item(name, 'StorageClass in the workspace', span));
    for (const name of settings.knownStorageClasses) items.push(item(name, 'StorageClass from the knownStorageClasses setting', span));
    for (const name of distributionStorageClasses) items.push(item(name, 'StorageClass that some distributions create', span));
    return items.filter((entry, i) => items.findIndex((other) => other.label === entry.label) === i);
  }
  const podSpec = !cursor.onKey && workloadKinds.includes(kind) ? volumeUsePodSpec(kind, path) : undefined;
  if (podSpec) {
    const volumes = get(value, ...podSpec, 'volumes');
    const items = (Array.isArray(volumes) ? volumes : []).map((volume: unknown) => get(volume, 'name'))
      .filter((name): name is string => typeof name === 'string' && name !== placeholder).map((name) => item(name, 'volume', span));
    const claims = kind === 'StatefulSet' ? get(value, 'spec', 'volumeClaimTemplates') : undefined;
    for (const claim of Array.isArray(claims) ? claims : []) {
      const name = get(claim, 'metadata', 'name');
      if (typeof name === 'string' && name) items.push(item(name, 'volume claim template', span));
    }
    return items;
  }
  const templatePath = podTemplatePath(kind);
  if (cursor.onKey && templatePath && kind !== 'Pod' && matchPath(path, [...templatePath, 'metadata', 'labels', placeholder])) {
    const present = labelsOf(get(value, ...templatePath, 'metadata', 'labels'));
    const wanted = labelsOf(get(value, 'spec', 'selector', 'matchLabels'));
    return Object.entries(wanted).filter(([key]) => !(key in present))
      .map(([key, label]) => item(`${key}: ${label}`, 'label from spec.selector.matchLabels', span, 'property', `${key}: ${renderScalar(label)}`));
  }
  return [];
}
