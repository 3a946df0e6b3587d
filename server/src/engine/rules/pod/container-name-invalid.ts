import { podRule } from '../../check/pod-rule';
import { replaceString } from '../../edit/replace';
import { toDnsLabel } from '../../k8s/name-fixes';
import { containersOf } from '../../k8s/workload';
import { dnsLabelProblem } from '../../k8s/names';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

/** Container names are RFC 1123 labels (validateContainerCommon → IsDNS1123Label). */
export const containerNameInvalid: Rule = podRule({
  id: 'pod/container-name-invalid',
  defaultSeverity: 'error',
  description: 'A container or init container name that is not an RFC 1123 label (lowercase letters, digits and "-", at most 63 characters).',
}, (ctx, pod) => {
  const containers = containersOf(pod);
  const taken = new Set(containers.map(({ container }) => container.name));
  const findings: RuleFinding[] = [];
  for (const { container, path } of containers) {
    const name = container.name;
    if (typeof name !== 'string') continue; // missing: schema/required; not a string: schema/type
    const namePath = [...path, 'name'];
    const where = fieldPath(namePath);
    if (name === '') {
      findings.push({ ...ctx.valueSpan(namePath),
        message: `Container name ${where} is empty: every container needs a name, a lowercase RFC 1123 label such as "app".` });
      continue;
    }
    const problem = dnsLabelProblem(name);
    if (!problem) continue;
    const candidate = toDnsLabel(name);
    const fixes: FixData[] = [];
    const edit = candidate && !taken.has(candidate) ? replaceString(ctx.manifest, namePath, candidate) : undefined;
    if (candidate && edit) fixes.push({ title: `Rename the container to ${quote(candidate)}`, edits: [edit], preferred: true });
    findings.push({ ...ctx.valueSpan(namePath), fixes,
      message: `Invalid container name ${quote(name)} (${where}): ${problem}. ` + (name.length > 63 ? 'Shorten it to 63 characters or fewer.'
        : `Use lowercase letters, digits and '-' only, starting and ending with a letter or digit${candidate ? `, e.g. ${quote(candidate)}` : ''}.`) });
  }
  return findings;
});
