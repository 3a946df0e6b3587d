#!/usr/bin/env node
// Generates the built-in Kubernetes JSON Schemas at build time.
//
// Source of truth: the pinned npm package @kubernetes/client-node (generated from the Kubernetes
// OpenAPI spec of the release it names). Its model classes carry each field's type and format
// (`attributeTypeMap`), its `.d.ts` files the descriptions and required markers, and its API
// classes the REST paths from which we learn every kind's apiVersion and scope.
// The pinned package kubernetes-types only fills in descriptions that client-node drops (fields
// whose type is another model) and tells which string fields are really `resource.Quantity`.
// schemas/overlay.json adds what upstream lacks: enums, formats, removed API versions.
//
// Output: dist/schemas/kubernetes.json (not committed).
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const clientNodeDir = dirname(require.resolve('@kubernetes/client-node/package.json'));
const clientNodeVersion = JSON.parse(readFileSync(join(clientNodeDir, 'package.json'), 'utf8')).version;
const typesDir = dirname(require.resolve('kubernetes-types/package.json'));
const typesVersion = JSON.parse(readFileSync(join(typesDir, 'package.json'), 'utf8')).version;
const modelsDir = join(clientNodeDir, 'dist', 'gen', 'models');
const apisDir = join(clientNodeDir, 'dist', 'gen', 'apis');
const overlay = JSON.parse(readFileSync(join(here, 'overlay.json'), 'utf8'));

const unescape = (text) => text.replace(/\\(["'\\`])/g, '$1').trim();

/** Reads `/** ... *\/` comments and `'field'?: Type` lines of one client-node class declaration. */
function readClassDeclaration(text) {
  const fields = new Map();
  let description;
  const lines = text.split('\n');
  let comment = [];
  let inComment = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) { inComment = true; comment = []; continue; }
    if (inComment) {
      if (trimmed.startsWith('*/')) { inComment = false; continue; }
      comment.push(trimmed.replace(/^\*\s?/, ''));
      continue;
    }
    const classMatch = /^export declare class (\w+)/.exec(trimmed);
    if (classMatch) { description = comment.join('\n'); comment = []; continue; }
    const fieldMatch = /^'([^']+)'(\?)?:/.exec(trimmed);
    if (fieldMatch && line.startsWith('    ') && !line.startsWith('     ')) {
      fields.set(fieldMatch[1], { description: unescape(comment.join('\n')), required: !fieldMatch[2] });
      comment = [];
    } else if (trimmed && !trimmed.startsWith('[') && !trimmed.startsWith('}')) {
      comment = [];
    }
  }
  return { description: description ? unescape(description) : '', fields };
}

/** Reads kubernetes-types interfaces: name → field → { description, type text }. */
function readKubernetesTypes() {
  const byName = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.d.ts')) readTypesFile(readFileSync(path, 'utf8'), byName);
    }
  };
  walk(typesDir);
  return byName;
}

function readTypesFile(text, byName) {
  let current;
  let comment = [];
  let inComment = false;
  let lastField;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    const start = /^export interface (\w+)/.exec(trimmed);
    if (start) {
      current = { fields: new Map(), description: comment.join(' ').trim() };
      const list = byName.get(start[1]) ?? [];
      list.push(current);
      byName.set(start[1], list);
      comment = [];
      continue;
    }
    if (!current) { if (trimmed.startsWith('/**')) comment = []; continue; }
    if (trimmed.startsWith('/**')) {
      comment = [];
      const single = /^\/\*\*(.*)\*\/$/.exec(trimmed);
      if (single) comment.push(single[1].trim()); else inComment = true;
      continue;
    }
    if (inComment) {
      if (trimmed.startsWith('*/')) inComment = false;
      else comment.push(trimmed.replace(/^\*\s?/, ''));
      continue;
    }
    const field = /^(\w+)\??: (.*)$/.exec(line.startsWith('    ') && !line.startsWith('     ') ? trimmed : '');
    if (field) {
      lastField = { description: comment.join('\n').trim(), type: field[2] };
      current.fields.set(field[1], lastField);
      comment = [];
    } else if (lastField && line.startsWith('     ')) {
      lastField.type += trimmed;
    } else if (line.startsWith('}')) {
      current = undefined;
    }
  }
}

const typesByName = readKubernetesTypes();

/** The kubernetes-types interface that best matches a client-node class (most shared field names). */
function matchingInterface(className, fieldNames) {
  const plain = className.replace(/^(?:[A-Z][a-z]+)*?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
  const candidates = typesByName.get(plain) ?? [];
  let best;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = fieldNames.filter((name) => candidate.fields.has(name)).length;
    if (score > bestScore) { best = candidate; bestScore = score; }
  }
  return best;
}

const quantitySchema = { k8sQuantity: true };
const intOrStringSchema = { k8sIntOrString: true };

function schemaForType(type, format, isQuantity) {
  if (isQuantity && type === 'string') return { ...quantitySchema };
  if (type === 'string') return format === 'byte' ? { type: 'string', contentEncoding: 'base64' } : { type: 'string' };
  if (type === 'number') return format === 'double' ? { type: 'number' } : { type: 'integer' };
  if (type === 'boolean') return { type: 'boolean' };
  if (type === 'Date' || type === 'V1MicroTime') return { type: 'string' };
  if (type === 'any') return {};
  if (type === 'IntOrString') return { ...intOrStringSchema };
  const array = /^Array<(.*)>$/.exec(type);
  if (array) return { type: 'array', items: schemaForType(array[1], '', isQuantity) };
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: schemaForType(map[1], '', isQuantity) };
  if (/^\w+$/.test(type)) return { $ref: `#/$defs/${type}` };
  throw new Error(`unknown client-node type ${type}`);
}

