// The engine's public face: one object used alike by the CLI, the language server and the tests.
import { createChecker, type CheckOptions } from './check/runner';
import { complete, type CompletionData } from './features/completion';
import { documentSymbols, hover, type DocumentSymbolData, type HoverData } from './features/language';
import { WorkspaceModel } from './model/workspace-model';
import { dependencyTracker } from './model/dependencies';
import { lineColumn, offsetOf, parseFile, reparseFile, skippedFile, type ParsedDocument, type ParsedFile } from './yaml';
import { allRules } from './rules';
import { SchemaStore } from './schema/store';
import { withDefaults, type EngineSettings, type Finding } from './types';
import { BuildSet, type BuildChanges } from './builds/build-set';
import type { FileHost } from './builds/files';
import type { CommittedFile } from './model/committed';
import type { ChartRender } from './builds/helm-source';
import { entryAt, entryHover, type EntryTarget } from './builds/kustomization-features';
import { fileIdentities, identityFieldAt, identityIndexAt, withProblems, type BuildIdentities, type FileIdentities, type IdentityOptions, type StatefulSetIdentities } from './identities/compute';
import { buildIdentities } from './builds/build-identities';
import { completeKustomizationPath } from './builds/kustomization-paths';
import { isKustomizationFileName } from './kustomize';
import { baseName } from './kustomize/uri';
import { buildsHoverMarkdown } from './identities/format';

/** The rules whose findings the pod identity preview shows. */
const previewRules: ReadonlySet<string> = new Set(allRules.filter((rule) => rule.showInPreview).map((rule) => rule.id));

export type { Finding, EngineSettings, Severity, FixData, TextEditData, RelatedLocation } from './types';
export type { CompletionData } from './features/completion';
export type { DocumentSymbolData, HoverData } from './features/language';
export type { ParsedFile } from './yaml';
export { allRules } from './rules';
export { SchemaStore } from './schema/store';
export type { FileHost } from './builds/files';
export type { CommittedFile } from './model/committed';
export type { BuildChanges } from './builds/build-set';
export type { ChartRender } from './builds/helm-source';

// What the language server and the CLI use besides the Engine (they import nothing else of the engine).
export type { Rule, RuleMeta } from './check/rule';
export { createChecker, findingOrder } from './check/runner';
export type { Checker } from './check/runner';
export { configCompletions, configHover } from './config/assist';
export { configFileNames, configRuleId } from './config/schema';
export { maxConfigSize, mergeSettings, parseConfig } from './config/validate';
export type { ConfigProblem, ParsedConfig } from './config/validate';
export { expandSnippet } from './edit/snippet';
export { completeNames, definition, references } from './features/navigation';
export type { NavLocation } from './features/navigation';
export { identityIndexAt } from './identities/compute';
export type { BuildIdentities, SourceRef, StatefulSetIdentities } from './identities/compute';
export { identitiesText, lensTitle, shortBuildLabels } from './identities/format';
export { isDnsLabel, isDnsSubdomain } from './k8s/names';
export { defaultSchemaPath } from './schema/store';
export { defaultSettings, withDefaults } from './types';
export type { SeveritySetting, Span } from './types';
export { LazyTrees } from './model/lazy-trees';
export { lineColumn } from './yaml/parse';

/** A Helm chart of the workspace. */
export interface ChartInfo {
  chartYaml: string;
  /** The chart's folder (no trailing slash). */
  dir: string;
  /** `name` of its Chart.yaml. */
  name: string;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/** A file for Engine.setFiles: its text, or why it cannot be read. */
export type FileEntry = { uri: string; text: string } | { uri: string; unreadable: string };

export class Engine {
  readonly model: WorkspaceModel;
  /** The Kustomize overlays of the workspace, built, checked and placed on their sources (builds/). */
  readonly builds: BuildSet;
  settings: EngineSettings;

