// The built-in Kubernetes schemas: loading them with their validators, and walking a schema by path.
// The validators are standalone code that schemas/validators.mjs generates at build time
// (dist/schemas/validators.js); schema-compile.ts compiles the same ones at run time for tests.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { ErrorObject } from 'ajv';
import type { DataPath } from '../yaml/nodes';

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  format?: string;
  $ref?: string;
  k8sQuantity?: boolean;
  k8sIntOrString?: boolean;
}

export interface KindInfo {
  apiVersion: string;
  kind: string;
  ref: string;
  namespaced: boolean;
}

export interface RemovedApi {
  removedIn: string;
  replacement: string;
}

export interface SchemaBundle {
  kubernetesVersion: string;
  source: string;
  kinds: Record<string, KindInfo>;
  removedApis: Record<string, RemovedApi>;
  $defs: Record<string, JsonSchema>;
}

/** Finds dist/schemas/kubernetes.json next to the bundled code or above the compiled sources. */
export function defaultSchemaPath(): string {
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth++) {
    for (const candidate of [join(dir, 'schemas', 'kubernetes.json'), join(dir, 'dist', 'schemas', 'kubernetes.json')]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error('built-in schemas not found: run `npm run build` (it writes dist/schemas/kubernetes.json)');
}

/** A validator of one definition, as Ajv makes them (compiled or standalone): errors of the last call. */
export interface KindValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validator of a definition, by its name in `$defs` (KindInfo.ref); undefined when there is none. */
export type ValidatorLookup = (ref: string) => KindValidator | undefined;

/**
 * What a generated validators file exports: validators by definition name, the hash of the schemas
 * they were generated from and, when the kinds are split over several files, the file with the next ones.
 */
export interface StandaloneValidators {
  schemaHash: string;
  validators: Record<string, KindValidator | undefined>;
  next?: string;
}

/** The first generated validators file, next to kubernetes.json. */
export const standaloneValidatorsFile = 'validators.js';

/** Identifies a schemas file's text, so that validators generated from another one are not used. */
export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The standalone validators generated next to a schemas file (given with its text). The first file is
 * loaded now, each next one when a kind that is not in the ones before is looked up.
 */
export function loadStandaloneValidators(schemaPath: string, schemaText: string): ValidatorLookup {
  const hash = schemaHash(schemaText);
  const load = (file: string): StandaloneValidators => {
    const path = join(dirname(schemaPath), file);
    if (!existsSync(path)) throw new Error(`schema validators not found (${path}): run \`npm run build\``);
    const loaded = createRequire(path)(path) as StandaloneValidators;
    if (loaded.schemaHash !== hash) throw new Error(`${path} was generated from another ${basename(schemaPath)}: run \`npm run build\``);
    return loaded;
  };
  const files = [load(standaloneValidatorsFile)];
  return (ref) => {
    for (let index = 0; ; index++) {
      const { validators, next } = files[index];
      if (Object.hasOwn(validators, ref)) return validators[ref];
      if (!next) return undefined;
      files[index + 1] ??= load(next);
    }
  };
}

export class SchemaStore {
  constructor(readonly bundle: SchemaBundle, private readonly validators: ValidatorLookup) {}

  /** The schemas and the validators generated from them (dist/schemas/ unless told). */
  static load(path = defaultSchemaPath()): SchemaStore {
    const text = readFileSync(path, 'utf8');
    return new SchemaStore(JSON.parse(text) as SchemaBundle, loadStandaloneValidators(path, text));
  }

  /** kindInfo's answers by apiVersion and kind: several rules ask for every object, and a joined key is a new string each time. */
  private readonly kindsByVersion = new Map<string, Map<string, KindInfo | undefined>>();

  kindInfo(apiVersion: string, kind: string): KindInfo | undefined {
    let byKind = this.kindsByVersion.get(apiVersion);
    if (!byKind) {
      // Bounded: an editor sees every apiVersion typed on the way to the right one.
      if (this.kindsByVersion.size >= 512) this.kindsByVersion.clear();
      this.kindsByVersion.set(apiVersion, byKind = new Map());
    }
    let info = byKind.get(kind);
    if (info === undefined && !byKind.has(kind)) {
      info = Object.hasOwn(this.bundle.kinds, `${apiVersion}/${kind}`) ? this.bundle.kinds[`${apiVersion}/${kind}`] : undefined;
      if (byKind.size < 512) byKind.set(kind, info);
    }
    return info;
  }

  /** The release that stopped serving an apiVersion/kind, when it is a removed API. */
  removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
    if (this.kindInfo(apiVersion, kind)) return undefined;
    return this.bundle.removedApis[`${apiVersion}/${kind}`] ?? this.bundle.removedApis[`${apiVersion}/*`];
  }

  /** Validates a manifest's data; undefined when the kind has no built-in schema. */
  validate(apiVersion: string, kind: string, value: unknown): ErrorObject[] | undefined {
    const info = this.kindInfo(apiVersion, kind);
    if (!info) return undefined;
    const validator = this.validators(info.ref);
    if (!validator) return undefined;
    return validator(value) ? [] : [...(validator.errors ?? [])];
  }

  resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
    let current = schema;
    for (let hops = 0; current?.$ref && hops < 20; hops++) {
      const target = this.bundle.$defs[current.$ref.slice('#/$defs/'.length)];
      current = target ? { ...target, description: current.description ?? target.description } : undefined;
    }
    return current;
  }

  /** The schema of a kind. */
  kindSchema(apiVersion: string, kind: string): JsonSchema | undefined {
    const info = this.kindInfo(apiVersion, kind);
    return info ? this.resolve({ $ref: `#/$defs/${info.ref}` }) : undefined;
  }

  /** The schema at a data path inside a kind, with its description from the field that holds it. */
  schemaAt(apiVersion: string, kind: string, path: DataPath): JsonSchema | undefined {
    let schema = this.kindSchema(apiVersion, kind);
    for (const step of path) {
      if (!schema) return undefined;
      if (typeof step === 'number' || schema.type === 'array') {
        schema = this.resolve(schema.items);
      } else if (schema.properties?.[step]) {
        schema = this.resolve(schema.properties[step]);
      } else if (typeof schema.additionalProperties === 'object') {
        schema = this.resolve(schema.additionalProperties);
      } else {
        return undefined;
      }
    }
    return schema;
  }
}

/** A short human name of a schema's type: `string`, `integer`, `object (LabelSelector)`, `[]Container`. */
export function typeName(schema: JsonSchema | undefined, store: SchemaStore): string {
  if (!schema) return 'unknown';
  if (schema.k8sQuantity) return 'Quantity (string or number, e.g. 2Gi, 500m)';
  if (schema.k8sIntOrString) return 'integer or string';
  if (schema.$ref) return defName(schema.$ref);
  if (schema.type === 'array') return `[]${typeName(schema.items, store)}`;
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return `map[string]${typeName(schema.additionalProperties, store)}`;
  }
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return schema.type ?? 'any';
}

export function defName(ref: string): string {
  return ref.slice('#/$defs/'.length).replace(/^(?:[A-Z][a-z]+)*?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}
