import { versionAtLeast } from '../../k8s/version';
import { isStatefulSet, updateStrategyType } from '../../k8s/statefulset';
import { removePair } from '../../edit/remove';
import { replaceRaw } from '../../edit/replace';
import { setKey } from '../../edit/insert';
import { get, type Manifest } from '../../model/manifest';
import type { ManifestContext, Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding, TextEditData } from '../../types';

const rollingUpdatePath = ['spec', 'updateStrategy', 'rollingUpdate'];
const maxUnavailablePath = [...rollingUpdatePath, 'maxUnavailable'];

function fix(title: string, edit: TextEditData | undefined, extra: Partial<FixData> = {}): FixData[] {
  return edit ? [{ title, edits: [edit], ...extra }] : [];
}

function onDeleteWithRollingUpdate(ctx: ManifestContext): RuleFinding[] {
  const { manifest } = ctx;
  if (updateStrategyType(manifest) !== 'OnDelete' || get(manifest.value, ...rollingUpdatePath) === undefined) return [];
  return [{
    ...ctx.keySpan(rollingUpdatePath),
    message: "spec.updateStrategy.rollingUpdate: Invalid value: only allowed for updateStrategy 'RollingUpdate', and the type is 'OnDelete'. "
      + 'Remove rollingUpdate, or set type: RollingUpdate.',
    fixes: [
      ...fix('Remove spec.updateStrategy.rollingUpdate', removePair(manifest, rollingUpdatePath), { preferred: true }),
      ...fix('Set spec.updateStrategy.type to RollingUpdate', setKey(manifest, ['spec', 'updateStrategy'], 'type', 'RollingUpdate')),
    ],
  }];
}

/** Why maxUnavailable is invalid (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent, cannot be 0). */
function maxUnavailableProblem(value: unknown): { problem: string; replacement?: string } | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined; // schema/format
    if (value < 0) return { problem: 'must be greater than or equal to 0', replacement: '1' };
    if (value === 0) return { problem: 'cannot be 0', replacement: '1' };
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const percent = /^([0-9]+)%$/.exec(value);
  if (!percent) {
    // Trimmed first, so that no two `\s*` meet (quadratic backtracking on a long run of spaces).
    const number = /^([0-9]+)\s*(%?)$/.exec(value.trim());
    const amount = number ? Number(number[1]) : 0;
    const replacement = amount > 0 && amount <= 100 && number?.[2] ? `"${amount}%"` : amount > 0 && !number?.[2] ? `${amount}` : undefined;
    return { problem: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%' or '93%')", replacement };
  }
  const amount = Number(percent[1]);
  if (amount === 0) return { problem: 'cannot be 0', replacement: '1' };
  if (amount > 100) return { problem: 'must not be greater than 100%', replacement: '"100%"' };
  return undefined;
}

function invalidMaxUnavailable(ctx: ManifestContext, manifest: Manifest): RuleFinding[] {
  // The field is dropped unless the MaxUnavailableStatefulSet gate is on (beta, on by default from 1.35).
  if (!versionAtLeast(ctx.settings.kubernetesVersion, '1.35') || updateStrategyType(manifest) !== 'RollingUpdate') return [];
  const value = get(manifest.value, ...maxUnavailablePath);
  const found = maxUnavailableProblem(value);
  if (!found) return [];
  const replacement = found.replacement;
  return [{
    ...ctx.valueSpan(maxUnavailablePath),
    message: `spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: ${quote(value)}: ${found.problem}. `
      + 'Use a number of pods of 1 or more (e.g. 1) or a percentage from 1% to 100% (e.g. "25%").',
    fixes: [
      ...(replacement ? fix(`Set maxUnavailable to ${replacement}`, replaceRaw(manifest, maxUnavailablePath, replacement), { preferred: true }) : []),
      ...fix('Remove maxUnavailable (one pod at a time)', removePair(manifest, maxUnavailablePath)),
    ],
  }];
}

/** `rollingUpdate` with `type: OnDelete`; `maxUnavailable` of 0, 0%, over 100% or not a number or percent. */
export const stsUpdateStrategyInvalid: Rule = {
  id: 'sts/update-strategy-invalid',
  defaultSeverity: 'error',
  description: 'updateStrategy.rollingUpdate is given with type OnDelete, or rollingUpdate.maxUnavailable is 0, over 100% or not a number or percentage.',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    if (!isStatefulSet(ctx.manifest)) return [];
    return [...onDeleteWithRollingUpdate(ctx), ...invalidMaxUnavailable(ctx, ctx.manifest)];
  },
};
