// The committed objects a rule compares an object with (committed.ts), read through the lookups so
// that the rule's findings follow the committed version.
import type { WorkspaceContext } from '../check/rule';
import { isStatefulSet } from '../k8s/statefulset';
import { quote } from '../text';
import type { CommittedVersion } from './committed';
import type { Manifest } from './manifest';

/** `at HEAD (1a2b3c4)`, for messages. */
export function committedLabel(version: CommittedVersion): string {
  return `at ${version.ref} (${version.commit.slice(0, 7)})`;
}

/** A value for a message, cut short when long. */
export function shown(value: unknown): string {
  const text = quote(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The StatefulSets of the subject's file as committed, each with its namespace (the default one when it names none). */
export function committedStatefulSets(ctx: WorkspaceContext): { version: CommittedVersion; sets: { manifest: Manifest; namespace: string }[] } | undefined {
  const version = ctx.lookups.committed(ctx.manifest.uri);
  if (!version) return undefined;
  const sets = version.manifests.filter(isStatefulSet).map((manifest) => ({ manifest, namespace: manifest.namespace ?? ctx.settings.defaultNamespace }));
  return { version, sets };
}

/** The committed StatefulSet of that namespace and name in the subject's file, if the file has a committed version holding it. */
export function committedStatefulSet(ctx: WorkspaceContext, namespace: string, name: string): { committed: Manifest; version: CommittedVersion } | undefined {
  const found = committedStatefulSets(ctx);
  const match = found?.sets.find((set) => set.namespace === namespace && set.manifest.name === name);
  return found && match ? { committed: match.manifest, version: found.version } : undefined;
}
