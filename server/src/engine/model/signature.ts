// Signatures of dependency keys: what a reader of a key can see of the objects that provide it, as a
// short string that changes whenever any provider changes (but for a 1 in 2^64 chance).

/** A 32-bit FNV-1a hash, seeded. */
function hash(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What one object provides under a key: two hashes of what a reader of the key sees of it. */
export interface Provided {
  key: string;
  a: number;
  b: number;
}

/** The two hashes of what a reader sees: worked out once when an object provides it under several keys. */
export function seenHashes(seen: unknown): { a: number; b: number } {
  const text = JSON.stringify(seen) ?? '';
  return { a: hash(text, 2166136261), b: hash(text, 0x9e3779b9) };
}

export function provided(key: string, seen: unknown): Provided {
  return { key, ...seenHashes(seen) };
}

interface Sum {
  count: number;
  a: number;
  b: number;
  /** The signature text, worked out when first read after a change. */
  text?: string;
}

/**
 * The signatures of every key provided in the workspace, kept up to date as providers come and go: a
 * key's signature is the count of its providers and two order-independent sums of their hashes (so it
 * changes when any provider changes, but for a 1 in 2^64 chance), or "provided" for an existence key (a
 * key ending in `?`). Adding or removing a provider costs its keys only, whatever the workspace's size.
 */
export class SignatureTable {
  private readonly sums = new Map<string, Sum>();

  add(list: readonly Provided[]): void {
    for (const item of list) {
      let sum = this.sums.get(item.key);
      if (!sum) this.sums.set(item.key, sum = { count: 0, a: 0, b: 0 });
      sum.count++;
      sum.a = (sum.a + item.a) >>> 0;
      sum.b = (sum.b + item.b) >>> 0;
      sum.text = undefined;
    }
  }

  remove(list: readonly Provided[]): void {
    for (const item of list) {
      const sum = this.sums.get(item.key);
      if (!sum) continue;
      if (--sum.count === 0) {
        this.sums.delete(item.key);
        continue;
      }
      sum.a = (sum.a - item.a) >>> 0;
      sum.b = (sum.b - item.b) >>> 0;
      sum.text = undefined;
    }
  }

  /** The key's signature ('' when nothing provides it). */
  get(key: string): string {
    const sum = this.sums.get(key);
    if (!sum) return '';
    return sum.text ??= key.endsWith('?') ? 'provided' : `${sum.count}:${sum.a.toString(36)}:${sum.b.toString(36)}`;
  }
}

/**
 * The keys whose providers differ between two sets of provider lists (a file before and after an
 * edit). Lists kept by the edit (the same array) cancel out; the others are compared by content.
 */
export function changedKeys(before: readonly (readonly Provided[])[], after: readonly (readonly Provided[])[]): Set<string> {
  const kept = new Set(before);
  const counts = new Map<string, number>();
  const count = (list: readonly Provided[], delta: number): void => {
    for (const item of list) {
      const id = `${item.key}\u0000${item.a}\u0000${item.b}`;
      counts.set(id, (counts.get(id) ?? 0) + delta);
    }
  };
  const added = after.filter((list) => !kept.delete(list));
  for (const list of kept) count(list, -1);
  for (const list of added) count(list, 1);
  const changed = new Set<string>();
  for (const [id, difference] of counts) if (difference !== 0) changed.add(id.slice(0, id.indexOf('\u0000')));
  return changed;
}
