// Pod identities of StatefulSets: pod names, hostnames, DNS names, SRV names, PVC names, the orders
// the controller follows and what the PVC retention policy does. One function, `statefulSetIdentities`,
// serves the language server (custom request, CodeLens, hover), the CLI and the tests.
//
// Sources: the StatefulSet controller (pkg/controller/statefulset/stateful_set_utils.go: getPodName,
// getPersistentVolumeClaimName, initIdentity),
// the StatefulSet concept page (ordering, partitions, retention) and the DNS page (record formats).
import { identityHoverMarkdown } from './format';
import { get, isObject, manifestAt, manifestOf, objectSpan, type Manifest } from '../model/manifest';
import { type WorkspaceModel } from '../model/workspace-model';
import type { DataPath } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';
import { identityNotes } from './notes';
import { problemsFromFindings } from './problems';
import { ordersOf, retentionOf } from './orders';
import { isStatefulSet, ordinalRange } from '../k8s/statefulset';
import { versionAtLeast } from '../k8s/version';
import { governingService } from './governing-service';
import type { EngineSettings, Finding, Span } from '../types';
import type { BuildIdentities, PodIdentity, SourceRef, StatefulSetIdentities } from '../../protocol/identities';

export type {
  BuildIdentities, ClaimIdentity, GoverningService, IdentityNote, IdentityProblem, IdentityProblemSeverity, Orders, PodIdentity, Retention,
  SourceRef, SrvRecord, StatefulSetIdentities, StepOrder, UpdateOrder,
} from '../../protocol/identities';

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
  if (manifest.locate(path).node) return manifest.valueSpan(path);
  for (let length = path.length - 1; length > 0; length--) {
    const parent = path.slice(0, length);
    if (manifest.locate(parent).node) return manifest.keySpan(parent);
  }
  return objectSpan(manifest);
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
    location: name ? at(['metadata', 'name']) : { uri: manifest.uri, ...objectSpan(manifest) },
    documentSpan: { uri: manifest.uri, ...objectSpan(manifest) },
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
  /** The file's StatefulSets checked on their own (none when the file is part of a build). */
  statefulSets: StatefulSetIdentities[];
  /** The StatefulSets the builds that use the file make of it (builds/build-identities.ts). */
  builds?: BuildIdentities[];
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
    return { uri, statefulSets: [], note: 'The file contains template expressions ({{ ... }}) or @NAME@ placeholders; it is not plain YAML until it is rendered.' };
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

/**
 * The index, in `fileIdentities(...).statefulSets`, of the StatefulSet whose document holds `offset`
 * (-1: none); with `uri`, only a document of that file (a build's StatefulSets come from several files).
 */
export function identityIndexAt(identities: StatefulSetIdentities[], offset: number, uri?: string): number {
  return identities.findIndex((set) => (uri === undefined || set.documentSpan.uri === uri) && offset >= set.documentSpan.start && offset <= set.documentSpan.end);
}

/** The field of a StatefulSet whose names a hover shows: replicas (pods), serviceName (DNS), a claim template's name (PVCs). */
export type IdentityField = 'replicas' | 'serviceName' | { claim: string };

/** The StatefulSet manifest and the identity field under `offset`, when the cursor is on one. */
export function identityFieldAt(file: ParsedFile, offset: number, model: WorkspaceModel): { manifest: Manifest; on: IdentityField } | undefined {
  // The innermost object under the cursor (an item of a List too); a document the model does not hold
  // (a file read only through a build) is read on its own.
  let found = manifestAt(model.manifestsOf(file.uri), offset);
  if (!found) {
    const document = file.documents.find((doc) => offset >= doc.span.start && offset <= doc.span.end);
    const own = document && manifestOf(file, document);
    found = own && manifestAt([own], offset);
  }
  if (!found || !isStatefulSet(found.manifest)) return undefined;
  const { manifest } = found;
  const path = found.at?.path ?? [];
  if (path.length === 2 && path[0] === 'spec' && path[1] === 'replicas') return { manifest, on: 'replicas' };
  if (path.length === 2 && path[0] === 'spec' && path[1] === 'serviceName') return { manifest, on: 'serviceName' };
  if (path.length === 5 && path[0] === 'spec' && path[1] === 'volumeClaimTemplates' && path[3] === 'metadata' && path[4] === 'name') {
    const claim = get(manifest.value, ...path);
    return typeof claim === 'string' && claim ? { manifest, on: { claim } } : undefined;
  }
  return undefined;
}

/**
 * Markdown naming the pods, DNS names or PVCs that the field under the cursor produces, when the cursor
 * is on `spec.replicas`, `spec.serviceName` or a claim template's `metadata.name` of a StatefulSet.
 */
export function identityHover(file: ParsedFile, offset: number, model: WorkspaceModel, settings: IdentitySettings, problems: (set: StatefulSetIdentities) => StatefulSetIdentities): string | undefined {
  const at = identityFieldAt(file, offset, model);
  return at && identityHoverMarkdown(problems(statefulSetIdentities(at.manifest, model, settings, { maxPods: 5 })), at.on);
}
