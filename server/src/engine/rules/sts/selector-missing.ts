import { isObject, get } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import { templateLabels } from '../../k8s/statefulset';
import { labelsText, selectorFromTemplateFix } from '../../fixes/selector';

/**
 * apps/v1 requires `spec.selector`. Legacy apps/v1beta1 defaulted it from the template labels, and
 * legacy objects already get manifest/removed-api (whose fix adds the selector), so only apps/v1 is checked.
 */
export const stsSelectorMissing: Rule = {
  id: 'sts/selector-missing',
  defaultSeverity: 'error',
  description: 'The StatefulSet has no spec.selector, which apps/v1 requires.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (manifest.apiVersion !== 'apps/v1' || !isObject(manifest.value.spec) || get(manifest.value, 'spec', 'selector') !== undefined) return [];
    const labels = templateLabels(manifest);
    const fix = selectorFromTemplateFix(manifest, 'add');
    const hint = Object.keys(labels).length
      ? `Add spec.selector.matchLabels with the pod template's labels (${labelsText(labels)}).`
      : 'Add spec.selector.matchLabels and the same labels under spec.template.metadata.labels.';
    return [{
      ...ctx.keySpan(['spec']),
      message: `spec.selector: Required value: a StatefulSet in apps/v1 must say which pods it owns. ${hint}`,
      fixes: fix ? [{ ...fix, safe: true, preferred: true }] : [],
    }];
  },
};
