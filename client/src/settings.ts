// The settings the server reads (workspace/configuration, section `statefulset`), with only the values
// the user set: VS Code answers every key, its defaults included, and a default must not override what
// the workspace's .statefulset-lint.yaml says. Order, last wins: the built-in defaults, the
// configuration file, the user's settings, the workspace's settings, the folder's settings (README).
import { Uri, workspace } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** The settings a .statefulset-lint.yaml can also set. */
const fileKeys = ['kubernetesVersion', 'defaultNamespace', 'clusterDomain', 'knownStorageClasses', 'rules', 'maxFileSize', 'compareWith'];

/** The `statefulset` section without the keys the user did not set (other keys as VS Code gives them). */
function userSetOnly(full: unknown, scopeUri: string | undefined): unknown {
  if (typeof full !== 'object' || full === null) return full;
  const config = workspace.getConfiguration('statefulset', scopeUri ? Uri.parse(scopeUri) : undefined);
  const result: Record<string, unknown> = { ...(full as Record<string, unknown>) };
  for (const key of fileKeys) {
    const inspected = config.inspect(key);
    const set = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
    if (set === undefined) delete result[key]; else result[key] = set;
  }
  return result;
}

export const settingsMiddleware: Middleware = {
  workspace: {
    configuration: async (params, token, next) => {
      const answers = await next(params, token);
      if (!Array.isArray(answers)) return answers;
      return params.items.map((item, index) => item.section === 'statefulset' ? userSetOnly(answers[index], item.scopeUri) : answers[index]);
    },
  },
};
