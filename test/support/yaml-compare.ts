// Compares two parses of the same text node by node: what the engine reads of a `yaml` document
// (node kinds, values, scalar types and sources, number formats, flow style, every source range,
// errors and warnings, and the plain data). Comments attached to nodes are not compared: the engine
// never reads them. Returns the first difference, or undefined when the parses agree.
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

function describeNode(node: unknown): string {
  if (isScalar(node)) return `scalar ${JSON.stringify(node.value)}`;
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'seq';
  return String(node);
}

function compareNodes(a: unknown, b: unknown, path: string): string | undefined {
  if (isPair(a) || isPair(b)) {
    if (!isPair(a) || !isPair(b)) return `${path}: pair vs ${describeNode(b)}`;
    return compareNodes(a.key, b.key, `${path}.key`) ?? compareNodes(a.value, b.value, `${path}.value`);
  }
  if (a === null || b === null) return a === b ? undefined : `${path}: ${describeNode(a)} vs ${describeNode(b)}`;
  if (isAlias(a) && isAlias(b)) {
    if (a.source !== b.source || !isDeepStrictEqual(a.range, b.range)) return `${path}: alias *${a.source} ${JSON.stringify(a.range)} vs *${b.source} ${JSON.stringify(b.range)}`;
    return undefined;
  }
  if (isScalar(a) && isScalar(b)) {
    const fields = ['type', 'source', 'format', 'minFractionDigits', 'tag', 'anchor'] as const;
    // The merge key `<<` holds a symbol of its own in each parse.
    const same = typeof a.value === 'symbol' && typeof b.value === 'symbol' ? a.value.description === b.value.description
      : Object.is(a.value, b.value) || (typeof a.value === 'object' && isDeepStrictEqual(a.value, b.value));
    if (!same) return `${path}: value ${String(a.value)} vs ${String(b.value)}`;
    for (const field of fields) if (a[field] !== b[field]) return `${path}: ${field} ${String(a[field])} vs ${String(b[field])} (${describeNode(a)})`;
    if (!isDeepStrictEqual(a.range, b.range)) return `${path}: range ${JSON.stringify(a.range)} vs ${JSON.stringify(b.range)} (${describeNode(a)})`;
    return undefined;
  }
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    if (a.tag !== b.tag || a.anchor !== b.anchor) return `${path}: tag/anchor ${String(a.tag)}/${String(a.anchor)} vs ${String(b.tag)}/${String(b.anchor)}`;
    if (!isDeepStrictEqual(a.range, b.range)) return `${path}: range ${JSON.stringify(a.range)} vs ${JSON.stringify(b.range)} (${describeNode(a)})`;
    if (!!a.flow !== !!b.flow) return `${path}: flow ${String(a.flow)} vs ${String(b.flow)}`;
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} vs ${b.items.length} items`;
    for (let index = 0; index < a.items.length; index++) {
      const difference = compareNodes(a.items[index], b.items[index], `${path}[${index}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  return `${path}: ${describeNode(a)} vs ${describeNode(b)}`;
}

export function compareDocuments(actual: readonly Document.Parsed[], expected: readonly Document.Parsed[]): string | undefined {
  if (actual.length !== expected.length) return `${actual.length} vs ${expected.length} documents`;
  for (let index = 0; index < actual.length; index++) {
    const a = actual[index];
    const b = expected[index];
    const where = `document ${index}`;
    if (!isDeepStrictEqual(a.range, b.range)) return `${where}: range ${JSON.stringify(a.range)} vs ${JSON.stringify(b.range)}`;
    const problems = (doc: Document.Parsed): string[] => [...doc.errors, ...doc.warnings].map((e) => `${e.code} ${e.message}`);
    if (!isDeepStrictEqual(problems(a), problems(b))) return `${where}: problems ${JSON.stringify(problems(a))} vs ${JSON.stringify(problems(b))}`;
    const difference = compareNodes(a.contents, b.contents, where);
    if (difference) return difference;
    let valueA: unknown;
    let valueB: unknown;
    try { valueA = a.toJS({ maxAliasCount: 1000 }); } catch (error) { valueA = `threw ${String(error)}`; }
    try { valueB = b.toJS({ maxAliasCount: 1000 }); } catch (error) { valueB = `threw ${String(error)}`; }
    if (!isDeepStrictEqual(valueA, valueB)) return `${where}: data ${JSON.stringify(valueA)} vs ${JSON.stringify(valueB)}`;
  }
  return undefined;
}
