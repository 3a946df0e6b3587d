// New documents for quick fixes, inserted before an existing one in the style of its file: its
// indentation step, whether block sequences are indented, flow style (a JSON-like file gets JSON).
import type { Manifest } from '../model/manifest';
import type { TextEditData } from '../types';
import { parseTree } from '../yaml';
import { afterLine, styleOf, type Style } from './style';
import { renderFlow, renderScalar } from './insert';

type Plain = Record<string, unknown>;

function isBlock(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** Block YAML lines for a plain object, with the file's indentation step and sequence style. */
function blockLines(object: Plain, indent: number, style: Style): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  for (const [key, value] of Object.entries(object)) {
    if (!isBlock(value)) {
      lines.push(`${pad}${renderScalar(key)}: ${renderFlow(value)}`);
    } else if (Array.isArray(value)) {
      lines.push(`${pad}${renderScalar(key)}:`);
      const dash = indent + (style.seqIndent ? style.unit : 0);
      for (const item of value) {
        if (isBlock(item) && !Array.isArray(item)) {
          const inner = blockLines(item as Plain, dash + 2, style);
          lines.push(`${' '.repeat(dash)}- ${inner[0].trimStart()}`, ...inner.slice(1));
        } else {
          lines.push(`${' '.repeat(dash)}- ${renderFlow(item)}`);
        }
      }
    } else {
      lines.push(`${pad}${renderScalar(key)}:`, ...blockLines(value as Plain, indent + style.unit, style));
    }
  }
  return lines;
}

const placeholderToken = 'x-statefulset-snippet-placeholder';

/**
 * An edit that inserts a new object as its own document right before `before` (in the same file), in
 * the style of that document. `snippet` replaces one string value equal to {@link snippetValue}.
 */
export function insertDocumentBefore(before: Manifest, object: Record<string, unknown>, snippet?: string): TextEditData {
  const style = styleOf(parseTree(before.document), before.file.text, before.locate([]).node);
  // A JSON-like document (double-quoted keys) gets a JSON-like neighbour.
  let body = style.flow ? `${renderFlow(object, style.json)}\n` : `${blockLines(object, 0, style).join('\n')}\n`;
  if (snippet !== undefined) body = body.replace(placeholderToken, snippet);
  const text = before.file.text;
  const at = before.document.span.start;
  const withMarker = text.startsWith('---', at);
  const edit: TextEditData = { uri: before.uri, start: at, end: at, newText: withMarker ? `---\n${body}` : `${body}---\n` };
  if (snippet !== undefined) edit.snippet = true;
  return edit;
}

/** The value to put where {@link insertDocumentBefore} should place its snippet. */
export const snippetValue = placeholderToken;

/** An edit that inserts a new object as its own document right after `after` (in the same file), in its style. */
export function insertDocumentAfter(after: Manifest, object: Record<string, unknown>): TextEditData {
  const style = styleOf(parseTree(after.document), after.file.text, after.locate([]).node);
  const body = style.flow ? `${renderFlow(object, style.json)}\n` : `${blockLines(object, 0, style).join('\n')}\n`;
  const text = after.file.text;
  const at = afterLine(text, after.document.span.end);
  const newline = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return { uri: after.uri, start: at, end: at, newText: `${newline}---\n${body}` };
}
