import { buildRule } from '../../builds/build-rule';

export const kustomizeInvalidField = buildRule('kustomize/invalid-field', 'error',
  'A kustomization value Kustomize cannot take (wrong type, wrong kind or apiVersion, an empty kustomization, a patch without target).');
