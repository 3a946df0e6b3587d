// sts/immutable-field-changed: compared with the same StatefulSet as committed (git HEAD, or the ref
// set in statefulset.compareWith), a field changed that an update may not change: `kubectl apply` and
// `helm upgrade` of the existing StatefulSet will be refused.
import type { Rule, WorkspaceContext } from '../../check/rule';
import { fieldPath } from '../../check/rule';
import { removePair } from '../../edit/remove';
import { replaceValue } from '../../edit/replace';
import { setKey } from '../../edit/insert';
import { compareQuantities, parseQuantity } from '../../k8s/quantity';
import { isStatefulSet, ordinalRange } from '../../k8s/statefulset';
import { immutableChanges, revisionHistoryLimitMutableFrom, updateRefusal, type ImmutableChange } from '../../k8s/statefulset-update';
import { get, type Manifest } from '../../model/manifest';
import { committedStatefulSet, committedLabel, shown } from '../../model/committed-objects';
import { relatedAt } from '../../model/locations';
import type { FixData, RuleFinding } from '../../types';

/** `data-web-0 … data-web-2`: the claims a claim template gives the StatefulSet's pods. */
function claimNames(sts: Manifest, claim: string): string {
  const { replicas, start } = ordinalRange(sts);
  const first = `${claim}-${sts.name}-${start}`;
  return replicas <= 1 ? first : `${first} … ${claim}-${sts.name}-${start + replicas - 1}`;
}

const orphan = (name: string): string => `\`kubectl delete statefulset ${name} --cascade=orphan\` (its pods and claims stay) and apply it again`;

/** What to do instead of this change, in the words of the field. */
function advice(ctx: WorkspaceContext, change: ImmutableChange, committed: Manifest): string {
  const sts = ctx.manifest;
  const { field, path, before, after } = change;
  if (field === 'volumeClaimTemplates' && path.length > 3) {
    const index = path[2] as number;
    const claim = String(get(sts.value, 'spec', 'volumeClaimTemplates', index, 'metadata', 'name') ?? 'claim');
    const inside = path.slice(3).join('.');
    if (inside === 'spec.resources.requests.storage') {
      const old = parseQuantity(before);
      const now = parseQuantity(after);
      if (old && now && compareQuantities(now, old) < 0) return 'A claim can never shrink: revert the size.';
      const className = get(sts.value, 'spec', 'volumeClaimTemplates', index, 'spec', 'storageClassName');
      const classes = typeof className === 'string' ? ctx.lookups.storageClass(className) : [];
      const claims = claimNames(committed, claim);
      if (classes.length && !classes.some((sc) => get(sc.value, 'allowVolumeExpansion') === true)) {
        return `StorageClass ${JSON.stringify(className)} does not set allowVolumeExpansion: true, so the existing claims (${claims}) cannot grow: revert the size.`;
      }
      const needs = classes.length ? '' : '; their StorageClass must have allowVolumeExpansion: true';
      return `To grow the volumes, resize each existing claim instead (${claims}${needs}): \`kubectl patch pvc ${claim}-${sts.name}-${ordinalRange(sts).start} -p '{"spec":{"resources":{"requests":{"storage":"${String(after)}"}}}}'\`, `
        + `then ${orphan(sts.name)}: the new StatefulSet adopts the pods and claims, and claims created later get the new size.`;
    }
    if (inside.startsWith('metadata.labels') || inside.startsWith('metadata.annotations')) {
      return `Revert it, or put the ${inside.startsWith('metadata.labels') ? 'label' : 'annotation'} on the existing claims themselves (${claimNames(committed, claim)}): a claim template applies only when a claim is created.`;
    }
    return `The existing claims (${claimNames(committed, claim)}) keep what they were created with. Revert it, or ${orphan(sts.name)} (only claims created from then on follow the new template).`;
  }
  if (field === 'revisionHistoryLimit') return `Revert it (Kubernetes ${revisionHistoryLimitMutableFrom} and later accept this change), or ${orphan(sts.name)}.`;
  if (field === 'selector') return `Revert it: a StatefulSet's selector is fixed at creation. To change it, ${orphan(sts.name)}, with template labels that the new selector selects.`;
  return `Revert it, or ${orphan(sts.name)}.`;
}

/** The quick fix that puts the committed value back. */
function revert(sts: Manifest, change: ImmutableChange, ref: string): FixData[] {
  const { path, before, after } = change;
  const key = path[path.length - 1];
  let edit;
  if (before === undefined) edit = removePair(sts, path);
  else if (after === undefined && typeof key === 'string') edit = setKey(sts, path.slice(0, -1), key, before);
  else edit = replaceValue(sts, path, before);
  return edit ? [{ title: `Revert ${fieldPath(path)} to its value at ${ref} (${shown(before)})`, edits: [edit], preferred: true }] : [];
}

export const stsImmutableFieldChanged: Rule = {
  id: 'sts/immutable-field-changed',
  defaultSeverity: 'error',
  description: 'Compared with the committed version (git HEAD by default), a StatefulSet field changed that the API server does not let an update change.',
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const sts = ctx.manifest;
    if (!isStatefulSet(sts) || !sts.name) return [];
    const found = committedStatefulSet(ctx, ctx.namespace, sts.name);
    if (!found) return [];
    const { committed, version } = found;
    const target = ctx.settings.kubernetesVersion;
    const findings: RuleFinding[] = [];
    for (const change of immutableChanges(committed.value, sts.value, target)) {
      const exists = change.after !== undefined;
      const whole = change.path.length === 2 && typeof change.after === 'object';
      const span = exists ? (whole ? ctx.keySpan(change.path) : ctx.valueSpan(change.path)) : get(sts.value, ...change.path.slice(0, 2)) !== undefined ? ctx.keySpan(change.path.slice(0, 2)) : ctx.valueSpan(['metadata', 'name']);
      const was = change.before === undefined ? 'not set' : shown(change.before);
      const now = change.after === undefined ? 'removed' : shown(change.after);
      findings.push({
        ...span,
        message: `${fieldPath(change.path)} changed from ${was} ${committedLabel(version)} to ${now}: the API server refuses this update of the existing StatefulSet ("${updateRefusal(target, change.path, change.after)}"), so \`kubectl apply\` and \`helm upgrade\` fail. ${advice(ctx, change, committed)}`,
        related: [relatedAt(committed, change.before === undefined ? `Not set in StatefulSet ${JSON.stringify(sts.name)} ${committedLabel(version)}.` : `${fieldPath(change.path)} ${committedLabel(version)}: ${shown(change.before)}.`,
          change.before === undefined ? ['metadata', 'name'] : change.path)],
        fixes: revert(sts, change, version.ref),
      });
    }
    return findings;
  },
};
