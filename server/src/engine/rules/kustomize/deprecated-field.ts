import { buildRule } from '../../builds/build-rule';

export const kustomizeDeprecatedField = buildRule('kustomize/deprecated-field', 'info',
  'A deprecated kustomization field (bases, commonLabels, imageTags, patchesJson6902, patchesStrategicMerge, vars), with its replacement.');
