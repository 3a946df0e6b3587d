// A failed `helm template` → `helm/render-error` BuildProblems: template execution and parse errors
// at their template line and column (render-errors.ts), YAML errors on the template line that printed
// the failing line (yaml-errors.ts), and values rejected by a values.schema.json on the value's line
// in the values file that sets it (Helm 3: `- persistence.size: Does not match pattern ...`; Helm 4:
// `- at '/persistence/size': '8 gigs' does not match pattern ...`, one section per chart).
import type { BuildProblem, Origin } from '../model/provenance';
import type { ParsedFile } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import { deepestWritten, keySpanIn, lineFrom, renderErrorRule, valueSpanIn } from './problems';
import { isPrefix } from './queries';
import { executionProblem, joinLines, parseHelmError, type ErrorContext, type HelmError } from './render-errors';
import { structureOf } from './structure';
import { pointerPath, valuesField } from './values-schema';
import { yamlProblem } from './yaml-errors';

export interface ValuesSource {
  file: ParsedFile;
  /** Where the file's data sits in the root chart's values: [] for the root chart's files, [name] for a subchart's values.yaml. */
  prefix: DataPath;
}

export interface FailureContext extends ErrorContext {
  /** The values files Helm read, lowest precedence first (subcharts' values.yaml, the chart's values.yaml, then -f files). */
  values: ValuesSource[];
}

export interface SchemaFailure {
  chart: string;
  path: DataPath;
  message: string;
}

function pathOfHelm3(field: string): DataPath {
  if (field === '(root)' || field === '') return [];
  return field.replace(/^\(root\)\./, '').split('.').map((step) => (/^(?:0|[1-9][0-9]*)$/.test(step) ? Number(step) : step));
}

/** The failures of Helm's values schema error, per chart section, in both versions' formats. */
export function schemaFailures(text: string): SchemaFailure[] {
  const failures: SchemaFailure[] = [];
  let chart = '';
  for (const line of text.split('\n').slice(1)) {
    if (line.trim() === '') continue;
    if (!line.startsWith('- ') && line.trimEnd().endsWith(':')) { chart = line.trim().slice(0, -1); continue; }
    if (!line.startsWith('- ')) continue;
    const body = line.slice(2);
    const helm4 = /^at '((?:[^']|'')*)': (.*)$/.exec(body);
    if (helm4) { failures.push({ chart, path: pointerPath(helm4[1]), message: helm4[2] }); continue; }
    const colon = body.indexOf(': ');
    if (colon > 0) failures.push({ chart, path: pathOfHelm3(body.slice(0, colon)), message: body.slice(colon + 2) });
    else failures.push({ chart, path: [], message: body });
  }
  return failures;
}

/** The values file that sets a path (the highest-precedence file writing the most of it), and the place. */
function valuesOrigin(context: FailureContext, path: DataPath, required: boolean): Origin {
  let best: { source: ValuesSource; written: DataPath } | undefined;
  for (const source of context.values) {
    if (!isPrefix(source.prefix, path)) continue;
    const document = source.file.documents[0];
    if (!document) continue;
    const structure = structureOf(document, source.file.text, source.file.lineStarts);
    const written = [...source.prefix, ...deepestWritten(structure, path.slice(source.prefix.length))];
    if (!best || written.length >= best.written.length) best = { source, written };
  }
  if (!best) return { uri: context.chart.chartYaml, docIndex: 0, path: [], span: { start: 0, end: 0 } };
  const document = best.source.file.documents[0];
  const structure = structureOf(document, best.source.file.text, best.source.file.lineStarts);
  const local = best.written.slice(best.source.prefix.length);
  const span = (required ? keySpanIn(structure, local) : valueSpanIn(structure, local)) ?? { start: document.span.start, end: document.span.start };
  return { uri: best.source.file.uri, docIndex: 0, path: local, span };
}

/** One problem per schema failure, on the value in the values file that sets it. */
export function valuesSchemaProblems(error: HelmError, context: FailureContext): BuildProblem[] {
  return schemaFailures(error.text).map((failure) => {
    const full = failure.chart && failure.chart !== context.chart.name ? [failure.chart, ...failure.path] : failure.path;
    const required = /required|missing propert/.test(failure.message);
    const origin = valuesOrigin(context, full, required);
    const chart = failure.chart || context.chart.name;
    const message = `${valuesField(failure.path)}: ${failure.message} (values.schema.json of chart ${chart}): Helm refuses to render with these values. Change the value, or the schema if the value is right.`;
    return { ruleId: renderErrorRule.id, message, origin };
  });
}

/** The problems of a failed `helm template` run (its standard error and, with --debug, its output). Never throws. */
export function renderFailureProblems(stderr: string, stdout: string, context: FailureContext): BuildProblem[] {
  const error = parseHelmError(stderr);
  switch (error.kind) {
    case 'values-schema': {
      const problems = valuesSchemaProblems(error, context);
      return problems.length > 0 ? problems : [chartProblem(error, context)];
    }
    case 'yaml': return [yamlProblem(error, context, stdout)];
    case 'execute':
    case 'parse': return [executionProblem(error, context)];
    default: return [chartProblem(error, context)];
  }
}

/** An error Helm reports without a place (a missing dependency, an incompatible kubeVersion): on Chart.yaml. */
function chartProblem(error: HelmError, context: ErrorContext): BuildProblem {
  const text = context.fileText(context.chart.chartYaml) ?? '';
  return {
    ruleId: renderErrorRule.id,
    message: `helm template failed: ${joinLines(error.text)}`,
    origin: { uri: context.chart.chartYaml, docIndex: 0, path: [], span: lineFrom(text, 0) },
  };
}
