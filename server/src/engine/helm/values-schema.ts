// helm/values-schema: values files checked against the chart's values.schema.json, as Helm does before
// it renders (and `helm lint` does on values.yaml). Helm 3.17 validates with gojsonschema (drafts 4,
// 6 and 7, chosen by `$schema`); Helm 4 with santhosh-tekuri/jsonschema v6 (drafts 4 to 2020-12,
// 2020-12 when `$schema` is absent). Here: Ajv 2020 for 2020-12, Ajv 2019 for 2019-09, Ajv draft 7
// otherwise (what charts written for Helm 3 mean); a schema Ajv cannot compile gives no finding.
// values.yaml is checked alone, without `required` (a chart may leave a value for the user to give);
// another values*.yaml is checked merged over values.yaml, as `helm install -f` merges it, and
// reported only where it writes the value. The schema comes from the workspace, so it is treated as
// untrusted: size and depth are limited, formats are not checked, and patterns that could backtrack
// without end (nested quantifiers, back-references, lookaround) are not evaluated.
import type { default as Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { isObject } from '../model/manifest';
import type { ParsedFile } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import { deepestWritten, keySpanIn, lineFrom, valueSpanIn, valuesSchemaRule, type HelmFinding } from './problems';
import { safeRegExp } from './safe-regexp';
import { structureOf } from './structure';

/** Larger schemas are not compiled (the largest real chart schemas are a few hundred KiB). */
export const maxSchemaSize = 1024 * 1024;
/** Deeper schemas are not compiled (Ajv compiles recursively). */
export const maxSchemaDepth = 64;

function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth > maxSchemaDepth) return depth;
    if (Array.isArray(node)) for (const child of node) stack.push([child, depth + 1]);
    else if (isObject(node)) for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * An Ajv for the draft a schema names. Ajv and its dialects are loaded only here, when a chart has a
 * values schema: loading them costs every run of the CLI about 6 ms otherwise.
 */
function ajvFor(draft: string, options: Options): Ajv {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, not at start */
  if (draft.includes('2020-12')) return new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(options);
  if (draft.includes('2019-09')) return new (require('ajv/dist/2019') as typeof import('ajv/dist/2019')).default(options);
  return new (require('ajv') as typeof import('ajv')).default(options);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export type CompiledSchema =
  | { ok: true; validate: ValidateFunction }
  | { ok: false; reason: string; /** Offset in the schema text, for a JSON syntax error. */ offset?: number };

/** Compiles a values.schema.json text (see the file comment for the draft chosen). Never throws. */
export function compileValuesSchema(text: string): CompiledSchema {
  if (text.length > maxSchemaSize) return { ok: false, reason: `the schema is larger than ${maxSchemaSize / 1024} KiB` };
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return { ok: false, reason: `values.schema.json is not valid JSON: ${message}`, ...(position ? { offset: Number(position[1]) } : {}) };
  }
  if (typeof schema !== 'boolean' && !isObject(schema)) return { ok: false, reason: 'values.schema.json is not a JSON object' };
  if (depthOf(schema) > maxSchemaDepth) return { ok: false, reason: `the schema nests deeper than ${maxSchemaDepth} levels` };
  const draft = isObject(schema) && typeof schema.$schema === 'string' ? schema.$schema : '';
  const options: Options = {
    allErrors: true, strict: false, validateSchema: false, validateFormats: false, logger: false,
    code: { regExp: safeRegExp }, loadSchema: undefined,
  };
  try {
    const ajv = ajvFor(draft, options);
    return { ok: true, validate: ajv.compile(schema as object) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Helm's merge of values files: maps merge key by key, a later `null` removes the key, anything else replaces. */
export function coalesceValues(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete merged[key];
    else merged[key] = isObject(value) && isObject(merged[key]) ? coalesceValues(merged[key], value) : value;
  }
  return merged;
}

/** A JSON pointer (`/persistence/size`, `/accessModes/0`) as a data path. */
export function pointerPath(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => {
    const step = part.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(?:0|[1-9][0-9]*)$/.test(step) ? Number(step) : step;
  });
}

/** `persistence.size`, `accessModes[0]` for a path. */
export function valuesField(path: DataPath): string {
  return path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step), '') || '(the values)';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'a map';
  return `${JSON.stringify(value)} (${typeof value === 'number' ? (Number.isInteger(value) ? 'an integer' : 'a number') : `a ${typeof value}`})`;
}

