// Rules of this group, in reporting order. Add each new rule here (explicit registry, no globbing).
// Cross-document rules: they read the whole workspace model and report on the checked files.
import type { Rule } from '../../rule';
import { stsServiceMissing } from './sts/service-missing';
import { stsServiceNotHeadless } from './sts/service-not-headless';
import { stsServiceSelectorMismatch } from './sts/service-selector-mismatch';
import { stsStorageClassMissing } from './sts/storage-class-missing';
import { svcNoMatchingPods } from './svc/no-matching-pods';
import { svcTargetPortUnknown } from './svc/target-port-unknown';

export const workspaceRules: readonly Rule[] = [
  stsServiceMissing,
  stsServiceNotHeadless,
  stsServiceSelectorMismatch,
  stsStorageClassMissing,
  svcNoMatchingPods,
  svcTargetPortUnknown,
];
