// Helm charts as a source of builds: every chart of the workspace (a folder with a Chart.yaml; its
// subcharts in charts/ go with it) is one build. Its objects are the rendered chart when the adapter
// rendered it (`helm template`: the engine runs no program) and nothing changed since, else its
// templates read statically (engine/helm/static.ts), whose findings that depend on an action are
// dropped. Chart.yaml and values files are checked as the chart's problems; a failed render adds its
// errors at their template lines.
import { chartFileRole, chartLayouts, chartOf, type ChartLayout } from '../helm/chart';
import { HelperLibrary } from '../helm/helpers';
import { readTemplate, type TemplateReading } from '../helm/reading';
import { renderedBuild } from '../helm/render';
import { renderFailureProblems, type ValuesSource } from '../helm/render-failure';
import { chartFileProblems, claimVersionLabelProblems, claimVersionLabelRule, staticObjects } from '../helm/static';
import { baseName, relativeTo } from '../kustomize/uri';
import type { Build, BuildProblem } from '../model/provenance';
import type { WorkspaceModel } from '../model/workspace-model';
import type { ParsedFile } from '../yaml';
import type { ModelFiles } from './files';
import type { BuildSource, HelmRole } from './source';

/** A render of a chart by `helm template`, as the adapter ran it. */
export interface ChartRender {
  /** The texts of the chart's files as they were rendered (engine.chartInputs before the run). */
  texts: ReadonlyMap<string, string>;
  /** The files given with `--values`, in order. */
  valuesFiles: readonly string[];
  result: { ok: true; output: string } | { ok: false; stderr: string; stdout: string };
}

/** Bounds on what a chart may hold: a folder of a million files is not a chart to read on every keystroke. */
const maxChartFiles = 2000;
const maxDepth = 12;

const roleNames: Partial<Record<ReturnType<typeof chartFileRole>, HelmRole>> = {
  chart: 'helm-chart', values: 'helm-values', template: 'helm-template', helper: 'helm-helper',
};

