// The findings of every build, merged: the same finding (same rule, same source span, same message)
// from several builds is one finding naming all of them ("in overlays overlays/prod and overlays/dev:
// ..."), the others also as related information; a finding the file's own check already gives (a base's
// document seen unchanged through its overlays) is not repeated.
import type { Finding, RelatedLocation } from '../types';
import type { BuildFinding } from './build-check';

export interface MergedFinding {
  finding: Finding;
  /** Rule, span and message without the builds' names: what a file's own finding is compared with. */
  key: string;
}

const keyOf = (finding: Finding): string => `${finding.ruleId}\u0000${finding.start}\u0000${finding.end}\u0000${finding.message}`;

/** `in overlay a`, `in overlays a and b`, `in overlays a, b, c and 2 more`. */
export function overlayPhrase(labels: readonly string[]): string {
  if (labels.length === 1) return `in overlay ${labels[0]}`;
  const shown = labels.length > 4 ? [...labels.slice(0, 3), `${labels.length - 3} more`] : labels;
  return `in overlays ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Merges the findings of all builds, by source file. */
export function mergeBuildFindings(findings: readonly BuildFinding[]): Map<string, MergedFinding[]> {
  const groups = new Map<string, BuildFinding[]>();
  for (const finding of findings) {
    const key = `${finding.uri}\u0000${finding.severity}\u0000${keyOf(finding)}`;
    const group = groups.get(key);
    if (!group) groups.set(key, [finding]);
    else if (!group.some((known) => known.build.uri === finding.build.uri)) group.push(finding);
  }
  const byUri = new Map<string, MergedFinding[]>();
  for (const group of groups.values()) {
    const [first] = group;
    const builds = group.map((finding) => finding.build).sort((a, b) => a.label.localeCompare(b.label));
    const naming = first.build.naming ?? 'overlay';
    // A build's problem on its own kustomization is a fact about that file: it names no overlay. A
    // chart's problems (its Chart.yaml, values, render errors) and its templates read statically are
    // about the chart's files themselves.
    const own = (first.problem && (naming !== 'overlay' || builds.some((build) => build.uri === first.uri))) || naming === 'none';
    const labels = builds.map((build) => build.label);
    const others: RelatedLocation[] = own ? [] : builds.slice(1).map((build) => ({ uri: build.uri, start: 0, end: 0, message: `also ${overlayPhrase([build.label])}` }));
    const related = [...(first.related ?? []), ...others];
    const phrase = naming === 'chart' ? `in chart ${labels.join(', ')}` : overlayPhrase(labels);
    const finding: Finding = {
      uri: first.uri, start: first.start, end: first.end, ruleId: first.ruleId, severity: first.severity,
      message: own ? first.message : `${phrase}: ${first.message}`,
      ...(related.length ? { related } : {}), ...(first.fixes?.length ? { fixes: first.fixes } : {}),
      ...(own || naming !== 'overlay' ? {} : { overlays: labels }),
    };
    const list = byUri.get(first.uri) ?? [];
    list.push({ finding, key: keyOf(first) });
    byUri.set(first.uri, list);
  }
  return byUri;
}

/** A file's own findings and its builds' findings, without the builds' repeats of its own; by position. */
export function withBuildFindings(own: readonly Finding[], built: readonly MergedFinding[] | undefined): Finding[] {
  if (!built?.length) return [...own];
  const known = new Set(own.map(keyOf));
  const added = built.filter((merged) => !known.has(merged.key)).map((merged) => merged.finding);
  return [...own, ...added].sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}
