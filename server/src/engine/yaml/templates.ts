// Go/Helm template expressions (`{{ ... }}`): a file holding one outside quoted and block scalars is a
// template, not YAML until rendered. Inside such scalars (a ConfigMap holding an alerting template,
// say) it is only text. Found in one pass over the text, whatever it holds: a `{{` with no `}}` after
// it costs one look for the next `}`, shared by every `{{` before that `}`.
import { Scalar, visit, type Document } from 'yaml';
import type { Span } from '../types';

/**
 * The template expressions of a text: `{{`, then anything but `}`, then `}}` (what the pattern
 * /\{\{[^}]*\}\}/ matches, found without backtracking), within a range of the text.
 */
export class TemplateScanner {
  /** The last `}` looked for: the first one at or after `from` is at `at` (-1: none). */
  private close = { from: Number.POSITIVE_INFINITY, at: -1 };
  private open = { from: Number.POSITIVE_INFINITY, at: -1 };
  /** Characters passed over looking for `{{` and `}` (for tests: it stays within twice the text's length). */
  charactersScanned = 0;

  constructor(private readonly text: string) {}

  /** Whether an expression starts and ends in [from, to). */
  hasExpression(from: number, to: number): boolean {
    return !this.expressions(from, to).next().done;
  }

  /** The expressions that start in [from, to) and end before `to`, in order. */
  *expressions(from: number, to: number): Generator<Span> {
    let at = from;
    for (;;) {
      const start = this.next('{{', at, this.open);
      if (start < 0 || start >= to) return;
      const close = this.next('}', start + 2, this.close);
      if (close < 0 || close + 1 >= to) return;
      if (this.text.charCodeAt(close + 1) === 125) {
        yield { start, end: close + 2 };
        at = close + 2;
      } else {
        // No `{{` before this `}` closes: the first `}` after each of them is this one.
        at = close + 1;
      }
    }
  }

  /** The first `needle` at or after `from`, remembering the answer for later questions past `from`. */
  private next(needle: string, from: number, memo: { from: number; at: number }): number {
    if (memo.from <= from && (memo.at < 0 || memo.at >= from)) return memo.at;
    memo.from = from;
    memo.at = this.text.indexOf(needle, from);
    this.charactersScanned += (memo.at < 0 ? this.text.length : memo.at) - from;
    return memo.at;
  }
}

/**
 * The first template expression in text[from, to) that is not inside a quoted or block scalar of the
 * documents parsed from that range. When a document has a syntax error, every expression counts.
 */
export function findTemplate(scanner: TemplateScanner, docs: readonly Document.Parsed[], from: number, to: number): Span | undefined {
  if (!scanner.hasExpression(from, to)) return undefined;
  const textSpans: [number, number][] = [];
  if (docs.every((doc) => doc.errors.length === 0)) {
    for (const doc of docs) {
      visit(doc, {
        Scalar(_key, node) {
          if (node.range && node.type !== Scalar.PLAIN) textSpans.push([node.range[0], node.range[1]]);
        },
      });
    }
  }
  // Expressions come in the order of the text: one walk over both, the scalars sorted alike.
  textSpans.sort((a, b) => a[0] - b[0]);
  let scalar = 0;
  for (const expression of scanner.expressions(from, to)) {
    while (scalar < textSpans.length && textSpans[scalar][1] <= expression.start) scalar++;
    const inside = scalar < textSpans.length && textSpans[scalar][0] <= expression.start;
    if (!inside) return expression;
  }
  return undefined;
}

/** A `sed`-style placeholder at `at`: `@`, a name (letters, digits, `_`, `-`, `.`), `@`; its end, else -1. */
function placeholderEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== 64) return -1;
  let end = at + 1;
  while (end < text.length && end - at <= 100 && /[A-Za-z0-9_.-]/.test(text[end])) end++;
  return end > at + 1 && text.charCodeAt(end) === 64 ? end + 1 : -1;
}

/** The first placeholder on the line of `offset` (the line is read once: `seen` remembers lines by start). */
function placeholderOnLine(text: string, offset: number, seen: Map<number, Span | null>): Span | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const known = seen.get(start);
  if (known !== undefined) return known ?? undefined;
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  let found: Span | null = null;
  for (let at = text.indexOf('@', start); at >= 0 && at < end; at = text.indexOf('@', at + 1)) {
    const close = placeholderEnd(text, at);
    if (close > 0) {
      found = { start: at, end: close };
      break;
    }
  }
  seen.set(start, found);
  return found ?? undefined;
}

/**
 * A `sed`-style template (`image: @IMAGE@`, filled in by a script before kubectl sees it): the span of
 * its first placeholder, when the text's YAML breaks exactly there. A plain scalar cannot start with
 * `@` (a reserved indicator), so every syntax problem must start at a placeholder, or lie on a line
 * that holds one; at least one must start at a placeholder. Each line is scanned at most once.
 */
export function findPlaceholderTemplate(text: string, problems: readonly Span[]): Span | undefined {
  if (problems.length === 0) return undefined;
  const seen = new Map<number, Span | null>();
  let first: Span | undefined;
  let exact = false;
  for (const problem of problems) {
    const close = placeholderEnd(text, problem.start);
    if (close > 0) {
      exact = true;
      if (!first || problem.start < first.start) first = { start: problem.start, end: close };
      continue;
    }
    const onLine = placeholderOnLine(text, problem.start, seen);
    if (!onLine) return undefined;
    if (!first || onLine.start < first.start) first = onLine;
  }
  return exact ? first : undefined;
}
