// Patches as Kustomize applies them: patchesStrategicMerge, patches (strategic merge or JSON 6902,
// from a file or inline, with or without a target) and patchesJson6902. A patch without target
// selects by its own kind, name and namespace and fails the build when nothing matches; an explicit
// target that selects nothing is skipped silently (both reported, as error and warning).
import type { Origin } from '../model/provenance';
import type { DataPath } from '../yaml/nodes';
import { parseFile } from '../yaml/parse';
import type { BuildContext } from './context';
import { BuildError } from './fieldspec';
import { claimTemplatePatchProblem } from './hazards';
import { applyJsonPatch, type JsonOperation } from './json-patch';
import { entryOrigin, type Kustomization } from './kustomization';
import { mergeSchemaFor } from './merge-schema';
import { allIds, apiVersionOf, formatId, gvkOf, parseApiVersion, sameId, storePreviousId, type ResId, type Resource } from './resource';
import { selectResources, type Selector } from './selector';
import { strategicMerge } from './smp';
import { cloneTree, fromData, originAt, scalar, stringAt, type TMap } from './tree';
import { resolveUri } from './uri';

interface PatchDocument { value: unknown; origin: Origin }
type LoadedPatch = { kind: 'smp'; documents: { node: TMap; origin: Origin }[] } | { kind: 'json'; operations: JsonOperation[] };

const maxPatchSize = 1024 * 1024;

function patchDocuments(kustomization: Kustomization, source: { path?: string; inline?: string }, at: DataPath, context: BuildContext, role: 'patch-strategic-merge' | 'patch-json6902' | undefined): PatchDocument[] | undefined {
  const origin = entryOrigin(kustomization, ...at);
  if (source.inline !== undefined) {
    const holder = role === 'patch-strategic-merge' ? origin : entryOrigin(kustomization, ...at, 'patch');
    const file = parseFile(`${kustomization.uri}#${holder.path.join('/')}`, source.inline, 0, maxPatchSize);
    const problem = file.skipped ?? file.documents.flatMap((document) => document.syntax).find((syntax) => !syntax.duplicateKey)?.message;
    if (problem) { context.error('kustomize/build-error', `the inline patch cannot be read: ${problem}`, holder); return undefined; }
    return file.documents.map((document) => ({ value: document.value, origin: { ...holder, embedded: { docIndex: document.index, path: [] } } }));
  }
  const path = source.path ?? '';
  const uri = resolveUri(kustomization.folder, path);
  if (!context.allowed(kustomization.folder, uri, origin, path)) return undefined;
  const file = context.yaml(uri);
  if (!file) {
    context.error('kustomize/resource-missing', `The patch file \`${path}\` does not exist: Kustomize fails the build ("failed to get the patch file from path"). Create it, or fix the path (it is relative to the kustomization's folder).`, origin);
    return undefined;
  }
  const problem = file.skipped ?? (file.template ? 'it holds a template expression ({{ ... }})' : file.documents.flatMap((document) => document.syntax).find((syntax) => !syntax.duplicateKey)?.message);
  if (problem) { context.error('kustomize/build-error', `the patch file \`${path}\` cannot be read: ${problem}`, origin); return undefined; }
  const documents = file.documents.map((document) => ({ value: document.value, origin: { uri, docIndex: document.index, path: [] } }));
  const isJson = Array.isArray(documents.find((document) => document.value !== null && document.value !== undefined)?.value);
  context.use(uri, role ?? (isJson ? 'patch-json6902' : 'patch-strategic-merge'), kustomization.uri, origin);
  return documents;
}

