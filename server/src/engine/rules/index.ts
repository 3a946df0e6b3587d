// The explicit rule registry: every rule the engine runs, in reporting order. No file-system globbing.
import type { Rule } from '../rule';
import { manifestMissingKind } from './manifest-missing-kind';
import { manifestRemovedApi } from './manifest-removed-api';
import { schemaEnum, schemaFormat, schemaRequired, schemaType, schemaUnknownField } from './schema';
import { yamlDuplicateKey } from './yaml-duplicate-key';
import { yamlSkipped } from './yaml-skipped';
import { yamlSyntax } from './yaml-syntax';
import { yamlTemplate } from './yaml-template';
import { podRules } from './pod';
import { stsRules } from './sts';
import { workspaceRules } from './workspace';

export const allRules: readonly Rule[] = [
  yamlSkipped,
  yamlTemplate,
  yamlSyntax,
  yamlDuplicateKey,
  manifestMissingKind,
  manifestRemovedApi,
  schemaUnknownField,
  schemaType,
  schemaRequired,
  schemaEnum,
  schemaFormat,
  ...stsRules,
  ...podRules,
  ...workspaceRules,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
