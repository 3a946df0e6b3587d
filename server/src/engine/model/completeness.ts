// Whether an object holds exactly what is written at a path. Always for a plain manifest; not for an
// object read from a chart template without rendering it, where an action may add entries to a list or
// a map (`{{- toYaml .Values.extraVolumes | nindent 8 }}`), print a value or a key, or write entries
// only under a condition. A rule that concludes from absence (a mount naming no volume, a selector
// matching no pod, a Service missing) asks here first: a list an action feeds is unknown, not short.
import type { ParsedDocument } from '../yaml/parse';
import type { DataPath } from '../yaml/nodes';
import type { Manifest } from './manifest';

export type Completeness = (path: DataPath) => boolean;

const partial = new WeakMap<ParsedDocument, Completeness>();
/**
 * Whether any document was ever recorded as partial: until then (a run without charts, such as most
 * CLI runs) the rules' many questions are answered without a lookup.
 */
let anyPartial = false;

/** Records (or clears) what is known of the object of a document (builds/build-check.ts, for objects of a build). */
export function setCompleteness(document: ParsedDocument, isComplete: Completeness | undefined): void {
  if (isComplete) {
    anyPartial = true;
    partial.set(document, isComplete);
  } else {
    partial.delete(document);
  }
}

/** Whether the collection or value at `path` of the object holds exactly what is written. */
export function isCompleteAt(manifest: Manifest, path: DataPath): boolean {
  if (!anyPartial) return true;
  const isComplete = partial.get(manifest.document);
  return !isComplete || isComplete(manifest.root.length ? [...manifest.root, ...path] : path);
}

/**
 * Whether a list holds exactly what is written and every item's field at `field` (its name) is known:
 * the names a rule may compare a reference with.
 */
export function namesKnown(manifest: Manifest, listPath: DataPath, field: DataPath = ['name']): boolean {
  if (!anyPartial) return true;
  const isComplete = partial.get(manifest.document);
  if (!isComplete) return true;
  const root = manifest.root;
  const at = (path: DataPath): boolean => isComplete(root.length ? [...root, ...path] : path);
  if (!at(listPath)) return false;
  let list: unknown = manifest.value;
  for (const step of listPath) list = list !== null && typeof list === 'object' ? (list as Record<string | number, unknown>)[step] : undefined;
  return !Array.isArray(list) || list.every((_, index) => at([...listPath, index, ...field]));
}

/** Whether anything of the object may be unknown (it was read from a template without rendering it). */
export function isPartial(manifest: Manifest): boolean {
  return anyPartial && partial.has(manifest.document);
}
