// How a document is written, so that new text matches it: its indentation step, whether its block
// sequences are indented under their key, flow style (JSON-like), and how a string scalar is quoted.
import { isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';

export interface Style {
  /** Spaces per indentation level. */
  unit: number;
  /** Whether `- item` lines are indented under their key. */
  seqIndent: boolean;
  /** The document is one flow mapping (`{...}`). */
  flow: boolean;
  /** The document is JSON-like (a flow mapping with double-quoted keys). */
  json: boolean;
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Where the `-` of a block sequence item is (its node starts after it). */
export function dashOffset(text: string, item: Node): number {
  const start = item.range?.[0] ?? 0;
  const dash = text.lastIndexOf('-', start);
  return dash < 0 ? start : dash;
}

/** The style of a document (of the object at `root` in it), from its first nested block collections. */
export function styleOf(doc: Document, text: string, rootNode: unknown = doc.contents): Style {
  let unit: number | undefined;
  let seqIndent: boolean | undefined;
  const flow = isMap(rootNode) && !!rootNode.flow;
  const json = flow && isMap(rootNode) && rootNode.items.some((pair) => isScalar(pair.key) && pair.key.type === Scalar.QUOTE_DOUBLE);
  const queue: unknown[] = [rootNode];
  for (let seen = 0; queue.length && seen < 500 && (unit === undefined || seqIndent === undefined); seen++) {
    const node = queue.shift();
    if (isMap(node) && !node.flow) {
      for (const item of node.items) {
        const key = item.key as Node | undefined;
        const value = item.value as Node | undefined;
        if (!key?.range || !value?.range) continue;
        const keyColumn = columnOf(text, key.range[0]);
        if (unit === undefined && isMap(value) && !value.flow && value.items.length) {
          const first = value.items[0].key as Node | undefined;
          if (first?.range && columnOf(text, first.range[0]) > keyColumn) unit = columnOf(text, first.range[0]) - keyColumn;
        }
        if (seqIndent === undefined && isSeq(value) && !value.flow && value.items.length) {
          seqIndent = columnOf(text, dashOffset(text, value.items[0] as Node)) > keyColumn;
        }
        queue.push(value);
      }
    } else if (isSeq(node)) {
      queue.push(...node.items);
    }
  }
  return { unit: unit ?? 2, seqIndent: seqIndent ?? true, flow, json };
}

/** The offset where the line after `end` starts (the end of the text when there is none). */
export function afterLine(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline < 0 ? text.length : newline + 1;
}

const reserved = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?\.inf|\.nan)$/i;
const numeric = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$|^0x[0-9a-f]+$|^0o[0-7]+$/i;

/** Whether a string can be written as a plain YAML scalar and still read back as that string. */
export function isPlainSafe(value: string): boolean {
  return /^[A-Za-z0-9._/][A-Za-z0-9._/-]*$/.test(value) && !reserved.test(value) && !numeric.test(value);
}

/** A string value written in the style of an existing scalar node. */
export function styledString(node: Node | undefined, value: string): string {
  const type = isScalar(node) ? node.type : undefined;
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.PLAIN && isPlainSafe(value)) return value;
  return JSON.stringify(value);
}
