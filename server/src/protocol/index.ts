// The custom protocol between the StatefulSet language server and its clients, declared once for both
// sides. Plain types and constants, with no runtime import, so the VS Code client bundle can import it.
// Documented in docs/identities.md.
import type { StatefulSetIdentities } from './identities';

export type {
  ClaimIdentity, GoverningService, IdentityNote, IdentityProblem, IdentityProblemSeverity, Orders, PodIdentity, Retention, SourceRef,
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
  /** Every StatefulSet of the document, in document order. Offsets are UTF-16 offsets of the text. */
  statefulSets: StatefulSetIdentities[];
  /** Index in `statefulSets` of the StatefulSet at `position` (-1: none, or no position given). */
  activeIndex: number;
  /** Why StatefulSets may be missing (the file is a template, too large, has syntax errors...). */
  note?: string;
}

/** The client command the CodeLens runs: arguments `[uri: string, position: {line, character}]`. */
export const previewIdentitiesCommand = 'statefulset.previewIdentities';

export {
  chartStatusNotification, chartValuesRequestMethod, chooseHelmValuesCommand, setChartValuesNotification, workspaceTrustedNotification,
} from './helm';
export type { ChartValuesParams, ChartValuesResult, SetChartValuesParams } from './helm';