async function readModels() {
  const defs = {};
  const files = readdirSync(modelsDir).filter((name) => /^[A-Z]\w*\.d\.ts$/.test(name));
  for (const file of files) {
    const className = file.slice(0, -'.d.ts'.length);
    const module = await import(new URL(`file://${join(modelsDir, className + '.js')}`).href);
    const model = module[className];
    if (!model || !Array.isArray(model.attributeTypeMap)) continue;
    const declaration = readClassDeclaration(readFileSync(join(modelsDir, file), 'utf8'));
    const attributes = model.attributeTypeMap;
    const fallback = matchingInterface(className, attributes.map((a) => a.baseName));
    const properties = {};
    const required = [];
    for (const attribute of attributes) {
      const own = declaration.fields.get(attribute.name);
      const other = fallback?.fields.get(attribute.baseName);
      const isQuantity = Boolean(other && /\bQuantity\b/.test(other.type));
      const schema = schemaForType(attribute.type, attribute.format, isQuantity);
      const description = own?.description || other?.description || '';
      if (description) schema.description = description;
      properties[attribute.baseName] = schema;
      if (own?.required) required.push(attribute.baseName);
    }
    const def = { type: 'object', properties, additionalProperties: false };
    if (required.length) def.required = required;
    const description = declaration.description || fallback?.description;
    if (description) def.description = description;
    defs[className] = def;
  }
  return defs;
}

/** Every creatable kind: apiVersion, kind, model class and whether it is namespaced. */
function readKinds() {
  const kinds = {};
  for (const file of readdirSync(apisDir).filter((name) => name.endsWith('Api.d.ts'))) {
    const declarations = readFileSync(join(apisDir, file), 'utf8');
    const code = readFileSync(join(apisDir, file.replace(/\.d\.ts$/, '.js')), 'utf8');
    const pattern = /^\s+create(Namespaced)?(\w+)\((?:namespace: string, )?body: (\w+)/gm;
    for (const match of declarations.matchAll(pattern)) {
      const method = `create${match[1] ?? ''}${match[2]}`;
      const start = code.indexOf(`async ${method}(`);
      if (start < 0) continue;
      const path = /localVarPath = '([^']+)'/.exec(code.slice(start))?.[1];
      if (!path || path.includes('{name}')) continue;
      const parts = path.split('/');
      const apiVersion = parts[1] === 'api' ? parts[2] : `${parts[2]}/${parts[3]}`;
      const kind = match[3].replace(/^(?:[A-Z][a-z]+)*?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
      kinds[`${apiVersion}/${kind}`] = { apiVersion, kind, ref: match[3], namespaced: Boolean(match[1]) };
    }
  }
  return kinds;
}

function applyOverlay(defs) {
  for (const [target, patch] of Object.entries(overlay.fields)) {
    const [className, field] = target.split('.');
    const property = defs[className]?.properties[field];
    if (!property) throw new Error(`overlay names ${target}, which client-node ${clientNodeVersion} does not have`);
    const slot = property.type === 'array' ? property.items : property;
    Object.assign(slot, patch);
  }
}

/** Keeps only the definitions reachable from a kind, so the bundle stays small. */
function reachable(defs, kinds) {
  const keep = new Set();
  const visit = (name) => {
    if (keep.has(name)) return;
    if (!defs[name]) throw new Error(`missing definition ${name}`);
    keep.add(name);
    JSON.stringify(defs[name], (key, value) => {
      if (key === '$ref' && typeof value === 'string') visit(value.slice('#/$defs/'.length));
      return value;
    });
  };
  for (const kind of Object.values(kinds)) visit(kind.ref);
  return Object.fromEntries([...keep].sort().map((name) => [name, defs[name]]));
}

const allDefs = await readModels();
applyOverlay(allDefs);
const kinds = readKinds();
for (const [key, kind] of Object.entries(overlay.extraKinds)) kinds[key] = kind;
const defs = reachable(allDefs, kinds);
const openApiVersion = /OpenAPI spec version: release-([\d.]+)/.exec(
  readFileSync(join(modelsDir, 'V1StatefulSet.d.ts'), 'utf8'))?.[1] ?? 'unknown';
const bundle = {
  kubernetesVersion: openApiVersion,
  source: `@kubernetes/client-node@${clientNodeVersion} (OpenAPI release-${openApiVersion}); descriptions completed from kubernetes-types@${typesVersion}`,
  kinds,
  removedApis: overlay.removedApis,
  $defs: defs,
};
const outDir = join(root, 'dist', 'schemas');
mkdirSync(outDir, { recursive: true });
const text = JSON.stringify(bundle);
writeFileSync(join(outDir, 'kubernetes.json'), text);
console.log(`schemas: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} definitions, ` +
  `${(text.length / 1024 / 1024).toFixed(1)} MB from ${bundle.source}`);
