import { schemaRule } from '../../schema/schema-rule';

export const schemaType = schemaRule('type', 'error',
  'A value of the wrong type, such as a quoted number where an integer is expected.');
