import { topLevelValueSpan } from '../parse';
import type { Rule } from '../rule';

/** apiVersions the API server no longer serves, with the release that removed them and the replacement. */
export const manifestRemovedApi: Rule = {
  id: 'manifest/removed-api',
  defaultSeverity: 'error',
  description: 'The apiVersion is no longer served by Kubernetes; the object must move to the replacement version.',
  scope: 'manifest',
  check({ manifest, schemas, document }) {
    const removed = schemas.removedApi(manifest.apiVersion, manifest.kind);
    if (!removed) return [];
    const span = topLevelValueSpan(document, 'apiVersion') ?? document.span;
    const replacement = removed.replacement
      ? ` Use ${removed.replacement} instead${removed.replacement === 'apps/v1' && !hasSelector(manifest.value) ? ' (apps/v1 also requires spec.selector)' : ''}.`
      : ' It has no replacement; remove the object.';
    return [{ ...span, message:
      `${manifest.kind} in ${manifest.apiVersion} is no longer served: Kubernetes ${removed.removedIn} removed it.${replacement}` }];
  },
};

function hasSelector(value: Record<string, unknown>): boolean {
  const spec = value.spec;
  return typeof spec === 'object' && spec !== null && 'selector' in spec;
}
