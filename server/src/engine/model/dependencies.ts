// Which files' cross-document findings a change can affect, derived from what the rules read. The
// runner records, per file and rule, the dependency keys its last check read (lookups.ts); each file
// provides keys with signatures (facts.ts). After files change, the keys whose signature changed in
// them are compared with what every file read: those files are the ones to check again. Nothing here
// names a rule: a new cross-document rule gets its re-checks from its lookups.
import type { WorkspaceModel } from './workspace-model';
import { changedKeys, type Provided } from './signature';
import { providersOf } from './workspace-index';

export class DependencyTracker {
  /** uri → rule id → the keys its last check of that file read. */
  private readonly reads = new Map<string, Map<string, ReadonlySet<string>>>();
  /** uri → what the file's objects provided when last seen by `affectedBy`. */
  private readonly provided = new Map<string, (readonly Provided[])[]>();

  constructor(private readonly model: WorkspaceModel) {}

  /** Records what a rule's check of a file read (replacing what an earlier check of it read). */
  record(uri: string, ruleId: string, keys: ReadonlySet<string>): void {
    let byRule = this.reads.get(uri);
    if (!byRule) this.reads.set(uri, byRule = new Map());
    byRule.set(ruleId, keys);
  }

  /** Whether a rule's check of a file was recorded. */
  has(uri: string, ruleId: string): boolean {
    return this.reads.get(uri)?.has(ruleId) ?? false;
  }

  /** The keys the last checks of a file read, over all rules. */
  readsOf(uri: string): Set<string> {
    const keys = new Set<string>();
    for (const list of this.reads.get(uri)?.values() ?? []) for (const key of list) keys.add(key);
    return keys;
  }

  /**
   * After `changed` files changed in the model (edited, added, deleted): the other files whose
   * cross-document findings may differ, because a key they read changed in one of them. The first call
   * for a file treats everything it provides as new.
   */
  affectedBy(changedFiles: Iterable<string>): Set<string> {
    const changed = new Set<string>();
    const changedUris = new Set(changedFiles);
    for (const uri of changedUris) {
      const after = this.model.getFile(uri) ? providersOf(this.model, uri) : [];
      for (const key of changedKeys(this.provided.get(uri) ?? [], after)) changed.add(key);
      if (this.model.getFile(uri)) {
        this.provided.set(uri, after);
      } else {
        this.provided.delete(uri);
        this.reads.delete(uri);
      }
    }
    const affected = new Set<string>();
    if (changed.size === 0) return affected;
    for (const [uri, byRule] of this.reads) {
      if (changedUris.has(uri)) continue;
      if ([...byRule.values()].some((keys) => [...keys].some((key) => changed.has(key)))) affected.add(uri);
    }
    return affected;
  }

  /** Forgets everything (settings changed: every file is checked again). */
  clear(): void {
    this.reads.clear();
    this.provided.clear();
  }
}

const trackers = new WeakMap<WorkspaceModel, DependencyTracker>();

/** The dependency tracker of a model (one per model, shared by every checker of it). */
export function dependencyTracker(model: WorkspaceModel): DependencyTracker {
  let tracker = trackers.get(model);
  if (!tracker) trackers.set(model, tracker = new DependencyTracker(model));
  return tracker;
}
