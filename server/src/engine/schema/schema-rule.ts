// The five schema/* rules share one validation pass per manifest (schemaProblems is memoized); each
// reports the problems of one class. A problem that a semantic rule reports better
// (semantic-coverage.ts) is left to that rule.
import type { Rule } from '../check/rule';
import type { Severity } from '../types';
import { schemaProblems, type SchemaProblemClass } from './problems';
import { coveredBySemanticRule } from './semantic-coverage';

export function schemaRule(problemClass: SchemaProblemClass, defaultSeverity: Severity, description: string): Rule {
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
