import { buildRule } from '../../builds/build-rule';

export const kustomizeBuildError = buildRule('kustomize/build-error', 'error',
  'Any other reason the real Kustomize build fails: a duplicate object, a cycle, an unreadable resource or patch, a patch that cannot be applied.');
