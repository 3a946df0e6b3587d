// `helm template` output → a Build whose objects know, field by field, the template line that wrote
// them. Helm prints every rendered document after `---` and `# Source: <chart>/templates/<file>`;
// the document's fields are looked up in that template's blanked parse (reading.ts): a field printed
// by an action lands on that action, a literal field on its line, a field printed by an include or
// toYaml on that include; the template's first line when nothing better is known, never nothing.
import { isObject, withoutNulls } from '../model/manifest';
import type { Build, BuiltObject, Origin } from '../model/provenance';
import { parseFile } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import { sourceToUri, type ChartLayout } from './chart';
import { HelperLibrary } from './helpers';
import { lineFrom } from './problems';
import { placeOf, producedByAction, isConditional } from './queries';
import { readTemplate, type TemplateReading } from './reading';
import { pathKey } from './structure';

export interface RenderedChunk {
  /** The `# Source:` path (`kvdb/templates/statefulset.yaml`), or '' before the first one. */
  source: string;
  /** The document text (after the `# Source:` line). */
  text: string;
  /** Offset of `text` in the whole output. */
  offset: number;
}

/** Splits `helm template` output at its `---` lines; each part keeps its `# Source:` path. Linear. */
export function splitRendered(output: string): RenderedChunk[] {
  const chunks: RenderedChunk[] = [];
  let source = '';
  let start = 0;
  let textStart = 0;
  const flush = (end: number): void => {
    const text = output.slice(textStart, end);
    if (text.trim() !== '') chunks.push({ source, text, offset: textStart });
  };
  let lineStart = 0;
  while (lineStart <= output.length) {
    const newline = output.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? output.length : newline;
    const line = output.slice(lineStart, lineEnd).replace(/\r$/, '');
    const next = newline < 0 ? output.length + 1 : newline + 1;
    if (line.trimEnd() === '---') {
      flush(lineStart);
      source = '';
      start = next;
      textStart = next;
    } else if (line.startsWith('# Source: ') && lineStart === start) {
      source = line.slice('# Source: '.length).trim();
      textStart = Math.min(next, output.length);
      start = next;
    }
    lineStart = next;
  }
  flush(output.length);
  return chunks;
}

function literalKind(reading: TemplateReading, docIndex: number): string | undefined {
  const document = reading.documents[docIndex];
  const value = document?.value;
  if (!isObject(value) || typeof value.kind !== 'string' || producedByAction(document, ['kind'])) return undefined;
  return value.kind;
}

/** Which document of the template wrote a rendered object: by literal kind, then by the paths they share. */
function templateDocumentFor(reading: TemplateReading, value: Record<string, unknown>, previous: number): number {
  const count = reading.documents.length;
  if (count <= 1) return 0;
  const all = [...Array(count).keys()];
  const sameKind = all.filter((index) => literalKind(reading, index) === value.kind);
  const candidates = sameKind.length > 0 ? sameKind : all.filter((index) => literalKind(reading, index) === undefined);
  const pool = candidates.length > 0 ? candidates : all;
  if (pool.length === 1) return pool[0];
  const paths = leafPaths(value, [], 2000);
  let best = pool[0];
  let bestScore = -1;
  for (const index of pool) {
    const byPath = reading.documents[index].structure.byPath;
    let score = paths.filter((path) => byPath.has(pathKey(path))).length;
    if (index >= previous) score += 0.5;
    if (score > bestScore) { best = index; bestScore = score; }
  }
  return best;
}

function leafPaths(value: unknown, path: DataPath, limit: number, out: DataPath[] = []): DataPath[] {
  if (out.length >= limit) return out;
  if (isObject(value)) for (const [key, child] of Object.entries(value)) leafPaths(child, [...path, key], limit, out);
  else if (Array.isArray(value)) value.forEach((child, index) => leafPaths(child, [...path, index], limit, out));
  else out.push(path);
  return out;
}

/** The template item a rendered list item comes from: same literal name or value, else one an action or a loop writes. */
function matchItem(reading: TemplateReading, docIndex: number, base: DataPath, rendered: unknown, items: unknown[], index: number): number {
  const document = reading.documents[docIndex];
  let best = -1;
  let bestScore = -1;
  items.forEach((item, candidate) => {
    let score: number;
    const loose = isConditional(document, [...base, candidate]) ? 1 : 0.5;
    if (isObject(item) && isObject(rendered)) {
      const literalName = typeof item.name === 'string' && !producedByAction(document, [...base, candidate, 'name']);
      if (literalName) score = item.name === rendered.name ? 3 : -1;
      else score = loose;
    } else if (!isObject(item) && !Array.isArray(item) && !isObject(rendered)) {
      if (producedByAction(document, [...base, candidate])) score = loose;
      else score = item === rendered ? 3 : -1;
    } else {
      score = 0;
    }
    if (candidate === index && score >= 0) score += 0.25;
    if (score > bestScore) { best = candidate; bestScore = score; }
  });
  return bestScore >= 0 ? best : index;
}

