// Kustomize overlays as a source of builds: every kustomization file of the model (but Components,
// which only their users build) is built in-process (engine/kustomize), and kept until one of the files
// or folders it read changes.
import { buildKustomization, isKustomizationFileName, type FileRole, type FileUse, type KustomizeBuild } from '../kustomize';
import { baseName, folderOf } from '../kustomize/uri';
import type { WorkspaceModel } from '../model/workspace-model';
import type { ModelFiles } from './files';
import type { BuildSource } from './source';

/** When a file plays several roles, the one it is checked as: a whole object wins over a patch. */
const rolePriority: FileRole[] = ['resource', 'kustomization', 'component', 'patch-strategic-merge', 'patch-json6902', 'generator-input'];

function isComponent(model: WorkspaceModel, uri: string): boolean {
  const value = model.getFile(uri)?.documents[0]?.value;
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).kind === 'Component';
}

export class KustomizeSource implements BuildSource {
  readonly tool = 'kustomize';
  /** Builds by kustomization uri, with the set of what each read. */
  private readonly cache = new Map<string, { build: KustomizeBuild; inputs: ReadonlySet<string> }>();
  private kustomizations: string[] | undefined;
  private roles: Map<string, FileUse[]> | undefined;

  constructor(private readonly model: WorkspaceModel, private readonly files: ModelFiles) {}

  changed(uris: ReadonlySet<string>, structural: boolean): void {
    const touched = new Set(uris);
    if (structural) for (const uri of uris) touched.add(folderOf(uri));
    for (const [uri, entry] of this.cache) {
      if ([...touched].some((changed) => entry.inputs.has(changed))) this.cache.delete(uri);
    }
    if ([...uris].some((uri) => isKustomizationFileName(baseName(uri)))) this.kustomizations = undefined;
    this.roles = undefined;
  }

  clear(): void {
    this.cache.clear();
    this.kustomizations = undefined;
    this.roles = undefined;
  }

  /** The kustomization files that are built: every one in the model but Components. */
  private kustomizationUris(): string[] {
    this.kustomizations ??= this.model.fileUris().filter((uri) => isKustomizationFileName(baseName(uri)) && !isComponent(this.model, uri)).sort();
    return this.kustomizations;
  }

  builds(): KustomizeBuild[] {
    const uris = this.kustomizationUris();
    for (const uri of this.cache.keys()) if (!uris.includes(uri)) this.cache.delete(uri);
    return uris.map((uri) => {
      let entry = this.cache.get(uri);
      if (!entry) {
        const built = buildKustomization(uri, this.files, { workspaceFolder: this.files.host.workspaceFolder?.(uri) });
        // The workspace folder itself is an overlay too: it is named by its folder's name, not '.'.
        const build = built.label === '.' ? { ...built, label: baseName(folderOf(uri)) } : built;
        entry = { build, inputs: new Set(build.inputs) };
        this.cache.set(uri, entry);
        this.roles = undefined;
      }
      return entry.build;
    });
  }

  /** Every use of a file by the current builds. */
  usesOf(uri: string): FileUse[] {
    if (!this.roles) {
      this.roles = new Map();
      for (const build of this.builds()) {
        for (const use of build.uses) {
          const list = this.roles.get(use.uri) ?? [];
          if (!list.some((known) => known.role === use.role && known.kustomization === use.kustomization)) list.push(use);
          this.roles.set(use.uri, list);
        }
      }
    }
    return this.roles.get(uri) ?? [];
  }

  roleOf(uri: string): FileRole | undefined {
    const uses = this.usesOf(uri);
    return rolePriority.find((role) => uses.some((use) => use.role === role));
  }
}
