// The fields of kustomization.yaml, as Kustomize's Go types declare them (kustomize/api/types):
// Kustomize decodes the file strictly (json DisallowUnknownFields), so an unknown field, at the top
// or inside an entry, or a value of the wrong type fails the build.
import type { DataPath } from '../yaml/nodes';

export type FieldType = 'string' | 'bool' | 'int' | 'any' | { list: FieldType } | { map: FieldType } | { fields: Record<string, FieldType> };

const string = 'string' as const;
const bool = 'bool' as const;
const strings: FieldType = { list: string };
const stringMap: FieldType = { map: string };
const gvk = { group: string, version: string, kind: string };
const fieldSpec: FieldType = { fields: { ...gvk, path: string, create: bool } };
const selector: FieldType = { fields: { ...gvk, name: string, namespace: string, labelSelector: string, annotationSelector: string } };
const patch: FieldType = { list: { fields: { path: string, patch: string, target: selector, options: { map: bool } } } };
const image: FieldType = { list: { fields: { name: string, newName: string, tagSuffix: string, newTag: string, digest: string } } };
const generatorOptions: FieldType = { fields: { labels: stringMap, annotations: stringMap, disableNameSuffixHash: bool, immutable: bool } };
const generatorArgs = { namespace: string, name: string, behavior: string, literals: strings, files: strings, envs: strings, env: string, options: generatorOptions };

export const kustomizationType: FieldType = {
  fields: {
    apiVersion: string, kind: string,
    metadata: { fields: { name: string, namespace: string, labels: stringMap, annotations: stringMap } },
    openapi: stringMap, namePrefix: string, nameSuffix: string, namespace: string,
    commonLabels: stringMap,
    labels: { list: { fields: { pairs: stringMap, includeSelectors: bool, includeTemplates: bool, fields: { list: fieldSpec } } } },
    commonAnnotations: stringMap,
    patchesStrategicMerge: strings, patchesJson6902: patch, patches: patch,
    images: image, imageTags: image,
    replacements: 'any', replicas: { list: { fields: { name: string, count: 'int' } } },
    vars: 'any', sortOptions: 'any',
    resources: strings, components: strings, crds: strings, bases: strings,
    configMapGenerator: { list: { fields: generatorArgs } },
    secretGenerator: { list: { fields: { ...generatorArgs, type: string } } },
    helmGlobals: 'any', helmCharts: 'any', helmChartInflationGenerator: 'any',
    generatorOptions,
    configurations: strings, generators: strings, transformers: strings, validators: strings, buildMetadata: strings,
  },
};

export interface SchemaProblem { path: DataPath; kind: 'unknown-field' | 'type'; message: string }

const typeName = (type: FieldType): string => typeof type === 'string' ? (type === 'int' ? 'an integer' : type === 'bool' ? 'true or false' : 'a string')
  : 'list' in type ? 'a list' : 'a map';

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return typeof value === 'string' ? `the string "${value}"` : `${typeof value} ${String(value)}`;
}

/** Every unknown field and wrongly typed value in `value` (nulls are accepted, as Go leaves the zero value). */
export function checkType(value: unknown, type: FieldType, path: DataPath, problems: SchemaProblem[], fieldName: string): void {
  if (value === null || value === undefined || type === 'any') return;
  const wrong = (): void => { problems.push({ path, kind: 'type', message: `\`${fieldName}\` must be ${typeName(type)}, not ${describe(value)}` }); };
  if (typeof type === 'string') {
    if (type === 'string' && typeof value !== 'string') wrong();
    if (type === 'bool' && typeof value !== 'boolean') wrong();
    if (type === 'int' && !(typeof value === 'number' && Number.isInteger(value))) wrong();
    return;
  }
  if ('list' in type) {
    if (!Array.isArray(value)) { wrong(); return; }
    value.forEach((item, index) => checkType(item, type.list, [...path, index], problems, fieldName));
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) { wrong(); return; }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if ('map' in type) { checkType(item, type.map, [...path, key], problems, `${fieldName}.${key}`); continue; }
    const fieldType = type.fields[key];
    if (!fieldType) { problems.push({ path: [...path, key], kind: 'unknown-field', message: `unknown field "${key}"` }); continue; }
    checkType(item, fieldType, [...path, key], problems, path.length === 0 ? key : `${fieldName}.${key}`);
  }
}
