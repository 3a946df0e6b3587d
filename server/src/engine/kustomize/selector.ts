// Patch targets (kustomize/api/types/selector.go, resmap.Select): group, version, kind, name and
// namespace are anchored regular expressions matched against the resource's original or current id;
// labelSelector and annotationSelector use the Kubernetes label selector syntax.
import { BuildError } from './fieldspec';
import { currentId, effectiveNamespace, gvkOf, originalId, type Resource } from './resource';
import { nodeAt, type TNode } from './tree';

export interface Selector {
  group?: string; version?: string; kind?: string; name?: string; namespace?: string;
  labelSelector?: string; annotationSelector?: string;
}

function anchored(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new BuildError(`the target pattern "${pattern}" is not a valid regular expression: ${(error as Error).message}`);
  }
}

type Requirement = (values: Map<string, string>) => boolean;

/** Parses a label selector string (`app=web,tier!=db,env in (a,b),!legacy`). */
export function parseLabelSelector(text: string): Requirement[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) { terms.push(current); current = ''; } else current += char;
  }
  if (current.trim() !== '' || terms.length > 0) terms.push(current);
  return terms.map((raw) => {
    const term = raw.trim();
    let match = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (match) {
      const [, key, op, list] = match;
      const set = new Set(list.split(',').map((value) => value.trim()).filter((value) => value !== ''));
      return op === 'in' ? (values) => values.has(key) && set.has(values.get(key)!) : (values) => !values.has(key) || !set.has(values.get(key)!);
    }
    match = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/.exec(term);
    if (match) {
      const [, key, op, value] = match;
      return op === '!=' ? (values) => values.get(key) !== value : (values) => values.get(key) === value;
    }
    if (/^![^\s!=]+$/.test(term)) return (values) => !values.has(term.slice(1));
    if (/^[^\s!=()]+$/.test(term)) return (values) => values.has(term);
    throw new BuildError(`the selector "${text}" is not a valid label selector: cannot read "${term}"`);
  });
}

function stringMap(node: TNode | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (node?.t === 'map') for (const [key, value] of node.fields) if (value.t === 'scalar' && value.value !== null) result.set(key, String(value.value));
  return result;
}

/** The resources a target selects, in build order. */
export function selectResources(resources: Resource[], selector: Selector): Resource[] {
  const group = anchored(selector.group);
  const version = anchored(selector.version);
  const kind = anchored(selector.kind);
  const name = anchored(selector.name);
  const namespace = anchored(selector.namespace);
  const labels = selector.labelSelector ? parseLabelSelector(selector.labelSelector) : [];
  const annotations = selector.annotationSelector ? parseLabelSelector(selector.annotationSelector) : [];
  return resources.filter((resource) => {
    const current = currentId(resource);
    const original = originalId(resource);
    if (namespace && !namespace.test(effectiveNamespace(original)) && !namespace.test(effectiveNamespace(current))) return false;
    if (name && !name.test(original.name) && !name.test(current.name)) return false;
    const gvk = gvkOf(resource);
    if ((group && !group.test(gvk.group)) || (version && !version.test(gvk.version)) || (kind && !kind.test(gvk.kind))) return false;
    const labelValues = stringMap(nodeAt(resource.node, ['metadata', 'labels']));
    if (!labels.every((requirement) => requirement(labelValues))) return false;
    const annotationValues = stringMap(nodeAt(resource.node, ['metadata', 'annotations']));
    return annotations.every((requirement) => requirement(annotationValues));
  });
}
