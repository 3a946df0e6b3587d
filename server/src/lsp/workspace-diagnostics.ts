// Diagnostics for the whole workspace, re-checking only what a change can affect:
// - document rules run on the changed files only (their findings are cached per parsed file);
// - workspace rules run on the changed files, on the files whose last check read something a changed
//   file provides (Engine.affectedBy, derived from the rules' lookups), and on the files whose findings
//   point into a changed file (their related locations and fix offsets move); inside a file, the engine
//   checks again only the objects whose dependencies changed (engine/check/workspace-runner.ts);
// - a file's diagnostics are published only when they changed, for open files and for closed files
//   that hold Kubernetes objects (cleared when they are fixed or deleted), never for files known not to
//   hold any (engine/builds/known-files.ts);
// - closed files are checked in the background, in small slices, so open files never wait: their
//   first check, and every re-check of their workspace findings after a change elsewhere;
// - closed files keep no `yaml` trees once checked (engine/yaml/lazy-trees.ts): a check, a related
//   location or a navigation request that needs one parses that document again, for the time of that task;
// - Kustomize overlays (engine/builds): once the index is complete, every change re-builds and re-checks
//   the overlays that read a changed file, and the files whose overlay findings or role (patch,
//   resource, kustomization...) changed are published again, open or closed.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Engine, Finding } from '../engine';
import { createChecker, type Checker } from '../engine';
import { LazyTrees, type ParsedFile } from '../engine';
import type { Rule } from '../engine';
import { allRules } from '../engine';

/** Time a background slice may take before it lets the editor's messages through. */
const sliceMs = 15;
/**
 * Closed files whose workspace rules run together in the background: each run passes over the whole
 * workspace index (~4 ms with 2,000 files), but the trees it parses again stay in memory until the run
 * is over (8: 0.9 s slower to publish the 2,000 files of the benchmark; 32: 25 MB more RSS).
 */
const batchSize = 16;

export interface DiagnosticsHost {
  engine(): Engine | undefined;
  isOpen(uri: string): boolean;
  toDiagnostic(engine: Engine, finding: Finding): Diagnostic;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

const documentRules: readonly Rule[] = allRules.filter((rule) => rule.scope !== 'workspace');
const workspaceRules: readonly Rule[] = allRules.filter((rule) => rule.scope === 'workspace');

function findingsKey(findings: Finding[] | undefined): string {
  return findings?.length ? JSON.stringify(findings) : '';
}

function pointsInto(finding: Finding, uris: ReadonlySet<string>): boolean {
  return !!finding.related?.some((related) => uris.has(related.uri))
    || !!finding.fixes?.some((fix) => fix.edits.some((edit) => uris.has(edit.uri)));
}

export class WorkspaceDiagnostics {
  /** Document-rule findings by file, for the file as parsed and checked under its role's policy. */
  private readonly documentFindings = new Map<string, { file: ParsedFile; policy: string; findings: Finding[] }>();
  private readonly workspaceFindings = new Map<string, Finding[]>();
  /** The findings last published for each file, with the parsed file they were for. */
  private readonly lastFindings = new Map<string, { file: ParsedFile; findings: Finding[] }>();
  private readonly published = new Map<string, string>();
  /** Closed files to check and publish in the background. */
  private readonly backlog = new Set<string>();
  /** Files of the backlog that were published before: their re-check goes first. */
  private readonly urgent = new Set<string>();
  /** Closed files whose workspace rules are to run again (in the backlog too). */
  private readonly workspaceStale = new Set<string>();
  private lazyTrees: LazyTrees | undefined;
  /** The checkers of the current settings (they keep no state: one serves every file). */
  private checkers: { engine: Engine; settings: Engine['settings']; document: Checker; workspace: Checker } | undefined;
  private draining = false;
  /** Workspace rules run only once the index holds every file (else they would report missing objects). */
  private ready = false;

  constructor(private readonly host: DiagnosticsHost) {}

  get indexed(): boolean {
    return this.ready;
  }

  /** The index is complete: check the workspace rules everywhere and publish closed files in the background. */
  markReady(): void {
    this.ready = true;
    this.refreshAll();
  }

  /** Forgets every cached result (settings changed) and re-checks everything. */
  refreshAll(): void {
    const engine = this.host.engine();
    if (!engine) return;
    this.documentFindings.clear();
    this.update([...engine.model.fileUris(), ...this.published.keys()]);
  }

