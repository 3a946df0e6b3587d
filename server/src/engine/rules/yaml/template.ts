import type { Rule } from '../../check/rule';

/** Helm/Go templates, and sed-style `@NAME@` templates whose YAML breaks at the placeholders, are not YAML until rendered: say once why the file is not checked. */
export const yamlTemplate: Rule = {
  id: 'yaml/template',
  defaultSeverity: 'info',
  description: 'The file contains Go/Helm template expressions ({{ ... }}) or sed-style @NAME@ placeholders that break its YAML, so it is not checked until rendered.',
  scope: 'file',
  check({ file }) {
    if (!file.template) return [];
    const placeholder = file.text.slice(file.template.start, file.template.end);
    if (placeholder.startsWith('@')) {
      return [{ ...file.template, message:
        `This file contains the placeholder ${placeholder} (a sed-style @NAME@ template), which is not YAML until it is substituted, so the file is not checked. Substitute the placeholders (as your deploy script does) and check the output.` }];
    }
    return [{ ...file.template, message:
      'This file contains Go/Helm template expressions ({{ ... }}), so it is not checked as plain Kubernetes YAML. Render it (helm template, or kubectl kustomize) and check the output.' }];
  },
};
