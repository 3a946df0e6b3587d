// Applying offset-based text edits, as an editor would.
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Applies non-overlapping edits (in any order) to a text. Snippet placeholders are expanded to their defaults. */
export function applyEdits(text: string, edits: (OffsetEdit & { snippet?: boolean })[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) {
    const insert = edit.snippet ? expandSnippet(edit.newText) : edit.newText;
    result = result.slice(0, edit.start) + insert + result.slice(edit.end);
  }
  return result;
}

/** VS Code snippet syntax with every placeholder at its default: ${1:x} → x, ${1|a,b|} → a, $1/$0 → ''. */
export function expandSnippet(body: string): string {
  let text = body;
  for (let guard = 0; guard < 20 && /\$\{\d+[:|]/.test(text); guard++) {
    text = text.replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}/g, '').replace(/\$\d+/g, '').replace(/\\\$/g, '$');
}
