import {
  isEmptySelector, parseLabelSelector, requirementProblem, selectorMismatches, type Labels, type SelectorMismatch,
} from '../../k8s/selector';
import { isStatefulSet, selectorPath, templateLabels, templateLabelsPath } from '../../k8s/statefulset';
import { setKeys } from '../../edit/insert';
import { get, type Manifest } from '../../model/manifest';
import { isCompleteAt } from '../../model/completeness';
import type { DataPath } from '../../yaml/nodes';
import type { ManifestContext, Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RelatedLocation, RuleFinding } from '../../types';
import { labelsText, selectorFromTemplateFix } from '../../fixes/selector';

function describe(mismatch: SelectorMismatch): { path: DataPath; text: string; advice: string } {
  switch (mismatch.kind) {
    case 'label-missing':
      return { path: [...selectorPath, 'matchLabels', mismatch.key],
        text: `spec.selector.matchLabels requires ${mismatch.key}=${mismatch.expected}, but the pod template has no label ${quote(mismatch.key)}`,
        advice: `Add ${mismatch.key}: ${mismatch.expected} to spec.template.metadata.labels, or remove it from the selector.` };
    case 'label-different':
      return { path: [...selectorPath, 'matchLabels', mismatch.key],
        text: `spec.selector.matchLabels requires ${mismatch.key}=${mismatch.expected}, but the pod template has ${mismatch.key}=${mismatch.actual}`,
        advice: 'Make the template label and the selector agree.' };
    case 'expression': {
      const { requirement, actual } = mismatch;
      const values = requirement.values.join(', ');
      const wanted = requirement.operator === 'In' ? `${requirement.key} In (${values})`
        : requirement.operator === 'NotIn' ? `${requirement.key} NotIn (${values})`
          : requirement.operator === 'Exists' ? `a label ${quote(requirement.key)}` : `no label ${quote(requirement.key)}`;
      const has = actual === undefined ? `has no label ${quote(requirement.key)}` : `has ${requirement.key}=${actual}`;
      return { path: [...selectorPath, 'matchExpressions', requirement.index, 'key'],
        text: `spec.selector.matchExpressions[${requirement.index}] requires ${wanted}, but the pod template ${has}`,
        advice: requirement.operator === 'NotIn' || requirement.operator === 'DoesNotExist'
          ? `Change or remove the template label ${quote(requirement.key)}, or change the selector.`
          : `Set the template label ${quote(requirement.key)} to a value the selector accepts, or change the selector.` };
    }
  }
}

/** The template labels that satisfy every mismatch, when each has one obvious value. */
function labelsToAdd(mismatches: SelectorMismatch[]): Labels | undefined {
  const labels: Labels = {};
  for (const mismatch of mismatches) {
    if (mismatch.kind === 'expression') {
      const { requirement } = mismatch;
      if (requirement.operator !== 'In' || requirement.values.length === 0) return undefined;
      labels[requirement.key] = requirement.values[0];
    } else {
      labels[mismatch.key] = mismatch.expected;
    }
  }
  return labels;
}

function fixesFor(manifest: Manifest, mismatches: SelectorMismatch[]): FixData[] {
  const fixes: FixData[] = [];
  const add = labelsToAdd(mismatches);
  const edits = add ? setKeys(manifest, templateLabelsPath, add) : undefined;
  if (add && edits?.length) {
    fixes.push({ title: `Add the selector's labels to the pod template (${labelsText(add)})`, edits, preferred: true });
  }
  const replace = selectorFromTemplateFix(manifest, 'replace', true);
  if (replace) fixes.push(replace);
  return fixes;
}

function related(ctx: ManifestContext, labels: Labels): RelatedLocation[] {
  const path = Object.keys(labels).length ? templateLabelsPath : ['spec', 'template'];
  return [{ uri: ctx.manifest.uri, ...ctx.keySpan(path),
    message: Object.keys(labels).length ? `the pod template's labels: ${labelsText(labels)}` : 'the pod template has no labels' }];
}

/** The selector must select the pod template's labels (matchLabels and matchExpressions, as Kubernetes evaluates them). */
export const stsSelectorMismatch: Rule = {
  id: 'sts/selector-mismatch',
  defaultSeverity: 'error',
  description: 'The pod template\'s labels do not satisfy the StatefulSet selector.',
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    if (!isStatefulSet(manifest)) return [];
    const selector = parseLabelSelector(get(manifest.value, ...selectorPath));
    // An empty selector is sts/selector-empty; an invalid requirement is labels/invalid.
    if (!selector || isEmptySelector(selector) || selector.matchExpressions.some((item) => requirementProblem(item))) return [];
    // Labels a chart template prints (an include, toYaml) are unknown: nothing can be said to be missing.
    if (!isCompleteAt(manifest, templateLabelsPath)) return [];
    const labels = templateLabels(manifest);
    const mismatches = selectorMismatches(selector, labels);
    if (mismatches.length === 0) return [];
    const fixes = fixesFor(manifest, mismatches);
    const where = related(ctx, labels);
    return mismatches.map((mismatch): RuleFinding => {
      const { path, text, advice } = describe(mismatch);
      return {
        ...ctx.keySpan(path),
        message: `${text}: the API server rejects the StatefulSet (\`selector\` does not match template \`labels\`). ${advice}`,
        related: where,
        fixes,
      };
    });
  },
};
