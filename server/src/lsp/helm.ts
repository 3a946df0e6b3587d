// Helm charts in the language server: a chart is rendered by `helm template` (tools/chart-render.ts) when
// one of its files is opened or saved, never per keystroke, in the background with progress, and only
// in a trusted workspace with a helm binary from the machine (the machine-scoped statefulset.helm.path,
// else `helm` on PATH, resolved to an absolute path outside the workspace folders). A render is skipped
// when the chart, its values files and their texts are those of the last one. Values: the chart's
// values.yaml, then the files the settings (statefulset.helm.valuesFiles, .statefulset-lint.yaml
// helm.valuesFiles) or the "Choose Helm values" command name for it.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Connection, TextDocuments, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChartInfo, Engine } from '../engine';
import { compileGlob } from '../config/exclude-globs';
import {
  chartStatusNotification, chartValuesRequestMethod, setChartValuesNotification, workspaceTrustedNotification,
  type ChartValuesParams, type ChartValuesResult, type SetChartValuesParams,
} from '../protocol';
import type { HandlerGuard } from './guard';
import { renderChart } from '../tools/chart-render';
import { resolveHelm, type HelmPath } from '../tools/helm-path';
import { pathOfUri } from './workspace-index';

export interface HelmHost {
  engine(): Engine | undefined;
  /** The workspace folders (paths). */
  folders(): string[];
  /** The configuration file's values files per chart glob. */
  configValues(): { folder: string; entries: { chart: string; files: string[] }[] } | undefined;
  /** Files whose build findings may have changed: re-check and publish. */
  changed(uris: string[]): void;
  progress(): Promise<WorkDoneProgressServerReporter | undefined>;
  log(message: string): void;
}

/** Delay after an open or a save before rendering: the saves of one "save all" render once (a render running meanwhile is followed by one more). */
const renderDelayMs = 0;

function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(36);
}

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realPath(path: string): string {
  try { return realpathSync(path); } catch { return path; }
}

