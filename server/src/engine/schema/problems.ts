// Validates a manifest once against its built-in schema and turns Ajv's errors into problems with
// exact spans, one class per `schema/*` rule.
import { isMap, isScalar, Scalar } from 'yaml';
import type { ErrorObject } from 'ajv';
import { objectSpan, type Manifest } from '../model/manifest';
import { fromPointer, spanOf, type DataPath } from '../yaml/nodes';
import { fieldPath } from '../check/rule';
import { Snippet, setKey } from '../edit/insert';
import { usesCrlf } from '../edit/line-ends';
import { defName, typeName, type JsonSchema, type SchemaStore } from './store';
import { needsSelector, sameShapeReplacement } from './replacement';
import { closest, quote } from '../text';
import type { FixData, Span } from '../types';

export type SchemaProblemClass = 'unknown-field' | 'type' | 'required' | 'enum' | 'format';

export interface SchemaProblem extends Span {
  class: SchemaProblemClass;
  path: DataPath;
  message: string;
  fixes?: FixData[];
}

/**
 * Validation errors per document data (the expensive part: kept while the document is unchanged), and
 * problems per manifest with the offset of its document: a manifest keeps its identity when an edit
 * above its document moves it, so its problems are placed again then.
 */
const errorCache = new WeakMap<object, { store: SchemaStore; errors: ErrorObject[] }>();
const cache = new WeakMap<Manifest, { start: number; crlf: boolean; problems: SchemaProblem[] }>();

export function schemaProblems(manifest: Manifest, store: SchemaStore): SchemaProblem[] {
  const start = manifest.document.span.start;
  // Fixes carry the file's line ends, which an edit elsewhere in the file can change.
  const crlf = usesCrlf(manifest.file);
  const known = cache.get(manifest);
  if (known && known.start === start && known.crlf === crlf && errorCache.get(manifest.value)?.store === store) return known.problems;
  // A removed apiVersion is checked against its replacement's schema: every problem is reported with
  // manifest/removed-api at once, not after the apiVersion is fixed.
  const replacement = sameShapeReplacement(store, manifest.apiVersion, manifest.kind);
  const version = replacement ?? manifest.apiVersion;
  let errors = errorCache.get(manifest.value)?.store === store ? errorCache.get(manifest.value)!.errors : undefined;
  if (!errors) {
    errors = store.validate(version, manifest.kind, manifest.value) ?? [];
    errorCache.set(manifest.value, { store, errors });
  }
  let problems = errors.map((error) => toProblem(error, manifest, store, version)).filter((p): p is SchemaProblem => !!p);
  if (replacement) {
    problems = problems
      // The selector apps/v1 requires is in manifest/removed-api's message and fix.
      .filter((problem) => !(problem.class === 'required' && needsSelector.has(manifest.kind) && problem.path.join('.') === 'spec.selector'))
      .map((problem) => ({ ...problem, message: `${problem.message} (Checked against ${replacement}, which replaces ${manifest.apiVersion}.)` }));
  }
  cache.set(manifest, { start, crlf, problems });
  return problems;
}

function toProblem(error: ErrorObject, manifest: Manifest, store: SchemaStore, version: string): SchemaProblem | undefined {
  const path = fromPointer(error.instancePath);
  const where = fieldPath(path) || 'the object';
  const whole = objectSpan(manifest);
  const params = error.params as Record<string, unknown>;
  const value = getValue(manifest.value, path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const fullPath = [...path, key];
      const span = manifest.keySpan(fullPath);
      const allowed = Object.keys(store.schemaAt(version, manifest.kind, path)?.properties ?? {});
      const suggestions = closest(key, allowed, 1);
      const owner = ownerName(manifest, path, store, version);
      const hint = suggestions.length ? ` Did you mean ${quote(suggestions[0])}?` : ' Remove it or check its indentation.';
      const fixes: FixData[] = suggestions.map((suggestion) => ({
        title: `Change ${quote(key)} to ${quote(suggestion)}`,
        edits: [{ uri: manifest.uri, start: span.start, end: span.end, newText: suggestion }],
        preferred: true,
        safe: suggestion.toLowerCase() === key.toLowerCase(),
      }));
      return { class: 'unknown-field', path: fullPath, ...span,
        message: `Unknown field ${quote(key)} in ${owner} (${fieldPath(fullPath)}).${hint}`, fixes };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const last = path[path.length - 1];
      const span = path.length === 0 ? kindSpan(manifest) ?? whole
        : typeof last === 'number' ? firstKeySpan(manifest.locate(path).node) ?? manifest.keySpan(path)
          : manifest.keySpan(path);
      const place = path.length === 0 ? 'at the top level' : typeof last === 'number' ? 'to this item' : `under ${quote(String(last))}`;
      const fix = requiredFix(manifest, path, missing, store, version);
      return { class: 'required', path: [...path, missing], ...span, fixes: fix ? [fix] : undefined,
        message: `Missing required field ${quote(missing)} in ${where} (${ownerName(manifest, path, store, version)}). Add ${quote(missing)} ${place}.` };
    }
    case 'type': {
      const span = manifest.valueSpan(path);
      const expected = Array.isArray(params.type) ? (params.type as string[]).join(' or ') : String(params.type);
      return { class: 'type', path, ...span, message: typeMessage(where, expected, value, manifest, path) };
    }
    case 'enum': {
      const span = manifest.valueSpan(path);
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const ordered = closest(String(value), allowed.map(String), allowed.length);
      const rest = allowed.map(String).filter((item) => !ordered.includes(item));
      const fixes: FixData[] = [...ordered, ...rest].map((choice, index) => ({
        title: `Change to ${quote(choice)}`,
        edits: [{ uri: manifest.uri, start: span.start, end: span.end, newText: choice === '' ? '""' : choice }],
        preferred: index === 0 && ordered.length > 0,
        safe: index === 0 && choice.toLowerCase() === String(value).toLowerCase(),
      }));
      return { class: 'enum', path, ...span, fixes,
        message: `Unsupported value ${quote(value)} for ${where}: supported values: ${allowed.map(quote).join(', ')}.` };
    }
    case 'k8sQuantity':
      return { class: 'format', path, ...(manifest.valueSpan(path)),
        message: `${where}: ${quote(value)} is not a valid quantity. Use a number with an optional suffix: Ki, Mi, Gi, Ti (powers of 2) or k, M, G, T (powers of 10), or m for thousandths, e.g. 2Gi, 500Mi, 100m.` };
    case 'k8sIntOrString':
      return { class: 'format', path, ...(manifest.valueSpan(path)),
        message: `${where}: ${quote(value)} must be an integer or a string (a port number like 8080, a port name like "http", or a percentage like "25%").` };
    case 'format': {
      const format = String(params.format);
      const rule = format === 'dns-label'
        ? "an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"
        : "empty or an RFC 1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters";
      return { class: 'format', path, ...(manifest.valueSpan(path)), message: `${where}: ${quote(value)} must be ${rule}.` };
    }
    default:
      return { class: 'type', path, ...(manifest.valueSpan(path)), message: `${where} ${error.message ?? 'is invalid'}.` };
  }
}