  /** Re-checks after these files changed in the engine (edited, opened, closed, created or deleted). */
  update(uris: Iterable<string>): void {
    const engine = this.host.engine();
    if (!engine) return;
    const changed = new Set(uris);
    const toPublish = new Set(changed);
    const affected = engine.affectedBy(changed);
    this.forgetDeleted(engine, changed);
    if (this.ready) {
      // Overlays first: a file whose role changed is checked again like a changed one.
      const builds = engine.refreshBuilds();
      for (const uri of builds.roles) changed.add(uri);
      for (const uri of [...builds.findings, ...builds.roles]) toPublish.add(uri);
      for (const uri of this.checkWorkspaceRules(engine, changed, affected)) toPublish.add(uri);
    }
    for (const uri of toPublish) this.publish(engine, uri);
  }

  /** Forgets what is kept for the changed files that no longer exist. */
  private forgetDeleted(engine: Engine, uris: Iterable<string>): void {
    for (const uri of uris) {
      if (engine.getFile(uri)) continue;
      this.documentFindings.delete(uri);
      this.workspaceFindings.delete(uri);
      this.workspaceStale.delete(uri);
    }
  }

  /**
   * A closed file was just read from disk, its trees are in memory: its document rules run now (they
   * depend on nothing but the file), then its trees are dropped. The background check parses it again
   * only if a workspace rule needs a node (a StatefulSet's serviceName, a finding's location).
   */
  closedFileRead(uri: string): void {
    const engine = this.host.engine();
    const file = engine?.getFile(uri);
    if (!engine || !file) return;
    if (engine.model.manifestsOf(uri).length > 0) this.findingsOfDocumentRules(engine, file);
    this.trees(engine).release(uri);
  }

  /** The trees of closed files, dropped once checked (engine/yaml/lazy-trees.ts). */
  trees(engine: Engine): LazyTrees {
    if (!this.lazyTrees || this.lazyTrees.model !== engine.model) {
      this.lazyTrees = new LazyTrees(engine.model, { schedule: (task) => setImmediate(task), keep: (uri) => this.host.isOpen(uri) });
    }
    return this.lazyTrees;
  }

  /**
   * Finds where the workspace rules can have changed: open files are re-checked now (returned: the files
   * whose findings changed), closed ones in the background.
   */
  private checkWorkspaceRules(engine: Engine, changed: ReadonlySet<string>, affected: ReadonlySet<string>): string[] {
    const set = new Set([...changed, ...affected].filter((uri) => engine.getFile(uri)));
    for (const [uri, findings] of this.workspaceFindings) if (findings.some((finding) => pointsInto(finding, changed))) set.add(uri);
    const now: string[] = [];
    for (const uri of set) {
      if (this.host.isOpen(uri)) {
        now.push(uri);
      } else {
        this.workspaceStale.add(uri);
        this.enqueue(uri);
      }
    }
    return this.runWorkspaceRules(engine, now);
  }

  private checkersOf(engine: Engine): { document: Checker; workspace: Checker } {
    if (this.checkers?.engine === engine && this.checkers.settings === engine.settings) return this.checkers;
    const policy = engine.builds.policy;
    const document = createChecker(engine.model, engine.schemas, engine.settings, {
      rules: documentRules, policy, onRuleError: (ruleId, uri, error) => this.host.log(`rule ${ruleId} failed on ${uri}: ${String(error)}`),
    });
    const workspace = createChecker(engine.model, engine.schemas, engine.settings, {
      rules: workspaceRules, policy, onRuleError: (ruleId, uri, error) => this.host.log(`rule ${ruleId} failed${uri ? ` on ${uri}` : ''}: ${String(error)}`),
    });
    this.checkers = { engine, settings: engine.settings, document, workspace };
    return this.checkers;
  }

  /** Runs the workspace rules on these files; returns those whose findings changed. */
  private runWorkspaceRules(engine: Engine, targets: string[]): string[] {
    if (targets.length === 0) return [];
    const results = this.checkersOf(engine).workspace.checkFiles(targets);
    const differ: string[] = [];
    for (const [uri, findings] of results) {
      if (findingsKey(this.workspaceFindings.get(uri)) === findingsKey(findings)) continue;
      differ.push(uri);
      if (findings.length) this.workspaceFindings.set(uri, findings); else this.workspaceFindings.delete(uri);
    }
    return differ;
  }

