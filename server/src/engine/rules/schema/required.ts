import { schemaRule } from '../../schema/schema-rule';

export const schemaRequired = schemaRule('required', 'error', 'A required field is missing.');
