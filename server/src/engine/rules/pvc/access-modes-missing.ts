import { claimSpecsOf } from '../../k8s/statefulset';
import { Flow, setKey } from '../../edit/insert';
import type { Rule } from '../../check/rule';
import { fieldPath } from '../../check/rule';
import type { FixData, RuleFinding } from '../../types';

/** A claim (PVC or StatefulSet claim template) needs at least one access mode. */
export const pvcAccessModesMissing: Rule = {
  id: 'pvc/access-modes-missing',
  defaultSeverity: 'error',
  description: 'A PersistentVolumeClaim or volume claim template has no accessModes.',
  scope: 'manifest',
  kinds: ['StatefulSet', 'PersistentVolumeClaim'],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const claim of claimSpecsOf(ctx.manifest)) {
      const modes = claim.spec.accessModes;
      if (modes !== undefined && !(Array.isArray(modes) && modes.length === 0)) continue;
      const path = [...claim.path, 'accessModes'];
      const edit = setKey(ctx.manifest, claim.path, 'accessModes', new Flow(['ReadWriteOnce']));
      const fixes: FixData[] = edit ? [{ title: 'Add accessModes: [ReadWriteOnce]', edits: [edit], safe: true, preferred: true }] : [];
      const span = modes !== undefined ? ctx.valueSpan(path) : ctx.keySpan(Object.keys(claim.spec).length ? claim.path : claim.ownerPath);
      findings.push({
        ...span,
        message: `${fieldPath(path)}${claim.label}: Required value: at least 1 access mode is required; without it the claim `
          + 'is never created. Add accessModes: [ReadWriteOnce] (one node reads and writes: the usual choice for a StatefulSet).',
        fixes,
      });
    }
    return findings;
  },
};
