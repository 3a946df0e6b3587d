// The `{{ ... }}` actions of a Go/Helm template, found by one hand-written forward scan (linear time on
// any input, no regular expressions over the text): strings, raw strings and character constants
// inside an action may hold `}}`; `{{/* ... */}}` is a comment; `{{- ` and ` -}}` are trim markers.
// What an action does (opens a block, outputs a value, declares a variable) is read from its first word.

export type ActionKind =
  | 'comment'
  | 'if' | 'else' | 'end' | 'range' | 'with' | 'define' | 'block' | 'break' | 'continue'
  | 'template'
  /** `$name := ...` or `$name = ...`: prints nothing. */
  | 'assign'
  /** Anything else prints its value (`.Values.x`, `include "x" . | nindent 4`, `toYaml .`). */
  | 'output';

export interface TemplateAction {
  /** Offset of `{{`. */
  start: number;
  /** Offset just after `}}` (the end of the text when the action is not closed). */
  end: number;
  /** The pipeline between the delimiters and trim markers, trimmed. */
  source: string;
  kind: ActionKind;
  trimLeft: boolean;
  trimRight: boolean;
  /** False when the text ends before the closing `}}`. */
  closed: boolean;
  /** Names of the templates this action includes with a literal name: `include "x.labels"`, `template "x"`. */
  includes: string[];
  /** For `define`/`block`: the literal name of the template it defines. */
  defines?: string;
  /** For `else`: the keyword after it (`else if`, `else with`), when there is one. */
  elseOf?: 'if' | 'with' | 'range';
  /** Whether the action reads `.Chart.Version` or `.Chart.AppVersion` (values that change on every chart or app upgrade). */
  chartVersion: boolean;
}

const keywords: ReadonlySet<string> = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'break', 'continue', 'template']);

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function isWordChar(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9') || char === '_';
}

/** Where a quoted literal starting at `at` (`"`, `'` or a backtick) ends (after its closing quote). */
function skipQuoted(text: string, at: number, limit: number): number {
  const quote = text[at];
  let index = at + 1;
  while (index < limit) {
    const char = text[index];
    if (quote !== '`' && char === '\\') { index += 2; continue; }
    if (char === quote) return index + 1;
    // Interpreted strings and character constants cannot span lines: the action is broken, stop here.
    if (quote !== '`' && char === '\n') return index;
    index++;
  }
  return limit;
}

interface Word {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** The words and string literals of a pipeline (other characters separate them), in order. */
function wordsOf(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let index = start;
  while (index < end) {
    const char = text[index];
    if (char === '"' || char === '`') {
      const close = skipQuoted(text, index, end);
      const raw = text.slice(index + 1, Math.max(index + 1, close - 1));
      words.push({ text: char === '"' ? unescapeGo(raw) : raw, start: index, end: close, quoted: true });
      index = close;
    } else if (char === "'") {
      index = skipQuoted(text, index, end);
    } else if (isWordChar(char) || char === '$' || char === '.') {
      const from = index;
      index++;
      while (index < end && (isWordChar(text[index]) || text[index] === '.' || text[index] === '$')) index++;
      words.push({ text: text.slice(from, index), start: from, end: index, quoted: false });
    } else {
      index++;
    }
  }
  return words;
}

/** Go string escapes that a template name could use (names are plain in practice). */
function unescapeGo(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index];
    if (char !== '\\' || index + 1 >= raw.length) { out += char; continue; }
    const next = raw[++index];
    out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
  }
  return out;
}

/** `.Chart.Version`, `$.Chart.AppVersion`, `$root.Chart.Version`: a word reading the chart's version fields. */
function readsChartVersion(word: Word): boolean {
  if (word.quoted) return false;
  return word.text.endsWith('.Chart.Version') || word.text.endsWith('.Chart.AppVersion');
}

type Classified = Pick<TemplateAction, 'kind' | 'includes' | 'defines' | 'elseOf'>;

function classify(text: string, innerStart: number, innerEnd: number): Classified & { chartVersion: boolean } {
  const words = wordsOf(text, innerStart, innerEnd);
  return { ...classifyWords(text, words, innerStart, innerEnd), chartVersion: words.some(readsChartVersion) };
}

