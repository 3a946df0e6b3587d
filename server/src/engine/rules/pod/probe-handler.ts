import { containerRule } from '../../check/pod-rule';
import { removePair } from '../../edit/remove';
import { handlersOf, lifecycleHandlers, probeHandlers } from '../../k8s/workload';
import { fieldPath, type Rule } from '../../check/rule';
import type { FixData, RuleFinding } from '../../types';

const probeFields = new Set<string>([...probeHandlers, 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds',
  'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']);
const hookFields = new Set<string>(lifecycleHandlers);

function list(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Exactly one handler per probe and lifecycle hook (validateHandler / validateLifecycleHandler). */
export const probeHandler: Rule = containerRule({
  id: 'pod/probe-handler',
  defaultSeverity: 'error',
  description: 'A probe or lifecycle hook with no handler, or with more than one of exec, httpGet, tcpSocket, grpc (sleep for hooks).',
}, (ctx, container) => {
  const findings: RuleFinding[] = [];
  for (const { handler, path, field, lifecycle } of handlersOf(container)) {
    const allowed = lifecycle ? lifecycleHandlers : probeHandlers;
    const present = Object.keys(handler).filter((key) => (allowed as readonly string[]).includes(key)); // in document order
    const where = `${field} of container ${container.label} (${fieldPath(path)})`;
    if (present.length === 0) {
      // A misspelt handler (`httpget:`) is already a schema/unknown-field error: one problem, one diagnostic.
      const known = lifecycle ? hookFields : probeFields;
      if (Object.keys(handler).some((key) => !known.has(key))) continue;
      findings.push({ ...ctx.keySpan(path),
        message: `The ${where} has no handler (Required value: must specify a handler type). Add exactly one of ${list(allowed)}.` });
      continue;
    }
    for (const extra of present.slice(1)) {
      const extraPath = [...path, extra];
      const edit = removePair(ctx.manifest, extraPath);
      const fixes: FixData[] = edit ? [{ title: `Remove ${extra}`, edits: [edit] }] : [];
      findings.push({ ...ctx.keySpan(extraPath), fixes,
        message: `The ${where} has ${present.length} handlers, ${present.join(', ')} (Forbidden: may not specify more than 1 handler type). Keep one and remove the others.`,
        related: [{ uri: ctx.manifest.uri, ...ctx.keySpan([...path, present[0]]), message: `${present[0]} is the first handler` }] });
    }
  }
  return findings;
});
