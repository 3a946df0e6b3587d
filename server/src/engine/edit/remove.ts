// Quick-fix edits that remove YAML: a key with its value and line, an item of a sequence. Shared text
// (an alias, a merge key, an anchor) is not removed: these helpers return undefined then.
import { isAlias, isMap, isSeq, type Node } from 'yaml';
import type { Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import type { TextEditData } from '../types';
import { Flow, setPairValue } from './insert';
import { afterLine, dashOffset } from './style';

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Removes the pair at `path` (its key, value and line); undefined when that cannot be done cleanly. */
export function removePair(manifest: Manifest, path: DataPath): TextEditData | undefined {
  const located = manifest.locate(path);
  if (!located.exists || located.shared || !located.pair || !isMap(located.parent)) return undefined;
  const map = located.parent;
  const items = map.items;
  const index = items.indexOf(located.pair);
  const keyRange = (located.pair.key as Node | undefined)?.range;
  const valueRange = (located.pair.value as Node | undefined)?.range ?? keyRange;
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
  return { uri, start: lineStart, end: afterLine(text, valueRange[1]), newText: '' };
}

/** Removes the item at `path` from its sequence (its whole line or lines in block style). */
export function removeItem(manifest: Manifest, path: DataPath): TextEditData | undefined {
  const index = path[path.length - 1];
  if (typeof index !== 'number') return undefined;
  const text = manifest.file.text;
  const parent = manifest.locate(path.slice(0, -1));
  const seq = parent.node;
  if (parent.shared || !isSeq(seq)) return undefined;
  const item = seq.items[index] as Node | undefined;
  if (!item?.range || isAlias(item) || (item as { anchor?: string }).anchor) return undefined;
  if (seq.items.length === 1) {
    const whole = removePair(manifest, path.slice(0, -1));
    if (whole) return whole;
    return parent.pair ? setPairValue(manifest, parent.pair, new Flow([]), parent.inFlow) : undefined;
  }
  if (seq.flow) {
    const next = seq.items[index + 1] as Node | undefined;
    if (next?.range) return { uri: manifest.uri, start: item.range[0], end: next.range[0], newText: '' };
    const previousEnd = (seq.items[index - 1] as Node | undefined)?.range?.[1];
    return previousEnd === undefined ? undefined : { uri: manifest.uri, start: previousEnd, end: item.range[1], newText: '' };
  }
  const dash = dashOffset(text, item);
  const lineStart = lineStartOf(text, dash);
  if (!/^[ \t]*$/.test(text.slice(lineStart, dash))) return undefined;
  return { uri: manifest.uri, start: lineStart, end: afterLine(text, item.range[1]), newText: '' };
}
