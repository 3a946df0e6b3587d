// Helm charts between the language server and the client: whether the workspace is trusted (helm runs
// only then), which values files a chart is rendered with, and what the status bar shows. Plain types
// and constants, no import.

/** Notification client → server: the user trusted the workspace (VS Code `onDidGrantWorkspaceTrust`). */
export const workspaceTrustedNotification = 'statefulset/workspaceTrusted';

/** Request `statefulset/chartValues`: the chart of a file and the values it is rendered with. */
export const chartValuesRequestMethod = 'statefulset/chartValues';

export interface ChartValuesParams {
  textDocument: { uri: string };
}

export interface ChartValuesResult {
  /** The chart's Chart.yaml and name; null when the file is in no chart. */
  chart: { uri: string; name: string } | null;
  /** The values files in use after the chart's values.yaml (uris), in order. */
  valuesFiles: string[];
  /** The values files of the chart's folder a user may pick (values*.yaml and any YAML under ci/). */
  candidates: string[];
  /** Whether charts are rendered: a trusted workspace and a helm binary. */
  rendering: boolean;
  /** Why charts are not rendered (untrusted workspace, helm not found), or how the last render went. */
  status: string;
}

/** Notification client → server: render this chart with these values files (after its values.yaml). */
export const setChartValuesNotification = 'statefulset/setChartValues';

export interface SetChartValuesParams {
  chart: string;
  valuesFiles: string[];
}

/** Notification server → client: a chart's render state changed (the status bar asks again). */
export const chartStatusNotification = 'statefulset/chartStatus';

/** The command that picks the values files of the active file's chart. */
export const chooseHelmValuesCommand = 'statefulset.chooseHelmValues';
