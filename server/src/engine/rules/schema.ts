// The five schema rules share one validation pass per manifest (schemaProblems is memoized). A problem
// that a semantic rule reports better (k8s/semantic-coverage.ts) is left to that rule.
import { coveredBySemanticRule } from '../k8s/semantic-coverage';
import type { Rule } from '../rule';
import { schemaProblems, type SchemaProblemClass } from '../schema-problems';
import type { Severity } from '../types';

function schemaRule(problemClass: SchemaProblemClass, defaultSeverity: Severity, description: string): Rule {
  return {
    id: `schema/${problemClass}`,
    defaultSeverity,
    description,
    scope: 'manifest',
    check({ manifest, schemas, settings }) {
      return schemaProblems(manifest, schemas)
        .filter((problem) => problem.class === problemClass && !coveredBySemanticRule(manifest, problem, settings))
        .map(({ start, end, message, fixes }) => ({ start, end, message, fixes }));
    },
  };
}

export const schemaUnknownField = schemaRule('unknown-field', 'error',
  'A field that the kind does not have (kubectl --validate=strict rejects it; lenient clients silently drop it).');
export const schemaType = schemaRule('type', 'error',
  'A value of the wrong type, such as a quoted number where an integer is expected.');
export const schemaRequired = schemaRule('required', 'error', 'A required field is missing.');
export const schemaEnum = schemaRule('enum', 'error', 'A value that is not one of the values the field accepts.');
export const schemaFormat = schemaRule('format', 'error',
  'A value with the wrong format: a Quantity such as 2Gi, an int-or-string, a DNS name.');
