import type { Rule } from '../../check/rule';

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
      const bomb = /alias count/i.test(document.valueError);
      const hint = bomb
        ? ' It expands more aliases than any real manifest needs (an "alias bomb"); the API server refuses it too. Write the values out or use fewer aliases.'
        : ' An alias (*name) can only refer to an anchor (&name) set earlier in the same document.';
      findings.push({ start: at, end: Math.min(at + 1, document.span.end), message: `This document cannot be read: ${document.valueError}.${hint}` });
    }
    return findings;
  },
};
