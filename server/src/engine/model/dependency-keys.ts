// The vocabulary of cross-document dependencies: what a rule can read of other objects (lookups.ts)
// and what an object provides (facts.ts), as keys. Rules never write keys: they call lookups, which
// record them. A key ending in `?` is an existence key: its value is whether anything provides it.
export const dependencyKeys = {
  /** The Services of that namespace and name. */
  service: (namespace: string, name: string): string => `svc:${namespace}/${name}`,
  /** Every Service of a namespace (near-miss suggestions, Services that select some pods). */
  servicesIn: (namespace: string): string => `svc:${namespace}`,
  /** The Services of that name in any namespace. */
  servicesNamed: (name: string): string => `svc-name:${name}`,
  storageClass: (name: string): string => `sc:${name}`,
  /** Every StorageClass name. */
  storageClasses: (): string => 'sc',
  /** Every StorageClass name with whether it is marked as the default. */
  defaultClasses: (): string => 'sc-default',
  /** The pod templates of a namespace that carry the label `key=value`. */
  templateLabel: (namespace: string, key: string, value: string): string => `tpl:${namespace}:${key}=${value}`,
  /** The pod templates of a namespace whose pods get the label `key` from their controller (k8s/controller-labels.ts). */
  templateControllerLabel: (namespace: string, key: string): string => `tpl:${namespace}:${key}=*`,
  /** Every pod template of a namespace. */
  templatesIn: (namespace: string): string => `tpl:${namespace}`,
  /** Whether a namespace has any pod template. */
  hasTemplates: (namespace: string): string => `tpl:${namespace}?`,
  /** The ConfigMaps of that namespace and name (their data). */
  configMap: (namespace: string, name: string): string => `cm:${namespace}/${name}`,
  /** The StatefulSets of a namespace that name this Service as their governing Service. */
  governing: (namespace: string, service: string): string => `gov:${namespace}/${service}`,
  /** The StatefulSets of that namespace and name. */
  statefulSet: (namespace: string, name: string): string => `sts:${namespace}/${name}`,
  /** The PodDisruptionBudgets of a namespace. */
  disruptionBudgetsIn: (namespace: string): string => `pdb:${namespace}`,
  /** A workspace file as committed at the ref compared with (model/committed.ts). */
  committed: (uri: string): string => `${committedKeyPrefix}${uri}`,
};

/** The prefix of the committed-file keys: their signature comes from the committed versions, not from objects. */
export const committedKeyPrefix = 'git:';
