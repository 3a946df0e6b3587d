import { buildRule } from '../../builds/build-rule';
import { renderErrorRule } from '../../helm/problems';

// Its findings come from the chart's build (builds/helm-source.ts, engine/helm/): registered here for
// the id, the default severity, the docs and the user's settings.
export const helmRenderError = buildRule(renderErrorRule.id, renderErrorRule.defaultSeverity, renderErrorRule.description);
