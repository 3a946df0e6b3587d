// YAML text of the objects tests check, in the block style people write: a test names only what matters
// to it (a name, a label, a claim template, a few more lines) and gets the rest of a valid object. Tests
// whose point is a textual shape (flow style, an indentation, a comment, CRLF, an exact column) write
// their YAML inline instead.
//
// Values are written as given: quote one yourself where YAML needs it (`replicas: '"3"'`). `lines`
// options are YAML written as it stands under its key, unindented; the builder indents them.

export type Labels = Record<string, string>;

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface ContainerOptions {
  /** Default: `web`. */
  name?: string;
  /** Default: `nginx:1.27`. */
  image?: string;
  ports?: ContainerPort[];
  /** Volume mounts: volume name → mountPath. */
  mounts?: Record<string, string>;
  /** More lines of the container, after the above. */
  lines?: string;
}

/** A PersistentVolumeClaim, or a StatefulSet's claim template. */
export interface ClaimOptions {
  name: string;
  /** The claim's metadata.labels. */
  labels?: Labels;
  /** Default: `[ReadWriteOnce]`; `null` leaves spec.accessModes out. */
  accessModes?: string[] | null;
  storageClassName?: string;
  /** spec.resources.requests.storage; default `1Gi`. */
  storage?: string;
  /** More lines of the claim's spec. */
  lines?: string;
}

export interface StatefulSetOptions {
  /** Default: `web`. */
  name?: string;
  /** Default: `apps/v1`. */
  apiVersion?: string;
  namespace?: string;
  /** More lines under metadata, after the name and namespace. */
  metadata?: string;
  /** Default: the name; `null` leaves spec.serviceName out. */
  serviceName?: string | null;
  /** Left out unless given. */
  replicas?: number | string;
  /** The pod template's labels, and the selector's unless `selector` is given. Default: `{ app: <name> }`. */
  labels?: Labels;
  /** spec.selector.matchLabels; `null` leaves spec.selector out. Default: the labels. */
  selector?: Labels | null;
  /** Default: one container `web` running `nginx:1.27`. Text: the list as YAML (`- name: …`), unindented. */
  containers?: ContainerOptions[] | string;
  /** More lines of the pod spec (template.spec), after the containers. */
  podSpec?: string;
  claimTemplates?: ClaimOptions[];
  /** More lines of spec, at its end. */
  spec?: string;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

export interface ServiceOptions {
  /** Default: `web`. */
  name?: string;
  namespace?: string;
  /** Left out unless given (headlessService gives `None`). */
  clusterIP?: string;
  /** Default: `{ app: <name> }`; `null` leaves spec.selector out. */
  selector?: Labels | null;
  ports?: ServicePort[];
  /** More lines of spec, at its end. */
  spec?: string;
}

export interface StorageClassOptions {
  /** Default: `standard`. */
  name?: string;
  /** Default: `ebs.csi.aws.com`. */
  provisioner?: string;
  /** Marks it the default class (annotation storageclass.kubernetes.io/is-default-class: "true"). */
  isDefault?: boolean;
  /** More top-level lines, after the provisioner. */
  lines?: string;
}

/** `text` with every non-empty line indented by `spaces`; each line ends with a newline. */
export function indent(text: string, spaces: number): string {
  if (text === '') return '';
  const pad = ' '.repeat(spaces);
  return text.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : pad + line)).join('\n') + '\n';
}

/** `text` as one item of a block sequence: `- ` before its first line, its other lines indented to match. */
function sequenceItem(text: string): string {
  return indent(text, 2).replace(/^ {2}/, '- ');
}

/** `key: value` on a line, or nothing when the value is not given. */
function field(key: string, value: string | number | undefined): string {
  return value === undefined ? '' : `${key}: ${value}\n`;
}

/** `key:` and the labels under it, or `key: {}` when there are none. */
function mapping(key: string, labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return `${key}: {}\n`;
  return `${key}:\n${indent(entries.map(([name, value]) => `${name}: ${value}\n`).join(''), 2)}`;
}

/** Several documents in one file, separated by `---`. */
export function documents(...texts: string[]): string {
  return texts.map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('---\n');
}

/** The objects as the items of one `kind: List` document (as `kubectl get -o yaml` writes them). */
export function listOf(...objects: string[]): string {
  return `apiVersion: v1\nkind: List\nitems:\n${indent(objects.map(sequenceItem).join(''), 2)}`;
}

function container({ name = 'web', image = 'nginx:1.27', ports, mounts, lines = '' }: ContainerOptions): string {
  const portList = ports ? 'ports:\n' + indent(ports.map(containerPort).join(''), 2) : '';
  const mountList = mounts ? 'volumeMounts:\n' + indent(Object.entries(mounts).map(([volume, path]) => sequenceItem(`name: ${volume}\nmountPath: ${path}\n`)).join(''), 2) : '';
  return sequenceItem(`name: ${name}\nimage: ${image}\n${portList}${mountList}${lines}`);
}

