// What a builder may read: the files of the workspace model (open documents win over disk), and what
// only the adapter can give, since the engine does no I/O: files that are not in the model (generator
// inputs such as `app.properties`, a `Kustomization` without extension) and folder listings.
import type { KustomizeFiles } from '../kustomize';
import type { WorkspaceModel } from '../model/workspace-model';
import { parseFile, type ParsedFile } from '../yaml';
import { folderOf } from '../kustomize/uri';

/** The adapter's side of file access (the language server: the disk inside the workspace folders; the CLI: the disk). */
export interface FileHost {
  /** The text of a file that is not in the model, or undefined when there is none (or it may not be read). */
  read(uri: string): string | undefined;
  /** The names of a folder's entries (files and folders), or undefined when `uri` is not a folder. */
  list(folderUri: string): string[] | undefined;
  /** The workspace folder holding `uri`, which build labels are relative to (`overlays/prod`). */
  workspaceFolder?(uri: string): string | undefined;
}

/** No disk at all: the model is the whole workspace (tests, standard input). */
export const noDisk: FileHost = { read: () => undefined, list: () => undefined };

/**
 * The builder's file access over the model and the host: a model file is read from the model, any other
 * from the host (parsed once per text); a folder lists the host's entries and the model's files in it.
 */
export class ModelFiles implements KustomizeFiles {
  /** Files read through the host and parsed, by uri (kept while their text is the same). */
  private readonly parsed = new Map<string, ParsedFile>();
  /** Folder → the names of the model's files and folders in it (rebuilt after files come or go). */
  private folders: Map<string, Set<string>> | undefined;

  constructor(private readonly model: WorkspaceModel, public host: FileHost, private readonly maxFileSize: () => number) {}

  /** Files came or went in the model: the folder listings are built again when next asked for. */
  filesAddedOrRemoved(): void {
    this.folders = undefined;
  }

  yaml(uri: string): ParsedFile | undefined {
    const inModel = this.model.getFile(uri);
    if (inModel) return inModel;
    const text = this.host.read(uri);
    if (text === undefined) {
      this.parsed.delete(uri);
      return undefined;
    }
    const known = this.parsed.get(uri);
    if (known && known.text === text) return known;
    const file = parseFile(uri, text, 0, this.maxFileSize());
    this.parsed.set(uri, file);
    return file;
  }

  text(uri: string): string | undefined {
    return this.model.getFile(uri)?.text ?? this.host.read(uri);
  }

  list(folderUri: string): string[] | undefined {
    const fromHost = this.host.list(folderUri);
    const fromModel = this.modelFolders().get(folderUri);
    if (!fromModel) return fromHost;
    return fromHost ? [...new Set([...fromHost, ...fromModel])] : [...fromModel];
  }

  private modelFolders(): Map<string, Set<string>> {
    if (this.folders) return this.folders;
    const folders = new Map<string, Set<string>>();
    for (const uri of this.model.fileUris()) {
      let child = uri;
      for (let folder = folderOf(child); folder !== child; child = folder, folder = folderOf(folder)) {
        let names = folders.get(folder);
        const known = !!names;
        if (!names) folders.set(folder, names = new Set());
        names.add(decodeName(child.slice(folder.length + 1)));
        if (known) break;
      }
    }
    return this.folders = folders;
  }
}

function decodeName(segment: string): string {
  try { return decodeURIComponent(segment); } catch { return segment; }
}
