// Schema problems that a semantic rule reports better (one problem, one diagnostic): the schema
// rules should drop these when the covering rule is enabled. To be called from the schema rules:
//   problems.filter((problem) => !coveredBySemanticRule(manifest, problem, settings))
import type { Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import type { EngineSettings } from '../types';
import { isStatefulSet } from '../k8s/statefulset';

export interface SchemaProblemRef {
  class: string;
  path: DataPath;
}

function matchesPath(path: DataPath, pattern: (string | 'N')[]): boolean {
  return path.length === pattern.length
    && pattern.every((step, index) => (step === 'N' ? typeof path[index] === 'number' : path[index] === step));
}

/** The id of the rule that reports this schema problem more precisely (with its fixes), if any. */
export function coveringRule(manifest: Manifest, problem: SchemaProblemRef): string | undefined {
  if (problem.class === 'required' && manifest.apiVersion === 'apps/v1' && isStatefulSet(manifest)
    && matchesPath(problem.path, ['spec', 'selector'])) {
    return 'sts/selector-missing';
  }
  if (problem.class === 'enum' && isStatefulSet(manifest) && matchesPath(problem.path, ['spec', 'template', 'spec', 'restartPolicy'])) {
    return 'sts/restart-policy';
  }
  if (problem.class === 'format') {
    const storage = ['resources', 'requests', 'storage'];
    if ((isStatefulSet(manifest) && matchesPath(problem.path, ['spec', 'volumeClaimTemplates', 'N', 'spec', ...storage]))
      || (manifest.kind === 'PersistentVolumeClaim' && manifest.apiVersion === 'v1' && matchesPath(problem.path, ['spec', ...storage]))) {
      return 'pvc/storage-request-invalid';
    }
  }
  return undefined;
}

/** Whether a schema problem is left to the semantic rule that covers it (when that rule is not off). */
export function coveredBySemanticRule(manifest: Manifest, problem: SchemaProblemRef, settings: EngineSettings): boolean {
  const rule = coveringRule(manifest, problem);
  return rule !== undefined && settings.rules[rule] !== 'off';
}
