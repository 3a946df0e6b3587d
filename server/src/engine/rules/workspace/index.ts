// Rules of this group, in reporting order. Add each new rule here (explicit registry, no globbing).
import type { Rule } from '../../rule';

export const workspaceRules: readonly Rule[] = [];
