// The line and one-line-scalar machinery of the data reader (data.ts): finding content lines, where a
// plain scalar ends, the spaces inside a flow collection. Whatever it is unsure of, it gives up on
// (`fail`), and the caller parses the text with `yaml`.

/** Thrown (and caught by readDataDocument) when the text needs the full parser. */
export const giveUp: unique symbol = Symbol('the data reader does not apply');

/** Nesting the reader follows (a StatefulSet's deepest field is about 15 levels down). */
export const maxDepth = 64;

/** Longest implicit key `yaml` accepts: the `:` at most 1024 characters after the key's start (KEY_OVER_1024_CHARS). */
export const maxImplicitKeyLength = 1024;

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

/** Whether a character is one of the flow indicators `,[]{}`. */
function isFlowIndicator(char: number): boolean {
  return char === 44 || char === 91 || char === 93 || char === 123 || char === 125;
}

export abstract class LineReader {
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

  /**
   * End of a plain scalar starting at `at` (before trailing spaces). Block context: up to ` #`, `: `
   * or the line end; flow context also stops at `,[]{}` and `:` before them.
   */
  protected plainEnd(at: number, flow: boolean): number {
    const text = this.text;
    const first = text.charCodeAt(at);
    // Indicators that cannot start a plain scalar here (or that the reader leaves to `yaml`).
    if (first === 38 || first === 42 || first === 33 || first === 63 || first === 37 || first === 64 || first === 96
      || first === 44 || first === 93 || first === 125 || first === 124 || first === 62 || first === hash || first === colon
      || first === 91 || first === 123 || first === 34 || first === 39 || first === 9) this.fail();
    // `-` starts a plain scalar only before a character that may go on one: in a flow collection not
    // before `,[]{}` (`[-]` is a block sequence indicator there, an error: BLOCK_IN_FLOW).
    if (first === dash && (this.isSeparator(at + 1) || (flow && isFlowIndicator(text.charCodeAt(at + 1))))) this.fail();
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
        if (next === space || next === newline || (flow && isFlowIndicator(next))) break;
      }
      if (flow && isFlowIndicator(char)) break;
      if (char === 9 || char === 13) this.fail();
      last = index + 1;
    }
    return last;
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
