// Findings → GitHub Actions workflow commands (`::error file=...,line=...::message`), which the
// Actions runner shows as annotations on the pull request's changed lines and in the job summary.

export interface LocatedFinding {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  /** 1-based, exclusive. */
  endColumn: number;
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint' | string;
  message: string;
}

const commands: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escapes a command's message (`%`, CR and LF), as the Actions toolkit does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property's value: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One workflow command for a finding. Columns are sent only for a single-line range: the runner
 * refuses `col`/`endColumn` when `line` and `endLine` differ.
 */
export function githubAnnotation(finding: LocatedFinding): string {
  const command = commands[finding.severity] ?? 'notice';
  const properties: [string, string | number][] = [
    ['file', finding.file.split('\\').join('/')],
    ['line', finding.line],
    ['endLine', Math.max(finding.line, finding.endLine)],
  ];
  if (finding.endLine === finding.line) {
    properties.push(['col', finding.column], ['endColumn', Math.max(finding.column, finding.endColumn)]);
  }
  properties.push(['title', finding.ruleId]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command} ${list}::${escapeData(`${finding.message} [${finding.ruleId}]`)}`;
}
