// Which `yaml` trees stay in memory. A tree (every node with its source range) takes several times the
// memory of the document's data, and a file nobody is editing needs one only now and then: when a
// finding of its own is placed, or when another file's finding or a navigation request points at one
// of its nodes. Trees are parsed per document when asked for (document.ts, parseTree); this drops them.
//
// `release(uri)` drops the trees of a file's documents now, and from then on any tree parsed again for
// one of them is dropped once the current task is over (`schedule`), unless the host keeps the file
// (it is open in the editor). The documents keep their identity (the finding caches and the manifests
// point at them) and their data; only the trees go.
import { dropTree, hasTree, setTreeKeeper, type ParsedDocument, type TreeKeeper } from '../yaml/document';
import type { WorkspaceModel } from './workspace-model';

export interface LazyTreesHost {
  /** Runs `task` after the current one (the language server: setImmediate). */
  schedule(task: () => void): void;
  /** Whether a file's trees must stay in memory (it is open in the editor). */
  keep(uri: string): boolean;
}

/** What a test or a benchmark may want to know. */
export interface LazyTreesStats {
  /** Files whose trees were released (each time). */
  released: number;
  /** Trees of released documents parsed again because they were asked for. */
  reparsed: number;
}

/** The keeper of one released file's documents: told when one of their trees is parsed again. */
class ReleasedFile implements TreeKeeper {
  constructor(readonly uri: string, private readonly owner: LazyTrees) {}

  treeParsed(document: ParsedDocument): void {
    this.owner.parsedAgain(this, document);
  }
}

export class LazyTrees {
  readonly stats: LazyTreesStats = { released: 0, reparsed: 0 };
  /** Trees parsed again during the current task, to drop after it. */
  private readonly parsed = new Map<ParsedDocument, ReleasedFile>();
  private sweepScheduled = false;

  constructor(readonly model: WorkspaceModel, private readonly host: LazyTreesHost) {}

  /**
   * Drops the trees of the model's file at `uri`, and those parsed again later after each task. Files
   * with no documents (skipped, templates, empty) have no trees. Returns whether the file has documents.
   */
  release(uri: string): boolean {
    const file = this.model.getFile(uri);
    if (!file || file.skipped || file.template || file.documents.length === 0) return false;
    const keeper = new ReleasedFile(uri, this);
    for (const document of file.documents) {
      setTreeKeeper(document, keeper);
      dropTree(document);
      this.parsed.delete(document);
    }
    this.stats.released++;
    return true;
  }

  /** Whether none of the file's trees is in memory. */
  isReleased(uri: string): boolean {
    const file = this.model.getFile(uri);
    return !!file && file.documents.length > 0 && file.documents.every((document) => !hasTree(document));
  }

  /** A tree of a released document was parsed again: it is dropped after the current task. */
  parsedAgain(keeper: ReleasedFile, document: ParsedDocument): void {
    this.stats.reparsed++;
    this.parsed.set(document, keeper);
    if (!this.sweepScheduled) {
      this.sweepScheduled = true;
      this.host.schedule(() => this.sweep());
    }
  }

  /** Drops the trees parsed again during the last task, but those of files the host keeps now (they stay, and are no longer released). */
  private sweep(): void {
    this.sweepScheduled = false;
    for (const [document, keeper] of this.parsed) {
      if (this.host.keep(keeper.uri)) setTreeKeeper(document, undefined);
      else dropTree(document);
    }
    this.parsed.clear();
  }
}
