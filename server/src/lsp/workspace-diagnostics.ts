// Diagnostics for the whole workspace, re-checking only what a change can affect:
// - document rules run on the changed files only (their findings are cached per parsed file);
// - workspace rules run on the changed files, on the files that read what a changed file provides (a
//   Service, a StorageClass, pod template labels: engine/rules/workspace/dependencies.ts), and on the
//   files whose findings point into a changed file (their related locations and fix offsets move);
// - a file's diagnostics are published only when they changed, for open files and for closed files
//   that hold Kubernetes objects (cleared when they are fixed or deleted);
// - closed files are first checked in the background, in small slices, so open files never wait.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Engine, Finding } from '../engine';
import { createChecker } from '../engine/check';
import type { ParsedFile } from '../engine/parse';
import type { Rule } from '../engine/rule';
import { allRules } from '../engine/rules';
import { crossFileFacts, crossFileReads, type CrossFileFacts } from '../engine/rules/workspace/dependencies';

/** Time a background slice may take before it lets the editor's messages through. */
const sliceMs = 15;

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
  private readonly documentFindings = new Map<string, { file: ParsedFile; findings: Finding[] }>();
  private readonly workspaceFindings = new Map<string, Finding[]>();
  private readonly facts = new Map<string, CrossFileFacts>();
  private readonly reads = new Map<string, string[]>();
  private readonly published = new Map<string, string>();
  private readonly backlog = new Set<string>();
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
    this.facts.clear();
    this.reads.clear();
    this.update([...engine.model.fileUris(), ...this.published.keys()]);
  }

  /** Re-checks after these files changed in the engine (edited, opened, closed, created or deleted). */
  update(uris: Iterable<string>): void {
    const engine = this.host.engine();
    if (!engine) return;
    const changed = new Set(uris);
    const toPublish = new Set(changed);
    const provided = new Set<string>();
    for (const uri of changed) {
      const before = this.facts.get(uri);
      const after = engine.getFile(uri) ? crossFileFacts(engine.model, uri) : undefined;
      if (before?.signature !== after?.signature) {
        for (const key of [...(before?.provides ?? []), ...(after?.provides ?? [])]) provided.add(key);
      }
      if (after) {
        this.facts.set(uri, after);
      } else {
        this.facts.delete(uri);
        this.reads.delete(uri);
        this.documentFindings.delete(uri);
        this.workspaceFindings.delete(uri);
      }
    }
    if (this.ready) {
      for (const uri of this.checkWorkspaceRules(engine, changed, provided)) toPublish.add(uri);
    }
    for (const uri of toPublish) this.publish(engine, uri);
  }

  /** Runs the workspace rules where they can have changed; returns the files whose findings changed. */
  private checkWorkspaceRules(engine: Engine, changed: ReadonlySet<string>, provided: ReadonlySet<string>): string[] {
    const set = new Set([...changed].filter((uri) => engine.getFile(uri)));
    for (const [uri, findings] of this.workspaceFindings) if (findings.some((finding) => pointsInto(finding, changed))) set.add(uri);
    if (provided.size) {
      for (const [uri, keys] of this.reads) if (keys.some((key) => provided.has(key))) set.add(uri);
    }
    const targets = [...set];
    if (targets.length === 0) return [];
    const checker = createChecker(engine.model, engine.schemas, engine.settings, {
      rules: workspaceRules, onRuleError: (ruleId, uri, error) => this.host.log(`rule ${ruleId} failed${uri ? ` on ${uri}` : ''}: ${String(error)}`),
    });
    const results = checker.checkFiles(targets);
    const differ: string[] = [];
    for (const [uri, findings] of results) {
      this.reads.set(uri, crossFileReads(engine.model, uri, findings.length > 0));
      if (findingsKey(this.workspaceFindings.get(uri)) === findingsKey(findings)) continue;
      differ.push(uri);
      if (findings.length) this.workspaceFindings.set(uri, findings); else this.workspaceFindings.delete(uri);
    }
    return differ;
  }

  private findingsOfDocumentRules(engine: Engine, file: ParsedFile): Finding[] {
    const cached = this.documentFindings.get(file.uri);
    if (cached?.file === file) return cached.findings;
    const checker = createChecker(engine.model, engine.schemas, engine.settings, {
      rules: documentRules, onRuleError: (ruleId, uri, error) => this.host.log(`rule ${ruleId} failed on ${uri}: ${String(error)}`),
    });
    const findings = checker.checkFiles([file.uri]).get(file.uri) ?? [];
    this.documentFindings.set(file.uri, { file, findings });
    return findings;
  }

  /** Closed files get diagnostics only when they hold Kubernetes objects (not every YAML of the repository). */
  private publishes(engine: Engine, uri: string): boolean {
    return this.host.isOpen(uri) || (this.ready && engine.model.manifestsOf(uri).length > 0);
  }

  private publish(engine: Engine, uri: string, fromBacklog = false): void {
    const file = engine.getFile(uri);
    if (!file || !this.publishes(engine, uri)) {
      this.backlog.delete(uri);
      if (this.published.delete(uri)) this.host.publish(uri, []);
      return;
    }
    if (!this.host.isOpen(uri) && !fromBacklog && this.documentFindings.get(uri)?.file !== file) {
      // A closed file never checked yet: the background pass does it, so the editor is not held up.
      this.backlog.add(uri);
      this.drain();
      return;
    }
    const findings = [...this.findingsOfDocumentRules(engine, file), ...(this.workspaceFindings.get(uri) ?? [])]
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const diagnostics = findings.map((finding) => this.host.toDiagnostic(engine, finding));
    const key = JSON.stringify(diagnostics);
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    this.host.publish(uri, diagnostics);
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const step = (): void => {
      const engine = this.host.engine();
      const deadline = Date.now() + sliceMs;
      try {
        while (engine && this.backlog.size && Date.now() < deadline) {
          const uri = this.backlog.values().next().value as string;
          this.backlog.delete(uri);
          this.publish(engine, uri, true);
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
