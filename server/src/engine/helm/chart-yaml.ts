// helm/chart-invalid: Chart.yaml checked as Helm reads it (pkg/chart/v2/metadata.go Validate, which
// every `helm template`/`install` runs, and pkg/chart/v2/lint/rules/chartfile.go, `helm lint`), in
// Helm's words. Error where Helm 3.17 or 4 refuses the chart; warning where Helm takes it but lint
// fails it (it will misbehave: a number appVersion 1.10 becomes "1.1"); info for lint's advice.
import { isObject } from '../model/manifest';
import type { ParsedFile } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import type { Severity } from '../types';
import { chartInvalidRule, keySpanIn, lineFrom, valueSpanIn, type HelmFinding } from './problems';
import { isHelmConstraint, isHelmVersion, isStrictSemver } from './semver';
import { structureOf, type DocumentStructure } from './structure';

/** The fields of Chart.yaml (pkg/chart/v2/metadata.go Metadata); others fail `helm lint`'s strict parse. */
const knownFields = new Set([
  'name', 'home', 'sources', 'version', 'description', 'keywords', 'maintainers', 'icon', 'apiVersion', 'condition',
  'tags', 'appVersion', 'deprecated', 'annotations', 'kubeVersion', 'dependencies', 'type',
]);

const dependencyFields = new Set(['name', 'version', 'repository', 'condition', 'tags', 'enabled', 'import-values', 'alias']);

function goType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  if (isObject(value)) return 'map[string]interface {}';
  return value === null ? '<nil>' : typeof value;
}

function isAliasName(text: string): boolean {
  if (text === '') return false;
  for (const char of text) {
    const ok = (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || char === '_' || char === '-';
    if (!ok) return false;
  }
  return true;
}

interface Problem {
  path: DataPath;
  at: 'key' | 'value';
  severity: Severity;
  message: string;
}

function checkMetadata(chart: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: DataPath, at: 'key' | 'value', severity: Severity, message: string): void => { problems.push({ path, at, severity, message }); };
  const text = (key: string): string | undefined => (typeof chart[key] === 'string' ? chart[key] as string : chart[key] === undefined || chart[key] === null ? undefined : String(chart[key]));

  const apiVersion = text('apiVersion');
  if (!apiVersion) add([], 'key', 'warning', 'apiVersion is required. The value must be either "v1" or "v2" (helm lint): add apiVersion: v2.');
  else if (apiVersion !== 'v1' && apiVersion !== 'v2') add(['apiVersion'], 'value', 'error', `apiVersion '${apiVersion}' is not valid. The value must be either "v1" or "v2": Helm 4 refuses the chart ("invalid chart apiVersion"). Use apiVersion: v2.`);

  const name = text('name');
  if (!name) add(chart.name === undefined ? [] : ['name'], chart.name === undefined ? 'key' : 'value', 'error', 'chart.metadata.name is required: Helm refuses the chart. Add name: with the chart\'s folder name.');
  else if (name === '.' || name === '..') add(['name'], 'value', 'error', `chart.metadata.name "${name}" is not allowed: Helm 4 refuses the chart. Use the chart's folder name.`);
  else if (name.includes('/') || name.includes('\\')) add(['name'], 'value', 'error', `chart.metadata.name "${name}" is invalid: a chart name cannot contain a path separator. Use the chart's folder name.`);

  const version = text('version');
  if (!version) add(chart.version === undefined ? [] : ['version'], chart.version === undefined ? 'key' : 'value', 'error', 'chart.metadata.version is required: Helm refuses the chart. Add a SemVer 2 version (version: 0.1.0).');
  else if (!isHelmVersion(version)) add(['version'], 'value', 'error', `chart.metadata.version "${version}" is invalid: Helm refuses the chart. Use a SemVer 2 version such as 1.2.3.`);
  else {
    if (typeof chart.version !== 'string') add(['version'], 'value', 'warning', `version should be of type string but it's of type ${goType(chart.version)} (helm lint): YAML reads ${String(chart.version)} as a number. Quote it: version: "${version}".`);
    if (!isStrictSemver(version)) add(['version'], 'value', 'info', `version '${version}' is not a valid SemVerV2 (helm lint): write major.minor.patch without a leading v (such as 1.2.0).`);
  }
  if (chart.appVersion !== undefined && chart.appVersion !== null && typeof chart.appVersion !== 'string') {
    add(['appVersion'], 'value', 'warning', `appVersion should be of type string but it's of type ${goType(chart.appVersion)} (helm lint): YAML reads it as a number (1.10 becomes 1.1). Quote it: appVersion: "${String(chart.appVersion)}".`);
  }

  const type = text('type');
  if (type !== undefined && type !== '' && type !== 'application' && type !== 'library') add(['type'], 'value', 'error', 'chart.metadata.type must be application or library: Helm refuses the chart.');
  else if (type && apiVersion === 'v1') add(['type'], 'key', 'warning', "chart type is not valid in apiVersion 'v1'. It is valid in apiVersion 'v2' (helm lint): use apiVersion: v2.");

  const kubeVersion = text('kubeVersion');
  if (kubeVersion !== undefined && kubeVersion !== '' && !isHelmConstraint(kubeVersion)) {
    add(['kubeVersion'], 'value', 'error', `kubeVersion "${kubeVersion}" is not a version constraint Helm can read, so every install fails ("chart requires kubeVersion: ${kubeVersion} which is incompatible with Kubernetes ..."). Write a constraint such as ">=1.25.0-0".`);
  }

  if (Array.isArray(chart.maintainers)) {
    chart.maintainers.forEach((maintainer, index) => {
      if (maintainer === null || maintainer === undefined) add(['maintainers', index], 'value', 'error', 'maintainers must not contain empty or null nodes: Helm refuses the chart. Remove the empty entry.');
      else if (isObject(maintainer) && (typeof maintainer.name !== 'string' || maintainer.name === '')) add(['maintainers', index], 'value', 'warning', 'each maintainer requires a name (helm lint): add name: to this entry.');
    });
  }

  checkDependencies(chart, apiVersion, add);

  for (const key of Object.keys(chart)) {
    if (!knownFields.has(key)) add([key], 'key', 'warning', `Chart.yaml has no field "${key}": helm lint fails to strictly parse it (unknown field "${key}") and Helm ignores it. Check the spelling, or move it under annotations.`);
  }
  return problems;
}

