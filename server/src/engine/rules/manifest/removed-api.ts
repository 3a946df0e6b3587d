import type { Manifest } from '../../model/manifest';
import type { Rule } from '../../check/rule';
import type { FixData, TextEditData } from '../../types';
import { replaceValue } from '../../edit/replace';
import { selectorFromTemplateFix } from '../../fixes/selector';
import { needsSelector, sameShapeReplacement } from '../../schema/replacement';


/** apiVersions the API server no longer serves, with the release that removed them and the replacement. */
export const manifestRemovedApi: Rule = {
  id: 'manifest/removed-api',
  defaultSeverity: 'error',
  description: 'The apiVersion is no longer served by Kubernetes; the object must move to the replacement version.',
  showInPreview: true,
  tags: ['deprecated'],
  scope: 'manifest',
  check({ manifest, schemas }) {
    const removed = schemas.removedApi(manifest.apiVersion, manifest.kind);
    if (!removed) return [];
    const span = manifest.valueSpan(['apiVersion']);
    const replacement = removed.replacement
      ? ` Use ${removed.replacement} instead${removed.replacement === 'apps/v1' && !hasSelector(manifest.value) ? ' (apps/v1 also requires spec.selector)' : ''}.`
      : ' It has no replacement; remove the object.';
    const replacementVersion = sameShapeReplacement(schemas, manifest.apiVersion, manifest.kind);
    const fix = replacementVersion ? migrationFix(manifest, replacementVersion) : undefined;
    return [{ ...span, fixes: fix ? [fix] : undefined, message:
      `${manifest.kind} in ${manifest.apiVersion} is no longer served: Kubernetes ${removed.removedIn} removed it.${replacement}` }];
  },
};

/** apiVersion → the replacement, plus the spec.selector apps/v1 requires (the template's labels). */
function migrationFix(manifest: Manifest, replacement: string): FixData | undefined {
  const version = replaceValue(manifest, ['apiVersion'], replacement);
  if (!version) return undefined;
  const edits: TextEditData[] = [version];
  const addSelector = replacement === 'apps/v1' && needsSelector.has(manifest.kind) && !hasSelector(manifest.value);
  if (addSelector) edits.push(...(selectorFromTemplateFix(manifest, 'add')?.edits ?? []));
  const title = edits.length > 1
    ? `Change apiVersion to ${replacement} and add spec.selector from the template labels`
    : `Change apiVersion to ${replacement}`;
  return { title, edits, preferred: true };
}

function hasSelector(value: Record<string, unknown>): boolean {
  const spec = value.spec;
  return typeof spec === 'object' && spec !== null && 'selector' in spec;
}
