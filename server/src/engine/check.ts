// The runner: runs every enabled rule over files of the workspace model and returns findings.
// One failing rule never stops the others: its exception is reported through `onRuleError`.
import type { Manifest, WorkspaceModel } from './model';
import type { ParsedDocument, ParsedFile } from './parse';
import { manifestContext, type BaseContext, type Rule } from './rule';
import { allRules } from './rules';
import type { SchemaStore } from './schema';
import { isSuppressed } from './suppress';
import type { EngineSettings, Finding, RuleFinding, Severity } from './types';

export interface CheckOptions {
  rules?: readonly Rule[];
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
}

/** What workspace rules receive: the files whose findings are wanted (subjects elsewhere can be skipped). */
export interface WorkspaceRuleContext extends BaseContext {
  targets: ReadonlySet<string>;
}

export interface Checker {
  /** Findings of the given files (document and file rules), plus workspace-rule findings located in them. */
  checkFiles(uris: string[]): Map<string, Finding[]>;
}

export function severityOf(rule: Rule, settings: EngineSettings): Severity | 'off' {
  return settings.rules[rule.id] ?? rule.defaultSeverity;
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

  function checkFile(file: ParsedFile, out: (rule: Rule, finding: RuleFinding, file: ParsedFile) => void): void {
    const manifests = new Map<ParsedDocument, Manifest>();
    for (const manifest of model.manifestsOf(file.uri)) manifests.set(manifest.document, manifest);
    for (const rule of rules) {
      if (rule.scope === 'file') {
        for (const finding of guard(rule, file.uri, () => rule.check({ ...base, file }))) out(rule, finding, file);
      } else if (rule.scope === 'document' || rule.scope === 'manifest') {
        for (const document of file.documents) {
          const manifest = manifests.get(document);
          if (rule.scope === 'document') {
            for (const finding of guard(rule, file.uri, () => rule.check({ ...base, file, document, manifest }))) out(rule, finding, file);
          } else if (manifest && (!rule.kinds || rule.kinds.includes(manifest.kind))) {
            const ctx = manifestContext({ ...base, file, document, manifest });
            for (const finding of guard(rule, file.uri, () => rule.check(ctx))) out(rule, finding, file);
          }
        }
      }
    }
  }

  return {
    checkFiles(uris) {
      const results = new Map<string, Finding[]>(uris.map((uri) => [uri, []]));
      const emit = (rule: Rule, finding: RuleFinding, file: ParsedFile | undefined): void => {
        const uri = finding.uri ?? file?.uri;
        if (!uri || !results.has(uri)) return;
        const target = model.getFile(uri);
        const severity = (settings.rules[rule.id] ?? finding.severity ?? rule.defaultSeverity) as Severity;
        const full: Finding = { ...finding, uri, ruleId: rule.id, severity };
        if (target && isSuppressed(target, full)) return;
        results.get(uri)!.push(full);
      };
      for (const uri of uris) {
        const file = model.getFile(uri);
        if (file) checkFile(file, emit);
      }
      // Workspace rules see the whole model but only report on the requested files (`targets`), so
      // re-checking one file does not cost a pass over every object of the workspace.
      const workspaceContext: WorkspaceRuleContext = { ...base, targets: new Set(uris) };
      for (const rule of rules) {
        if (rule.scope !== 'workspace') continue;
        for (const finding of guard(rule, '', () => rule.check(workspaceContext))) emit(rule, finding, undefined);
      }
      for (const list of results.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
      return results;
    },
  };
}
