// Shared by the identities tests: YAML builders and a one-call way to get identities of a workspace.
import { Engine, type EngineSettings } from '../../server/src/engine';
import type { StatefulSetIdentities } from '../../server/src/engine/identities/compute';
import { schemas } from '../support/engine';
import { documents, headlessService, statefulSet, tutorialService, tutorialStatefulSet, type ServiceOptions } from '../support/manifests';

/** The identities of every StatefulSet of a workspace (file name → text), in file order. */
export function identitiesOf(files: Record<string, string> | string, settings?: Partial<EngineSettings>, maxPods?: number): StatefulSetIdentities[] {
  const workspace = typeof files === 'string' ? { 'sts.yaml': files } : files;
  const engine = new Engine(schemas(), settings);
  for (const [uri, text] of Object.entries(workspace)) engine.setFile(uri, text);
  return Object.keys(workspace).flatMap((uri) => engine.identities(uri, { maxPods }).statefulSets);
}

/** The tutorial example in one file: its Service, then its StatefulSet. */
export const tutorial = documents(tutorialService, tutorialStatefulSet);

/** The StatefulSet `web` without a serviceName, with more lines of spec and of metadata (unindented). */
export function sts(spec: string, metadata = ''): string {
  return statefulSet({ serviceName: null, spec, metadata });
}

/** A headless Service, by default `nginx`, selecting the pods of `sts()` (app: web). */
export function headless(options: Omit<ServiceOptions, 'clusterIP'> = {}): string {
  return headlessService({ name: 'nginx', selector: { app: 'web' }, ...options });
}
