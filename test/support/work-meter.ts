// Counting the work done on text, independently of the machine's speed (issue 19): while a meter runs,
// RegExp.prototype.exec and the String methods that scan or copy text are wrapped, and every call adds
// the number of characters it may examine. Every regular-expression entry point goes through `exec`
// once it is replaced (String.prototype.replace, match, matchAll, split, search and RegExp test all call
// it, per the ECMAScript spec), so dynamically built expressions are seen too.
//
// What the count covers: how many times text is handed to a scan, and how much of it. What it cannot
// see is backtracking inside one regular-expression match: for that, every expression that ran is
// handed to eslint-plugin-regexp's super-linear rules (`superLinearExpressions`), the same rules the lint
// applies to the literals in the sources.
import { Linter } from 'eslint';
import * as regexp from 'eslint-plugin-regexp';

export interface Work {
  /** Characters that scans and copies may have examined. */
  chars: number;
  /** Regular-expression executions. */
  regexCalls: number;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The String methods whose cost grows with the text: how many characters each call may examine. */
const stringCosts: Record<string, (self: string, args: unknown[], result: unknown) => number> = {
  indexOf: (self, args, result) => {
    const from = Math.max(0, Number(args[1] ?? 0) || 0);
    return (result as number) < 0 ? self.length - from : (result as number) - from + String(args[0]).length;
  },
  lastIndexOf: (self, args, result) => {
    const from = args[1] === undefined ? self.length : Math.min(self.length, Number(args[1]) || 0);
    return from - Math.max(0, result as number) + String(args[0]).length;
  },
  includes: (self) => self.length,
  slice: (_self, _args, result) => (result as string).length,
  substring: (_self, _args, result) => (result as string).length,
  substr: (_self, _args, result) => (result as string).length,
  split: (self) => self.length,
  trim: (self) => self.length,
  trimStart: (self) => self.length,
  trimEnd: (self) => self.length,
  toLowerCase: (self) => self.length,
  toUpperCase: (self) => self.length,
  repeat: (_self, _args, result) => (result as string).length,
  padStart: (_self, _args, result) => (result as string).length,
  padEnd: (_self, _args, result) => (result as string).length,
  replaceAll: (self) => self.length,
};

/** Runs `task` with the meter on; returns its result, the work counted and the expressions that ran. */
export function measureWork<T>(task: () => T): { result: T; work: Work; expressions: Set<RegExp> } {
  const work: Work = { chars: 0, regexCalls: 0 };
  const seen = new Map<string, RegExp>();
  const originalExec = RegExp.prototype.exec;
  const originals = new Map<string, Method>();
  let depth = 0;
  RegExp.prototype.exec = function exec(this: RegExp, input: string): RegExpExecArray | null {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const match = originalExec.call(this, input);
    if (depth === 0) {
      depth++;
      try {
        // A linear expression examines the text up to the end of its match, or to the end when none.
        // A sticky one tries one position only (String.prototype.split tries each position with one, as
        // the spec says, once exec is replaced): its match, or one character.
        const end = match ? match.index + match[0].length : this.sticky ? from + 1 : String(input).length;
        work.regexCalls++;
        work.chars += Math.max(1, end - from);
        const key = `${this.source}/${this.flags}`;
        if (!seen.has(key)) seen.set(key, new RegExp(this.source, this.flags));
      } finally {
        depth--;
      }
    }
    return match;
  };
  const prototype = String.prototype as unknown as Record<string, Method>;
  for (const [name, cost] of Object.entries(stringCosts)) {
    const original = prototype[name];
    originals.set(name, original);
    prototype[name] = function metered(this: unknown, ...args: unknown[]): unknown {
      const result = original.apply(this, args);
      if (depth === 0) {
        depth++;
        try {
          work.chars += cost(String(this), args, result);
        } finally {
          depth--;
        }
      }
      return result;
    };
  }
  try {
    return { result: task(), work, expressions: new Set(seen.values()) };
  } finally {
    RegExp.prototype.exec = originalExec;
    for (const [name, original] of originals) prototype[name] = original;
  }
}

const linter = new Linter({ configType: 'flat' });
const superLinearRules: Linter.Config[] = [{
  plugins: { regexp },
  rules: { 'regexp/no-super-linear-backtracking': 'error', 'regexp/no-super-linear-move': 'error' },
}];
const verdicts = new Map<string, string[]>();

/** The expressions that eslint-plugin-regexp finds able to backtrack or move super-linearly, with why. */
export function superLinearExpressions(expressions: Iterable<RegExp>): string[] {
  const found: string[] = [];
  for (const expression of expressions) {
    const literal = String(expression);
    let messages = verdicts.get(literal);
    if (!messages) {
      messages = linter.verify(`${literal};\n`, superLinearRules).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
      verdicts.set(literal, messages);
    }
    for (const message of messages) found.push(`${literal} ${message}`);
  }
  return found;
}
