// How similar two texts are, the way git's rename detection measures it (diffcore-delta.c): both are
// cut into chunks that end at a newline or after 64 bytes; the bytes of the source's chunks that the
// destination also holds, divided by the larger size. Git pairs a rename at 50% and above.

function chunkBytes(text: Buffer): Map<string, number> {
  const counts = new Map<string, number>();
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === 0x0a || i - start + 1 === 64) {
      const chunk = text.toString('latin1', start, i + 1);
      counts.set(chunk, (counts.get(chunk) ?? 0) + i + 1 - start);
      start = i + 1;
    }
  }
  if (start < text.length) {
    const chunk = text.toString('latin1', start);
    counts.set(chunk, (counts.get(chunk) ?? 0) + text.length - start);
  }
  return counts;
}

/** The share (0–1) of `source`'s content that `destination` keeps, relative to the larger of the two. */
export function similarity(source: string, destination: string): number {
  const a = Buffer.from(source, 'utf8');
  const b = Buffer.from(destination, 'utf8');
  const larger = Math.max(a.length, b.length);
  if (larger === 0) return 1;
  const from = chunkBytes(a);
  const to = chunkBytes(b);
  let copied = 0;
  for (const [chunk, bytes] of from) copied += Math.min(bytes, to.get(chunk) ?? 0);
  return copied / larger;
}
