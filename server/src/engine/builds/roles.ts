// How a file is checked according to the role it plays in the builds (check/policy.ts):
// - a resource of a build holds whole objects: every rule that reads only the object runs on it, but
//   its cross-file rules run inside each build (build-check.ts), never across the whole workspace, so
//   that two variants of one base in sibling folders are not paired into an error no build produces;
// - a strategic-merge patch is checked for what a patch can get wrong (unknown fields, wrong types,
//   enums, formats) with its `$patch`-style directives left out; everything that needs the whole object
//   (required fields, selector vs template, mounts vs volumes) is judged on the built objects instead,
//   and placed back on the patch line;
// - a JSON 6902 patch, a kustomization and a component get the YAML rules only (their content is
//   checked by the build: operations that cannot apply, unknown fields, missing paths);
// - a generator input is data, not YAML to check;
// - a file no build uses that is known not to hold Kubernetes objects by its name and place (a Helm
//   chart's Chart.yaml and values files, CI workflows, Compose files: known-files.ts) is not checked.
import type { DocumentPolicy } from '../check/policy';
import type { Rule } from '../check/rule';
import type { Manifest } from '../model/manifest';
import type { FileRole } from './source';
import { knownNonKubernetesFile } from './known-files';

/** The roles of check policies: a file's role in the builds, or what its name says it is. */
export type CheckRole = FileRole | 'not-kubernetes';

const isYamlRule = (rule: Rule): boolean => rule.id.startsWith('yaml/');

/** The rules a strategic-merge patch can break on its own: its fields' names, types, values and formats. */
const patchRules = new Set(['schema/unknown-field', 'schema/type', 'schema/enum', 'schema/format']);

/** Keys that are strategic-merge directives, not fields of the object. */
export function isPatchDirective(key: string): boolean {
  return key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/');
}

/** A patch's data without its directives (list elements stay where they are: the data paths are the document's). */
function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutDirectives);
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(record)) {
    const clean = isPatchDirective(key) ? undefined : withoutDirectives(item);
    if (clean !== item && !copy) copy = { ...record };
    if (!copy) continue;
    if (clean === undefined) delete copy[key]; else copy[key] = clean;
  }
  return copy ?? value;
}

const patchViews = new WeakMap<Manifest, Manifest>();

/** The manifest of a patch document as the rules see it: the same document, without the directives. */
function patchView(manifest: Manifest): Manifest {
  let view = patchViews.get(manifest);
  if (!view) {
    const value = withoutDirectives(manifest.value) as Record<string, unknown>;
    view = value === manifest.value ? manifest : {
      uri: manifest.uri, docIndex: manifest.docIndex, apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.name,
      namespace: manifest.namespace, value, document: manifest.document, file: manifest.file, root: manifest.root,
      locate: (path) => manifest.locate(path), keySpan: (path) => manifest.keySpan(path), valueSpan: (path) => manifest.valueSpan(path),
    };
    patchViews.set(manifest, view);
  }
  return view;
}

const policies: Record<CheckRole, DocumentPolicy> = {
  resource: { key: 'resource', runs: () => true, workspace: false, cache: true },
  'patch-strategic-merge': { key: 'patch', runs: (rule) => isYamlRule(rule) || patchRules.has(rule.id), view: patchView, workspace: false, cache: false },
  'patch-json6902': { key: 'json6902', runs: isYamlRule, workspace: false, cache: false },
  kustomization: { key: 'kustomization', runs: isYamlRule, workspace: false, cache: false },
  component: { key: 'kustomization', runs: isYamlRule, workspace: false, cache: false },
  'generator-input': { key: 'generator-input', runs: () => false, workspace: false, cache: false },
  'not-kubernetes': { key: 'not-kubernetes', runs: () => false, workspace: false, cache: false, silent: true },
  // A chart's Chart.yaml and values files are YAML but not objects: their content is checked by the
  // chart's build (helm/chart-invalid, helm/values-schema); values passed to `tpl` may hold `{{ }}`, which is
  // no mistake there. A template is not YAML until rendered: the
  // chart's build reads it (statically, or rendered); only the size note applies to its own text.
  'helm-chart': { key: 'helm-chart', runs: (rule) => isYamlRule(rule) && rule.id !== 'yaml/template', workspace: false, cache: false },
  'helm-values': { key: 'helm-values', runs: (rule) => isYamlRule(rule) && rule.id !== 'yaml/template', workspace: false, cache: false },
  'helm-template': { key: 'helm-template', runs: (rule) => rule.id === 'yaml/skipped', workspace: false, cache: false },
  'helm-helper': { key: 'helm-helper', runs: () => false, workspace: false, cache: false },
};

export function policyOf(role: CheckRole | undefined): DocumentPolicy | undefined {
  return role ? policies[role] : undefined;
}

/** The role of a file: the one it plays in the builds, else 'not-kubernetes' when its name or place says so. */
export function checkRoleOf(buildRole: FileRole | undefined, uri: string): CheckRole | undefined {
  return buildRole ?? (knownNonKubernetesFile(uri) ? 'not-kubernetes' : undefined);
}
