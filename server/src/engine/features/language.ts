// Editor features as pure functions: outline symbols and hover. (Completion lives in completion.ts.)
import { identityHover, type StatefulSetIdentities } from '../identities/compute';
import { manifestAt, objectSpan, type Manifest } from '../model/manifest';
import type { WorkspaceModel } from '../model/workspace-model';
import { spanOf } from '../yaml/nodes';
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

/** One symbol per Kubernetes object of a file (its manifests, as the model holds them, a List's items too): `StatefulSet web`. */
export function documentSymbols(manifests: readonly Manifest[]): DocumentSymbolData[] {
  const symbols: DocumentSymbolData[] = [];
  for (const manifest of manifests) {
    const whole = objectSpan(manifest);
    const nameNode = manifest.locate(['metadata', 'name']).node;
    const kindNode = manifest.locate(['kind']).node;
    const selection = spanOf(nameNode) ?? spanOf(kindNode) ?? whole;
    const span = { start: Math.min(whole.start, selection.start), end: Math.max(whole.end, selection.end) };
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
export function hover(manifests: readonly Manifest[], offset: number, store: SchemaStore, workspace?: { model: WorkspaceModel; settings: EngineSettings; problems: (set: StatefulSetIdentities) => StatefulSetIdentities }): HoverData | undefined {
  const found = manifestAt(manifests, offset);
  if (!found) return undefined;
  const { manifest, at } = found;
  if (!at || !at.scalar || at.path.length === 0) return undefined;
  const path = at.path;
  const schema = store.schemaAt(manifest.apiVersion, manifest.kind, path);
  const last = path[path.length - 1];
  if (!schema) return undefined;
  const lines = [`**${typeof last === 'number' ? fieldPath(path) : last}**: \`${typeName(schema, store)}\``, ''];
  if (schema.description) lines.push(schema.description, '');
  if (schema.enum) lines.push(`Allowed values: ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`, '');
  lines.push(`\`${fieldPath(path)}\` in ${manifest.kind} (${manifest.apiVersion}), Kubernetes ${store.bundle.kubernetesVersion}`);
  const names = workspace && identityHover(manifest.file, offset, workspace.model, workspace.settings, workspace.problems);
  if (names) lines.push('', '---', '', names);
  return { markdown: lines.join('\n'), span: { start: at.scalar.start, end: at.scalar.end } };
}
