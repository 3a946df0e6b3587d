import { podRule } from '../../check/pod-rule';
import { replaceRaw, replaceString } from '../../edit/replace';
import { containerPortsKnown, containersOf, handlerPortsOf, portNamesOf, portsOf } from '../../k8s/workload';
import { portNameProblem } from '../../k8s/names';
import { fieldPath, type Rule } from '../../check/rule';
import { closest, quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

/**
 * A probe or lifecycle hook that selects a port by name: the kubelet looks the name up in the ports of
 * the same container only (findPortByName), so an unknown name makes the probe fail at run time
 * (liveness: restarts; readiness: never Ready). The API server does not check it.
 */
export const probePortUnknown: Rule = podRule({
  id: 'pod/probe-port-unknown',
  defaultSeverity: 'error',
  description: 'A probe or lifecycle hook names a port that its container does not declare.',
}, (ctx, pod) => {
  const containers = containersOf(pod);
  const findings: RuleFinding[] = [];
  for (const container of containers) {
    const own = portNamesOf(container);
    // Ports a chart template prints are unknown: the name may be among them.
    if (!containerPortsKnown(ctx.manifest, pod, container)) continue;
    for (const { value, path, action, handler } of handlerPortsOf(container)) {
      if (typeof value !== 'string' || action === 'grpc' || /^[0-9]+$/.test(value) || portNameProblem(value)) continue; // pod/port-name-invalid
      if (own.includes(value)) continue;
      const fixes: FixData[] = [];
      for (const name of closest(value, own, 3)) {
        const edit = replaceString(ctx.manifest, path, name);
        if (edit) fixes.push({ title: `Change to port ${quote(name)}`, edits: [edit], preferred: fixes.length === 0 });
      }
      const elsewhere = containers.filter((other) => other !== container)
        .flatMap((other) => portsOf(other).filter(({ port }) => port.name === value).map((port) => ({ other, port })))[0];
      let message = `The ${handler.field} of container ${container.label} uses port ${quote(value)} (${fieldPath(path)}), but the container declares no port of that name`;
      if (elsewhere) {
        const number = elsewhere.port.port.containerPort;
        message += `: it is a port of container ${elsewhere.other.label}, and the kubelet looks named ports up in the probed container only.`;
        if (typeof number === 'number' && number >= 1 && number <= 65535) {
          message += ` Use the port number ${number} instead.`;
          const edit = replaceRaw(ctx.manifest, path, String(number));
          if (edit) fixes.push({ title: `Use port number ${number}`, edits: [edit], preferred: fixes.length === 0 });
        }
      } else {
        message += own.length ? ` (it declares ${own.map(quote).join(', ')}). Use one of those names or a port number.` : '. Use a port number, or declare the port under "ports:".';
      }
      findings.push({ ...ctx.valueSpan(path), message, fixes,
        related: elsewhere ? [{ uri: ctx.manifest.uri, ...ctx.valueSpan([...elsewhere.port.path, 'name']), message: `${quote(value)} is declared by container ${elsewhere.other.label}` }] : undefined });
    }
  }
  return findings;
});