function checkDependencies(chart: Record<string, unknown>, apiVersion: string | undefined, add: (path: DataPath, at: 'key' | 'value', severity: Severity, message: string) => void): void {
  if (!Array.isArray(chart.dependencies)) return;
  if (chart.dependencies.length > 0 && apiVersion === 'v1') {
    add(['dependencies'], 'key', 'warning', "dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2' (helm lint): Helm 3 reads a v1 chart's dependencies from requirements.yaml. Use apiVersion: v2.");
  }
  const seen = new Map<string, number>();
  chart.dependencies.forEach((dependency, index) => {
    const path: DataPath = ['dependencies', index];
    if (!isObject(dependency)) {
      if (dependency === null || dependency === undefined) add(path, 'value', 'error', 'dependencies must not contain empty or null nodes: Helm refuses the chart. Remove the empty entry.');
      return;
    }
    const name = typeof dependency.name === 'string' ? dependency.name : '';
    if (name === '') add(path, 'value', 'error', 'This dependency has no name: Helm cannot find it in charts/ ("found in Chart.yaml, but missing in charts/ directory"). Add name:.');
    const alias = typeof dependency.alias === 'string' ? dependency.alias : '';
    if (alias !== '' && !isAliasName(alias)) add([...path, 'alias'], 'value', 'error', `dependency "${name}" has disallowed characters in the alias: Helm refuses the chart. Use letters, digits, "_" and "-" only.`);
    if (typeof dependency.version === 'string' && dependency.version !== '' && !isHelmConstraint(dependency.version)) {
      add([...path, 'version'], 'value', 'error', `dependency "${name}" version "${dependency.version}" is not a version or constraint Helm can read: helm dependency update fails. Write a version (1.2.3) or a constraint (~1.2.0).`);
    }
    for (const key of Object.keys(dependency)) {
      if (!dependencyFields.has(key)) add([...path, key], 'key', 'warning', `A dependency has no field "${key}": Helm ignores it. Check the spelling (name, version, repository, condition, tags, enabled, import-values, alias).`);
    }
    const key = alias || name;
    if (key === '') return;
    if (seen.has(key)) add(alias ? [...path, 'alias'] : [...path, 'name'], 'value', 'error', `more than one dependency with name or alias "${key}": Helm refuses the chart. Give one of them an alias.`);
    else seen.set(key, index);
  });
}

/** helm/chart-invalid findings for a Chart.yaml. A file that does not parse is left to yaml/syntax. */
export function checkChartYaml(file: ParsedFile): HelmFinding[] {
  const document = file.documents[0];
  if (!document || document.syntax.some((problem) => !problem.duplicateKey)) return [];
  const value = document.value;
  const structure: DocumentStructure = structureOf(document, file.text, file.lineStarts);
  if (!isObject(value)) {
    return [{ uri: file.uri, ruleId: chartInvalidRule.id, severity: 'error', ...lineFrom(file.text, document.span.start), message: 'chart.metadata is required: Chart.yaml must be a mapping with apiVersion, name and version.' }];
  }
  return checkMetadata(value).map((problem) => {
    const span = (problem.path.length === 0 ? undefined : problem.at === 'key' ? keySpanIn(structure, problem.path) : valueSpanIn(structure, problem.path))
      ?? lineFrom(file.text, document.span.start);
    return { uri: file.uri, ruleId: chartInvalidRule.id, severity: problem.severity, ...span, message: problem.message };
  });
}
