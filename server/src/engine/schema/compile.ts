// Compiles the built-in Kubernetes schemas with Ajv. The CLI and the server do not import this
// module (so Ajv's compiler is not bundled into them): they load the standalone validators that
// schemas/validators.mjs generates with it at build time. Tests compile at run time with it to
// check that the generated validators report exactly what freshly compiled ones do.
import Ajv, { _, type Code, type KeywordCxt, type ValidateFunction } from 'ajv';
import type { JsonSchema, SchemaBundle, ValidatorLookup } from './store';
import { isK8sIntOrString, isK8sQuantity, k8sFormats } from './runtime';

/** How generated code reaches runtime.ts, relative to this folder (the generator resolves it from here). */
export const standaloneRuntimeModule = './runtime';

/** The `$id` under which the definitions are added, and how a definition is addressed. */
export const schemaId = 'k8s';
export const definitionId = (ref: string): string => `${schemaId}#/$defs/${ref}`;

/**
 * An Ajv instance with the schemas' keywords, formats and definitions. Ajv's draft-07 dialect: the
 * schemas use no keyword of the later drafts (type, properties, additionalProperties, items,
 * required, enum, format, $ref to $defs), and the 2019/2020 dialects' code passes a new
 * `dynamicAnchors` object to every nested definition and tracks evaluated properties: CLI on 2,000
 * files, 15 interleaved runs: 1,002 -> 971 ms wall, CPU 1,379 -> 1,336 ms, the same errors
 * (test/engine/schema-standalone.test.ts compares them with the 2020 dialect's). With `standalone`, it keeps
 * the generated source of what it compiles (for ajv/dist/standalone), and that source reaches the
 * keyword and format functions by `require(standaloneRuntimeModule)`.
 */
export function createSchemaAjv(bundle: SchemaBundle, options: { standalone?: boolean } = {}): Ajv {
  const standalone = options.standalone === true;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    inlineRefs: false,
    validateSchema: false,
    code: standalone ? { source: true, esm: true, formats: _`require(${standaloneRuntimeModule}).k8sFormats` } : {},
  });
  // Defined by code, not by a `validate` function: Ajv can write code keywords into standalone
  // modules. Either way an error is { keyword, params: {}, message: 'must pass "<keyword>" keyword validation' }.
  addCheckKeyword(ajv, 'k8sQuantity', isK8sQuantity, standalone ? _`require(${standaloneRuntimeModule}).isK8sQuantity` : undefined);
  addCheckKeyword(ajv, 'k8sIntOrString', isK8sIntOrString, standalone ? _`require(${standaloneRuntimeModule}).isK8sIntOrString` : undefined);
  for (const [name, format] of Object.entries(k8sFormats)) ajv.addFormat(name, format);
  ajv.addSchema({ $id: schemaId, $defs: validationDefs(bundle.$defs) });
  return ajv;
}

/** A keyword `<keyword>: true` that fails when `check(data)` is false (the keyword's value is not read). */
function addCheckKeyword(ajv: Ajv, keyword: string, check: (data: unknown) => boolean, code: Code | undefined): void {
  ajv.addKeyword({
    keyword,
    schemaType: 'boolean',
    code(cxt: KeywordCxt) {
      const fn = cxt.gen.scopeValue('func', code ? { ref: check, code } : { ref: check });
      cxt.fail(_`!${fn}(${cxt.data})`);
    },
  });
}

/** Validators compiled now, each on first use (Ajv caches them). */
export function compileValidators(bundle: SchemaBundle): ValidatorLookup {
  const ajv = createSchemaAjv(bundle);
  return (ref: string): ValidateFunction | undefined => (Object.hasOwn(bundle.$defs, ref) ? ajv.getSchema(definitionId(ref)) : undefined);
}

/**
 * The definitions as Ajv needs them: without descriptions, which do not change validation (errors
 * carry no schema without Ajv's `verbose`) but would be copied into the generated code wherever it
 * refers to a schema object (enum values, property lists).
 */
export function validationDefs(defs: Record<string, JsonSchema>): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(defs).map(([name, schema]) => [name, withoutDescriptions(schema)]));
}

/** The schema without `description` keywords, its keys in the same order. */
function withoutDescriptions(schema: JsonSchema): JsonSchema {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description') continue;
    if (key === 'properties') {
      result[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, property]) => [name, withoutDescriptions(property)]));
    } else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object' && value !== null) {
      result[key] = withoutDescriptions(value as JsonSchema);
    } else {
      result[key] = value;
    }
  }
  return result as JsonSchema;
}
