// Minimal text edits for quick fixes that keep the user's YAML style: a scalar keeps its quotes, an
// inserted key takes the indentation (or flow style) of its mapping, a removed key takes its line.
// Nodes reached through an alias or a merge key, or carrying an anchor, are shared with other places:
// editing them would change those too, so these helpers refuse (return undefined).
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node, type Pair } from 'yaml';
import type { Manifest } from '../model/workspace-model';
import type { ManifestContext } from '../check/rule';
import { parseTree } from '../yaml';
import { locate, pairOf, type DataPath } from '../yaml/nodes';
import type { Span, TextEditData } from '../types';

interface Walked {
  node: Node | undefined;
  pair: Pair | undefined;
  /** The mapping or sequence holding the last step. */
  parent: Node | undefined;
  shared: boolean;
  /** The first alias (or merge-key value) the path goes through: where the shared text enters this object. */
  site: Node | undefined;
  /** Whether that alias is the value of the last step (the key before it is then the object's own). */
  siteIsLast: boolean;
}

/** Follows a data path like `locate`, and tells whether any step is shared (alias, merge key, anchor). */
function walk(doc: Document, path: DataPath): Walked | undefined {
  let current = doc.contents as Node | null | undefined;
  let shared = false;
  let pair: Pair | undefined;
  let parent: Node | undefined;
  let site: Node | undefined;
  let siteIsLast = false;
  const cross = (node: Node | undefined, last: boolean): void => {
    if (site || !node) return;
    site = node;
    siteIsLast = last;
  };
  path.forEach((step, index) => {
    const last = index === path.length - 1;
    if (!current || isAlias(current)) { current = undefined; return; }
    if ((current as { anchor?: string }).anchor) shared = true;
    parent = current;
    if (isMap(current)) {
      const found = pairOf(current, String(step), doc);
      if (!found) { current = undefined; return; }
      if (!current.items.includes(found)) {
        shared = true;
        cross(current.items.find((item) => isScalar(item.key) && item.key.value === '<<')?.value as Node | undefined, false);
      }
      pair = found;
      if (isAlias(found.value)) { shared = true; cross(found.value, last); }
      current = (isAlias(found.value) ? found.value.resolve(doc) : found.value) as Node | undefined;
    } else if (isSeq(current) && typeof step === 'number') {
      pair = undefined;
      const item = current.items[step] as Node | undefined;
      if (isAlias(item)) { shared = true; cross(item, false); }
      current = (isAlias(item) ? item.resolve(doc) : item) as Node | undefined;
    } else {
      current = undefined;
    }
  });
  if (!current) return undefined;
  if ((current as { anchor?: string }).anchor) shared = true;
  return { node: current, pair, parent, shared, site, siteIsLast };
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

/** Replaces the string scalar at `path` with `value`, keeping its quoting style. */
export function replaceString(manifest: Manifest, path: DataPath, value: string): TextEditData | undefined {
  const walked = walk(parseTree(manifest.document), path);
  if (!walked || walked.shared || !isScalar(walked.node) || !walked.node.range) return undefined;
  const [start, end] = walked.node.range;
  return { uri: manifest.uri, start, end, newText: styledString(walked.node, value) };
}

/** Replaces the scalar at `path` with raw YAML text (for example a number, to drop its quotes). */
export function replaceRaw(manifest: Manifest, path: DataPath, text: string): TextEditData | undefined {
  const walked = walk(parseTree(manifest.document), path);
  if (!walked || walked.shared || !isScalar(walked.node) || !walked.node.range) return undefined;
  const [start, end] = walked.node.range;
  return { uri: manifest.uri, start, end, newText: text };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Inserts `key: valueText` as the first entry of the mapping at `mapPath` (block or flow). */
export function insertFirstKey(manifest: Manifest, mapPath: DataPath, key: string, valueText: string): TextEditData | undefined {
  const walked = walk(parseTree(manifest.document), mapPath);
  if (!walked || walked.shared || !isMap(walked.node)) return undefined;
  const first = walked.node.items[0];
  const firstKey = first && isPair(first) && isScalar(first.key) ? first.key : undefined;
  if (!firstKey?.range) return undefined;
  const at = firstKey.range[0];
  const text = manifest.file.text;
  if (walked.node.flow) return { uri: manifest.uri, start: at, end: at, newText: `${key}: ${valueText}, ` };
  const column = at - lineStartOf(text, at);
  return { uri: manifest.uri, start: at, end: at, newText: `${key}: ${valueText}\n${' '.repeat(column)}` };
}

/** Removes the pair at `path` (its key, value and line); undefined when that cannot be done cleanly. */
export function removePair(manifest: Manifest, path: DataPath): TextEditData | undefined {
  const walked = walk(parseTree(manifest.document), path);
  if (!walked || walked.shared || !walked.pair || !isMap(walked.parent)) return undefined;
  const map = walked.parent;
  const items = map.items;
  const index = items.indexOf(walked.pair);
  const keyRange = (walked.pair.key as Node | undefined)?.range;
  const valueRange = (walked.pair.value as Node | undefined)?.range ?? keyRange;
  if (index < 0 || !keyRange || !valueRange) return undefined;
  const text = manifest.file.text;
  const nextKey = (items[index + 1]?.key as Node | undefined)?.range;
  const uri = manifest.uri;
  if (map.flow) {
    if (nextKey) return { uri, start: keyRange[0], end: nextKey[0], newText: '' };
    const previous = items[index - 1];
    const previousEnd = ((previous?.value ?? previous?.key) as Node | undefined)?.range?.[1];
    return previousEnd === undefined ? undefined : { uri, start: previousEnd, end: valueRange[1], newText: '' };
  }
  const lineStart = lineStartOf(text, keyRange[0]);
  const ownLine = /^[ \t]*$/.test(text.slice(lineStart, keyRange[0]));
  if (!ownLine) {
    // The first key of a list item (`- key: value`): the next key takes its place after the dash.
    return nextKey ? { uri, start: keyRange[0], end: nextKey[0], newText: '' } : undefined;
  }
  let end = valueRange[1];
  if (text[end - 1] !== '\n') {
    const newline = text.indexOf('\n', end);
    end = newline < 0 ? text.length : newline + 1;
  }
  return { uri, start: lineStart, end, newText: '' };
}

/** The first key of the mapping at `path` (a list item's first line), to underline one line, not the item. */
export function headSpan(manifest: Manifest, path: DataPath): Span | undefined {
  const node = locate(parseTree(manifest.document), path).node;
  const first = isMap(node) ? node.items[0] : undefined;
  const range = (first?.key as Node | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** Replaces the scalar at `path` with a number or a string, keeping the node's quotes when it has them. */
export function replaceValue(manifest: Manifest, path: DataPath, value: string | number, numberText = String(value)): TextEditData | undefined {
  const walked = walk(parseTree(manifest.document), path);
  if (!walked || walked.shared || !isScalar(walked.node) || !walked.node.range) return undefined;
  const [start, end] = walked.node.range;
  const quoted = walked.node.type === Scalar.QUOTE_DOUBLE || walked.node.type === Scalar.QUOTE_SINGLE;
  const newText = typeof value === 'number' && !quoted ? numberText : styledString(walked.node, String(value));
  return { uri: manifest.uri, start, end, newText };
}

function spanOfNode(node: Node | undefined): Span | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/**
 * Where a value shows in this object's own text: the value itself, or, when the path goes through an
 * alias (`name: *n`, `- *container`, `<<: *base`), that alias, so that each use gets its own range.
 */
export function valueSite(ctx: ManifestContext, path: DataPath): Span {
  const walked = walk(parseTree(ctx.manifest.document), path);
  return spanOfNode(walked?.site) ?? ctx.valueSpan(path);
}

/** Like `valueSite` for a key: the key itself unless the path reaches it through an alias. */
export function keySite(ctx: ManifestContext, path: DataPath): Span {
  const walked = walk(parseTree(ctx.manifest.document), path);
  return (walked && !walked.siteIsLast ? spanOfNode(walked.site) : undefined) ?? ctx.keySpan(path);
}

/** A scalar as the user wrote it (`1.9e9`, not 1900000000), without its quotes; for messages. */
export function writtenValue(ctx: ManifestContext, path: DataPath, value: unknown): string {
  const node = locate(parseTree(ctx.manifest.document), path).node;
  if (isScalar(node) && node.range && (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
    const raw = ctx.manifest.file.text.slice(node.range[0], node.range[1]);
    return node.type === Scalar.PLAIN ? raw : raw.slice(1, -1);
  }
  return String(value);
}
