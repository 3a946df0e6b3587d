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
 * Whether a text nests collections deeper than `limit`: block levels by indentation (plus compact
 * `- - x` items), flow levels by `[`/`{` outside quotes and comments. The estimate errs on the high
 * side (brackets in plain or block scalars count), but the limit is far above real manifests.
 * A flow collection or a quoted value ends, as in the `yaml` lexer, at a line indented no deeper
 * than the line it started on.
 */
export function nestsDeeperThan(text: string, limit = maxNestingDepth): boolean {
  const indents: number[] = [];
  let flow = 0;
  let flowIndent = -1;
  let quote = 0;
  let quoteIndent = -1;
  let index = 0;
  const length = text.length;
  while (index < length) {
    let indent = 0;
    while (text.charCodeAt(index + indent) === space) indent++;
    let at = index + indent;
    const first = text.charCodeAt(at);
    const blank = at >= length || first === newline || first === carriageReturn || first === hash;
    if (!blank) {
      if (quote && indent <= quoteIndent) quote = 0;
      if (flow && indent <= flowIndent && first !== 93 && first !== 125) flow = 0;
      if (!flow && !quote) {
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let compact = 0;
        while ((text[at] === '-' || text[at] === '?' || text[at] === ':') && (text.charCodeAt(at + 1) === space || text.charCodeAt(at + 1) === tab)) {
          compact++;
          at += 2;
          while (text.charCodeAt(at) === space || text.charCodeAt(at) === tab) at++;
        }
        if (indents.length + compact > limit) return true;
      }
    }
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
