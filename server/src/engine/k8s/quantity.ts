// resource.Quantity values as exact numbers, to compare them (k8s.io/apimachinery/pkg/api/resource).
// A quantity is sign × mantissa × 10^exp10 × 2^exp2, kept in BigInt so that `1Gi` vs `1073741824`
// or `500m` vs `0.5` compare exactly, never through floating point.
import { isQuantity } from './names';

export interface Quantity {
  /** Signed integer mantissa: all digits of the number, the decimal point dropped. */
  readonly mantissa: bigint;
  readonly exp10: number;
  readonly exp2: number;
}

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Exponents beyond this are far outside what Kubernetes accepts (2^63-1); we do not compare them. */
const maxExponent = 4000;

// The same few quantities (250m, 512Mi, 10Gi) recur in every object, and several rules read each:
// every text is parsed once (a bounded memo; a Quantity is never changed).
const parsedQuantities = new Map<string, Quantity | undefined>();

/** Parses a Quantity as written in YAML (a string like `2Gi`, or a plain number); undefined when invalid. */
export function parseQuantity(raw: unknown): Quantity | undefined {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    text = String(raw);
  } else if (typeof raw === 'string') {
    text = raw;
  } else {
    return undefined;
  }
  if (parsedQuantities.has(text)) return parsedQuantities.get(text);
  const parsed = readQuantity(text);
  if (parsedQuantities.size >= 1024) parsedQuantities.clear();
  parsedQuantities.set(text, parsed);
  return parsed;
}

function readQuantity(text: string): Quantity | undefined {
  if (!isQuantity(text)) return undefined;
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([^.0-9].*)?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = match;
  let exp10 = -fraction.length;
  let exp2 = 0;
  const exponent = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  if (exponent) {
    exp10 += Number(exponent[1]);
  } else if (suffix in binarySuffixes) {
    exp2 = binarySuffixes[suffix];
  } else if (suffix in decimalSuffixes) {
    exp10 += decimalSuffixes[suffix];
  } else {
    return undefined; // a fractional exponent such as 1e1.5
  }
  if (Math.abs(exp10) > maxExponent) return undefined;
  const digits = `${whole}${fraction}` || '0';
  const magnitude = BigInt(digits);
  return { mantissa: sign === '-' ? -magnitude : magnitude, exp10, exp2 };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const exp10 = Math.min(a.exp10, b.exp10);
  const scaled = (q: Quantity): bigint => q.mantissa * 10n ** BigInt(q.exp10 - exp10) * 2n ** BigInt(q.exp2);
  const left = scaled(a);
  const right = scaled(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
