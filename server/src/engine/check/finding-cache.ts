// A memo of document- and manifest-rule findings per parsed document. After an edit, the incremental
// re-parse (reparse.ts) keeps the unchanged documents' objects, so their findings are reused instead
// of running every rule again; a kept document that moved has its findings moved with it.
//
// A result is reused only when it cannot depend on anything but the document itself:
// - the same settings and schemas (compared by identity), and the same line endings in the file (a
//   fix's inserted text follows the file's: `\r\n` anywhere in it makes every fix use `\r\n`);
// - the rule did not read `ctx.model`, nor any part of `ctx.file` but its uri, text and line starts
//   (other documents, the version...), while checking it (the runner tells us);
// - every offset of every finding (span, related locations, fix edits) lies in this document of this
//   file, so that moving the document moves them all.
import type { ParsedDocument } from '../yaml/parse';
import type { Rule } from './rule';
import type { SchemaStore } from '../schema/store';
import type { EngineSettings, RuleFinding, Span } from '../types';

/** What a document's findings may depend on besides the document: the settings, the schemas, the file's line endings. */
export interface CacheScope {
  settings: EngineSettings;
  schemas: SchemaStore;
  crlf: boolean;
}

/** Every rule's findings for one set of rules (their ids joined), when all were reusable; only non-empty lists. */
interface Complete {
  ruleSet: string;
  pairs: [Rule, RuleFinding[]][];
}

/**
 * One per document of the workspace, so kept small: the per-rule map exists only while some rule's
 * findings were not reusable, and the complete lists are a short array (one or two rule sets).
 */
interface Entry extends CacheScope {
  /** The document's start offset when the findings were recorded. */
  start: number;
  byRule?: Map<Rule, RuleFinding[]>;
  complete: Complete[];
}

const entries = new WeakMap<ParsedDocument, Entry>();
/** One shared empty list for the many rules that find nothing. */
const none: RuleFinding[] = [];

function entryOf(document: ParsedDocument, scope: CacheScope, create: boolean): Entry | undefined {
  const entry = entries.get(document);
  if (entry && entry.settings === scope.settings && entry.schemas === scope.schemas && entry.crlf === scope.crlf) return entry;
  if (!create) return undefined;
  const fresh: Entry = { settings: scope.settings, schemas: scope.schemas, crlf: scope.crlf, start: document.span.start, complete: [] };
  entries.set(document, fresh);
  return fresh;
}

function moved<T extends Span>(span: T, delta: number): T {
  return { ...span, start: span.start + delta, end: span.end + delta };
}

function shifted(finding: RuleFinding, delta: number): RuleFinding {
  if (delta === 0) return finding;
  const result = moved(finding, delta);
  if (finding.related) result.related = finding.related.map((related) => moved(related, delta));
  if (finding.fixes) result.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => moved(edit, delta)) }));
  return result;
}

/** The findings a rule gave for this document before, moved to where the document is now. */
export function cachedFindings(document: ParsedDocument, rule: Rule, scope: CacheScope): RuleFinding[] | undefined {
  const entry = entryOf(document, scope, false);
  const findings = entry?.byRule?.get(rule);
  if (!entry || !findings) return undefined;
  const delta = document.span.start - entry.start;
  return delta === 0 ? findings : findings.map((finding) => shifted(finding, delta));
}

function inside(span: Span, document: ParsedDocument): boolean {
  return span.start >= document.span.start && span.end <= document.span.end && span.start <= span.end;
}

/** Whether every offset of a finding lies in the document (of the file `uri`). */
function local(finding: RuleFinding, uri: string, document: ParsedDocument): boolean {
  if ((finding.uri !== undefined && finding.uri !== uri) || !inside(finding, document)) return false;
  if (finding.related?.some((related) => related.uri !== uri || !inside(related, document))) return false;
  return !finding.fixes?.some((fix) => fix.edits.some((edit) => edit.uri !== uri || !inside(edit, document)));
}

/** Whether findings can be remembered for the document: all their offsets lie in it (see above). */
export function reusable(findings: RuleFinding[], uri: string, document: ParsedDocument): boolean {
  return findings.every((finding) => local(finding, uri, document));
}

/** Records rules' reusable findings for a document (see reusable), when not all of its rules' are. */
export function rememberFindings(document: ParsedDocument, scope: CacheScope, results: [Rule, RuleFinding[]][]): void {
  if (results.length === 0) return;
  const entry = entryOf(document, scope, true)!;
  const delta = entry.start - document.span.start;
  const byRule = entry.byRule ??= new Map();
  for (const [rule, findings] of results) {
    byRule.set(rule, findings.length === 0 ? none : delta === 0 ? findings : findings.map((finding) => shifted(finding, delta)));
  }
}

/** Every rule's findings for the document (rules without findings left out), when all were remembered for this rule set. */
export function completeFindings(document: ParsedDocument, ruleSet: string, scope: CacheScope): [Rule, RuleFinding[]][] | undefined {
  const entry = entryOf(document, scope, false);
  const pairs = entry?.complete.find((complete) => complete.ruleSet === ruleSet)?.pairs;
  if (!entry || !pairs) return undefined;
  const delta = document.span.start - entry.start;
  return delta === 0 ? pairs : pairs.map(([rule, findings]) => [rule, findings.map((finding) => shifted(finding, delta))]);
}

/**
 * Records every rule's findings for the document at once, when all are reusable (see completeFindings).
 * The per-rule lists are dropped then: they are mostly empty, and a workspace holds many documents.
 */
export function rememberComplete(document: ParsedDocument, ruleSet: string, scope: CacheScope, pairs: [Rule, RuleFinding[]][]): void {
  const entry = entryOf(document, scope, true)!;
  const delta = entry.start - document.span.start;
  const moved: [Rule, RuleFinding[]][] = delta === 0 ? pairs : pairs.map(([rule, findings]) => [rule, findings.map((finding) => shifted(finding, delta))]);
  const known = entry.complete.find((complete) => complete.ruleSet === ruleSet);
  if (known) known.pairs = moved; else entry.complete.push({ ruleSet, pairs: moved });
  entry.byRule = undefined;
}
