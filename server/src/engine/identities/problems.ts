// The problems the preview shows are the findings of the rules marked `showInPreview` that lie in the
// StatefulSet's document (or point into it): what breaks or changes its names, DNS records and claims.
// They come from the same check as the diagnostics, after settings and suppression comments.
import type { Finding } from '../types';
import type { IdentityProblem, StatefulSetIdentities } from '../../protocol/identities';

export function problemsFromFindings(set: StatefulSetIdentities, findings: readonly Finding[], shownRules: ReadonlySet<string>): IdentityProblem[] {
  const { start, end } = set.documentSpan;
  return findings
    .filter((finding) => shownRules.has(finding.ruleId) && finding.uri === set.uri && finding.start >= start && finding.end <= end)
    .map(problemOf);
}

/** A finding as the preview shows it: its rule, message, place and the first related place. */
export function problemOf(finding: Finding): IdentityProblem {
  const related = finding.related?.[0];
  return {
    code: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location: { uri: finding.uri, start: finding.start, end: finding.end },
    ...(related ? { related: { uri: related.uri, start: related.start, end: related.end } } : {}),
  };
}
