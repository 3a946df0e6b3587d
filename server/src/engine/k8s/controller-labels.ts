// The labels a controller adds to the pods it creates, beside the labels of their template: a selector
// on them selects those pods (a Service per StatefulSet pod on `statefulset.kubernetes.io/pod-name`, say).
//
// Sources: the StatefulSet controller (pkg/controller/statefulset/stateful_set_utils.go: initIdentity
// sets `statefulset.kubernetes.io/pod-name` and, since 1.28, `apps.kubernetes.io/pod-index`; the
// revision label `controller-revision-hash`), the Deployment controller (`pod-template-hash` on its
// ReplicaSets and their pods), the DaemonSet controller (`controller-revision-hash`,
// `pod-template-generation`), the Job controller (`batch.kubernetes.io/controller-uid` and
// `batch.kubernetes.io/job-name`, with the legacy `controller-uid` and `job-name`; an Indexed Job's
// `batch.kubernetes.io/job-completion-index`), and the CronJob controller (Jobs named `<cronjob>-<time>`).
// The controller's value wins over a template label of the same key.
import { get, type Manifest } from '../model/manifest';
import { isBuiltin } from './kinds';
import type { Labels } from './selector';
import { ordinalRange } from './statefulset';

/** The values pods carry for a controller label. */
export type ControllerLabelValue =
  /** Not known before the pods exist (a hash, a uid, a generated name): a selector on any value may select them. */
  | { any: true }
  | { exactly: string }
  /** One per pod: `<prefix><n>` for n in [start, start + count) (never expanded: a range costs the same for 3 pods or 10,000). */
  | { prefix: string; start: number; count: number };

export interface ControllerLabel {
  key: string;
  value: ControllerLabelValue;
  /** Who adds it: `the StatefulSet controller`. */
  controller: string;
}

const any = { any: true } as const;

function job(name: string | undefined, spec: unknown, controller: string): ControllerLabel[] {
  const jobName: ControllerLabelValue = name ? { exactly: name } : any;
  const labels: ControllerLabel[] = [
    { key: 'batch.kubernetes.io/controller-uid', value: any, controller },
    { key: 'batch.kubernetes.io/job-name', value: jobName, controller },
    { key: 'controller-uid', value: any, controller },
    { key: 'job-name', value: jobName, controller },
  ];
  if (get(spec, 'completionMode') === 'Indexed') {
    const completions = get(spec, 'completions');
    const count = typeof completions === 'number' && Number.isSafeInteger(completions) && completions > 0 ? completions : 1;
    labels.push({ key: 'batch.kubernetes.io/job-completion-index', value: { prefix: '', start: 0, count }, controller });
  }
  return labels;
}

/** The labels the controller of a built-in workload adds to each of its pods (none for a Pod, ReplicaSet or ReplicationController). */
export function controllerLabelsOf(manifest: Manifest): ControllerLabel[] {
  if (!isBuiltin(manifest, manifest.kind)) return [];
  switch (manifest.kind) {
    case 'StatefulSet': {
      const controller = 'the StatefulSet controller';
      const { replicas, start } = ordinalRange(manifest);
      const labels: ControllerLabel[] = [{ key: 'controller-revision-hash', value: any, controller }];
      if (manifest.name) labels.push({ key: 'statefulset.kubernetes.io/pod-name', value: { prefix: `${manifest.name}-`, start, count: replicas }, controller });
      labels.push({ key: 'apps.kubernetes.io/pod-index', value: { prefix: '', start, count: replicas }, controller });
      return labels;
    }
    case 'Deployment':
      return [{ key: 'pod-template-hash', value: any, controller: 'the Deployment controller' }];
    case 'DaemonSet':
      return [
        { key: 'controller-revision-hash', value: any, controller: 'the DaemonSet controller' },
        { key: 'pod-template-generation', value: any, controller: 'the DaemonSet controller' },
      ];
    case 'Job':
      return job(manifest.name || undefined, get(manifest.value, 'spec'), 'the Job controller');
    case 'CronJob':
      // Its Jobs are named `<cronjob>-<scheduled time>`: the job-name labels take values not known here.
      return job(undefined, get(manifest.value, 'spec', 'jobTemplate', 'spec'), 'the Job controller (Jobs of the CronJob)');
    default:
      return [];
  }
}

/** Whether pods may carry this value of a controller label. */
export function controllerValueAccepts(value: ControllerLabelValue, text: string): boolean {
  if ('any' in value) return true;
  if ('exactly' in value) return value.exactly === text;
  if (!text.startsWith(value.prefix)) return false;
  const digits = text.slice(value.prefix.length);
  // The controller writes the number in decimal without leading zeros (strconv.Itoa).
  if (!/^(0|[1-9]\d{0,15})$/.test(digits)) return false;
  const n = Number(digits);
  return n >= value.start && n < value.start + value.count;
}

/**
 * Whether a map selector (a Service's) selects some pod of a template: every key equal to the template's
 * label, or accepted by the controller label of that key (which wins over the template's). An empty or
 * absent selector selects nothing.
 */
export function mapSelectorSelectsPods(selector: Labels | undefined, labels: Labels, controller: readonly ControllerLabel[]): boolean {
  if (!selector) return false;
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([key, value]) => {
    const added = controller.find((label) => label.key === key);
    if (added) return controllerValueAccepts(added.value, value);
    return Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === value;
  });
}

/** How a controller label's values read in a hover: `web-0 … web-2 (one per pod)`. */
export function describeControllerValue(value: ControllerLabelValue): string {
  if ('any' in value) return 'a value known only once the pods exist';
  if ('exactly' in value) return `\`${value.exactly}\``;
  if (value.count === 0) return 'no value (no pods)';
  const first = `\`${value.prefix}${value.start}\``;
  return value.count === 1 ? first : `${first} … \`${value.prefix}${value.start + value.count - 1}\` (one per pod)`;
}

/** What each controller label is, for hovers on a selector that uses one. */
export const controllerLabelMeanings: Readonly<Record<string, string>> = {
  'statefulset.kubernetes.io/pod-name': 'the StatefulSet controller sets it on each pod to the pod\'s name, `<statefulset>-<ordinal>`',
  'apps.kubernetes.io/pod-index': 'the StatefulSet controller sets it on each pod to the pod\'s ordinal (Kubernetes 1.28 and later)',
  'controller-revision-hash': 'the StatefulSet and DaemonSet controllers set it on each pod to the hash of its revision',
  'pod-template-hash': 'the Deployment controller sets it on each ReplicaSet and its pods to the hash of the pod template',
  'pod-template-generation': 'the DaemonSet controller sets it on each pod to the template generation',
  'batch.kubernetes.io/job-name': 'the Job controller sets it on each pod to the Job\'s name (`job-name` too)',
  'job-name': 'the Job controller sets it on each pod to the Job\'s name',
  'batch.kubernetes.io/controller-uid': 'the Job controller sets it on each pod to the Job\'s uid (`controller-uid` too)',
  'controller-uid': 'the Job controller sets it on each pod to the Job\'s uid',
  'batch.kubernetes.io/job-completion-index': 'the Job controller sets it on each pod of an Indexed Job to its completion index',
};