function loadPatch(documents: PatchDocument[], origin: Origin, context: BuildContext, expect: 'smp' | 'json' | 'any'): LoadedPatch | undefined {
  const present = documents.filter((document) => document.value !== null && document.value !== undefined);
  const first = present[0];
  if (!first) { context.error('kustomize/build-error', 'the patch is empty: Kustomize fails the build ("patch appears to be empty")', origin); return undefined; }
  if (Array.isArray(first.value) && expect !== 'smp') {
    const operations: JsonOperation[] = [];
    for (const [index, item] of first.value.entries()) {
      const record = item && typeof item === 'object' && !Array.isArray(item) ? item as Record<string, unknown> : undefined;
      if (!record || typeof record.op !== 'string') { context.error('kustomize/build-error', `JSON patch operation ${index} has no \`op\``, originAt(first.origin, index)); return undefined; }
      const at = originAt(first.origin, index);
      operations.push({
        op: record.op, origin: at,
        ...(typeof record.path === 'string' ? { path: record.path } : {}),
        ...(typeof record.from === 'string' ? { from: record.from } : {}),
        ...('value' in record ? { value: fromData(record.value, originAt(at, 'value')) } : {}),
      });
    }
    return { kind: 'json', operations };
  }
  const smp: { node: TMap; origin: Origin }[] = [];
  for (const document of present) {
    const node = fromData(document.value, document.origin);
    const kind = stringAt(node, ['kind']) ?? '';
    const problem = node.t !== 'map' ? 'a patch document must be a map'
      : kind === '' ? 'the patch has no `kind`'
        : !kind.endsWith('List') && !stringAt(node, ['metadata', 'name']) ? 'the patch has no `metadata.name`' : undefined;
    if (problem) {
      context.error('kustomize/build-error', `${problem}: Kustomize cannot read it as a strategic-merge patch (nor as a JSON 6902 patch, which is a list of operations) and fails the build. ${expect === 'json' ? '' : 'Give it the kind and name of the object it patches.'}`.trim(), document.origin);
      return undefined;
    }
    smp.push({ node: node as TMap, origin: document.origin });
  }
  if (expect === 'json') { context.error('kustomize/build-error', 'patchesJson6902 needs a list of JSON patch operations', origin); return undefined; }
  return { kind: 'smp', documents: smp };
}

function idOfPatch(node: TMap): ResId {
  return { ...parseApiVersion(stringAt(node, ['apiVersion']) ?? ''), kind: stringAt(node, ['kind']) ?? '', name: stringAt(node, ['metadata', 'name']) ?? '', namespace: stringAt(node, ['metadata', 'namespace']) ?? '' };
}

interface PatchOptions { allowNameChange: boolean; allowKindChange: boolean }

/** Applies one strategic-merge patch document to a resource (resource.ApplySmPatch); false when it deleted the resource. */
function applySmp(resource: Resource, patch: TMap, options: PatchOptions): boolean {
  const copy = cloneTree(patch);
  const gvk = gvkOf(resource);
  copy.fields.set('apiVersion', scalar(apiVersionOf(gvk), resource.node.fields.get('apiVersion')?.origin ?? resource.origin));
  const metadata = resource.node.fields.get('metadata');
  const kept = { kind: resource.node.fields.get('kind'), name: metadata?.t === 'map' ? metadata.fields.get('name') : undefined, namespace: metadata?.t === 'map' ? metadata.fields.get('namespace') : undefined };
  if (options.allowNameChange || options.allowKindChange) storePreviousId(resource);
  const merged = strategicMerge(resource.node, copy, mergeSchemaFor(apiVersionOf(gvk), gvk.kind));
  if (!merged || merged.t !== 'map' || merged.fields.size === 0) return false;
  resource.node = merged;
  if (!options.allowKindChange && kept.kind) merged.fields.set('kind', kept.kind);
  const newMetadata = merged.fields.get('metadata');
  if (newMetadata?.t === 'map') {
    if (!options.allowNameChange && kept.name) newMetadata.fields.set('name', kept.name);
    if (kept.namespace) newMetadata.fields.set('namespace', kept.namespace); else newMetadata.fields.delete('namespace');
  }
  return true;
}

function smpTargetMissing(id: ResId, count: number, origin: Origin, context: BuildContext): void {
  if (count === 0) {
    context.error('kustomize/patch-target-missing', `No object in the build is a ${id.kind} named ${id.name}${id.namespace ? ` in namespace ${id.namespace}` : ''}: a patch without \`target\` patches the object with its own apiVersion, kind, name and namespace, and Kustomize fails the build ("failed to find unique target for patch ${formatId(id)}"). Fix the patch's kind and name, or add a \`target\`.`, origin);
  } else {
    context.error('kustomize/build-error', `${count} objects match the patch ${formatId(id)}: Kustomize fails the build ("multiple matches"). Give the patch a namespace, or a \`target\`.`, origin);
  }
}