/** The message for one Ajv error, naming the field and the value, as Helm's schema errors do. */
function messageOf(error: ErrorObject, field: string, value: unknown): string {
  const params = error.params as Record<string, unknown>;
  const tail = ': Helm refuses to install or render the chart with it. Change the value, or the schema if the value is right.';
  switch (error.keyword) {
    case 'type': return `${field} is ${describe(value)}, but values.schema.json wants ${String(params.type)}${tail}`;
    case 'enum': return `${field} is ${describe(value)}, but values.schema.json allows only ${(params.allowedValues as unknown[]).map((item) => JSON.stringify(item)).join(', ')}${tail}`;
    case 'const': return `${field} is ${describe(value)}, but values.schema.json wants ${JSON.stringify(params.allowedValue)}${tail}`;
    case 'pattern': return `${field} is ${describe(value)}, which does not match the pattern '${String(params.pattern)}' of values.schema.json${tail}`;
    case 'required': return `${field} has no ${JSON.stringify(params.missingProperty)}, which values.schema.json requires${tail}`;
    case 'additionalProperties': return `${field} has ${JSON.stringify(params.additionalProperty)}, which values.schema.json does not allow (additionalProperties: false)${tail}`;
    default: return `${field} ${error.message ?? 'is invalid'} (values.schema.json, ${error.keyword})${tail}`;
  }
}

export interface ValuesFileInput {
  file: ParsedFile;
  /** values.yaml itself (checked alone), or another values file (checked merged over it). */
  defaults: boolean;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const step of path) node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

/**
 * helm/values-schema findings for a chart's values files. `defaultsValue` is values.yaml's data (for
 * merging the other files over it). Files that do not parse are left to yaml/syntax.
 */
export function checkValuesFiles(schema: CompiledSchema, files: ValuesFileInput[], defaultsValue: unknown): HelmFinding[] {
  if (!schema.ok) return [];
  const findings: HelmFinding[] = [];
  for (const input of files) {
    const document = input.file.documents[0];
    if (!document || input.file.documents.length !== 1 || document.syntax.some((problem) => !problem.duplicateKey)) continue;
    const own = document.value ?? {};
    const data = input.defaults ? own : coalesceValues(defaultsValue ?? {}, own);
    if (schema.validate(data)) continue;
    const structure = structureOf(document, input.file.text, input.file.lineStarts);
    const seen = new Set<string>();
    for (const error of schema.validate.errors ?? []) {
      // The alternatives of anyOf/oneOf each fail on their own: report the anyOf/oneOf, not each branch.
      if (error.keyword === 'if' || /\/(?:anyOf|oneOf)\/\d+\//.test(error.schemaPath)) continue;
      const path = pointerPath(error.instancePath);
      const params = error.params as Record<string, unknown>;
      if (error.keyword === 'required' && input.defaults) continue;
      const target = error.keyword === 'additionalProperties' ? [...path, String(params.additionalProperty)] : path;
      const written = deepestWritten(structure, target);
      // In a values file other than values.yaml, only what the file itself writes is its problem.
      if (!input.defaults && written.length < target.length && error.keyword !== 'required') continue;
      if (!input.defaults && error.keyword === 'required' && written.length < path.length) continue;
      const span = (error.keyword === 'required' || error.keyword === 'additionalProperties' ? keySpanIn(structure, written) : valueSpanIn(structure, written))
        ?? lineFrom(input.file.text, document.span.start);
      const message = messageOf(error, valuesField(path), valueAt(data, path));
      const key = `${span.start}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ uri: input.file.uri, ruleId: valuesSchemaRule.id, severity: 'error', ...span, message });
    }
  }
  return findings;
}
