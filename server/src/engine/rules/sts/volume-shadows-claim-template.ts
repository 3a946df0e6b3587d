import { claimTemplatesOf, isStatefulSet, podVolumesOf } from '../../k8s/statefulset';
import { removeItem } from '../../edit/remove';
import { isObject } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { RuleFinding } from '../../types';

function sourceOf(volume: Record<string, unknown>): string {
  const source = Object.keys(volume).find((key) => key !== 'name' && isObject(volume[key]));
  return source ? ` (${source})` : '';
}

/** The controller replaces a pod volume that has a claim template's name: its own source is never used. */
export const stsVolumeShadowsClaimTemplate: Rule = {
  id: 'sts/volume-shadows-claim-template',
  defaultSeverity: 'warning',
  description: 'A pod volume has the same name as a volume claim template, and the controller silently replaces it.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest)) return [];
    const claims = new Map(claimTemplatesOf(manifest).filter((claim) => claim.name).map((claim) => [claim.name, claim]));
    const findings: RuleFinding[] = [];
    for (const volume of podVolumesOf(manifest)) {
      const claim = claims.get(volume.name);
      if (!claim) continue;
      const remove = removeItem(manifest, volume.path);
      const claimNamePath = [...claim.path, 'metadata', 'name'];
      findings.push({
        ...ctx.valueSpan([...volume.path, 'name']),
        message: `spec.template.spec.volumes[${volume.index}] ${quote(volume.name)}${sourceOf(volume.volume)} has the name of `
          + `volumeClaimTemplates[${claim.index}]: the StatefulSet controller replaces this volume with each pod's claim `
          + `(${volume.name}-<pod>), so its own source is never used. Remove the volume, or rename one of them if both are needed.`,
        related: [{ uri: manifest.uri, ...ctx.valueSpan(claimNamePath), message: `the claim template ${quote(claim.name)}` }],
        fixes: remove ? [{ title: `Remove the pod volume ${quote(volume.name)} (the claim template provides it)`, edits: [remove] }] : [],
      });
    }
    return findings;
  },
};
