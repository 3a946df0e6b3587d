// Rules of this group, in reporting order. Add each new rule here (explicit registry, no globbing).
// The StatefulSet rulebook also carries the label rule and the claim rules (pvc/*), which check
// StatefulSet claim templates and PersistentVolumeClaim objects alike.
import type { Rule } from '../../rule';
import { labelsInvalid } from '../labels/invalid';
import { pvcAccessModesMissing } from '../pvc/access-modes-missing';
import { pvcRwopExclusive } from '../pvc/rwop-exclusive';
import { pvcStorageRequestInvalid } from '../pvc/storage-request-invalid';
import { pvcStorageRequestMissing } from '../pvc/storage-request-missing';
import { stsActiveDeadline } from './active-deadline';
import { stsClaimTemplateUnmounted } from './claim-template-unmounted';
import { stsNameInvalid } from './name-invalid';
import { stsNameTooLong } from './name-too-long';
import { stsNegativeValue } from './negative-value';
import { stsRestartPolicy } from './restart-policy';
import { stsSelectorEmpty } from './selector-empty';
import { stsSelectorMismatch } from './selector-mismatch';
import { stsSelectorMissing } from './selector-missing';
import { stsServiceNameEmpty } from './service-name-empty';
import { stsServiceNameInvalid } from './service-name-invalid';
import { stsTerminationGraceZero } from './termination-grace-zero';
import { stsUpdateStrategyInvalid } from './update-strategy-invalid';
import { stsVolumeMountUnknown } from './volume-mount-unknown';
import { stsVolumeShadowsClaimTemplate } from './volume-shadows-claim-template';

export const stsRules: readonly Rule[] = [
  stsNameInvalid,
  stsNameTooLong,
  stsSelectorMissing,
  stsSelectorEmpty,
  stsSelectorMismatch,
  labelsInvalid,
  stsNegativeValue,
  stsUpdateStrategyInvalid,
  stsRestartPolicy,
  stsActiveDeadline,
  stsServiceNameInvalid,
  stsServiceNameEmpty,
  stsTerminationGraceZero,
  stsVolumeMountUnknown,
  stsClaimTemplateUnmounted,
  stsVolumeShadowsClaimTemplate,
  pvcAccessModesMissing,
  pvcStorageRequestMissing,
  pvcStorageRequestInvalid,
  pvcRwopExclusive,
];
