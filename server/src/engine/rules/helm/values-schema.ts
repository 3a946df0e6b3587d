import { buildRule } from '../../builds/build-rule';
import { valuesSchemaRule } from '../../helm/problems';

// Its findings come from the chart's build (builds/helm-source.ts, engine/helm/): registered here for
// the id, the default severity, the docs and the user's settings.
export const helmValuesSchema = buildRule(valuesSchemaRule.id, valuesSchemaRule.defaultSeverity, valuesSchemaRule.description);
