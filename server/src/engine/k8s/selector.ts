// Label selectors, evaluated exactly as Kubernetes does (k8s.io/apimachinery metav1.LabelSelectorAsSelector
// and labels.Requirement.Matches). Pure functions on plain data read from `Manifest.value`.
import { isObject } from '../model/manifest';

/** The operators `matchExpressions` accepts (metav1.LabelSelectorOperator). */
export const selectorOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export type SelectorOperator = (typeof selectorOperators)[number];

export function isSelectorOperator(value: unknown): value is SelectorOperator {
  return typeof value === 'string' && (selectorOperators as readonly string[]).includes(value);
}

/** One `matchExpressions` entry; `operator` is kept as written so callers can report bad ones. */
export interface SelectorRequirement {
  key: string;
  operator: string;
  values: string[];
  /** Index in `matchExpressions`, for locating the entry in the document. */
  index: number;
}

/** A `metav1.LabelSelector` (StatefulSet, Deployment, PodDisruptionBudget, ...). */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
}

export type Labels = Record<string, string>;

/** A scalar as Kubernetes would see it in a string field (YAML `1` or `true` coerced to text). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * A label map (`metadata.labels`, `matchLabels`, a Service `selector`) from model data. Non-scalar
 * values are skipped; numbers and booleans are coerced to text (they are `schema/type` errors anyway).
 */
export function labelsOf(value: unknown): Labels {
  const labels: Labels = {};
  if (!isObject(value)) return labels;
  for (const [key, item] of Object.entries(value)) {
    const text = scalarText(item);
    if (text !== undefined) labels[key] = text;
  }
  return labels;
}

/**
 * Reads a `LabelSelector` from model data; undefined when the value is absent or not a mapping
 * (Kubernetes: a nil selector selects nothing).
 */
export function parseLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isObject(value)) return undefined;
  const matchExpressions: SelectorRequirement[] = [];
  const expressions = Array.isArray(value.matchExpressions) ? value.matchExpressions : [];
  expressions.forEach((entry: unknown, index) => {
    if (!isObject(entry)) return;
    const key = scalarText(entry.key) ?? '';
    const operator = scalarText(entry.operator) ?? '';
    const values = Array.isArray(entry.values)
      ? entry.values.map(scalarText).filter((item): item is string => item !== undefined)
      : [];
    matchExpressions.push({ key, operator, values, index });
  });
  return { matchLabels: labelsOf(value.matchLabels), matchExpressions };
}

/** An empty selector (no matchLabels, no matchExpressions) selects everything; StatefulSets reject it. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** Whether one requirement holds for a label set (labels.Requirement.Matches). */
export function requirementMatches(requirement: SelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An invalid operator makes LabelSelectorAsSelector fail: the selector matches nothing.
      return false;
  }
}

/** Why a requirement is invalid (metav1 validation), in the API server's words; undefined when valid. */
export function requirementProblem(requirement: SelectorRequirement): string | undefined {
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      return requirement.values.length === 0
        ? 'must be specified when `operator` is \'In\' or \'NotIn\''
        : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return requirement.values.length > 0
        ? 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''
        : undefined;
    default:
      return `not a valid selector operator: "${requirement.operator}"; supported values: "In", "NotIn", "Exists", "DoesNotExist"`;
  }
}

/** One reason a label set fails a selector. */
export type SelectorMismatch =
  | { kind: 'label-missing'; key: string; expected: string }
  | { kind: 'label-different'; key: string; expected: string; actual: string }
  | { kind: 'expression'; requirement: SelectorRequirement; actual: string | undefined };

/** Every requirement of the selector the labels fail, in selector order (empty when they match). */
export function selectorMismatches(selector: LabelSelector, labels: Labels): SelectorMismatch[] {
  const mismatches: SelectorMismatch[] = [];
  for (const [key, expected] of Object.entries(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key)) mismatches.push({ kind: 'label-missing', key, expected });
    else if (labels[key] !== expected) mismatches.push({ kind: 'label-different', key, expected, actual: labels[key] });
  }
  for (const requirement of selector.matchExpressions) {
    if (!requirementMatches(requirement, labels)) {
      const actual = Object.prototype.hasOwnProperty.call(labels, requirement.key) ? labels[requirement.key] : undefined;
      mismatches.push({ kind: 'expression', requirement, actual });
    }
  }
  return mismatches;
}

/**
 * Whether a LabelSelector selects a label set, exactly as Kubernetes does: a nil selector (undefined)
 * selects nothing, an empty one everything, a selector with an invalid requirement nothing.
 */
export function matches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  if (selector.matchExpressions.some((requirement) => requirementProblem(requirement) !== undefined)) return false;
  return selectorMismatches(selector, labels).length === 0;
}

/**
 * Whether a plain map selector (Service `spec.selector`, ReplicationController) selects a label set:
 * every key equal. An empty or absent map selects nothing (a Service without selector has no endpoints
 * managed by Kubernetes).
 */
export function mapSelectorMatches(selector: Labels | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([key, value]) => Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === value);
}

/** A selector in kubectl's text form (`app=web,tier in (db),!legacy`), for messages. */
export function selectorText(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const requirement of selector.matchExpressions) {
    const values = `(${requirement.values.join(',')})`;
    switch (requirement.operator) {
      case 'In': parts.push(`${requirement.key} in ${values}`); break;
      case 'NotIn': parts.push(`${requirement.key} notin ${values}`); break;
      case 'Exists': parts.push(requirement.key); break;
      case 'DoesNotExist': parts.push(`!${requirement.key}`); break;
      default: parts.push(`${requirement.key} ${requirement.operator} ${values}`);
    }
  }
  return parts.join(',');
}
