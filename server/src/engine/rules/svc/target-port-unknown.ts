// svc/target-port-unknown: a named targetPort that no container port of the selected Pods declares.
import { portNameProblem } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { factsOf } from '../../model/facts';
import { replaceString } from '../../edit/replace';
import { closest } from '../../text';
import type { FixData, RuleFinding } from '../../types';
import { describe, relatedAt } from '../../model/locations';
import { containerPortsKnown, podSpecOf } from '../../k8s/workload';

export const svcTargetPortUnknown: Rule = {
  id: 'svc/target-port-unknown',
  defaultSeverity: 'warning',
  description: 'A named targetPort that no container port of the Pods the Service selects declares, so the port has no endpoints.',
  scope: 'workspace',
  kinds: ['Service'],
  check(ctx) {
    const { namespace, lookups } = ctx;
    const service = factsOf(ctx.manifest, namespace).service;
    if (!service || service.type === 'ExternalName') return [];
    // Numbers, and names that are not valid port names (svc/port-name-invalid), are not this rule's.
    const named = service.ports.filter((port) => typeof port.targetPort === 'string' && !portNameProblem(port.targetPort));
    if (named.length === 0) return [];
    const templates = lookups.templatesSelectedBy(namespace, service.selector);
    if (templates.length === 0) return [];
    // Ports a chart template prints are unknown: the name may be among them.
    if (templates.some((template) => { const pod = podSpecOf(template.manifest); return !!pod && !containerPortsKnown(template.manifest, pod); })) return [];
    const findings: RuleFinding[] = [];
    const declared = new Set(templates.flatMap((template) => template.portNames.map((port) => port.name)));
    for (const port of named) {
      const targetPort = port.targetPort as string;
      if (declared.has(targetPort)) continue;
      const path = ['spec', 'ports', port.index, 'targetPort'];
      const names = [...declared];
      const pods = templates.slice(0, 3).map((template) => describe(template.manifest, namespace, ctx.settings.defaultNamespace)).join(', ');
      const fixes: FixData[] = [];
      for (const name of closest(targetPort, names, 3)) {
        const edit = replaceString(service.manifest, path, name);
        if (edit) fixes.push({ title: `Change targetPort to ${JSON.stringify(name)}`, edits: [edit], preferred: fixes.length === 0 });
      }
      const related = templates.slice(0, 3).map((template) => {
        const first = template.portNames[0];
        return relatedAt(template.manifest,
          `${describe(template.manifest, namespace, ctx.settings.defaultNamespace)} declares ${template.portNames.length ? `ports ${template.portNames.map((item) => JSON.stringify(item.name)).join(', ')}` : 'no named ports'}.`,
          first ? [...first.path, 'name'] : [...template.path, 'metadata', 'labels']);
      });
      findings.push({
        ...ctx.valueSpan(path),
        message: `targetPort ${JSON.stringify(targetPort)} names no container port of the Pods this Service selects (${pods}${templates.length > 3 ? ', ...' : ''}): ${names.length ? `their named ports are ${names.map((name) => JSON.stringify(name)).join(', ')}` : 'they declare no named ports'}, so this Service port gets no endpoints. Use one of those names or a port number.`,
        related,
        fixes,
      });
    }
    return findings;
  },
};
