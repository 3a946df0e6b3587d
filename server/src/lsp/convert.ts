// Engine findings and fixes → LSP diagnostics, code actions and edits. No judgement here: rules decide.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  CodeAction, CodeActionKind, DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Engine, Finding, FixData, Severity } from '../engine';
import { expandSnippet } from '../engine';

export const diagnosticSource = 'statefulset';

const severityMap: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries in `data`: its fixes, already as LSP edits, so code actions need no re-check. */
export interface DiagnosticData {
  fixes: { title: string; edit: WorkspaceEdit; preferred?: boolean; safe?: boolean }[];
}

export function rangeOf(engine: Engine, uri: string, start: number, end: number): Range {
  return { start: engine.positionAt(uri, start), end: engine.positionAt(uri, end) };
}

/** The rule's documentation page, shipped with the extension (docs/rules/<id>.md), as a file URI. */
export function ruleDocsHref(ruleId: string, docsRoot = join(__dirname, '..', 'docs', 'rules')): string {
  return pathToFileURL(join(docsRoot, `${ruleId}.md`)).href;
}

export function toWorkspaceEdit(engine: Engine, fix: FixData): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of fix.edits) {
    const uri = edit.uri;
    // A WorkspaceEdit cannot carry snippets: placeholders become their default text.
    const newText = edit.snippet ? expandSnippet(edit.newText) : edit.newText;
    (changes[uri] ??= []).push({ range: rangeOf(engine, uri, edit.start, edit.end), newText });
  }
  return { changes };
}

export function toDiagnostic(engine: Engine, finding: Finding, docsRoot?: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(engine, finding.uri, finding.start, finding.end),
    severity: severityMap[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsHref(finding.ruleId, docsRoot) },
    source: diagnosticSource,
    message: finding.message,
  };
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((tag) => (tag === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: related.uri, range: rangeOf(engine, related.uri, related.start, related.end) },
      message: related.message,
    }));
  }
  const data: DiagnosticData = {
    fixes: (finding.fixes ?? []).map((fix) => ({ title: fix.title, edit: toWorkspaceEdit(engine, fix), preferred: fix.preferred, safe: fix.safe })),
  };
  diagnostic.data = data;
  return diagnostic;
}

function isDiagnosticData(value: unknown): value is DiagnosticData {
  return typeof value === 'object' && value !== null && Array.isArray((value as DiagnosticData).fixes);
}

/** Quick fixes for the diagnostics of a code-action request, chosen by the data the rule attached. */
export function quickFixes(diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== diagnosticSource || !isDiagnosticData(diagnostic.data)) continue;
    for (const fix of diagnostic.data.fixes) {
      const action = CodeAction.create(fix.title, fix.edit, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}
