// Quick-fix edits that replace a value, keeping the user's YAML style: a scalar keeps its quotes, a
// collection is written in the style of its document. Text reached through an alias, a merge key or an
// anchor is shared with other places: these helpers refuse to edit it (they return undefined).
import { isScalar, Scalar, type Node } from 'yaml';
import type { Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import type { TextEditData } from '../types';
import { setPairValue } from './insert';
import { styledString } from './style';

/** The scalar at `path` when it is the object's own text (not reached through an alias). */
function ownScalar(manifest: Manifest, path: DataPath): (Node & { range: [number, number, number] }) | undefined {
  const located = manifest.locate(path);
  if (!located.exists || located.shared || !isScalar(located.node) || !located.node.range) return undefined;
  return located.node as Node & { range: [number, number, number] };
}

/** Replaces the string scalar at `path` with `value`, keeping its quoting style. */
export function replaceString(manifest: Manifest, path: DataPath, value: string): TextEditData | undefined {
  const node = ownScalar(manifest, path);
  return node && { uri: manifest.uri, start: node.range[0], end: node.range[1], newText: styledString(node, value) };
}

/** Replaces the scalar at `path` with raw YAML text (for example a number, to drop its quotes). */
export function replaceRaw(manifest: Manifest, path: DataPath, text: string): TextEditData | undefined {
  const node = ownScalar(manifest, path);
  return node && { uri: manifest.uri, start: node.range[0], end: node.range[1], newText: text };
}

/**
 * Replaces the value at `path` with `value`. A scalar replacing a scalar keeps its quotes (a number
 * stays unquoted unless the old value was quoted; `numberText` is how to write it: `1Gi`, not 1073741824);
 * anything else replaces the pair's value in the document's style (block or flow).
 */
export function replaceValue(manifest: Manifest, path: DataPath, value: unknown, numberText?: string): TextEditData | undefined {
  const scalarValue = typeof value === 'string' || typeof value === 'number';
  const node = scalarValue ? ownScalar(manifest, path) : undefined;
  if (node && isScalar(node)) {
    const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
    const newText = typeof value === 'number' && !quoted ? numberText ?? String(value) : styledString(node, String(value));
    return { uri: manifest.uri, start: node.range[0], end: node.range[1], newText };
  }
  const located = manifest.locate(path);
  if (located.shared || !located.exists || !located.pair) return undefined;
  return setPairValue(manifest, located.pair, value, located.inFlow);
}
