import { claimSpecsOf } from '../../k8s/statefulset';
import { setKeys, Snippet } from '../../edit/insert';
import { get } from '../../model/manifest';
import { fieldPath, type Rule } from '../../check/rule';
import type { FixData, RuleFinding } from '../../types';

/** A claim must request its size: `resources.requests.storage`. */
export const pvcStorageRequestMissing: Rule = {
  id: 'pvc/storage-request-missing',
  defaultSeverity: 'error',
  description: 'A PersistentVolumeClaim or volume claim template has no resources.requests.storage.',
  scope: 'manifest',
  kinds: ['StatefulSet', 'PersistentVolumeClaim'],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const claim of claimSpecsOf(ctx.manifest)) {
      if (get(claim.spec, 'resources', 'requests', 'storage') !== undefined) continue;
      const requests = [...claim.path, 'resources', 'requests'];
      const at = get(claim.spec, 'resources', 'requests') !== undefined ? requests
        : get(claim.spec, 'resources') !== undefined ? [...claim.path, 'resources']
          : Object.keys(claim.spec).length ? claim.path : claim.ownerPath;
      const edits = setKeys(ctx.manifest, requests, { storage: new Snippet('${1:1Gi}') });
      const fixes: FixData[] = edits?.length ? [{ title: 'Add resources.requests.storage: 1Gi', edits, preferred: true }] : [];
      findings.push({
        ...ctx.keySpan(at),
        message: `${fieldPath([...requests, 'storage'])}${claim.label}: Required value: a claim must request its size. `
          + 'Add resources.requests.storage, for example 1Gi.',
        fixes,
      });
    }
    return findings;
  },
};
