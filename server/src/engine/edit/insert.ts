// Quick-fix edits that add YAML: a key into a mapping, an item into a sequence, a new value for a key,
// creating missing parent mappings. The inserted text takes the document's own style: the mapping's
// indentation (or flow style), the indentation step of the document, and whether its block sequences
// are indented under their key. Nodes reached through an alias, a merge key or an anchor are shared
// with other places, so these helpers refuse to edit them (they return undefined).
import { isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import type { Manifest } from '../model/manifest';
import { parseTree } from '../yaml';
import type { DataPath } from '../yaml/nodes';
import type { TextEditData } from '../types';
import { withLineEnds } from './line-ends';
import { afterLine, columnOf, dashOffset, isPlainSafe, styleOf, type Style } from './style';

/** A value rendered in flow style even in a block context: `accessModes: [ReadWriteOnce]`. */
export class Flow {
  constructor(readonly value: unknown) {}
}

/** Text inserted as is, for snippet placeholders like `${1:/data}`; the edit is marked as a snippet. */
export class Snippet {
  constructor(readonly text: string) {}
}

type Plain = Record<string, unknown>;

function isEmptyValue(node: Node | undefined): boolean {
  return !node || (isScalar(node) && node.value === null);
}

/** The style of the manifest's document (of the object itself, for a `kind: List` item). */
function manifestStyle(manifest: Manifest): Style {
  return styleOf(parseTree(manifest.document), manifest.file.text, manifest.locate([]).node);
}

export function renderScalar(value: unknown, json = false): string {
  if (value instanceof Snippet) return value.text;
  if (typeof value === 'string') return isPlainSafe(value) && !json ? value : JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  return String(value);
}

/** A value in flow style; `json` quotes every string, for documents written as JSON. */
export function renderFlow(value: unknown, json = false): string {
  if (value instanceof Flow) return renderFlow(value.value, json);
  if (Array.isArray(value)) return `[${value.map((item) => renderFlow(item, json)).join(', ')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Snippet)) {
    return `{${Object.entries(value as Plain).map(([key, item]) => `${renderScalar(key, json)}: ${renderFlow(item, json)}`).join(', ')}}`;
  }
  return renderScalar(value, json);
}

/** Whether a collection is written JSON-like (double-quoted keys or items): new text follows suit. */
function isJsonStyle(node: unknown): boolean {
  const quoted = (item: unknown): boolean => isScalar(item) && item.type === Scalar.QUOTE_DOUBLE;
  if (isMap(node)) return node.items.some((item) => quoted(item.key));
  if (isSeq(node)) return node.items.some(quoted) || node.items.some(isJsonStyle);
  return false;
}

function isBlockCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && typeof value === 'object' && !(value instanceof Flow) && !(value instanceof Snippet)
    && Object.keys(value).length > 0;
}

function blockEntries(map: Plain, indent: number, style: Style): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (!isBlockCollection(value)) {
      lines.push(`${pad}${renderScalar(key)}: ${renderFlow(value)}`);
    } else if (Array.isArray(value)) {
      lines.push(`${pad}${renderScalar(key)}:`, ...blockItems(value, indent + (style.seqIndent ? style.unit : 0), style));
    } else {
      lines.push(`${pad}${renderScalar(key)}:`, ...blockEntries(value as Plain, indent + style.unit, style));
    }
  }
  return lines;
}

function blockItems(items: unknown[], dashColumn: number, style: Style): string[] {
  const pad = ' '.repeat(dashColumn);
  const lines: string[] = [];
  for (const item of items) {
    if (isBlockCollection(item) && !Array.isArray(item)) {
      const entries = blockEntries(item as Plain, dashColumn + 2, style);
      lines.push(`${pad}- ${entries[0].trimStart()}`, ...entries.slice(1));
    } else {
      lines.push(`${pad}- ${renderFlow(item)}`);
    }
  }
  return lines;
}

function containsSnippet(value: unknown): boolean {
  if (value instanceof Snippet) return true;
  if (value instanceof Flow) return containsSnippet(value.value);
  if (Array.isArray(value)) return value.some(containsSnippet);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsSnippet);
  return false;
}

function edit(manifest: Manifest, start: number, end: number, newText: string, value: unknown): TextEditData {
  const result: TextEditData = { uri: manifest.uri, start, end, newText: withLineEnds(manifest.file, newText) };
  if (containsSnippet(value)) result.snippet = true;
  return result;
}

/** Replaces the value of an existing pair (scalar, flow or block, or empty) with `value`, in the document's style. */
export function setPairValue(manifest: Manifest, pair: Pair, value: unknown, inFlow: boolean, style: Style = manifestStyle(manifest)): TextEditData | undefined {
  const text = manifest.file.text;
  const key = pair.key as Node | undefined;
  if (!key?.range) return undefined;
  const old = pair.value as Node | undefined;
  const colon = text.indexOf(':', key.range[1]);
  if (colon < 0) return undefined;
  const start = colon + 1;
  let end = old?.range && !isEmptyValue(old) ? old.range[1] : start;
  if (isEmptyValue(old) && old?.range && (old as { source?: string }).source) end = old.range[1];
  while (end > start && text[end - 1] === '\n') end--;
  const oldFlow = (isMap(old) || isSeq(old)) && !!old.flow;
  const json = isScalar(key) && key.type === Scalar.QUOTE_DOUBLE;
  if (inFlow || oldFlow || !isBlockCollection(value)) return edit(manifest, start, end, ` ${renderFlow(value, json)}`, value);
  const keyColumn = columnOf(text, key.range[0]);
  const lines = Array.isArray(value)
    ? blockItems(value, keyColumn + (style.seqIndent ? style.unit : 0), style)
    : blockEntries(value as Plain, keyColumn + style.unit, style);
  return edit(manifest, start, end, `\n${lines.join('\n')}`, value);
}

/**
 * Sets each key of `entries` in the mapping at `mapPath`: replaces the values of keys that exist,
 * inserts the others (in one edit) after the mapping's last entry, and creates missing parent mappings.
 */
export function setKeys(manifest: Manifest, mapPath: DataPath, entries: Plain): TextEditData[] | undefined {
  const text = manifest.file.text;
  const style = manifestStyle(manifest);
  const walked = manifest.locate(mapPath);
  if (walked.shared) return undefined;
  if (!walked.exists) {
    const last = mapPath[mapPath.length - 1];
    if (mapPath.length === 0 || typeof last !== 'string') return undefined;
    return setKeys(manifest, mapPath.slice(0, -1), { [last]: entries });
  }
  const map = walked.node;
  if (isEmptyValue(map)) {
    const replaced = walked.pair ? setPairValue(manifest, walked.pair, entries, walked.inFlow, style) : undefined;
    return replaced ? [replaced] : undefined;
  }
  if (!isMap(map) || !map.range) return undefined;
  const edits: TextEditData[] = [];
  const added: Plain = {};
  for (const [key, value] of Object.entries(entries)) {
    const existing = map.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
    if (!existing) {
      added[key] = value;
      continue;
    }
    const inner = manifest.locate([...mapPath, key]);
    const replaced = inner.shared ? undefined : setPairValue(manifest, existing, value, !!map.flow, style);
    if (!replaced) return undefined;
    edits.push(replaced);
  }
  if (Object.keys(added).length === 0) return edits;
  if (map.flow) {
    const last = map.items[map.items.length - 1];
    const lastEnd = ((last?.value ?? last?.key) as Node | undefined)?.range?.[1];
    const at = lastEnd ?? text.lastIndexOf('}', map.range[1]);
    if (at < 0) return undefined;
    const json = isJsonStyle(map);
    const pairs = Object.entries(added).map(([key, value]) => `${renderScalar(key, json)}: ${renderFlow(value, json)}`).join(', ');
    edits.push(edit(manifest, at, at, `${last ? ', ' : ''}${pairs}`, added));
    return edits;
  }
  const firstKey = map.items[0]?.key as Node | undefined;
  if (!firstKey?.range) return undefined;
  const lines = blockEntries(added, columnOf(text, firstKey.range[0]), style);
  const at = afterLine(text, map.range[1]);
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  edits.push(edit(manifest, at, at, `${lead}${lines.join('\n')}\n`, added));
  return edits;
}

/** Sets one key (see setKeys); undefined when that needs more than one edit or cannot be done. */
export function setKey(manifest: Manifest, mapPath: DataPath, key: string, value: unknown): TextEditData | undefined {
  const edits = setKeys(manifest, mapPath, { [key]: value });
  return edits?.length === 1 ? edits[0] : undefined;
}

/** Appends `item` to the sequence at `seqPath`, creating the sequence (and its parents) when missing. */
export function appendItem(manifest: Manifest, seqPath: DataPath, item: unknown): TextEditData | undefined {
  const text = manifest.file.text;
  const style = manifestStyle(manifest);
  const walked = manifest.locate(seqPath);
  if (walked.shared) return undefined;
  const last = seqPath[seqPath.length - 1];
  if (!walked.exists || isEmptyValue(walked.node)) {
    if (typeof last !== 'string') return undefined;
    if (walked.exists && walked.pair) return setPairValue(manifest, walked.pair, [item], walked.inFlow, style);
    return setKey(manifest, seqPath.slice(0, -1), last, [item]);
  }
  const seq = walked.node;
  if (!isSeq(seq) || !seq.range) return undefined;
  if (seq.flow || seq.items.length === 0) {
    const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
    const at = lastItem?.range?.[1] ?? text.lastIndexOf(']', seq.range[1]);
    if (at < 0) return undefined;
    return edit(manifest, at, at, `${lastItem ? ', ' : ''}${renderFlow(item, isJsonStyle(seq))}`, item);
  }
  const dashColumn = columnOf(text, dashOffset(text, seq.items[0] as Node));
  const lines = blockItems([item], dashColumn, style);
  const at = afterLine(text, seq.range[1]);
  const lead = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return edit(manifest, at, at, `${lead}${lines.join('\n')}\n`, item);
}

/** Inserts `key: valueText` as the first entry of the mapping at `mapPath` (block or flow). */
export function insertFirstKey(manifest: Manifest, mapPath: DataPath, key: string, valueText: string): TextEditData | undefined {
  const located = manifest.locate(mapPath);
  if (located.shared || !isMap(located.node)) return undefined;
  const first = located.node.items[0];
  const firstKey = first && isPair(first) && isScalar(first.key) ? first.key : undefined;
  if (!firstKey?.range) return undefined;
  const at = firstKey.range[0];
  if (located.node.flow) return { uri: manifest.uri, start: at, end: at, newText: `${key}: ${valueText}, ` };
  return { uri: manifest.uri, start: at, end: at, newText: `${key}: ${valueText}\n${' '.repeat(columnOf(manifest.file.text, at))}` };
}
