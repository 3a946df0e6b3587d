// Helm charts in VS Code: the server runs helm only in a trusted workspace (it is told at start and when
// trust is granted); a status bar item shows the values files the active file's chart is rendered with,
// and the command "StatefulSet: Choose Helm values for this chart" picks them.
import { commands, StatusBarAlignment, window, workspace, type Disposable, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  chartStatusNotification, chartValuesRequestMethod, chooseHelmValuesCommand, setChartValuesNotification, workspaceTrustedNotification,
  type ChartValuesResult, type SetChartValuesParams,
} from '../../server/src/protocol';

/** What the server is told at start: whether it may run helm. */
export function helmInitializationOptions(): { workspaceTrusted: boolean } {
  return { workspaceTrusted: workspace.isTrusted };
}

const baseName = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

async function chartOfActive(client: LanguageClient | undefined): Promise<ChartValuesResult | undefined> {
  const editor = window.activeTextEditor;
  if (!client || !editor) return undefined;
  try {
    return await client.sendRequest<ChartValuesResult>(chartValuesRequestMethod, { textDocument: { uri: editor.document.uri.toString() } });
  } catch {
    return undefined;
  }
}

/** The status bar item, the command, and the trust notification; call once the client has started. */
export function registerHelm(client: () => LanguageClient | undefined): Disposable[] {
  const item = window.createStatusBarItem('statefulset.helmValues', StatusBarAlignment.Right, 90);
  item.name = 'Helm values';
  item.command = chooseHelmValuesCommand;
  const refresh = async (): Promise<void> => {
    const result = await chartOfActive(client());
    if (!result?.chart) { item.hide(); return; }
    const values = ['values.yaml', ...result.valuesFiles.map(baseName)].join(' + ');
    item.text = `${result.rendering ? '$(package)' : '$(circle-slash)'} ${result.chart.name}: ${values}`;
    item.tooltip = `Helm chart ${result.chart.name}: ${result.status}. Click to choose the values files.`;
    item.show();
  };
  const choose = async (): Promise<void> => {
    const result = await chartOfActive(client());
    if (!result?.chart) {
      void window.showInformationMessage('The active file is not part of a Helm chart (a folder with a Chart.yaml).');
      return;
    }
    const items: (QuickPickItem & { uri: string })[] = [...new Set([...result.valuesFiles, ...result.candidates])]
      .map((uri) => ({ label: baseName(uri), description: workspace.asRelativePath(uri.replace(/^file:\/\//, ''), false), uri, picked: result.valuesFiles.includes(uri) }));
    if (items.length === 0) {
      void window.showInformationMessage(`Chart ${result.chart.name} has no values files besides values.yaml (values-*.yaml, ci/*.yaml).`);
      return;
    }
    const picked = await window.showQuickPick(items, { canPickMany: true, title: `Helm values for chart ${result.chart.name} (after values.yaml)` });
    if (!picked) return;
    const params: SetChartValuesParams = { chart: result.chart.uri, valuesFiles: picked.map((entry) => entry.uri) };
    await client()?.sendNotification(setChartValuesNotification, params);
    await refresh();
  };
  const disposables: Disposable[] = [
    item,
    commands.registerCommand(chooseHelmValuesCommand, choose),
    window.onDidChangeActiveTextEditor(() => void refresh()),
    workspace.onDidGrantWorkspaceTrust(() => {
      void client()?.sendNotification(workspaceTrustedNotification, {});
      void refresh();
    }),
  ];
  const current = client();
  if (current) disposables.push(current.onNotification(chartStatusNotification, () => void refresh()));
  void refresh();
  return disposables;
}
