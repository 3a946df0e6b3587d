// What a cross-document rule reads of the rest of the workspace, and only through here: every lookup
// records the dependency key it read, with the key's signature at that moment. The runner keeps a
// finding until one of the keys it read changes (check/workspace-runner.ts), and the editor re-checks a
// closed file when a key its findings read changes (dependencies.ts). A new rule declares nothing by hand.
import type { Manifest } from './manifest';
import type { Labels } from '../k8s/selector';
import { isStatefulSet, serviceNameOf } from '../k8s/statefulset';
import type { CommittedVersion } from './committed';
import { dependencyKeys as keys } from './dependency-keys';
import { selectedTemplates, serviceKey, type PodTemplate, type ServiceFact, type WorkspaceIndex } from './workspace-index';

/** The keys a check read, with the signature each had then ('' when nothing provided the key). */
export type Reads = Map<string, string>;

export class WorkspaceLookups {
  /** `recording` false: a one-shot check, where nothing is kept for later (no signature is worked out). */
  constructor(private readonly index: WorkspaceIndex, readonly reads: Reads = new Map(), private readonly recording = true) {}

  private read(key: string): void {
    if (this.recording && !this.reads.has(key)) this.reads.set(key, this.index.signature(key));
  }

  /** The list an index map holds at `at`, read under the dependency key `key` (recorded first, always). */
  private listed<K, V>(key: string, map: ReadonlyMap<K, readonly V[]>, at: K): readonly V[] {
    this.read(key);
    return map.get(at) ?? [];
  }

  /** The Services of that name in that namespace (several when files hold variants of one Service). */
  service(namespace: string, name: string): readonly ServiceFact[] {
    return this.listed(keys.service(namespace, name), this.index.services, serviceKey(namespace, name));
  }

  /**
   * The governing Service of a StatefulSet: the name its `spec.serviceName` gives, and the Services of
   * that name in its namespace (none when it is missing). Undefined when the object names none.
   */
  governingService(statefulSet: Manifest, namespace: string): { serviceName: string; services: readonly ServiceFact[] } | undefined {
    const serviceName = isStatefulSet(statefulSet) ? serviceNameOf(statefulSet) : undefined;
    return serviceName === undefined ? undefined : { serviceName, services: this.service(namespace, serviceName) };
  }

  /** Every Service of a namespace. */
  servicesIn(namespace: string): readonly ServiceFact[] {
    return this.listed(keys.servicesIn(namespace), this.index.servicesByNamespace, namespace);
  }

  /** The Services of that name in any namespace. */
  servicesNamed(name: string): readonly ServiceFact[] {
    return this.listed(keys.servicesNamed(name), this.index.servicesByName, name);
  }

  /** Whether some StatefulSet of the namespace names this Service as its governing Service. */
  isGoverning(namespace: string, service: string): boolean {
    this.read(keys.governing(namespace, service));
    return this.index.governing.has(serviceKey(namespace, service));
  }

  /** The StatefulSets of the namespace that name this Service as their governing Service. */
  governedBy(namespace: string, service: string): readonly Manifest[] {
    return this.listed(keys.governing(namespace, service), this.index.governedBy, serviceKey(namespace, service));
  }

  /** The ConfigMaps of that name in that namespace (several when files hold variants of one). */
  configMap(namespace: string, name: string): readonly Manifest[] {
    return this.listed(keys.configMap(namespace, name), this.index.configMaps, serviceKey(namespace, name));
  }

  /** The StorageClasses of that name in the workspace. */
  storageClass(name: string): readonly Manifest[] {
    return this.listed(keys.storageClass(name), this.index.storageClasses, name);
  }

  /** The names of every StorageClass of the workspace. */
  storageClassNames(): string[] {
    this.read(keys.storageClasses());
    return [...this.index.storageClasses.keys()];
  }

  /** Every StorageClass, for a rule that reads which ones are marked as the default. */
  storageClassesWithDefaults(): ReadonlyMap<string, readonly Manifest[]> {
    this.read(keys.defaultClasses());
    return this.index.storageClasses;
  }

  /** Whether the namespace has any pod template (of a workload or a Pod). */
  hasTemplates(namespace: string): boolean {
    this.read(keys.hasTemplates(namespace));
    return (this.index.templatesByNamespace.get(namespace)?.length ?? 0) > 0;
  }

  /** Every pod template of a namespace. */
  templatesIn(namespace: string): readonly PodTemplate[] {
    return this.listed(keys.templatesIn(namespace), this.index.templatesByNamespace, namespace);
  }

  /**
   * The pod templates of a namespace that a map selector selects (with the labels their controller adds
   * to the pods). One label pair is enough to depend on: a template that is or was selected carries
   * every pair of the selector, the rarest one included, or gets its key from its controller.
   */
  templatesSelectedBy(namespace: string, selector: Labels | undefined): readonly PodTemplate[] {
    const { templates, pair } = selectedTemplates(this.index, namespace, selector);
    if (pair) {
      this.read(keys.templateLabel(namespace, pair[0], pair[1]));
      this.read(keys.templateControllerLabel(namespace, pair[0]));
    }
    return templates;
  }

  /** The StatefulSets of that namespace and name (several when files hold variants of one). */
  statefulSets(namespace: string, name: string): readonly Manifest[] {
    return this.listed(keys.statefulSet(namespace, name), this.index.statefulSetsByName, serviceKey(namespace, name));
  }

  /** The PodDisruptionBudgets of a namespace. */
  disruptionBudgetsIn(namespace: string): readonly Manifest[] {
    return this.listed(keys.disruptionBudgetsIn(namespace), this.index.disruptionBudgets, namespace);
  }

  /** A workspace file as committed at the ref compared with (git HEAD by default), when the adapter gave one. */
  committed(uri: string): CommittedVersion | undefined {
    this.read(keys.committed(uri));
    return this.index.committed(uri);
  }
}
