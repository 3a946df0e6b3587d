// Shared vocabulary of the engine. Pure data: no LSP, no I/O.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A span of a file's text: `start` inclusive, `end` exclusive, both UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface RelatedLocation extends Span {
  uri: string;
  message: string;
}

/**
 * A text edit on one file, by offsets. `newText` may contain snippet tab stops (`${1:value}`) only
 * when `snippet` is true; clients without snippet support get the placeholders' default text.
 */
export interface TextEditData extends Span {
  uri: string;
  newText: string;
  snippet?: boolean;
}

/** A fix proposed by a rule, as structured data the LSP adapter turns into a code action. */
export interface FixData {
  title: string;
  edits: TextEditData[];
  /** Safe fixes are applied by "Fix all" and on save; the others only on request. */
  safe?: boolean;
  /** The one fix an editor should prefer. */
  preferred?: boolean;
}

/** What a finding says about its text beyond its severity: an editor may fade or strike it through. */
export type FindingTag = 'deprecated' | 'unnecessary';

export interface Finding extends Span {
  uri: string;
  ruleId: string;
  severity: Severity;
  /** The rule's tags (RuleMeta.tags). */
  tags?: FindingTag[];
  message: string;
  related?: RelatedLocation[];
  fixes?: FixData[];
  /** Set when builds (Kustomize overlays) produced the finding: their names (`overlays/prod`). */
  overlays?: string[];
}

/** What a rule produces before the runner adds the file, the severity and suppressions. */
export interface RuleFinding extends Span {
  message: string;
  /** Defaults to the file being checked; cross-file rules may report on another file. */
  uri?: string;
  related?: RelatedLocation[];
  fixes?: FixData[];
  /** This finding's severity when it differs from the rule's default; a user's override of the rule still wins. */
  severity?: Severity;
}

export interface EngineSettings {
  /** Kubernetes release the manifests target, `major.minor`. */
  kubernetesVersion: string;
  /** Namespace of objects that have no `metadata.namespace`. */
  defaultNamespace: string;
  /** Cluster DNS domain, for identities. */
  clusterDomain: string;
  /** StorageClasses that exist in the cluster but not in the workspace. */
  knownStorageClasses: string[];
  /** Per-rule severity overrides (`off` silences the rule). */
  rules: Record<string, SeveritySetting>;
  /** Files larger than this (in bytes) are not checked. */
  maxFileSize: number;
  /**
   * The git ref StatefulSets are compared with (sts/immutable-field-changed, sts/renamed): `HEAD`, a
   * branch, tag or remote branch (`origin/main`), or `off`. The adapters read the committed files.
   */
  compareWith: string;
}

export const defaultSettings: EngineSettings = {
  kubernetesVersion: '1.36',
  defaultNamespace: 'default',
  clusterDomain: 'cluster.local',
  knownStorageClasses: [],
  rules: {},
  maxFileSize: 2 * 1024 * 1024,
  compareWith: 'HEAD',
};

export function withDefaults(partial: Partial<EngineSettings> | undefined): EngineSettings {
  return { ...defaultSettings, ...(partial ?? {}), rules: { ...(partial?.rules ?? {}) } };
}
