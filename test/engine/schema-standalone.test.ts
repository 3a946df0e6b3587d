// The standalone validators generated at build time (dist/schemas/validators.js) against validators
// compiled now from the same schemas: the same verdict and the same error objects, in the same order,
// on manifests broken in every way the schemas can report. Also against the way the schemas were
// compiled before there was generated code (custom keywords as `validate` functions, descriptions
// kept), so that the errors the schema/* rules read did not change with it.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { parseAllDocuments } from 'yaml';
import { defaultSchemaPath, loadStandaloneValidators, standaloneValidatorsFile, type SchemaBundle, type ValidatorLookup } from '../../server/src/engine/schema/store';
import { compileValidators, definitionId } from '../../server/src/engine/schema/compile';
import { isK8sIntOrString, isK8sQuantity, k8sFormats } from '../../server/src/engine/schema/runtime';
import { corpusDir, examplesDir, fixturesDir } from '../support/repo';

const schemaPath = defaultSchemaPath();
const schemaText = readFileSync(schemaPath, 'utf8');
const bundle = JSON.parse(schemaText) as SchemaBundle;

/** The set-up SchemaStore compiled at run time before the validators were generated. */
function previousValidators(): ValidatorLookup {
  const ajv = new Ajv2020({ allErrors: true, strict: false, inlineRefs: false, validateSchema: false });
  ajv.addKeyword({ keyword: 'k8sQuantity', schemaType: 'boolean', validate: (_schema: boolean, data: unknown) => isK8sQuantity(data) });
  ajv.addKeyword({ keyword: 'k8sIntOrString', schemaType: 'boolean', validate: (_schema: boolean, data: unknown) => isK8sIntOrString(data) });
  for (const [name, format] of Object.entries(k8sFormats)) ajv.addFormat(name, format);
  ajv.addSchema({ $id: 'k8s', $defs: bundle.$defs });
  return (ref) => ajv.getSchema(definitionId(ref));
}

interface Sample {
  name: string;
  ref: string;
  value: unknown;
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** The documents of the fixtures, the examples and the corpus (when present) that have a built-in kind. */
function documents(): Sample[] {
  const samples: Sample[] = [];
  for (const path of [...yamlFiles(fixturesDir), ...yamlFiles(examplesDir), ...yamlFiles(corpusDir)].sort()) {
    parseAllDocuments(readFileSync(path, 'utf8')).forEach((doc, index) => {
      if (!('toJS' in doc) || doc.errors.length > 0) return;
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (!isRecord(value)) return;
      const info = bundle.kinds[`${String(value.apiVersion)}/${String(value.kind)}`];
      if (info) samples.push({ name: `${path}#${index}`, ref: info.ref, value });
    });
  }
  return samples;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Path = (string | number)[];

/** Every path to a value inside a document (the root excluded). */
function paths(value: unknown, prefix: Path = []): Path[] {
  const children: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item])
    : isRecord(value) ? Object.entries(value) : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function replaced(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === key ? replaced(item, rest, replacement) : item));
  if (isRecord(value)) return { ...value, [key]: replaced(value[key], rest, replacement) };
  return value;
}

/** Values of every JSON type, and strings that some formats, quantities and enums reject. */
const wrongValues: unknown[] = ['Not_A-Name', '2Gx', '', 1.5, -3, true, null, [], [1, 'a'], {}, { bogus: 1 }];

/** Each document, then each of its values replaced by wrong values, a key misspelt, a key deleted. */
function mutants(sample: Sample, limit: number): Sample[] {
  const out: Sample[] = [sample];
  const all = paths(sample.value);
  const step = Math.max(1, Math.ceil(all.length / limit));
  all.filter((_, index) => index % step === 0).forEach((path, index) => {
    const wrong = wrongValues[index % wrongValues.length];
    out.push({ ...sample, name: `${sample.name} ${path.join('.')}=${JSON.stringify(wrong)}`, value: replaced(sample.value, path, wrong) });
    const last = path[path.length - 1];
    if (typeof last === 'string') {
      const parent = path.slice(0, -1);
      const owner = parent.reduce<unknown>((node, key) => (isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined), sample.value);
      if (isRecord(owner)) {
        const { [last]: moved, ...rest } = owner;
        out.push({ ...sample, name: `${sample.name} ${path.join('.')} deleted`, value: replaced(sample.value, parent, rest) });
        out.push({ ...sample, name: `${sample.name} ${path.join('.')} misspelt`, value: replaced(sample.value, parent, { ...rest, [`${last}x`]: moved }) });
      }
    }
  });
  return out;
}

