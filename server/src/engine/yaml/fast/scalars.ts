// Scalars for the data reader (data.ts). Plain scalars resolved as the `yaml` package's default (YAML
// 1.2 core) schema does: the same tests in the same order (null, bool, octal, decimal and hexadecimal
// integers, NaN/Infinity, exponent and fixed floats) and the same values; one-line quoted scalars;
// literal and folded block scalars.

const nullValue = /^(?:~|[Nn]ull|NULL)?$/;
const boolValue = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const octal = /^0o[0-7]+$/;
const decimal = /^[-+]?[0-9]+$/;
const hexadecimal = /^0x[0-9a-fA-F]+$/;
const notANumber = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const exponent = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const fixed = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Whether a plain scalar starting with this character can only be a string (most values). */
function onlyString(first: number): boolean {
  // Letters other than n N t T f F (null, true, false), and anything that is not ~ + - . or a digit.
  if ((first >= 97 && first <= 122) || (first >= 65 && first <= 90)) {
    return first !== 110 && first !== 78 && first !== 116 && first !== 84 && first !== 102 && first !== 70;
  }
  return !(first === 126 || first === 43 || first === 45 || first === 46 || (first >= 48 && first <= 57));
}

/** The value `yaml` gives a plain scalar with this source text. */
export function plainScalarValue(source: string): unknown {
  if (onlyString(source.charCodeAt(0))) return source;
  if (nullValue.test(source)) return null;
  if (boolValue.test(source)) return source[0] === 't' || source[0] === 'T';
  if (octal.test(source)) return parseInt(source.substring(2), 8);
  if (decimal.test(source)) return parseInt(source, 10);
  if (hexadecimal.test(source)) return parseInt(source.substring(2), 16);
  if (notANumber.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (exponent.test(source) || fixed.test(source)) return parseFloat(source);
  return source;
}

/**
 * The value of the plain scalar text[start, end): plainScalarValue's, remembered for short scalars.
 * The same keys (name, labels, containerPort) and many values (TCP, IfNotPresent) recur on every
 * object: a remembered one costs no new string, and one string is kept for all its occurrences. A
 * direct-mapped table of 1,024 entries, each checked against the text before it is used.
 */
export function plainScalarAt(text: string, start: number, end: number): unknown {
  const length = end - start;
  if (length > maxRemembered || length === 0) return plainScalarValue(text.slice(start, end));
  const slot = (length * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(start + (length >> 1)) * 3 + text.charCodeAt(end - 1)) & (slots - 1);
  const known = rememberedSources[slot];
  if (known !== undefined && known.length === length && text.startsWith(known, start)) return rememberedValues[slot];
  const source = text.slice(start, end);
  const value = plainScalarValue(source);
  // In V8 a slice of 13 characters or more points into the whole text: the table keeps a string of its
  // own, so that it never holds on to the text of a file that an editor has replaced since.
  const kept = length >= 13 ? ownString(source) : source;
  rememberedSources[slot] = kept;
  rememberedValues[slot] = value === source ? kept : value;
  return value;
}

/**
 * A string with the same characters that shares no memory with the text it was sliced from: V8 copies
 * the characters when it flattens the concatenation, and slices that copy.
 */
function ownString(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** Empties the table (for tests that count the work of one run on its own). */
export function forgetRememberedScalars(): void {
  rememberedSources.fill(undefined);
  rememberedValues.fill(undefined);
}

const slots = 1024;
const maxRemembered = 64;
const rememberedSources: (string | undefined)[] = new Array<string | undefined>(slots).fill(undefined);
const rememberedValues: unknown[] = new Array<unknown>(slots).fill(undefined);

interface Read {
  value: string;
  /** Offset after the scalar (after the closing quote; for a block scalar, the start of the line after it). */
  end: number;
}

/** The escapes of double-quoted scalars that the reader reads; any other goes to `yaml`. */
const escapes: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', r: '\r', '0': '\0', ' ': ' ' };

/** A quoted scalar starting at `start` that closes before `lineEnd`, or undefined. */
export function readQuoted(text: string, start: number, lineEnd: number): Read | undefined {
  const quote = text.charCodeAt(start);
  let value = '';
  let from = start + 1;
  let index = from;
  for (;;) {
    if (index >= lineEnd) return undefined;
    const char = text.charCodeAt(index);
    if (char === quote) {
      if (quote !== 39 || text.charCodeAt(index + 1) !== 39) break;
      value += text.slice(from, index + 1);
      index += 2;
      from = index;
      continue;
    }
    if (quote === 34 && char === 92) {
      const escaped = escapes[text[index + 1]];
      if (escaped === undefined) return undefined;
      value += text.slice(from, index) + escaped;
      index += 2;
      from = index;
      continue;
    }
    index++;
  }
  return { value: value + text.slice(from, index), end: index + 1 };
}

/**
 * A literal (`|`) or folded (`>`) block scalar whose header is at `start`, with clip, strip (`-`)
 * or keep (`+`) chomping, inside a collection indented `parentIndent`; undefined for what the
 * reader leaves to `yaml` (indentation indicators, whitespace-only lines deeper than the content, an
 * empty scalar).
 */
export function readBlockScalar(text: string, start: number, end: number, parentIndent: number): Read | undefined {
  const folded = text.charCodeAt(start) === 62;
  let at = start + 1;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  if (text[at] === '-') { chomp = 'strip'; at++; } else if (text[at] === '+') { chomp = 'keep'; at++; }
  let headerEnd = at;
  while (headerEnd < end && text.charCodeAt(headerEnd) === 32) headerEnd++;
  if (headerEnd < end && text.charCodeAt(headerEnd) !== 10 && (text.charCodeAt(headerEnd) !== 35 || headerEnd === at)) return undefined;
  const lineEndOf = (from: number): number => {
    const found = text.indexOf('\n', from);
    return found < 0 || found > end ? end : found;
  };
  const headerLineEnd = lineEndOf(headerEnd);
  let line = headerLineEnd < end ? headerLineEnd + 1 : end;
  const lines: string[] = [];
  const moreIndented: boolean[] = [];
  let contentIndent = -1;
  let contentEnd = line;
  let keepEnd = line;
  let trailingBlank = 0;
  while (line < end) {
    let first = line;
    while (first < end && text.charCodeAt(first) === 32) first++;
    const lineEnd = lineEndOf(first);
    const next = lineEnd < end ? lineEnd + 1 : end;
    if (first >= lineEnd) {
      // A whitespace-only line: before the content it may hold no spaces, after it no more than the content's.
      if (contentIndent < 0 ? first > line : first - line > contentIndent) return undefined;
      // Spaces at the very end of the text, with no line break after them: `yaml` is inconsistent there.
      if (lineEnd >= end) return undefined;
      lines.push('');
      moreIndented.push(false);
      trailingBlank++;
      line = next;
      keepEnd = line;
      continue;
    }
    const indent = first - line;
    if (contentIndent < 0) {
      if (indent <= parentIndent) break;
      contentIndent = indent;
    }
    if (indent < contentIndent) break;
    lines.push(text.slice(line + contentIndent, lineEnd));
    moreIndented.push(indent > contentIndent);
    trailingBlank = 0;
    line = next;
    contentEnd = line;
    keepEnd = line;
  }
  if (contentIndent < 0) return undefined;
  const body = lines.slice(0, lines.length - trailingBlank);
  let value = folded ? foldLines(body, moreIndented) : body.join('\n');
  if (chomp !== 'strip') value += '\n';
  if (chomp === 'keep') value += '\n'.repeat(trailingBlank);
  return { value, end: chomp === 'keep' ? keepEnd : contentEnd };
}

/** Folded block scalar lines: single breaks between ordinary lines become spaces; more-indented lines keep theirs. */
function foldLines(lines: string[], moreIndented: boolean[]): string {
  let value = '';
  let blanks = 0;
  let previous = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') {
      blanks++;
      continue;
    }
    if (previous < 0) value += '\n'.repeat(blanks);
    else if (moreIndented[previous] || moreIndented[index]) value += '\n'.repeat(blanks + 1);
    else value += blanks ? '\n'.repeat(blanks) : ' ';
    value += line;
    blanks = 0;
    previous = index;
  }
  return value;
}
