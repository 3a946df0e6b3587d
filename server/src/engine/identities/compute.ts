// Pod identities of StatefulSets: pod names, hostnames, DNS names, SRV names, PVC names, the orders
// the controller follows and what the PVC retention policy does. One function, `statefulSetIdentities`,
// serves the language server (custom request, CodeLens, hover), the CLI and the tests.
//
// Sources: k8s-rules.md section 7 (controller: getPodName, getPersistentVolumeClaimName, initIdentity),
// the StatefulSet concept page (ordering, partitions, retention) and the DNS page (record formats).
import { identityHoverMarkdown } from './format';
import { get, isObject, manifestOf, type Manifest, type WorkspaceModel } from '../model/workspace-model';
import { parseTree } from '../yaml';
import { keySpan, locate, pathAtOffset, valueSpan, type DataPath } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';
import { identityNotes } from './notes';
import { problemsFromFindings } from './problems';
import { ordersOf, retentionOf, type Orders, type Retention } from './orders';
import { isStatefulSet, ordinalRange } from '../k8s/statefulset';
import { versionAtLeast } from '../k8s/version';
import { governingService, type GoverningService, type SrvRecord } from './governing-service';
import type { EngineSettings, Finding, Span } from '../types';

export type { Orders, Retention, UpdateOrder, StepOrder } from './orders';
export type { GoverningService, SrvRecord } from './governing-service';

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

export interface IdentityOptions {
  /** Pods listed at most per StatefulSet (a set may ask for thousands). Default 1000. */
  maxPods?: number;
}

type IdentitySettings = Pick<EngineSettings, 'clusterDomain' | 'defaultNamespace' | 'kubernetesVersion'>;

const defaultMaxPods = 1000;

/** `<set>-<ordinal>` (getPodName). */
export function podName(set: string, ordinal: number): string {
  return `${set}-${ordinal}`;
}

/** `<claim template>-<set>-<ordinal>` (getPersistentVolumeClaimName). */
export function pvcName(template: string, set: string, ordinal: number): string {
  return `${template}-${set}-${ordinal}`;
}

/** The names of the claim templates, in order (entries without a string name are skipped). */
export function claimTemplateNames(value: Record<string, unknown>): string[] {
  const templates = get(value, 'spec', 'volumeClaimTemplates');
  if (!Array.isArray(templates)) return [];
  const names: string[] = [];
  for (const template of templates) {
    const name = get(template, 'metadata', 'name');
    if (typeof name === 'string' && name) names.push(name);
  }
  return names;
}

/** The value at `path`; when it is absent, the key of its nearest existing parent (`spec` for a missing `spec.serviceName`). */
function fieldSpan(manifest: Manifest, path: DataPath): Span {
  const doc = parseTree(manifest.document);
  if (locate(doc, path).node) return valueSpan(doc, path) ?? manifest.document.span;
  for (let length = path.length - 1; length > 0; length--) {
    const parent = path.slice(0, length);
    if (locate(doc, parent).node) return keySpan(doc, parent) ?? manifest.document.span;
  }
  return manifest.document.span;
}

/** Everything the preview shows about one StatefulSet manifest. */
export function statefulSetIdentities(manifest: Manifest, model: WorkspaceModel, settings: IdentitySettings, options: IdentityOptions = {}): StatefulSetIdentities {
  const value = manifest.value;
  const spec = isObject(value.spec) ? value.spec : {};
  const at = (path: DataPath): SourceRef => ({ uri: manifest.uri, ...fieldSpan(manifest, path) });
  const name = manifest.name;
  const namespace = manifest.namespace ?? settings.defaultNamespace;
  const clusterDomain = settings.clusterDomain || 'cluster.local';

  const ordinalsSupported = versionAtLeast(settings.kubernetesVersion, '1.27');
  const { rawReplicas, rawStart, replicas, start } = ordinalRange(manifest, ordinalsSupported);
  const podManagementPolicy = spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady';
  const updateStrategy = get(spec, 'updateStrategy', 'type') === 'OnDelete' ? 'OnDelete' : 'RollingUpdate';
  const serviceName = typeof spec.serviceName === 'string' && spec.serviceName ? spec.serviceName : undefined;
  const serviceDomain = serviceName ? `${serviceName}.${namespace}.svc.${clusterDomain}` : undefined;
  const claimTemplates = claimTemplateNames(value);
  const service = serviceName ? governingService(model, serviceName, namespace, settings.defaultNamespace, manifest.uri) : undefined;
  const srv = service?.found && serviceDomain ? service.ports.map((port) => ({
    ...port, name: `_${port.port}._${port.protocol.toLowerCase()}.${serviceDomain}`,
  })) : [];
  const orders = ordersOf(spec, { name, start, replicas, podManagementPolicy, updateStrategy, version: settings.kubernetesVersion });

  const pods: PodIdentity[] = [];
  const listed = name ? Math.min(replicas, Math.max(0, options.maxPods ?? defaultMaxPods)) : 0;
  for (let index = 0; index < listed; index++) {
    const ordinal = start + index;
    const pod = podName(name, ordinal);
    pods.push({
      ordinal, index, name: pod, hostname: pod,
      fqdn: serviceDomain ? `${pod}.${serviceDomain}` : undefined,
      claims: claimTemplates.map((template) => ({ template, pvc: pvcName(template, name, ordinal) })),
      updatedByRollingUpdate: updateStrategy === 'RollingUpdate' && index >= orders.update.partition,
    });
  }

  const identities: StatefulSetIdentities = {
    uri: manifest.uri,
    docIndex: manifest.docIndex,
    name,
    namespace,
    namespaceDefaulted: manifest.namespace === undefined,
    clusterDomain,
    location: name ? at(['metadata', 'name']) : { uri: manifest.uri, ...manifest.document.span },
    documentSpan: { uri: manifest.uri, ...manifest.document.span },
    replicas,
    replicasDefaulted: rawReplicas === undefined,
    start,
    podManagementPolicy,
    updateStrategy,
    serviceName,
    service,
    serviceDomain,
    claimTemplates,
    srv,
    pods,
    podsOmitted: name ? replicas - listed : 0,
    firstPod: name && replicas > 0 ? podName(name, start) : undefined,
    lastPod: name && replicas > 0 ? podName(name, start + replicas - 1) : undefined,
    orders,
    retention: retentionOf(spec, claimTemplates.length > 0, settings.kubernetesVersion),
    problems: [],
    notes: [],
  };
  identities.notes = identityNotes(identities, manifest, { rawReplicas, rawStart, ordinalsSupported, version: settings.kubernetesVersion, at });
  return identities;
}

