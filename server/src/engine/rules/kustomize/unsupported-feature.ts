import { buildRule } from '../../builds/build-rule';

export const kustomizeUnsupportedFeature = buildRule('kustomize/unsupported-feature', 'info',
  'A kustomization uses a feature the built-in renderer does not support (replacements, vars, plugins, helmCharts, remote bases): its overlay is not checked.');
