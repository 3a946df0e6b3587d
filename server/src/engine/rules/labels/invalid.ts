import { labelKeyProblem, labelValueProblem } from '../../k8s/labels';
import { removePair } from '../../edit/remove';
import { replaceString } from '../../edit/replace';
import { isSelectorOperator, selectorOperators } from '../../k8s/selector';
import { isObject, type Manifest } from '../../model/manifest';
import type { DataPath } from '../../yaml/nodes';
import { fieldPath, type ManifestContext, type Rule } from '../../check/rule';
import type { JsonSchema, SchemaStore } from '../../schema/store';
import { closest, quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

/** Fields holding a plain label map besides ObjectMeta.labels and LabelSelector.matchLabels, by definition. */
const labelMapFields = new Map([['V1ServiceSpec', 'selector'], ['V1ReplicationControllerSpec', 'selector'], ['V1PodSpec', 'nodeSelector']]);

function refName(schema: JsonSchema | undefined): string | undefined {
  return schema?.$ref?.slice('#/$defs/'.length);
}

/** Per schema store, the one `{ $ref }` schema of each kind's definition (mayHoldLabels remembers schemas by identity). */
const kindRefs = new WeakMap<SchemaStore, Map<string, JsonSchema>>();

/** The schema of a kind; for a legacy apiVersion (apps/v1beta1, ...) the served version of the same kind. */
function kindSchema(store: SchemaStore, manifest: Manifest): JsonSchema | undefined {
  const info = store.kindInfo(manifest.apiVersion, manifest.kind)
    ?? (store.removedApi(manifest.apiVersion, manifest.kind)
      ? Object.values(store.bundle.kinds).find((kind) => kind.kind === manifest.kind) : undefined);
  if (!info) return undefined;
  let refs = kindRefs.get(store);
  if (!refs) kindRefs.set(store, refs = new Map());
  let schema = refs.get(info.ref);
  if (!schema) refs.set(info.ref, schema = { $ref: `#/$defs/${info.ref}` });
  return schema;
}

/** Per schema store: whether a definition can hold labels or selectors anywhere below it. */
const labelHolders = new WeakMap<SchemaStore, Map<JsonSchema, boolean>>();

/**
 * Whether a value of this schema can contain a label map or a label selector: most of a pod
 * template (containers, volumes, probes) cannot, and is then not walked at all.
 */
function mayHoldLabels(store: SchemaStore, schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  let memo = labelHolders.get(store);
  if (!memo) labelHolders.set(store, memo = new Map());
  const known = memo.get(schema);
  if (known !== undefined) return known;
  // While a definition is being decided (a recursive one), it counts as holding labels: walked, as before.
  memo.set(schema, true);
  const ref = refName(schema);
  const resolved = ref ? store.bundle.$defs[ref] : schema;
  let holds = false;
  if (ref === 'V1ObjectMeta' || ref === 'V1LabelSelector') holds = true;
  else if (resolved) {
    const properties = resolved.properties ?? {};
    holds = Object.keys(properties).some((key) => (ref !== undefined && labelMapFields.get(ref) === key) || mayHoldLabels(store, properties[key]))
      || mayHoldLabels(store, resolved.items);
  }
  memo.set(schema, holds);
  return holds;
}

// The same few label keys and values recur in every object: their verdicts are remembered (up to a bound).
const keyProblems = new Map<string, string | undefined>();
const valueProblems = new Map<string, string | undefined>();
const rememberedVerdicts = 4096;

function remembered(cache: Map<string, string | undefined>, text: string, decide: (text: string) => string | undefined): string | undefined {
  const known = cache.get(text);
  if (known !== undefined || cache.has(text)) return known;
  const problem = decide(text);
  if (cache.size >= rememberedVerdicts) cache.clear();
  cache.set(text, problem);
  return problem;
}

const cachedKeyProblem = (key: string): string | undefined => remembered(keyProblems, key, labelKeyProblem);
const cachedValueProblem = (value: string): string | undefined => remembered(valueProblems, value, labelValueProblem);

/**
 * Where a value of one schema can hold labels, worked out once per schema: whether it is ObjectMeta or
 * a LabelSelector, its plain label map field, and only the fields (or items) that can hold labels.
 */
interface LabelPlan {
  objectMeta: boolean;
  selector: boolean;
  labelMapField: string | undefined;
  hasProperties: boolean;
  fields: Map<string, LabelPlan> | undefined;
  items: LabelPlan | undefined;
}

const labelPlans = new WeakMap<SchemaStore, Map<JsonSchema, LabelPlan | undefined>>();

/** The plan of a schema that may hold labels (undefined: nothing below it is walked). */
function planOf(store: SchemaStore, schema: JsonSchema | undefined): LabelPlan | undefined {
  if (!schema || !mayHoldLabels(store, schema)) return undefined;
  let memo = labelPlans.get(store);
  if (!memo) labelPlans.set(store, memo = new Map());
  if (memo.has(schema)) return memo.get(schema);
  const ref = refName(schema);
  const resolved = ref ? store.bundle.$defs[ref] : schema;
  if (!resolved) {
    memo.set(schema, undefined);
    return undefined;
  }
  const plan: LabelPlan = { objectMeta: ref === 'V1ObjectMeta', selector: ref === 'V1LabelSelector', labelMapField: ref === undefined ? undefined : labelMapFields.get(ref),
    hasProperties: !!resolved.properties, fields: undefined, items: undefined };
  // Remembered before its fields are planned: a recursive definition reaches this same plan.
  memo.set(schema, plan);
  plan.items = planOf(store, resolved.items);
  for (const [key, field] of Object.entries(resolved.properties ?? {})) {
    const child = planOf(store, field);
    if (child) (plan.fields ??= new Map()).set(key, child);
  }
  return plan;
}

class LabelChecker {
  readonly findings: RuleFinding[] = [];
  constructor(private readonly ctx: ManifestContext) {}

  /**
   * Walks the value along its schema's plan, checking label maps and label selectors wherever they
   * are. `path` is one array, extended and shortened in place as the walk goes (most of a manifest
   * holds no label): the checks copy it.
   */
  visit(value: unknown, plan: LabelPlan, path: (string | number)[], depth = 0): void {
    if (depth > 60) return;
    if (plan.objectMeta && isObject(value) && value.labels !== undefined) this.labelMap(value.labels, [...path, 'labels']);
    if (plan.selector && isObject(value)) this.selector(value, [...path]);
    if (Array.isArray(value)) {
      const items = plan.items;
      if (!items) return;
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        this.visit(value[index], items, path, depth + 1);
        path.pop();
      }
      return;
    }
    if (!isObject(value) || !plan.hasProperties) return;
    const { labelMapField, fields } = plan;
    for (const key of Object.keys(value)) {
      if (key === labelMapField) {
        this.labelMap(value[key], [...path, key]);
        continue;
      }
      const field = fields?.get(key);
      if (!field) continue;
      path.push(key);
      this.visit(value[key], field, path, depth + 1);
      path.pop();
    }
  }

  labelMap(value: unknown, path: DataPath): void {
    if (!isObject(value)) return;
    for (const [key, item] of Object.entries(value)) {
      if (cachedKeyProblem(key)) this.key(key, [...path, key]);
      if (typeof item === 'string' && cachedValueProblem(item)) this.value(item, [...path, key], () => `${fieldPath(path)}[${quote(key)}]`);
    }
  }

  key(key: string, path: DataPath): void {
    const problem = cachedKeyProblem(key);
    if (!problem) return;
    const where = fieldPath(path.slice(0, -1));
    this.findings.push({ ...this.ctx.keySpan(path),
      message: `${where}: label key ${quote(key)}: ${problem}. Rename the key (for example app.kubernetes.io/name or tier).` });
  }

  value(value: string, path: DataPath, where: () => string): void {
    const problem = cachedValueProblem(value);
    if (!problem) return;
    this.findings.push({ ...this.ctx.valueSpan(path),
      message: `${where()}: Invalid value: ${quote(value)}: ${problem}. Replace spaces, '/', ':' and other characters with '-', '_' or '.'.` });
  }

  selector(selector: Record<string, unknown>, path: DataPath): void {
    this.labelMap(selector.matchLabels, [...path, 'matchLabels']);
    const expressions = selector.matchExpressions;
    if (!Array.isArray(expressions)) return;
    expressions.forEach((expression, index) => {
      if (isObject(expression)) this.requirement(expression, [...path, 'matchExpressions', index]);
    });
  }

  requirement(requirement: Record<string, unknown>, path: DataPath): void {
    if (typeof requirement.key === 'string') this.key(requirement.key, [...path, 'key']);
    const operator = requirement.operator;
    const values = Array.isArray(requirement.values) ? requirement.values : undefined;
    if (typeof operator === 'string' && !isSelectorOperator(operator)) {
      this.badOperator(operator, [...path, 'operator']);
    } else if ((operator === 'In' || operator === 'NotIn') && (!values || values.length === 0)) {
      this.findings.push({ ...this.ctx.keySpan(values ? [...path, 'values'] : [...path, 'operator']),
        message: `${fieldPath([...path, 'values'])}: Required value: must be specified when \`operator\` is 'In' or 'NotIn'. `
          + 'List the label values to match, or use Exists.' });
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values && values.length > 0) {
      const remove = removePair(this.ctx.manifest, [...path, 'values']);
      this.findings.push({ ...this.ctx.keySpan([...path, 'values']),
        message: `${fieldPath([...path, 'values'])}: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'. `
          + 'Remove values, or use In or NotIn.',
        fixes: remove ? [{ title: 'Remove values', edits: [remove], preferred: true }] : [] });
    }
    values?.forEach((item, index) => {
      if (typeof item === 'string') this.value(item, [...path, 'values', index], () => fieldPath([...path, 'values', index]));
    });
  }

  badOperator(operator: string, path: DataPath): void {
    const fixes: FixData[] = [];
    closest(operator, selectorOperators, 4).forEach((choice, index) => {
      const edit = replaceString(this.ctx.manifest, path, choice);
      const caseOnly = choice.toLowerCase() === operator.toLowerCase();
      if (edit) fixes.push({ title: `Change to ${quote(choice)}`, edits: [edit], preferred: index === 0, safe: index === 0 && caseOnly });
    });
    this.findings.push({ ...this.ctx.valueSpan(path), fixes,
      message: `${fieldPath(path)}: Invalid value: ${quote(operator)}: not a valid selector operator: `
        + `supported values: ${selectorOperators.map((item) => quote(item)).join(', ')}.` });
  }
}

/** Label keys and values, selector keys, values and operators, anywhere a kind holds them. */
export const labelsInvalid: Rule = {
  id: 'labels/invalid',
  defaultSeverity: 'error',
  description: 'A label key or value, or a label selector\'s key, operator or values, does not follow the Kubernetes label syntax.',
  scope: 'manifest',
  check(ctx) {
    const checker = new LabelChecker(ctx);
    const schema = kindSchema(ctx.schemas, ctx.manifest);
    const plan = planOf(ctx.schemas, schema);
    if (plan) checker.visit(ctx.manifest.value, plan, []);
    else if (!schema) checker.labelMap(isObject(ctx.manifest.value.metadata) ? ctx.manifest.value.metadata.labels : undefined, ['metadata', 'labels']);
    return checker.findings;
  },
};
