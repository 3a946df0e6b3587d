// Text → ParsedFile: the entry point of the YAML layer for a whole text (reparse.ts: after an edit).
// Every `---` document with its data, offsets and syntax problems; trees only when asked for
// (document.ts, parseTree). The text is cut into chunks at its `---` lines, each read by the data
// reader or parsed by `yaml` (chunks.ts); a text whose chunks do not parse alone (directives, `...`,
// an error outside any document) is parsed whole by `yaml`.
import { TreeDocument, type ParsedFile, type WholeFile } from './document';
import { chunksParseAlone, chunkStarts, parseChunks, rememberChunkStarts } from './chunks';
import { fromTree } from './from-tree';
import { maxNestingDepth, nestsDeeperThan } from './limits';
import { computeLineStarts } from './positions';
import { hasUnclosedQuote } from './quotes';
import { parseWholeStream, wholeTrees } from './region';
import { findPlaceholderTemplate, findTemplate, TemplateScanner } from './templates';
import type { ParsedDocument } from './document';

export type { ParsedDocument, ParsedFile, SyntaxProblem } from './document';
export { parseTree, rootMap, topLevelValueSpan } from './document';
export { maxAliasCount } from './from-tree';
export { computeLineStarts, lineColumn, offsetOf } from './positions';
export { parseOptions } from './region';

/** A file that is not parsed at all, with the reason (shown as one `yaml/skipped` note). */
export function skippedFile(uri: string, text: string, reason: string, version = 0): ParsedFile {
  return { uri, text, version, lineStarts: computeLineStarts(text), documents: [], skipped: reason };
}

const tooDeep = `the file nests values more than ${maxNestingDepth} levels deep, more than the YAML parser can safely read (no Kubernetes object nests like that)`;

/** Parses a whole text. Files over `maxFileSize` characters and binary files are skipped with the reason. */
export function parseFile(uri: string, text: string, version = 0, maxFileSize = Number.POSITIVE_INFINITY): ParsedFile {
  const base: ParsedFile = { uri, text, version, lineStarts: computeLineStarts(text), documents: [] };
  if (text.length > maxFileSize) {
    return { ...base, skipped: `the file is ${Math.round(text.length / 1024)} KiB, larger than the ${Math.round(maxFileSize / 1024)} KiB limit (setting maxFileSize)` };
  }
  if (text.includes('\u0000')) {
    return { ...base, skipped: 'the file looks binary (it contains NUL bytes), not YAML' };
  }
  const starts = chunkStarts(text);
  const chunked = chunksParseAlone(text) ? parseChunks(text, starts, 0, starts.length) : undefined;
  if (chunked && 'tooDeep' in chunked) return { ...base, skipped: tooDeep };
  if (chunked && 'template' in chunked) return { ...base, template: chunked.template };
  if (chunked) {
    const template = placeholderTemplate(text, chunked.documents);
    if (template) return { ...base, template };
    chunked.documents.forEach((document, index) => { document.index = index; });
    return rememberChunkStarts({ ...base, documents: chunked.documents }, starts);
  }
  const whole = parseWholeFile(base);
  const template = placeholderTemplate(text, whole.documents);
  return template ? { ...base, template } : whole;
}

/** A `sed`-style template: YAML that breaks exactly at `@VAR@` placeholders (templates.ts). */
export function placeholderTemplate(text: string, documents: readonly ParsedDocument[]): { start: number; end: number } | undefined {
  const problems = documents.flatMap((document) => document.syntax.filter((problem) => !problem.duplicateKey));
  return problems.length ? findPlaceholderTemplate(text, problems) : undefined;
}

/** The whole text parsed by `yaml` at once, when its chunks do not parse alone. */
function parseWholeFile(base: ParsedFile): ParsedFile {
  const text = base.text;
  if (nestsDeeperThan(text)) return { ...base, skipped: tooDeep };
  let docs = parseWholeStream(text, false);
  let folded = false;
  if (hasUnclosedQuote(docs)) {
    // Go's YAML parser (the API server's) accepts a multi-line quoted scalar whose continuation lines
    // sit at the key's indentation; the yaml package does not (chunks.ts does the same per chunk).
    const repaired = parseWholeStream(text, true);
    if (![...repaired].some((doc) => doc.errors.length > 0) && !('empty' in repaired && repaired.errors.length > 0)) {
      docs = repaired;
      folded = true;
    }
  }
  const list = [...docs];
  const template = findTemplate(new TemplateScanner(text), list, 0, text.length);
  if (template) return { ...base, template };
  const wholeFile: WholeFile = { text, folded, documents: [] };
  const documents = list.map((doc, index) => fromTree(doc, index, text, { wholeFile }));
  if ('empty' in docs && docs.empty) {
    // An empty stream (only comments or directives) has no documents but may carry errors.
    const trees = wholeTrees(docs);
    docs.errors.forEach((error, index) => {
      const [start, end] = error.pos;
      const problem = { start, end: Math.max(end, start + 1), code: error.code, message: error.message, duplicateKey: false };
      documents.push(new TreeDocument(documents.length, { start: 0, end: text.length }, undefined, undefined, [problem], text, 0, text.length, false, wholeFile, trees[list.length + index]));
    });
  }
  wholeFile.documents = documents;
  return folded ? { ...base, documents, foldedQuotes: true } : { ...base, documents };
}
