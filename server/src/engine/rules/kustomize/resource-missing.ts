import { buildRule } from '../../builds/build-rule';

export const kustomizeResourceMissing = buildRule('kustomize/resource-missing', 'error',
  'A resource, component, patch or generator file that does not exist, a folder without kustomization, or a file outside the kustomization folder.');
