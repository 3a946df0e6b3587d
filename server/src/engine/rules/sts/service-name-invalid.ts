import { suggestDnsLabel } from '../../k8s/name-fixes';
import { isStatefulSet } from '../../k8s/statefulset';
import { versionAtLeast } from '../../k8s/version';
import { replaceString } from '../../edit/replace';
import { get } from '../../model/manifest';
import { dnsLabelProblem } from '../../k8s/names';
import type { Rule } from '../../check/rule';
import { quote } from '../../text';
import type { FixData } from '../../types';
import { schemaReportsAt } from '../../schema/reports-at';

const path = ['spec', 'serviceName'];

/** From Kubernetes 1.33 a non-empty serviceName must be an RFC 1123 label (it becomes each pod's subdomain). */
export const stsServiceNameInvalid: Rule = {
  id: 'sts/service-name-invalid',
  defaultSeverity: 'error',
  description: 'serviceName is not an RFC 1123 label (checked from Kubernetes 1.33).',
  showInPreview: true,
  scope: 'manifest',
  kinds: ['StatefulSet'],
  check(ctx) {
    const { manifest } = ctx;
    const name = get(manifest.value, ...path);
    if (!isStatefulSet(manifest) || typeof name !== 'string' || name === '') return [];
    if (!versionAtLeast(ctx.settings.kubernetesVersion, '1.33')) return [];
    const problem = dnsLabelProblem(name);
    if (!problem || schemaReportsAt(ctx, path)) return [];
    const suggestion = suggestDnsLabel(name);
    const edit = suggestion ? replaceString(manifest, path, suggestion) : undefined;
    const fixes: FixData[] = suggestion && edit
      ? [{ title: `Change serviceName to ${quote(suggestion)} (rename the Service too)`, edits: [edit], preferred: true }] : [];
    return [{
      ...ctx.valueSpan(path),
      message: `spec.serviceName ${quote(name)}: ${problem}. The serviceName becomes each pod's DNS subdomain, so it must be `
        + "an RFC 1123 label (lowercase letters, digits and '-', at most 63 characters). "
        + `${suggestion ? `Use ${quote(suggestion)} and give the headless Service the same name.` : 'Rename it and the headless Service.'}`,
      fixes,
    }];
  },
};
