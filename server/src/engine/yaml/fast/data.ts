// The fast path without trees: the data of each document of a YAML stream and where the document
// lies, straight from the text. For files whose trees may never be read (the CLI, closed files), this
// is what parsing costs: no node, no range. The trees are built when first read (lazy-trees.ts),
// by the full parse (parse.ts), which must find the same documents at the same places.
//
// It reads the subset the fast path reads (fast-yaml.ts), with the same checks and the same scalar
// values, but only documents that are block mappings, and gives up (undefined: parse with trees)
// on anything else, on a key whose name repeats in its mapping (duplicate keys are reported from the
// trees) and on a document whose last value is empty (the document's end then depends on the tree).
// Comments can sit anywhere a YAML comment may: unlike the trees, data never depends on their place.
import { afterMarkerLine, readChunks } from './';
import { colon, dash, hash, InlineReader, maxDepth, newline, space, type ContentLine } from './inline';
import { plainScalarValue, readBlockScalar, readQuoted } from './scalars';

/** A document read by the data path: its content's offsets (as the tree's range[0] and range[2]) and data. */
export interface DataDocument {
  start: number;
  end: number;
  value: Record<string, unknown>;
}

type Data = unknown;

class DataParser extends InlineReader {
  /** The next content line after the last value read; undefined at the end of the document. */
  private next: ContentLine | undefined;
  /** Whether the last value read was empty (`key:` with nothing after it). */
  lastValueEmpty = false;

