// New documents for quick fixes, inserted before an existing one in the style of its file: its
// indentation step, whether block sequences are indented, flow style (a JSON-like file gets JSON).
import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { Manifest } from '../model/workspace-model';
import type { TextEditData } from '../types';
import { parseTree, rootMap } from '../yaml';
import { renderFlow, renderScalar } from './insert';

interface Style {
  unit: number;
  seqIndent: boolean;
  flow: boolean;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The manifest's indentation step, whether its block sequences are indented, and whether it is in flow style. */
export function styleOf(manifest: Manifest): Style {
  const text = manifest.file.text;
  const root = rootMap(parseTree(manifest.document));
  const style: Style = { unit: 2, seqIndent: true, flow: !!root?.flow };
  let unitFound = false;
  let seqFound = false;
  const queue: unknown[] = [root];
  for (let seen = 0; queue.length && seen < 300 && !(unitFound && seqFound); seen++) {
    const node = queue.shift();
    if (!isMap(node) || node.flow) {
      if (isSeq(node)) queue.push(...node.items);
      continue;
    }
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range) continue;
      const keyColumn = column(text, key.range[0]);
      const first = isMap(value) && !value.flow ? (value.items[0]?.key as Node | null) : undefined;
      if (!unitFound && first?.range && column(text, first.range[0]) > keyColumn) {
        style.unit = column(text, first.range[0]) - keyColumn;
        unitFound = true;
      }
      const item = isSeq(value) && !value.flow ? (value.items[0] as Node | null) : undefined;
      if (!seqFound && item?.range) {
        style.seqIndent = column(text, text.lastIndexOf('-', item.range[0])) > keyColumn;
        seqFound = true;
      }
      queue.push(value);
    }
  }
  return style;
}

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
  const style = styleOf(before);
  // A JSON-like document (double-quoted keys) gets a JSON-like neighbour.
  const json = style.flow && !!rootMap(parseTree(before.document))?.items.some((pair) => isScalar(pair.key) && pair.key.type === Scalar.QUOTE_DOUBLE);
  let body = style.flow ? `${renderFlow(object, json)}\n` : `${blockLines(object, 0, style).join('\n')}\n`;
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
