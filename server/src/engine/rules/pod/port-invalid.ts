import { containerRule } from '../../check/pod-rule';
import { handlerPortsOf, portsOf } from '../../k8s/workload';
import { fieldPath, type Rule } from '../../check/rule';
import type { DataPath } from '../../yaml/nodes';
import type { RuleFinding } from '../../types';

const range = 'must be between 1 and 65535, inclusive';

function outOfRange(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && (value < 1 || value > 65535);
}

/** Port numbers: containerPort and non-zero hostPort (validateContainerPorts), probe and hook ports (ValidatePortNumOrName). */
export const portInvalid: Rule = containerRule({
  id: 'pod/port-invalid',
  defaultSeverity: 'error',
  description: 'A container port, host port, or probe or lifecycle-hook port number outside 1–65535.',
}, (ctx, container) => {
  const findings: RuleFinding[] = [];
  const report = (path: DataPath, message: string): void => { findings.push({ ...ctx.valueSpan(path), message }); };
  for (const { port, path } of portsOf(container)) {
    const containerPort = port.containerPort;
    if (containerPort === 0) {
      report([...path, 'containerPort'], `containerPort 0 (${fieldPath([...path, 'containerPort'])}) counts as unset (Required value). ` +
        'Set the port number the container listens on, between 1 and 65535.');
    } else if (outOfRange(containerPort)) {
      report([...path, 'containerPort'], `containerPort ${containerPort} (${fieldPath([...path, 'containerPort'])}) ${range}. ` +
        'Set the port number the container listens on.');
    }
    const hostPort = port.hostPort;
    if (hostPort !== 0 && outOfRange(hostPort)) {
      report([...path, 'hostPort'], `hostPort ${hostPort} (${fieldPath([...path, 'hostPort'])}) ${range}. ` +
        'Set a valid port of the node, or remove hostPort to expose nothing on the node.');
    }
  }
  for (const { value, path, action, handler } of handlerPortsOf(container)) {
    if (!outOfRange(value)) continue;
    report(path, `Port ${value} of the ${handler.field} ${action} action (${fieldPath(path)}) ${range}. ` +
      `Use the number${action === 'grpc' ? '' : ' or the name'} of a port the container listens on.`);
  }
  return findings;
});
