// Text → parsed file: every `---` document with offsets, syntax problems, template detection.
import { Document, Scalar, isMap, isScalar, parseAllDocuments, visit, type EmptyStream, type YAMLMap } from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-keys';
import { fastParseAllDocuments, parseOptions } from './fast';
import { fastParseData } from './fast/data';
import { isFastNode, plainData } from './fast/nodes';
import { containsItself, maxNestingDepth, nestsDeeperThan } from './limits';
import type { Span } from '../types';

/** Aliases a document may expand before we refuse to build its value ("billion laughs"). */
export const maxAliasCount = 1000;

export interface SyntaxProblem extends Span {
  code: string;
  message: string;
  /** `yaml/duplicate-key` problems still leave a usable document. */
  duplicateKey: boolean;
}

export interface ParsedDocument {
  index: number;
  /** The `yaml` document, with source ranges on every node. */
  doc: Document.Parsed;
  /** Offsets of the document's content in the file. */
  span: Span;
  /** The document as plain data, or undefined when it could not be built (syntax error, alias bomb). */
  value: unknown;
  /** Why `value` is missing, when it is. */
  valueError?: string;
  syntax: SyntaxProblem[];
}

export interface ParsedFile {
  uri: string;
  text: string;
  version: number;
  /** Offset of the first character of each line. */
  lineStarts: number[];
  documents: ParsedDocument[];
  /** Span of the first Go/Helm template expression (`{{ ... }}`), when the file has one. */
  template?: Span;
  /** Why the file was not parsed at all (too large, binary), when it was not. */
  skipped?: string;
  /** Parsed with the line breaks of quoted values folded (see foldQuotedLines): never re-parsed incrementally. */
  foldedQuotes?: boolean;
}

const templatePattern = /\{\{-?\s*[^}]*?\}\}/;

/** A file that is not parsed at all, with the reason (shown as one `yaml/skipped` note). */
export function skippedFile(uri: string, text: string, reason: string, version = 0): ParsedFile {
  return { uri, text, version, lineStarts: computeLineStarts(text), documents: [], skipped: reason };
}

export function parseFile(uri: string, text: string, version = 0, maxFileSize = Number.POSITIVE_INFINITY): ParsedFile {
  const base: ParsedFile = { uri, text, version, lineStarts: computeLineStarts(text), documents: [] };
  if (text.length > maxFileSize) {
    return { ...base, skipped: `the file is ${Math.round(text.length / 1024)} KiB, larger than the ${Math.round(maxFileSize / 1024)} KiB limit (setting maxFileSize)` };
  }
  if (text.includes('\u0000')) {
    return { ...base, skipped: 'the file looks binary (it contains NUL bytes), not YAML' };
  }
  // Most manifests take the fast path (fast-yaml.ts), which builds the same documents; the rest are
  // parsed by `yaml`, once the text is known not to nest deeper than it can safely read.
  const fast = fastParseAllDocuments(text);
  if (!fast && nestsDeeperThan(text)) {
    return { ...base, skipped: `the file nests values more than ${maxNestingDepth} levels deep, more than the YAML parser can safely read (no Kubernetes object nests like that)` };
  }
  let docs: ParsedStream = fast ?? parseYaml(text);
  let foldedQuotes = false;
  if (!fast && hasUnclosedQuote(docs)) {
    // Go's YAML parser (the API server's) accepts a multi-line quoted scalar whose continuation lines
    // sit at the key's indentation; the yaml package does not. Folding its line breaks into spaces
    // gives the same value (a single line break folds to a space) at the same offsets.
    const repaired = parseYaml(foldQuotedLines(text));
    if (!hasErrors(repaired)) {
      docs = repaired;
      foldedQuotes = true;
    }
  }
  const list: Document.Parsed[] = [...docs];
  const template = findTemplate(text, list);
  if (template) return { ...base, template };
  const documents = list.map((doc, index) => toParsedDocument(doc, index, text));
  if ('empty' in docs && docs.empty) {
    // An empty stream (only comments or directives) has no documents but may carry errors.
    for (const error of docs.errors) {
      const [start, end] = error.pos;
      documents.push({
        index: 0, doc: new Document() as Document.Parsed, span: { start: 0, end: text.length }, value: undefined,
        syntax: [{ start, end: Math.max(end, start + 1), code: error.code, message: error.message, duplicateKey: false }],
      });
    }
  }
  return foldedQuotes ? { ...base, documents, foldedQuotes } : { ...base, documents };
}

