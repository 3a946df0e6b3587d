import { insertFirstKey } from '../../edit/insert';
import { replaceString } from '../../edit/replace';
import { headSpan } from '../../edit/spans';
import { get, isObject, type JsonObject } from '../../model/manifest';
import { isDnsLabel } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding, TextEditData } from '../../types';

/** With more than one port, every Service port needs a name (validateServicePort: Required value). */
export const svcPortNameMissing: Rule = {
  id: 'svc/port-name-missing',
  defaultSeverity: 'error',
  description: 'A Service with more than one port where a port has no name.',
  scope: 'manifest',
  kinds: ['Service'],
  check(ctx) {
    if (ctx.manifest.apiVersion !== 'v1') return []; // not a core Service (e.g. a Knative Service)
    const ports = get(ctx.manifest.value, 'spec', 'ports');
    if (!Array.isArray(ports) || ports.length < 2) return [];
    const taken = new Set(ports.map((port) => (isObject(port) ? port.name : undefined)).filter((name) => typeof name === 'string'));
    const findings: RuleFinding[] = [];
    ports.forEach((port, index) => {
      if (!isObject(port) || (port.name !== undefined && port.name !== '')) return;
      const path = ['spec', 'ports', index];
      const suggestion = suggestName(port, taken);
      let edit: TextEditData | undefined;
      if (suggestion) {
        taken.add(suggestion);
        edit = port.name === '' ? replaceString(ctx.manifest, [...path, 'name'], suggestion) : insertFirstKey(ctx.manifest, path, 'name', suggestion);
      }
      const fixes: FixData[] = suggestion && edit ? [{ title: `Name the port ${quote(suggestion)}`, edits: [edit], preferred: true }] : [];
      const span = port.name === '' ? ctx.valueSpan([...path, 'name']) : headSpan(ctx.manifest, path) ?? ctx.keySpan(path);
      findings.push({ ...span, fixes,
        message: `Port ${typeof port.port === 'number' ? port.port : index} of Service ${quote(ctx.manifest.name)} (spec.ports[${index}].name) has no name: ` +
          `a Service with more than one port needs a name on each (Required value). Add a name, a lowercase RFC 1123 label${suggestion ? ` such as ${quote(suggestion)}` : ''}.` });
    });
    return findings;
  },
};

/** The targetPort's name when it is a usable label, else `port-<number>` (`-udp`/`-sctp` for those protocols). */
function suggestName(port: JsonObject, taken: Set<unknown>): string | undefined {
  const candidates: string[] = [];
  if (typeof port.targetPort === 'string' && isDnsLabel(port.targetPort)) candidates.push(port.targetPort);
  if (typeof port.port === 'number') {
    const protocol = typeof port.protocol === 'string' && port.protocol !== 'TCP' ? `-${port.protocol.toLowerCase()}` : '';
    candidates.push(`port-${port.port}${protocol}`);
  }
  return candidates.find((name) => isDnsLabel(name) && !taken.has(name));
}
