// Spans a rule shows besides a field's key and value (Manifest.keySpan / valueSpan): the first line of
// a list item, and a scalar as the user wrote it.
import { isMap, isScalar, Scalar, type Node } from 'yaml';
import type { Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import type { Span } from '../types';

/** The first key of the mapping at `path` (a list item's first line), to underline one line, not the item. */
export function headSpan(manifest: Manifest, path: DataPath): Span | undefined {
  const node = manifest.locate(path).node;
  const first = isMap(node) ? node.items[0] : undefined;
  const range = (first?.key as Node | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** A scalar as the user wrote it (`1.9e9`, not 1900000000), without its quotes; for messages. */
export function writtenValue(manifest: Manifest, path: DataPath, value: unknown): string {
  const node = manifest.locate(path).node;
  if (isScalar(node) && node.range && (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
    const raw = manifest.file.text.slice(node.range[0], node.range[1]);
    return node.type === Scalar.PLAIN ? raw : raw.slice(1, -1);
  }
  return String(value);
}
