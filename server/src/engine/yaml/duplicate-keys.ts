// Duplicate mapping keys, found in one pass. The `yaml` package's own check (uniqueKeys) compares each
// new key with every earlier key of its mapping: a 60,000-key ConfigMap took 20 s to parse. This
// reports the same errors (code DUPLICATE_KEY, at the key, same message, same key equality: the same
// node, or scalars with === values) in linear time; the parse itself runs with uniqueKeys: false.
import { isScalar, YAMLMap, YAMLParseError, YAMLSeq, type Document } from 'yaml';

/** The value by which `yaml` compares two keys: a scalar's value (=== equality), else the node itself. */
function keyIdentity(key: unknown): unknown {
  return isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value)) ? key.value : key;
}

function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const report = (key: unknown): void => {
    if (isScalar(key) && key.range) errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
  };
  const stack: unknown[] = [doc.contents];
  const push = (node: unknown): void => {
    if (node instanceof YAMLMap || node instanceof YAMLSeq) stack.push(node);
  };
  while (stack.length) {
    const node = stack.pop();
    if (node instanceof YAMLSeq) {
      for (const item of node.items) push(item);
      continue;
    }
    if (!(node instanceof YAMLMap)) continue;
    const items = node.items;
    if (items.length > 8) {
      const seen = new Set<unknown>();
      for (const pair of items) {
        const identity = keyIdentity(pair.key);
        if (seen.has(identity)) report(pair.key);
        seen.add(identity);
      }
    } else {
      for (let index = 1; index < items.length; index++) {
        const identity = keyIdentity(items[index].key);
        for (let before = 0; before < index; before++) {
          if (keyIdentity(items[before].key) === identity) {
            report(items[index].key);
            break;
          }
        }
      }
    }
    for (const pair of items) {
      push(pair.key);
      push(pair.value);
    }
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
