import type { Rule } from '../../check/rule';

/** Files that are too large or binary are skipped, with one line that says so. */
export const yamlSkipped: Rule = {
  id: 'yaml/skipped',
  defaultSeverity: 'info',
  description: 'The file was not checked because it is larger than the size limit or is not text.',
  scope: 'file',
  check({ file }) {
    if (!file.skipped) return [];
    return [{ start: 0, end: Math.min(1, file.text.length), message: `Not checked: ${file.skipped}.` }];
  },
};
