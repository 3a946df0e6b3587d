// Objects that come from a build (a Kustomize overlay, a rendered Helm chart) rather than straight from
// one YAML document. Every field of such an object remembers where it came from, so that a finding on
// the built object lands on the source line that produced the value: the base line, the patch line, the
// kustomization entry, the template line. Plain documents are their own origin.
import type { DataPath } from '../yaml/nodes';
import { get } from './manifest';
import type { Span } from '../types';

/** A place in a YAML file of the workspace, by data path: resolved to offsets only when a finding needs it. */
export interface Origin {
  uri: string;
  /** Index of the YAML document in that file (0 for a single-document file). */
  docIndex: number;
  /** Data path of the value in that document (`['spec', 'replicas']`, `['namePrefix']`). */
  path: DataPath;
  /**
   * Set when the value lies in YAML text held by the string at `path` (a Kustomize inline patch,
   * `patches[0].patch: |`): the document and data path of the value within that text.
   */
  embedded?: { docIndex: number; path: DataPath };
  /**
   * The place by offsets, when the builder knows it (a Helm template: a template does not parse as
   * YAML, so its places are found in its blanked parse): use it rather than resolving `path`.
   */
  span?: Span;
  /** When a template action prints the value (`{{ .Values.replicas }}`): the action's source, for messages. */
  action?: string;
  /** With `span`: the span of the key at `path`, when the key is written (a finding on a key goes there). */
  keySpan?: Span;
}

/** One object produced by a build. */
export interface BuiltObject {
  /** The object as it will be applied (plain data, nulls removed). */
  value: Record<string, unknown>;
  /** Where the object as a whole comes from: its document in a base, a generator entry, a template. */
  origin: Origin;
  /**
   * Where the value at `path` of `value` comes from: the origin recorded for that path or, when none
   * was recorded (an unchanged field of a base), its nearest parent's origin extended by the rest of the path.
   */
  originOf(path: DataPath): Origin;
  /**
   * Elements a patch deleted from the object's lists (`$patch: delete`): the list's path, the deleted
   * element's merge-key values, and where the deletion is written. A finding on a value that names one
   * (a mount of a deleted volume) is the deletion's doing, and is placed there.
   */
  removals?: { path: DataPath; key: Record<string, string>; origin: Origin }[];
  /**
   * Set for an object read from a template without rendering it (a Helm chart template whose actions
   * are unknown): whether the collection or value at `path` holds exactly what is written. A rule that
   * concludes from absence asks it through model/completeness.ts. Absent: everything is known.
   */
  isComplete?(path: DataPath): boolean;
  /**
   * Set with `isComplete`: whether a finding at `path` (on its key when `onKey`) may depend on what
   * the template's actions print. Such findings are not reported.
   */
  uncertain?(path: DataPath, onKey: boolean): boolean;
}

/** A problem with a build itself (a missing resource, a patch that matches nothing), on its source. */
export interface BuildProblem {
  /** A rule id (`kustomize/resource-missing`, `helm/render-error`). */
  ruleId: string;
  message: string;
  origin: Origin;
  /** Set when the problem's severity differs from the rule's default. */
  severity?: 'error' | 'warning' | 'info' | 'hint';
  /** A fix described as data (the edits are made by whoever shows the problem). */
  fix?: BuildFix;
}

/**
 * Replace a strategic-merge patch of `volumeClaimTemplates` (at `origin`) with the equivalent JSON 6902
 * operations on `target`, which change only the fields the patch meant to change.
 */
export interface BuildFix {
  title: string;
  kind: 'claim-template-json6902';
  /** The `volumeClaimTemplates` field of the patch document. */
  origin: Origin;
  /** The kustomization entry that applies the patch. */
  entry: Origin;
  target: { group: string; version: string; kind: string; name: string };
  operations: { op: 'add' | 'replace'; path: string; value: unknown }[];
  /** The patch document without `spec.volumeClaimTemplates`, or undefined when nothing else is left in it. */
  remainingPatch?: Record<string, unknown>;
}

/** What a kustomization or a chart builds. */
export interface Build {
  /** `kustomize` or `helm`. */
  tool: 'kustomize' | 'helm';
  /** The kustomization file, or the chart's Chart.yaml. */
  uri: string;
  /** A short name for messages: the overlay's folder relative to the workspace (`overlays/prod`). */
  label: string;
  objects: BuiltObject[];
  /** Every file the build read: it is built again when one of them changes. */
  inputs: string[];
  problems: BuildProblem[];
  /**
   * Features the build uses that are not supported (replacements, vars, plugins, remote bases, ...): the
   * objects are then partial, and no rule judges them. Each names the feature at its place.
   */
  unsupported: { feature: string; origin: Origin }[];
  /** Rules that do not judge these objects (another check of the build reports the same thing better). */
  skipRules?: readonly string[];
  /**
   * How findings on the objects name the build: `overlay` (Kustomize: "in overlay a: ..."), `chart`
   * (a rendered chart: "in chart kvdb with values.yaml: ..."), `none` (a chart read statically: its
   * findings are about the template text itself). Default `overlay`.
   */
  naming?: 'overlay' | 'chart' | 'none';
  /** For `naming: 'chart'`: what the chart was rendered with (`values.yaml, values-prod.yaml`). */
  renderedWith?: string;
}

/** `replicas: -1`: the last key of a path and the built value there, as a message quotes it. */
export function describeBuilt(object: BuiltObject, path: DataPath): string {
  const value = get(object.value, ...path);
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const key = path[path.length - 1];
  return typeof key === 'string' ? `${key}: ${text}` : text;
}
