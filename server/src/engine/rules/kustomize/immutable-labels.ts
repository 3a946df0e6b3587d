import { buildRule } from '../../builds/build-rule';

export const kustomizeImmutableLabels = buildRule('kustomize/immutable-labels', 'warning',
  'Labels (commonLabels, or labels with includeSelectors) reach a StatefulSet\'s selector or claim templates, which cannot change once the set exists.');
