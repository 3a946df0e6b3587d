// Suggestions for names that must be RFC 1123 / RFC 1035 labels (quick fixes of the name rules).
import { isDns1035Label, isDnsLabel } from './names';

/**
 * The closest RFC 1123 label to a name: lowercased, every illegal character ('.', '_', ' ', ...) made
 * '-', repeated '-' collapsed, '-' trimmed at both ends. Undefined when that is not a valid label
 * (empty, or longer than 63) or does not change anything.
 */
export function suggestDnsLabel(value: string): string | undefined {
  const suggestion = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
  return suggestion !== value && isDnsLabel(suggestion) ? suggestion : undefined;
}

/** As suggestDnsLabel, for RFC 1035 labels (Service names): the result must also start with a letter. */
export function suggestDns1035Label(value: string): string | undefined {
  const suggestion = suggestDnsLabel(value) ?? value;
  return suggestion !== value && isDns1035Label(suggestion) ? suggestion : undefined;
}
