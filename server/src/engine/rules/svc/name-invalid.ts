import { replaceString } from '../../edit/replace';
import { toDns1035Label, toDnsLabel } from '../../k8s/name-fixes';
import { versionAtLeast } from '../../k8s/version';
import { isDns1035Label, dnsLabelProblem } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { EngineSettings } from '../../types';

/** RelaxedServiceNameValidation (RFC 1123 instead of RFC 1035 names) is beta and on by default from 1.36. */
export function relaxedServiceNames(settings: EngineSettings): boolean {
  return versionAtLeast(settings.kubernetesVersion, '1.36');
}

const dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/** Service names (ValidateServiceCreate): RFC 1035 labels, or RFC 1123 labels with the relaxed gate (1.36+). */
export const svcNameInvalid: Rule = {
  id: 'svc/name-invalid',
  defaultSeverity: 'error',
  description: 'A Service name that is not a DNS label: an RFC 1035 label (starting with a letter) before Kubernetes 1.36, an RFC 1123 label from 1.36.',
  scope: 'manifest',
  kinds: ['Service'],
  check(ctx) {
    if (ctx.manifest.apiVersion !== 'v1') return []; // not a core Service (e.g. a Knative Service)
    const name = ctx.manifest.name;
    if (!name) return []; // generateName, or no name at all
    const relaxed = relaxedServiceNames(ctx.settings);
    const version = ctx.settings.kubernetesVersion;
    let problem = dnsLabelProblem(name);
    let note = '';
    if (!problem && !relaxed && !isDns1035Label(name)) {
      problem = dns1035Message;
      note = ` Kubernetes 1.36 accepts Service names that start with a digit (RelaxedServiceNameValidation); the target version is ${version}.`;
    }
    if (!problem) return [];
    const candidate = relaxed ? toDnsLabel(name) : toDns1035Label(name);
    const path = ['metadata', 'name'];
    const edit = candidate ? replaceString(ctx.manifest, path, candidate) : undefined;
    const rule = relaxed ? 'an RFC 1123 label' : 'an RFC 1035 label';
    return [{ ...ctx.valueSpan(path),
      message: `Invalid Service name ${quote(name)} (metadata.name): ${problem}. A Service name must be ${rule}: ` +
        `lowercase letters, digits and '-', at most 63 characters${relaxed ? '' : ', starting with a letter'}${candidate ? `, e.g. ${quote(candidate)}` : ''}.${note}`,
      fixes: candidate && edit ? [{ title: `Rename the Service to ${quote(candidate)}`, edits: [edit], preferred: true }] : [] }];
  },
};
