// The custom protocol between the StatefulSet language server and its clients, declared once for both
// sides. Plain types and constants, with no runtime import, so the VS Code client bundle can import it.
// Documented in docs/identities.md.
import type { BuildIdentities, StatefulSetIdentities } from './identities';

export type {
  BuildIdentities, ClaimIdentity, GoverningService, IdentityNote, IdentityProblem, IdentityProblemSeverity, Orders, PodIdentity, Retention, SourceRef,
  SrvRecord, StatefulSetIdentities, StepOrder, UpdateOrder,
} from './identities';

/** Request `statefulset/identities`: the pod identities of every StatefulSet in a document. */
export const identitiesRequestMethod = 'statefulset/identities';

export interface IdentitiesParams {
  textDocument: { uri: string };
  /** The cursor (0-based line, UTF-16 character): `activeIndex` names the StatefulSet there. */
  position?: { line: number; character: number };
}

export interface IdentitiesResult {
  uri: string;
  /** Version of the document the result was computed from; null when the document is not open. */
  version: number | null;
  /** Settings the names were computed with (the `clusterDomain` and `defaultNamespace` settings). */
  clusterDomain: string;
  defaultNamespace: string;
  kubernetesVersion: string;
  /**
   * Every StatefulSet of the document, in document order, when the document is checked on its own (it
   * is part of no build). Offsets are UTF-16 offsets of the text.
   */
  statefulSets: StatefulSetIdentities[];
  /**
   * The builds the document is part of (Kustomize overlays using it as a resource or a patch, or the
   * build of the kustomization itself), by label, each with the StatefulSets it makes of the document.
   * Absent when the document is part of no build.
   */
  builds?: BuildIdentities[];
  /** Index in `statefulSets` of the StatefulSet at `position` (-1: none, or no position given). */
  activeIndex: number;
  /** Why StatefulSets may be missing (the file is a template, too large, has syntax errors...). */
  note?: string;
}

/**
 * The client command the CodeLens runs: arguments `[uri: string, position: {line, character}]`, and from
 * the lens of one build, a third: the build's uri (`BuildIdentities.uri`), whose section to show first.
 */
export const previewIdentitiesCommand = 'statefulset.previewIdentities';

/**
 * The scheme of a read-only view of a file as committed in git (the related location of
 * sts/immutable-field-changed and sts/renamed points into it): `statefulset-committed:/path/file.yaml?HEAD@<commit>`.
 * The client shows it with the text the server answers to `statefulset/committedText`.
 */
export const committedScheme = 'statefulset-committed';

/** Request `statefulset/committedText`: the committed text behind a `statefulset-committed:` uri (null when unknown). */
export const committedTextRequestMethod = 'statefulset/committedText';

export interface CommittedTextParams {
  uri: string;
}

export {
  chartStatusNotification, chartValuesRequestMethod, chooseHelmValuesCommand, setChartValuesNotification, workspaceTrustedNotification,
} from './helm';
export type { ChartValuesParams, ChartValuesResult, SetChartValuesParams } from './helm';
