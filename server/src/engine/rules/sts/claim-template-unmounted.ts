import { claimTemplatesOf, isStatefulSet, podSpec, podSpecPath, volumeUsesOf } from '../../k8s/statefulset';
import { appendItem, Snippet } from '../../edit/insert';
import { isObject, type Manifest } from '../../model/manifest';
import { containerMountsKnown } from '../../k8s/statefulset';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

function mountFix(manifest: Manifest, name: string): FixData[] {
  const containers = podSpec(manifest).containers;
  const first = Array.isArray(containers) ? containers[0] : undefined;
  if (!isObject(first)) return [];
  const edit = appendItem(manifest, [...podSpecPath, 'containers', 0, 'volumeMounts'], { name, mountPath: new Snippet(`\${1:/data/${name}}`) });
  const label = typeof first.name === 'string' ? ` ${quote(first.name)}` : '';
  return edit ? [{ title: `Mount ${quote(name)} in container${label}`, edits: [edit], preferred: true }] : [];
}

/** A claim template whose volume no container mounts: each pod gets a PVC it never uses. */
export const stsClaimTemplateUnmounted: Rule = {
  id: 'sts/claim-template-unmounted',
  defaultSeverity: 'warning',
  description: 'A volume claim template that no container or init container mounts.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest) || !containerMountsKnown(manifest)) return [];
    const used = new Set(volumeUsesOf(manifest).map((use) => use.name));
    const findings: RuleFinding[] = [];
    for (const claim of claimTemplatesOf(manifest)) {
      if (!claim.name || used.has(claim.name)) continue;
      findings.push({
        ...ctx.valueSpan([...claim.path, 'metadata', 'name']),
        message: `volumeClaimTemplates[${claim.index}] ${quote(claim.name)} is not mounted by any container: every pod gets a `
          + `PersistentVolumeClaim (${claim.name}-<pod>) that nothing uses. Add a volumeMounts entry with name: ${claim.name} `
          + 'to the container that needs the storage, or remove the claim template.',
        fixes: mountFix(manifest, claim.name),
      });
    }
    return findings;
  },
};
