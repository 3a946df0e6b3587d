// Building one kustomization in-process, as `kubectl kustomize` does (api/internal/target/kusttarget.go):
// its resources (files and bases, recursively), its generators, its components, then its transformers;
// at the end of the outermost build, the generators' hash suffixes and the name reference fix-up.
// Every value of every built object keeps its origin (tree.ts), and every problem Kustomize would fail
// on is reported on the entry that causes it.
import type { Build, BuiltObject, Origin } from '../model/provenance';
import { BuildContext, type FileUse, type KustomizeFiles, type RenderOptions } from './context';
import { BuildError } from './fieldspec';
import { absorbGenerated, generate } from './generators';
import { generatedNameHash } from './hash';
import { entryOrigin, findKustomizationFile, loadKustomization, type Kustomization } from './kustomization';
import { fixNameReferences } from './name-reference';
import { currentId, formatId, sameId, storePreviousId, type Resource } from './resource';
import { runTransformers } from './transformers';
import { fromData, originIn, stringAt, toData, type TMap, type TNode } from './tree';
import type { DataPath } from '../yaml/nodes';
import { folderOf, isRemoteReference, relativeTo, resolveUri } from './uri';

export interface KustomizeBuild extends Build {
  tool: 'kustomize';
  /** Every file the build uses, with its role and the entry that names it. */
  uses: FileUse[];
  /** Whether the real Kustomize would fail on this kustomization (then `objects` is empty). */
  failed: boolean;
}

/** Builds the kustomization file at `uri`. `workspaceFolder` (a URI) makes the label relative. */
export function buildKustomization(uri: string, files: KustomizeFiles, options: RenderOptions & { workspaceFolder?: string } = {}): KustomizeBuild {
  const context = new BuildContext(files, options);
  context.use(uri, 'kustomization', uri, { uri, docIndex: 0, path: [] });
  let resources: Resource[] = [];
  const kustomization = loadKustomization(uri, context, undefined);
  if (kustomization) {
    if (kustomization.isComponent) {
      context.error('kustomize/build-error', 'a Component cannot be built on its own: list it under `components:` of a kustomization', entryOrigin(kustomization, 'kind'));
    } else {
      resources = accumulate(kustomization, [], context) ?? [];
      try {
        addHashSuffixes(resources);
        fixNameReferences(resources);
      } catch (error) {
        if (!(error instanceof BuildError)) throw error;
        context.error('kustomize/build-error', `${error.message}: Kustomize fails the build`, { uri, docIndex: 0, path: [] });
      }
    }
  }
  const folder = folderOf(uri);
  return {
    tool: 'kustomize', uri,
    label: options.workspaceFolder ? relativeTo(options.workspaceFolder, folder) : folder.slice(folder.lastIndexOf('/') + 1),
    objects: context.failed ? [] : resources.map(toBuiltObject),
    inputs: [...context.inputs], problems: context.problems, unsupported: context.unsupported, uses: context.uses, failed: context.failed,
  };
}

function toBuiltObject(resource: Resource): BuiltObject {
  const node = resource.node;
  const removals = removalsIn(node, []);
  return { value: toData(node) as Record<string, unknown>, origin: resource.origin, originOf: (path) => originIn(node, path), ...(removals.length ? { removals } : {}) };
}

/** The deletions recorded on the lists of a tree (smp.ts), with the lists' paths. */
function removalsIn(node: TNode, path: DataPath, out: NonNullable<BuiltObject['removals']> = []): NonNullable<BuiltObject['removals']> {
  if (node.t === 'list') {
    for (const removed of node.removed ?? []) out.push({ path, ...removed });
    node.items.forEach((item, index) => removalsIn(item, [...path, index], out));
  } else if (node.t === 'map') {
    for (const [key, child] of node.fields) removalsIn(child, [...path, key], out);
  }
  return out;
}

function addHashSuffixes(resources: Resource[]): void {
  for (const resource of resources) {
    if (!resource.needsHash) continue;
    const hash = generatedNameHash(toData(resource.node) as Record<string, unknown>);
    storePreviousId(resource);
    const metadata = resource.node.fields.get('metadata');
    const name = metadata?.t === 'map' ? metadata.fields.get('name') : undefined;
    if (name?.t === 'scalar') name.value = `${String(name.value)}-${hash}`;
  }
}

/** Adds resources to the accumulated ones; an id already there fails the build (resWrangler.AppendAll). */
function append(into: Resource[], added: Resource[], origin: Origin, context: BuildContext): void {
  for (const resource of added) {
    const id = currentId(resource);
    if (into.some((other) => sameId(currentId(other), id))) {
      context.error('kustomize/build-error', `two objects of the build are ${formatId(id)}: Kustomize fails ("may not add resource with an already registered id"). Rename one, or list the file once.`, origin);
      continue;
    }
    into.push(resource);
  }
}

