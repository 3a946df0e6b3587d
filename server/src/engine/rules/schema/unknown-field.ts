import { schemaRule } from '../../schema/schema-rule';

export const schemaUnknownField = schemaRule('unknown-field', 'error',
  'A field that the kind does not have (kubectl --validate=strict rejects it; lenient clients silently drop it).');
