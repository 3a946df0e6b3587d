// The chart the Helm benchmarks render: the kvdb test chart plus a ServiceAccount and a NetworkPolicy
// (10 templates that render), copied into a temporary folder (its parent is removed by the caller).
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The kvdb test chart plus a ServiceAccount and a NetworkPolicy: 10 templates that render. */
export function benchChart() {
  const dir = join(mkdtempSync(join(tmpdir(), 'sts-helm-bench-')), 'kvdb');
  cpSync(join(root, 'test', 'fixtures', 'helm', 'kvdb'), dir, { recursive: true });
  writeFileSync(join(dir, 'templates', 'serviceaccount.yaml'), [
    'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: {{ include "kvdb.fullname" . }}', '  labels:',
    '    {{- include "kvdb.labels" . | nindent 4 }}', 'automountServiceAccountToken: false', '',
  ].join('\n'));
  writeFileSync(join(dir, 'templates', 'networkpolicy.yaml'), [
    'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: {{ include "kvdb.fullname" . }}', 'spec:',
    '  podSelector:', '    matchLabels:', '      {{- include "kvdb.selectorLabels" . | nindent 6 }}', '  ingress:', '    - ports:',
    '        - port: {{ .Values.service.port }}', '',
  ].join('\n'));
  return dir;
}

