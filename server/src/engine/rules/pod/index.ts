// Rules of this group, in reporting order. Add each new rule here (explicit registry, no globbing).
// Pod template rules run on every kind with a pod spec; the Service (svc/) and StorageClass (sc/)
// rules live in sub-folders named after their id prefix.
import type { Rule } from '../../rule';
import { containerNameDuplicate } from './container-name-duplicate';
import { containerNameInvalid } from './container-name-invalid';
import { imageMissing } from './image-missing';
import { portInvalid } from './port-invalid';
import { portNameDuplicate } from './port-name-duplicate';
import { portNameInvalid } from './port-name-invalid';
import { probeHandler } from './probe-handler';
import { probePortUnknown } from './probe-port-unknown';
import { resourcesRequestExceedsLimit } from './resources-request-exceeds-limit';
import { scMultipleDefaults } from './sc/multiple-defaults';
import { svcHeadlessType } from './svc/headless-type';
import { svcNameInvalid } from './svc/name-invalid';
import { svcPortNameInvalid } from './svc/port-name-invalid';
import { svcPortNameMissing } from './svc/port-name-missing';

export const podRules: readonly Rule[] = [
  containerNameInvalid,
  containerNameDuplicate,
  imageMissing,
  portInvalid,
  portNameInvalid,
  portNameDuplicate,
  probePortUnknown,
  probeHandler,
  resourcesRequestExceedsLimit,
  svcNameInvalid,
  svcHeadlessType,
  svcPortNameMissing,
  svcPortNameInvalid,
  scMultipleDefaults,
];
