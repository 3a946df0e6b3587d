// Git's object database read directly, in pure JavaScript: loose objects and packfiles (index v2,
// offset and reference deltas), alternates. Nothing is executed (never the `git` binary, which runs
// what a repository's config says: core.fsmonitor, filters), so it is safe in an untrusted workspace.
// Memory stays bounded: a pack is read by positional reads of the one object asked for (never whole),
// an object larger than `maxObjectSize` is refused before it is inflated, delta chains are bounded.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { applyDelta, deltaSizes } from './delta';
import { GitReadError } from './errors';

export { GitReadError } from './errors';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

const packTypes: Record<number, ObjectType | 'ofs-delta' | 'ref-delta'> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag', 6: 'ofs-delta', 7: 'ref-delta' };
/** Longer chains than git ever writes (its --depth is at most 4095): a loop in a corrupt pack ends here. */
const maxDeltaDepth = 5000;

interface Pack {
  pack: string;
  idx: string;
  /** The 256 cumulative counts of the index's fan-out table. */
  fanout: Uint32Array;
  count: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

function withFile<T>(path: string, run: (fd: number) => T): T {
  const fd = openSync(path, 'r');
  try { return run(fd); } finally { closeSync(fd); }
}

/** Inflates a zlib stream that starts at `position` and yields `size` bytes (at most `size` are produced). */
function inflateAt(fd: number, position: number, size: number, fileSize: number, what: string): Buffer {
  // Deflate can make data slightly larger (5 bytes per 16 KiB block): the first read is nearly always enough.
  let length = Math.min(fileSize - position, size + Math.ceil(size / 16000) * 5 + 64);
  for (;;) {
    const input = readAt(fd, position, length);
    try {
      const output = inflateSync(input, { maxOutputLength: Math.max(size, 1) });
      if (output.length !== size) throw new GitReadError(`${what}: its data has ${output.length} bytes, not ${size}`);
      return output;
    } catch (error) {
      if (error instanceof GitReadError || length >= fileSize - position) throw error instanceof GitReadError ? error : new GitReadError(`${what}: ${String(error)}`);
      length = Math.min(fileSize - position, length * 2);
    }
  }
}

export interface ObjectStoreOptions {
  /** Objects larger than this many bytes are refused (read as "too large"). */
  maxObjectSize: number;
}

/** The objects of one repository (its `objects` folder and its alternates). */
export class ObjectStore {
  private readonly folders: string[];
  private packs: Pack[] | undefined;

  constructor(objectsDir: string, private readonly options: ObjectStoreOptions, readonly hashLength = 20) {
    this.folders = [objectsDir, ...alternatesOf(objectsDir, 0)];
  }

  /** An object by its hexadecimal id, or undefined when the repository does not hold it. */
  read(oid: string): GitObject | undefined {
    return this.readAtDepth(oid, 0);
  }

  private readAtDepth(oid: string, depth: number): GitObject | undefined {
    if (!/^[0-9a-f]+$/.test(oid) || oid.length !== this.hashLength * 2) throw new GitReadError(`"${oid}" is not an object id`);
    for (const folder of this.folders) {
      const loose = join(folder, oid.slice(0, 2), oid.slice(2));
      if (existsSync(loose)) return this.readLoose(loose, oid);
    }
    for (const pack of this.allPacks()) {
      const offset = this.offsetIn(pack, oid);
      if (offset !== undefined) return withFile(pack.pack, (fd) => this.readPacked(fd, fstatSync(fd).size, offset, pack, depth));
    }
    return undefined;
  }

  /** Forgets the list of packs (after `git gc` or a fetch wrote new ones). */
  refresh(): void {
    this.packs = undefined;
  }

  private readLoose(path: string, oid: string): GitObject {
    const stored = readFileSync(path);
    // The header ("blob 1234\0") comes first: inflate a little to read it before inflating it all.
    let header: Buffer;
    try {
      header = inflateSync(stored.subarray(0, 64), { finishFlush: 2 /* Z_SYNC_FLUSH */ });
    } catch (error) {
      throw new GitReadError(`object ${oid}: ${String(error)}`);
    }
    const end = header.indexOf(0);
    const match = /^(commit|tree|blob|tag) (\d+)$/.exec(header.subarray(0, end < 0 ? header.length : end).toString('latin1'));
    if (!match) throw new GitReadError(`object ${oid}: not a git object`);
    const size = Number(match[2]);
    if (size > this.options.maxObjectSize) throw new GitReadError(`object ${oid} is too large (${size} bytes)`);
    const headerLength = match[0].length + 1;
    let all: Buffer;
    try {
      all = inflateSync(stored, { maxOutputLength: headerLength + Math.max(size, 1) });
    } catch (error) {
      throw new GitReadError(`object ${oid}: ${String(error)}`);
    }
    return { type: match[1] as ObjectType, data: all.subarray(headerLength, headerLength + size) };
  }

