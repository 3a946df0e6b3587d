// Which files' cross-document findings a change can affect. Each file *provides* keys (what other files
// may read from it: a Service by namespace and name, a StorageClass, pod template labels, the Service a
// StatefulSet names) and *reads* keys (what its own findings depend on). After an edit, the workspace
// rules need to run only on the edited file and on the files that read a key it provided before or
// after the edit. Keys are plain strings:
//   svc:<ns>/<name>, svc (any Service)     sc:<name>, sc (any StorageClass)
//   tpl:<ns>:<key>=<value>, tpl:<ns> (any pod template of the namespace)     gov:<ns>/<service> (a StatefulSet names it)
import { get, type WorkspaceModel } from './workspace-model';
import { labelsOf } from '../k8s/selector';
import { isStatefulSet } from '../k8s/statefulset';
import { isBuiltin } from '../k8s/kinds';
import { workloadKinds } from '../k8s/workload';
import { selectedTemplates, serviceFactOf, templateOf, workspaceIndex } from './workspace-index';
import { classRefsOf } from '../k8s/storage-class';

export interface CrossFileFacts {
  /** What other files can see of this file, without positions: equal signatures, nothing to re-check elsewhere. */
  signature: string;
  provides: string[];
}

/** The facts a file offers to the other files' rules. */
export function crossFileFacts(model: WorkspaceModel, uri: string): CrossFileFacts {
  const facts: unknown[] = [];
  const provides = new Set<string>();
  for (const manifest of model.manifestsOf(uri)) {
    const namespace = model.namespaceOf(manifest);
    const base = [manifest.kind, manifest.apiVersion, namespace, manifest.name];
    if (isBuiltin(manifest, 'Service')) {
      const { type, headless, selector } = serviceFactOf(manifest, namespace);
      facts.push([...base, type, headless, selector]);
      provides.add(`svc:${namespace}/${manifest.name}`).add('svc');
    } else if (isBuiltin(manifest, 'StorageClass')) {
      facts.push(base);
      provides.add(`sc:${manifest.name}`).add('sc');
    } else if (workloadKinds.includes(manifest.kind)) {
      const template = templateOf(manifest, namespace);
      const serviceName = isStatefulSet(manifest) ? get(manifest.value, 'spec', 'serviceName') : undefined;
      facts.push([...base, template?.labels, template?.portNames.map((port) => port.name), serviceName]);
      if (template) {
        provides.add(`tpl:${namespace}`);
        for (const [key, value] of Object.entries(template.labels)) provides.add(`tpl:${namespace}:${key}=${value}`);
      }
      if (typeof serviceName === 'string') provides.add(`gov:${namespace}/${serviceName}`);
    } else {
      facts.push(base);
    }
  }
  return { signature: JSON.stringify(facts), provides: [...provides] };
}

/** The signature alone (see {@link crossFileFacts}). */
export function crossFileSignature(model: WorkspaceModel, uri: string): string {
  return crossFileFacts(model, uri).signature;
}

/**
 * The keys a file's cross-document findings depend on. A file with findings also depends on every
 * Service, StorageClass or template of its namespace: their related locations and fixes list near misses.
 */
export function crossFileReads(model: WorkspaceModel, uri: string, hasFindings: boolean): string[] {
  const index = workspaceIndex(model);
  const reads = new Set<string>();
  for (const manifest of model.manifestsOf(uri)) {
    const namespace = model.namespaceOf(manifest);
    if (isStatefulSet(manifest)) {
      const serviceName = get(manifest.value, 'spec', 'serviceName');
      if (typeof serviceName === 'string' && serviceName) reads.add(`svc:${namespace}/${serviceName}`);
      for (const ref of classRefsOf(manifest)) reads.add(`sc:${ref.name}`);
      if (hasFindings) reads.add('svc').add('sc').add(`tpl:${namespace}`);
    } else if (isBuiltin(manifest, 'Service')) {
      const selector = labelsOf(get(manifest.value, 'spec', 'selector'));
      for (const [key, value] of Object.entries(selector)) reads.add(`tpl:${namespace}:${key}=${value}`);
      reads.add(`gov:${namespace}/${manifest.name}`);
      if (hasFindings || selectedTemplates(index, namespace, selector).length === 0) reads.add(`tpl:${namespace}`);
    }
  }
  return [...reads];
}
