import { claimSpecsOf } from '../../k8s/statefulset';
import { replaceValue } from '../../edit/replace';
import { fieldPath, type Rule } from '../../check/rule';
import type { FixData, RuleFinding } from '../../types';

/** ReadWriteOncePod is exclusive: it cannot be combined with another access mode. */
export const pvcRwopExclusive: Rule = {
  id: 'pvc/rwop-exclusive',
  defaultSeverity: 'error',
  description: 'ReadWriteOncePod is combined with another access mode.',
  scope: 'manifest',
  kinds: ['StatefulSet', 'PersistentVolumeClaim'],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const claim of claimSpecsOf(ctx.manifest)) {
      const modes = claim.spec.accessModes;
      if (!Array.isArray(modes) || modes.length < 2 || !modes.includes('ReadWriteOncePod')) continue;
      const path = [...claim.path, 'accessModes'];
      const edit = replaceValue(ctx.manifest, path, ['ReadWriteOncePod']);
      const fixes: FixData[] = edit ? [{ title: 'Keep only ReadWriteOncePod', edits: [edit], preferred: true }] : [];
      findings.push({
        ...ctx.keySpan(path),
        message: `${fieldPath(path)}${claim.label}: Forbidden: may not use ReadWriteOncePod with other access modes `
          + `(${modes.map(String).join(', ')}). Keep only ReadWriteOncePod (one pod), or use ReadWriteOnce (one node).`,
        fixes,
      });
    }
    return findings;
  },
};
