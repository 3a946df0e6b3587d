import { replaceRaw, replaceString } from '../../edit/replace';
import { toDnsLabel, toPortName } from '../../k8s/name-fixes';
import { get, isObject } from '../../model/manifest';
import { dnsLabelProblem, portNameProblem } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

/**
 * Service port names are RFC 1123 labels, unique within the Service (validateServicePort); a named
 * `targetPort` is an IANA service name (ValidatePortNumOrName), like a container port name.
 */
export const svcPortNameInvalid: Rule = {
  id: 'svc/port-name-invalid',
  defaultSeverity: 'error',
  description: 'A Service port name that is not an RFC 1123 label or is repeated, or a targetPort name that is not a valid IANA service name.',
  scope: 'manifest',
  kinds: ['Service'],
  check(ctx) {
    if (ctx.manifest.apiVersion !== 'v1') return []; // not a core Service (e.g. a Knative Service)
    const ports = get(ctx.manifest.value, 'spec', 'ports');
    if (!Array.isArray(ports)) return [];
    const names = new Set(ports.map((port) => (isObject(port) ? port.name : undefined)));
    // The first use of each name; where it is gets worked out only if a repeat is reported.
    const first = new Map<string, (string | number)[]>();
    const findings: RuleFinding[] = [];
    ports.forEach((port, index) => {
      if (!isObject(port)) return;
      const name = port.name;
      const namePath = ['spec', 'ports', index, 'name'];
      if (typeof name === 'string' && name !== '') {
        const problem = dnsLabelProblem(name);
        if (problem) {
          const candidate = toDnsLabel(name);
          const edit = candidate && !names.has(candidate) ? replaceString(ctx.manifest, namePath, candidate) : undefined;
          findings.push({ ...ctx.valueSpan(namePath),
            message: `Invalid Service port name ${quote(name)} (spec.ports[${index}].name): ${problem}. ` +
              `Service port names are RFC 1123 labels: lowercase letters, digits and '-', at most 63 characters${candidate ? `, e.g. ${quote(candidate)}` : ''}.`,
            fixes: candidate && edit ? [{ title: `Rename the port to ${quote(candidate)}`, edits: [edit], preferred: true }] : [] });
        } else if (first.has(name)) {
          findings.push({ ...ctx.valueSpan(namePath),
            message: `Duplicate Service port name ${quote(name)} (spec.ports[${index}].name: Duplicate value). Each port of a Service needs its own name.`,
            related: [{ uri: ctx.manifest.uri, ...ctx.valueSpan(first.get(name)!), message: `${quote(name)} is first used here` }] });
        } else {
          first.set(name, namePath);
        }
      }
      const target = port.targetPort;
      if (typeof target !== 'string' || target === '') return; // "" is defaulted to the port number
      const targetPath = ['spec', 'ports', index, 'targetPort'];
      if (/^[0-9]+$/.test(target)) {
        const number = Number(target);
        const edit = number >= 1 && number <= 65535 ? replaceRaw(ctx.manifest, targetPath, String(number)) : undefined;
        findings.push({ ...ctx.valueSpan(targetPath),
          message: `targetPort ${quote(target)} (spec.ports[${index}].targetPort) is quoted, so Kubernetes reads it as a port name, and a port name must contain at least one letter (a-z). Remove the quotes to use port number ${number}.`,
          fixes: edit ? [{ title: `Use port number ${number} (remove the quotes)`, edits: [edit], safe: true, preferred: true }] : [] });
        return;
      }
      const problem = portNameProblem(target);
      if (!problem) return;
      const candidate = toPortName(target);
      const edit = candidate ? replaceString(ctx.manifest, targetPath, candidate) : undefined;
      const fixes: FixData[] = candidate && edit ? [{ title: `Change targetPort to ${quote(candidate)}`, edits: [edit] }] : [];
      findings.push({ ...ctx.valueSpan(targetPath), fixes,
        message: `Invalid targetPort name ${quote(target)} (spec.ports[${index}].targetPort): ${problem}. A targetPort is a port number or the name of a container port, an IANA service name: ` +
          "at most 15 characters, lowercase letters, digits and '-', at least one letter.",
      });
    });
    return findings;
  },
};
