import { podRule } from '../../check/pod-rule';
import { containersOf, portsOf, type ContainerAt } from '../../k8s/workload';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { DataPath } from '../../yaml/nodes';
import type { RuleFinding } from '../../types';

/** The first declaration of a name; where it is gets worked out only if a repeat is reported. */
interface Declared {
  path: DataPath;
}

/**
 * Port names are unique within a container (validateContainerPorts: Duplicate value, an error). Across
 * the containers and sidecar init containers of a pod a repeat is accepted with a warning
 * (GetWarningsForPodTemplate): a Service selecting the port by name takes the first one.
 */
export const portNameDuplicate: Rule = podRule({
  id: 'pod/port-name-duplicate',
  defaultSeverity: 'error',
  description: 'A port name used twice in one container (error), or by two containers of one pod (warning).',
}, (ctx, pod) => {
  const findings: RuleFinding[] = [];
  const uri = ctx.manifest.uri;
  const withinContainer = new Set<string>(); // fieldPath of ports already reported
  for (const container of containersOf(pod)) {
    const seen = new Map<string, Declared>();
    for (const { port, path } of portsOf(container)) {
      const name = port.name;
      if (typeof name !== 'string' || name === '') continue;
      const earlier = seen.get(name);
      if (!earlier) {
        seen.set(name, { path });
        continue;
      }
      withinContainer.add(fieldPath(path));
      findings.push({ ...ctx.valueSpan([...path, 'name']),
        message: `Duplicate port name ${quote(name)} in container ${container.label}: ${fieldPath(path)} repeats ${fieldPath(earlier.path)} (Duplicate value). ` +
          'Port names must be unique within a container; rename or remove one.',
        related: [{ uri, ...ctx.valueSpan([...earlier.path, 'name']), message: `${quote(name)} is first declared here` }] });
    }
  }
  // Across containers: the visiting order of the API server's warning (init containers, then containers).
  const visited = [...containersOf(pod).filter(isSidecar), ...containersOf(pod).filter((c) => c.list === 'containers')];
  const owner = new Map<string, Declared & { container: ContainerAt }>();
  for (const container of visited) {
    for (const { port, path } of portsOf(container)) {
      const name = port.name;
      if (typeof name !== 'string' || name === '') continue;
      const earlier = owner.get(name);
      if (!earlier) {
        owner.set(name, { path, container });
        continue;
      }
      if (earlier.container === container || withinContainer.has(fieldPath(path))) continue;
      findings.push({ ...ctx.valueSpan([...path, 'name']), severity: 'warning',
        message: `Port name ${quote(name)} of container ${container.label} is also declared by container ${earlier.container.label}: ` +
          `a Service whose targetPort names it always selects the first one, ${fieldPath(earlier.path)}. Give each container's port its own name.`,
        related: [{ uri, ...ctx.valueSpan([...earlier.path, 'name']), message: `${quote(name)} is first declared here, by container ${earlier.container.label}` }] });
    }
  }
  return findings;
});

/** An init container with `restartPolicy: Always` keeps running beside the containers (a sidecar). */
function isSidecar(container: ContainerAt): boolean {
  return container.list === 'initContainers' && container.container.restartPolicy === 'Always';
}