  private findingsOfDocumentRules(engine: Engine, file: ParsedFile): Finding[] {
    const cached = this.documentFindings.get(file.uri);
    const policy = engine.builds.policy(file.uri)?.key ?? '';
    if (cached?.file === file && cached.policy === policy) return cached.findings;
    const findings = this.checkersOf(engine).document.checkFiles([file.uri]).get(file.uri) ?? [];
    this.documentFindings.set(file.uri, { file, policy, findings });
    return findings;
  }

  /** Whether a file's document findings were computed for it as it is now, in its current role. */
  private documentFindingsCurrent(engine: Engine, file: ParsedFile): boolean {
    const cached = this.documentFindings.get(file.uri);
    return cached?.file === file && cached.policy === (engine.builds.policy(file.uri)?.key ?? '');
  }

  /**
   * Closed files get diagnostics only when they hold Kubernetes objects (not every YAML of the
   * repository), or when overlays have findings on them (a kustomization, a patch). A file known not to
   * hold Kubernetes objects (a chart's values file, a CI workflow) gets none, open or closed.
   */
  private publishes(engine: Engine, uri: string): boolean {
    if (engine.builds.policy(uri)?.silent) return false;
    return this.host.isOpen(uri) || (this.ready && (engine.model.manifestsOf(uri).length > 0 || engine.builds.hasFindings(uri)));
  }

  private publish(engine: Engine, uri: string, fromBacklog = false): void {
    const file = engine.getFile(uri);
    const open = this.host.isOpen(uri);
    if (!file || !this.publishes(engine, uri)) {
      this.backlog.delete(uri);
      this.urgent.delete(uri);
      this.workspaceStale.delete(uri);
      if (file && !open) this.trees(engine).release(uri);
      if (this.published.delete(uri)) this.host.publish(uri, []);
      return;
    }
    if (!open && !fromBacklog && (this.workspaceStale.has(uri) || !this.documentFindingsCurrent(engine, file))) {
      // A closed file not checked as it is now: the background pass does it, so the editor is not held up.
      this.enqueue(uri);
      return;
    }
    const own = [...this.findingsOfDocumentRules(engine, file), ...(this.workspaceFindings.get(uri) ?? [])]
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const findings = this.ready ? engine.builds.withFindingsOf(uri, own) : own;
    if (this.ready) this.lastFindings.set(uri, { file, findings }); else this.lastFindings.delete(uri);
    if (!open) this.trees(engine).release(uri);
    const diagnostics = findings.map((finding) => this.host.toDiagnostic(engine, finding));
    const key = JSON.stringify(diagnostics);
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    this.host.publish(uri, diagnostics);
  }

  /**
   * The findings published for a file, when they are those of the file as the engine holds it now: what
   * requests (code actions, hover, the identities preview) use instead of checking the file again.
   */
  currentFindings(engine: Engine, uri: string): Finding[] | undefined {
    const last = this.lastFindings.get(uri);
    return last && last.file === engine.getFile(uri) && !this.workspaceStale.has(uri) ? last.findings : undefined;
  }

  /** Puts a closed file in the background pass (first, when it was published before: a re-check). */
  private enqueue(uri: string): void {
    this.backlog.add(uri);
    if (this.published.has(uri)) this.urgent.add(uri);
    this.drain();
  }

  /** The next files of the background pass: re-checks first. */
  private nextBatch(): string[] {
    const batch = new Set<string>();
    for (const source of [this.urgent, this.backlog]) {
      for (const uri of source) {
        if (batch.size >= batchSize) break;
        batch.add(uri);
      }
    }
    for (const uri of batch) {
      this.urgent.delete(uri);
      this.backlog.delete(uri);
    }
    return [...batch];
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = (): void => {
      const engine = this.host.engine();
      const deadline = Date.now() + sliceMs;
      try {
        while (engine && this.backlog.size && Date.now() < deadline) {
          const batch = this.nextBatch();
          const stale = batch.filter((uri) => this.workspaceStale.delete(uri));
          if (this.ready) this.runWorkspaceRules(engine, stale.filter((uri) => engine.getFile(uri)));
          for (const uri of batch) this.publish(engine, uri, true);
        }
      } catch (error) {
        this.host.log(`background check failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
      if (engine && this.backlog.size) setImmediate(step); else this.draining = false;
    };
    setImmediate(step);
  }

  /** Whether background work is pending (for tests and the benchmark). */
  get busy(): boolean {
    return this.backlog.size > 0;
  }
}
