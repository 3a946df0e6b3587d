// Runs the cross-document rules: each rule on each object of its kinds in the files asked for, with
// the rest of the workspace read through lookups that record what was read. A subject's findings are
// kept (per parsed document and rule) until a key they read changes signature, a file they point into
// changes, or the document moves: after an edit, only the objects the edit can affect are checked again,
// wherever they are. What each file's checks read is recorded for the editor (model/dependencies.ts).
import { dependencyTracker } from '../model/dependencies';
import { WorkspaceLookups, type Reads } from '../model/lookups';
import { workspaceIndex, type WorkspaceIndex } from '../model/workspace-index';
import type { Manifest } from '../model/manifest';
import type { WorkspaceModel } from '../model/workspace-model';
import type { SchemaStore } from '../schema/store';
import type { DataPath } from '../yaml/nodes';
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import type { EngineSettings, RuleFinding, Span } from '../types';
import type { Rule, WorkspaceContext } from './rule';

type WorkspaceRule = Extract<Rule, { scope: 'workspace' }>;

interface Entry {
  settings: EngineSettings;
  /** Where the document started when the findings were computed. */
  start: number;
  namespace: string;
  findings: RuleFinding[];
  reads: Reads;
  /** The files (other than the subject's document) that findings point into, as they were. */
  files: Map<string, ParsedFile | undefined>;
}

const entries = new WeakMap<ParsedDocument, Map<string, Entry>>();

class SubjectContext implements WorkspaceContext {
  constructor(
    readonly schemas: SchemaStore,
    readonly settings: EngineSettings,
    readonly manifest: Manifest,
    readonly namespace: string,
    readonly lookups: WorkspaceLookups,
  ) {}

  keySpan(path: DataPath): Span {
    return this.manifest.keySpan(path);
  }

  valueSpan(path: DataPath): Span {
    return this.manifest.valueSpan(path);
  }
}

function stillValid(entry: Entry, namespace: string, settings: EngineSettings, index: WorkspaceIndex, model: WorkspaceModel): boolean {
  if (entry.settings !== settings || entry.namespace !== namespace) return false;
  for (const [key, signature] of entry.reads) if ((index.signatures.get(key) ?? '') !== signature) return false;
  for (const [uri, file] of entry.files) if (model.getFile(uri) !== file) return false;
  return true;
}

/** The findings of a document that moved by `delta` (they point only into the document: `files` is empty). */
function moved(findings: RuleFinding[], delta: number): RuleFinding[] {
  const shift = <T extends Span>(span: T): T => ({ ...span, start: span.start + delta, end: span.end + delta });
  return findings.map((finding) => ({
    ...shift(finding),
    ...(finding.related ? { related: finding.related.map(shift) } : {}),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(shift) })) } : {}),
  }));
}

/** The files a subject's findings point into, outside its own document. */
function pointedFiles(findings: RuleFinding[], manifest: Manifest, model: WorkspaceModel): Map<string, ParsedFile | undefined> {
  const files = new Map<string, ParsedFile | undefined>();
  const { start, end } = manifest.document.span;
  const note = (uri: string | undefined, span: Span): void => {
    const target = uri ?? manifest.uri;
    if (target === manifest.uri && span.start >= start && span.end <= end) return;
    files.set(target, model.getFile(target));
  };
  for (const finding of findings) {
    note(finding.uri, finding);
    for (const related of finding.related ?? []) note(related.uri, related);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) note(edit.uri, edit);
  }
  return files;
}

export interface WorkspaceRun {
  model: WorkspaceModel;
  schemas: SchemaStore;
  settings: EngineSettings;
  rules: readonly Rule[];
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
  /** Only the subjects of these documents (see Checker.checkFiles). What is read is then not recorded. */
  only?: (document: ParsedDocument) => boolean;
}

/** Runs the workspace rules on the objects of the files `uris`; `out` gets each finding with its subject's file. */
export function runWorkspaceRules(run: WorkspaceRun, uris: Iterable<string>, out: (rule: Rule, finding: RuleFinding, uri: string) => void): void {
  const { model, schemas, settings } = run;
  const rules = run.rules.filter((rule): rule is WorkspaceRule => rule.scope === 'workspace');
  if (rules.length === 0) return;
  const index = workspaceIndex(model);
  const tracker = dependencyTracker(model);
  for (const uri of uris) {
    const manifests = model.manifestsOf(uri);
    for (const rule of rules) {
      const read = new Set<string>();
      for (const manifest of manifests) {
        if (!rule.kinds.includes(manifest.kind) || (run.only && !run.only(manifest.document))) continue;
        const namespace = model.namespaceOf(manifest);
        let byRule = entries.get(manifest.document);
        let entry = byRule?.get(rule.id);
        const start = manifest.document.span.start;
        if (entry && entry.start !== start && stillValid(entry, namespace, settings, index, model) && entry.files.size === 0) {
          entry = { ...entry, start, findings: moved(entry.findings, start - entry.start) };
          byRule!.set(rule.id, entry);
        } else if (entry && entry.start !== start && entry.findings.length > 0) {
          entry = undefined;
        }
        if (!entry || !stillValid(entry, namespace, settings, index, model)) {
          const lookups = new WorkspaceLookups(index);
          let findings: RuleFinding[];
          try {
            findings = rule.check(new SubjectContext(schemas, settings, manifest, namespace, lookups));
          } catch (error) {
            findings = [];
            run.onRuleError?.(rule.id, uri, error);
          }
          entry = { settings, start, namespace, findings, reads: lookups.reads, files: pointedFiles(findings, manifest, model) };
          if (!byRule) entries.set(manifest.document, byRule = new Map());
          byRule.set(rule.id, entry);
        }
        for (const key of entry.reads.keys()) read.add(key);
        for (const finding of entry.findings) out(rule, finding, finding.uri ?? uri);
      }
      if (!run.only) tracker.record(uri, rule.id, read);
    }
  }
}
