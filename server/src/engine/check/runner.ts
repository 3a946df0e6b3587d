// The runner: runs every enabled rule over files of the workspace model and returns findings.
// One failing rule never stops the others: its exception is reported through `onRuleError`.
import { cachedFindings, completeFindings, rememberComplete, rememberFindings, reusable, type CacheScope } from './finding-cache';
import type { Manifest } from '../model/manifest';
import type { WorkspaceModel } from '../model/workspace-model';
import { parseTree } from '../yaml';
import { keySpan, valueSpan, type DataPath } from '../yaml/nodes';
import type { ParsedDocument, ParsedFile } from '../yaml/parse';
import type { BaseContext, DocumentContext, ManifestContext, Rule } from './rule';
import type { DocumentPolicy } from './policy';
import { allRules } from '../rules';
import { runWorkspaceRules } from './workspace-runner';
import type { SchemaStore } from '../schema/store';
import { isSuppressed } from './suppress';
import { usesCrlf } from '../edit/line-ends';
import type { EngineSettings, Finding, RuleFinding, Severity, Span } from '../types';

export interface CheckOptions {
  rules?: readonly Rule[];
  /**
   * Remember each document's findings for the next check (finding-cache.ts): what an editor wants,
   * where documents are checked again after every edit. A one-shot check (the CLI) turns it off.
   */
  cacheFindings?: boolean;
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
  /** How a file's documents are checked when it plays a role in a build (builds/roles.ts); plain files have none. */
  policy?: (uri: string) => DocumentPolicy | undefined;
}

/** Restricts a check to some documents (a hover needs the findings of the document under the cursor). */
export type DocumentFilter = (document: ParsedDocument) => boolean;

export interface Checker {
  /** Findings of the given files (document and file rules), plus workspace-rule findings located in them. */
  checkFiles(uris: string[], only?: DocumentFilter): Map<string, Finding[]>;
}

/**
 * One string per set of rules: the finding cache keys every document's findings by it, and a copy per
 * checker would be kept once per document of the workspace.
 */
const ruleSets = new Map<string, string>();

function ruleSetOf(rules: readonly Rule[]): string {
  const joined = rules.map((rule) => rule.id).join('\n');
  const known = ruleSets.get(joined);
  if (known !== undefined) return known;
  ruleSets.set(joined, joined);
  return joined;
}

export function severityOf(rule: Rule, settings: EngineSettings): Severity | 'off' {
  return settings.rules[rule.id] ?? rule.defaultSeverity;
}

/** Set when a running rule reads more than its document (then its result is not reused: finding-cache.ts). */
interface Watch {
  widened: boolean;
}

/**
 * What rules see of the file: its uri, text and line starts; reading anything else (other documents,
 * the version) makes the result depend on more than the document.
 */
class FileView implements ParsedFile {
  readonly uri: string;
  readonly text: string;
  readonly lineStarts: number[];

  constructor(private readonly file: ParsedFile, private readonly watch: Watch) {
    this.uri = file.uri;
    this.text = file.text;
    this.lineStarts = file.lineStarts;
  }

  private widen(): ParsedFile {
    this.watch.widened = true;
    return this.file;
  }

  get version(): number { return this.widen().version; }
  get documents(): ParsedDocument[] { return this.widen().documents; }
  get template(): Span | undefined { return this.widen().template; }
  get skipped(): string | undefined { return this.widen().skipped; }
  get foldedQuotes(): boolean | undefined { return this.widen().foldedQuotes; }
}

/** The context of the document and manifest rules on one document (a class: one per document is made). */
class RuleContext implements DocumentContext {
  constructor(
    readonly schemas: SchemaStore,
    readonly settings: EngineSettings,
    readonly document: ParsedDocument,
    readonly manifest: Manifest | undefined,
    readonly file: ParsedFile,
    private readonly workspace: WorkspaceModel,
    private readonly watch: Watch,
  ) {}

  get model(): WorkspaceModel {
    this.watch.widened = true;
    return this.workspace;
  }

