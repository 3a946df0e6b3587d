// Editor features on a kustomization's entries, from what its build read (KustomizeBuild.uses): go to
// the file or folder an entry names, and hover an entry to see what it contributes to this overlay
// (its objects, with their names and namespaces after the overlay's prefix and namespace).
import type { FileUse, KustomizeBuild } from '../kustomize';
import { folderOf, isWithin, relativeTo } from '../kustomize/uri';
import type { ParsedFile } from '../yaml';
import type { Span } from '../types';
import { placeOrigin } from './place';

export interface EntryTarget {
  use: FileUse;
  /** The entry's value in the kustomization, and its text (`../../base`). */
  span: Span;
  text: string;
}

/** The entry of a kustomization under `offset` and the file it names (the first use found). */
export function entryAt(builds: readonly KustomizeBuild[], file: ParsedFile, offset: number): EntryTarget | undefined {
  for (const build of builds) {
    for (const use of build.uses) {
      if (use.kustomization !== file.uri || use.origin.uri !== file.uri || use.uri === file.uri) continue;
      const placed = placeOrigin(use.origin, false, file);
      if (placed && offset >= placed.start && offset <= placed.end) return { use, span: placed, text: file.text.slice(placed.start, placed.end) };
    }
  }
  return undefined;
}

/** Markdown: the objects an entry contributes to the builds of its kustomization (by their final names). */
export function entryHover(builds: readonly KustomizeBuild[], target: EntryTarget): string | undefined {
  const build = builds.find((candidate) => candidate.uri === target.use.kustomization);
  if (!build) return undefined;
  const from = target.use.role === 'kustomization' || target.use.role === 'component' ? folderOf(target.use.uri) : target.use.uri;
  const objects = build.objects.filter((object) => object.origin.uri === from || isWithin(from, object.origin.uri));
  const name = target.text.includes('\n') ? relativeTo(folderOf(build.uri), from) : target.text;
  const role = { kustomization: 'a base', component: 'a component', resource: 'a resource file', 'patch-strategic-merge': 'a strategic-merge patch', 'patch-json6902': 'a JSON 6902 patch', 'generator-input': 'a generator input' }[target.use.role];
  if (target.use.role !== 'kustomization' && target.use.role !== 'resource' && target.use.role !== 'component') return `\`${name}\`: ${role} of overlay ${build.label}.`;
  if (objects.length === 0) return `\`${name}\`: ${role} of overlay ${build.label}; it contributes no object to the build${build.failed ? ' (the build fails)' : ''}.`;
  const rows = objects.map((object) => {
    const metadata = (object.value.metadata ?? {}) as Record<string, unknown>;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
    return `| ${String(object.value.kind)} | ${String(metadata.name)} | ${namespace} |`;
  });
  return [`\`${name}\`: ${role} of overlay ${build.label}, which contributes ${objects.length === 1 ? 'one object' : `${objects.length} objects`} to the build:`, '',
    '| kind | name | namespace |', '|---|---|---|', ...rows].join('\n');
}
