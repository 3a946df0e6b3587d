// Code actions: the rules' quick fixes (from Diagnostic.data), inline suppressions for every rule, and
// "Fix all" (source.fixAll.statefulset) applying every fix the rules marked safe.
import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Engine, Finding, FixData } from '../engine';
import { quickFixes, diagnosticSource, toWorkspaceEdit } from './convert';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.statefulset`;

export function provideCodeActions(engine: Engine, params: CodeActionParams, findings?: readonly Finding[]): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    actions.push(...quickFixes(params.context.diagnostics));
    for (const diagnostic of params.context.diagnostics) actions.push(...suppressions(engine, uri, diagnostic));
  }
  if (wants(fixAllKind)) {
    const fixAll = fixAllAction(engine, uri, findings);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** "Disable <rule> for this line" and "... for this document", as comments the engine understands. */
function suppressions(engine: Engine, uri: string, diagnostic: Diagnostic): CodeAction[] {
  const file = engine.getFile(uri);
  const ruleId = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!file || !ruleId || diagnostic.source !== diagnosticSource) return [];
  const offset = engine.offsetAt(uri, diagnostic.range.start);
  const lineStart = file.text.lastIndexOf('\n', offset - 1) + 1;
  const newline = file.text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? file.text.length : file.text[newline - 1] === '\r' ? newline - 1 : newline;
  const line = file.text.slice(lineStart, lineEnd);
  const existing = /#\s*statefulset-lint-disable-line\b(.*)$/.exec(line);
  const lineFix: FixData = existing
    ? { title: '', edits: [{ uri, start: lineEnd, end: lineEnd, newText: `, ${ruleId}` }] }
    : { title: '', edits: [{ uri, start: lineEnd, end: lineEnd, newText: ` # statefulset-lint-disable-line ${ruleId}` }] };
  const document = file.documents.find((doc) => offset <= doc.span.end) ?? file.documents[file.documents.length - 1];
  const docStart = document ? file.text.lastIndexOf('\n', document.span.start - 1) + 1 : 0;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const documentFix: FixData = { title: '', edits: [{ uri, start: docStart, end: docStart, newText: `# statefulset-lint-disable ${ruleId}${eol}` }] };
  return [
    action(`Disable ${ruleId} for this line`, engine, lineFix, diagnostic),
    action(`Disable ${ruleId} for this document`, engine, documentFix, diagnostic),
  ];
}

function action(title: string, engine: Engine, fix: FixData, diagnostic: Diagnostic): CodeAction {
  const result = CodeAction.create(title, toWorkspaceEdit(engine, fix), CodeActionKind.QuickFix);
  result.diagnostics = [diagnostic];
  return result;
}

/** Every safe fix of the document's current findings, skipping edits that overlap an earlier one. */
function fixAllAction(engine: Engine, uri: string, known?: readonly Finding[]): CodeAction | undefined {
  const findings = known ?? engine.check([uri]).get(uri) ?? [];
  const taken: FixData['edits'] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((edit) => taken.some((other) => other.uri === edit.uri && edit.start < other.end && other.start < edit.end
      || (other.uri === edit.uri && edit.start === other.start && edit.end === other.end)));
    if (!overlaps) taken.push(...fix.edits);
  }
  if (taken.length === 0) return undefined;
  return CodeAction.create('Fix all auto-fixable StatefulSet problems', toWorkspaceEdit(engine, { title: '', edits: taken }), fixAllKind);
}
