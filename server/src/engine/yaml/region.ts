// The calls to the `yaml` parser: one chunk of a text at its offsets in the whole text, or the whole
// text. Every tree the engine reads comes from here (with duplicate keys found in one pass).
import { Composer, Document, parseAllDocuments, Parser, type EmptyStream } from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-keys';
import { foldQuotedLines, hasUnclosedQuote } from './quotes';

/** Options of every parse. Duplicate keys: duplicate-keys.ts. */
export const parseOptions = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, merge: true } as const;

export type ParsedStream = Document.Parsed[] | EmptyStream;

function composeRegion(text: string, start: number, until: number, folded: boolean): Document.Parsed[] | undefined {
  const parser = new Parser();
  parser.offset = start;
  const source = text.slice(start, until);
  const tokens = Array.from(parser.parse(folded ? foldQuotedLines(source) : source));
  // An error outside any document (a stray `]` right after `---`) belongs to the document before in a
  // whole-file parse, which is not in this chunk.
  if (tokens.some((token) => token.type === 'error')) return undefined;
  return Array.from(new Composer(parseOptions).compose(tokens, false, until)) as Document.Parsed[];
}

/**
 * The documents of text[start, end), a chunk from a `---` line (or the start of the text) to the next
 * `---` line (or the end), with the offsets of the whole text: as in a parse of the whole text, or
 * undefined when the chunk holds an error outside its documents.
 *
 * A document ends differently before a `---` than at the end of the input (a trailing comment line is
 * left out of its range), so the next `---` is parsed too and its empty document dropped. One case
 * differs: a quote that never closes. `yaml` then runs it to the end of the input, over every `---`
 * line (in 2.9.1, because it looks for line breaks before an end quote it did not find); YAML forbids
 * a `---` line inside a quoted scalar, and Kubernetes splits documents at `---` lines before parsing
 * them, so here the quote ends with its chunk, and the documents after it are read as written.
 */
export function parseChunkTrees(text: string, start: number, end: number, folded: boolean): Document.Parsed[] | undefined {
  const more = end < text.length;
  let docs = composeRegion(text, start, more ? end + 3 : end, folded);
  if (!docs) return undefined;
  if (more && docs[docs.length - 1]?.range[0] === end) {
    docs.pop();
  } else if (more && hasUnclosedQuote(docs)) {
    docs = composeRegion(text, start, end, folded);
    if (!docs) return undefined;
  } else if (more) {
    return undefined;
  }
  for (const doc of docs) addDuplicateKeyErrors(doc);
  return docs;
}

/** The documents of the whole text. */
export function parseWholeStream(text: string, folded: boolean): ParsedStream {
  const docs = parseAllDocuments(folded ? foldQuotedLines(text) : text, parseOptions) as ParsedStream;
  for (const doc of docs) addDuplicateKeyErrors(doc);
  return docs;
}

/**
 * The trees of the whole text, one per document of the parsed file: an empty stream (only comments or
 * directives) with errors has an empty tree for each error.
 */
export function wholeTrees(docs: ParsedStream): Document.Parsed[] {
  const trees: Document.Parsed[] = [...docs];
  if ('empty' in docs && docs.empty) for (let index = 0; index < docs.errors.length; index++) trees.push(new Document() as Document.Parsed);
  return trees;
}

export function parseWholeTrees(text: string, folded: boolean): Document.Parsed[] {
  return wholeTrees(parseWholeStream(text, folded));
}