function childUri(folder: string, name: string): string {
  const encoded = /^[a-z][a-z0-9+.-]*:\/\//i.test(folder)
    ? encodeURIComponent(name).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`) : name;
  return `${folder}/${encoded}`;
}

function allCharts(chart: ChartLayout): ChartLayout[] {
  return [chart, ...chart.subcharts.flatMap(allCharts)];
}

interface Entry {
  build: Build;
  inputs: ReadonlySet<string>;
}

export class HelmSource implements BuildSource {
  readonly tool = 'helm';
  private layouts: ChartLayout[] | undefined;
  private readonly cache = new Map<string, Entry>();
  private readonly renders = new Map<string, ChartRender>();
  /** The templates of each chart as last read (a render of the same texts reuses them: no second reading after a save). */
  private readonly readCache = new Map<string, { texts: Map<string, string>; readings: Map<string, TemplateReading>; helpers: HelperLibrary }>();

  constructor(private readonly model: WorkspaceModel, private readonly files: ModelFiles, private readonly maxFileSize: () => number) {}

  changed(uris: ReadonlySet<string>, structural: boolean): void {
    if ([...uris].some((uri) => baseName(uri) === 'Chart.yaml')) {
      this.layouts = undefined;
      this.cache.clear();
      return;
    }
    for (const [uri, entry] of this.cache) {
      const dir = uri.slice(0, uri.lastIndexOf('/'));
      if ([...uris].some((changed) => entry.inputs.has(changed) || (structural && changed.startsWith(`${dir}/`)))) this.cache.delete(uri);
    }
  }

  clear(): void {
    this.layouts = undefined;
    this.cache.clear();
    this.readCache.clear();
  }

  /** The root charts of the workspace (subcharts nested). */
  charts(): ChartLayout[] {
    this.layouts ??= chartLayouts(this.model.fileUris().filter((uri) => baseName(uri) === 'Chart.yaml')
      .map((uri) => ({ uri, text: this.model.getFile(uri)?.text ?? '' })));
    return this.layouts;
  }

  /** The root chart holding a file (its Chart.yaml's uri), when the file is in one. */
  rootChartOf(uri: string): ChartLayout | undefined {
    let chart = chartOf(uri, this.charts());
    while (chart?.parent) chart = chart.parent;
    return chart;
  }

  builds(): Build[] {
    const charts = this.charts();
    const roots = new Set(charts.map((chart) => chart.chartYaml));
    for (const uri of this.cache.keys()) if (!roots.has(uri)) this.cache.delete(uri);
    for (const uri of this.readCache.keys()) if (!roots.has(uri)) this.readCache.delete(uri);
    return charts.map((chart) => this.entryOf(chart).build);
  }

  roleOf(uri: string): HelmRole | undefined {
    const chart = chartOf(uri, this.charts());
    const role = chart ? roleNames[chartFileRole(uri, chart)] : undefined;
    if (role) return role;
    for (const render of this.renders.values()) if (render.valuesFiles.includes(uri)) return 'helm-values';
    return undefined;
  }

  /**
   * The texts of a chart's files and of these values files now: what a render started now reads (the
   * adapter gives them back with the result, which is used while they stay the same).
   */
  inputsOf(chartYaml: string, valuesFiles: readonly string[]): Map<string, string> {
    const chart = this.charts().find((candidate) => candidate.chartYaml === chartYaml);
    return chart ? this.textsOf(chart, valuesFiles) : new Map();
  }

  private textsOf(chart: ChartLayout, valuesFiles: readonly string[]): Map<string, string> {
    const texts = new Map<string, string>();
    for (const uri of [...this.chartFiles(chart), ...valuesFiles]) {
      const text = this.files.text(uri);
      if (text !== undefined) texts.set(uri, text);
    }
    return texts;
  }

  /** A render of a chart (or none: the chart is read statically). */
  setRender(chartYaml: string, render: ChartRender | undefined): void {
    if (render) this.renders.set(chartYaml, render); else this.renders.delete(chartYaml);
    this.cache.delete(chartYaml);
  }

  /** Whether a chart's build is its render (fresh and successful). */
  isRendered(chartYaml: string): boolean {
    const entry = this.cache.get(chartYaml);
    return entry?.build.naming === 'chart';
  }

  private entryOf(chart: ChartLayout): Entry {
    let entry = this.cache.get(chart.chartYaml);
    if (!entry) this.cache.set(chart.chartYaml, entry = this.build(chart));
    return entry;
  }

  /** Every file of a chart's folders that Helm reads (templates, helpers, Chart.yaml, values, schema), bounded. */
  private chartFiles(chart: ChartLayout): string[] {
    const found: string[] = [];
    const walk = (folder: string, depth: number): void => {
      if (depth > maxDepth || found.length >= maxChartFiles) return;
      for (const name of (this.files.list(folder) ?? []).sort()) {
        if (found.length >= maxChartFiles) return;
        const uri = childUri(folder, name);
        if (this.files.list(uri) !== undefined) walk(uri, depth + 1);
        else found.push(uri);
      }
    };
    for (const each of allCharts(chart)) {
      found.push(each.chartYaml);
      for (const name of this.files.list(each.dir) ?? []) {
        const uri = childUri(each.dir, name);
        if (name !== 'Chart.yaml' && chartFileRole(uri, each) !== 'other' && this.files.list(uri) === undefined) found.push(uri);
      }
      walk(`${each.dir}/templates`, 0);
    }
    return [...new Set(found)];
  }

  /** The templates of a chart read statically, with one helper library (reused while their texts are the same). */
  private read(chartYaml: string, templates: Map<string, string>): { readings: Map<string, TemplateReading>; helpers: HelperLibrary } {
    const cached = this.readCache.get(chartYaml);
    if (cached && cached.texts.size === templates.size && [...templates].every(([uri, text]) => cached.texts.get(uri) === text)) return cached;
    const helpers = new HelperLibrary([...templates].map(([uri, text]) => ({ uri, text })));
    const readings = new Map<string, TemplateReading>();
    for (const [uri, text] of templates) readings.set(uri, readTemplate(uri, text, 0, this.maxFileSize(), helpers));
    const entry = { texts: templates, readings, helpers };
    this.readCache.set(chartYaml, entry);
    return entry;
  }

  private build(chart: ChartLayout): Entry {
    const render = this.renders.get(chart.chartYaml);
    const texts = this.textsOf(chart, render?.valuesFiles ?? []);
    const charts = allCharts(chart);
    const roleOf = (uri: string): ReturnType<typeof chartFileRole> => chartFileRole(uri, chartOf(uri, [chart]) ?? chart);
    const { readings, helpers } = this.read(chart.chartYaml, new Map([...texts].filter(([uri]) => roleOf(uri) === 'template' || roleOf(uri) === 'helper')));
    const yaml = (uri: string): ParsedFile | undefined => (texts.has(uri) ? this.files.yaml(uri) : undefined);
    const problems: BuildProblem[] = [];
    for (const each of charts) {
      const chartYaml = yaml(each.chartYaml);
      if (!chartYaml) continue;
      const values = [...texts.keys()].filter((uri) => chartFileRole(uri, each) === 'values' && chartOf(uri, [chart]) === each)
        .map(yaml).filter((file): file is ParsedFile => !!file);
      problems.push(...chartFileProblems({ chart: each, chartYaml, values, schema: texts.get(`${each.dir}/values.schema.json`) }));
    }
    const workspace = this.files.host.workspaceFolder?.(chart.chartYaml);
    const label = workspace ? relativeTo(workspace, chart.dir) : baseName(chart.dir);
    const inputs = [...texts.keys()];
    const fresh = render && render.texts.size === texts.size && [...render.texts].every(([uri, text]) => texts.get(uri) === text);
    const base = { tool: 'helm' as const, uri: chart.chartYaml, label, inputs, unsupported: [] };
    if (fresh && render.result.ok) {
      const rendered = renderedBuild({ chart, output: render.result.output, template: (uri) => readings.get(uri), label, inputs });
      const renderedWith = [`${chart.dir}/values.yaml`, ...render.valuesFiles].filter((uri) => texts.has(uri)).map((uri) => relativeTo(chart.dir, uri)).join(', ');
      return { build: { ...base, objects: rendered.objects, problems, naming: 'chart', renderedWith }, inputs: new Set(inputs) };
    }
    if (fresh && !render.result.ok) {
      // A value the static check already reports against values.schema.json is not reported twice.
      const known = new Set(problems.map((problem) => `${problem.origin.uri}\u0000${problem.origin.span?.start}`));
      problems.push(...renderFailureProblems(render.result.stderr, render.result.stdout, { chart, fileText: (uri) => texts.get(uri), values: valuesSources(chart, render.valuesFiles, yaml) })
        .filter((problem) => !known.has(`${problem.origin.uri}\u0000${problem.origin.span?.start}`)));
    }
    problems.push(...claimVersionLabelProblems(new Map([...readings].filter(([uri]) => roleOf(uri) === 'template')), helpers));
    const objects = staticObjects(readings, (uri) => roleOf(uri) !== 'template');
    return { build: { ...base, objects, problems, naming: 'none', skipRules: [claimVersionLabelRule] }, inputs: new Set(inputs) };
  }
}

/** The values files Helm read, lowest precedence first: subcharts' values.yaml (under their names), the chart's, then --values files. */
function valuesSources(chart: ChartLayout, valuesFiles: readonly string[], yaml: (uri: string) => ParsedFile | undefined): ValuesSource[] {
  const sources: ValuesSource[] = [];
  const add = (each: ChartLayout, prefix: string[]): void => {
    for (const sub of each.subcharts) add(sub, [...prefix, sub.name]);
    const file = yaml(`${each.dir}/values.yaml`);
    if (file) sources.push({ file, prefix });
  };
  add(chart, []);
  for (const uri of valuesFiles) {
    const file = yaml(uri);
    if (file) sources.push({ file, prefix: [] });
  }
  return sources;
}
