import type { Rule } from '../../check/rule';

/** A key given twice in one mapping: the API server rejects it (strict decoding), and it hides the first value. */
export const yamlDuplicateKey: Rule = {
  id: 'yaml/duplicate-key',
  defaultSeverity: 'error',
  description: 'A mapping has the same key twice; Kubernetes rejects the object and only one of the values would count.',
  scope: 'document',
  check({ document, file }) {
    return document.syntax.filter((problem) => problem.duplicateKey).map((problem) => {
      const key = file.text.slice(problem.start, problem.end).trim();
      return { start: problem.start, end: problem.end,
        message: `Duplicate key ${JSON.stringify(key)}: it is already set in this mapping. Remove one of them or merge their contents.` };
    });
  },
};