  constructor(readonly schemas: SchemaStore = SchemaStore.load(), settings?: Partial<EngineSettings>, private readonly options: CheckOptions = {}) {
    this.settings = withDefaults(settings);
    this.model = new WorkspaceModel(this.settings.defaultNamespace);
    this.builds = new BuildSet({ model: this.model, schemas, settings: () => this.settings, onRuleError: options.onRuleError });
  }

  /** What builds may read besides the model: files that are not YAML, folder listings (the adapter's disk). */
  setHost(host: FileHost): void {
    this.builds.setHost(host);
  }

  /** Files changed on disk that are not in the model (generator inputs, folders): builds that read them are stale. */
  filesChangedOnDisk(uris: Iterable<string>): void {
    this.builds.changed(uris, true);
  }

  /**
   * Builds and checks the overlays that changes made stale, and says which files' build findings and
   * roles changed. check() does it itself; the language server calls it to know what to publish.
   */
  refreshBuilds(): BuildChanges {
    return this.builds.refresh();
  }

  /** The Helm charts of the workspace (root charts: a subchart goes with its parent): what an adapter may render. */
  charts(): ChartInfo[] {
    return this.builds.helm.charts().map((chart) => ({ chartYaml: chart.chartYaml, dir: chart.dir, name: chart.name }));
  }

  /** The root chart a file belongs to (Chart.yaml, values, templates, helpers of it or of a subchart). */
  chartOf(uri: string): ChartInfo | undefined {
    const chart = this.builds.helm.rootChartOf(uri);
    return chart && { chartYaml: chart.chartYaml, dir: chart.dir, name: chart.name };
  }

  /** The texts a render of the chart with these values files reads now: give them back with the render (setChartRender). */
  chartInputs(chartYaml: string, valuesFiles: readonly string[] = []): Map<string, string> {
    return this.builds.helm.inputsOf(chartYaml, valuesFiles);
  }

  /**
   * The result of `helm template` on a chart (run by the adapter: the engine runs no program), or
   * undefined to read the chart statically again. Used while the chart's files keep the texts it was
   * rendered from; call refreshBuilds() (or check()) to see its findings.
   */
  setChartRender(chartYaml: string, render: ChartRender | undefined): void {
    this.builds.helm.setRender(chartYaml, render);
  }

  /** The checker options with the roles files play in builds (builds/roles.ts). */
  private checkOptions(): CheckOptions {
    return { ...this.options, policy: this.builds.policy };
  }

  /** Applies new settings. Files are re-parsed only if the size limit changed. */
  updateSettings(settings: EngineSettings): void {
    const reparse = settings.maxFileSize !== this.settings.maxFileSize;
    this.settings = settings;
    this.model.defaultNamespace = settings.defaultNamespace;
    if (reparse) this.builds.clear();
    if (reparse) {
      for (const uri of this.model.fileUris()) {
        const file = this.model.getFile(uri)!;
        if (!file.skipped || file.text) this.model.setFile(parseFile(uri, file.text, file.version, settings.maxFileSize));
      }
    }
  }

  /**
   * Adds or replaces a file. Re-parses only when the text changed, and then only the documents an
   * edit touched when it can (yaml/reparse.ts); the replaced file's documents may be reused and moved.
   * No `yaml` tree is built here: parseTree builds a document's when it is asked for.
   */
  setFile(uri: string, text: string, version = 0): ParsedFile {
    const existing = this.model.getFile(uri);
    if (existing && existing.version === version && existing.text === text) return existing;
    const file = this.putFile(uri, text, version, existing);
    this.builds.changed([uri], !existing);
    return file;
  }

  /**
   * Adds or replaces several files (texts, or why a file cannot be read) as setFile and setUnreadable
   * do, telling the builds once: what the CLI does with every file it checks.
   */
  setFiles(files: readonly FileEntry[]): void {
    const added: string[] = [];
    const changed: string[] = [];
    for (const entry of files) {
      const existing = this.model.getFile(entry.uri);
      if ('unreadable' in entry) this.model.setFile(skippedFile(entry.uri, '', entry.unreadable));
      else if (existing && existing.version === 0 && existing.text === entry.text) continue;
      else this.putFile(entry.uri, entry.text, 0, existing);
      (existing ? changed : added).push(entry.uri);
    }
    this.builds.changed(added, true);
    this.builds.changed(changed, false);
  }

