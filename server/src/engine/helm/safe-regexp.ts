// Regular expressions from a workspace's values.schema.json (`pattern`, `patternProperties`) run in
// JavaScript's backtracking engine, where some patterns take exponential time (`^(a+)+$`). Helm runs
// them in Go's linear-time engine, which also refuses back-references and lookaround. A pattern
// whose shape could backtrack without end is not evaluated (it passes: a missed finding, never a
// hang); long strings are not tested against patterns with several unbounded quantifiers.
import type { RegExpEngine } from 'ajv/dist/types';

interface Group {
  quantified: boolean;
  alternation: boolean;
}

/** Longest string tested against a pattern that has more than one unbounded quantifier. */
const maxTestedLength = 256;

/** Whether a pattern can be run safely, and how many unbounded quantifiers it has. One linear scan. */
export function patternShape(pattern: string): { safe: boolean; unbounded: number } {
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let lastClosed: Group | undefined;
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    const top = stack[stack.length - 1];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return { safe: false, unbounded };
      index++;
      lastClosed = undefined;
      continue;
    }
    if (inClass) { if (char === ']') inClass = false; continue; }
    if (char === '[') { inClass = true; lastClosed = undefined; continue; }
    if (char === '(') {
      if (pattern.startsWith('(?=', index) || pattern.startsWith('(?!', index) || pattern.startsWith('(?<=', index) || pattern.startsWith('(?<!', index)) return { safe: false, unbounded };
      stack.push({ quantified: false, alternation: false });
      lastClosed = undefined;
      continue;
    }
    if (char === ')') {
      lastClosed = stack.length > 1 ? stack.pop() : undefined;
      if (lastClosed && (lastClosed.quantified || lastClosed.alternation)) {
        const parent = stack[stack.length - 1];
        parent.quantified ||= lastClosed.quantified;
      }
      continue;
    }
    if (char === '|') { top.alternation = true; lastClosed = undefined; continue; }
    const quantifier = char === '*' || char === '+' || char === '?' || (char === '{' && /^\{\d*(?:,\d*)?\}/.test(pattern.slice(index, index + 12)));
    if (quantifier) {
      const open = char === '*' || char === '+' || (char === '{' && /^\{\d*,\}/.test(pattern.slice(index, index + 12)));
      if (open) unbounded++;
      if (lastClosed && (lastClosed.quantified || lastClosed.alternation) && char !== '?') return { safe: false, unbounded };
      top.quantified = true;
      lastClosed = undefined;
      continue;
    }
    lastClosed = undefined;
  }
  return { safe: true, unbounded };
}

const alwaysPasses = { test: (): boolean => true };

/** Ajv's regular expression engine for untrusted schemas (see the file comment). */
export const safeRegExp: RegExpEngine = Object.assign((pattern: string, flags: string) => {
  const shape = patternShape(pattern);
  if (!shape.safe) return alwaysPasses;
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern, flags);
  } catch {
    return alwaysPasses;
  }
  const limit = shape.unbounded > 1 ? maxTestedLength : 100_000;
  return { test: (text: string): boolean => text.length > limit || regexp.test(text) };
}, { code: 'safeRegExp' });