/** The objects of a resource file (every document; `kind: ...List` documents give their items). */
function resourcesOfFile(fileUri: string, path: string, origin: Origin, context: BuildContext): Resource[] | undefined {
  const file = context.yaml(fileUri);
  if (!file) return undefined;
  const problem = file.skipped ?? (file.template ? 'it holds a template expression ({{ ... }}), which Kustomize cannot read' : file.documents.flatMap((document) => document.syntax).find((syntax) => !syntax.duplicateKey)?.message);
  if (problem) { context.error('kustomize/build-error', `the resource file \`${path}\` cannot be read: ${problem}`, origin); return []; }
  const result: Resource[] = [];
  for (const document of file.documents) {
    if (document.value === null || document.value === undefined) continue;
    const base: Origin = { uri: fileUri, docIndex: document.index, path: [] };
    const node = fromData(document.value, base);
    if (node.t !== 'map') { context.error('kustomize/build-error', `document ${document.index + 1} of \`${path}\` is not an object`, base); continue; }
    const kind = stringAt(node, ['kind']) ?? '';
    const items = node.fields.get('items');
    const objects: TMap[] = kind.endsWith('List') && items?.t === 'list' ? items.items.filter((item): item is TMap => item.t === 'map') : [node];
    for (const object of objects) {
      const missing = !stringAt(object, ['kind']) ? 'kind' : !stringAt(object, ['metadata', 'name']) ? 'metadata.name' : undefined;
      if (missing) { context.error('kustomize/build-error', `an object in \`${path}\` has no ${missing}: Kustomize fails the build ("missing ${missing} in object")`, object.origin); continue; }
      result.push({ node: object, origin: object.origin, prevIds: [], prefixes: [], suffixes: [], needsHash: false });
    }
  }
  return result;
}

/** Builds a folder's kustomization (a base or a component) named by `path` in `parent`. */
function accumulateFolder(parent: Kustomization, folderUri: string, path: string, origin: Origin, component: boolean, incoming: Resource[], context: BuildContext): Resource[] | undefined {
  const found = findKustomizationFile(folderUri, context);
  if ('missing' in found) {
    context.error('kustomize/resource-missing', `\`${path}\` is a folder, but ${found.missing}`, origin);
    return undefined;
  }
  if (context.stack.includes(folderUri)) {
    context.error('kustomize/build-error', `\`${path}\` includes a kustomization that includes this one: a cycle, which Kustomize cannot build`, origin);
    return undefined;
  }
  if (context.stack.length >= (context.options.maxDepth ?? 50)) {
    context.error('kustomize/build-error', `kustomizations nest more than ${context.options.maxDepth ?? 50} levels deep here`, origin);
    return undefined;
  }
  context.use(found.uri, component ? 'component' : 'kustomization', parent.uri, origin);
  const child = loadKustomization(found.uri, context, origin);
  if (!child) return undefined;
  if (component !== child.isComponent) {
    context.error('kustomize/invalid-field', component
      ? `\`${path}\` is listed under components but its kustomization is not \`kind: Component\` (Kustomize: "expected kind 'Component'"). Set kind: Component and apiVersion: kustomize.config.k8s.io/v1alpha1 there, or list it under resources.`
      : `\`${path}\` is a Component: list it under \`components:\`, not resources (Kustomize: "expected kind != 'Component'")`, origin);
    return undefined;
  }
  return accumulate(child, incoming, context);
}

function accumulate(kustomization: Kustomization, incoming: Resource[], context: BuildContext): Resource[] | undefined {
  context.stack.push(kustomization.folder);
  try {
    const resources = incoming;
    const data = kustomization.data;
    const paths = [...(Array.isArray(data.resources) ? data.resources.map((path, index) => [path, 'resources', index] as const) : []),
      ...(Array.isArray(data.bases) ? data.bases.map((path, index) => [path, 'bases', index] as const) : [])];
    for (const [path, field, index] of paths) {
      if (typeof path !== 'string') continue;
      const origin = entryOrigin(kustomization, field, index);
      if (isRemoteReference(path)) { context.unsupportedFeature(`a remote base (${path}), which is never fetched`, origin); continue; }
      const target = resolveUri(kustomization.folder, path);
      if (context.isFolder(target)) {
        const built = accumulateFolder(kustomization, target, path, origin, false, [], context);
        if (built) append(resources, built, origin, context);
        continue;
      }
      if (!context.allowed(kustomization.folder, target, origin, path)) continue;
      const loaded = resourcesOfFile(target, path, origin, context);
      if (!loaded) {
        context.error('kustomize/resource-missing', `\`${path}\` does not exist: Kustomize fails the build. Fix the path (it is relative to the kustomization's folder), or create the file.`, origin);
        continue;
      }
      context.use(target, 'resource', kustomization.uri, origin);
      append(resources, loaded, origin, context);
    }
    for (const generated of generate(kustomization, context)) absorbGenerated(resources, generated, context);
    let result = resources;
    if (Array.isArray(data.components)) {
      data.components.forEach((path, index) => {
        if (typeof path !== 'string') return;
        const origin = entryOrigin(kustomization, 'components', index);
        if (isRemoteReference(path)) { context.unsupportedFeature(`a remote component (${path}), which is never fetched`, origin); return; }
        const target = resolveUri(kustomization.folder, path);
        if (!context.isFolder(target)) {
          context.error('kustomize/resource-missing', `The component folder \`${path}\` does not exist: Kustomize fails the build. Fix the path.`, origin);
          return;
        }
        result = accumulateFolder(kustomization, target, path, origin, true, result, context) ?? result;
      });
    }
    runTransformers(result, kustomization, context);
    return result;
  } finally {
    context.stack.pop();
  }
}
