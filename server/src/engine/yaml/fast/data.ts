// The data reader: the data of one YAML document and where it lies, straight from the text, for the
// YAML manifests are written in (block mappings and sequences, one-line plain and quoted scalars,
// literal and folded block scalars, one-line flow collections, comments). No tree, no node, no range:
// the `yaml` tree of a document is parsed only when someone asks for it (trees.ts, parseTree).
//
// Its contract: where it gives up (undefined), the caller parses the document with `yaml`; where it
// does not, the data and the offsets are exactly those of `yaml`'s parseAllDocuments, and `yaml`
// reports no error and no warning. So it gives up on anything it does not read itself (anchors,
// aliases, tags, merge keys, multi-line plain or quoted scalars, multi-line flow collections,
// directives, tabs, CR line breaks, explicit keys, documents that are not block mappings), on any
// syntax error, on a key whose name repeats in its mapping (duplicate keys are reported from the
// trees) and on a document whose last value is empty (its end then depends on the tree). Checked
// against `yaml` by test/engine/data-reader.test.ts and yaml-differential.test.ts.
import { plainScalarAt, readBlockScalar, readQuoted } from './scalars';
import { colon, dash, giveUp, hash, LineReader, maxDepth, maxImplicitKeyLength, newline, space, type ContentLine } from './reader';

/** A document read by the data path: its content's offsets (as the tree's range[0] and range[2]) and data. */
export interface DataDocument {
  start: number;
  end: number;
  value: Record<string, unknown>;
  /** No value in the document is null (so removing null-valued keys would change nothing). */
  nullFree: boolean;
}

type Data = unknown;

class DataParser extends LineReader {
  /** The next content line after the last value read; undefined at the end of the document. */
  private next: ContentLine | undefined;
  /** Whether the last value read was empty (`key:` with nothing after it). */
  lastValueEmpty = false;
  /** Whether any value read was null (empty, `null`, `~`). */
  sawNull = false;

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
      const key = plainScalarAt(text, at, after);
      name = key === null ? '' : String(key);
    }
    // A merge key is left to `yaml`, which merges it; so is a key longer than `yaml` accepts.
    if (name === '<<' || after - at > maxImplicitKeyLength) this.fail();
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
    this.sawNull = true;
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
    const value = plainScalarAt(text, at, end);
    if (value === null) this.sawNull = true;
    return value;
  }

  /** `[a, b]` or `{ k: v }` on one line, possibly nested. */
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

/** Text the reader never takes: tabs, CR, BOM, directives, document end markers, control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const unsupported = /[\t\r\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|^(?:%|\.\.\.)/m;

/** Where a document's content may start after its `---` line at `start`: only spaces and a comment may follow the marker. */
function afterMarkerLine(parser: DataParser, text: string, start: number, end: number): number {
  let at = start + 3;
  while (at < end && text.charCodeAt(at) === space) at++;
  if (at < end && text.charCodeAt(at) !== newline && (text.charCodeAt(at) !== hash || at === start + 3)) parser.fail();
  const lineEnd = text.indexOf('\n', at);
  return lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
}

/**
 * The document of text[start, end) (`start` is 0 or a `---` line, `hasMarker` says which; `end` the
 * next `---` line or the end of the text): its data and offsets, 'empty' when the text holds no
 * content (comments before the first `---`), undefined when the reader gives up.
 */
export function readDataDocument(text: string, start: number, end: number, hasMarker: boolean): DataDocument | 'empty' | undefined {
  if (unsupported.test(start === 0 && end === text.length ? text : text.slice(start, end))) return undefined;
  const parser = new DataParser(text, end);
  try {
    const first = parser.firstContent(hasMarker ? afterMarkerLine(parser, text, start, end) : start);
    // An empty document after a marker is left to `yaml`; text before the first marker is comments only.
    if (!first) return hasMarker ? undefined : 'empty';
    const value = parser.parseDocument(first);
    return { start: hasMarker ? start : first.at, end, value, nullFree: !parser.sawNull };
  } catch (error) {
    if (error === giveUp) return undefined;
    throw error;
  }
}
