// The built-in transformers of one kustomization, in Kustomize's order (kusttarget_configplugin.go):
// patchesStrategicMerge, patches, namespace, namePrefix, nameSuffix, labels (then commonLabels),
// commonAnnotations, patchesJson6902, replicas, images. Each value they write takes the origin of the
// kustomization entry that wrote it.
import type { Origin } from '../model/provenance';
import type { BuildContext } from './context';
import { applyFieldSpec, BuildError, setEntry } from './fieldspec';
import { annotationSpecs, commonLabelSpecs, imageSpecs, metadataLabelSpecs, namespaceSpecs, replicaSpecs, type FieldSpec } from './fieldspecs';
import { immutableLabelProblems, immutableLabels } from './hazards';
import { entryOrigin, type Kustomization } from './kustomization';
import { applyPatchEntry, type PatchEntry } from './patches';
import { allIds, currentId, formatId, gvkOf, gvkSelected, isClusterScoped, originalId, sameId, storePreviousId, type Resource } from './resource';
import type { Selector } from './selector';
import { mapField, scalar, type TNode } from './tree';

type Data = Record<string, unknown>;
const record = (value: unknown): Data => (value && typeof value === 'object' && !Array.isArray(value) ? value as Data : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function patchEntries(kustomization: Kustomization, field: 'patches' | 'patchesJson6902'): PatchEntry[] {
  return list(kustomization.data[field]).map((item, index) => {
    const entry = record(item);
    return {
      field, at: [field, index],
      ...(typeof entry.path === 'string' && entry.path !== '' ? { path: entry.path } : {}),
      ...(typeof entry.patch === 'string' && entry.patch.trim() !== '' ? { inline: entry.patch.trim() } : {}),
      ...(entry.target && typeof entry.target === 'object' ? { target: entry.target as Selector } : {}),
      ...(entry.options ? { options: record(entry.options) } : {}),
    };
  });
}

function runPatches(resources: Resource[], kustomization: Kustomization, entries: PatchEntry[], context: BuildContext): void {
  for (const entry of entries) {
    const origin = entryOrigin(kustomization, ...entry.at);
    if (entry.path !== undefined && entry.inline !== undefined) { context.error('kustomize/invalid-field', 'a patch may have `path` or `patch`, not both: Kustomize fails the build ("patch and path can\'t be set at the same time")', origin); continue; }
    if (entry.path === undefined && entry.inline === undefined) { context.error('kustomize/invalid-field', 'a patch needs `path` (a file) or `patch` (inline): Kustomize fails the build ("must specify one of patch and path")', origin); continue; }
    applyPatchEntry(resources, kustomization, entry, context);
  }
}

/** The patchesStrategicMerge entries: a file path, or an inline patch when the string reads as YAML objects. */
function strategicMergeEntries(kustomization: Kustomization): PatchEntry[] {
  return list(kustomization.data.patchesStrategicMerge).flatMap((item, index) => {
    if (typeof item !== 'string') return [];
    const inline = /[:\n]/.test(item.trim()) && !/^[^:\n]*\.(ya?ml|json)$/i.test(item.trim());
    return [{ field: 'patchesStrategicMerge' as const, at: ['patchesStrategicMerge', index], ...(inline ? { inline: item } : { path: item }) }];
  });
}

function setNamespace(resources: Resource[], namespace: string, origin: Origin): void {
  for (const resource of resources) {
    storePreviousId(resource);
    const gvk = gvkOf(resource);
    if (!isClusterScoped(gvk)) {
      const metadata = mapField(resource.node, 'metadata', origin);
      metadata?.fields.set('namespace', scalar(namespace, origin));
    }
    const specs = namespaceSpecs.filter((spec) => spec.path !== 'metadata/name' || (resource.node.fields.get('apiVersion') as { value?: unknown } | undefined)?.value === 'v1');
    for (const spec of specs) applyFieldSpec(resource.node, spec, 'scalar', origin, (node) => { if (node.t === 'scalar') { node.value = namespace; node.origin = origin; } });
    if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
      const subjects = resource.node.fields.get('subjects');
      if (subjects?.t === 'list') {
        for (const subject of subjects.items) {
          const name = subject.t === 'map' ? subject.fields.get('name') : undefined;
          if (subject.t === 'map' && name?.t === 'scalar' && name.value === 'default') subject.fields.set('namespace', scalar(namespace, origin));
        }
      }
    }
  }
  for (const resource of resources) {
    const id = currentId(resource);
    if (resources.filter((other) => sameId(currentId(other), id)).length > 1) throw new BuildError(`namespace transformation produces ID conflict: two objects are ${formatId(id)}`);
  }
}

