// Applying offset-based text edits, as an editor would.
import { expandSnippet } from '../../server/src/engine/edit/snippet';

export { expandSnippet };
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
