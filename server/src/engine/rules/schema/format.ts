import { schemaRule } from '../../schema/schema-rule';

export const schemaFormat = schemaRule('format', 'error',
  'A value with the wrong format: a Quantity such as 2Gi, an int-or-string, a DNS name.');