/** A parsed file whose documents' trees are not built yet (lazy-trees.ts builds them when read). */
export type ParsedFileWithoutTrees = Omit<ParsedFile, 'documents'> & { documents: Omit<ParsedDocument, 'doc'>[] };

/**
 * The file's documents as data only, when the data path (fast-yaml-data.ts) reads the whole text: the
 * same documents, data and offsets as parseFile, without the trees. Undefined otherwise (parseFile).
 */
export function parseFileData(uri: string, text: string, version = 0, maxFileSize = Number.POSITIVE_INFINITY): ParsedFileWithoutTrees | undefined {
  if (text.length > maxFileSize || text.includes('{{')) return undefined;
  const documents = fastParseData(text);
  if (!documents) return undefined;
  return {
    uri, text, version, lineStarts: computeLineStarts(text),
    documents: documents.map((document, index) => ({ index, span: { start: document.start, end: document.end }, value: document.value, syntax: [] })),
  };
}

export function toParsedDocument(doc: Document.Parsed, index: number, text: string): ParsedDocument {
  // A fast-path document has no errors but duplicate keys, no aliases, and its data is built directly.
  if (isFastNode(doc.contents)) {
    const data = plainData(doc.contents);
    const value = data.value;
    if (data.repeatedNames) addDuplicateKeyErrors(doc);
    return { index, doc, span: { start: doc.range[0], end: doc.range[2] }, value, syntax: doc.errors.length ? syntaxProblems(doc, text) : [] };
  }
  addDuplicateKeyErrors(doc);
  const range = doc.range;
  const syntax = syntaxProblems(doc, text);
  const blocking = syntax.some((problem) => !problem.duplicateKey);
  let value: unknown;
  let valueError: string | undefined;
  if (!blocking) {
    try {
      value = doc.toJS({ maxAliasCount });
      // Only aliases (`*name`) can make a value contain itself.
      const star = text.indexOf('*', range[0]);
      if (star >= 0 && star < range[2] && containsItself(value)) {
        value = undefined;
        valueError = 'a value contains itself (an alias *name inside the node its anchor &name marks)';
      }
    } catch (error) {
      valueError = error instanceof Error ? error.message : String(error);
    }
  } else {
    valueError = 'the document has a syntax error';
  }
  return { index, doc, span: { start: range[0], end: range[2] }, value, valueError, syntax };
}

function syntaxProblems(doc: Document.Parsed, text: string): SyntaxProblem[] {
  // An error at the very end of the text (an unclosed quote) gets a span that ends there too.
  return doc.errors.map((error) => ({
    start: Math.min(error.pos[0], text.length),
    end: Math.min(text.length, error.code === 'DUPLICATE_KEY' ? keyEnd(text, error.pos[0]) : Math.max(error.pos[1], error.pos[0] + 1)),
    code: error.code,
    message: firstLine(error.message),
    duplicateKey: error.code === 'DUPLICATE_KEY',
  }));
}

type ParsedStream = Document.Parsed[] | EmptyStream;

export { parseOptions };

function parseYaml(text: string): ParsedStream {
  return parseAllDocuments(text, parseOptions) as ParsedStream;
}

function hasErrors(docs: ParsedStream): boolean {
  return [...docs].some((doc) => doc.errors.length > 0) || ('empty' in docs && docs.errors.length > 0);
}

function hasUnclosedQuote(docs: ParsedStream): boolean {
  return [...docs].some((doc) => doc.errors.some((error) => error.code === 'MISSING_CHAR' && /quote/.test(error.message)));
}