export interface PatchEntry { path?: string; inline?: string; target?: Selector; options?: Record<string, unknown>; at: DataPath; field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902' }

/** Applies one patch entry to the build's resources (in place). */
export function applyPatchEntry(resources: Resource[], kustomization: Kustomization, entry: PatchEntry, context: BuildContext): void {
  const origin = entryOrigin(kustomization, ...entry.at);
  const role = entry.field === 'patchesStrategicMerge' ? 'patch-strategic-merge' : entry.field === 'patchesJson6902' ? 'patch-json6902' : undefined;
  const documents = patchDocuments(kustomization, entry, entry.at, context, role);
  if (!documents) return;
  const patch = loadPatch(documents, origin, context, entry.field === 'patchesStrategicMerge' ? 'smp' : entry.field === 'patchesJson6902' ? 'json' : 'any');
  if (!patch) return;
  const options: PatchOptions = { allowNameChange: entry.options?.allowNameChange === true, allowKindChange: entry.options?.allowKindChange === true };
  const targetOrigin = entry.target ? entryOrigin(kustomization, ...entry.at, 'target') : origin;
  try {
    if (patch.kind === 'json') {
      if (!entry.target) { context.error('kustomize/invalid-field', 'a JSON 6902 patch needs a `target`: Kustomize fails the build ("must specify a target for JSON patch"). Add the kind and name of the object it patches.', origin); return; }
      const selected = selectResources(resources, entry.target);
      if (selected.length === 0) reportUnmatchedTarget(entry.target, targetOrigin, context);
      for (const resource of selected) {
        storePreviousId(resource);
        const result = applyJsonPatch(resource.node, patch.operations);
        if (result.t !== 'map') throw new BuildError('the patch turns the object into something that is not a map');
        resource.node = result;
      }
      return;
    }
    if (entry.target) {
      if (patch.documents.length > 1) { context.error('kustomize/build-error', 'a `patches` entry with a `target` may hold only one strategic-merge patch document: Kustomize fails the build. Split it into several entries.', origin); return; }
      const selected = selectResources(resources, entry.target);
      if (selected.length === 0) reportUnmatchedTarget(entry.target, targetOrigin, context);
      for (const resource of selected) applyOne(resources, resource, patch.documents[0], options, origin, context);
      return;
    }
    for (const document of patch.documents) {
      const id = idOfPatch(document.node);
      const matches = resources.filter((resource) => allIds(resource).some((other) => sameId(other, id)));
      if (matches.length !== 1) { smpTargetMissing(id, matches.length, originAt(document.origin, 'metadata', 'name'), context); continue; }
      applyOne(resources, matches[0], document, options, origin, context);
    }
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    context.error('kustomize/build-error', `the patch cannot be applied: ${error.message}. Kustomize fails the build.`, origin);
  }
}

function applyOne(resources: Resource[], resource: Resource, document: { node: TMap; origin: Origin }, options: PatchOptions, entry: Origin, context: BuildContext): void {
  const problem = claimTemplatePatchProblem(resource, document.node, entry);
  if (problem) context.problems.push(problem);
  if (!applySmp(resource, document.node, options)) resources.splice(resources.indexOf(resource), 1);
}

function reportUnmatchedTarget(target: Selector, origin: Origin, context: BuildContext): void {
  const parts = Object.entries(target).filter(([, value]) => typeof value === 'string' && value !== '').map(([key, value]) => `${key}: ${String(value)}`);
  context.report('kustomize/patch-target-missing', `The patch's target (${parts.join(', ') || 'any object'}) selects no object in the build, so Kustomize skips the patch without a word. Fix the target (names are matched before this kustomization's namePrefix/nameSuffix), or remove the patch.`, origin, 'warning');
}
