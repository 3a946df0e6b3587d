// Benchmark inputs: realistic, valid manifests of the kinds the extension is about. Deterministic (no
// randomness), so every run and both servers see the same bytes.
//
//   import { multiDocumentFile, writeWorkspace } from './generate.mjs';
//   multiDocumentFile(1000)             → one YAML text with 1,000 documents
//   writeWorkspace(dir, 2000, 5)        → 2,000 files of 5 documents each (10,000 resources)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A StatefulSet with a realistic pod template: 61 lines. */
export function statefulSet(app, namespace = 'bench') {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${app}
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/part-of: bench
spec:
  serviceName: ${app}-headless
  replicas: 3
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        fsGroup: 1000
      containers:
        - name: server
          image: "registry.example.com/${app}:1.4.2"
          args: ["--data-dir=/data", "--config=/etc/${app}/app.conf"]
          ports:
            - name: client
              containerPort: 7000
            - name: peer
              containerPort: 7001
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: LOG_LEVEL
              value: info
          resources:
            requests: { cpu: 250m, memory: 512Mi }
            limits: { memory: 1Gi }
          readinessProbe:
            tcpSocket:
              port: client
            periodSeconds: 10
          volumeMounts:
            - name: data
              mountPath: /data
            - name: config
              mountPath: /etc/${app}
      volumes:
        - name: config
          configMap:
            name: ${app}-config
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: ${app}-ssd
        resources:
          requests:
            storage: 10Gi
`;
}

/** The headless Service that governs the StatefulSet. */
export function headlessService(app, namespace = 'bench') {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}-headless
  namespace: ${namespace}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app.kubernetes.io/name: ${app}
  ports:
    - name: client
      port: 7000
      targetPort: client
    - name: peer
      port: 7001
`;
}

export function storageClass(app) {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${app}-ssd
provisioner: pd.csi.storage.gke.io
parameters:
  type: pd-ssd
reclaimPolicy: Retain
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
`;
}

export function configMap(app, namespace = 'bench') {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${namespace}
data:
  app.conf: |
    listen = 0.0.0.0:7000
    peers = ${app}-0.${app}-headless,${app}-1.${app}-headless,${app}-2.${app}-headless
    data_dir = /data
`;
}

/** Dependencies first, as people write them: a file cut after any document has no dangling reference. */
const kinds = [storageClass, configMap, headlessService, statefulSet];

/** The `index`-th document of the cycle StorageClass, ConfigMap, Service, StatefulSet (one app per cycle). */
export function documentAt(index, prefix = 'app') {
  return kinds[index % kinds.length](`${prefix}-${Math.floor(index / kinds.length)}`);
}

/** One YAML file with `count` documents separated by `---`. */
export function multiDocumentFile(count, prefix = 'app') {
  const parts = [];
  for (let index = 0; index < count; index++) parts.push(documentAt(index, prefix));
  return parts.join('---\n');
}

/**
 * A workspace of `files` files with `perFile` documents each (the cycle continues across files, so
 * a StatefulSet's Service or StorageClass may sit in the next file, as in real repositories).
 * Returns the file paths.
 */
export function writeWorkspace(dir, files, perFile) {
  const paths = [];
  let index = 0;
  for (let file = 0; file < files; file++) {
    const folder = join(dir, `team-${String(Math.floor(file / 100)).padStart(2, '0')}`);
    mkdirSync(folder, { recursive: true });
    const parts = [];
    for (let doc = 0; doc < perFile; doc++) parts.push(documentAt(index++));
    const path = join(folder, `app-${String(file).padStart(4, '0')}.yaml`);
    writeFileSync(path, parts.join('---\n'));
    paths.push(path);
  }
  return paths;
}

/** The offset of a one-character edit target in the middle document: the `3` of `replicas: 3`. */
export function middleReplicasOffset(text) {
  const middle = Math.floor(text.length / 2);
  const at = text.indexOf('replicas: 3', middle);
  if (at < 0) throw new Error('no replicas field after the middle of the file');
  return at + 'replicas: '.length;
}

/**
 * One file of `count` StatefulSets, each after its headless Service (2 × `count` documents), with no
 * finding: the claims use `standard`, a class the common distributions create.
 */
export function stackFile(count, prefix = 'app') {
  const parts = [];
  for (let index = 0; index < count; index++) {
    const app = `${prefix}-${index}`;
    parts.push(headlessService(app), statefulSet(app).replace(`storageClassName: ${app}-ssd`, 'storageClassName: standard'));
  }
  return parts.join('---\n');
}

/**
 * Where one-character edits of each kind go in the middle app of a stackFile: the Service's name, a
 * label of the pod template, the Service's selector value and a plain value (replicas). Each offset is
 * where a character is inserted (breaking) and removed again (repairing).
 */
export function stackEditOffsets(text, count, prefix = 'app') {
  const app = `${prefix}-${Math.floor(count / 2)}`;
  const service = text.indexOf(`name: ${app}-headless\n`);
  const sts = text.indexOf(`kind: StatefulSet\nmetadata:\n  name: ${app}\n`);
  if (service < 0 || sts < 0) throw new Error(`no ${app} in the stack file`);
  const after = (from, needle) => {
    const at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`no "${needle}" after ${from}`);
    return at + needle.length;
  };
  return {
    name: after(service, `name: ${app}-headless`),
    label: after(after(sts, 'template:\n'), `app.kubernetes.io/name: ${app}`),
    selector: after(after(service, 'selector:\n'), `app.kubernetes.io/name: ${app}`),
    value: after(sts, 'replicas: ') ,
  };
}
