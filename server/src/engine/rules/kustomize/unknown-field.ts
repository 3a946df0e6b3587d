import { buildRule } from '../../builds/build-rule';

export const kustomizeUnknownField = buildRule('kustomize/unknown-field', 'error',
  'A field Kustomize does not know in a kustomization: the build fails.');
