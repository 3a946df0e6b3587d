// A git repository read as data: where it is for a file of its work tree, its refs (loose and packed,
// symbolic, worktrees), commits and trees. Only files under the git directory are read, never run.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GitReadError } from './errors';
import { ObjectStore } from './objects';

export interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
}

/**
 * Whether a name is a ref name git accepts (git-check-ref-format, simplified: no `..`, no component
 * starting with a dot, no `.lock` ending, only letters, digits and `._/-`), or an object id. Anything
 * else is refused before a file is read: the ref comes from a setting a workspace may write.
 */
export function isRefName(ref: string): boolean {
  return ref.length <= 255 && /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(ref) && !ref.includes('..') && !ref.includes('//')
    && !ref.endsWith('/') && !ref.endsWith('.') && !ref.endsWith('.lock') && !/\/\./.test(ref);
}

function readText(path: string): string | undefined {
  try { return readFileSync(path, 'utf8'); } catch { return undefined; }
}

/** The git directory for a `.git` entry: the folder itself, or the folder a `gitdir:` file names (worktrees, submodules). */
function gitDirOf(dotGit: string): string | undefined {
  let stats;
  try { stats = statSync(dotGit); } catch { return undefined; }
  if (stats.isDirectory()) return existsSync(join(dotGit, 'HEAD')) ? dotGit : undefined;
  if (!stats.isFile() || stats.size > 4096) return undefined;
  const line = (readText(dotGit) ?? '').split('\n')[0].trim();
  if (!line.startsWith('gitdir:')) return undefined;
  const target = line.slice('gitdir:'.length).trim();
  const dir = isAbsolute(target) ? target : resolve(dirname(dotGit), target);
  return existsSync(join(dir, 'HEAD')) ? dir : undefined;
}

/** Where the git references live, and what they point at. */
export class Repository {
  /** The folder shared by all worktrees (objects, refs, packed-refs). */
  readonly commonDir: string;
  readonly objects: ObjectStore;
  private readonly trees = new Map<string, TreeEntry[]>();

  private constructor(readonly root: string, readonly gitDir: string, maxObjectSize: number) {
    const common = readText(join(gitDir, 'commondir'))?.trim();
    this.commonDir = common ? resolve(gitDir, common) : gitDir;
    // Two settings of [extensions] change how the repository is read; `key = value` lines, any case.
    const settings = new Set((readText(join(this.commonDir, 'config')) ?? '').split('\n').map((line) => line.replace(/\s/g, '').toLowerCase()));
    if (settings.has('refstorage=reftable')) throw new GitReadError(`${root}: reftable references are not supported`);
    const hashLength = settings.has('objectformat=sha256') ? 32 : 20;
    this.objects = new ObjectStore(join(this.commonDir, 'objects'), { maxObjectSize }, hashLength);
  }

  /** The repository whose work tree holds a path (the nearest folder above it with a `.git`), if any. */
  static containing(path: string, maxObjectSize: number): Repository | undefined {
    let folder = dirname(path);
    for (;;) {
      const gitDir = gitDirOf(join(folder, '.git'));
      if (gitDir) return new Repository(folder, gitDir, maxObjectSize);
      const parent = dirname(folder);
      if (parent === folder) return undefined;
      folder = parent;
    }
  }

