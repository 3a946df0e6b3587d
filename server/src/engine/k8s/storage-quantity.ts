// The storage request of a claim: Quantity syntax mistakes people make, with the corrections.
import { isQuantity } from './names';
import { parseQuantity } from './quantity';

export interface QuantityFix {
  text: string;
  /** Same amount as meant (`1GB` → `1G`), rather than a likely alternative (`1GB` → `1Gi`). */
  exact: boolean;
}

const decimal: Record<string, string> = { k: 'k', kb: 'k', m: 'M', mb: 'M', g: 'G', gb: 'G', t: 'T', tb: 'T', p: 'P', pb: 'P', e: 'E', eb: 'E' };
const binary: Record<string, string> = { ki: 'Ki', kib: 'Ki', mi: 'Mi', mib: 'Mi', gi: 'Gi', gib: 'Gi', ti: 'Ti', tib: 'Ti', pi: 'Pi', pib: 'Pi', ei: 'Ei', eib: 'Ei' };

/**
 * Corrections of a storage size that is not a valid Quantity: the suffix case and unit mistakes
 * (`1GB` → `1G` or `1Gi`, `1gi` → `1Gi`, `1K` → `1k`, `10 Gi` → `10Gi`, `100B` → `100`).
 */
export function quantityFixes(value: string): QuantityFix[] {
  // Trimmed first: a pattern with `\s*` on both sides of the suffix backtracks quadratically on a long
  // run of spaces followed by a rejecting character (`"1" + 64k spaces + "x!"`: 13 s).
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s*([A-Za-z]*)$/.exec(value.trim());
  if (!match) return [];
  const [, number, suffix] = match;
  const lower = suffix.toLowerCase();
  const fixes: QuantityFix[] = [];
  if (lower === 'b' || lower === '') fixes.push({ text: number, exact: true });
  if (binary[lower]) fixes.push({ text: `${number}${binary[lower]}`, exact: true });
  if (decimal[lower] && suffix !== 'm') {
    fixes.push({ text: `${number}${decimal[lower]}`, exact: true });
    fixes.push({ text: `${number}${decimal[lower] === 'k' ? 'Ki' : `${decimal[lower]}i`}`, exact: false });
  }
  return fixes.filter((fix) => fix.text !== value && isQuantity(fix.text));
}

/** The sign of a valid quantity: -1, 0 or 1; undefined when it is not a valid quantity. */
export function quantitySign(value: unknown): -1 | 0 | 1 | undefined {
  const quantity = parseQuantity(value);
  if (!quantity) return undefined;
  return quantity.mantissa < 0n ? -1 : quantity.mantissa === 0n ? 0 : 1;
}
