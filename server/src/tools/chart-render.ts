// One chart rendered by `helm template` (tools/helm-runner.ts) and handed to the engine, which places
// the findings of the rendered objects on the template lines (engine/builds/helm-source.ts). Shared by
// the CLI and the language server. The texts the render reads are taken before Helm starts: the render
// is used while the chart's files keep them.
import type { Engine } from '../engine';
import { runHelmTemplate } from './helm-runner';

export interface ChartRenderOptions {
  /** Absolute path of the helm binary. */
  helm: string;
  /** Values files (uris, as the engine names files), in order. */
  valuesFiles: string[];
  /** The file system path of a uri (undefined: not a local file). */
  pathOf(uri: string): string | undefined;
  timeoutMs?: number;
  /** The texts the render reads, when the caller has just taken them (engine.chartInputs). */
  texts?: Map<string, string>;
}

export type ChartRenderOutcome =
  | { rendered: true; ok: boolean; ms: number }
  /** Helm could not be run (not found, spawn error): the chart is read statically; `message` says why. */
  | { rendered: false; message: string };

/** Renders a chart and gives the result to the engine (refreshBuilds() then shows its findings). */
export async function renderChart(engine: Engine, chartYaml: string, options: ChartRenderOptions): Promise<ChartRenderOutcome> {
  const chart = engine.charts().find((candidate) => candidate.chartYaml === chartYaml);
  const chartDir = chart && options.pathOf(chart.dir);
  const valuesPaths = options.valuesFiles.map((uri) => options.pathOf(uri));
  if (!chart || !chartDir || valuesPaths.some((path) => path === undefined)) return { rendered: false, message: 'the chart or a values file is not a local file' };
  const texts = options.texts ?? engine.chartInputs(chartYaml, options.valuesFiles);
  const result = await runHelmTemplate({ helm: options.helm, chartDir, valuesFiles: valuesPaths as string[], timeoutMs: options.timeoutMs });
  if (result.ok) {
    engine.setChartRender(chartYaml, { texts, valuesFiles: options.valuesFiles, result: { ok: true, output: result.stdout } });
    return { rendered: true, ok: true, ms: result.ms };
  }
  if (result.reason === 'failed' || result.reason === 'timeout' || result.reason === 'too-large') {
    const stderr = result.reason === 'failed' ? result.stderr : `Error: ${result.message}`;
    engine.setChartRender(chartYaml, { texts, valuesFiles: options.valuesFiles, result: { ok: false, stderr, stdout: result.stdout } });
    return { rendered: true, ok: false, ms: result.ms };
  }
  engine.setChartRender(chartYaml, undefined);
  return { rendered: false, message: result.message };
}
