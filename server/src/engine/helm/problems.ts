// The Helm rule ids, and the located findings the static chart checks produce. The lead wires them
// into the rule registry and the workspace (they read several files of a chart: Chart.yaml, values
// files, values.schema.json); render problems come as BuildProblems (model/provenance.ts).
import type { RuleMeta } from '../check/rule';
import type { RelatedLocation, Severity, Span } from '../types';
import type { DataPath } from '../yaml/nodes';
import type { DocumentStructure } from './structure';
import { pathKey } from './structure';

export interface HelmFinding extends Span {
  uri: string;
  ruleId: string;
  severity: Severity;
  message: string;
  related?: RelatedLocation[];
}

export const chartInvalidRule: RuleMeta = {
  id: 'helm/chart-invalid',
  defaultSeverity: 'error',
  description: "A Chart.yaml that Helm refuses: apiVersion, name, version (SemVer 2), type, kubeVersion constraint, dependencies, maintainers.",
};

export const valuesSchemaRule: RuleMeta = {
  id: 'helm/values-schema',
  defaultSeverity: 'error',
  description: "A value in values.yaml (or values*.yaml) that the chart's values.schema.json rejects: Helm refuses to install or render the chart with it.",
};

export const renderErrorRule: RuleMeta = {
  id: 'helm/render-error',
  defaultSeverity: 'error',
  description: 'helm template fails on this chart: the template error, template parse error, invalid rendered YAML or values schema failure, at its template line.',
};

export const helmRuleMetas: readonly RuleMeta[] = [chartInvalidRule, valuesSchemaRule, renderErrorRule];

/** The span of the key at `path` (or of the value when it has no key: a list item), from a document's structure. */
export function keySpanIn(structure: DocumentStructure, path: DataPath): Span | undefined {
  const entry = structure.byPath.get(pathKey(path));
  if (!entry) return undefined;
  if (entry.kind === 'key') {
    const key = structure.scalars.find((scalar) => scalar.key && scalar.start === entry.start);
    if (key) return { start: key.start, end: key.end };
  }
  return { start: entry.start, end: Math.max(entry.start + 1, Math.min(entry.span.end, entry.start + 1)) };
}

/** The span of the value at `path` (a scalar's text), else its key. */
export function valueSpanIn(structure: DocumentStructure, path: DataPath): Span | undefined {
  const key = pathKey(path);
  const scalar = structure.scalars.find((candidate) => !candidate.key && pathKey(candidate.path) === key);
  return scalar ? { start: scalar.start, end: Math.max(scalar.end, scalar.start + 1) } : keySpanIn(structure, path);
}

/** The rest of the line from `start` (at least one character): where a finding goes when nothing better is known. */
export function lineFrom(text: string, start: number): Span {
  const newline = text.indexOf('\n', start);
  return { start, end: Math.max(start + 1, newline < 0 ? text.length : newline) };
}

/** The deepest part of `path` written in the document. */
export function deepestWritten(structure: DocumentStructure, path: DataPath): DataPath {
  let depth = path.length;
  while (depth > 0 && !structure.byPath.has(pathKey(path.slice(0, depth)))) depth--;
  return path.slice(0, depth);
}
