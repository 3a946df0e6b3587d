// Running the engine on YAML strings, as the tests see it.
import { Engine, SchemaStore, type EngineSettings, type Finding } from '../../server/src/engine';
import { applyEdits } from './edits';
import { splitCommitted } from './fixtures';

let store: SchemaStore | undefined;

/** The built-in schemas, loaded once for the whole test process. */
export function schemas(): SchemaStore {
  store ??= SchemaStore.load();
  return store;
}

export interface CheckedFinding extends Finding {
  /** 1-based line of the finding's start. */
  line: number;
  /** 1-based column of the finding's start. */
  column: number;
  endLine: number;
  endColumn: number;
}

/** The committed-version fields a test gives for a file (its text at a made-up commit of HEAD). */
export function committedAtHead(path: string, text: string): { text: string; ref: string; commit: string; path: string; uri: string } {
  return { text, ref: 'HEAD', commit: '0123456789abcdef0123456789abcdef01234567', path, uri: `statefulset-committed:/${path}?HEAD` };
}

/**
 * Checks several files as one workspace. Keys are file names (used as uris); `.committed/<name>` keys
 * are the files as committed at HEAD (support/fixtures.ts), which the comparison rules read.
 */
export function checkWorkspace(all: Record<string, string>, settings?: Partial<EngineSettings>): Map<string, CheckedFinding[]> {
  const engine = new Engine(schemas(), settings, { onRuleError: (ruleId, uri, error) => { throw new Error(`rule ${ruleId} threw on ${uri}: ${String(error)}`); } });
  const { files, committed } = splitCommitted(all);
  for (const [uri, text] of Object.entries(files)) engine.setFile(uri, text);
  for (const [uri, text] of Object.entries(committed)) engine.setCommitted(uri, committedAtHead(uri, text));
  const results = engine.check(Object.keys(files));
  const out = new Map<string, CheckedFinding[]>();
  for (const [uri, findings] of results) {
    out.set(uri, findings.map((finding) => {
      const start = engine.positionAt(uri, finding.start);
      const end = engine.positionAt(uri, finding.end);
      return { ...finding, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
    }));
  }
  return out;
}

/** Checks one YAML text. */
export function check(text: string, settings?: Partial<EngineSettings>): CheckedFinding[] {
  return checkWorkspace({ 'test.yaml': text }, settings).get('test.yaml') ?? [];
}

/** Findings of one rule in one YAML text. */
export function findingsOf(ruleId: string, text: string, settings?: Partial<EngineSettings>): CheckedFinding[] {
  return check(text, settings).filter((finding) => finding.ruleId === ruleId);
}

/** The text after applying one fix of a finding (edits on this file only). */
export function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes?.[index];
  if (!fix) throw new Error(`finding ${finding.ruleId} has no fix #${index}`);
  return applyEdits(text, fix.edits.filter((edit) => edit.uri === finding.uri));
}
