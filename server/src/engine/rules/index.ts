// The rule registry: every rule the engine runs, in reporting order (findings at the same place are
// listed in this order). A rule with id `<prefix>/<name>` lives in `<prefix>/<name>.ts`; add each new
// rule here, once (no file-system globbing). Rules that read other documents have `scope: 'workspace'`.
import type { Rule } from '../check/rule';
import { helmChartInvalid } from './helm/chart-invalid';
import { helmRenderError } from './helm/render-error';
import { helmValuesSchema } from './helm/values-schema';
import { kustomizeBuildError } from './kustomize/build-error';
import { kustomizeClaimTemplatePatch } from './kustomize/claim-template-patch';
import { kustomizeDeprecatedField } from './kustomize/deprecated-field';
import { kustomizeImmutableLabels } from './kustomize/immutable-labels';
import { kustomizeInvalidField } from './kustomize/invalid-field';
import { kustomizePatchTargetMissing } from './kustomize/patch-target-missing';
import { kustomizeResourceMissing } from './kustomize/resource-missing';
import { kustomizeUnknownField } from './kustomize/unknown-field';
import { kustomizeUnsupportedFeature } from './kustomize/unsupported-feature';
import { labelsInvalid } from './labels/invalid';
import { manifestMissingKind } from './manifest/missing-kind';
import { manifestObsoleteAnnotation } from './manifest/obsolete-annotation';
import { manifestRemovedApi } from './manifest/removed-api';
import { pdbBlocksEviction } from './pdb/blocks-eviction';
import { pdbNoMatchingPods } from './pdb/no-matching-pods';
import { pdbOverlapping } from './pdb/overlapping';
import { containerNameDuplicate } from './pod/container-name-duplicate';
import { containerNameInvalid } from './pod/container-name-invalid';
import { imageMissing } from './pod/image-missing';
import { portInvalid } from './pod/port-invalid';
import { portNameDuplicate } from './pod/port-name-duplicate';
import { portNameInvalid } from './pod/port-name-invalid';
import { probeHandler } from './pod/probe-handler';
import { probesIdentical } from './pod/probes-identical';
import { probePortUnknown } from './pod/probe-port-unknown';
import { resourcesRequestExceedsLimit } from './pod/resources-request-exceeds-limit';
import { pvcAccessModesMissing } from './pvc/access-modes-missing';
import { pvcRwopExclusive } from './pvc/rwop-exclusive';
import { pvcStorageRequestInvalid } from './pvc/storage-request-invalid';
import { pvcStorageRequestMissing } from './pvc/storage-request-missing';
import { scMultipleDefaults } from './sc/multiple-defaults';
import { schemaEnum } from './schema/enum';
import { schemaFormat } from './schema/format';
import { schemaRequired } from './schema/required';
import { schemaType } from './schema/type';
import { schemaUnknownField } from './schema/unknown-field';
import { stsActiveDeadline } from './sts/active-deadline';
import { stsAntiAffinitySelectsNothing } from './sts/anti-affinity-selects-nothing';
import { stsClaimTemplateNameInvalid } from './sts/claim-template-name-invalid';
import { stsClaimTemplateUnmounted } from './sts/claim-template-unmounted';
import { stsClaimTemplateVersionLabel } from './sts/claim-template-version-label';
import { stsImmutableFieldChanged } from './sts/immutable-field-changed';
import { stsNameInvalid } from './sts/name-invalid';
import { stsNameTooLong } from './sts/name-too-long';
import { stsNegativeValue } from './sts/negative-value';
import { stsPdbMissing } from './sts/pdb-missing';
import { stsRenamed } from './sts/renamed';
import { stsRestartPolicy } from './sts/restart-policy';
import { stsSelectorEmpty } from './sts/selector-empty';
import { stsSelectorMismatch } from './sts/selector-mismatch';
import { stsSelectorMissing } from './sts/selector-missing';
import { stsServiceMissing } from './sts/service-missing';
import { stsServiceNameEmpty } from './sts/service-name-empty';
import { stsServiceNameInvalid } from './sts/service-name-invalid';
import { stsServiceNotHeadless } from './sts/service-not-headless';
import { stsServiceSelectorMismatch } from './sts/service-selector-mismatch';
import { stsStorageClassMissing } from './sts/storage-class-missing';
import { stsTerminationGraceZero } from './sts/termination-grace-zero';
import { stsUpdateStrategyInvalid } from './sts/update-strategy-invalid';
import { stsVolumeMountUnknown } from './sts/volume-mount-unknown';
import { stsVolumeShadowsClaimTemplate } from './sts/volume-shadows-claim-template';
import { svcClusterIpsInvalid } from './svc/cluster-ips-invalid';
import { svcHeadlessType } from './svc/headless-type';
import { svcNameInvalid } from './svc/name-invalid';
import { svcNoMatchingPods } from './svc/no-matching-pods';
import { svcPortNameInvalid } from './svc/port-name-invalid';
import { svcPortNameMissing } from './svc/port-name-missing';
import { svcTargetPortUnknown } from './svc/target-port-unknown';
import { yamlDuplicateKey } from './yaml/duplicate-key';
import { yamlSkipped } from './yaml/skipped';
import { yamlSyntax } from './yaml/syntax';
import { yamlTemplate } from './yaml/template';

export const allRules: readonly Rule[] = [
  yamlSkipped,
  yamlTemplate,
  yamlSyntax,
  yamlDuplicateKey,
  manifestMissingKind,
  manifestRemovedApi,
  manifestObsoleteAnnotation,
  schemaUnknownField,
  schemaType,
  schemaRequired,
  schemaEnum,
  schemaFormat,
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
  stsClaimTemplateVersionLabel,
  stsVolumeShadowsClaimTemplate,
  stsClaimTemplateNameInvalid,
  pvcAccessModesMissing,
  pvcStorageRequestMissing,
  pvcStorageRequestInvalid,
  pvcRwopExclusive,
  containerNameInvalid,
  containerNameDuplicate,
  imageMissing,
  portInvalid,
  portNameInvalid,
  portNameDuplicate,
  probePortUnknown,
  probeHandler,
  probesIdentical,
  resourcesRequestExceedsLimit,
  svcNameInvalid,
  svcHeadlessType,
  svcClusterIpsInvalid,
  svcPortNameMissing,
  svcPortNameInvalid,
  scMultipleDefaults,
  stsServiceMissing,
  stsServiceNotHeadless,
  stsServiceSelectorMismatch,
  stsStorageClassMissing,
  stsImmutableFieldChanged,
  stsRenamed,
  stsPdbMissing,
  stsAntiAffinitySelectsNothing,
  svcNoMatchingPods,
  svcTargetPortUnknown,
  pdbNoMatchingPods,
  pdbBlocksEviction,
  pdbOverlapping,
  kustomizeResourceMissing,
  kustomizeUnknownField,
  kustomizeInvalidField,
  kustomizePatchTargetMissing,
  kustomizeBuildError,
  kustomizeDeprecatedField,
  kustomizeUnsupportedFeature,
  kustomizeClaimTemplatePatch,
  kustomizeImmutableLabels,
  helmChartInvalid,
  helmValuesSchema,
  helmRenderError,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