  /** Spans of the manifest's fields (a List item's are under its root); of the document's when it is none. */
  keySpan(path: DataPath): Span {
    return this.manifest ? this.manifest.keySpan(path) : keySpan(parseTree(this.document), path) ?? this.document.span;
  }

  valueSpan(path: DataPath): Span {
    return this.manifest ? this.manifest.valueSpan(path) : valueSpan(parseTree(this.document), path) ?? this.document.span;
  }
}

/**
 * The order of a file's findings: by position, then in the order of `rules` (the registry's: the order
 * rules ran in before documents were checked one by one). The CLI merges lists in it.
 */
export function findingOrder(rules: readonly Rule[]): (a: Finding, b: Finding) => number {
  const ruleOrder = new Map(rules.map((rule, index) => [rule.id, index]));
  const order = (finding: Finding): number => ruleOrder.get(finding.ruleId) ?? 0;
  return (a, b) => a.start - b.start || a.end - b.end || order(a) - order(b);
}

export function createChecker(model: WorkspaceModel, schemas: SchemaStore, settings: EngineSettings, options: CheckOptions = {}): Checker {
  const rules = (options.rules ?? allRules).filter((rule) => severityOf(rule, settings) !== 'off');
  const base: BaseContext = { model, schemas, settings };
  const guard = <T>(rule: Rule, uri: string, run: () => T[]): T[] => {
    try {
      return run();
    } catch (error) {
      options.onRuleError?.(rule.id, uri, error);
      return [];
    }
  };

  const order = findingOrder(rules);
  // The document and manifest rules that apply to a document, in registry order: those of the kinds of
  // its objects (one, or a `kind: List` and its items).
  const documentRules = rules.filter((rule) => rule.scope === 'document');
  const runsOn = (rule: Rule, kind: string): boolean => rule.scope === 'manifest' && (!rule.kinds || rule.kinds.includes(kind));
  const forKinds = new Map<string, readonly Rule[]>();
  const rulesForKinds = (objects: readonly Manifest[]): readonly Rule[] => {
    // One object (most documents): its kind is the key, without a set, an array and a joined string.
    const kinds = objects.length === 1 ? [objects[0].kind] : [...new Set(objects.map((manifest) => manifest.kind))];
    const key = kinds.length === 1 ? kinds[0] : kinds.join('\n');
    let list = forKinds.get(key);
    if (!list) {
      list = rules.filter((rule) => rule.scope === 'document' || kinds.some((kind) => runsOn(rule, kind)));
      forKinds.set(key, list);
    }
    return list;
  };
  const ruleSet = ruleSetOf(rules);
  const hasLocalRules = rules.some((rule) => rule.scope !== 'workspace');

  /**
   * Runs the file, document and manifest rules on one file. One context per document is shared by
   * its rules; reading `model`, or any part of `file` but its uri, text and line starts, marks the
   * running rule's result as not reusable (finding-cache.ts): it may depend on more than the document.
   */
  function checkFile(file: ParsedFile, out: (rule: Rule, finding: RuleFinding, file: ParsedFile) => void, only?: DocumentFilter): void {
    const policy = options.policy?.(file.uri);
    const manifests = new Map<ParsedDocument, Manifest[]>();
    for (const manifest of model.manifestsOf(file.uri)) {
      const view = policy?.view ? policy.view(manifest) : manifest;
      const list = manifests.get(manifest.document);
      if (list) list.push(view); else manifests.set(manifest.document, [view]);
    }
    for (const rule of rules) {
      if (rule.scope === 'file' && (!policy || policy.runs(rule))) for (const finding of guard(rule, file.uri, () => rule.check({ ...base, file }))) out(rule, finding, file);
    }
    const watch: Watch = { widened: false };
    const scope: CacheScope = { settings, schemas, crlf: usesCrlf(file) };
    const fileView = new FileView(file, watch);
    const cache = options.cacheFindings !== false && (!policy || policy.cache);
    for (const document of file.documents) {
      if (only && !only(document)) continue;
      const complete = cache ? completeFindings(document, ruleSet, scope) : undefined;
      if (complete) {
        for (const [rule, findings] of complete) for (const finding of findings) out(rule, finding, file);
        continue;
      }
      // The document's objects: its own (the first, root []), then a List's items.
      const objects = manifests.get(document) ?? [];
      const own = objects[0]?.root.length === 0 ? objects[0] : undefined;
      // Built on the first rule that has no reusable result: most documents of an edited file need none.
      const contexts = new Map<Manifest | undefined, RuleContext>();
      let lastManifest: Manifest | undefined;
      let lastContext: RuleContext | undefined;
      const contextFor = (manifest: Manifest | undefined): RuleContext => {
        if (lastContext && lastManifest === manifest) return lastContext;
        let context = contexts.get(manifest);
        if (!context) contexts.set(manifest, context = new RuleContext(schemas, settings, document, manifest, fileView, model, watch));
        lastManifest = manifest;
        return lastContext = context;
      };
      let allReusable = true;
      const pairs: [Rule, RuleFinding[]][] = [];
      const fresh: [Rule, RuleFinding[]][] = [];
      for (const rule of objects.length ? rulesForKinds(objects) : documentRules) {
        if (policy && !policy.runs(rule)) continue;
        let findings = cache ? cachedFindings(document, rule, scope) : undefined;
        if (!findings) {
          watch.widened = false;
          let failed = false;
          try {
            if (rule.scope === 'document') findings = rule.check(contextFor(own));
            // One object (most documents): rulesForKinds kept only the manifest rules of its kind.
            else if (objects.length === 1 && rule.scope === 'manifest') findings = rule.check(contextFor(objects[0]) as ManifestContext);
            else if (rule.scope === 'manifest') {
              findings = [];
              for (const manifest of objects) if (runsOn(rule, manifest.kind)) findings.push(...rule.check(contextFor(manifest) as ManifestContext));
            } else findings = [];
          } catch (error) {
            failed = true;
            findings = [];
            options.onRuleError?.(rule.id, file.uri, error);
          }
          if (cache && (failed || watch.widened || !reusable(findings, file.uri, document))) allReusable = false;
          else if (cache) fresh.push([rule, findings]);
        }
        if (cache && findings.length) pairs.push([rule, findings]);
        for (const finding of findings) out(rule, finding, file);
      }
      if (!cache) continue;
      if (allReusable) rememberComplete(document, ruleSet, scope, pairs);
      else rememberFindings(document, scope, fresh);
    }
  }

  return {
    checkFiles(uris, only) {
      const results = new Map<string, Finding[]>(uris.map((uri) => [uri, []]));
      const emit = (rule: Rule, finding: RuleFinding, file: ParsedFile | undefined): void => {
        const uri = finding.uri ?? file?.uri;
        if (!uri || !results.has(uri)) return;
        const target = model.getFile(uri);
        const severity = (settings.rules[rule.id] ?? finding.severity ?? rule.defaultSeverity) as Severity;
        const full: Finding = { ...finding, uri, ruleId: rule.id, severity, ...(rule.tags ? { tags: rule.tags } : {}) };
        if (target && isSuppressed(target, full)) return;
        results.get(uri)!.push(full);
      };
      // A checker of workspace rules only has nothing to do per file (and nothing to remember per document).
      if (hasLocalRules) {
        for (const uri of uris) {
          const file = model.getFile(uri);
          if (file) checkFile(file, emit, only);
        }
      }
      // Workspace rules run on the objects of the requested files only, and keep what they found for
      // objects whose dependencies did not change (workspace-runner.ts).
      const subjects = options.policy ? uris.filter((uri) => options.policy!(uri)?.workspace !== false) : uris;
      runWorkspaceRules({ model, schemas, settings, rules, onRuleError: options.onRuleError, only, remember: options.cacheFindings !== false }, subjects,
        (rule, finding, uri) => emit(rule, { ...finding, uri }, undefined));
      for (const list of results.values()) list.sort(order);
      return results;
    },
  };
}
