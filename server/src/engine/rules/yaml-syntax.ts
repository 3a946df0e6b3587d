import type { Rule } from '../rule';

/** YAML the parser cannot read, reported where the parser stopped. Also refuses alias bombs. */
export const yamlSyntax: Rule = {
  id: 'yaml/syntax',
  defaultSeverity: 'error',
  description: 'The document is not valid YAML (or expands too many aliases), so nothing else in it can be checked.',
  scope: 'document',
  check({ document }) {
    const findings = document.syntax
      .filter((problem) => !problem.duplicateKey)
      .map((problem) => ({ start: problem.start, end: problem.end, message: `YAML syntax error: ${problem.message}` }));
    if (findings.length === 0 && document.valueError) {
      const at = document.span.start;
      findings.push({ start: at, end: Math.min(at + 1, document.span.end), message:
        `This document cannot be read: ${document.valueError}. The API server refuses such documents too; remove the excessive aliases.` });
    }
    return findings;
  },
};
