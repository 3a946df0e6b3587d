// The rules whose findings come from builds (a Kustomize overlay's problems) rather than from a check of
// their own: registered like every rule, for their id, default severity, docs and the user's settings.
import type { Rule } from '../check/rule';
import type { Severity } from '../types';

export function buildRule(id: string, defaultSeverity: Severity, description: string): Rule {
  return { id, defaultSeverity, description, scope: 'build' };
}
