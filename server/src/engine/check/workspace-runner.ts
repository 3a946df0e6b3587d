// Runs the cross-document rules: each rule on each object of its kinds in the files asked for, with
// the rest of the workspace read through lookups that record what was read. A subject's findings are
// kept (per parsed document and rule) until a key they read changes signature, a file they point into
// changes, or the document moves: after an edit, only the objects the edit can affect are checked again,
// wherever they are. What each file's checks read is recorded for the editor (model/dependencies.ts).
import { dependencyTracker } from '../model/dependencies';
import { usesCrlf } from '../edit/line-ends';
import { WorkspaceLookups } from '../model/lookups';
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
  /** Whether the file had CRLF line ends then (fixes carry them; an edit elsewhere can change them). */
  crlf: boolean;
  namespace: string;
  findings: RuleFinding[];
  /** The dependency keys the check read, and their signatures then (lookups.ts). */
  keys: string[];
  signatures: string[];
  /** The files (other than the subject's document) that findings point into, as they were. */
  files: [uri: string, file: ParsedFile | undefined][];
}

/** Per document, per rule id (and List item root). */
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

function stillValid(entry: Entry, manifest: Manifest, namespace: string, settings: EngineSettings, index: WorkspaceIndex, model: WorkspaceModel): boolean {
  if (entry.settings !== settings || entry.namespace !== namespace || entry.crlf !== usesCrlf(manifest.file)) return false;
  const { keys, signatures, files } = entry;
  for (let i = 0; i < keys.length; i++) if (index.signature(keys[i]) !== signatures[i]) return false;
  for (let i = 0; i < files.length; i++) if (model.getFile(files[i][0]) !== files[i][1]) return false;
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
function pointedFiles(findings: RuleFinding[], manifest: Manifest, model: WorkspaceModel): [string, ParsedFile | undefined][] {
  const files = new Map<string, ParsedFile | undefined>();
  if (findings.length === 0) return [];
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
  return [...files];
}

export interface WorkspaceRun {
  model: WorkspaceModel;
  schemas: SchemaStore;
  settings: EngineSettings;
  rules: readonly Rule[];
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
  /** Only the subjects of these documents (see Checker.checkFiles). What is read is then not recorded. */
  only?: (document: ParsedDocument) => boolean;
  /**
   * Whether findings and what their checks read are kept for the next check (the editor's case).
   * A one-shot check (the CLI: CheckOptions.cacheFindings false) keeps nothing and reads no signatures.
   */
  remember?: boolean;
}

const rulesByKind = new WeakMap<readonly Rule[], Map<string, WorkspaceRule[]>>();

/** The workspace rules of a rule list, by the kinds they run on. */
function workspaceRulesByKind(all: readonly Rule[]): Map<string, WorkspaceRule[]> {
  let byKind = rulesByKind.get(all);
  if (!byKind) {
    byKind = new Map();
    for (const rule of all) {
      if (rule.scope !== 'workspace') continue;
      for (const kind of rule.kinds) {
        const list = byKind.get(kind);
        if (list) list.push(rule); else byKind.set(kind, [rule]);
      }
    }
    rulesByKind.set(all, byKind);
  }
  return byKind;
}

/** A rule's findings on one subject (none when the rule throws: reported through onRuleError). */
function checkSubject(run: WorkspaceRun, rule: WorkspaceRule, manifest: Manifest, namespace: string, lookups: WorkspaceLookups): RuleFinding[] {
  try {
    return rule.check(new SubjectContext(run.schemas, run.settings, manifest, namespace, lookups));
  } catch (error) {
    run.onRuleError?.(rule.id, manifest.uri, error);
    return [];
  }
}

/** Runs the rules once on the objects of the files, keeping and recording nothing (a one-shot check). */
function runOnce(run: WorkspaceRun, byKind: Map<string, WorkspaceRule[]>, uris: Iterable<string>, out: (rule: Rule, finding: RuleFinding, uri: string) => void): void {
  const { model } = run;
  const lookups = new WorkspaceLookups(workspaceIndex(model), new Map(), false);
  for (const uri of uris) {
    for (const manifest of model.manifestsOf(uri)) {
      const rules = byKind.get(manifest.kind);
      if (!rules || (run.only && !run.only(manifest.document))) continue;
      const namespace = model.namespaceOf(manifest);
      for (const rule of rules) for (const finding of checkSubject(run, rule, manifest, namespace, lookups)) out(rule, finding, finding.uri ?? uri);
    }
  }
}

/** A subject's entry for a rule: kept, moved with its document, or computed again. */
function entryFor(run: WorkspaceRun, rule: WorkspaceRule, manifest: Manifest, namespace: string, index: WorkspaceIndex): { entry: Entry; fresh: boolean } {
  const { model, settings } = run;
  let byRule = entries.get(manifest.document);
  // A `kind: List` document holds several subjects: one entry per rule and item.
  const key = manifest.root.length ? `${rule.id} ${manifest.root.join('.')}` : rule.id;
  const known = byRule?.get(key);
  const start = manifest.document.span.start;
  if (known && stillValid(known, manifest, namespace, settings, index, model)) {
    if (known.start === start || known.findings.length === 0) return { entry: known, fresh: false };
    if (known.files.length === 0) {
      const shifted = { ...known, start, findings: moved(known.findings, start - known.start) };
      byRule!.set(key, shifted);
      return { entry: shifted, fresh: false };
    }
  }
  const lookups = new WorkspaceLookups(index);
  const findings = checkSubject(run, rule, manifest, namespace, lookups);
  const entry: Entry = { settings, start, crlf: usesCrlf(manifest.file), namespace, findings, keys: [...lookups.reads.keys()], signatures: [...lookups.reads.values()],
    files: pointedFiles(findings, manifest, model) };
  if (!byRule) entries.set(manifest.document, byRule = new Map());
  byRule.set(key, entry);
  return { entry, fresh: true };
}

/** Runs the workspace rules on the objects of the files `uris`; `out` gets each finding with its subject's file. */
export function runWorkspaceRules(run: WorkspaceRun, uris: Iterable<string>, out: (rule: Rule, finding: RuleFinding, uri: string) => void): void {
  const { model } = run;
  const byKind = workspaceRulesByKind(run.rules);
  if (byKind.size === 0) return;
  if (run.remember === false) return runOnce(run, byKind, uris, out);
  const index = workspaceIndex(model);
  const tracker = dependencyTracker(model);
  for (const uri of uris) {
    // Per rule, what its checks of this file read; worked out again only when a check ran again (a
    // subject gone since keeps its keys until then: at worst a file is checked once more than needed).
    const reads = new Map<WorkspaceRule, { entries: Entry[]; fresh: boolean }>();
    for (const manifest of model.manifestsOf(uri)) {
      const rules = byKind.get(manifest.kind);
      if (!rules || (run.only && !run.only(manifest.document))) continue;
      const namespace = model.namespaceOf(manifest);
      for (const rule of rules) {
        const { entry, fresh } = entryFor(run, rule, manifest, namespace, index);
        let read = reads.get(rule);
        if (!read) reads.set(rule, read = { entries: [], fresh: false });
        read.fresh ||= fresh;
        read.entries.push(entry);
        for (const finding of entry.findings) out(rule, finding, finding.uri ?? uri);
      }
    }
    if (run.only) continue;
    for (const [rule, read] of reads) {
      if (read.fresh || !tracker.has(uri, rule.id)) tracker.record(uri, rule.id, new Set(read.entries.flatMap((entry) => entry.keys)));
    }
  }
}
