import { claimTemplatesOf, isStatefulSet, podSpecPath, podVolumesOf, volumeUsesOf, type VolumeUseAt } from '../../k8s/statefulset';
import { namesKnown } from '../../model/completeness';
import { replaceString } from '../../edit/replace';
import { appendItem, Flow } from '../../edit/insert';
import type { Manifest } from '../../model/manifest';
import { isDnsLabel } from '../../k8s/names';
import { fieldPath, type Rule } from '../../check/rule';
import { closest, quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

/** A new claim template for `name`: ReadWriteOnce, 1Gi, in the document's style. */
export function newClaimTemplate(name: string): Record<string, unknown> {
  return {
    metadata: { name },
    spec: { accessModes: new Flow(['ReadWriteOnce']), resources: { requests: { storage: '1Gi' } } },
  };
}

function fixesFor(manifest: Manifest, use: VolumeUseAt, candidates: string[]): FixData[] {
  const fixes: FixData[] = [];
  closest(use.name, candidates, 3).forEach((candidate, index) => {
    const edit = replaceString(manifest, [...use.path, 'name'], candidate);
    if (edit) fixes.push({ title: `Change to ${quote(candidate)}`, edits: [edit], preferred: index === 0 });
  });
  if (isDnsLabel(use.name)) {
    const edit = appendItem(manifest, ['spec', 'volumeClaimTemplates'], newClaimTemplate(use.name));
    if (edit) fixes.push({ title: `Add a volume claim template ${quote(use.name)} (ReadWriteOnce, 1Gi)`, edits: [edit] });
  }
  return fixes;
}

/** Each volumeMounts (and volumeDevices) name must be a pod volume or a claim template. */
export const stsVolumeMountUnknown: Rule = {
  id: 'sts/volume-mount-unknown',
  defaultSeverity: 'error',
  description: 'A container or init container mounts a volume that is neither a pod volume nor a volume claim template.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest)) return [];
    // Volumes or claim templates a chart template prints are unknown, not missing.
    if (!namesKnown(manifest, [...podSpecPath, 'volumes']) || !namesKnown(manifest, ['spec', 'volumeClaimTemplates'], ['metadata', 'name'])) return [];
    const volumes = podVolumesOf(manifest).map((volume) => volume.name);
    const claims = claimTemplatesOf(manifest).map((claim) => claim.name).filter(Boolean);
    const known = new Set([...volumes, ...claims]);
    const findings: RuleFinding[] = [];
    for (const use of volumeUsesOf(manifest)) {
      if (known.has(use.name) || use.name === '') continue;
      const candidates = [...known];
      const suggestion = closest(use.name, candidates, 1)[0];
      const available = candidates.length ? `Available: ${candidates.map((name) => quote(name)).join(', ')}.` : 'The pod has no volumes and no claim templates.';
      const container = use.containerName ? ` of ${use.list === 'initContainers' ? 'init container' : 'container'} ${quote(use.containerName)}` : '';
      findings.push({
        ...ctx.valueSpan([...use.path, 'name']),
        message: `${fieldPath([...use.path, 'name'])}${container}: Not found: ${quote(use.name)}: it is neither a volume in `
          + 'spec.template.spec.volumes nor a volumeClaimTemplates name, so no pod can be created. '
          + `${suggestion ? `Did you mean ${quote(suggestion)}? ` : ''}${available}`,
        fixes: fixesFor(manifest, use, candidates),
      });
    }
    return findings;
  },
};
