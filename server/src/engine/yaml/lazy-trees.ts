// The `yaml` trees of files nobody is editing, dropped and parsed again on demand. A tree (every node
// with its source range) takes several times the memory of the document's data, and a closed file
// needs it only now and then: when its own findings are computed, or when another file's finding or a
// navigation request points at one of its nodes. Everything else (the data, the text, the line starts,
// the spans and syntax problems of its documents) stays in memory.
//
// `release` replaces the `doc` of each document of a file, in place, with a getter. The first read of
// any of them parses the file's text again (parseFile: what was parsed before, so the same trees) and
// puts every document's tree back as a plain property: the documents keep their identity (the finding
// caches and the manifests point at them), and code that holds a node keeps a valid one. The trees read
// again are dropped once the current task is over (`schedule`), unless `keep` says the file is open.
import type { Document } from 'yaml';
import type { WorkspaceModel } from '../model/workspace-model';
import { parseFile, type ParsedDocument, type ParsedFile, type ParsedFileWithoutTrees } from './parse';

export interface LazyTreesHost {
  /** Runs `task` after the current one (the language server: setImmediate). */
  schedule(task: () => void): void;
  /** Whether a file's trees must stay in memory (it is open in the editor). */
  keep(uri: string): boolean;
}

/** A file whose trees were dropped: what is needed to parse them again. */
interface Released {
  uri: string;
  text: string;
  documents: readonly ParsedDocument[];
  /** The trees are in memory again (read since the file was released). */
  restored: boolean;
}

/** What a test or a benchmark may want to know. */
export interface LazyTreesStats {
  /** Files whose trees were dropped (each time). */
  released: number;
  /** Files parsed again because a tree was read. */
  reparsed: number;
}

export class LazyTrees {
  private readonly records = new WeakMap<readonly ParsedDocument[], Released>();
  private readonly recordOfDocument = new WeakMap<ParsedDocument, Released>();
  /** Files whose trees were read again and are to be dropped after the current task. */
  private readonly restored = new Set<Released>();
  private sweepScheduled = false;
  /**
   * The `doc` getter of every released document (one function: a closure per document would cost more
   * than the rest of what a released document keeps).
   */
  private readonly readDropped: (this: ParsedDocument) => Document.Parsed;
  readonly stats: LazyTreesStats = { released: 0, reparsed: 0 };
  /** The prototype of documents adopted without trees: their `doc` is read through it until restored. */
  private readonly treeless: object;

  constructor(readonly model: WorkspaceModel, private readonly host: LazyTreesHost) {
    const restore = (document: ParsedDocument): Document.Parsed => this.restore(document);
    this.readDropped = function readDropped(this: ParsedDocument): Document.Parsed {
      return restore(this);
    };
    this.treeless = Object.create(Object.prototype, { doc: { configurable: true, enumerable: false, get: this.readDropped } }) as object;
  }

  /**
   * Drops the trees of the model's file at `uri` (they are parsed again when read). Files with no
   * documents (skipped, templates, empty) have no trees to drop. Returns whether trees were dropped.
   */
  release(uri: string): boolean {
    const file = this.model.getFile(uri);
    if (!file || file.skipped || file.template || file.documents.length === 0) return false;
    let record = this.records.get(file.documents);
    if (record && record.text !== file.text) record = undefined;
    if (record && !record.restored) return true;
    record ??= { uri: file.uri, text: file.text, documents: file.documents, restored: true };
    this.records.set(file.documents, record);
    this.restored.delete(record);
    this.drop(record);
    return true;
  }

  /**
   * Adds to the model a file parsed without its trees (parseFileData), as if it had been parsed and
   * released: its documents' trees are parsed when first read.
   */
  adopt(file: ParsedFileWithoutTrees): ParsedFile {
    // The documents are made with the `doc` getter on their prototype (defining it on each, as `drop`
    // does, costs more than the rest of adopting a file).
    const documents = file.documents.map((document) => Object.assign(Object.create(this.treeless) as ParsedDocument, document));
    const record: Released = { uri: file.uri, text: file.text, documents, restored: false };
    this.records.set(documents, record);
    for (const document of documents) this.recordOfDocument.set(document, record);
    this.stats.released++;
    const parsed: ParsedFile = { ...file, documents };
    this.model.setFile(parsed);
    return parsed;
  }

  /** Whether the file's trees are not in memory (reading one would parse the file again). */
  isReleased(uri: string): boolean {
    const file = this.model.getFile(uri);
    const record = file && this.records.get(file.documents);
    return !!record && record.text === file.text && !record.restored;
  }

  private drop(record: Released): void {
    record.restored = false;
    this.stats.released++;
    for (const document of record.documents) {
      this.recordOfDocument.set(document, record);
      Object.defineProperty(document, 'doc', { configurable: true, enumerable: true, get: this.readDropped });
    }
  }

  /** Parses the file again and puts back the trees of all its documents; returns `document`'s. */
  private restore(document: ParsedDocument): Document.Parsed {
    const record = this.recordOfDocument.get(document);
    if (!record) throw new Error('a document without its tree that no released file holds');
    const fresh = parseFile(record.uri, record.text, 0);
    this.stats.reparsed++;
    const mismatch = fresh.skipped !== undefined || fresh.template !== undefined || fresh.documents.length !== record.documents.length
      || fresh.documents.some((parsed, i) => parsed.span.start !== record.documents[i].span.start || parsed.span.end !== record.documents[i].span.end);
    if (mismatch) throw new Error(`the YAML trees of ${record.uri} could not be rebuilt: parsing its text again gives other documents`);
    record.documents.forEach((kept, i) => {
      Object.defineProperty(kept, 'doc', { configurable: true, enumerable: true, writable: true, value: fresh.documents[i].doc });
    });
    record.restored = true;
    this.restored.add(record);
    if (!this.sweepScheduled) {
      this.sweepScheduled = true;
      this.host.schedule(() => this.sweep());
    }
    return document.doc;
  }

  /** Drops again the trees read during the last task, of files still in the model as they were and not kept. */
  private sweep(): void {
    this.sweepScheduled = false;
    for (const record of this.restored) {
      const current: ParsedFile | undefined = this.model.getFile(record.uri);
      // A file replaced since (edited, re-read) or now open keeps its trees: they are its own now.
      if (current && current.documents === record.documents && current.text === record.text && !this.host.keep(record.uri)) this.drop(record);
      else this.records.delete(record.documents);
    }
    this.restored.clear();
  }
}
