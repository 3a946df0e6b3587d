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

export function provided(key: string, seen: unknown): Provided {
  const text = JSON.stringify(seen) ?? '';
  return { key, a: hash(text, 2166136261), b: hash(text, 0x9e3779b9) };
}

/**
 * Combines the providers of a key: their count and two order-independent sums of their hashes, or just
 * "provided" for an existence key (a key ending in `?`). Short, whatever the number of providers.
 */
export class SignatureSum {
  private count = 0;
  private a = 0;
  private b = 0;

  add(item: Provided): void {
    this.count++;
    this.a = (this.a + item.a) >>> 0;
    this.b = (this.b + item.b) >>> 0;
  }

  value(key: string): string {
    return key.endsWith('?') ? 'provided' : `${this.count}:${this.a.toString(36)}:${this.b.toString(36)}`;
  }
}

/** The signatures of the keys provided by a list of providers. */
export function signatures(items: Iterable<readonly Provided[]>): Map<string, string> {
  const sums = new Map<string, SignatureSum>();
  for (const list of items) {
    for (const item of list) {
      let sum = sums.get(item.key);
      if (!sum) sums.set(item.key, sum = new SignatureSum());
      sum.add(item);
    }
  }
  const result = new Map<string, string>();
  for (const [key, sum] of sums) result.set(key, sum.value(key));
  return result;
}
