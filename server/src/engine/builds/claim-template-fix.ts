// The quick fix of `kustomize/claim-template-patch`: the builder describes it as data (BuildFix: the
// JSON 6902 operations that change only what the strategic-merge patch meant to change); here it
// becomes edits. The patch file loses its `volumeClaimTemplates` (its whole `spec` when nothing else
// is in it, so that the patch is left a harmless no-op rather than one that deletes `spec`), and the
// kustomization gets a `patches` entry with the operations, inline, targeting the StatefulSet.
import type { BuildFix } from '../model/provenance';
import { DocumentManifest, type Manifest } from '../model/manifest';
import { appendItem } from '../edit/insert';
import { removePair } from '../edit/remove';
import type { ParsedFile } from '../yaml';
import type { FixData, TextEditData } from '../types';

/** A document of any file as the edit library reads it (a kustomization need not be a Kubernetes object). */
function documentOf(file: ParsedFile, docIndex: number): Manifest | undefined {
  const document = file.documents[docIndex];
  if (!document || document.value === null || typeof document.value !== 'object') return undefined;
  return new DocumentManifest(file.uri, docIndex, '', '', '', undefined, document.value as Record<string, unknown>, document, file);
}

const marker = '__statefulset_patch__';

/** The operations as a literal block (`|-`) under `patch:`, indented below the key. */
function withPatchBlock(edit: TextEditData, operations: BuildFix['operations']): TextEditData | undefined {
  const line = edit.newText.split('\n').find((candidate) => candidate.includes(`patch: ${marker}`));
  if (!line) return undefined;
  const pad = ' '.repeat(line.indexOf('patch:') + 2);
  const block = operations.map((operation) => [
    `- op: ${operation.op}`, `  path: ${operation.path}`, `  value: ${JSON.stringify(operation.value)}`,
  ].map((text) => `${pad}${text}`).join('\n')).join('\n');
  return { ...edit, newText: edit.newText.replace(marker, `|-\n${block}`) };
}

/** The edits of a claim-template fix, or undefined when they cannot be made cleanly (an inline patch, an odd layout). */
export function claimTemplateFix(fix: BuildFix, fileOf: (uri: string) => ParsedFile | undefined): FixData | undefined {
  if (fix.origin.embedded || fix.entry.embedded || fix.origin.span) return undefined;
  const patchFile = fileOf(fix.origin.uri);
  const kustomizationFile = fileOf(fix.entry.uri);
  const patch = patchFile && documentOf(patchFile, fix.origin.docIndex);
  const kustomization = kustomizationFile && documentOf(kustomizationFile, fix.entry.docIndex);
  if (!patch || !kustomization || fix.operations.length === 0) return undefined;
  const removal = removePair(patch, fix.remainingPatch ? fix.origin.path : fix.origin.path.slice(0, -1));
  const { group, version, kind, name } = fix.target;
  const target = { ...(group ? { group } : {}), version, kind, name };
  const appended = appendItem(kustomization, ['patches'], { target, patch: marker });
  const addition = appended && withPatchBlock(appended, fix.operations);
  if (!removal || !addition) return undefined;
  return { title: fix.title, edits: [removal, addition] };
}