/** For every kind: nothing, the wrong type, and a skeleton with wrong and unknown fields. */
function skeletons(): Sample[] {
  const refs = [...new Set(Object.values(bundle.kinds).map((info) => info.ref))].sort();
  return refs.flatMap((ref) => [null, 'x', [], {}, { apiVersion: 1, kind: [], metadata: { name: 'Bad_Name', namespace: 'Bad.Ns', labels: { a: 1 } }, spec: { bogus: true }, status: 'x', extra: {} }]
    .map((value, index) => ({ name: `${ref} skeleton ${index}`, ref, value })));
}

/** What a validator says about a value, as comparable data (a fresh copy of its errors). */
function verdict(validators: ValidatorLookup, sample: Sample): { valid: boolean; errors: unknown } {
  const validate = validators(sample.ref);
  assert.ok(validate, `no validator for ${sample.ref}`);
  const valid = validate(structuredClone(sample.value));
  return { valid, errors: structuredClone(validate.errors ?? null) };
}

describe('standalone schema validators', () => {
  const standalone = loadStandaloneValidators(schemaPath, schemaText);
  const samples = [...skeletons(), ...documents().flatMap((sample) => mutants(sample, 60))];

  it('exist for every kind, and only for definitions that are kinds', () => {
    for (const info of Object.values(bundle.kinds)) assert.equal(typeof standalone(info.ref), 'function', info.ref);
    assert.equal(standalone('V1ObjectMeta'), undefined);
    assert.equal(standalone('toString'), undefined);
  });

  for (const [name, reference] of [['compiled now', () => compileValidators(bundle)], ['compiled as before', previousValidators]] as const) {
    it(`report what validators ${name} report`, () => {
      const compiled = reference();
      const keywords = new Set<string>();
      let invalid = 0;
      for (const sample of samples) {
        const expected = verdict(compiled, sample);
        assert.deepStrictEqual(verdict(standalone, sample), expected, sample.name);
        if (!expected.valid) invalid++;
        for (const error of (expected.errors as { keyword: string }[] | null) ?? []) keywords.add(error.keyword);
      }
      // The comparison covers every kind of error the schema/* rules turn into findings.
      assert.ok(samples.length > 2000 && invalid > samples.length / 2, `${invalid} of ${samples.length} samples invalid`);
      for (const keyword of ['additionalProperties', 'type', 'required', 'enum', 'format', 'k8sQuantity', 'k8sIntOrString']) {
        assert.ok(keywords.has(keyword), `no sample produced a ${keyword} error`);
      }
    });
  }

  it('are refused when generated from other schemas, or missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-validators-'));
    try {
      const copy = join(dir, 'kubernetes.json');
      writeFileSync(copy, schemaText);
      assert.throws(() => loadStandaloneValidators(copy, schemaText), /validators not found.*npm run build/);
      copyFileSync(join(schemaPath, '..', standaloneValidatorsFile), join(dir, standaloneValidatorsFile));
      const firstFileOnly = loadStandaloneValidators(copy, schemaText);
      assert.equal(typeof firstFileOnly('V1StatefulSet'), 'function');
      // A kind in a next file loads it on first use.
      assert.throws(() => firstFileOnly('V1Role'), /validators not found.*npm run build/);
      for (const file of readdirSync(join(schemaPath, '..')).filter((name) => /^validators.*\.js$/.test(name))) {
        copyFileSync(join(schemaPath, '..', file), join(dir, file));
      }
      assert.equal(typeof loadStandaloneValidators(copy, schemaText)('V1Role'), 'function');
      assert.throws(() => loadStandaloneValidators(copy, `${schemaText}\n`), /generated from another kubernetes\.json.*npm run build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