const skipsNameAffixes = (resource: Resource): boolean => {
  const id = originalId(resource);
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
};

function affixNames(resources: Resource[], affix: string, where: 'prefix' | 'suffix', origin: Origin): void {
  for (const resource of resources) {
    if (skipsNameAffixes(resource)) continue;
    (where === 'prefix' ? resource.prefixes : resource.suffixes).push(affix);
    storePreviousId(resource);
    const name = resource.node.fields.get('metadata');
    const node = name?.t === 'map' ? name.fields.get('name') : undefined;
    if (node?.t === 'scalar' && node.value !== null) {
      node.value = where === 'prefix' ? `${affix}${String(node.value)}` : `${String(node.value)}${affix}`;
      node.origin = origin;
    }
  }
}

/** Writes `pairs` at every field spec of every resource; with `immutable`, reports what reaches a StatefulSet's selector or claim templates. */
function setPairs(resources: Resource[], pairs: [string, string, Origin][], specs: FieldSpec[], context: BuildContext, immutable: string | undefined): void {
  const origins = new Map(pairs.map(([key, , origin]) => [key, origin]));
  for (const resource of resources) {
    const before = immutable ? immutableLabels(resource) : undefined;
    for (const [key, value, origin] of [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (const spec of specs) applyFieldSpec(resource.node, spec, 'map', origin, (node: TNode) => setEntry(node, key, value, origin));
    }
    if (before && immutable) context.problems.push(...immutableLabelProblems(resource, before, origins, immutable));
  }
}

function stringPairs(value: unknown, origin: (key: string) => Origin): [string, string, Origin][] {
  return Object.entries(record(value)).filter(([, item]) => typeof item === 'string').map(([key, item]) => [key, item as string, origin(key)]);
}

function toFieldSpecs(value: unknown): FieldSpec[] {
  return list(value).map(record).filter((spec) => typeof spec.path === 'string').map((spec) => ({
    path: spec.path as string, ...(typeof spec.kind === 'string' ? { kind: spec.kind } : {}), ...(typeof spec.group === 'string' ? { group: spec.group } : {}),
    ...(typeof spec.version === 'string' ? { version: spec.version } : {}), ...(spec.create === true ? { create: true } : {}),
  }));
}

function setLabels(resources: Resource[], kustomization: Kustomization, context: BuildContext): void {
  list(kustomization.data.labels).forEach((item, index) => {
    const entry = record(item);
    const pairs = stringPairs(entry.pairs, (key) => entryOrigin(kustomization, 'labels', index, 'pairs', key));
    const specs = [...toFieldSpecs(entry.fields), ...(entry.includeSelectors === true ? commonLabelSpecs
      : [...(entry.includeTemplates === true ? metadataLabelSpecs : []), { path: 'metadata/labels', create: true }])];
    const how = entry.includeSelectors === true ? 'labels with includeSelectors: true' : entry.includeTemplates === true ? 'labels with includeTemplates: true, which Kustomize up to 5.7 also applies to claim templates' : undefined;
    setPairs(resources, pairs, specs, context, how);
  });
  const common = stringPairs(kustomization.data.commonLabels, (key) => entryOrigin(kustomization, 'commonLabels', key));
  if (common.length > 0) setPairs(resources, common, commonLabelSpecs, context, 'commonLabels, which also go into selectors');
}

function setReplicas(resources: Resource[], kustomization: Kustomization, context: BuildContext): void {
  list(kustomization.data.replicas).forEach((item, index) => {
    const entry = record(item);
    const name = typeof entry.name === 'string' ? entry.name : '';
    const origin = entryOrigin(kustomization, 'replicas', index, 'count');
    let found = false;
    for (const spec of replicaSpecs) {
      for (const resource of resources) {
        if (!allIds(resource).some((id) => id.name === name && gvkSelected(id, spec))) continue;
        found = true;
        applyFieldSpec(resource.node, spec, 'scalar', origin, (node) => { if (node.t === 'scalar') { node.value = typeof entry.count === 'number' ? entry.count : 0; node.origin = origin; } });
      }
    }
    if (!found) context.error('kustomize/build-error', `replicas: no Deployment, StatefulSet, ReplicaSet or ReplicationController is named "${name}" in the build, so Kustomize fails ("resource with name ${name} does not match a config"). Use the name as the bases write it (before this kustomization's namePrefix/nameSuffix).`, entryOrigin(kustomization, 'replicas', index, 'name'));
  });
}

/** Splits an image reference into name, tag and digest as Kustomize does (api/internal/image). */
export function splitImage(image: string): [string, string, string] {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return [image, '', ''];
  if (at >= 0 && (at < colon || colon < 0)) return [image.slice(0, at + offset), '', image.slice(at + offset + 1)];
  if (at >= 0 && colon >= 0) return [image.slice(0, colon + offset), image.slice(colon + offset + 1, at + offset), image.slice(at + offset + 1)];
  return [image.slice(0, colon + offset), image.slice(colon + offset + 1), ''];
}

function updateImage(node: TNode, entry: Data, origin: Origin): void {
  if (node.t !== 'scalar' || typeof node.value !== 'string' || typeof entry.name !== 'string') return;
  let pattern: RegExp;
  try { pattern = new RegExp(`^${entry.name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`); } catch { return; }
  if (!pattern.test(node.value)) return;
  let [name, tag, digest] = splitImage(node.value);
  const text = (key: string): string => (typeof entry[key] === 'string' ? entry[key] as string : '');
  if (text('newName')) name = text('newName');
  if (text('newTag') && text('digest')) { tag = text('newTag'); digest = text('digest'); }
  else if (text('newTag')) { tag = text('newTag'); digest = ''; }
  else if (text('digest')) { tag = ''; digest = text('digest'); }
  else if (text('tagSuffix')) { tag += text('tagSuffix'); digest = ''; }
  node.value = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  node.origin = origin;
}

function findContainerImages(node: TNode, visit: (image: TNode) => void): void {
  if (node.t === 'list') { for (const item of node.items) findContainerImages(item, visit); return; }
  if (node.t !== 'map') return;
  for (const [key, child] of node.fields) {
    findContainerImages(child, visit);
    if ((key === 'containers' || key === 'initContainers') && child.t === 'list') {
      for (const container of child.items) { const image = container.t === 'map' ? container.fields.get('image') : undefined; if (image) visit(image); }
    }
  }
}

function setImages(resources: Resource[], kustomization: Kustomization, context: BuildContext): void {
  const entries = [...list(kustomization.data.images).map((item, index) => ['images', index, item] as const),
    ...list(kustomization.data.imageTags).map((item, index) => ['imageTags', index, item] as const)];
  for (const [field, index, item] of entries) {
    const entry = record(item);
    const changed = ['newTag', 'digest', 'newName', 'tagSuffix'].find((key) => typeof entry[key] === 'string' && entry[key] !== '') ?? 'name';
    const origin = entryOrigin(kustomization, field, index, changed);
    for (const resource of resources) {
      if (gvkOf(resource).kind === 'CustomResourceDefinition') continue;
      findContainerImages(resource.node, (image) => updateImage(image, entry, origin));
      for (const spec of imageSpecs(context.imageVolumes)) applyFieldSpec(resource.node, spec, undefined, origin, (node) => updateImage(node, entry, origin));
    }
  }
}

/** Runs the kustomization's transformers over the accumulated resources (in place). */
export function runTransformers(resources: Resource[], kustomization: Kustomization, context: BuildContext): void {
  const data = kustomization.data;
  const guard = (field: string, run: () => void): void => {
    try { run(); } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      context.error('kustomize/build-error', `${field}: ${error.message}. Kustomize fails the build.`, entryOrigin(kustomization, field));
    }
  };
  runPatches(resources, kustomization, strategicMergeEntries(kustomization), context);
  runPatches(resources, kustomization, patchEntries(kustomization, 'patches'), context);
  if (typeof data.namespace === 'string' && data.namespace !== '') guard('namespace', () => setNamespace(resources, data.namespace as string, entryOrigin(kustomization, 'namespace')));
  if (typeof data.namePrefix === 'string' && data.namePrefix !== '') affixNames(resources, data.namePrefix, 'prefix', entryOrigin(kustomization, 'namePrefix'));
  if (typeof data.nameSuffix === 'string' && data.nameSuffix !== '') affixNames(resources, data.nameSuffix, 'suffix', entryOrigin(kustomization, 'nameSuffix'));
  guard('labels', () => setLabels(resources, kustomization, context));
  const annotations = stringPairs(data.commonAnnotations, (key) => entryOrigin(kustomization, 'commonAnnotations', key));
  if (annotations.length > 0) guard('commonAnnotations', () => setPairs(resources, annotations, annotationSpecs, context, undefined));
  runPatches(resources, kustomization, patchEntries(kustomization, 'patchesJson6902'), context);
  guard('replicas', () => setReplicas(resources, kustomization, context));
  guard('images', () => setImages(resources, kustomization, context));
}