function typeMessage(where: string, expected: string, value: unknown, manifest: Manifest, path: DataPath): string {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `the ${typeof value} ${quote(value)}`;
  const node = manifest.locate(path).node;
  const quoted = isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
  const noun = expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : `a${/^[aeiou]/.test(expected) ? 'n' : ''} ${expected}`;
  let hint = '';
  if (quoted && (expected === 'integer' || expected === 'number') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    hint = ' Remove the quotes.';
  } else if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    hint = ` Quote it: "${String(value)}".`;
  } else if (expected === 'array' && value !== null && typeof value === 'object') {
    hint = ' Start each item with "- ".';
  }
  return `${where} must be ${noun}, not ${actual}.${hint}`;
}

function ownerName(manifest: Manifest, path: DataPath, store: SchemaStore, version: string): string {
  const schema = path.length === 0 ? store.kindSchema(version, manifest.kind) : store.schemaAt(version, manifest.kind, path);
  if (path.length === 0) return manifest.kind;
  const info = store.kindInfo(version, manifest.kind);
  const parent = store.schemaAt(version, manifest.kind, path.slice(0, -1));
  const last = path[path.length - 1];
  const field = typeof last === 'number' ? parent?.items : parent?.properties?.[last] ?? (typeof parent?.additionalProperties === 'object' ? parent.additionalProperties : undefined);
  if (field?.$ref) return defName(field.$ref);
  return info && schema ? typeName(schema, store) : 'this object';
}

/** Inserts a missing required key with a placeholder of the right shape (snippet tab stops for text). */
function requiredFix(manifest: Manifest, path: DataPath, missing: string, store: SchemaStore, version: string): FixData | undefined {
  const schema = store.schemaAt(version, manifest.kind, [...path, missing]);
  const stops = { next: 1 };
  const value = placeholder(schema, missing, store, stops, 0);
  const edit = setKey(manifest, path, missing, value);
  return edit ? { title: `Add the required field ${quote(missing)}`, edits: [edit], preferred: true } : undefined;
}

function placeholder(schema: JsonSchema | undefined, name: string, store: SchemaStore, stops: { next: number }, depth: number): unknown {
  const resolved = store.resolve(schema);
  if (!resolved || depth > 4) return new Snippet(`\${${stops.next++}:${name}}`);
  if (resolved.enum?.length) return resolved.enum[0];
  if (resolved.type === 'integer' || resolved.type === 'number') return 1;
  if (resolved.type === 'boolean') return false;
  if (resolved.type === 'array') {
    const item = store.resolve(resolved.items);
    return item?.type === 'object' && item.required?.length ? [placeholder(item, name, store, stops, depth + 1)] : [];
  }
  if (resolved.type === 'object') {
    const entries: Record<string, unknown> = {};
    for (const key of resolved.required ?? []) entries[key] = placeholder(resolved.properties?.[key], key, store, stops, depth + 1);
    return entries;
  }
  return new Snippet(`\${${stops.next++}:${name}}`);
}

/** The first key of a mapping (a list item's first line), to underline one line rather than the item. */
function firstKeySpan(node: unknown): Span | undefined {
  return isMap(node) && node.items.length ? spanOf(node.items[0].key as Scalar) : undefined;
}

function kindSpan(manifest: Manifest): Span | undefined {
  return spanOf(manifest.locate(['kind']).node);
}

function getValue(root: unknown, path: DataPath): unknown {
  let current = root;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
