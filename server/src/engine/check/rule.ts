// What a rule is, and the context it reads.
import type { Manifest, WorkspaceModel } from '../model/workspace-model';
import type { DataPath } from '../yaml/nodes';
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import type { SchemaStore } from '../schema/store';
import type { EngineSettings, RuleFinding, Severity, Span } from '../types';

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

export type Rule =
  | (RuleMeta & { scope: 'file'; check(ctx: FileContext): RuleFinding[] })
  | (RuleMeta & { scope: 'document'; check(ctx: DocumentContext): RuleFinding[] })
  | (RuleMeta & { scope: 'manifest'; kinds?: string[]; check(ctx: ManifestContext): RuleFinding[] })
  | (RuleMeta & { scope: 'workspace'; check(ctx: BaseContext): RuleFinding[] });

/** `spec.template.spec.containers[0].name` for a data path. */
export function fieldPath(path: DataPath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text ? `.${step}` : step;
  }
  return text;
}
