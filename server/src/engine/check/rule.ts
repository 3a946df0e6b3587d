// What a rule is, and the context it reads.
import type { WorkspaceLookups } from '../model/lookups';
import type { Manifest } from '../model/manifest';
import type { WorkspaceModel } from '../model/workspace-model';
import type { DataPath } from '../yaml/nodes';
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import type { SchemaStore } from '../schema/store';
import type { EngineSettings, FindingTag, RuleFinding, Severity, Span } from '../types';

export interface RuleMeta {
  /** Stable, public id: `sts/name-too-long`. Never reused once retired. */
  id: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule reports. */
  description: string;
  /**
   * Its findings in a StatefulSet's document break or change the names, DNS records or claims the set
   * produces: the pod identity preview (and `statefulset-lint identities`) shows them.
   */
  showInPreview?: boolean;
  /** Its findings mark deprecated or unnecessary text (editors show them struck through or faded). */
  tags?: FindingTag[];
}

export interface BaseContext {
  model: WorkspaceModel;
  schemas: SchemaStore;
  settings: EngineSettings;
}

export interface FileContext extends BaseContext {
  file: ParsedFile;
}

export interface DocumentContext extends FileContext {
  document: ParsedDocument;
  /** Present when the document is a Kubernetes object (has apiVersion and kind). */
  manifest: Manifest | undefined;
}

/** A document rule for Kubernetes objects: runs only on documents that are manifests. */
export interface ManifestContext extends DocumentContext {
  manifest: Manifest;
  /** The span of the key at a data path of this manifest (its value when there is no key). */
  keySpan(path: DataPath): Span;
  /** The span of the value at a data path (its key when there is no value). */
  valueSpan(path: DataPath): Span;
}

/**
 * What a cross-document rule sees: one subject (an object of its `kinds` in a file being checked) and
 * the rest of the workspace through `lookups` only, which record what it reads (model/lookups.ts), so
 * that its findings are computed again exactly when something they depend on changes.
 */
export interface WorkspaceContext {
  schemas: SchemaStore;
  settings: EngineSettings;
  manifest: Manifest;
  /** The subject's namespace (the default namespace when it names none). */
  namespace: string;
  lookups: WorkspaceLookups;
  /** The span of the key at a data path of the subject (its value when there is no key). */
  keySpan(path: DataPath): Span;
  /** The span of the value at a data path of the subject (its key when there is no value). */
  valueSpan(path: DataPath): Span;
}

export type Rule =
  | (RuleMeta & { scope: 'file'; check(ctx: FileContext): RuleFinding[] })
  | (RuleMeta & { scope: 'document'; check(ctx: DocumentContext): RuleFinding[] })
  | (RuleMeta & { scope: 'manifest'; kinds?: string[]; check(ctx: ManifestContext): RuleFinding[] })
  | (RuleMeta & { scope: 'workspace'; kinds: readonly string[]; check(ctx: WorkspaceContext): RuleFinding[] })
  /**
   * A problem of a build itself (a Kustomize overlay: a missing resource, a patch that matches nothing):
   * the builder reports it (model/provenance.ts, BuildProblem) and builds/ turns it into a finding on its
   * source, so the rule has no check of its own; it is registered for its id, severity and docs.
   */
  | (RuleMeta & { scope: 'build' });

/** `spec.template.spec.containers[0].name` for a data path. */
export function fieldPath(path: DataPath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text ? `.${step}` : step;
  }
  return text;
}
