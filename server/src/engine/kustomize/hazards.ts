// Kustomize hazards for StatefulSets: a strategic-merge patch of volumeClaimTemplates (an atomic list:
// the patch replaces it whole and the claims lose what the patch does not repeat), and labels that
// reach a StatefulSet's selector or claim templates (both immutable once the set exists).
import type { BuildProblem, Origin } from '../model/provenance';
import type { DataPath } from '../yaml/nodes';
import { gvkOf, nameOf, type Resource } from './resource';
import { nodeAt, originAt, stringAt, toData, type TList, type TMap, type TNode } from './tree';

const isStatefulSet = (resource: Resource): boolean => { const gvk = gvkOf(resource); return gvk.kind === 'StatefulSet' && gvk.group === 'apps'; };

function leaves(node: TNode, prefix: DataPath, out: DataPath[]): DataPath[] {
  if (node.t === 'map' && node.fields.size > 0) for (const [key, child] of node.fields) leaves(child, [...prefix, key], out);
  else out.push(prefix);
  return out;
}

const pointer = (path: DataPath): string => path.map((step) => `/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function matchTemplate(templates: TList, element: TNode, index: number): number {
  const name = stringAt(element, ['metadata', 'name']);
  if (name === undefined) return index < templates.items.length ? index : -1;
  return templates.items.findIndex((template) => stringAt(template, ['metadata', 'name']) === name);
}

/** The warning (with its JSON 6902 fix as data) for a strategic-merge patch that replaces claim templates and drops fields. */
export function claimTemplatePatchProblem(resource: Resource, patch: TMap, entry: Origin): BuildProblem | undefined {
  const patched = nodeAt(patch, ['spec', 'volumeClaimTemplates']);
  const existing = nodeAt(resource.node, ['spec', 'volumeClaimTemplates']);
  if (!isStatefulSet(resource) || patched?.t !== 'list' || existing?.t !== 'list' || existing.items.length === 0) return undefined;
  const lost: string[] = [];
  existing.items.forEach((template, index) => {
    const name = stringAt(template, ['metadata', 'name']) ?? `#${index}`;
    const match = patched.items.find((element, at) => matchTemplate(existing, element, at) === index);
    if (!match) { lost.push(`the whole claim template \`${name}\``); return; }
    for (const path of leaves(template, [], [])) {
      if (!nodeAt(match, path)) lost.push(`\`${name}\`: ${path.join('.')}`);
    }
  });
  if (lost.length === 0) return undefined;
  const operations: { op: 'add' | 'replace'; path: string; value: unknown }[] = [];
  patched.items.forEach((element, at) => {
    const index = matchTemplate(existing, element, at);
    if (index < 0) { operations.push({ op: 'add', path: '/spec/volumeClaimTemplates/-', value: toData(element) }); return; }
    const base = existing.items[index];
    for (const path of leaves(element, [], [])) {
      if (path.join('.') === 'metadata.name') continue;
      const present = path.findIndex((_, depth) => !nodeAt(base, path.slice(0, depth + 1)));
      const cut = present < 0 ? path.length : present + 1;
      const op = present < 0 ? 'replace' : 'add';
      const full = ['spec', 'volumeClaimTemplates', index, ...path.slice(0, cut)];
      if (operations.some((operation) => operation.path === pointer(full))) continue;
      operations.push({ op, path: pointer(full), value: toData(nodeAt(element, path.slice(0, cut))!) });
    }
  });
  const remaining = toData(patch) as Record<string, unknown>;
  const spec = { ...(remaining.spec as Record<string, unknown>) };
  delete spec.volumeClaimTemplates;
  const remainingPatch = Object.keys(spec).length > 0 || Object.keys(remaining).some((key) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(key))
    ? { ...remaining, spec } : undefined;
  const origin = originAt(nodeAt(patch, ['spec'])?.origin ?? patch.origin, 'volumeClaimTemplates');
  const gvk = gvkOf(resource);
  return {
    ruleId: 'kustomize/claim-template-patch', severity: 'warning', origin,
    message: `This strategic-merge patch sets \`spec.volumeClaimTemplates\` of StatefulSet ${nameOf(resource)}: the list has no merge key, so the patch replaces it whole and the claims lose ${lost.slice(0, 4).join(', ')}${lost.length > 4 ? ` and ${lost.length - 4} more` : ''}. Change only the fields you mean with a JSON 6902 patch (\`op: replace\`, path \`/spec/volumeClaimTemplates/0/spec/resources/requests/storage\`), or repeat every field of the claim template in the patch.`,
    fix: {
      title: 'Turn into a JSON 6902 patch', kind: 'claim-template-json6902', origin, entry,
      target: { group: gvk.group, version: gvk.version, kind: gvk.kind, name: nameOf(resource) }, operations,
      ...(remainingPatch ? { remainingPatch } : {}),
    },
  };
}

/** The labels of a StatefulSet that cannot change once it exists: its selector and its claim templates' labels. */
export function immutableLabels(resource: Resource): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>();
  if (!isStatefulSet(resource)) return result;
  const read = (node: TNode | undefined): Map<string, string> => {
    const values = new Map<string, string>();
    if (node?.t === 'map') for (const [key, value] of node.fields) if (value.t === 'scalar') values.set(key, String(value.value));
    return values;
  };
  result.set('spec.selector.matchLabels', read(nodeAt(resource.node, ['spec', 'selector', 'matchLabels'])));
  const templates = nodeAt(resource.node, ['spec', 'volumeClaimTemplates']);
  if (templates?.t === 'list') {
    templates.items.forEach((template, index) => {
      result.set(`claim template ${stringAt(template, ['metadata', 'name']) ?? index}`, read(nodeAt(template, ['metadata', 'labels'])));
    });
  }
  return result;
}

/** Warnings for each label a transformer added to or changed in a StatefulSet's immutable labels. */
export function immutableLabelProblems(resource: Resource, before: Map<string, Map<string, string>>, origins: Map<string, Origin>, how: string): BuildProblem[] {
  const after = immutableLabels(resource);
  const reached = new Map<string, string[]>();
  for (const [place, labels] of after) {
    for (const [key, value] of labels) {
      if (!origins.has(key) || before.get(place)?.get(key) === value) continue;
      reached.set(key, [...(reached.get(key) ?? []), place]);
    }
  }
  return [...reached].map(([key, places]) => ({
    ruleId: 'kustomize/immutable-labels', severity: 'warning' as const, origin: origins.get(key)!,
    message: `The label \`${key}\` (${how}) reaches ${places.join(' and ')} of StatefulSet ${nameOf(resource)}: a StatefulSet's selector and claim templates cannot change once it exists, so applying this overlay to a running set fails ("spec: Forbidden: updates to statefulset spec for fields other than ..."). Use \`labels:\` with \`includeSelectors: false\` (and \`includeTemplates: false\`) for labels that may change.`,
  }));
}
