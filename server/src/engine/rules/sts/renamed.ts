// sts/renamed: a StatefulSet of the committed file (git HEAD by default) is gone, and in its place a
// new one with the same selector has another name or namespace. For Kubernetes that is a new
// StatefulSet: its pods get new, empty claims, while the old StatefulSet and its data stay.
import type { Rule } from '../../check/rule';
import { replaceString } from '../../edit/replace';
import { isStatefulSet, ordinalRange } from '../../k8s/statefulset';
import { committedLabel, committedStatefulSets } from '../../model/committed-objects';
import { relatedAt } from '../../model/locations';
import { get, type Manifest } from '../../model/manifest';
import type { FixData } from '../../types';

/** The claim templates' names. */
function claimsOf(sts: Manifest): string[] {
  const templates = get(sts.value, 'spec', 'volumeClaimTemplates');
  return Array.isArray(templates) ? templates.map((template: unknown) => get(template, 'metadata', 'name')).filter((name): name is string => typeof name === 'string' && !!name) : [];
}

/** `data-web-0 … data-web-2` (or `web-0 … web-2` for the pods when `claim` is empty). */
function numbered(sts: Manifest, name: string, claim = ''): string {
  const { replicas, start } = ordinalRange(sts);
  const base = claim ? `${claim}-${name}` : name;
  return replicas <= 1 ? `${base}-${start}` : `${base}-${start} … ${base}-${start + replicas - 1}`;
}

const sameSelector = (a: Manifest, b: Manifest): boolean => JSON.stringify(get(a.value, 'spec', 'selector') ?? null) === JSON.stringify(get(b.value, 'spec', 'selector') ?? null);

export const stsRenamed: Rule = {
  id: 'sts/renamed',
  defaultSeverity: 'warning',
  description: 'A committed StatefulSet was renamed (or moved to another namespace): Kubernetes creates a new one with new, empty claims, and the old one and its data stay.',
  scope: 'workspace',
  kinds: ['StatefulSet'],
  check(ctx) {
    const sts = ctx.manifest;
    if (!isStatefulSet(sts) || !sts.name || get(sts.value, 'spec', 'selector') === undefined) return [];
    const committed = committedStatefulSets(ctx);
    if (!committed || committed.sets.some((set) => set.namespace === ctx.namespace && set.manifest.name === sts.name)) return [];
    // Committed StatefulSets with the same selector that no longer exist anywhere in the workspace.
    const gone = committed.sets.filter((set) => set.manifest.name && sameSelector(set.manifest, sts)
      && ctx.lookups.statefulSets(set.namespace, set.manifest.name).length === 0);
    const old = gone.find((set) => set.manifest.docIndex === sts.docIndex) ?? (gone.length === 1 ? gone[0] : undefined);
    if (!old) return [];
    const before = old.manifest;
    const label = committedLabel(committed.version);
    const what = before.name !== sts.name
      ? `StatefulSet ${JSON.stringify(before.name)} ${label} is renamed to ${JSON.stringify(sts.name)}`
      : `StatefulSet ${JSON.stringify(sts.name)} moved from namespace ${JSON.stringify(old.namespace)} ${label} to ${JSON.stringify(ctx.namespace)}`;
    const claims = claimsOf(sts);
    const newClaims = claims.length ? ` Its pods ${numbered(sts, sts.name)} get new, empty claims (${claims.map((claim) => numbered(sts, sts.name, claim)).join(', ')}),` : ` Its pods ${numbered(sts, sts.name)} start afresh,`;
    const oldClaims = claimsOf(before).map((claim) => numbered(before, before.name, claim));
    const deletes = get(before.value, 'spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted') === 'Delete';
    const stays = oldClaims.length
      ? ` while the old StatefulSet and its claims (${oldClaims.join(', ')}) stay${deletes ? ' until it is deleted: its whenDeleted: Delete retention policy then deletes them and their data' : ''}`
      : ' while the old StatefulSet stays';
    const fixes: FixData[] = [];
    const keep = before.name !== sts.name ? replaceString(sts, ['metadata', 'name'], before.name) : undefined;
    if (keep) fixes.push({ title: `Keep the name ${JSON.stringify(before.name)}`, edits: [keep], preferred: true });
    return [{
      ...ctx.valueSpan(before.name !== sts.name ? ['metadata', 'name'] : ['metadata', 'namespace']),
      message: `${what}: for Kubernetes this is a new StatefulSet, not an update.${newClaims}${stays} (\`kubectl apply\` leaves it running beside the new one; \`helm upgrade\` deletes it). `
        + 'Keep the old name, or move the data to the new claims before switching.',
      related: [relatedAt(before, `StatefulSet ${JSON.stringify(before.name)} ${label}.`)],
      fixes,
    }];
  },
};
