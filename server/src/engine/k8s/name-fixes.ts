// Turning an invalid name into the nearest valid one, for quick fixes: lowercase, replace illegal
// characters by '-', collapse runs of '-', trim '-' at both ends, cut to the length limit.
// Each function returns undefined when no valid name comes out (the fix is then not offered).
import { isDns1035Label, isDnsLabel, portNameProblem } from './names';

function sanitize(value: string, maxLength = Infinity): string {
  let name = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
  if (name.length > maxLength) name = name.slice(0, maxLength).replace(/-$/, '');
  return name;
}

/**
 * The closest RFC 1123 label to a name, without shortening it: undefined when that is not a valid label
 * (empty, or longer than 63) or does not change anything. For messages that suggest a rename.
 */
export function suggestDnsLabel(value: string): string | undefined {
  const suggestion = sanitize(value);
  return suggestion !== value && isDnsLabel(suggestion) ? suggestion : undefined;
}

/** As suggestDnsLabel, for RFC 1035 labels (Service names): the result must also start with a letter. */
export function suggestDns1035Label(value: string): string | undefined {
  const suggestion = suggestDnsLabel(value) ?? value;
  return suggestion !== value && isDns1035Label(suggestion) ? suggestion : undefined;
}

/** The nearest RFC 1123 label (container names, Service port names), or undefined. */
export function toDnsLabel(value: string): string | undefined {
  const name = sanitize(value, 63);
  return name && name !== value && isDnsLabel(name) ? name : undefined;
}

/** The nearest RFC 1035 label (Service names before 1.36: must start with a letter), or undefined. */
export function toDns1035Label(value: string): string | undefined {
  const name = sanitize(value, 63);
  return name && name !== value && isDns1035Label(name) ? name : undefined;
}

/** The nearest IANA service name (container port names: at most 15, a letter, no '--'), or undefined. */
export function toPortName(value: string): string | undefined {
  const name = sanitize(value, 15);
  return name && name !== value && portNameProblem(name) === undefined ? name : undefined;
}
