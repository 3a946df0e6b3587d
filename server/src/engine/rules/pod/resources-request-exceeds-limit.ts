import { containerRule } from '../../check/pod-rule';
import { replaceValue } from '../../edit/replace';
import { writtenValue } from '../../edit/spans';
import { compareQuantities, parseQuantity } from '../../k8s/quantity';
import { isObject } from '../../model/manifest';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding, TextEditData } from '../../types';

/** Each resource request must be at most its limit (ValidateContainerResourceRequirements). */
export const resourcesRequestExceedsLimit: Rule = containerRule({
  id: 'pod/resources-request-exceeds-limit',
  defaultSeverity: 'error',
  description: 'A container resource request (cpu, memory, ...) greater than its limit.',
}, (ctx, { container, path, label }) => {
  const resources = container.resources;
  if (!isObject(resources) || !isObject(resources.requests) || !isObject(resources.limits)) return [];
  const findings: RuleFinding[] = [];
  const limits = resources.limits;
  for (const [name, request] of Object.entries(resources.requests)) {
    const limit = limits[name];
    const requested = parseQuantity(request);
    const limited = parseQuantity(limit);
    if (!requested || !limited || compareQuantities(requested, limited) <= 0) continue; // invalid ones: schema/format
    const requestPath = [...path, 'resources', 'requests', name];
    const limitPath = [...path, 'resources', 'limits', name];
    const requestText = writtenValue(ctx.manifest, requestPath, request);
    const limitText = writtenValue(ctx.manifest, limitPath, limit);
    const fixes: FixData[] = [];
    const fix = (title: string, edit: TextEditData | undefined): void => { if (edit) fixes.push({ title, edits: [edit] }); };
    fix(`Lower the ${name} request to the limit, ${limitText}`, replaceValue(ctx.manifest, requestPath, limit as string | number, limitText));
    fix(`Raise the ${name} limit to the request, ${requestText}`, replaceValue(ctx.manifest, limitPath, request as string | number, requestText));
    findings.push({ ...ctx.valueSpan(requestPath), fixes,
      message: `The ${name} request ${quote(requestText)} of container ${label} (${fieldPath(requestPath)}) is greater than its limit ${quote(limitText)}: ` +
        `it must be less than or equal to ${name} limit of ${limitText}. Lower the request or raise the limit.`,
      related: [{ uri: ctx.manifest.uri, ...ctx.valueSpan(limitPath), message: `the ${name} limit` }] });
  }
  return findings;
});
