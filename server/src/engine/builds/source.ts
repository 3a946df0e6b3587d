// A source of builds: something in the workspace that turns files into objects (a Kustomize overlay; a
// Helm chart next), each object with the provenance of its fields (model/provenance.ts). The build set
// (build-set.ts) checks every build a source gives and places the findings on the source lines.
import type { FileRole as KustomizeRole } from '../kustomize';
import type { Build } from '../model/provenance';

/** What a file is to a Helm chart: Chart.yaml, a values file, a template, a helper (named templates only). */
export type HelmRole = 'helm-chart' | 'helm-values' | 'helm-template' | 'helm-helper';

export type FileRole = KustomizeRole | HelmRole;

export interface BuildSource {
  readonly tool: Build['tool'];
  /**
   * Files changed in the model or on disk; `structural` when files were created or deleted (folder
   * listings changed). The builds that read one of them are built again when next asked for.
   */
  changed(uris: ReadonlySet<string>, structural: boolean): void;
  /** Forgets every build (settings changed). */
  clear(): void;
  /** The current builds (built again where stale). */
  builds(): Build[];
  /** The role a file plays in the current builds, or undefined when no build uses it. */
  roleOf(uri: string): FileRole | undefined;
}
