// Which role a file plays in which kustomization: a resource, a patch (strategic merge or JSON 6902),
// a generator input, a kustomization or a component. A file used as a patch is checked as a patch, not
// as a whole object; a generator input is not a manifest at all.
import type { KustomizeBuild } from './build';
import type { FileUse } from './context';

/** The uses of `uri` across `builds` (each use once, whichever overlay reached it). */
export function rolesOf(uri: string, builds: Iterable<KustomizeBuild>): FileUse[] {
  const result: FileUse[] = [];
  for (const build of builds) {
    for (const use of build.uses) {
      if (use.uri !== uri) continue;
      if (!result.some((known) => known.role === use.role && known.kustomization === use.kustomization)) result.push(use);
    }
  }
  return result;
}
