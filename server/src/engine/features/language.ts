// Editor features as pure functions: outline symbols and hover. (Completion lives in completion.ts.)
import { identityHover, type StatefulSetIdentities } from '../identities/compute';
import { isBuiltin } from '../k8s/kinds';
import { WorkspaceLookups } from '../model/lookups';
import { protectionSummary } from '../model/protected-pods';
import { workspaceIndex } from '../model/workspace-index';
import { manifestAt, objectSpan, type Manifest } from '../model/manifest';
import type { WorkspaceModel } from '../model/workspace-model';
import { spanOf, type DataPath } from '../yaml/nodes';
import { controllerLabelMeanings, controllerLabelsOf, describeControllerValue } from '../k8s/controller-labels';
import { podTemplatePath } from '../k8s/workload';
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
 * `replicas`, `serviceName` and claim template names also show the pod, DNS and PVC names they produce;
 * template labels and selectors say which labels the controller adds to the pods.
 */
export function hover(manifests: readonly Manifest[], offset: number, store: SchemaStore, workspace?: {
  model: WorkspaceModel; settings: EngineSettings; problems: (set: StatefulSetIdentities) => StatefulSetIdentities;
  /** The names the builds that use the file give (a base's StatefulSet): shown instead of the document's own, when set. */
  buildNames?: (offset: number) => string | undefined;
}): HoverData | undefined {
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
  const names = workspace && (workspace.buildNames?.(offset) ?? identityHover(manifest.file, offset, workspace.model, workspace.settings, workspace.problems));
  if (names) lines.push('', '---', '', names);
  if (workspace && isBuiltin(manifest, 'PodDisruptionBudget')) {
    lines.push('', '---', '', protectionSummary(new WorkspaceLookups(workspaceIndex(workspace.model)), manifest, workspace.model.namespaceOf(manifest)));
  }
  const added = controllerLabelHover(manifest, path);
  if (added) lines.push('', '---', '', added);
  return { markdown: lines.join('\n'), span: { start: at.scalar.start, end: at.scalar.end } };
}

/**
 * Which labels come from the controller: on a workload's template labels, the labels its pods get
 * besides them; on a selector key that is a controller label, who sets it and to what.
 */
function controllerLabelHover(manifest: Manifest, path: DataPath): string | undefined {
  const templatePath = podTemplatePath(manifest.kind);
  const labelsPath = templatePath && [...templatePath, 'metadata', 'labels'];
  if (labelsPath && path.length >= labelsPath.length && labelsPath.every((step, i) => path[i] === step)) {
    const added = controllerLabelsOf(manifest);
    if (added.length === 0) return undefined;
    return [`Besides these labels, ${added[0].controller} adds to each pod:`, '',
      ...added.map((label) => `- \`${label.key}\`: ${describeControllerValue(label.value)}`)].join('\n');
  }
  const key = path[path.length - 1];
  const inSelector = path.length >= 3 && (path[path.length - 2] === 'selector' || path[path.length - 2] === 'matchLabels');
  const meaning = inSelector && typeof key === 'string' ? controllerLabelMeanings[key] : undefined;
  return meaning && `\`${key}\` is not in any pod template: ${meaning}. A selector on it selects those pods.`;
}
