// Charts in a workspace, by their files' uris: a chart is a folder with a Chart.yaml; a chart inside
// another's `charts/` folder is its subchart. Pure: the callers list the uris and read Chart.yaml.
import { isObject } from '../model/manifest';
import { parseFile } from '../yaml/parse';

export interface ChartLayout {
  /** The chart's folder, without a trailing slash. */
  dir: string;
  /** Its Chart.yaml. */
  chartYaml: string;
  /** `name` from Chart.yaml (what `# Source:` comments and Helm's errors start with), else the folder's name. */
  name: string;
  subcharts: ChartLayout[];
  parent?: ChartLayout;
}

export type ChartFileRole =
  | 'chart'          // Chart.yaml
  | 'values'         // values.yaml and values*.yaml at the chart's root
  | 'values-schema'  // values.schema.json
  | 'template'       // templates/**/*.yaml|yml|tpl that renders manifests
  | 'helper'         // templates/**/_*.tpl|yaml: named templates only
  | 'notes'          // templates/NOTES.txt
  | 'other';

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** The `name` of a Chart.yaml text, when it is a string. */
export function chartNameOf(text: string): string | undefined {
  const value = parseFile('Chart.yaml', text).documents[0]?.value;
  return isObject(value) && typeof value.name === 'string' && value.name !== '' ? value.name : undefined;
}

/** The charts of a workspace, roots first, subcharts nested in their parents. */
export function chartLayouts(chartFiles: Iterable<{ uri: string; text: string }>): ChartLayout[] {
  const charts = [...chartFiles]
    .filter((file) => baseName(file.uri) === 'Chart.yaml')
    .map((file): ChartLayout => ({ dir: folderOf(file.uri), chartYaml: file.uri, name: chartNameOf(file.text) ?? baseName(folderOf(file.uri)), subcharts: [] }))
    .sort((a, b) => a.dir.length - b.dir.length || a.dir.localeCompare(b.dir));
  const roots: ChartLayout[] = [];
  for (const chart of charts) {
    const parent = innermost(charts.filter((other) => other !== chart && chart.dir.startsWith(`${other.dir}/charts/`)));
    if (parent) {
      chart.parent = parent;
      parent.subcharts.push(chart);
    } else {
      roots.push(chart);
    }
  }
  return roots;
}

function innermost(charts: ChartLayout[]): ChartLayout | undefined {
  return charts.reduce<ChartLayout | undefined>((best, chart) => (!best || chart.dir.length > best.dir.length ? chart : best), undefined);
}

function allCharts(layouts: ChartLayout[]): ChartLayout[] {
  return layouts.flatMap((layout) => [layout, ...allCharts(layout.subcharts)]);
}

/** The innermost chart holding a file, when the file is in one. */
export function chartOf(uri: string, layouts: ChartLayout[]): ChartLayout | undefined {
  return innermost(allCharts(layouts).filter((chart) => uri.startsWith(`${chart.dir}/`)));
}

/** What a file is to its chart (see ChartFileRole). */
export function chartFileRole(uri: string, chart: ChartLayout): ChartFileRole {
  const relative = uri.slice(chart.dir.length + 1);
  if (relative === 'Chart.yaml') return 'chart';
  if (relative === 'values.schema.json') return 'values-schema';
  if (!relative.includes('/') && /^values.*\.ya?ml$/.test(relative)) return 'values';
  if (relative.startsWith('templates/')) {
    const name = baseName(relative);
    if (relative === 'templates/NOTES.txt') return 'notes';
    if (!/\.(?:ya?ml|tpl)$/.test(name)) return 'other';
    return name.startsWith('_') ? 'helper' : 'template';
  }
  return 'other';
}

/**
 * The file a `# Source:` path (or a path in a Helm error) names: `kvdb/templates/sts.yaml`,
 * `kvdb/charts/exporter/templates/svc.yaml`. Undefined when the path is not in the chart (a subchart
 * kept as a .tgz archive, a chart renamed since).
 */
export function sourceToUri(sourcePath: string, root: ChartLayout): string | undefined {
  const parts = sourcePath.split('/');
  if (parts[0] !== root.name) return undefined;
  let chart = root;
  let index = 1;
  while (parts[index] === 'charts' && index + 2 < parts.length) {
    const name = parts[index + 1];
    const sub = chart.subcharts.find((candidate) => candidate.name === name) ?? chart.subcharts.find((candidate) => baseName(candidate.dir) === name);
    if (!sub) return undefined;
    chart = sub;
    index += 2;
  }
  return index < parts.length ? `${chart.dir}/${parts.slice(index).join('/')}` : undefined;
}
