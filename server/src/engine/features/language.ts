// Editor features as pure functions: outline symbols and hover. (Completion lives in completion.ts.)
import { identityHover, type StatefulSetIdentities } from '../identities/compute';
import { isBuiltin } from '../k8s/kinds';
import { WorkspaceLookups } from '../model/lookups';
import { protectionSummary } from '../model/protected-pods';
import { workspaceIndex } from '../model/workspace-index';
import type { Manifest } from '../model/manifest';
import type { WorkspaceModel } from '../model/workspace-model';
import { parseTree } from '../yaml';
import { pathAtOffset, spanOf, locate } from '../yaml/nodes';
import { fieldPath } from '../check/rule';
import { typeName, type SchemaStore } from '../schema/store';
import type { EngineSettings, Span } from '../types';

export interface DocumentSymbolData {
  name: string;
  detail: string;
  kind: string;
  span: Span;
  selection: Span;
}

/** One symbol per Kubernetes object of a file (its manifests, as the model holds them): `StatefulSet web`. */
export function documentSymbols(manifests: readonly Manifest[]): DocumentSymbolData[] {
  const symbols: DocumentSymbolData[] = [];
  for (const manifest of manifests) {
    const document = manifest.document;
    const tree = parseTree(document);
    const nameNode = locate(tree, ['metadata', 'name']).node;
    const kindNode = locate(tree, ['kind']).node;
    const selection = spanOf(nameNode) ?? spanOf(kindNode) ?? document.span;
    const span = { start: Math.min(document.span.start, selection.start), end: Math.max(document.span.end, selection.end) };
    const namespace = manifest.namespace ? ` (${manifest.namespace})` : '';
    symbols.push({
      name: `${manifest.kind} ${manifest.name || '<no name>'}`,
      detail: `${manifest.apiVersion}${namespace}`,
      kind: manifest.kind,
      span,
      selection,
    });
  }
  return symbols;
}

export interface HoverData {
  markdown: string;
  span: Span;
}

/**
 * The schema documentation of the field under the cursor: name, type and description. With the workspace,
 * `replicas`, `serviceName` and claim template names also show the pod, DNS and PVC names they produce.
 */
export function hover(manifests: readonly Manifest[], offset: number, store: SchemaStore, workspace?: {
  model: WorkspaceModel; settings: EngineSettings; problems: (set: StatefulSetIdentities) => StatefulSetIdentities;
  /** The names the builds that use the file give (a base's StatefulSet): shown instead of the document's own, when set. */
  buildNames?: (offset: number) => string | undefined;
}): HoverData | undefined {
  const manifest = manifests.find((candidate) => offset >= candidate.document.span.start && offset <= candidate.document.span.end);
  if (!manifest) return undefined;
  const document = manifest.document;
  const at = pathAtOffset(parseTree(document), offset);
  if (!at || !at.scalar || at.path.length === 0) return undefined;
  const path = at.path;
  const schema = store.schemaAt(manifest.apiVersion, manifest.kind, path);
  const last = path[path.length - 1];
  if (!schema) return undefined;
  const lines = [`**${typeof last === 'number' ? fieldPath(path) : last}**: \`${typeName(schema, store)}\``, ''];
  if (schema.description) lines.push(schema.description, '');
  if (schema.enum) lines.push(`Allowed values: ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`, '');
  lines.push(`\`${fieldPath(path)}\` in ${manifest.kind} (${manifest.apiVersion}), Kubernetes ${store.bundle.kubernetesVersion}`);
  const names = workspace && (workspace.buildNames?.(offset) ?? identityHover(manifest.file, offset, workspace.model, workspace.settings, workspace.problems));
  if (names) lines.push('', '---', '', names);
  if (workspace && isBuiltin(manifest, 'PodDisruptionBudget')) {
    lines.push('', '---', '', protectionSummary(new WorkspaceLookups(workspaceIndex(workspace.model)), manifest, workspace.model.namespaceOf(manifest)));
  }
  return { markdown: lines.join('\n'), span: { start: at.scalar.start, end: at.scalar.end } };
}