export class HelmCharts {
  private trusted = false;
  /** Whether the client's settings were read: until then helm is not looked for (statefulset.helm.path may name it). */
  private settingsKnown = false;
  private configuredPath: string | undefined;
  private settingValues: Record<string, string[]> = {};
  private binary: HelmPath | undefined;
  /** Values files chosen with the command, by chart (uris). */
  private readonly chosen = new Map<string, string[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly lastKey = new Map<string, string>();
  private readonly statuses = new Map<string, string>();
  /** helm runs started (tests and the benchmark read it). */
  runs = 0;

  constructor(private readonly connection: Connection, private readonly host: HelmHost) {}

  /** Whether the workspace is trusted (charts are rendered only then). */
  setTrusted(trusted: boolean): void {
    const granted = trusted && !this.trusted;
    this.trusted = trusted;
    if (granted) this.renderAllKnown();
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** The client's settings were read (or it has none to give): charts touched meanwhile are rendered now. */
  settingsRead(): void {
    if (this.settingsKnown) return;
    this.settingsKnown = true;
    this.renderAllKnown();
  }

  /** The `statefulset` settings section: helm.path (machine-scoped) and helm.valuesFiles. */
  applySettings(raw: unknown): void {
    const helm = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).helm : undefined;
    const section = typeof helm === 'object' && helm !== null && !Array.isArray(helm) ? helm as Record<string, unknown> : {};
    const path = typeof section.path === 'string' && section.path !== '' ? section.path : undefined;
    const values: Record<string, string[]> = {};
    if (typeof section.valuesFiles === 'object' && section.valuesFiles !== null && !Array.isArray(section.valuesFiles)) {
      for (const [chart, files] of Object.entries(section.valuesFiles as Record<string, unknown>)) {
        if (Array.isArray(files) && files.every((file) => typeof file === 'string')) values[chart] = files as string[];
      }
    }
    const changed = path !== this.configuredPath || JSON.stringify(values) !== JSON.stringify(this.settingValues);
    this.configuredPath = path;
    this.settingValues = values;
    if (changed) {
      this.binary = undefined;
      this.renderAllKnown();
    }
  }

  /** The helm binary: resolved once per setting, outside the workspace folders (a failure is logged once). */
  private helm(): HelmPath {
    if (!this.binary) {
      this.binary = resolveHelm(this.configuredPath, this.host.folders().map(realPath));
      if (!this.binary.ok) this.host.log(`Helm charts are checked statically: ${this.binary.reason}.`);
    }
    return this.binary;
  }

  /** Whether charts are rendered, and why not. */
  private renderingState(): { rendering: boolean; reason: string } {
    if (!this.trusted) return { rendering: false, reason: 'the workspace is not trusted: charts are checked statically' };
    if (!this.settingsKnown) return { rendering: false, reason: 'reading the settings' };
    const helm = this.helm();
    return helm.ok ? { rendering: true, reason: `rendered with ${helm.path}` } : { rendering: false, reason: `${helm.reason}: charts are checked statically` };
  }

  /** A chart file was opened or saved (or changed on disk): its chart is rendered soon. */
  fileTouched(uri: string): void {
    const chart = this.host.engine()?.chartOf(uri);
    if (chart) this.schedule(chart.chartYaml);
  }

  private renderAllKnown(): void {
    for (const chart of this.lastKey.keys()) this.schedule(chart);
  }

  private schedule(chartYaml: string): void {
    // A chart found for the first time (the index knew it only now): the status bar may show it.
    if (!this.lastKey.has(chartYaml)) this.statusChanged(chartYaml);
    this.lastKey.set(chartYaml, this.lastKey.get(chartYaml) ?? '');
    if (!this.trusted) return;
    clearTimeout(this.timers.get(chartYaml));
    this.timers.set(chartYaml, setTimeout(() => {
      this.timers.delete(chartYaml);
      void this.render(chartYaml).catch((error: unknown) => this.host.log(`rendering ${chartYaml} failed: ${String(error)}`));
    }, renderDelayMs));
  }

  /** The values files a chart is rendered with after its values.yaml (uris inside the workspace folders). */
  valuesOf(chart: ChartInfo): string[] {
    const chosen = this.chosen.get(chart.chartYaml);
    if (chosen) return chosen;
    const chartPath = pathOfUri(chart.dir);
    if (!chartPath) return [];
    const files: string[] = [];
    const add = (folder: string, entries: [string, string[]][]): void => {
      const rel = relative(folder, chartPath).split(sep).join('/');
      if (rel.startsWith('..')) return;
      for (const [glob, list] of entries) {
        const compiled = compileGlob(glob);
        if (!('matcher' in compiled) || !compiled.matcher.match(rel)) continue;
        for (const file of list) {
          const path = resolve(folder, file);
          if (this.host.folders().some((root) => isWithin(root, path))) files.push(pathToFileURL(path).href);
        }
      }
    };
    const config = this.host.configValues();
    if (config) add(config.folder, config.entries.map((entry) => [entry.chart, entry.files]));
    for (const folder of this.host.folders()) add(folder, Object.entries(this.settingValues));
    return [...new Set(files)];
  }

  /** The values files of a chart's folder a user may pick: values*.yaml beside Chart.yaml, YAML under ci/. */
  private candidates(chart: ChartInfo): string[] {
    const engine = this.host.engine();
    if (!engine) return [];
    return engine.model.fileUris().filter((uri) => uri.startsWith(`${chart.dir}/`)).filter((uri) => {
      const rel = uri.slice(chart.dir.length + 1);
      return (/^values[^/]*\.ya?ml$/.test(rel) && rel !== 'values.yaml') || /^ci\/[^/]+\.ya?ml$/.test(rel);
    }).sort();
  }

  /** The command picked values files for a chart (uris; an empty list: values.yaml alone). */
  choose(chartYaml: string, valuesFiles: string[]): void {
    const roots = this.host.folders();
    this.chosen.set(chartYaml, valuesFiles.filter((uri) => {
      const path = pathOfUri(uri);
      return !!path && roots.some((root) => isWithin(root, path));
    }));
    this.schedule(chartYaml);
  }

  /** What the status bar and the command show for a file's chart. */
  describe(uri: string): ChartValuesResult {
    const engine = this.host.engine();
    const chart = engine?.chartOf(uri);
    const state = this.renderingState();
    if (!chart) return { chart: null, valuesFiles: [], candidates: [], rendering: state.rendering, status: state.reason };
    return {
      chart: { uri: chart.chartYaml, name: chart.name }, valuesFiles: this.valuesOf(chart), candidates: this.candidates(chart),
      rendering: state.rendering, status: this.statuses.get(chart.chartYaml) ?? state.reason,
    };
  }

  private async render(chartYaml: string): Promise<void> {
    const engine = this.host.engine();
    const chart = engine?.charts().find((candidate) => candidate.chartYaml === chartYaml);
    if (!engine || !chart || !this.trusted || !this.settingsKnown) return;
    if (this.running.has(chartYaml)) { this.pending.add(chartYaml); return; }
    const helm = this.helm();
    if (!helm.ok) return;
    const valuesFiles = this.valuesOf(chart);
    const texts = engine.chartInputs(chartYaml, valuesFiles);
    const key = JSON.stringify([helm.path, valuesFiles, [...texts].map(([uri, text]) => `${uri}:${hashText(text)}`)]);
    if (this.lastKey.get(chartYaml) === key) return;
    this.running.add(chartYaml);
    // The progress is asked of the client while helm already runs (a round trip not spent waiting).
    const progress = this.host.progress().then((reporter) => {
      reporter?.begin(`Rendering Helm chart ${chart.name}`, undefined, 'helm template', false);
      return reporter;
    });
    try {
      this.runs++;
      const outcome = await renderChart(engine, chartYaml, { helm: helm.path, valuesFiles, pathOf: pathOfUri, texts });
      this.lastKey.set(chartYaml, key);
      if (!outcome.rendered) this.host.log(`Helm chart ${chart.name} not rendered: ${outcome.message}.`);
      const names = ['values.yaml', ...valuesFiles.map((uri) => uri.slice(uri.lastIndexOf('/') + 1))].join(', ');
      this.statuses.set(chartYaml, !outcome.rendered ? `not rendered: ${outcome.message}` : outcome.ok ? `rendered with ${names} in ${outcome.ms} ms` : `helm template failed with ${names}`);
      this.host.changed([chartYaml]);
      this.statusChanged(chartYaml);
    } finally {
      void progress.then((reporter) => reporter?.done());
      this.running.delete(chartYaml);
      if (this.pending.delete(chartYaml)) void this.render(chartYaml);
    }
  }

  /** The client is told: its status bar asks for the chart again. */
  private statusChanged(chartYaml: string): void {
    void this.connection.sendNotification(chartStatusNotification, { chart: chartYaml }).then(undefined, () => undefined);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Whether the client said the workspace is trusted (`initializationOptions.workspaceTrusted`); anything else is untrusted. */
export function trustedAtStart(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as Record<string, unknown>).workspaceTrusted === true;
}

export interface HelmWiring {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  guard: HandlerGuard;
  charts: HelmCharts;
  engine(): Engine | undefined;
}

/** The handlers of Helm: saves render, trust is granted, the client asks for and picks a chart's values. */
export function registerHelm({ connection, documents, guard, charts, engine }: HelmWiring): void {
  documents.onDidSave((event) => guard.guarded('save', () => {
    // The saved text is the engine's before the render reads the disk (a pending re-check may lag).
    engine()?.setFile(event.document.uri, event.document.getText(), event.document.version);
    charts.fileTouched(event.document.uri);
  }));
  connection.onNotification(workspaceTrustedNotification, () => guard.guarded('trust', () => charts.setTrusted(true)));
  connection.onNotification(setChartValuesNotification, (params: SetChartValuesParams) => guard.guarded('chart values', () => {
    if (typeof params?.chart === 'string' && Array.isArray(params.valuesFiles)) charts.choose(params.chart, params.valuesFiles.filter((uri): uri is string => typeof uri === 'string'));
  }));
  connection.onRequest(chartValuesRequestMethod, (params: ChartValuesParams) => charts.describe(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : ''));
}

/** Work-done progress for a render, when the client shows it. */
export function progressReporter(connection: Connection, capabilities: ClientCapabilities): () => Promise<WorkDoneProgressServerReporter | undefined> {
  return async () => {
    if (!capabilities.window?.workDoneProgress) return undefined;
    try { return await connection.window.createWorkDoneProgress(); } catch { return undefined; }
  };
}
