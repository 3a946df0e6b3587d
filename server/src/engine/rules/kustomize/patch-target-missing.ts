import { buildRule } from '../../builds/build-rule';

export const kustomizePatchTargetMissing = buildRule('kustomize/patch-target-missing', 'error',
  'A patch that matches no object of the build: the build fails (no target), or the patch is skipped (a target that selects nothing, warning).');
