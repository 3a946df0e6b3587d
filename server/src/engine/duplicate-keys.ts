// Duplicate mapping keys, found in one pass. The `yaml` package's own check (uniqueKeys) compares each
// new key with every earlier key of its mapping: a 60,000-key ConfigMap took 20 s to parse. This
// reports the same errors (code DUPLICATE_KEY, at the key, same message, same key equality: the same
// node, or scalars with === values) in linear time; the parse itself runs with uniqueKeys: false.
import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Document } from 'yaml';

function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isSeq(node)) {
      for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]);
      continue;
    }
    if (!isMap(node)) continue;
    const seen = new Set<unknown>();
    const items = node.items;
    for (let index = 0; index < items.length; index++) {
      const key: unknown = items[index].key;
      // NaN !== NaN: never a duplicate for `yaml`, but one for a Set.
      const identity = isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value)) ? key.value : key;
      if (seen.has(identity) && isScalar(key) && key.range) {
        errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
      }
      seen.add(identity);
    }
    for (let index = items.length - 1; index >= 0; index--) stack.push(items[index]);
  }
  return errors;
}

/**
 * Adds the document's duplicate-key errors to doc.errors, each before the first error that starts
 * after it (the other errors keep their order). Each is placed at its key; `yaml` placed some at the
 * end of the line before (after a key with an empty value), which underlined the wrong line.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found = duplicateKeys(doc).sort((a, b) => a.pos[0] - b.pos[0]);
  if (found.length === 0) return;
  const merged: YAMLParseError[] = [];
  let next = 0;
  for (const error of doc.errors) {
    while (next < found.length && found[next].pos[0] < error.pos[0]) merged.push(found[next++]);
    merged.push(error);
  }
  while (next < found.length) merged.push(found[next++]);
  doc.errors.splice(0, doc.errors.length, ...merged);
}