function classifyWords(text: string, words: Word[], innerStart: number, innerEnd: number): Classified {
  const includes: string[] = [];
  words.forEach((word, index) => {
    const next = words[index + 1];
    if (!word.quoted && (word.text === 'include' || word.text === 'template') && next?.quoted) includes.push(next.text);
  });
  const first = words[0];
  if (!first || first.quoted || first.start !== innerStart) return { kind: 'output', includes };
  if (keywords.has(first.text)) {
    const kind = first.text as ActionKind;
    if (kind === 'define' || kind === 'block') {
      const name = words[1]?.quoted ? words[1].text : undefined;
      return { kind, includes: kind === 'block' && name ? [name] : [], ...(name !== undefined ? { defines: name } : {}) };
    }
    if (kind === 'else') {
      const after = words[1]?.text;
      const elseOf = after === 'if' || after === 'with' || after === 'range' ? after : undefined;
      return elseOf ? { kind, includes, elseOf } : { kind, includes };
    }
    return { kind, includes };
  }
  if (first.text.startsWith('$')) {
    // `$x := ...` / `$x = ...` (also `$a, $b := ...` outside range is not valid Go: treat alike).
    let index = first.end;
    while (index < innerEnd && (isSpace(text[index]) || text[index] === ',' || text[index] === '$' || isWordChar(text[index]))) index++;
    if (text[index] === '=' || (text[index] === ':' && text[index + 1] === '=')) return { kind: 'assign', includes };
  }
  return { kind: 'output', includes };
}

/**
 * Every action of a template, in order. Never throws; an unclosed action runs to the end of the text
 * (Helm reports that as a parse error; we keep reading what precedes it).
 */
export function scanActions(text: string): TemplateAction[] {
  const actions: TemplateAction[] = [];
  let index = text.indexOf('{{');
  while (index >= 0) {
    const start = index;
    let cursor = start + 2;
    const trimLeft = text[cursor] === '-' && isSpace(text[cursor + 1] ?? '');
    if (trimLeft) cursor += 1;
    while (cursor < text.length && isSpace(text[cursor])) cursor++;
    let closed = false;
    let end = text.length;
    let innerEnd = text.length;
    let comment = false;
    if (text.startsWith('/*', cursor)) {
      comment = true;
      const close = text.indexOf('*/', cursor + 2);
      cursor = close < 0 ? text.length : close + 2;
    }
    while (cursor < text.length) {
      const char = text[cursor];
      if (char === '}' && text[cursor + 1] === '}') {
        closed = true;
        end = cursor + 2;
        innerEnd = cursor;
        break;
      }
      if (!comment && (char === '"' || char === '`' || char === "'")) { cursor = skipQuoted(text, cursor, text.length); continue; }
      cursor++;
    }
    let trimRight = false;
    if (closed && innerEnd >= 2 && text[innerEnd - 1] === '-' && isSpace(text[innerEnd - 2])) {
      trimRight = true;
      innerEnd -= 1;
    }
    let innerStart = start + 2 + (trimLeft ? 1 : 0);
    while (innerStart < innerEnd && isSpace(text[innerStart])) innerStart++;
    while (innerEnd > innerStart && isSpace(text[innerEnd - 1])) innerEnd--;
    const facts = comment ? { kind: 'comment' as const, includes: [], chartVersion: false } : classify(text, innerStart, innerEnd);
    actions.push({ start, end, source: text.slice(innerStart, innerEnd), trimLeft, trimRight, closed, ...facts });
    index = closed ? text.indexOf('{{', end) : -1;
  }
  return actions;
}

/** Whether an action prints something where it stands (an output, an included template, a block). */
export function printsOutput(action: TemplateAction): boolean {
  return action.kind === 'output' || action.kind === 'template' || action.kind === 'block';
}

/** Whether an action opens a block closed by `{{ end }}`. */
export function opensBlock(action: TemplateAction): boolean {
  return action.kind === 'if' || action.kind === 'range' || action.kind === 'with' || action.kind === 'define' || action.kind === 'block';
}
