// The text format's safety: everything printed from a manifest or a path goes through escapeControl,
// so that no value can start a new line (GitHub Actions runs a line starting with `::` as a workflow
// command), move the cursor or recolour the terminal (ESC), or reorder what the reader sees (bidi controls).

const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidi embedding,
// override and isolate controls. One character class: linear on any input.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this escapes
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with each control character written as an escape (`\n`, `\u001b`). */
export function escapeControl(text: string): string {
  return text.replace(controls, (char) => escapes[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A copy of a JSON-like value with every string escaped (for text reports built from manifest values),
 * except the `uri` of source references: they are looked up, and escaped where they are printed.
 */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControl(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapeStrings(item)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'uri' ? item : escapeStrings(item)])) as T;
  }
  return value;
}
