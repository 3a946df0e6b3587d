// pod/probes-identical: a container whose liveness and readiness probes are the same check: when it is
// slow, it is restarted instead of only being taken out of its Services.
import { isDeepStrictEqual } from 'node:util';
import { containerRule } from '../../check/pod-rule';
import { fieldPath, type Rule } from '../../check/rule';
import { get } from '../../model/manifest';

export const probesIdentical: Rule = containerRule({
  id: 'pod/probes-identical',
  defaultSeverity: 'info',
  description: 'A container whose liveness and readiness probes are identical.',
}, (ctx, container) => {
  const liveness = get(container.container, 'livenessProbe');
  const readiness = get(container.container, 'readinessProbe');
  if (liveness === undefined || readiness === undefined || !isDeepStrictEqual(liveness, readiness)) return [];
  const path = [...container.path, 'livenessProbe'];
  return [{
    ...ctx.keySpan(path),
    message: `Container ${container.label}: ${fieldPath(path)} is the same check as its readinessProbe. When the container is only slow (a long GC pause, a busy disk), readiness should take it out of its Services while liveness leaves it running; with the same probe it is restarted too, and in a StatefulSet every member may restart at once. `
      + 'Give liveness a cheaper check (is the process alive?) with a higher failureThreshold or periodSeconds.',
  }];
});
