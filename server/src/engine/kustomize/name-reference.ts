// Kustomize's name reference fix-up (api/filters/nameref, accumulator/namereferencetransformer.go),
// run once at the end of a build: a field that names another object of the build (a StatefulSet's
// serviceName, a claim template's storageClassName, a volume's ConfigMap...) follows that object's
// renames (prefix, suffix, hash). Candidates are found by their previous names only, in reach of the
// referrer's namespace, and told apart by their prefixes and suffixes, as Kustomize does.
import { applyFieldSpec, BuildError } from './fieldspec';
import { nameReferences, type FieldSpec, type NameBackReference } from './fieldspecs';
import { currentId, effectiveNamespace, formatId, gvkOf, gvkSelected, isClusterScoped, nameOf, namespaceOf, originalId, type Resource } from './resource';
import { nodeAt, scalar, stringAt, type TMap, type TNode } from './tree';

function candidatesFor(referrer: Resource, resources: Resource[]): Resource[] {
  const id = currentId(referrer);
  if (isClusterScoped(id)) return resources;
  const subjectNamespaces = new Set<string>();
  if (id.kind === 'RoleBinding') {
    const subjects = nodeAt(referrer.node, ['subjects']);
    if (subjects?.t === 'list') for (const subject of subjects.items) if (stringAt(subject, ['kind']) === 'ServiceAccount') subjectNamespaces.add(stringAt(subject, ['namespace']) ?? '');
  }
  return resources.filter((resource) => {
    const other = currentId(resource);
    return isClusterScoped(other) || effectiveNamespace(other) === effectiveNamespace(id) || subjectNamespaces.has(namespaceOf(resource));
  });
}

/** Whether `a` ends with `b` or `b` with `a` (utils.SameEndingSubSlice). */
function sameEnding(a: string[], b: string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.every((value, index) => longer[longer.length - shorter.length + index] === value);
}

function affixesEqual(a: Resource, b: Resource, allowEmpty: boolean): boolean {
  const prefixes = (allowEmpty && (a.prefixes.length === 0 || b.prefixes.length === 0)) || sameEnding(a.prefixes, b.prefixes);
  const suffixes = (allowEmpty && (a.suffixes.length === 0 || b.suffixes.length === 0)) || sameEnding(a.suffixes, b.suffixes);
  return prefixes && suffixes;
}

function selectReferral(oldName: string, candidates: Resource[], referrer: Resource, target: NameBackReference, spec: FieldSpec, identical: (found: Resource[]) => boolean): Resource | undefined {
  let found = candidates.filter((resource) => resource.prevIds.some((id) => id.name === oldName));
  found = found.filter((resource) => resource.prevIds.some((id) => gvkSelected(id, target)));
  if (spec.path.endsWith('roleRef/name')) {
    const group = stringAt(referrer.node, ['roleRef', 'apiGroup']);
    const kind = stringAt(referrer.node, ['roleRef', 'kind']);
    if (group !== undefined && kind !== undefined) found = found.filter((resource) => resource.prevIds.some((id) => gvkSelected(id, { group, kind })));
  }
  const referrerId = currentId(referrer);
  if (!isClusterScoped(referrerId)) {
    found = found.filter((resource) => {
      const id = currentId(resource);
      return isClusterScoped(id) || id.kind === 'ServiceAccount' || effectiveNamespace(id) === effectiveNamespace(referrerId);
    });
  }
  if (found.length === 1) return found[0];
  found = found.filter((resource) => affixesEqual(resource, referrer, true));
  if (found.length > 1) found = found.filter((resource) => affixesEqual(resource, referrer, false));
  if (found.length <= 1) return found[0];
  if (identical(found)) return found[0];
  throw new BuildError(`found multiple possible referrals for "${oldName}" in ${formatId(referrerId)}: ${found.map((resource) => formatId(currentId(resource))).join(', ')}`);
}

function nameOrigin(resource: Resource): TNode['origin'] {
  return nodeAt(resource.node, ['metadata', 'name'])?.origin ?? resource.origin;
}

function setScalar(node: TNode, candidates: Resource[], referrer: Resource, target: NameBackReference, spec: FieldSpec): void {
  if (node.t !== 'scalar' || node.value === null) return;
  const referral = selectReferral(String(node.value), candidates, referrer, target, spec, (found) => found.every((resource) => nameOf(resource) === nameOf(found[0])));
  if (!referral || nameOf(referral) === String(node.value)) return;
  node.value = nameOf(referral);
  node.origin = nameOrigin(referral);
}

function setMapping(node: TMap, candidates: Resource[], referrer: Resource, target: NameBackReference, spec: FieldSpec): void {
  const name = node.fields.get('name');
  if (!name) throw new BuildError(`path config error; no 'name' field in node at ${spec.path}`);
  const namespace = stringAt(node, ['namespace']);
  let inNamespace = candidates;
  if (namespace !== undefined) {
    const byOriginal = candidates.filter((resource) => effectiveNamespace(originalId(resource)) === namespace);
    inNamespace = byOriginal.length > 0 ? byOriginal : candidates.filter((resource) => effectiveNamespace(currentId(resource)) === namespace);
  }
  if (name.t !== 'scalar' || name.value === null) return;
  const oldName = String(name.value);
  const referral = selectReferral(oldName, inNamespace, referrer, target, spec,
    (found) => found.every((resource) => nameOf(resource) === nameOf(found[0]) && namespaceOf(resource) === namespaceOf(found[0])));
  if (!referral || (nameOf(referral) === oldName && namespaceOf(referral) === '')) return;
  node.fields.set('name', scalar(nameOf(referral), nameOrigin(referral)));
  if (namespaceOf(referral) !== '') node.fields.set('namespace', scalar(namespaceOf(referral), nodeAt(referral.node, ['metadata', 'namespace'])!.origin));
}

/** Rewrites every name reference in the build to the referenced object's final name. */
export function fixNameReferences(resources: Resource[]): void {
  for (const referrer of resources) {
    const referrerGvk = originalId(referrer);
    let candidates: Resource[] | undefined;
    for (const target of nameReferences) {
      if (!target.referrers.some((spec) => spec.kind === referrerGvk.kind)) continue;
      for (const spec of target.referrers) {
        if (!gvkSelected(referrerGvk, spec)) continue;
        candidates ??= candidatesFor(referrer, resources).filter((resource) => resource.prevIds.length > 0);
        const visit = (node: TNode): void => {
          if (node.t === 'scalar') setScalar(node, candidates!, referrer, target, spec);
          else if (node.t === 'map') setMapping(node, candidates!, referrer, target, spec);
          else for (const item of node.items) {
            if (item.t === 'scalar') setScalar(item, candidates!, referrer, target, spec);
            else if (item.t === 'map') setMapping(item, candidates!, referrer, target, spec);
          }
        };
        applyFieldSpec(referrer.node, { path: spec.path, ...gvkOf(referrer) }, undefined, referrer.origin, visit);
      }
    }
  }
}
