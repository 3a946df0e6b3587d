// The block structure of YAML for the fast path (fast-yaml.ts): mappings and sequences by
// indentation, values on the key's line or below, block scalars, and where comment and blank lines
// end up, which moves the ends of ranges. Following the `yaml` parser: comment lines indented deeper
// than the collection holding a one-line value belong to that value; the lines after the last entry
// of a nested collection belong to it when one of their comments is indented at least as deep as the
// collection, else to the collection around it.
import { Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { newMap, newPair, newScalar, newSeq, nodeEnd, setNodeEnd } from './nodes';
import { readBlockScalar } from './scalars';
import { colon, dash, hash, InlineReader, maxDepth, newline, space, type ContentLine, type Node } from './inline';

/** Lines between the end of a collection's last entry and the next content (or the end of the document). */
interface Trailer {
  /** The deepest indentation of a comment line in it, -1 without comments. */
  deepestCommentIndent: number;
  /** Where the next content begins (after its indentation), or the document's end. */
  end: number;
  claimed: boolean;
}

export class FastParser extends InlineReader {
  /**
   * Set when a collection closes: the next content line (undefined at the end of the document) and
   * the lines before it, which the collections around it, closing at the same line, examine in turn.
   */
  private closing: { next: ContentLine | undefined; trailer: Trailer } | undefined;
  /** Whether the last value parsed was empty (`key:` or `-` with nothing after): its entry keeps the lines after it. */
  lastValueEmpty = false;

  /** Parses one document whose content starts at `first`; returns the root node. */
  parseDocument(first: ContentLine): Node {
    if (first.indent !== 0) this.fail();
    const root = this.blockNode(first.at, 0, -1);
    // A document that is a lone scalar or flow collection gets its comments differently: not taken.
    if (root instanceof Scalar || root.flow) this.fail();
    const closing = this.closing;
    this.closing = undefined;
    if (closing ? closing.next : this.nextContent(this.position)) this.fail();
    return root;
  }

  /** A node starting at `at` (column `column`) inside a collection indented `parentIndent`. */
  private blockNode(at: number, column: number, parentIndent: number): Node {
    // Deeper nesting is left to the full parse, after the nesting limit (limits.ts) has been checked.
    if (++this.depth > maxDepth) this.fail();
    const node = this.blockNodeAt(at, column, parentIndent);
    this.depth--;
    return node;
  }

  private blockNodeAt(at: number, column: number, parentIndent: number): Node {
    const text = this.text;
    const char = text.charCodeAt(at);
    if (char === dash && this.isSeparator(at + 1)) return this.blockSequence(at, column);
    if (char === 91 || char === 123) {
      const node = this.flowCollection(at);
      if (this.text.charCodeAt(this.position) === colon) this.fail();
      this.endOfValueLine(node, parentIndent);
      return node;
    }
    if (char === 124 || char === 62) return this.blockScalar(at, parentIndent);
    const key = this.keyAt(at);
    if (key) return this.blockMap(at, column, key);
    const scalar = this.inlineScalar(at);
    this.endOfValueLine(scalar, parentIndent);
    return scalar;
  }

  /**
   * After a one-line value (scalar or flow collection) that ends at `position`: the rest of its line
   * (spaces, a comment, the line break) and any deeper-indented comment lines that follow belong to it.
   */
  private endOfValueLine(node: Node, parentIndent: number): void {
    const text = this.text;
    let at = this.position;
    while (at < this.end && text.charCodeAt(at) === space) at++;
    if (at < this.end) {
      const char = text.charCodeAt(at);
      if (char === hash && (at === this.position ? false : true)) at = this.lineEnd(at);
      else if (char !== newline) this.fail();
    }
    let end = at < this.end ? at + 1 : this.end;
    // Comment lines indented deeper than the collection around the value (blank lines between them too).
    for (let line = end; line < this.end;) {
      let first = line;
      while (first < this.end && text.charCodeAt(first) === space) first++;
      const char = first < this.end ? text.charCodeAt(first) : newline;
      if (char === hash && first - line > parentIndent) {
        end = this.nextLine(first);
        line = end;
      } else if (char === newline && first < this.end) {
        line = first + 1;
      } else {
        break;
      }
    }
    setNodeEnd(node, end);
    this.position = end;
  }

  /**
   * Whether a mapping key starts at `at`: a plain or quoted scalar followed by `:` and a space or the
   * line end. Returns the key node (with `position` after the colon) or undefined.
   */
  private keyAt(at: number): Scalar | undefined {
    const char = this.text.charCodeAt(at);
    let key: Scalar;
    if (char === 34 || char === 39) {
      key = this.quoted(at);
    } else {
      const end = this.plainEnd(at, false);
      if (this.text.charCodeAt(end) !== colon || !this.isSeparator(end + 1)) return undefined;
      key = this.plain(at, end);
    }
    const after = this.position;
    if (this.text.charCodeAt(after) !== colon || !this.isSeparator(after + 1)) {
      if (char === 34 || char === 39) return undefined;
      this.fail();
    }
    if (key.source === '<<') this.fail();
    this.position = after + 1;
    return key;
  }

  private blockMap(start: number, indent: number, firstKey: Scalar): YAMLMap {
    const map = newMap();
    let key: Scalar | undefined = firstKey;
    let end = start;
    for (;;) {
      this.lastValueEmpty = false;
      const value = this.mapValue(indent);
      map.items.push(newPair(key, value));
      end = nodeEnd(value);
      const next = this.closeOrContinue(indent, true);
      if (!next) break;
      key = this.keyAt(next.at);
      if (!key) this.fail();
    }
    map.range = [start, end, this.trailerEnd(indent, end)];
    return map;
  }

  /** The value after a key's colon (`position` is right after the colon). */
  private mapValue(indent: number): Node {
    const text = this.text;
    let at = this.position;
    while (at < this.end && text.charCodeAt(at) === space) at++;
    const char = at < this.end ? text.charCodeAt(at) : newline;
    if (char !== newline && char !== hash) {
      const value = this.blockNode(at, at - this.lineStart, indent);
      if ((value instanceof YAMLMap || value instanceof YAMLSeq) && !value.flow) this.fail();
      return value;
    }
    return this.valueOnNextLines(at, char === hash, indent, true);
  }

  /**
   * A value that starts on a later line (after `key:` or `-` with nothing else on the line), or an
   * empty value. `at` is after the indicator and its spaces.
   */
  private valueOnNextLines(at: number, comment: boolean, indent: number, inMap: boolean): Node {
    const afterLine = this.nextLine(at);
    const next = this.nextContent(afterLine);
    if (next && (next.indent > indent || (inMap && next.indent === indent && this.text.charCodeAt(next.at) === dash && this.isSeparator(next.at + 1)))) {
      return this.blockNode(next.at, next.indent, indent);
    }
    // An empty value: no comment may follow it (they would be attached to it).
    const probe: Trailer = { deepestCommentIndent: -1, end: 0, claimed: false };
    this.nextContent(afterLine, probe);
    if (probe.deepestCommentIndent >= 0) this.fail();
    const node = newScalar(null);
    this.lastValueEmpty = true;
    // A comment after the indicator keeps the lines up to the next content (a key of the same mapping
    // takes them back from the first blank line on).
    let end = at;
    if (comment) {
      end = next ? next.at : this.end;
      if (inMap && next && next.indent === indent && this.lineStart > afterLine) end = this.lineEnd(afterLine);
    }
    node.range = [at, at, end];
    node.source = '';
    node.type = Scalar.PLAIN;
    this.position = afterLine;
    return node;
  }

  private blockSequence(start: number, indent: number): YAMLSeq {
    const seq = newSeq();
    let dashAt = start;
    let end = start;
    for (;;) {
      this.lastValueEmpty = false;
      const item = this.sequenceItem(dashAt, indent);
      seq.items.push(item);
      end = nodeEnd(item);
      const next = this.closeOrContinue(indent, false);
      if (!next) break;
      dashAt = next.at;
    }
    seq.range = [start, end, this.trailerEnd(indent, end)];
    return seq;
  }

  private sequenceItem(dashAt: number, indent: number): Node {
    const text = this.text;
    let at = dashAt + 1;
    while (at < this.end && text.charCodeAt(at) === space) at++;
    const char = at < this.end ? text.charCodeAt(at) : newline;
    if (char !== newline && char !== hash) return this.blockNode(at, at - this.lineStart, indent);
    return this.valueOnNextLines(at, char === hash, indent, false);
  }

  /**
   * After an entry: the next content line when the collection goes on (same
   * indentation), else undefined, having recorded the trailing lines for the closing collections.
   */
  private closeOrContinue(indent: number, isMap: boolean): ContentLine | undefined {
    let closing = this.closing;
    this.closing = undefined;
    if (!closing) {
      // The entry ended with a one-line value, a block scalar or an empty value: `position` is a line start.
      const trailer: Trailer = { deepestCommentIndent: -1, end: this.end, claimed: false };
      const next = this.nextContent(this.position, trailer);
      if (next) trailer.end = next.at;
      closing = { next, trailer };
    }
    const next = closing.next;
    if (next && next.indent > indent) this.fail();
    // At the same indentation a mapping goes on with a key and a sequence with `- `; otherwise they close
    // (a sequence written at its key's indentation is followed by the next key).
    const continues = next !== undefined && next.indent === indent
      && isMap !== (this.text.charCodeAt(next.at) === dash && this.isSeparator(next.at + 1));
    if (continues) return next;
    this.closing = closing;
    return undefined;
  }

  /** End of a closing collection's range: its trailing lines are its own when a comment there is indented as deep. */
  private trailerEnd(indent: number, end: number): number {
    const trailer = this.closing?.trailer;
    if (!trailer || trailer.claimed || indent === 0 || trailer.deepestCommentIndent < indent) return end;
    trailer.claimed = true;
    return trailer.end;
  }

  /** `|` or `>` with an optional chomping indicator; the content lines follow. */
  private blockScalar(start: number, parentIndent: number): Scalar {
    const read = readBlockScalar(this.text, start, this.end, parentIndent);
    if (!read) this.fail();
    const node = newScalar(read.value);
    node.range = [start, read.end, read.end];
    node.source = read.value;
    node.type = this.text.charCodeAt(start) === 62 ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    this.position = read.end;
    return node;
  }
}
