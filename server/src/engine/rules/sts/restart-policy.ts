import { isStatefulSet, podSpecPath } from '../../k8s/statefulset';
import { removePair } from '../../edit/remove';
import { replaceString } from '../../edit/replace';
import { get } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData } from '../../types';

const path = [...podSpecPath, 'restartPolicy'];

/**
 * A StatefulSet's pods must restart always: any other value is rejected, a typo like `onfailure` too
 * (so this rule, not schema/enum, reports it: the only fix is Always). An empty value is defaulted.
 */
export const stsRestartPolicy: Rule = {
  id: 'sts/restart-policy',
  defaultSeverity: 'error',
  description: 'The pod template\'s restartPolicy is not Always, the only value a StatefulSet accepts.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    const value = get(manifest.value, ...path);
    if (!isStatefulSet(manifest) || typeof value !== 'string' || value === '' || value === 'Always') return [];
    const fixes: FixData[] = [];
    const set = replaceString(manifest, path, 'Always');
    if (set) fixes.push({ title: 'Set restartPolicy to Always', edits: [set], safe: true, preferred: true });
    const remove = removePair(manifest, path);
    if (remove) fixes.push({ title: 'Remove restartPolicy (defaults to Always)', edits: [remove] });
    return [{
      ...ctx.valueSpan(path),
      message: `spec.template.spec.restartPolicy: Unsupported value: ${quote(value)}: supported values: "Always". `
        + 'A StatefulSet keeps its pods running; set restartPolicy to Always or remove it.',
      fixes,
    }];
  },
};
