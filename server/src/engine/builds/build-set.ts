// Every build of the workspace, checked, with its findings placed on the source lines and merged
// across builds; and the role each file plays in them. Incremental: a change re-builds only the builds
// that read a changed file or folder (each source keeps its builds with what they read), a build is
// checked again only when it was built again, and the rendered objects that did not change keep their
// findings (the build's text is re-parsed incrementally and the finding caches key on its documents).
import type { DocumentPolicy } from '../check/policy';
import type { Build } from '../model/provenance';
import type { WorkspaceModel } from '../model/workspace-model';
import type { SchemaStore } from '../schema/store';
import type { EngineSettings, Finding } from '../types';
import type { ParsedFile } from '../yaml';
import { BuildCheck, type BuildFinding, type RenderedBuild } from './build-check';
import { ModelFiles, noDisk, type FileHost } from './files';
import { HelmSource } from './helm-source';
import { KustomizeSource } from './kustomize-source';
import { mergeBuildFindings, withBuildFindings, type MergedFinding } from './merge';
import { checkRoleOf, policyOf } from './roles';
import type { BuildSource, FileRole } from './source';

export interface BuildSetEnv {
  model: WorkspaceModel;
  schemas: SchemaStore;
  settings(): EngineSettings;
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
}

/** What a refresh changed: the files whose build findings differ, and those whose role differs. */
export interface BuildChanges {
  findings: Set<string>;
  roles: Set<string>;
}

export class BuildSet {
  readonly files: ModelFiles;
  readonly kustomize: KustomizeSource;
  readonly helm: HelmSource;
  /** Every source of builds: Kustomize overlays, Helm charts. */
  private readonly sources: BuildSource[];
  private readonly checks = new Map<string, BuildCheck>();
  private current: Build[] = [];
  private merged = new Map<string, MergedFinding[]>();
  private roles = new Map<string, FileRole>();
  private settingsSeen: EngineSettings | undefined;
  /** What changed in refreshes made for readers (`freshBuilds()`), not yet returned by `refresh()`. */
  private unreported: BuildChanges = { findings: new Set(), roles: new Set() };

  constructor(private readonly env: BuildSetEnv, host: FileHost = noDisk) {
    this.files = new ModelFiles(env.model, host, () => env.settings().maxFileSize);
    this.kustomize = new KustomizeSource(env.model, this.files);
    this.helm = new HelmSource(env.model, this.files, () => env.settings().maxFileSize);
    this.sources = [this.kustomize, this.helm];
  }

  setHost(host: FileHost): void {
    this.files.host = host;
    this.clear();
  }

  /** Files changed in the model or on disk (`structural`: some were created or deleted). */
  changed(uris: Iterable<string>, structural: boolean): void {
    const set = new Set(uris);
    if (set.size === 0) return;
    if (structural) this.files.filesAddedOrRemoved();
    for (const source of this.sources) source.changed(set, structural);
  }

  /** Forgets every build (settings or the host changed). */
  clear(): void {
    this.files.filesAddedOrRemoved();
    for (const source of this.sources) source.clear();
  }

  /**
   * Builds and checks what is stale; returns what changed since the last refresh (including what
   * `freshBuilds()` brought up to date for a reader in between, so that the adapter publishes it).
   */
  refresh(): BuildChanges {
    const changes = this.rebuild();
    for (const uri of this.unreported.findings) changes.findings.add(uri);
    for (const uri of this.unreported.roles) changes.roles.add(uri);
    this.unreported = { findings: new Set(), roles: new Set() };
    return changes;
  }

  /**
   * The builds brought up to date for a reader (the identities preview, a hover) without taking what
   * changed from the adapter: the next `refresh()` still reports it.
   */
  freshBuilds(): readonly Build[] {
    const changes = this.rebuild();
    for (const uri of changes.findings) this.unreported.findings.add(uri);
    for (const uri of changes.roles) this.unreported.roles.add(uri);
    return this.current;
  }

  /** A build's rendered objects as of the last refresh (undefined when they were not checked). */
  renderedBuild(buildUri: string): RenderedBuild | undefined {
    return this.checks.get(buildUri)?.renderedBuild();
  }

  private rebuild(): BuildChanges {
    const settings = this.env.settings();
    const built = this.sources.map((source) => ({ source, builds: source.builds() }));
    const builds = built.flatMap((entry) => entry.builds);
    const changes: BuildChanges = { findings: new Set(), roles: new Set() };
    const same = settings === this.settingsSeen && builds.length === this.current.length && builds.every((build, index) => build === this.current[index]);
    if (same) return changes;
    this.settingsSeen = settings;
    this.current = builds;
    const findings: BuildFinding[] = [];
    const env = { schemas: this.env.schemas, settings, file: (uri: string) => this.fileOf(uri), onRuleError: this.env.onRuleError };
    // A chart read statically and the same chart rendered are checked apart: each keeps its parsed text
    // and finding caches, so that a render after a save re-checks only the objects that changed.
    const checkKey = (build: Build): string => (build.naming ? `${build.uri}#${build.naming}` : build.uri);
    for (const build of builds) {
      let check = this.checks.get(checkKey(build));
      if (!check) this.checks.set(checkKey(build), check = new BuildCheck(build.uri));
      findings.push(...check.check(build, env));
    }
    for (const [uri, check] of this.checks) if (!builds.some((build) => build.uri === check.buildUri)) this.checks.delete(uri);
    const merged = mergeBuildFindings(findings);
    for (const uri of new Set([...merged.keys(), ...this.merged.keys()])) {
      if (JSON.stringify(merged.get(uri)) !== JSON.stringify(this.merged.get(uri))) changes.findings.add(uri);
    }
    this.merged = merged;
    const roles = new Map<string, FileRole>();
    for (const { source, builds: ofSource } of built) {
      for (const uri of new Set(ofSource.flatMap((build) => build.inputs))) {
        const role = roles.get(uri) ?? source.roleOf(uri);
        if (role) roles.set(uri, role);
      }
    }
    for (const uri of new Set([...roles.keys(), ...this.roles.keys()])) {
      if (policyOf(checkRoleOf(roles.get(uri), uri))?.key !== policyOf(checkRoleOf(this.roles.get(uri), uri))?.key) changes.roles.add(uri);
    }
    this.roles = roles;
    return changes;
  }

  /**
   * A source file findings may be placed in: the model's only (an editor shows diagnostics on the files
   * it knows; a place in a file read through the host falls back to its object's or build's place).
   */
  fileOf(uri: string): ParsedFile | undefined {
    return this.env.model.getFile(uri);
  }

  /** The builds as of the last refresh. */
  builds(): readonly Build[] {
    return this.current;
  }

  /** The role of a file in the builds as of the last refresh (undefined: not part of any build). */
  roleOf(uri: string): FileRole | undefined {
    return this.roles.get(uri);
  }

  /** How the file's own documents are checked (check/policy.ts), as of the last refresh. */
  readonly policy = (uri: string): DocumentPolicy | undefined => policyOf(checkRoleOf(this.roles.get(uri), uri));

  /** Whether builds' findings are on this file, as of the last refresh. */
  hasFindings(uri: string): boolean {
    return this.merged.has(uri);
  }

  /** A file's own findings with its builds' findings added (their repeats of its own left out). */
  withFindingsOf(uri: string, own: readonly Finding[]): Finding[] {
    return withBuildFindings(own, this.merged.get(uri));
  }
}
