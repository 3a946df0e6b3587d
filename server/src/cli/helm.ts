// Helm charts on the command line: the charts among the checked files are rendered with `helm template`
// when a helm binary is found (--helm PATH, else `helm` on PATH; --no-helm turns it off), with the
// chart's values.yaml, the values files the configuration names for the chart and the --values files,
// so that every rule runs on the rendered chart and reports on the template lines. Without helm the
// charts are checked statically (always).
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Engine } from '../engine';
import { compileGlob } from '../config/exclude-globs';
import type { LoadedConfig } from '../config/config-file';
import { renderChart } from '../tools/chart-render';
import { resolveHelm } from '../tools/helm-path';
import { UsageError } from './files';
import { escapeControl } from './format/text';

export interface CliHelm {
  /** --no-helm: charts are checked statically only. */
  disabled: boolean;
  /** --helm PATH (absolute). */
  path?: string;
  /** --values FILE (absolute), in order, for every chart rendered. */
  values: string[];
}

export const helmUsage = `  --helm PATH                  the helm binary (absolute path) that renders the charts among the
                               files (default: helm on PATH); findings land on the template lines
  --values FILE                a values file the charts are rendered with, after values.yaml
                               (repeatable; the configuration's helm.valuesFiles come first)
  --no-helm                    do not render charts: check their templates statically only`;

export function helmPathFlag(value: string): string {
  if (!isAbsolute(value)) throw new UsageError(`--helm must be an absolute path to the helm binary, not "${escapeControl(value)}"`);
  return value;
}

export function valuesFlag(value: string): string {
  const path = resolve(value);
  if (!existsSync(path)) throw new UsageError(`--values: no such file "${escapeControl(value)}"`);
  return path;
}

/** The values files a configuration names for a chart folder (absolute paths). */
function configValues(config: LoadedConfig | undefined, chartDir: string): string[] {
  if (!config?.helmValues) return [];
  const rel = relative(config.folder, chartDir).split('\\').join('/');
  return config.helmValues.flatMap(({ chart, files }) => {
    const glob = compileGlob(chart);
    return 'matcher' in glob && glob.matcher.match(rel) ? files.map((file) => resolve(config.folder, file)) : [];
  });
}

/**
 * Renders the charts that hold one of the checked files. Returns notes for standard error (helm not
 * found, a chart that could not be rendered). Throws a UsageError when --helm names no usable binary.
 */
export async function renderCharts(engine: Engine, files: readonly string[], helm: CliHelm, config: LoadedConfig | undefined): Promise<string[]> {
  const charts = engine.charts().filter((chart) => files.some((file) => file.startsWith(`${chart.dir}/`)));
  if (helm.disabled || charts.length === 0) return [];
  const binary = resolveHelm(helm.path);
  if (!binary.ok) {
    if (helm.path) throw new UsageError(`--helm: ${binary.reason}`);
    return [`${binary.reason}: charts are checked statically (their rendered objects need helm; --helm PATH names it)`];
  }
  const notes: string[] = [];
  for (const chart of charts) {
    const valuesFiles = [...configValues(config, chart.dir), ...helm.values];
    const outcome = await renderChart(engine, chart.chartYaml, { helm: binary.path, valuesFiles, pathOf: (uri) => uri });
    if (!outcome.rendered) notes.push(`chart ${chart.name} not rendered (${outcome.message}): checked statically`);
  }
  return notes;
}
