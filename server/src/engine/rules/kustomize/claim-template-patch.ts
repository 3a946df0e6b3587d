import { buildRule } from '../../builds/build-rule';

export const kustomizeClaimTemplatePatch = buildRule('kustomize/claim-template-patch', 'warning',
  'A strategic-merge patch sets volumeClaimTemplates (an atomic list) and drops fields the claim templates had.');
