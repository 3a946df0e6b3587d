// One-line YAML syntax for the fast path (fast-yaml.ts): plain and quoted scalars and flow collections
// on a single line, built as the same `yaml` nodes with the same ranges. The block structure around
// them is read by FastParser (fast-yaml-parser.ts), which extends this class.
import { Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { newMap, newPair, newScalar, newSeq, nodeEnd, setNodeEnd, valueEnd } from './nodes';
import { readQuoted, resolvePlainScalar } from './scalars';

export type Node = Scalar | YAMLMap | YAMLSeq;

/** Thrown (and caught in fastParseAllDocuments) when the text needs the full parser. */
export const giveUp: unique symbol = Symbol('fast path does not apply');

/** Nesting the fast path follows (a StatefulSet's deepest field is about 15 levels down). */
export const maxDepth = 64;

export const newline = 10;
export const space = 32;
export const hash = 35;
export const dash = 45;
export const colon = 58;

/** A line with content (not blank, not only a comment). */
export interface ContentLine {
  /** First non-space character. */
  at: number;
  indent: number;
}

export abstract class InlineReader {
  protected depth = 0;
  /** Offset after the last node read. */
  protected position = 0;
  /** Start of the line that `nextContent` returned last. */
  protected lineStart = 0;

  constructor(protected readonly text: string, protected readonly end: number) {}

  fail(): never {
    throw giveUp;
  }

  /** End of the line holding `at` (the offset of its line break, or the end). */
  protected lineEnd(at: number): number {
    const found = this.text.indexOf('\n', at);
    return found < 0 || found > this.end ? this.end : found;
  }

  /**
   * From a line start, skips blank and comment lines to the next content line, recording in `comments`
   * (when given) the deepest indentation of a comment line. Returns undefined at the end of the document.
   */
  protected nextContent(from: number, comments?: { deepestCommentIndent: number }): ContentLine | undefined {
    const text = this.text;
    let start = from;
    while (start < this.end) {
      let at = start;
      while (at < this.end && text.charCodeAt(at) === space) at++;
      const char = at < this.end ? text.charCodeAt(at) : newline;
      if (char === hash) {
        if (comments && at - start > comments.deepestCommentIndent) comments.deepestCommentIndent = at - start;
      } else if (char !== newline) {
        this.lineStart = start;
        return { at, indent: at - start };
      }
      start = this.nextLine(at);
    }
    return undefined;
  }

  /** Where a content line starts, for callers outside the class. */
  firstContent(from: number): ContentLine | undefined {
    return this.nextContent(from);
  }

  /** Offset after the line break of the line holding `at`. */
  protected nextLine(at: number): number {
    const found = this.lineEnd(at);
    return found < this.end ? found + 1 : this.end;
  }

  /** Whether `at` is a space, a line break or the end (what must follow `-` and `:` indicators). */
  protected isSeparator(at: number): boolean {
    if (at >= this.end) return true;
    const char = this.text.charCodeAt(at);
    return char === space || char === newline;
  }

  /** A one-line scalar value at `at`: quoted or plain. Leaves `position` right after it. */
  protected inlineScalar(at: number): Scalar {
    const char = this.text.charCodeAt(at);
    if (char === 34 || char === 39) return this.quoted(at);
    const end = this.plainEnd(at, false);
    if (this.text.charCodeAt(end) === colon && this.isSeparator(end + 1)) this.fail();
    return this.plain(at, end);
  }

  /**
   * End of a plain scalar starting at `at` (before trailing spaces). Block context: up to ` #`, `: `
   * or the line end; flow context also stops at `,[]{}` and `:` before them.
   */
  protected plainEnd(at: number, flow: boolean): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    // Indicators that cannot start a plain scalar here (or that the fast path leaves to `yaml`).
    if (first === 38 || first === 42 || first === 33 || first === 63 || first === 37 || first === 64 || first === 96
      || first === 44 || first === 93 || first === 125 || first === 124 || first === 62 || first === hash || first === colon
      || first === 91 || first === 123 || first === 34 || first === 39 || first === 9) this.fail();
    if (first === dash && this.isSeparator(at + 1)) this.fail();
    let index = at;
    let last = at;
    const end = this.end;
    for (; index < end; index++) {
      const char = text.charCodeAt(index);
      if (char === newline) break;
      if (char === space) continue;
      if (char === hash && text.charCodeAt(index - 1) === space) break;
      if (char === colon) {
        const next = index + 1 < end ? text.charCodeAt(index + 1) : newline;
        if (next === space || next === newline || (flow && (next === 44 || next === 93 || next === 125 || next === 91 || next === 123))) break;
      }
      if (flow && (char === 44 || char === 91 || char === 93 || char === 123 || char === 125)) break;
      if (char === 9 || char === 13) this.fail();
      last = index + 1;
    }
    return last;
  }

  protected plain(start: number, end: number): Scalar {
    const source = this.text.slice(start, end);
    const node = resolvePlainScalar(source);
    node.range = [start, end, end];
    node.source = source;
    node.type = Scalar.PLAIN;
    this.position = end;
    return node;
  }

  /** A single- or double-quoted scalar that ends on its line. */
  protected quoted(start: number): Scalar {
    const read = readQuoted(this.text, start, this.lineEnd(start));
    if (!read) this.fail();
    const node = newScalar(read.value);
    node.range = [start, read.end, read.end];
    node.source = read.value;
    node.type = this.text.charCodeAt(start) === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    this.position = read.end;
    return node;
  }

  /** A one-line flow collection (`[a, b]`, `{ cpu: 1, memory: 1Gi }`), possibly nested. */
  protected flowCollection(start: number): YAMLMap | YAMLSeq {
    if (++this.depth > maxDepth) this.fail();
    const text = this.text;
    const isMap = text.charCodeAt(start) === 123;
    const close = isMap ? 125 : 93;
    const collection = isMap ? newMap() : newSeq();
    collection.flow = true;
    let at = this.skipFlowSpaces(start + 1);
    let expectItem = true;
    for (;;) {
      const char = text.charCodeAt(at);
      if (char === close) break;
      if (!expectItem) this.fail();
      const item = this.flowItem(at);
      at = this.skipFlowSpaces(this.position);
      setNodeEnd(item, at);
      if (isMap) {
        // A merge key (`<<`) is left to `yaml`, which merges it into the mapping.
        if (!(item instanceof Scalar) || text.charCodeAt(at) !== colon || valueEnd(item) !== nodeEnd(item) || item.source === '<<') this.fail();
        const valueAt = this.skipFlowSpaces(at + 1);
        if (valueAt === at + 1 && !(text.charCodeAt(at + 1) === 44 || text.charCodeAt(at + 1) === close)) this.fail();
        const value = this.flowItem(valueAt);
        at = this.skipFlowSpaces(this.position);
        setNodeEnd(value, at);
        (collection as YAMLMap).items.push(newPair(item, value));
      } else {
        if (text.charCodeAt(at) === colon) this.fail();
        (collection as YAMLSeq).items.push(item);
      }
      if (text.charCodeAt(at) === 44) {
        at = this.skipFlowSpaces(at + 1);
        expectItem = true;
      } else {
        expectItem = false;
      }
    }
    collection.range = [start, at + 1, at + 1];
    this.position = at + 1;
    this.depth--;
    return collection;
  }

  private flowItem(at: number): Node {
    const char = this.text.charCodeAt(at);
    if (char === 91 || char === 123) return this.flowCollection(at);
    if (char === 34 || char === 39) return this.quoted(at);
    const end = this.plainEnd(at, true);
    if (end === at) this.fail();
    return this.plain(at, end);
  }

  /** Skips spaces inside a flow collection; a line break or comment there is left to `yaml`. */
  protected skipFlowSpaces(at: number): number {
    let index = at;
    while (index < this.end && this.text.charCodeAt(index) === space) index++;
    if (index >= this.end) this.fail();
    const char = this.text.charCodeAt(index);
    if (char === newline || char === hash) this.fail();
    return index;
  }
}
