// sts/claim-template-version-label in chart templates, statically: a claim template label that a
// template writes literally (`helm.sh/chart: ...`), prints from `.Chart.Version`/`.Chart.AppVersion`
// (`version: {{ .Chart.AppVersion }}`), or gets from an included helper that prints such labels
// (`{{- include "x.labels" . | nindent 10 }}`). The plain-manifest rule is rules/sts/claim-template-version-label.ts;
// the lead wires this one to templates with the same rule id.
import { isReleaseVersionLabel } from '../k8s/labels';
import { isObject } from '../model/manifest';
import { claimTemplateVersionLabelMessage } from '../rules/sts/claim-template-version-label';
import type { DataPath } from '../yaml/nodes';
import type { Span } from '../types';
import type { HelperLibrary } from './helpers';
import { keySpanIn } from './problems';
import { marksAt, producedByAction } from './queries';
import type { TemplateReading } from './reading';
import { pathKey } from './structure';

export interface TemplateVersionLabel {
  docIndex: number;
  /** The labels' data path in the template document (`spec.volumeClaimTemplates[0].metadata.labels`). */
  path: DataPath;
  /** Where to report: the label's key, or the action that prints it. */
  span: Span;
  /** The labels concerned (the include's, when it prints them). */
  labels: string[];
  message: string;
}

const statefulSetApis = new Set(['apps/v1', 'apps/v1beta1', 'apps/v1beta2']);

/** The version labels of the claim templates of a template's StatefulSets. */
export function templateClaimVersionLabels(reading: TemplateReading, helpers: HelperLibrary | undefined): TemplateVersionLabel[] {
  const found: TemplateVersionLabel[] = [];
  reading.documents.forEach((document, docIndex) => {
    const value = document.value;
    if (!isObject(value) || value.kind !== 'StatefulSet' || producedByAction(document, ['kind'])) return;
    if (typeof value.apiVersion === 'string' && !producedByAction(document, ['apiVersion']) && !statefulSetApis.has(value.apiVersion)) return;
    const claims = isObject(value.spec) && Array.isArray(value.spec.volumeClaimTemplates) ? value.spec.volumeClaimTemplates : [];
    claims.forEach((claim: unknown, index) => {
      const claimPath: DataPath = ['spec', 'volumeClaimTemplates', index];
      const metadata = isObject(claim) && isObject(claim.metadata) ? claim.metadata : {};
      const claimName = typeof metadata.name === 'string' && !producedByAction(document, [...claimPath, 'metadata', 'name'])
        ? JSON.stringify(metadata.name) : `volumeClaimTemplates[${index}]`;
      const labelsPath: DataPath = [...claimPath, 'metadata', 'labels'];
      const labels = isObject(metadata.labels) ? metadata.labels : {};
      const written = document.structure.byPath;
      for (const [key, labelValue] of Object.entries(labels)) {
        const path = [...labelsPath, key];
        // Labels merged from a resolved include are reported on the include, below; printed keys are unknown.
        if (!written.has(pathKey(path)) || marksAt(document, path, ['key']).length > 0) continue;
        const printed = marksAt(document, path, ['value']);
        const versioned = printed.length > 0
          ? isReleaseVersionLabel(key, undefined) || printed.some((mark) => mark.action.chartVersion || mark.action.includes.some((name) => helpers?.usesChartVersion(name)))
          : isReleaseVersionLabel(key, labelValue);
        const span = versioned ? keySpanIn(document.structure, path) : undefined;
        if (!span) continue;
        const literal = printed.length === 0 && typeof labelValue === 'string' ? labelValue : undefined;
        found.push({ docIndex, path: labelsPath, span, labels: [key], message: claimTemplateVersionLabelMessage(claimName, [key], literal) });
      }
      for (const mark of marksAt(document, labelsPath, ['entries'])) {
        const fromFragment = (mark.fragment?.entries ?? []).filter((entry) => entry.chartVersion || isReleaseVersionLabel(entry.key, entry.value));
        const names = fromFragment.map((entry) => entry.key);
        const versioned = names.length > 0 || mark.action.chartVersion || (mark.include !== undefined && (helpers?.usesChartVersion(mark.include) ?? false));
        if (!versioned) continue;
        found.push({
          docIndex, path: labelsPath, span: { start: mark.action.start, end: mark.action.end }, labels: names,
          message: claimTemplateVersionLabelMessage(claimName, names, undefined, mark.include ? `include "${mark.include}"` : `{{ ${mark.action.source} }}`),
        });
      }
    });
  });
  return found;
}
