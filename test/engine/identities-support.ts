// Shared by the identities tests: YAML builders and a one-call way to get identities of a workspace.
import { Engine, type EngineSettings } from '../../server/src/engine';
import type { StatefulSetIdentities } from '../../server/src/engine/identities/compute';
import { schemas } from '../support/engine';
import { documents, headlessService, statefulSet, type ServiceOptions } from '../support/manifests';

/** The identities of every StatefulSet of a workspace (file name → text), in file order. */
export function identitiesOf(files: Record<string, string> | string, settings?: Partial<EngineSettings>, maxPods?: number): StatefulSetIdentities[] {
  const workspace = typeof files === 'string' ? { 'sts.yaml': files } : files;
  const engine = new Engine(schemas(), settings);
  for (const [uri, text] of Object.entries(workspace)) engine.setFile(uri, text);
  return Object.keys(workspace).flatMap((uri) => engine.identities(uri, { maxPods }).statefulSets);
}

/** The tutorial's example (kubernetes.io, StatefulSet basics): the Service httpd-service and the StatefulSet apache-http. */
export const tutorial = documents(
  headlessService({ name: 'httpd-service', selector: { app: 'httpd' }, ports: [{ name: 'web', port: 80 }] }),
  statefulSet({
    name: 'apache-http', serviceName: 'httpd-service', replicas: 3, labels: { app: 'httpd' },
    containers: [{ name: 'httpd', image: 'httpd:2.4' }], claimTemplates: [{ name: 'htdocs', storage: '2Gi' }],
  }),
);

/** The StatefulSet `web` without a serviceName, with more lines of spec and of metadata (unindented). */
export function sts(spec: string, metadata = ''): string {
  return statefulSet({ serviceName: null, spec, metadata });
}

/** A headless Service, by default `nginx`, selecting the pods of `sts()` (app: web). */
export function headless(options: Omit<ServiceOptions, 'clusterIP'> = {}): string {
  return headlessService({ name: 'nginx', selector: { app: 'web' }, ...options });
}