/** What a file holds: its StatefulSets' identities, and why there are none when the file cannot be read. */
export interface FileIdentities {
  uri: string;
  statefulSets: StatefulSetIdentities[];
  /** Why the file's StatefulSets cannot be listed (template, too large, syntax errors). */
  note?: string;
}

/**
 * The identities of every StatefulSet in a known file, in document order, with the problems found by
 * the rules shown in the preview (`findings`: the file's findings, after settings and suppressions).
 */
export function fileIdentities(model: WorkspaceModel, settings: IdentitySettings, uri: string, findings: readonly Finding[], shownRules: ReadonlySet<string>, options: IdentityOptions = {}): FileIdentities {
  const file = model.getFile(uri);
  if (!file) return { uri, statefulSets: [], note: 'The language server does not know this file yet.' };
  if (file.skipped) return { uri, statefulSets: [], note: `The file is not checked: ${file.skipped}.` };
  if (file.template) {
    return { uri, statefulSets: [], note: 'The file contains template expressions ({{ ... }}); it is not plain YAML until it is rendered.' };
  }
  const statefulSets = model.manifestsOf(uri)
    .filter(isStatefulSet)
    .map((manifest) => withProblems(statefulSetIdentities(manifest, model, settings, options), findings, shownRules));
  const broken = file.documents.filter((document) => document.value === undefined && document.syntax.some((problem) => !problem.duplicateKey));
  const note = broken.length > 0
    ? `${broken.length === 1 ? 'A document' : `${broken.length} documents`} of this file could not be read because of YAML syntax errors; StatefulSets in ${broken.length === 1 ? 'it are' : 'them are'} not listed.`
    : undefined;
  return { uri, statefulSets, note };
}

/** The identities with the problems that the rules shown in the preview found in its document. */
export function withProblems(set: StatefulSetIdentities, findings: readonly Finding[], shownRules: ReadonlySet<string>): StatefulSetIdentities {
  set.problems = problemsFromFindings(set, findings, shownRules);
  return set;
}

/** The index, in `fileIdentities(...).statefulSets`, of the StatefulSet whose document holds `offset` (-1: none). */
export function identityIndexAt(identities: StatefulSetIdentities[], offset: number): number {
  return identities.findIndex((set) => offset >= set.documentSpan.start && offset <= set.documentSpan.end);
}

/**
 * Markdown naming the pods, DNS names or PVCs that the field under the cursor produces, when the cursor
 * is on `spec.replicas`, `spec.serviceName` or a claim template's `metadata.name` of a StatefulSet.
 */
export function identityHover(file: ParsedFile, offset: number, model: WorkspaceModel, settings: IdentitySettings, problems: (set: StatefulSetIdentities) => StatefulSetIdentities): string | undefined {
  const document = file.documents.find((doc) => offset >= doc.span.start && offset <= doc.span.end);
  if (!document) return undefined;
  const manifest = model.manifestsOf(file.uri).find((candidate) => candidate.document === document) ?? manifestOf(file, document);
  if (!manifest || !isStatefulSet(manifest)) return undefined;
  const path = pathAtOffset(parseTree(document), offset)?.path ?? [];
  let on: Parameters<typeof identityHoverMarkdown>[1];
  if (path.length === 2 && path[0] === 'spec' && path[1] === 'replicas') {
    on = 'replicas';
  } else if (path.length === 2 && path[0] === 'spec' && path[1] === 'serviceName') {
    on = 'serviceName';
  } else if (path.length === 5 && path[0] === 'spec' && path[1] === 'volumeClaimTemplates' && path[3] === 'metadata' && path[4] === 'name') {
    const claim = get(manifest.value, ...path);
    if (typeof claim !== 'string' || !claim) return undefined;
    on = { claim };
  } else {
    return undefined;
  }
  return identityHoverMarkdown(problems(statefulSetIdentities(manifest, model, settings, { maxPods: 5 })), on);
}
