// A chart read without rendering it: every template document becomes an object of a Build (so that
// every rule runs on it, and the cross-file rules pair the objects of this chart only), whose fields
// know their place in the template (`Origin.span`), which parts are unknown (`isComplete`: a list an
// action feeds), and which findings depend on an action (`uncertain`): those are not reported. The
// chart's own files are checked too: Chart.yaml (helm/chart-invalid), values files against
// values.schema.json (helm/values-schema), and claim template labels that change with every chart
// version (sts/claim-template-version-label, through includes).
import { servedApiVersion } from '../k8s/kinds';
import { isObject, withoutNulls } from '../model/manifest';
import type { BuildProblem, BuiltObject, Origin } from '../model/provenance';
import type { ParsedFile } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import { checkChartYaml } from './chart-yaml';
import type { ChartLayout } from './chart';
import { templateClaimVersionLabels } from './claim-version-labels';
import type { HelperLibrary } from './helpers';
import { deepestWritten, keySpanIn, type HelmFinding } from './problems';
import { dependsOnAction, dependsOnTemplate, isComplete, isConditional, placeOf, producedByAction } from './queries';
import type { TemplateDocument, TemplateReading } from './reading';
import { pathKey } from './structure';
import { checkValuesFiles, compileValuesSchema, type CompiledSchema } from './values-schema';

/** Whether the value or collection at `path` holds exactly what is written (see model/completeness.ts). */
function known(document: TemplateDocument, path: DataPath): boolean {
  if (producedByAction(document, path) || isConditional(document, path) || !isComplete(document, path)) return false;
  // A path not written may be printed by an action that feeds its deepest written parent.
  const written = deepestWritten(document.structure, path);
  if (written.length === path.length) return true;
  const key = pathKey(written);
  return !document.marks.some((mark) => mark.kind === 'entries' && pathKey(mark.path) === key);
}

/** The object a template document writes, read statically; undefined when it is not an object with apiVersion and kind. */
export function staticObject(reading: TemplateReading, docIndex: number): BuiltObject | undefined {
  const document = reading.documents[docIndex];
  const raw = document ? withoutNulls(document.value) : undefined;
  if (!isObject(raw) || typeof raw.kind !== 'string' || typeof raw.apiVersion !== 'string') return undefined;
  let value = raw;
  // What such actions print in practice: the kind's served apiVersion (a capabilities helper); the
  // release namespace (`namespace: {{ .Release.Namespace }}`), the same for every object of the chart.
  const apiVersion = producedByAction(document, ['apiVersion']) ? servedApiVersion(raw.kind) : undefined;
  if (apiVersion) value = { ...value, apiVersion };
  if (isObject(value.metadata) && producedByAction(document, ['metadata', 'namespace'])) {
    const metadata = { ...value.metadata };
    delete metadata.namespace;
    value = { ...value, metadata };
  }
  const origins = new Map<string, Origin>();
  const originOf = (path: DataPath): Origin => {
    const cacheKey = pathKey(path);
    let origin = origins.get(cacheKey);
    if (origin) return origin;
    const place = placeOf(reading, docIndex, path);
    const keySpan = place.exact && !place.action ? keySpanIn(document.structure, place.path) : undefined;
    origin = { uri: reading.uri, docIndex, path: place.path, span: place.span, ...(keySpan ? { keySpan } : {}), ...(place.action ? { action: place.action.source } : {}) };
    origins.set(cacheKey, origin);
    return origin;
  };
  return {
    value,
    origin: originOf([]),
    originOf,
    isComplete: (path) => known(document, path),
    uncertain: (path, onKey) => {
      if (path.length === 0) return dependsOnAction(document, []) || document.conditional !== undefined;
      const origin = originOf(path);
      const span = onKey && origin.keySpan ? origin.keySpan : origin.span!;
      return dependsOnTemplate(reading, span) || !origin.span || origin.path.length < path.length && dependsOnAction(document, origin.path);
    },
  };
}

/** Every object the templates of a chart write, read statically (helpers write none). */
export function staticObjects(readings: ReadonlyMap<string, TemplateReading>, isHelper: (uri: string) => boolean): BuiltObject[] {
  const objects: BuiltObject[] = [];
  for (const [uri, reading] of readings) {
    if (isHelper(uri)) continue;
    reading.documents.forEach((_, index) => {
      const object = staticObject(reading, index);
      if (object) objects.push(object);
    });
  }
  return objects;
}

function problemOf(finding: HelmFinding): BuildProblem {
  return { ruleId: finding.ruleId, message: finding.message, severity: finding.severity, origin: { uri: finding.uri, docIndex: 0, path: [], span: { start: finding.start, end: finding.end } } };
}

export interface ChartFilesRead {
  chart: ChartLayout;
  chartYaml: ParsedFile;
  /** values.yaml and values*.yaml at the chart's root. */
  values: ParsedFile[];
  /** values.schema.json's text, when the chart has one. */
  schema?: string;
}

/** Compiled values schemas by text: compiling one (Ajv) costs more than checking a chart's values with it. */
const compiledSchemas = new Map<string, CompiledSchema>();

function compiledSchema(text: string): CompiledSchema {
  let schema = compiledSchemas.get(text);
  if (!schema) {
    if (compiledSchemas.size >= 16) compiledSchemas.delete(compiledSchemas.keys().next().value!);
    compiledSchemas.set(text, schema = compileValuesSchema(text));
  }
  return schema;
}

/** helm/chart-invalid on Chart.yaml, helm/values-schema on the values files: facts of the files themselves. */
export function chartFileProblems(files: ChartFilesRead): BuildProblem[] {
  const findings = checkChartYaml(files.chartYaml);
  if (files.schema !== undefined) {
    const defaults = files.values.find((file) => file.uri === `${files.chart.dir}/values.yaml`);
    const inputs = files.values.map((file) => ({ file, defaults: file === defaults }));
    findings.push(...checkValuesFiles(compiledSchema(files.schema), inputs, defaults?.documents[0]?.value));
  }
  return findings.map(problemOf);
}

export const claimVersionLabelRule = 'sts/claim-template-version-label';

/** sts/claim-template-version-label in the templates, read statically (labels printed by includes too). */
export function claimVersionLabelProblems(readings: ReadonlyMap<string, TemplateReading>, helpers: HelperLibrary): BuildProblem[] {
  const problems: BuildProblem[] = [];
  for (const reading of readings.values()) {
    for (const found of templateClaimVersionLabels(reading, helpers)) {
      problems.push({ ruleId: claimVersionLabelRule, message: found.message, origin: { uri: reading.uri, docIndex: found.docIndex, path: found.path, span: found.span } });
    }
  }
  return problems;
}