/** The rendered path translated to the template document's path (list items matched by content). */
function templatePath(reading: TemplateReading, docIndex: number, value: unknown, path: DataPath): DataPath {
  const template = reading.documents[docIndex]?.value;
  const out: DataPath = [];
  let renderedNode: unknown = value;
  let templateNode: unknown = template;
  for (const step of path) {
    const renderedChild: unknown = isObject(renderedNode) || Array.isArray(renderedNode) ? (renderedNode as Record<string | number, unknown>)[step] : undefined;
    let templateStep = step;
    if (typeof step === 'number' && Array.isArray(templateNode)) templateStep = matchItem(reading, docIndex, out, renderedChild, templateNode, step);
    out.push(templateStep);
    templateNode = isObject(templateNode) || Array.isArray(templateNode) ? (templateNode as Record<string | number, unknown>)[templateStep] : undefined;
    renderedNode = renderedChild;
  }
  return out;
}

export interface RenderInput {
  /** The chart rendered (its subcharts nested). */
  chart: ChartLayout;
  /** `helm template` standard output. */
  output: string;
  /** The template read statically, by uri (undefined when the file is not at hand, e.g. inside a .tgz subchart). */
  template(uri: string): TemplateReading | undefined;
  /** For messages: the chart's folder relative to the workspace. */
  label: string;
  /** Every file the render read (templates, values, Chart.yaml files). */
  inputs: string[];
}

/** The rendered chart as a Build. Never throws on odd output (documents that are not objects are skipped). */
export function renderedBuild(input: RenderInput): Build {
  const objects: BuiltObject[] = [];
  const lastDocument = new Map<string, number>();
  for (const chunk of splitRendered(input.output)) {
    const uri = chunk.source ? sourceToUri(chunk.source, input.chart) : undefined;
    const reading = uri ? input.template(uri) : undefined;
    for (const document of parseFile(uri ?? input.chart.chartYaml, chunk.text).documents) {
      const value = withoutNulls(document.value);
      if (!isObject(value)) continue;
      if (!uri || !reading) {
        const origin: Origin = { uri: uri ?? input.chart.chartYaml, docIndex: 0, path: [] };
        objects.push({ value, origin, originOf: () => origin });
        continue;
      }
      const docIndex = templateDocumentFor(reading, value, lastDocument.get(uri) ?? 0);
      lastDocument.set(uri, docIndex);
      objects.push(templateObject(uri, reading, docIndex, value));
    }
  }
  return { tool: 'helm', uri: input.chart.chartYaml, label: input.label, objects, inputs: input.inputs, problems: [], unsupported: [] };
}

function templateObject(uri: string, reading: TemplateReading, docIndex: number, value: Record<string, unknown>): BuiltObject {
  const cache = new Map<string, Origin>();
  const originOf = (path: DataPath): Origin => {
    const key = pathKey(path);
    const cached = cache.get(key);
    if (cached) return cached;
    const translated = templatePath(reading, docIndex, value, path);
    const place = placeOf(reading, docIndex, translated);
    const origin: Origin = { uri, docIndex, path: place.path, span: place.span };
    if (place.action) origin.action = place.action.source;
    cache.set(key, origin);
    return origin;
  };
  const origin = reading.documents[docIndex] ? originOf([]) : { uri, docIndex: 0, path: [], span: lineFrom(reading.blanked.text, 0) };
  return { value, origin, originOf };
}

/** `replicas: -1`: the last key of a path and its rendered value, as a message quotes it. */
export { describeBuilt as describeRendered } from '../model/provenance';

/** Reads every template of a chart (and its subcharts) with one helper library: the input of renderedBuild. */
export function readChartTemplates(files: Iterable<{ uri: string; text: string }>, maxSize = Number.POSITIVE_INFINITY): Map<string, TemplateReading> {
  const list = [...files];
  const helpers = new HelperLibrary(list);
  const readings = new Map<string, TemplateReading>();
  for (const file of list) readings.set(file.uri, readTemplate(file.uri, file.text, 0, maxSize, helpers));
  return readings;
}
