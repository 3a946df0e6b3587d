import type { Rule } from '../../check/rule';

/** Helm/Go templates are not YAML until rendered: say once why the file is not checked. */
export const yamlTemplate: Rule = {
  id: 'yaml/template',
  defaultSeverity: 'info',
  description: 'The file contains Go/Helm template expressions ({{ ... }}), so it is not checked until rendered.',
  scope: 'file',
  check({ file }) {
    if (!file.template) return [];
    return [{ ...file.template, message:
      'This file contains Go/Helm template expressions ({{ ... }}), so it is not checked as plain Kubernetes YAML. Render it (helm template, or kubectl kustomize) and check the output.' }];
  },
};
