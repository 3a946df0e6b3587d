import { isEmptySelector, parseLabelSelector } from '../../k8s/selector';
import { isStatefulSet, selectorPath } from '../../k8s/statefulset';
import { get } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import { selectorFromTemplateFix } from '../../fixes/selector';

/** A selector with no matchLabels and no matchExpressions would select every pod: StatefulSets reject it. */
export const stsSelectorEmpty: Rule = {
  id: 'sts/selector-empty',
  defaultSeverity: 'error',
  description: 'The StatefulSet selector has no matchLabels and no matchExpressions.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest)) return [];
    const selector = parseLabelSelector(get(manifest.value, ...selectorPath));
    if (!selector || !isEmptySelector(selector)) return [];
    const fix = selectorFromTemplateFix(manifest, 'replace');
    return [{
      ...ctx.keySpan(selectorPath),
      message: 'spec.selector: Invalid value: empty selector is invalid for statefulset: with no matchLabels and no matchExpressions '
        + 'it would select every pod in the namespace. Add matchLabels with the pod template\'s labels.',
      fixes: fix ? [{ ...fix, safe: true, preferred: true }] : [],
    }];
  },
};
