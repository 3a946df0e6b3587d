import { isStatefulSet } from '../../k8s/statefulset';
import { get } from '../../model/manifest';
import type { DataPath } from '../../yaml/nodes';
import { fieldPath, type Rule } from '../../check/rule';
import type { RuleFinding } from '../../types';

const fields: { path: DataPath; meaning: string }[] = [
  { path: ['spec', 'replicas'], meaning: 'the number of pods' },
  { path: ['spec', 'minReadySeconds'], meaning: 'a number of seconds' },
  { path: ['spec', 'ordinals', 'start'], meaning: 'the ordinal of the first pod' },
  { path: ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], meaning: 'the lowest ordinal a rolling update changes' },
];

/** `replicas`, `minReadySeconds`, `ordinals.start` and `rollingUpdate.partition` must be 0 or more. */
export const stsNegativeValue: Rule = {
  id: 'sts/negative-value',
  defaultSeverity: 'error',
  description: 'replicas, minReadySeconds, ordinals.start or updateStrategy.rollingUpdate.partition is below 0.',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    if (!isStatefulSet(ctx.manifest)) return [];
    const findings: RuleFinding[] = [];
    for (const { path, meaning } of fields) {
      const value = get(ctx.manifest.value, ...path);
      if (typeof value !== 'number' || value >= 0) continue;
      findings.push({ ...ctx.valueSpan(path),
        message: `${fieldPath(path)}: Invalid value: ${value}: must be greater than or equal to 0. It is ${meaning}: set it to 0 or more.` });
    }
    return findings;
  },
};