/** Replaces the line breaks inside quoted values that span lines with spaces (same length). */
function foldQuotedLines(text: string): string {
  const chars = text.split('');
  const valueStart = /(?:^|[:\-,[{]\s+|[[{,])(['"])/gm;
  for (const match of text.matchAll(valueStart)) {
    const quote = match[1];
    let index = (match.index ?? 0) + match[0].length;
    for (; index < text.length; index++) {
      const char = text[index];
      if (quote === '"' && char === '\\') { index++; continue; }
      if (char === quote) {
        if (quote === "'" && text[index + 1] === "'") { index++; continue; }
        break;
      }
      if (char === '\n' || char === '\r') chars[index] = ' ';
    }
    valueStart.lastIndex = index + 1;
  }
  return chars.join('');
}

/**
 * A `{{ ... }}` outside quoted and block scalars means a Go/Helm template, which is not YAML until
 * rendered. Inside such scalars (a ConfigMap holding an alerting template, say) it is only text.
 */
function findTemplate(text: string, docs: Document.Parsed[]): Span | undefined {
  if (!text.includes('{{')) return undefined;
  const parsedCleanly = docs.every((doc) => doc.errors.length === 0);
  const textSpans: [number, number][] = [];
  if (parsedCleanly) {
    for (const doc of docs) {
      visit(doc, {
        Scalar(_key, node) {
          if (node.range && node.type !== Scalar.PLAIN) textSpans.push([node.range[0], node.range[1]]);
        },
      });
    }
  }
  const pattern = new RegExp(templatePattern.source, 'g');
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (!textSpans.some(([start, end]) => at >= start && at < end)) return { start: at, end: at + match[0].length };
  }
  return undefined;
}

/** The end of a plain key starting at `start` (before its colon). */
function keyEnd(text: string, start: number): number {
  const match = /^(?:"[^"\n]*"|'[^'\n]*'|[^:\n]*?)(?=\s*:|\s*$)/m.exec(text.slice(start, start + 300));
  return start + Math.max(1, match ? match[0].length : 1);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The document's top-level mapping, when it is one. */
export function rootMap(document: ParsedDocument): YAMLMap | undefined {
  const contents = document.doc.contents;
  return isMap(contents) ? contents : undefined;
}

/** The span of a top-level key's scalar value, e.g. `kind: StatefulSet` → span of `StatefulSet`. */
export function topLevelValueSpan(document: ParsedDocument, key: string): Span | undefined {
  const map = rootMap(document);
  const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === key);
  const node = pair?.value;
  if (node && isScalar(node) && node.range) return { start: node.range[0], end: node.range[1] };
  return undefined;
}

/** Offsets where lines start. Lines end with \n, \r\n or a lone \r, as in LSP positions and editors. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    return starts;
  }
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10 || (char === 13 && text.charCodeAt(index + 1) !== 10)) starts.push(index + 1);
  }
  return starts;
}

/** 0-based line and UTF-16 column of an offset. */
export function lineColumn(file: ParsedFile, offset: number): { line: number; character: number } {
  const starts = file.lineStarts;
  const target = Math.max(0, Math.min(offset, file.text.length));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= target) low = middle; else high = middle - 1;
  }
  // An offset inside a line break (the \n of \r\n) is the end of its line, as LSP positions have it.
  let lineEnd = low + 1 < starts.length ? starts[low + 1] : file.text.length;
  if (lineEnd > starts[low] && low + 1 < starts.length) lineEnd -= file.text[lineEnd - 1] === '\n' && file.text[lineEnd - 2] === '\r' ? 2 : 1;
  return { line: low, character: Math.min(target, lineEnd) - starts[low] };
}

/** The offset of a 0-based line and column, clamped to the line and the file. */
export function offsetOf(file: ParsedFile, line: number, character: number): number {
  const starts = file.lineStarts;
  if (line >= starts.length) return file.text.length;
  const lineStart = starts[Math.max(0, line)];
  const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : file.text.length;
  return Math.min(lineStart + Math.max(0, character), lineEnd);
}
