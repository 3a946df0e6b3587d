// What one build collects while it runs: problems, unsupported features, the files it read and the
// role each plays, and the file access the renderer is given (no I/O of its own).
import type { BuildProblem, Origin } from '../model/provenance';
import type { ParsedFile } from '../yaml/parse';
import { isWithin } from './uri';

/** Read-only access to the workspace's files, by URI. */
export interface KustomizeFiles {
  /** The file parsed as YAML (parseFile), or undefined when there is no such file. */
  yaml(uri: string): ParsedFile | undefined;
  /** The file's text (generator inputs), or undefined when there is no such file. */
  text(uri: string): string | undefined;
  /** The names of a folder's entries, or undefined when `uri` is not a folder. */
  list(folderUri: string): string[] | undefined;
}

/** What a file is to a kustomization that uses it. */
export type FileRole = 'kustomization' | 'component' | 'resource' | 'patch-strategic-merge' | 'patch-json6902' | 'generator-input';

export interface FileUse {
  uri: string;
  role: FileRole;
  /** The kustomization file whose entry names the file. */
  kustomization: string;
  /** That entry. */
  origin: Origin;
}

export interface RenderOptions {
  /** Which Kustomize to reproduce where releases differ (default 5.7.1, the one in kubectl 1.35). */
  kustomizeVersion?: '5.7.1' | '5.5.0';
  /** Bound on nested kustomizations (default 50), against runaway trees. */
  maxDepth?: number;
}

export class BuildContext {
  readonly problems: BuildProblem[] = [];
  readonly unsupported: { feature: string; origin: Origin }[] = [];
  readonly inputs = new Set<string>();
  readonly uses: FileUse[] = [];
  /** Kustomization folders being built, outermost first (cycles, depth). */
  readonly stack: string[] = [];
  failed = false;

  constructor(readonly files: KustomizeFiles, readonly options: RenderOptions) {}

  get imageVolumes(): boolean {
    return (this.options.kustomizeVersion ?? '5.7.1') !== '5.5.0';
  }

  report(ruleId: string, message: string, origin: Origin, severity: NonNullable<BuildProblem['severity']>): void {
    if (severity === 'error') this.failed = true;
    this.problems.push({ ruleId, message, origin, severity });
  }

  /** A build error: the real `kubectl kustomize` fails here. */
  error(ruleId: string, message: string, origin: Origin): void {
    this.report(ruleId, message, origin, 'error');
  }

  unsupportedFeature(feature: string, origin: Origin): void {
    this.unsupported.push({ feature, origin });
  }

  use(uri: string, role: FileRole, kustomization: string, origin: Origin): void {
    this.inputs.add(uri);
    if (!this.uses.some((use) => use.uri === uri && use.role === role && use.kustomization === kustomization)) {
      this.uses.push({ uri, role, kustomization, origin });
    }
  }

  yaml(uri: string): ParsedFile | undefined {
    this.inputs.add(uri);
    return this.files.yaml(uri);
  }

  text(uri: string): string | undefined {
    this.inputs.add(uri);
    return this.files.text(uri);
  }

  isFolder(uri: string): boolean {
    this.inputs.add(uri);
    return this.files.list(uri) !== undefined;
  }

  /**
   * Whether a file named by a kustomization in `folder` may be read: Kustomize's loader refuses files
   * outside the kustomization's folder (folders of bases may be anywhere).
   */
  allowed(folder: string, uri: string, origin: Origin, path: string): boolean {
    if (isWithin(folder, uri)) return true;
    this.error('kustomize/resource-missing', `\`${path}\` is outside the kustomization's folder: Kustomize refuses to read files that are not in or below it ("security; file is not in or below"). Move the file into the folder, or make its folder a kustomization and list that folder instead.`, origin);
    return false;
  }
}
