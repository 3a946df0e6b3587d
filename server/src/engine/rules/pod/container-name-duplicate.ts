import { podRule } from './pod-rule';
import { valueSite } from '../../k8s/pod-edit';
import { containersOf } from '../../k8s/pod-template';
import { fieldPath, type Rule } from '../../rule';
import { quote } from '../../text';
import type { RuleFinding, Span } from '../../types';

/**
 * Container names are unique across containers and init containers (validateContainers,
 * validateInitContainers). As in Kubernetes, a clash with an init container is reported on the init container.
 */
export const containerNameDuplicate: Rule = podRule({
  id: 'pod/container-name-duplicate',
  defaultSeverity: 'error',
  description: 'Two containers (or a container and an init container) of one pod share a name.',
}, (ctx, pod) => {
  const first = new Map<string, { where: string; span: Span }>();
  const findings: RuleFinding[] = [];
  for (const { container, path } of containersOf(pod)) {
    const name = container.name;
    if (typeof name !== 'string' || name === '') continue;
    const namePath = [...path, 'name'];
    const span = valueSite(ctx, namePath);
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, { where: fieldPath(namePath), span });
      continue;
    }
    findings.push({ ...span,
      message: `Duplicate container name ${quote(name)}: ${fieldPath(namePath)} repeats ${earlier.where}. ` +
        'Container and init container names must be unique within a pod; rename one of them.',
      related: [{ uri: ctx.manifest.uri, ...earlier.span, message: `${quote(name)} is first used here` }] });
  }
  return findings;
});
