// Completion of the paths a kustomization names (`resources`, `components`, `patches[].path`,
// `patchesStrategicMerge`, generator `files` and `envs`): the entries of the folder typed so far,
// relative to the kustomization, through the builds' file access (the model's files and the adapter's
// folder listings: the language server lists only inside the workspace folders).
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { CompletionData } from '../features/completion';
import type { KustomizeFiles } from '../kustomize';
import { isKustomizationFileName } from '../kustomize';
import { baseName, folderOf, resolveUri } from '../kustomize/uri';
import type { ParsedFile } from '../yaml';
import type { DataPath } from '../yaml/nodes';

/** What an entry may name: a resource (YAML file or folder), a folder (component), a patch file, any file. */
type Wants = 'resource' | 'folder' | 'patch' | 'any';

/** Entries listed at most from one folder. */
const maxEntries = 500;

const placeholder = '__statefulset_path__';

/** The kustomization fields that name paths, by data path (`*` for any list index). */
const pathFields: { path: (string | '*')[]; wants: Wants }[] = [
  { path: ['resources', '*'], wants: 'resource' },
  { path: ['bases', '*'], wants: 'resource' },
  { path: ['components', '*'], wants: 'folder' },
  { path: ['patches', '*', 'path'], wants: 'patch' },
  { path: ['patchesStrategicMerge', '*'], wants: 'patch' },
  { path: ['patchesJson6902', '*', 'path'], wants: 'patch' },
  ...['configMapGenerator', 'secretGenerator'].flatMap((generator) => [
    { path: [generator, '*', 'files', '*'], wants: 'any' as const },
    { path: [generator, '*', 'envs', '*'], wants: 'any' as const },
    { path: [generator, '*', 'env'], wants: 'any' as const },
  ]),
];

function wantsAt(path: DataPath): Wants | undefined {
  return pathFields.find((field) => field.path.length === path.length
    && field.path.every((step, index) => step === '*' ? typeof path[index] === 'number' : step === path[index]))?.wants;
}

/** The data path of the scalar whose value is the placeholder. */
function placeholderPath(node: unknown, path: DataPath = []): DataPath | undefined {
  if (isScalar(node)) return node.value === placeholder ? path : undefined;
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = placeholderPath(item, [...path, index]);
      if (found) return found;
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string') continue;
      const found = placeholderPath(pair.value as Node | null, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether an entry may be named there: a kustomization file never is a resource or a patch (its folder is). */
function fits(wants: Wants, folder: boolean, name: string): boolean {
  if (folder || wants === 'any') return true;
  return wants !== 'folder' && /\.(ya?ml|json)$/i.test(name) && !isKustomizationFileName(name);
}

/**
 * The folder entries to complete at `offset` when it is in a path value of the kustomization `file`, or
 * undefined when it is not (other completion applies).
 */
export function completeKustomizationPath(file: ParsedFile, offset: number, files: Pick<KustomizeFiles, 'list'>): CompletionData[] | undefined {
  const text = file.text;
  const document = file.documents.find((candidate) => offset >= candidate.span.start && offset <= candidate.span.end) ?? file.documents[file.documents.length - 1];
  if (!document || offset < document.span.start) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const site = /^(\s*(?:-\s+)?(?:[A-Za-z]+:\s+)?)(["']?)([^\s"'#]*)$/.exec(before);
  if (!site) return undefined;
  const valueStart = lineStart + site[1].length;
  let tokenEnd = offset;
  while (tokenEnd < text.length && !/[\s"'#]/.test(text[tokenEnd])) tokenEnd++;
  const closing = site[2] && text[tokenEnd] === site[2] ? 1 : 0;
  const patched = text.slice(document.span.start, valueStart) + placeholder + text.slice(tokenEnd + closing, Math.max(document.span.end, tokenEnd + closing));
  const path = placeholderPath(parseDocument(patched, { uniqueKeys: false }).contents);
  const wants = path && wantsAt(path);
  if (!wants) return undefined;

  // `key=path` in generator files: the path starts after the first `=`.
  const typed = site[3];
  const pathStart = wants === 'any' && typed.includes('=') ? typed.indexOf('=') + 1 : 0;
  const partial = typed.slice(pathStart);
  const slash = partial.lastIndexOf('/');
  const folderPart = partial.slice(0, slash + 1);
  const segment = partial.slice(slash + 1);
  let segmentEnd = offset;
  while (segmentEnd < tokenEnd && text[segmentEnd] !== '/') segmentEnd++;
  const span = { start: offset - segment.length, end: segmentEnd };

  const here = folderOf(file.uri);
  const folder = folderPart ? resolveUri(here, folderPart) : here;
  const names = files.list(folder);
  if (!names) return [];
  const items: CompletionData[] = [];
  const parent = resolveUri(folder, '..');
  if ((segment === '' || segment.startsWith('.')) && parent !== folder && files.list(parent) !== undefined) {
    items.push({ label: '../', kind: 'folder', detail: 'the parent folder', insertText: '../', span });
  }
  for (const name of [...names].sort().slice(0, maxEntries)) {
    if (name.startsWith('.') && !segment.startsWith('.')) continue;
    const entry = resolveUri(folder, name);
    // The kustomization itself, and its own folder as a base of itself (a cycle), are never entries.
    if (entry === file.uri || entry === here) continue;
    const listing = files.list(entry);
    const isFolder = listing !== undefined;
    if (!fits(wants, isFolder, name)) continue;
    if (isFolder) {
      const kustomization = listing.some(isKustomizationFileName);
      // A folder is an entry of its own for resources and components (a kustomization); else the path goes on.
      const final = (wants === 'resource' || wants === 'folder') && kustomization;
      items.push({ label: `${name}/`, kind: 'folder', detail: kustomization ? 'folder with a kustomization' : 'folder', insertText: final ? name : `${name}/`, span });
    } else {
      items.push({ label: name, kind: 'file', detail: `file in ${baseName(folder)}/`, insertText: name, span });
    }
  }
  return items;
}