  /** The document whose first content line is `first`: a block mapping at indentation 0. */
  parseDocument(first: ContentLine): Record<string, unknown> {
    if (first.indent !== 0) this.fail();
    const name = this.keyAt(first.at);
    if (name === undefined) this.fail();
    const root = this.blockMap(0, name);
    if (this.next || this.lastValueEmpty) this.fail();
    return root;
  }

  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === dash && this.isSeparator(at + 1);
  }

  /** The name of the mapping key at `at` (`position` then after its colon), or undefined when no key starts there. */
  private keyAt(at: number): string | undefined {
    const text = this.text;
    const char = text.charCodeAt(at);
    let name: string;
    let after: number;
    if (char === 34 || char === 39) {
      const read = readQuoted(text, at, this.lineEnd(at));
      if (!read) this.fail();
      after = read.end;
      if (text.charCodeAt(after) !== colon || !this.isSeparator(after + 1)) return undefined;
      name = read.value;
    } else {
      after = this.plainEnd(at, false);
      if (text.charCodeAt(after) !== colon || !this.isSeparator(after + 1)) return undefined;
      const key = plainScalarValue(text.slice(at, after));
      name = key === null ? '' : String(key);
    }
    // A merge key is left to `yaml`, which merges it.
    if (name === '<<') this.fail();
    this.position = after + 1;
    return name;
  }

  /** A block mapping whose keys are at column `indent`; its first key (`name`) is read. */
  private blockMap(indent: number, firstName: string): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    let name: string | undefined = firstName;
    for (;;) {
      this.lastValueEmpty = false;
      const value = this.mapValue(indent);
      // A repeated key, or one that objects inherit (`__proto__`): left to the trees, which report duplicates.
      if (name in object) this.fail();
      object[name] = value;
      const next = this.next;
      if (!next || next.indent < indent || (next.indent === indent && this.isDash(next.at))) return object;
      if (next.indent > indent) this.fail();
      name = this.keyAt(next.at);
      if (name === undefined) this.fail();
    }
  }

  /** The value after a key's colon (`position` is right after the colon). */
  private mapValue(indent: number): Data {
    const text = this.text;
    let at = this.position;
    while (at < this.end && text.charCodeAt(at) === space) at++;
    const char = at < this.end ? text.charCodeAt(at) : newline;
    if (char === newline || char === hash) return this.valueOnNextLines(at, indent, true);
    // On the key's line: a one-line value or a block scalar, never a block collection.
    if (this.isDash(at)) this.fail();
    if (++this.depth > maxDepth) this.fail();
    let value: Data;
    if (char === 124 || char === 62) value = this.blockScalar(at, indent);
    else if (char === 91 || char === 123) value = this.flowValue(at);
    else if (this.keyAt(at) !== undefined) this.fail();
    else value = this.scalarValue(at);
    this.depth--;
    return value;
  }

  /** A value that starts on a later line (after `key:` or `-` alone), or an empty value (null). */
  private valueOnNextLines(at: number, indent: number, inMap: boolean): Data {
    const next = this.nextContent(this.nextLine(at));
    if (next && (next.indent > indent || (inMap && next.indent === indent && this.isDash(next.at)))) {
      return this.blockNode(next.at, next.indent, indent);
    }
    this.lastValueEmpty = true;
    this.next = next;
    return null;
  }

  /** A node starting at `at` (column `column`) inside a collection indented `parentIndent`. */
  private blockNode(at: number, column: number, parentIndent: number): Data {
    if (++this.depth > maxDepth) this.fail();
    const char = this.text.charCodeAt(at);
    let value: Data;
    if (this.isDash(at)) value = this.blockSequence(at, column);
    else if (char === 91 || char === 123) value = this.flowValue(at);
    else if (char === 124 || char === 62) value = this.blockScalar(at, parentIndent);
    else {
      const name = this.keyAt(at);
      value = name === undefined ? this.scalarValue(at) : this.blockMap(column, name);
    }
    this.depth--;
    return value;
  }

  private blockSequence(start: number, indent: number): Data[] {
    const list: Data[] = [];
    let dashAt = start;
    for (;;) {
      this.lastValueEmpty = false;
      list.push(this.sequenceItem(dashAt, indent));
      const next = this.next;
      if (!next || next.indent < indent || (next.indent === indent && !this.isDash(next.at))) return list;
      if (next.indent > indent) this.fail();
      dashAt = next.at;
    }
  }

  private sequenceItem(dashAt: number, indent: number): Data {
    const text = this.text;
    let at = dashAt + 1;
    while (at < this.end && text.charCodeAt(at) === space) at++;
    const char = at < this.end ? text.charCodeAt(at) : newline;
    if (char !== newline && char !== hash) return this.blockNode(at, at - this.lineStart, indent);
    return this.valueOnNextLines(at, indent, false);
  }

  private blockScalar(start: number, parentIndent: number): string {
    const read = readBlockScalar(this.text, start, this.end, parentIndent);
    if (!read) this.fail();
    this.next = this.nextContent(read.end);
    return read.value;
  }

  /** A one-line quoted or plain scalar, then the rest of its line. */
  private scalarValue(at: number): Data {
    const value = this.inlineScalarValue(at, false);
    const end = this.position;
    if (this.text.charCodeAt(end) === colon && this.isSeparator(end + 1)) this.fail();
    this.endOfValueLine();
    return value;
  }

  /** A one-line flow collection, then the rest of its line. */
  private flowValue(at: number): Data {
    const value = this.flowData(at);
    if (this.text.charCodeAt(this.position) === colon) this.fail();
    this.endOfValueLine();
    return value;
  }

  /** After a one-line value: spaces and a comment may end its line; the next content line follows. */
  private endOfValueLine(): void {
    const text = this.text;
    let at = this.position;
    while (at < this.end && text.charCodeAt(at) === space) at++;
    if (at < this.end) {
      const char = text.charCodeAt(at);
      if (char === hash && at !== this.position) at = this.lineEnd(at);
      else if (char !== newline) this.fail();
    }
    this.next = this.nextContent(at < this.end ? at + 1 : this.end);
  }

  /** A quoted or plain scalar on one line (`flow`: inside a flow collection); `position` after it. */
  private inlineScalarValue(at: number, flow: boolean): Data {
    const text = this.text;
    const char = text.charCodeAt(at);
    if (char === 34 || char === 39) {
      const read = readQuoted(text, at, this.lineEnd(at));
      if (!read) this.fail();
      this.position = read.end;
      return read.value;
    }
    const end = this.plainEnd(at, flow);
    if (flow && end === at) this.fail();
    this.position = end;
    return plainScalarValue(text.slice(at, end));
  }

  /** `[a, b]` or `{ k: v }` on one line, possibly nested, as the fast path reads it. */
  private flowData(start: number): Data {
    if (++this.depth > maxDepth) this.fail();
    const text = this.text;
    const isMap = text.charCodeAt(start) === 123;
    const close = isMap ? 125 : 93;
    const object: Record<string, unknown> = {};
    const list: Data[] = [];
    let at = this.skipFlowSpaces(start + 1);
    let expectItem = true;
    for (;;) {
      const char = text.charCodeAt(at);
      if (char === close) break;
      if (!expectItem) this.fail();
      if (isMap) {
        // A key: a scalar right before its colon, which a space (or the end of the entry) follows.
        if (char === 91 || char === 123) this.fail();
        const key = this.inlineScalarValue(at, true);
        if (text.charCodeAt(this.position) !== colon) this.fail();
        at = this.position;
        const name = key === null ? '' : String(key);
        if (name === '<<' || name in object) this.fail();
        const valueAt = this.skipFlowSpaces(at + 1);
        if (valueAt === at + 1 && !(text.charCodeAt(at + 1) === 44 || text.charCodeAt(at + 1) === close)) this.fail();
        object[name] = this.flowItemData(valueAt);
        at = this.skipFlowSpaces(this.position);
      } else {
        list.push(this.flowItemData(at));
        at = this.skipFlowSpaces(this.position);
        if (text.charCodeAt(at) === colon) this.fail();
      }
      if (text.charCodeAt(at) === 44) {
        at = this.skipFlowSpaces(at + 1);
        expectItem = true;
      } else {
        expectItem = false;
      }
    }
    this.position = at + 1;
    this.depth--;
    return isMap ? object : list;
  }

  private flowItemData(at: number): Data {
    const char = this.text.charCodeAt(at);
    if (char === 91 || char === 123) return this.flowData(at);
    return this.inlineScalarValue(at, true);
  }
}

/** One document between `start` (0 or a `---` line) and `end`; undefined when it has no content. */
function dataChunk(text: string, start: number, end: number, hasMarker: boolean): DataDocument | undefined {
  const parser = new DataParser(text, end);
  const first = parser.firstContent(hasMarker ? afterMarkerLine(text, start, end) : start);
  if (!first) {
    // An empty document after a marker is left to the trees; text before the first marker is comments only.
    if (hasMarker) parser.fail();
    return undefined;
  }
  const value = parser.parseDocument(first);
  return { start: hasMarker ? start : first.at, end, value };
}

/**
 * The documents of a YAML stream as data, each with the offsets of its content, when every document
 * is a block mapping the fast path reads; undefined when the text needs a parse with trees.
 */
export function fastParseData(text: string): DataDocument[] | undefined {
  return readChunks(text, 0, text.length, dataChunk);
}