  private allPacks(): Pack[] {
    if (this.packs) return this.packs;
    const packs: Pack[] = [];
    for (const folder of this.folders) {
      const dir = join(folder, 'pack');
      let names: string[];
      try { names = readdirSync(dir); } catch { continue; }
      for (const name of names.filter((entry) => entry.endsWith('.idx')).sort()) {
        const idx = join(dir, name);
        const pack = idx.replace(/\.idx$/, '.pack');
        if (!existsSync(pack)) continue;
        const head = withFile(idx, (fd) => readAt(fd, 0, 8 + 256 * 4));
        if (head.length < 8 + 1024 || head.readUInt32BE(0) !== 0xff744f63 || head.readUInt32BE(4) !== 2) continue;
        const fanout = new Uint32Array(256);
        for (let i = 0; i < 256; i++) fanout[i] = head.readUInt32BE(8 + i * 4);
        packs.push({ pack, idx, fanout, count: fanout[255] });
      }
    }
    return this.packs = packs;
  }

  /** The offset of an object in a pack: a binary search over the index, a few bytes read at a time. */
  private offsetIn(pack: Pack, oid: string): number | undefined {
    const wanted = Buffer.from(oid, 'hex');
    const first = wanted[0];
    let low = first === 0 ? 0 : pack.fanout[first - 1];
    let high = pack.fanout[first];
    if (low >= high) return undefined;
    const hashes = 8 + 1024;
    return withFile(pack.idx, (fd) => {
      while (low < high) {
        const middle = (low + high) >>> 1;
        const order = readAt(fd, hashes + middle * this.hashLength, this.hashLength).compare(wanted);
        if (order === 0) {
          const offsets = hashes + pack.count * (this.hashLength + 4);
          const small = readAt(fd, offsets + middle * 4, 4).readUInt32BE(0);
          if (!(small & 0x80000000)) return small;
          const large = readAt(fd, offsets + pack.count * 4 + (small & 0x7fffffff) * 8, 8);
          return large.readUInt32BE(0) * 2 ** 32 + large.readUInt32BE(4);
        }
        if (order < 0) low = middle + 1; else high = middle;
      }
      return undefined;
    });
  }

  private readPacked(fd: number, fileSize: number, offset: number, pack: Pack, depth: number): GitObject {
    const what = `the object at ${offset} of ${pack.pack}`;
    if (depth > maxDeltaDepth) throw new GitReadError(`${what}: its delta chain is too long`);
    const head = readAt(fd, offset, 64);
    let byte = head[0];
    const type = packTypes[(byte >> 4) & 7];
    if (!type) throw new GitReadError(`${what}: unknown type ${(byte >> 4) & 7}`);
    let size = byte & 15;
    let shift = 4;
    let at = 1;
    while (byte & 0x80) {
      byte = head[at++];
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    if (type === 'ofs-delta' || type === 'ref-delta') {
      let base: GitObject;
      if (type === 'ofs-delta') {
        byte = head[at++];
        let distance = byte & 0x7f;
        while (byte & 0x80) {
          byte = head[at++];
          distance = (distance + 1) * 128 + (byte & 0x7f);
        }
        base = this.readPacked(fd, fileSize, offset - distance, pack, depth + 1);
      } else {
        const baseId = head.subarray(at, at + this.hashLength).toString('hex');
        at += this.hashLength;
        const found = this.readAtDepth(baseId, depth + 1);
        if (!found) throw new GitReadError(`${what}: its base ${baseId} is missing`);
        base = found;
      }
      // A delta of a blob larger than the limit is refused before it is applied.
      if (size > this.options.maxObjectSize * 2 + 1024) throw new GitReadError(`${what} is too large`);
      const delta = inflateAt(fd, offset + at, size, fileSize, what);
      const { result } = deltaSizes(delta);
      if (result > this.options.maxObjectSize) throw new GitReadError(`${what} is too large (${result} bytes)`);
      return { type: base.type, data: applyDelta(base.data, delta) };
    }
    if (size > this.options.maxObjectSize) throw new GitReadError(`${what} is too large (${size} bytes)`);
    return { type, data: inflateAt(fd, offset + at, size, fileSize, what) };
  }
}

/** The object folders an `objects/info/alternates` file names (recursively, as git does, at most 5 deep). */
function alternatesOf(objectsDir: string, depth: number): string[] {
  if (depth >= 5) return [];
  let text: string;
  try { text = readFileSync(join(objectsDir, 'info', 'alternates'), 'utf8'); } catch { return []; }
  const folders: string[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (!entry || entry.startsWith('#')) continue;
    const folder = isAbsolute(entry) ? entry : join(objectsDir, entry);
    folders.push(folder, ...alternatesOf(folder, depth + 1));
  }
  return folders;
}