function containerPort({ name, containerPort: port, protocol }: ContainerPort): string {
  return sequenceItem(field('name', name) + `containerPort: ${port}\n` + field('protocol', protocol));
}

/** The metadata and spec of a claim, unindented. */
function claim({ name, labels, accessModes = ['ReadWriteOnce'], storageClassName, storage = '1Gi', lines = '' }: ClaimOptions): string {
  const spec = (accessModes === null ? '' : `accessModes: [${accessModes.join(', ')}]\n`)
    + field('storageClassName', storageClassName)
    + `resources:\n  requests:\n    storage: ${storage}\n${lines}`;
  const metadata = `name: ${name}\n${labels ? mapping('labels', labels) : ''}`;
  return `metadata:\n${indent(metadata, 2)}spec:\n${indent(spec, 2)}`;
}

/** A PersistentVolumeClaim: by default ReadWriteOnce, 1Gi, of the default StorageClass. */
export function persistentVolumeClaim(options: ClaimOptions): string {
  return `apiVersion: v1\nkind: PersistentVolumeClaim\n${claim(options)}`;
}

/** A StatefulSet: by default `web`, governed by the Service `web`, labels app: web, one nginx container. */
export function statefulSet(options: StatefulSetOptions = {}): string {
  const { name = 'web', apiVersion = 'apps/v1', namespace, metadata = '', replicas, podSpec = '', claimTemplates, spec = '' } = options;
  const serviceName = options.serviceName === undefined ? name : options.serviceName;
  const labels = options.labels ?? { app: name };
  const selector = options.selector === undefined ? labels : options.selector;
  const containers = options.containers ?? [{}];
  const containerList = typeof containers === 'string' ? containers : containers.map(container).join('');
  const podTemplate = `metadata:\n${indent(mapping('labels', labels), 2)}`
    + `spec:\n${indent(`containers:\n${indent(containerList, 2)}${podSpec}`, 2)}`;
  const body = (serviceName === null ? '' : `serviceName: ${serviceName}\n`)
    + field('replicas', replicas)
    + (selector === null ? '' : `selector:\n${indent(mapping('matchLabels', selector), 2)}`)
    + `template:\n${indent(podTemplate, 2)}`
    + (claimTemplates ? `volumeClaimTemplates:\n${indent(claimTemplates.map((template) => sequenceItem(claim(template))).join(''), 2)}` : '')
    + spec;
  return `apiVersion: ${apiVersion}\nkind: StatefulSet\nmetadata:\n${indent(objectMeta(name, namespace) + metadata, 2)}spec:\n${indent(body, 2)}`;
}

function objectMeta(name: string, namespace: string | undefined): string {
  return `name: ${name}\n${field('namespace', namespace)}`;
}

/** A Service: by default `web`, selecting app: web. headlessService gives the one a StatefulSet needs. */
export function service(options: ServiceOptions = {}): string {
  const { name = 'web', namespace, clusterIP, ports, spec = '' } = options;
  const selector = options.selector === undefined ? { app: name } : options.selector;
  const portList = ports ? 'ports:\n' + indent(ports.map(servicePort).join(''), 2) : '';
  const body = field('clusterIP', clusterIP)
    + (selector === null ? '' : mapping('selector', selector))
    + portList + spec;
  return `apiVersion: v1\nkind: Service\nmetadata:\n${indent(objectMeta(name, namespace), 2)}spec:\n${indent(body, 2)}`;
}

function servicePort({ name, port, targetPort, protocol }: ServicePort): string {
  return sequenceItem(field('name', name) + `port: ${port}\n` + field('protocol', protocol) + field('targetPort', targetPort));
}

/** A headless Service (clusterIP: None), by default `web` selecting app: web: the governing Service of `statefulSet()`. */
export function headlessService(options: Omit<ServiceOptions, 'clusterIP'> = {}): string {
  return service({ ...options, clusterIP: 'None' });
}

/** A StorageClass: by default `standard`, provisioned by ebs.csi.aws.com. */
export function storageClass({ name = 'standard', provisioner = 'ebs.csi.aws.com', isDefault = false, lines = '' }: StorageClassOptions = {}): string {
  const annotations = isDefault ? 'annotations:\n  storageclass.kubernetes.io/is-default-class: "true"\n' : '';
  return `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n${indent(`name: ${name}\n${annotations}`, 2)}provisioner: ${provisioner}\n${lines}`;
}

/**
 * The tutorial example (examples/service.yaml and examples/statefulset.yaml, without what does not change
 * identities): the headless Service httpd-service, port `web`, and the StatefulSet apache-http of 3 pods
 * with one claim template, htdocs.
 */
export const tutorialService = headlessService({ name: 'httpd-service', selector: { app: 'httpd' }, ports: [{ name: 'web', port: 80 }] });
export const tutorialStatefulSet = statefulSet({
  name: 'apache-http', serviceName: 'httpd-service', replicas: 3, labels: { app: 'httpd' },
  containers: [{ name: 'httpd', image: 'httpd:2.4' }], claimTemplates: [{ name: 'htdocs', storage: '2Gi' }],
});
