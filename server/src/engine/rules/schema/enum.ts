import { schemaRule } from '../../schema/schema-rule';

export const schemaEnum = schemaRule('enum', 'error', 'A value that is not one of the values the field accepts.');
