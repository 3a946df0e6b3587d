// The CLI's committed versions: each checked file as committed at the ref of `--compare-with` /
// `compareWith` (HEAD by default), read from git's object database (tools/git) for the rules that
// compare a StatefulSet with its committed self. Nothing is run; a file outside a repository, or new
// since that commit, simply has none. A ref that cannot be read is said once on stderr.
import type { CommittedFile, Engine, Finding } from '../engine';
import { CommittedReader } from '../tools/git/committed';

/** Where the committed text is shown: the CLI has no viewer, so only messages name it. */
const committedUri = (path: string, ref: string, commit: string): string => `statefulset-committed:${path}?${ref}@${commit}`;

/** Gives the engine the committed version of each file (absolute paths; `realPathOf` when known); returns the notes for stderr. */
export function addCommittedVersions(engine: Engine, paths: readonly string[], realPathOf: (path: string) => string | undefined = () => undefined): string[] {
  const ref = engine.settings.compareWith;
  if (ref === 'off') return [];
  const reader = new CommittedReader({ maxFileSize: engine.settings.maxFileSize });
  const notes = new Set<string>();
  for (const path of paths) {
    const file = engine.getFile(path);
    if (!file || file.skipped || !path.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(path)) continue;
    const answer = reader.read(path, ref, file.text, realPathOf(path));
    if ('none' in answer) {
      if (answer.error) notes.add(`not compared with ${ref}: ${answer.none}`);
      continue;
    }
    const { text, commit, path: committedPath } = answer.found;
    const committed: CommittedFile = { text, ref, commit, path: committedPath, uri: committedUri(path, ref, commit) };
    engine.setCommitted(path, committed);
  }
  return [...notes];
}

/** A finding without the related locations inside committed texts, which no file of the report holds. */
export function withoutCommittedLocations(engine: Engine, finding: Finding): Finding {
  if (!finding.related?.some((related) => engine.committedText(related.uri) !== undefined)) return finding;
  return { ...finding, related: finding.related.filter((related) => engine.committedText(related.uri) === undefined) };
}
