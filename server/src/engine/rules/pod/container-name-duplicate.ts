import { podRule } from '../../check/pod-rule';
import { containersOf } from '../../k8s/workload';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { DataPath } from '../../yaml/nodes';
import type { RuleFinding } from '../../types';

/**
 * Container names are unique across containers and init containers (validateContainers,
 * validateInitContainers). As in Kubernetes, a clash with an init container is reported on the init container.
 */
export const containerNameDuplicate: Rule = podRule({
  id: 'pod/container-name-duplicate',
  defaultSeverity: 'error',
  description: 'Two containers (or a container and an init container) of one pod share a name.',
}, (ctx, pod) => {
  // The first use of each name; where it is gets worked out only if a repeat is reported.
  const first = new Map<string, DataPath>();
  const findings: RuleFinding[] = [];
  for (const { container, path } of containersOf(pod)) {
    const name = container.name;
    if (typeof name !== 'string' || name === '') continue;
    const namePath = [...path, 'name'];
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, namePath);
      continue;
    }
    findings.push({ ...ctx.valueSpan(namePath),
      message: `Duplicate container name ${quote(name)}: ${fieldPath(namePath)} repeats ${fieldPath(earlier)}. ` +
        'Container and init container names must be unique within a pod; rename one of them.',
      related: [{ uri: ctx.manifest.uri, ...ctx.valueSpan(earlier), message: `${quote(name)} is first used here` }] });
  }
  return findings;
});
