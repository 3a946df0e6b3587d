// "This file as committed at a ref": what the language server and the CLI give the engine to compare
// a StatefulSet with (engine/model/committed.ts). Read from the object database only (objects.ts):
// nothing is executed, so it works the same in an untrusted workspace. A file the commit does not hold
// at its path is followed to the file it was renamed from when git's rename detection would pair them:
// a committed file that is gone from the work tree and has at least 50% of its content in common.
import { existsSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { GitReadError } from './errors';
import { isRefName, Repository } from './repository';
import { similarity } from './similarity';

export interface CommittedText {
  text: string;
  /** The ref as the user wrote it (`HEAD`, `origin/main`). */
  ref: string;
  /** The full id of the commit read. */
  commit: string;
  /** The file's path in that commit, relative to the repository root with `/` (the old path after a rename). */
  path: string;
  /** The path the file has in the work tree, relative to the root (differs from `path` after a rename). */
  currentPath: string;
  /** The work tree's root folder. */
  root: string;
}

export type CommittedAnswer =
  | { found: CommittedText }
  /** Nothing to compare with, and why (no repository, a file new at that ref, an unknown ref, a read error). */
  | { none: string; error?: boolean };

/** One system call per path where that is reliable (Node's own walk lstat()s every folder of every path). */
const realPath = process.platform === 'win32' ? realpathSync : realpathSync.native;

/** Git's rename detection pairs files with at least this similarity (diff -M default, 50%). */
export const renameThreshold = 0.5;
/** At most this many committed files gone from the work tree are compared with a new file. */
const maxRenameCandidates = 200;
const yamlName = (name: string): boolean => /\.ya?ml$/i.test(name);

export interface CommittedOptions {
  /** Blobs larger than this are not read. */
  maxFileSize: number;
}

/** Reads committed versions of files; repositories and their trees are kept between calls. */
export class CommittedReader {
  private readonly repositories = new Map<string, Repository | undefined>();
  private realRoots = new WeakMap<Repository, string>();
  /** The committed YAML files gone from the work tree, by repository root and commit (rename candidates). */
  private readonly gone = new Map<string, { commit: string; files: { path: string; oid: string }[] }>();

  constructor(private readonly options: CommittedOptions) {}

  get maxFileSize(): number {
    return this.options.maxFileSize;
  }

  private repositoryOf(path: string): Repository | undefined {
    const folder = join(path, '..');
    if (!this.repositories.has(folder)) this.repositories.set(folder, Repository.containing(path, Math.max(this.options.maxFileSize, 16 * 1024 * 1024)));
    return this.repositories.get(folder);
  }

  /** The real path of a repository's root, once per repository. */
  private realRoot(repository: Repository): string {
    let real = this.realRoots.get(repository);
    if (real === undefined) this.realRoots.set(repository, real = realPath(repository.root));
    return real;
  }

  /** Forgets what was read (refs moved, new packs): the next calls read the repository again. */
  clear(): void {
    this.repositories.clear();
    this.realRoots = new WeakMap();
    this.gone.clear();
  }

  /** The commit a ref names in the repository of a file, or undefined (no repository, no such ref). */
  commitOf(path: string, ref: string): string | undefined {
    try {
      const repository = this.repositoryOf(realPath(path));
      repository?.objects.refresh();
      return repository?.resolveCommit(ref);
    } catch {
      return undefined;
    }
  }

  /**
   * The committed text of a file (an absolute path in a work tree) at a ref; `currentText` is the file's
   * text now, used to follow a rename; `knownRealPath` the path's real path when the caller has it.
   * Never throws: a repository that cannot be read is an answer too.
   */
  read(path: string, ref: string, currentText?: string, knownRealPath?: string): CommittedAnswer {
    if (!isRefName(ref)) return { none: `"${ref}" is not a git ref name`, error: true };
    try {
      const real = knownRealPath ?? realPath(path);
      const repository = this.repositoryOf(real);
      if (!repository) return { none: 'the file is not in a git repository' };
      const currentPath = relative(this.realRoot(repository), real).split(sep).join('/');
      if (currentPath.startsWith('../')) return { none: 'the file is outside its repository\'s work tree' };
      repository.objects.refresh();
      const commit = repository.resolveCommit(ref);
      if (!commit) return { none: `the repository has no commit "${ref}"`, error: ref !== 'HEAD' };
      const found = (committedPath: string, oid: string): CommittedAnswer => {
        const text = repository.blobText(oid);
        return text === undefined ? { none: `${committedPath} at ${ref} cannot be read` } : { found: { text, ref, commit, path: committedPath, currentPath, root: repository.root } };
      };
      const oid = repository.blobAt(commit, currentPath);
      if (oid) return found(currentPath, oid);
      if (currentText === undefined) return { none: `${currentPath} is not in ${ref}` };
      const renamed = this.renamedFrom(repository, commit, currentText);
      return renamed ? found(renamed.path, renamed.oid) : { none: `${currentPath} is not in ${ref}` };
    } catch (error) {
      return { none: error instanceof GitReadError ? error.message : String(error), error: true };
    }
  }

  /** The committed YAML file gone from the work tree that git would pair with a new file's text, if any. */
  private renamedFrom(repository: Repository, commit: string, text: string): { path: string; oid: string } | undefined {
    let known = this.gone.get(repository.root);
    if (known?.commit !== commit) {
      const files = repository.files(commit, yamlName, 20000).filter((file) => !existsSync(join(repository.root, ...file.path.split('/')))).slice(0, maxRenameCandidates);
      this.gone.set(repository.root, known = { commit, files });
    }
    const gone = known.files;
    let best: { path: string; oid: string; score: number } | undefined;
    for (const file of gone) {
      let committed: string | undefined;
      try { committed = repository.blobText(file.oid); } catch { continue; }
      if (committed === undefined) continue;
      const score = similarity(committed, text);
      if (score >= renameThreshold && (!best || score > best.score)) best = { ...file, score };
    }
    return best;
  }
}