  private packedRef(name: string): string | undefined {
    const text = readText(join(this.commonDir, 'packed-refs'));
    if (!text) return undefined;
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || line.startsWith('^')) continue;
      const space = line.indexOf(' ');
      if (space > 0 && line.slice(space + 1).trim() === name) return line.slice(0, space);
    }
    return undefined;
  }

  /** The object id a full ref name points at (symbolic refs followed), undefined when it does not exist. */
  private refValue(name: string, depth = 0): string | undefined {
    if (depth > 5) throw new GitReadError(`ref ${name}: too many symbolic refs`);
    // Top-level names (HEAD, ORIG_HEAD) are per worktree; refs/ are shared.
    const topLevel = !name.startsWith('refs/');
    if (topLevel && !/^[A-Z_]+$/.test(name)) return undefined;
    const loose = readText(join(topLevel ? this.gitDir : this.commonDir, name))?.trim();
    if (loose !== undefined) {
      const symbolic = /^ref:\s*(\S+)$/.exec(loose);
      if (symbolic) return isRefName(symbolic[1]) ? this.refValue(symbolic[1], depth + 1) : undefined;
      return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(loose) ? loose : undefined;
    }
    return topLevel ? undefined : this.packedRef(name);
  }

  /**
   * The commit a ref names, as `git rev-parse` finds it (HEAD, a branch, a tag, `origin/main`, a full
   * object id), tags peeled; undefined when there is no such ref (an unborn HEAD included).
   */
  resolveCommit(ref: string): string | undefined {
    if (!isRefName(ref)) throw new GitReadError(`"${ref}" is not a ref name`);
    let oid: string | undefined;
    if (/^[0-9a-f]+$/.test(ref) && ref.length === this.objects.hashLength * 2) oid = ref;
    else {
      for (const name of [ref, `refs/${ref}`, `refs/tags/${ref}`, `refs/heads/${ref}`, `refs/remotes/${ref}`, `refs/remotes/${ref}/HEAD`]) {
        oid = this.refValue(name);
        if (oid) break;
      }
    }
    for (let depth = 0; oid && depth < 10; depth++) {
      const object = this.objects.read(oid);
      if (!object) return undefined;
      if (object.type === 'commit') return oid;
      if (object.type !== 'tag') return undefined;
      oid = /^object ([0-9a-f]+)$/m.exec(object.data.toString('latin1'))?.[1];
    }
    return undefined;
  }

  /** The root tree of a commit. */
  treeOf(commit: string): string {
    const object = this.objects.read(commit);
    const tree = object?.type === 'commit' ? /^tree ([0-9a-f]+)$/m.exec(object.data.toString('latin1'))?.[1] : undefined;
    if (!tree) throw new GitReadError(`commit ${commit} cannot be read`);
    return tree;
  }

  /** The entries of a tree (kept: a tree's id names its content). */
  entries(tree: string): TreeEntry[] {
    const known = this.trees.get(tree);
    if (known) return known;
    const object = this.objects.read(tree);
    if (!object || object.type !== 'tree') throw new GitReadError(`tree ${tree} cannot be read`);
    const entries: TreeEntry[] = [];
    const data = object.data;
    const hashLength = this.objects.hashLength;
    for (let at = 0; at < data.length;) {
      const space = data.indexOf(0x20, at);
      const nul = data.indexOf(0, space);
      if (space < 0 || nul < 0 || nul + 1 + hashLength > data.length) throw new GitReadError(`tree ${tree} is corrupt`);
      entries.push({ mode: data.toString('latin1', at, space), name: data.toString('utf8', space + 1, nul), oid: data.toString('hex', nul + 1, nul + 1 + hashLength) });
      at = nul + 1 + hashLength;
    }
    if (this.trees.size >= 5000) this.trees.clear();
    this.trees.set(tree, entries);
    return entries;
  }

  /** The blob at a path (`/`-separated, relative to the root) of a commit's tree, if it is a regular file there. */
  blobAt(commit: string, path: string): string | undefined {
    let tree = this.treeOf(commit);
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const entry = this.entries(tree).find((item) => item.name === parts[i]);
      if (!entry) return undefined;
      if (i === parts.length - 1) return /^100(644|755)$/.test(entry.mode) ? entry.oid : undefined;
      if (entry.mode !== '40000') return undefined;
      tree = entry.oid;
    }
    return undefined;
  }

  /** The regular files of a commit whose names pass `wanted`, at most `limit` of them, walking at most `maxTrees` trees. */
  files(commit: string, wanted: (name: string) => boolean, limit: number, maxTrees = 20000): { path: string; oid: string }[] {
    const found: { path: string; oid: string }[] = [];
    const queue: [string, string][] = [[this.treeOf(commit), '']];
    for (let walked = 0; queue.length && walked < maxTrees && found.length < limit; walked++) {
      const [tree, prefix] = queue.shift()!;
      for (const entry of this.entries(tree)) {
        const path = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.mode === '40000') queue.push([entry.oid, path]);
        else if (/^100(644|755)$/.test(entry.mode) && wanted(entry.name) && found.length < limit) found.push({ path, oid: entry.oid });
      }
    }
    return found;
  }

  /** A blob's text (UTF-8, a byte-order mark dropped), undefined when it is not a readable blob. */
  blobText(oid: string): string | undefined {
    const object = this.objects.read(oid);
    if (!object || object.type !== 'blob') return undefined;
    const text = object.data.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