  private putFile(uri: string, text: string, version: number, existing: ParsedFile | undefined): ParsedFile {
    const file = existing && existing.text === text && !existing.skipped ? { ...existing, version }
      : existing ? reparseFile(existing, text, version, this.settings.maxFileSize) : parseFile(uri, text, version, this.settings.maxFileSize);
    this.model.setFile(file);
    return file;
  }

  /** Records a file that cannot be read as text, so that it gets one note saying why. */
  setUnreadable(uri: string, reason: string): void {
    this.setFiles([{ uri, unreadable: reason }]);
  }

  deleteFile(uri: string): void {
    this.model.deleteFile(uri);
    this.builds.changed([uri], true);
  }

  getFile(uri: string): ParsedFile | undefined {
    return this.model.getFile(uri);
  }

  /**
   * Sets (undefined: forgets) a file's text as committed at the ref compared with (git HEAD by default),
   * which the rules that compare a StatefulSet with its committed self read (model/committed.ts). The
   * adapters read it (tools/git); true when it changed: the file's findings must be computed again.
   */
  setCommitted(uri: string, committed: CommittedFile | undefined): boolean {
    return this.model.committed.set(uri, committed, this.settings.maxFileSize);
  }

  /** The committed text shown under a committed document's uri (CommittedFile.uri), for a read-only view. */
  committedText(documentUri: string): string | undefined {
    return this.model.committed.document(documentUri)?.text;
  }

  /**
   * Findings of the given files (all known files by default), each list sorted by position: each file
   * checked according to its role in the overlays, with the overlays' findings placed on it.
   */
  check(uris: string[] = this.model.fileUris()): Map<string, Finding[]> {
    this.builds.refresh();
    const results = createChecker(this.model, this.schemas, this.settings, this.checkOptions()).checkFiles(uris);
    for (const [uri, findings] of results) results.set(uri, this.builds.withFindingsOf(uri, findings));
    return results;
  }

  hover(uri: string, offset: number, findings?: readonly Finding[]): HoverData | undefined {
    const entry = this.kustomizationEntryAt(uri, offset);
    if (entry) {
      const markdown = entryHover(this.builds.kustomize.builds(), entry);
      if (markdown) return { markdown, span: entry.span };
    }
    const problems = (set: StatefulSetIdentities): StatefulSetIdentities => withProblems(set, findings ?? this.findingsOf(uri, offset), previewRules);
    this.builds.freshBuilds();
    const buildNames = this.builds.roleOf(uri) === 'resource' ? (at: number) => this.buildNamesAt(uri, at) : undefined;
    return hover(this.model.manifestsOf(uri), offset, this.schemas, { model: this.model, settings: this.settings, problems, buildNames });
  }

  /** Hover markdown: what the identity field under `offset` gives in each build of its StatefulSet. */
  private buildNamesAt(uri: string, offset: number): string | undefined {
    const file = this.model.getFile(uri);
    const at = file && identityFieldAt(file, offset, this.model);
    if (!at) return undefined;
    const sections = this.buildIdentities(uri, { maxPods: 3 }).flatMap((build) => {
      const set = build.statefulSets[identityIndexAt(build.statefulSets, offset, uri)];
      return set ? [{ label: build.label, set }] : [];
    });
    return sections.length > 0 ? buildsHoverMarkdown(sections, at.on) : undefined;
  }

