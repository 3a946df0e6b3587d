// Git's delta format (pack-format.txt, "Deltified representation"): the sizes of the base and the
// result, then instructions that copy a range of the base or insert literal bytes.
import { GitReadError } from './errors';

function varint(delta: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let at = start;
  for (;;) {
    if (at >= delta.length) throw new GitReadError('a delta ends inside its header');
    const byte = delta[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return { value, next: at };
  }
}

/** The base and result sizes a delta declares, and where its instructions start. */
export function deltaSizes(delta: Buffer): { base: number; result: number; start: number } {
  const base = varint(delta, 0);
  const result = varint(delta, base.next);
  return { base: base.value, result: result.value, start: result.next };
}

export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  const sizes = deltaSizes(delta);
  if (sizes.base !== base.length) throw new GitReadError(`a delta expects a base of ${sizes.base} bytes, not ${base.length}`);
  const out = Buffer.alloc(sizes.result);
  let written = 0;
  let at = sizes.start;
  while (at < delta.length) {
    const op = delta[at++];
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[at++] * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (1 << (4 + bit))) size += delta[at++] * 2 ** (8 * bit);
      if (size === 0) size = 0x10000;
      if (offset + size > base.length || written + size > out.length) throw new GitReadError('a delta copies outside its base');
      base.copy(out, written, offset, offset + size);
      written += size;
    } else if (op > 0) {
      if (at + op > delta.length || written + op > out.length) throw new GitReadError('a delta inserts more than it holds');
      delta.copy(out, written, at, at + op);
      written += op;
      at += op;
    } else {
      throw new GitReadError('a delta has a reserved instruction');
    }
  }
  if (written !== out.length) throw new GitReadError(`a delta produced ${written} bytes, not ${out.length}`);
  return out;
}
