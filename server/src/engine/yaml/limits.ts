// Input limits that keep the parser safe. The `yaml` composer recurses once per nesting level; near
// 1,000 levels it overflows the stack, and V8 can then abort the whole process while compiling a
// regular expression (a fatal out-of-memory, which no try/catch sees). No Kubernetes object nests
// anywhere near that deep, so deeper input is refused before it is parsed.

/** Deepest nesting (block levels plus open flow collections) a file may have. */
export const maxNestingDepth = 200;

const space = 32;
const tab = 9;
const newline = 10;
const carriageReturn = 13;
const hash = 35;

/**
 * The column a block scalar's content must be indented beyond, when a `|` or `>` at `at` (outside
 * flow collections and quotes) starts one; else -1. It must be a value's first character: right after
 * the line's indicators (then the last indicator's column, or the line's indentation) or after a
 * key's `: ` (then the key's column, `keyColumn`), and only a chomping indicator, spaces and a comment
 * may follow it on its line.
 */
function blockScalarOwner(text: string, at: number, contentAt: number, indicatorColumn: number, keyColon: number, keyColumn: number): number {
  let owner = -1;
  if (at === contentAt) {
    owner = indicatorColumn;
  } else {
    let before = at - 1;
    while (text.charCodeAt(before) === space || text.charCodeAt(before) === tab) before--;
    if (before === keyColon && before < at - 1) owner = keyColumn;
  }
  if (owner < 0) return -1;
  // A chomping indicator may follow. An indentation indicator (`|2`) is not recognised: the content's
  // indentation would then depend on the owner's, which this estimate does not know exactly.
  let after = at + 1;
  if (text[after] === '-' || text[after] === '+') after++;
  const indicatorsEnd = after;
  while (text.charCodeAt(after) === space || text.charCodeAt(after) === tab) after++;
  const next = text.charCodeAt(after);
  const endsLine = after >= text.length || next === newline || next === carriageReturn || (next === hash && after > indicatorsEnd);
  return endsLine ? owner : -1;
}

/**
 * Whether a text nests collections deeper than `limit`: block levels by indentation (plus compact
 * `- - x` items), flow levels by `[`/`{` outside quotes, comments and block scalars. The estimate
 * errs on the high side (brackets in plain scalars count, and a block scalar is recognised only
 * when written plainly: `key: |`, `- >-`), but the limit is far above real manifests. A flow
 * collection or a quoted value ends, as in the `yaml` lexer, at a line indented no deeper than the
 * line it started on; a block scalar's content, at a line indented less than its first line (which
 * is indented deeper than the scalar's key or `-`): what is indented as deep is text, whatever it holds.
 */
export function nestsDeeperThan(text: string, limit = maxNestingDepth): boolean {
  const indents: number[] = [];
  let flow = 0;
  let flowIndent = -1;
  let quote = 0;
  let quoteIndent = -1;
  /** While in a block scalar: the column its content is indented beyond, and its first line's indentation (-1 before it). */
  let blockOwner = -1;
  let blockIndent = -1;
  let index = 0;
  const length = text.length;
  while (index < length) {
    let indent = 0;
    while (text.charCodeAt(index + indent) === space) indent++;
    let at = index + indent;
    const first = text.charCodeAt(at);
    if (blockOwner >= 0) {
      const whitespaceOnly = at >= length || first === newline || first === carriageReturn;
      if (!whitespaceOnly && blockIndent < 0 && indent > blockOwner) blockIndent = indent;
      if (whitespaceOnly || (blockIndent >= 0 && indent >= blockIndent)) {
        const lineEnd = text.indexOf('\n', at);
        index = lineEnd < 0 ? length : lineEnd + 1;
        continue;
      }
      blockOwner = -1;
    }
    const blank = at >= length || first === newline || first === carriageReturn || first === hash;
    let contentAt = -1;
    let indicatorColumn = indent;
    if (!blank) {
      if (quote && indent <= quoteIndent) quote = 0;
      if (flow && indent <= flowIndent && first !== 93 && first !== 125) flow = 0;
      if (!flow && !quote) {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let compact = 0;
        while ((text[at] === '-' || text[at] === '?' || text[at] === ':') && (text.charCodeAt(at + 1) === space || text.charCodeAt(at + 1) === tab)) {
          compact++;
          indicatorColumn = at - index;
          at += 2;
          while (text.charCodeAt(at) === space || text.charCodeAt(at) === tab) at++;
        }
        if (indents.length + compact > limit) return true;
        contentAt = at;
      }
    }
    /** The `:` of a key found on this line (outside flow collections and quotes), and the key's column. */
    let keyColon = -1;
    const keyColumn = contentAt - index;
    for (; at < length; at++) {
      const char = text.charCodeAt(at);
      if (char === newline) break;
      if (quote) {
        if (char === quote) {
          if (quote === 34) {
            let slashes = 0;
            while (text.charCodeAt(at - 1 - slashes) === 92) slashes++;
            if (slashes % 2 === 0) quote = 0;
          } else if (text.charCodeAt(at + 1) === 39) {
            at++;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      if (char === hash && (at === index || text.charCodeAt(at - 1) === space || text.charCodeAt(at - 1) === tab)) {
        while (at < length && text.charCodeAt(at) !== newline) at++;
        break;
      }
      if (contentAt >= 0 && flow === 0 && (char === 124 || char === 62)) {
        blockOwner = blockScalarOwner(text, at, contentAt, indicatorColumn, keyColon, keyColumn);
        blockIndent = -1;
        if (blockOwner >= 0) {
          while (at < length && text.charCodeAt(at) !== newline) at++;
          break;
        }
      }
      if (char === 58 && flow === 0 && keyColon < 0) {
        const next = text.charCodeAt(at + 1);
        if (at + 1 >= length || next === space || next === tab || next === newline || next === carriageReturn) keyColon = at;
      }
      if (char === 34 || char === 39) {
        quote = char;
        quoteIndent = indent;
      } else if (char === 91 || char === 123) {
        if (flow === 0) flowIndent = indent;
        flow++;
        if (indents.length + flow > limit) return true;
      } else if ((char === 93 || char === 125) && flow > 0) {
        flow--;
      }
    }
    index = at + 1;
  }
  return false;
}

/**
 * Whether a value contains itself (`a: &x {b: *x}` builds such a value): Kubernetes' YAML decoder
 * refuses it, and walking it would never end.
 */
export function containsItself(value: unknown): boolean {
  const onPath = new Set<object>();
  // Depth-first, with an explicit stack: 'exit' entries take a node off the current path.
  const stack: { value: unknown; exit: boolean }[] = [{ value, exit: false }];
  while (stack.length) {
    const { value: current, exit } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (exit) {
      onPath.delete(current);
      continue;
    }
    if (onPath.has(current)) return true;
    onPath.add(current);
    stack.push({ value: current, exit: true });
    const children = Array.isArray(current) ? current : current instanceof Map ? [...current.values()] : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ value: child, exit: false });
  }
  return false;
}