  /**
   * The pod identities of every StatefulSet of a file, with the problems the preview shows: the findings
   * of the rules marked `showInPreview`, taken from `findings` when the caller has the file's current
   * findings (the language server does), else from a check of the file.
   */
  identities(uri: string, options: IdentityOptions = {}, findings?: readonly Finding[]): FileIdentities {
    const builds = this.buildIdentities(uri, options);
    const role = this.builds.roleOf(uri);
    if (role !== undefined && role !== 'resource') {
      // A patch or a kustomization is no StatefulSet of its own: its StatefulSets are those of its builds.
      const patch = role === 'patch-strategic-merge' || role === 'patch-json6902';
      const note = patch && builds.length === 0
        ? 'This file is a Kustomize patch: the StatefulSets it patches get their names in the overlays that apply it, and none of them patches a StatefulSet with it.'
        : undefined;
      return { uri, statefulSets: [], builds, ...(note ? { note } : {}) };
    }
    // A file checked on its own, or a resource of builds (its documents are checked alone too): its own section.
    const own = fileIdentities(this.model, this.settings, uri, findings ?? this.findingsOf(uri), previewRules, options);
    return builds.length > 0 ? { ...own, builds } : own;
  }

  /** The StatefulSets each build (overlay) makes of a file, with that build's problems (builds/build-identities.ts). */
  private buildIdentities(uri: string, options: IdentityOptions): BuildIdentities[] {
    const builds = this.builds.freshBuilds();
    if (builds.length === 0) return [];
    return buildIdentities(uri, {
      builds,
      rendered: (buildUri) => this.builds.renderedBuild(buildUri),
      file: (file) => this.model.getFile(file),
      roleOf: (file) => this.builds.roleOf(file),
      settings: this.settings,
      shownRules: previewRules,
    }, options);
  }

  /** The findings of a file, or of the document at `offset` only. */
  private findingsOf(uri: string, offset?: number): Finding[] {
    if (!this.getFile(uri)) return [];
    const only = offset === undefined ? undefined : (document: ParsedDocument): boolean => offset >= document.span.start && offset <= document.span.end;
    return createChecker(this.model, this.schemas, this.settings, this.checkOptions()).checkFiles([uri], only).get(uri) ?? [];
  }

  /** The kustomization entry (a resource, a patch path, ...) under `offset`, with the file it names. */
  private kustomizationEntryAt(uri: string, offset: number): EntryTarget | undefined {
    const file = this.model.getFile(uri);
    const role = this.builds.roleOf(uri);
    if (!file || (role !== 'kustomization' && role !== 'component')) return undefined;
    return entryAt(this.builds.kustomize.builds(), file, offset);
  }

  /** Where a kustomization entry under `offset` leads: the file it names (a base: its kustomization file). */
  kustomizationTarget(uri: string, offset: number): string | undefined {
    return this.kustomizationEntryAt(uri, offset)?.use.uri;
  }

  complete(uri: string, offset: number): CompletionData[] {
    const file = this.model.getFile(uri);
    if (!file) return [];
    // In a kustomization, a path entry completes with the entries of the folder typed so far.
    const paths = isKustomizationFileName(baseName(uri)) ? completeKustomizationPath(file, offset, this.builds.files) : undefined;
    return paths ?? complete(file, offset, this.schemas);
  }

  symbols(uri: string): DocumentSymbolData[] {
    return documentSymbols(this.model.manifestsOf(uri));
  }

  /** 0-based line and UTF-16 column of an offset in a known file. */
  positionAt(uri: string, offset: number): Position {
    const file = this.model.getFile(uri) ?? this.model.committed.document(uri);
    return file ? lineColumn(file, offset) : { line: 0, character: 0 };
  }

  offsetAt(uri: string, position: Position): number {
    const file = this.model.getFile(uri);
    return file ? offsetOf(file, position.line, position.character) : 0;
  }

  /**
   * After these files changed in the model (edited, added or deleted): the other files whose
   * cross-document findings may differ, because something their last check read changed. Derived from
   * the lookups the rules made (model/dependencies.ts): no rule names its dependencies by hand.
   */
  affectedBy(changed: Iterable<string>): Set<string> {
    return dependencyTracker(this.model).affectedBy(changed);
  }

  ruleIds(): string[] {
    return allRules.map((rule) => rule.id);
  }
}
