// How the CLI checks its files. Each file is read, parsed and checked by the rules that read only that
// file (file, document and manifest scope) as soon as it is its turn. A document's YAML tree is parsed
// only if a rule asks for it, for a finding's position or fix (engine/yaml: most documents are read as
// data only), and dropped again after the file's check (LazyTrees). The cross-file rules then run once
// over all files.
import { Engine, SchemaStore, allRules, type Finding } from '../engine';
import { createChecker, findingOrder } from '../engine';
import { LazyTrees } from '../engine';
import type { EngineSettings } from '../engine';
import { PathError, type FileContent } from './files';

/** One file to check: its uri (an absolute path, or `<stdin>`) and how to read it. */
export interface CheckInput {
  uri: string;
  /** The file's text, or why it is not checked; throws a PathError when it cannot be read. */
  read(maxFileSize: number): FileContent;
}

const perFileRules = allRules.filter((rule) => rule.scope !== 'workspace');
const workspaceRules = allRules.filter((rule) => rule.scope === 'workspace');

export interface RuleError {
  ruleId: string;
  uri: string;
  message: string;
}

export interface CheckRun {
  engine: Engine;
  /** Findings by file, in the order of the files. */
  results: Map<string, Finding[]>;
  /** Errors of rules that threw (their findings for that file are left out). */
  ruleErrors: RuleError[];
  /** The first file that could not be read (a one-line message naming it): nothing else is reported then. */
  readError?: string;
}

let schemas: SchemaStore | undefined;

/** The built-in schemas, loaded once for all the workspaces of a run. */
export function sharedSchemas(): SchemaStore {
  return schemas ??= SchemaStore.load();
}

/** Reads, parses and checks the files, one after the other, then runs the cross-file rules over all. */
export function checkFiles(inputs: CheckInput[], settings: Partial<EngineSettings>): CheckRun {
  const files = inputs.map((input) => input.uri);
  const ruleErrors: RuleError[] = [];
  const onRuleError = (ruleId: string, uri: string, error: unknown): void => {
    ruleErrors.push({ ruleId, uri, message: String(error) });
  };
  const engine = new Engine(sharedSchemas(), settings, { onRuleError, cacheFindings: false });
  const perFile = createChecker(engine.model, engine.schemas, engine.settings, { rules: perFileRules, onRuleError, cacheFindings: false });
  const trees = new LazyTrees(engine.model, { schedule: () => undefined, keep: () => true });
  const results = new Map<string, Finding[]>();
  for (const input of inputs) {
    const path = input.uri;
    try {
      const content = input.read(engine.settings.maxFileSize);
      if ('unreadable' in content) {
        engine.setUnreadable(path, content.unreadable);
      } else {
        engine.setFile(path, content.text);
      }
      results.set(path, perFile.checkFiles([path]).get(path) ?? []);
      trees.release(path);
    } catch (error) {
      if (error instanceof PathError) return { engine, results, ruleErrors, readError: error.message };
      throw error;
    }
  }
  const crossFile = createChecker(engine.model, engine.schemas, engine.settings, { rules: workspaceRules, onRuleError, cacheFindings: false }).checkFiles(files);
  const order = findingOrder(allRules);
  for (const [path, list] of crossFile) if (list.length) results.set(path, [...(results.get(path) ?? []), ...list].sort(order));
  return { engine, results, ruleErrors };
}
