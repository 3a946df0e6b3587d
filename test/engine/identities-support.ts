// Shared by the identities tests: YAML builders and a one-call way to get identities of a workspace.
import { Engine, type EngineSettings } from '../../server/src/engine';
import type { StatefulSetIdentities } from '../../server/src/engine/identities/compute';
import { schemas } from '../support/engine';

/** The identities of every StatefulSet of a workspace (file name → text), in file order. */
export function identitiesOf(files: Record<string, string> | string, settings?: Partial<EngineSettings>, maxPods?: number): StatefulSetIdentities[] {
  const workspace = typeof files === 'string' ? { 'sts.yaml': files } : files;
  const engine = new Engine(schemas(), settings);
  for (const [uri, text] of Object.entries(workspace)) engine.setFile(uri, text);
  return Object.keys(workspace).flatMap((uri) => engine.identities(uri, { maxPods }).statefulSets);
}

export const tutorial = `apiVersion: v1
kind: Service
metadata:
  name: httpd-service
spec:
  clusterIP: None
  selector:
    app: httpd
  ports:
    - name: web
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: apache-http
spec:
  serviceName: httpd-service
  replicas: 3
  selector:
    matchLabels:
      app: httpd
  template:
    metadata:
      labels:
        app: httpd
    spec:
      containers:
        - name: httpd
          image: httpd:2.4
  volumeClaimTemplates:
    - metadata:
        name: htdocs
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 2Gi
`;

/** A StatefulSet `web` with the given extra lines under `spec:` (2-space indented) and metadata lines. */
export function sts(spec: string, metadata = ''): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
${metadata}spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
${spec}`;
}

export const headless = (name = 'nginx', namespace?: string, extra = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  clusterIP: None
  selector:
    app: web
${extra}`;
