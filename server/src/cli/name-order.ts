// The order the CLI walks a folder's entries in, so that its output is the same on every machine:
// Intl.Collator('en')'s (the Unicode root collation for names in ASCII): letters in alphabetic order
// whatever their case, punctuation and digits before letters, lowercase before uppercase only when
// the names are otherwise equal. Creating a collator costs about 8 ms (ICU is loaded then), a tenth
// of a small run: names of printable ASCII characters, nearly all of them, are compared here without one.

/** Primary weights of the printable ASCII characters (0x20–0x7E) in the root collation; a letter's case is ignored. */
const primaryOrder = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';
const primary = new Uint8Array(128);
for (let index = 0; index < primaryOrder.length; index++) {
  primary[primaryOrder.charCodeAt(index)] = index + 1;
  const upper = primaryOrder[index].toUpperCase().charCodeAt(0);
  if (upper !== primaryOrder.charCodeAt(index)) primary[upper] = index + 1;
}

const isPrintableAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

let collator: Intl.Collator | undefined;

/** Compares two file names as Intl.Collator('en').compare does. */
export function compareNames(a: string, b: string): number {
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) return (collator ??= new Intl.Collator('en')).compare(a, b);
  const length = Math.min(a.length, b.length);
  // Letters first compare without their case, then the first difference of case decides (lowercase first).
  for (let index = 0; index < length; index++) {
    const difference = primary[a.charCodeAt(index)] - primary[b.charCodeAt(index)];
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}
