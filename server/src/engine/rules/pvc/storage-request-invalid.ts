import { claimSpecsOf } from '../../k8s/statefulset';
import { quantityFixes, quantitySign } from '../../k8s/storage-quantity';
import { replaceString } from '../../edit/replace';
import { get } from '../../model/manifest';
import { isQuantity } from '../../k8s/names';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

const syntax = 'a Quantity is a number with an optional suffix: Ki, Mi, Gi, Ti (powers of 2) or k, M, G, T (powers of 10), e.g. 10Gi or 500M';

/** The storage request must be a valid Quantity greater than zero (`1GB`, `1gi`, `1K` are not). */
export const pvcStorageRequestInvalid: Rule = {
  id: 'pvc/storage-request-invalid',
  defaultSeverity: 'error',
  description: 'The storage request of a PersistentVolumeClaim or volume claim template is not a valid quantity, or is zero or negative.',
  scope: 'manifest',
  kinds: ['StatefulSet', 'PersistentVolumeClaim'],
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const claim of claimSpecsOf(ctx.manifest)) {
      const value = get(claim.spec, 'resources', 'requests', 'storage');
      const path = [...claim.path, 'resources', 'requests', 'storage'];
      const where = `${fieldPath(path)}${claim.label}`;
      if (typeof value === 'string' && !isQuantity(value)) {
        const fixes: FixData[] = [];
        quantityFixes(value).forEach((fix, index) => {
          const edit = replaceString(ctx.manifest, path, fix.text);
          if (edit) fixes.push({ title: `Change to ${quote(fix.text)}`, edits: [edit], preferred: index === 0, safe: index === 0 && fix.exact });
        });
        const hint = fixes.length ? ` Did you mean ${fixes.map((fix) => fix.title.slice('Change to '.length)).join(' or ')}?` : '';
        findings.push({ ...ctx.valueSpan(path), message: `${where}: ${quote(value)} is not a valid quantity: ${syntax}.${hint}`, fixes });
        continue;
      }
      const sign = quantitySign(value);
      if (sign === undefined || sign > 0) continue;
      findings.push({ ...ctx.valueSpan(path),
        message: `${where}: Invalid value: ${quote(String(value))}: must be greater than zero. Request the size the volume needs, e.g. 1Gi.` });
    }
    return findings;
  },
};
