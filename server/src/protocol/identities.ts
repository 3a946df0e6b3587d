// The pod identities of a StatefulSet as the language server sends them (`statefulset/identities`) and
// the CLI prints them (`statefulset-lint identities --format json`). Declared here, once: the engine
// produces these types and the client reads them, so a change on either side that breaks the wire
// format does not compile. Plain types, no import.

/** A part of a file: UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A place in a file: the uri and the offsets (UTF-16, end exclusive). */
export interface SourceRef extends Span {
  uri: string;
}

export type IdentityProblemSeverity = 'error' | 'warning' | 'info' | 'hint';

/** A rule's finding that breaks or changes the identities, shown next to them rather than hidden (problems.ts). */
export interface IdentityProblem {
  /** The rule id: `sts/service-missing`, `sts/service-not-headless`, `sts/name-too-long`... */
  code: string;
  severity: IdentityProblemSeverity;
  message: string;
  /** Where the cause is written (in the StatefulSet's file), when it is written somewhere. */
  location?: SourceRef;
  /** The other object involved (the Service), when there is one. */
  related?: SourceRef;
}

/** How the preview computed the names, or what the target version ignores (notes.ts). Not a judgment. */
export interface IdentityNote {
  /** Stable, kebab-case: `no-pods`, `replicas-assumed`, `ordinals-ignored`, `service-no-selector`... */
  code: string;
  message: string;
  location?: SourceRef;
}

export interface ClaimIdentity {
  /** The claim template's `metadata.name` (also the pod's volume name). */
  template: string;
  /** `<template>-<set>-<ordinal>`. */
  pvc: string;
}

export interface PodIdentity {
  ordinal: number;
  /** Position among the pods: ordinal - ordinals.start. Partitions count positions, not ordinals. */
  index: number;
  /** `<set>-<ordinal>`; also the pod's hostname and its `statefulset.kubernetes.io/pod-name` label. */
  name: string;
  hostname: string;
  /** `<pod>.<service>.<namespace>.svc.<clusterDomain>`; absent without serviceName. */
  fqdn?: string;
  claims: ClaimIdentity[];
  /** Whether a rolling update replaces this pod (always false for OnDelete). */
  updatedByRollingUpdate: boolean;
}

export interface StatefulSetIdentities {
  uri: string;
  docIndex: number;
  /** `metadata.name` ('' when missing: then no pod is listed). */
  name: string;
  namespace: string;
  /** True when the object names no namespace and the default namespace setting applies. */
  namespaceDefaulted: boolean;
  clusterDomain: string;
  /** The name's span (the document's when the name is missing): CodeLens and "reveal" go there. */
  location: SourceRef;
  /** The whole document. */
  documentSpan: SourceRef;
  replicas: number;
  replicasDefaulted: boolean;
  /** `spec.ordinals.start`, 0 by default. */
  start: number;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  /** `spec.serviceName` when it is a non-empty string. */
  serviceName?: string;
  /** The governing Service as found in the workspace (present when serviceName is set). */
  service?: GoverningService;
  /** `<service>.<namespace>.svc.<clusterDomain>`, when serviceName is set. */
  serviceDomain?: string;
  claimTemplates: string[];
  /** SRV names of the governing Service's named ports. */
  srv: SrvRecord[];
  /** The pods in ordinal order; at most `maxPods` of them (see `podsOmitted`). */
  pods: PodIdentity[];
  /** Pods not listed because of the `maxPods` limit (the last ones). */
  podsOmitted: number;
  /** Name of the first and the last pod (also when the list is cut), absent when there are none. */
  firstPod?: string;
  lastPod?: string;
  orders: Orders;
  retention: Retention;
  /** Findings of the rules shown in the preview (empty until attached: withProblems). */
  problems: IdentityProblem[];
  notes: IdentityNote[];
}

/**
 * The StatefulSets one build makes (a Kustomize overlay; a Helm chart): their names as that build
 * applies them (namePrefix/nameSuffix, namespace, patched replicas and claim templates, serviceName
 * rewritten by name reference), each with the problems that build's check found. Every location is
 * placed on the sources (the base document, the patch, the kustomization entry), as diagnostics are.
 */
export interface BuildIdentities {
  tool: 'kustomize' | 'helm';
  /** The build's name in messages: the overlay's folder relative to the workspace (`overlays/prod`). */
  label: string;
  /** The kustomization file (or the chart's Chart.yaml). */
  uri: string;
  statefulSets: StatefulSetIdentities[];
  /** Index in `statefulSets` of the StatefulSet whose source document holds the request's position (-1: none). */
  activeIndex: number;
  /** Why no StatefulSet is listed (the build fails, or uses a feature the built-in renderer does not support). */
  note?: string;
}

export interface ServicePort {
  /** The port's name (SRV records exist only for named ports). */
  port: string;
  /** `TCP` (the default), `UDP` or `SCTP`. */
  protocol: string;
  portNumber?: number;
}

export interface SrvRecord extends ServicePort {
  /** `_<port>._<protocol>.<service>.<namespace>.svc.<clusterDomain>`. */
  name: string;
}

export interface GoverningService {
  name: string;
  namespace: string;
  /** A Service of that name exists in that namespace in the workspace. */
  found: boolean;
  /** `clusterIP: None` (and type ClusterIP): only then does each pod get a DNS record. */
  headless: boolean;
  /** Why the Service is not headless, as a clause (k8s/service.ts). */
  notHeadlessBecause?: string;
  /** `spec.publishNotReadyAddresses`: records also for pods that are not Ready. */
  publishNotReadyAddresses: boolean;
  /** `spec.selector`, when the Service has a non-empty one. */
  selector?: Record<string, string>;
  /** The Service's named ports. */
  ports: ServicePort[];
  /** The Service's name in its file, when found. */
  location?: SourceRef;
  /** Namespaces where a Service of that name does exist, when it is not found in the right one. */
  otherNamespaces: string[];
}

export interface StepOrder {
  /** Pods go in ascending (creation) or descending (scale down, update) ordinal order. */
  direction: 'ascending' | 'descending';
  /** All pods at once (Parallel) rather than one at a time. */
  parallel: boolean;
  /** One sentence, with pod names. */
  summary: string;
}

export interface UpdateOrder {
  strategy: 'RollingUpdate' | 'OnDelete';
  /** `rollingUpdate.partition` (0 by default): pods at positions below it keep the old template. */
  partition: number;
  /** First ordinal a rolling update replaces (start + partition); none when the partition covers all pods. */
  firstUpdatedOrdinal?: number;
  updatedCount: number;
  unchangedCount: number;
  /** Pods replaced at the same time (maxUnavailable, when the feature is on; else 1). */
  maxUnavailable: number;
  summary: string;
}

export interface Orders {
  creation: StepOrder;
  scaleDown: StepOrder;
  /** Deleting the StatefulSet object itself. */
  deletion: { summary: string };
  update: UpdateOrder;
}

export type RetentionPolicy = 'Retain' | 'Delete';

export interface Retention {
  whenDeleted: RetentionPolicy;
  whenScaled: RetentionPolicy;
  /** Neither field is written: both are Retain by default. */
  defaulted: boolean;
  onDelete: string;
  onScaleDown: string;
}
