import { containerRule } from '../../check/pod-rule';
import { replaceRaw, replaceString } from '../../edit/replace';
import { toPortName } from '../../k8s/name-fixes';
import { renamePortEdits } from '../../fixes/rename-port';
import { handlerPortsOf, portNamesOf, portsOf, type ContainerAt } from '../../k8s/workload';
import type { Manifest } from '../../model/manifest';
import { portNameProblem } from '../../k8s/names';
import { fieldPath, type Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData, RuleFinding } from '../../types';

const ianaHint = "A port name is an IANA service name: at most 15 characters, lowercase letters, digits and '-', at least one letter, no '--', no '-' at either end";

/** Container port names, and the port names probes and hooks use (IsValidPortName, ValidatePortNumOrName). */
export const portNameInvalid: Rule = containerRule({
  id: 'pod/port-name-invalid',
  defaultSeverity: 'error',
  description: 'A container port name, or a port name used by a probe or lifecycle hook, that is not a valid IANA service name.',
}, (ctx, container) => {
  const findings: RuleFinding[] = [];
  const names = new Set(portNamesOf(container));
  for (const { port, path } of portsOf(container)) {
    const name = port.name;
    if (typeof name !== 'string' || name === '') continue;
    const problem = portNameProblem(name);
    if (!problem) continue;
    const namePath = [...path, 'name'];
    const candidate = toPortName(name);
    findings.push({ ...ctx.valueSpan(namePath), fixes: renameFix(ctx.manifest, container, name, candidate, names),
      message: `Invalid port name ${quote(name)} (${fieldPath(namePath)}): ${problem}. ${ianaHint}${candidate ? `; e.g. ${quote(candidate)}` : ''}.` });
  }
  for (const { value, path, action, handler } of handlerPortsOf(container)) {
    if (typeof value !== 'string' || action === 'grpc') continue; // grpc.port is a number: schema/type
    const where = `the ${handler.field} ${action} action (${fieldPath(path)})`;
    if (/^[0-9]+$/.test(value)) {
      const number = Number(value);
      const edit = number >= 1 && number <= 65535 ? replaceRaw(ctx.manifest, path, String(number)) : undefined;
      findings.push({ ...ctx.valueSpan(path),
        message: `Port ${quote(value)} of ${where} is quoted, so Kubernetes reads it as a port name, and a port name must contain at least one letter (a-z). Remove the quotes to use port number ${number}.`,
        fixes: edit ? [{ title: `Use port number ${number} (remove the quotes)`, edits: [edit], safe: true, preferred: true }] : [] });
      continue;
    }
    const problem = value === '' ? 'must not be empty' : portNameProblem(value);
    if (!problem) continue;
    const candidate = toPortName(value);
    let fixes: FixData[] = [];
    if (names.has(value)) {
      fixes = renameFix(ctx.manifest, container, value, candidate, names);
    } else if (candidate && names.has(candidate)) {
      const edit = replaceString(ctx.manifest, path, candidate);
      if (edit) fixes = [{ title: `Change to port ${quote(candidate)}`, edits: [edit], preferred: true }];
    }
    findings.push({ ...ctx.valueSpan(path), fixes,
      message: `Invalid port name ${quote(value)} in ${where}: ${problem}. ${ianaHint}. Use the number or the name of a port the container declares.` });
  }
  return findings;
});

function renameFix(manifest: Manifest, container: ContainerAt, from: string, to: string | undefined, taken: Set<string>): FixData[] {
  if (!to || taken.has(to)) return [];
  const edits = renamePortEdits(manifest, container, from, to);
  return edits ? [{ title: `Rename port ${quote(from)} to ${quote(to)}${edits.length > 1 ? ' (and the probes that use it)' : ''}`, edits, preferred: true }] : [];
}
