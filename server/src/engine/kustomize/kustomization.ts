// Reading one kustomization file: finding it in its folder, checking it as Kustomize decodes it
// (unknown fields, types, kind and apiVersion), and noting deprecated and unsupported fields.
import type { Origin } from '../model/provenance';
import type { DataPath } from '../yaml/nodes';
import type { BuildContext } from './context';
import { checkType, kustomizationType, type SchemaProblem } from './kustomization-schema';
import { folderOf, resolveUri } from './uri';

/** The names Kustomize looks for in a folder (konfig.RecognizedKustomizationFileNames). */
export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationFileName(name: string): boolean {
  return kustomizationFileNames.includes(name);
}

export interface Kustomization {
  uri: string;
  folder: string;
  docIndex: number;
  data: Record<string, unknown>;
  isComponent: boolean;
}

export function entryOrigin(kustomization: Kustomization, ...path: DataPath): Origin {
  return { uri: kustomization.uri, docIndex: kustomization.docIndex, path };
}

/** The kustomization file of a folder, or why there is none (no file, or several). */
export function findKustomizationFile(folder: string, context: BuildContext): { uri: string } | { missing: string } {
  const names = context.files.list(folder) ?? [];
  context.inputs.add(folder);
  const found = kustomizationFileNames.filter((name) => names.includes(name));
  if (found.length === 1) return { uri: resolveUri(folder, found[0]) };
  if (found.length > 1) return { missing: `the folder has several kustomization files (${found.join(', ')}): Kustomize refuses to choose ("Found multiple kustomization files"). Keep one.` };
  return { missing: `the folder has no kustomization.yaml (nor kustomization.yml or Kustomization), so Kustomize cannot build it` };
}

const deprecated: Record<string, string> = {
  bases: 'resources', commonLabels: 'labels', imageTags: 'images', patchesJson6902: 'patches', patchesStrategicMerge: 'patches', vars: 'replacements',
};

const unsupported: Record<string, string> = {
  replacements: 'replacements', vars: 'vars', helmCharts: 'helmCharts', helmGlobals: 'helmGlobals', helmChartInflationGenerator: 'helmChartInflationGenerator',
  generators: 'generator plugins (generators)', transformers: 'transformer plugins (transformers)', validators: 'validator plugins (validators)',
  configurations: 'custom transformer configurations (configurations)', crds: 'CRD field specs (crds)', openapi: 'a custom OpenAPI schema (openapi)',
  buildMetadata: 'buildMetadata annotations',
};

/** Reads and checks the kustomization at `uri`; undefined when the file cannot be used at all. */
export function loadKustomization(uri: string, context: BuildContext, referencedBy: Origin | undefined): Kustomization | undefined {
  const file = context.yaml(uri);
  const problemsBefore = context.problems.length;
  const at = (path: DataPath): Origin => ({ uri, docIndex: 0, path });
  const fail = (message: string, origin: Origin = referencedBy ?? at([])): undefined => { context.error('kustomize/build-error', message, origin); return undefined; };
  if (!file) return fail(`the kustomization file ${uri} cannot be read`);
  if (file.skipped) return fail(`the kustomization file is not read: ${file.skipped}`, at([]));
  if (file.template) return fail('the kustomization file holds a template expression ({{ ... }}), which Kustomize cannot read', at([]));
  const document = file.documents[0];
  const syntax = document?.syntax.find((problem) => !problem.duplicateKey);
  if (syntax) return fail(`the kustomization file is not valid YAML: ${syntax.message}`, at([]));
  const data = document?.value;
  if (data === null || data === undefined) {
    context.error('kustomize/invalid-field', 'the kustomization is empty: Kustomize fails with "kustomization.yaml is empty". List its resources.', at([]));
    return undefined;
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    context.error('kustomize/invalid-field', 'a kustomization must be a map of fields (resources, patches, ...), not a list or a value', at([]));
    return undefined;
  }
  const record = data as Record<string, unknown>;
  const problems: SchemaProblem[] = [];
  checkType(record, kustomizationType, [], problems, 'kustomization');
  for (const problem of problems) {
    if (problem.kind === 'unknown-field') {
      const name = problem.path[problem.path.length - 1];
      const where = problem.path.length > 1 ? ` in \`${problem.path.slice(0, -1).join('.')}\`` : '';
      context.error('kustomize/unknown-field', `Kustomize does not know the field \`${String(name)}\`${where} and fails the build ("invalid Kustomization: json: unknown field \\"${String(name)}\\""). Check its spelling, or remove it.`, at(problem.path));
    } else {
      context.error('kustomize/invalid-field', `${problem.message}: Kustomize cannot decode the kustomization and fails the build. ${/labels|annotations|pairs/i.test(problem.message) ? 'Quote the value (label and annotation values are strings).' : 'Write the value with the expected type.'}`, at(problem.path));
    }
  }
  const kind = typeof record.kind === 'string' ? record.kind : '';
  const apiVersion = typeof record.apiVersion === 'string' ? record.apiVersion : '';
  if (kind !== '' && kind !== 'Kustomization' && kind !== 'Component') {
    context.error('kustomize/invalid-field', `\`kind\` is "${kind}": a kustomization's kind must be Kustomization or Component`, at(['kind']));
  }
  const requiredVersion = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (apiVersion !== '' && apiVersion !== requiredVersion) {
    context.error('kustomize/invalid-field', `\`apiVersion\` is "${apiVersion}": for ${kind || 'Kustomization'} it must be ${requiredVersion}`, at(['apiVersion']));
  }
  if (Object.keys(record).every((key) => key === 'kind' || key === 'apiVersion' || record[key] === null)) {
    context.error('kustomize/invalid-field', 'the kustomization is empty: Kustomize fails with "kustomization.yaml is empty". List its resources.', at([]));
  }
  for (const [field, replacement] of Object.entries(deprecated)) {
    if (record[field] === undefined || record[field] === null) continue;
    context.report('kustomize/deprecated-field', `\`${field}\` is deprecated: use \`${replacement}\` instead (\`kustomize edit fix\` rewrites it).`, at([field]), 'info');
  }
  for (const [field, feature] of Object.entries(unsupported)) {
    if (record[field] !== undefined && record[field] !== null) context.unsupportedFeature(feature, at([field]));
  }
  if (context.problems.slice(problemsBefore).some((problem) => problem.severity === 'error')) return undefined;
  return { uri, folder: folderOf(uri), docIndex: 0, data: record, isComponent: kind === 'Component' };
}
