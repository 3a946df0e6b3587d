// A parsed file and its documents. A document carries its data, its offsets and its syntax problems;
// its `yaml` tree (every node with its source range) is not part of it. A caller that needs the tree
// asks for it with parseTree, which parses the document's text when the tree is not in memory: most
// documents of a file that reads cleanly never need one (a rule needs a tree only to place a finding).
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { parseChunkTrees, parseWholeTrees } from './region';
import type { Span } from '../types';

export interface SyntaxProblem extends Span {
  code: string;
  message: string;
  /** `yaml/duplicate-key` problems still leave a usable document. */
  duplicateKey: boolean;
}

export interface ParsedDocument {
  index: number;
  /** Offsets of the document's content in the file. */
  span: Span;
  /** The document as plain data, or undefined when it could not be built (syntax error, alias bomb). */
  value: unknown;
  /** Why `value` is missing, when it is. */
  valueError?: string;
  syntax: SyntaxProblem[];
  /** True when `value` is known to hold no null (the data reader tells); then no null-valued key needs removing. */
  nullFree?: boolean;
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
  /** Parsed as a whole with the line breaks of quoted values folded (quotes.ts). */
  foldedQuotes?: boolean;
}

/** Told when a document's tree is parsed (lazy-trees.ts: to drop it again after the current task). */
export interface TreeKeeper {
  treeParsed(document: ParsedDocument): void;
}

/** Documents whose chunks do not parse alone: their trees come from a parse of the whole text. */
export interface WholeFile {
  text: string;
  folded: boolean;
  documents: TreeDocument[];
}

/**
 * A document and where its tree is parsed from: the chunk of the text that holds it (from its `---`
 * line, or the start of the text, to the next `---` line), which parses alone as within the file
 * (chunks.ts), or else the whole text.
 */
export class TreeDocument implements ParsedDocument {
  /** The tree, while it is in memory. */
  tree: Document.Parsed | undefined;
  keeper: TreeKeeper | undefined = undefined;
  nullFree = false;

  constructor(
    public index: number,
    public span: Span,
    public value: unknown,
    public valueError: string | undefined,
    public syntax: SyntaxProblem[],
    /** The text of the file the document is in. */
    public text: string,
    public chunkStart: number,
    public chunkEnd: number,
    /** The chunk was parsed with the line breaks of its quoted values folded (quotes.ts). */
    public folded: boolean,
    /** Set when the chunk does not parse alone. */
    public wholeFile: WholeFile | undefined,
    tree: Document.Parsed | undefined,
  ) {
    this.tree = tree;
  }
}

function asTreeDocument(document: ParsedDocument): TreeDocument {
  if (document instanceof TreeDocument) return document;
  throw new Error(`document ${document.index} was not made by the YAML layer (engine/yaml): it has no tree to parse`);
}

/**
 * The document's `yaml` tree: the one in memory, or else parsed now from the document's chunk of the
 * text (or from the whole text, for files whose documents do not parse alone). Same tree, ranges and
 * errors as when the file was first parsed.
 */
export function parseTree(document: ParsedDocument): Document.Parsed {
  const held = asTreeDocument(document);
  if (held.tree) return held.tree;
  if (held.wholeFile) {
    const whole = held.wholeFile;
    const trees = parseWholeTrees(whole.text, whole.folded);
    if (trees.length === whole.documents.length) {
      whole.documents.forEach((other, index) => {
        if (!other.tree) setTree(other, trees[index]);
      });
    }
  } else {
    const trees = parseChunkTrees(held.text, held.chunkStart, held.chunkEnd, held.folded);
    const tree = trees?.find((candidate) => candidate.range[0] === held.span.start);
    if (tree && tree.range[2] === held.span.end) setTree(held, tree);
  }
  if (!held.tree) throw new Error(`the YAML tree of document ${held.index} (offsets ${held.span.start}-${held.span.end}) could not be parsed again: its text gives other documents`);
  return held.tree;
}

function setTree(document: TreeDocument, tree: Document.Parsed): void {
  document.tree = tree;
  document.keeper?.treeParsed(document);
}

/** Drops the document's tree from memory (parseTree parses it again when asked). */
export function dropTree(document: ParsedDocument): void {
  asTreeDocument(document).tree = undefined;
}

/** Whether the document's tree is in memory (asking for it costs nothing). */
export function hasTree(document: ParsedDocument): boolean {
  return asTreeDocument(document).tree !== undefined;
}

/** Sets who is told when the document's tree is parsed (undefined: nobody). */
export function setTreeKeeper(document: ParsedDocument, keeper: TreeKeeper | undefined): void {
  asTreeDocument(document).keeper = keeper;
}

/** The tree's top-level mapping, when it is one. */
export function rootMap(tree: Document): YAMLMap | undefined {
  return isMap(tree.contents) ? tree.contents : undefined;
}

/** The span of a top-level key's scalar value, e.g. `kind: StatefulSet` → span of `StatefulSet`. */
export function topLevelValueSpan(tree: Document, key: string): Span | undefined {
  const pair = rootMap(tree)?.items.find((item) => isScalar(item.key) && item.key.value === key);
  const node = pair?.value;
  if (node && isScalar(node) && node.range) return { start: node.range[0], end: node.range[1] };
  return undefined;
}
