// Kustomize rendering: the in-process renderer (server/src/engine/kustomize) against the real
// `kubectl kustomize` (the floor a CI job pays), on a base with a 60-line StatefulSet, a Service and a
// StorageClass, and 20 overlays with patches (strategic merge, JSON 6902, inline), namespaces,
// prefixes, labels, replicas, images and generators.
//   cold:    parse every file and build the 20 overlays (nothing cached)
//   refresh: one character changed in the base StatefulSet: re-parse that file, rebuild the 20 overlays
//   kubectl: `kubectl kustomize` of each of the 20 overlays, one after the other (kubectl 1.35, wall time)
// Run after `npm run build`:  node bench/kustomize-bench.mjs [--rounds 7]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { k8sBinaries } from '../scripts/tools/k8s-binaries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { buildKustomization } = require(join(root, 'out', 'server', 'src', 'engine', 'kustomize', 'index.js'));
const { parseFile } = require(join(root, 'out', 'server', 'src', 'engine', 'yaml', 'parse.js'));
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1] || 7) || 7;
const overlayCount = 20;

const median = (values) => { const sorted = [...values].sort((a, b) => a - b); const mid = sorted.length >> 1; return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2; };

const statefulSet = (replicas) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels:
    app: db
spec:
  serviceName: db
  replicas: ${replicas}
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      serviceAccountName: db
      terminationGracePeriodSeconds: 30
      containers:
        - name: db
          image: postgres:16
          ports:
            - containerPort: 5432
              name: sql
          env:
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
            - name: MODE
              valueFrom:
                configMapKeyRef:
                  name: db-config
                  key: mode
          readinessProbe:
            tcpSocket:
              port: sql
            periodSeconds: 10
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
            - name: config
              mountPath: /etc/db
      volumes:
        - name: config
          configMap:
            name: db-config
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: fast
        resources:
          requests:
            storage: 10Gi
`;

function tree() {
  const files = {
    'base/kustomization.yaml': 'resources:\n  - statefulset.yaml\n  - service.yaml\n  - storageclass.yaml\nconfigMapGenerator:\n  - name: db-config\n    literals:\n      - mode=primary\n',
    'base/statefulset.yaml': statefulSet(3),
    'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n    - port: 5432\n      name: sql\n',
    'base/storageclass.yaml': 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: example.com/ssd\nallowVolumeExpansion: true\n',
  };
  for (let index = 0; index < overlayCount; index++) {
    const dir = `overlays/o${index}`;
    files[`${dir}/kustomization.yaml`] = `resources:
  - ../../base
namespace: team-${index}
namePrefix: o${index}-
labels:
  - pairs:
      tier: t${index % 3}
replicas:
  - name: db
    count: ${1 + (index % 5)}
images:
  - name: postgres
    newTag: "16.${index}"
configMapGenerator:
  - name: db-config
    behavior: merge
    literals:
      - region=r${index}
patches:
  - path: resources.yaml
  - target:
      kind: StatefulSet
    path: storage.yaml
  - patch: |-
      apiVersion: v1
      kind: Service
      metadata:
        name: db
      spec:
        publishNotReadyAddresses: true
`;
    files[`${dir}/resources.yaml`] = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          resources:\n            limits:\n              memory: ${index + 1}Gi\n`;
    files[`${dir}/storage.yaml`] = `- op: replace\n  path: /spec/volumeClaimTemplates/0/spec/resources/requests/storage\n  value: ${10 + index}Gi\n`;
  }
  return files;
}

function memoryWorkspace(texts, rootUri) {
  const parsed = new Map();
  const text = new Map(Object.entries(texts).map(([path, value]) => [`${rootUri}/${path}`, value]));
  const folders = new Map();
  for (const uri of text.keys()) {
    for (let cut = uri.lastIndexOf('/'); cut > rootUri.length; cut = uri.lastIndexOf('/', cut - 1)) {
      const folder = uri.slice(0, cut);
      const name = uri.slice(cut + 1).split('/')[0];
      if (!folders.has(folder)) folders.set(folder, []);
      if (!folders.get(folder).includes(name)) folders.get(folder).push(name);
    }
  }
  const parse = (uri) => { if (!parsed.has(uri)) parsed.set(uri, parseFile(uri, text.get(uri))); return parsed.get(uri); };
  return {
    files: {
      yaml: (uri) => (text.has(uri) ? parse(uri) : undefined),
      text: (uri) => text.get(uri),
      list: (uri) => folders.get(uri),
    },
    change(path, value) { const uri = `${rootUri}/${path}`; text.set(uri, value); parsed.delete(uri); },
  };
}

const overlays = (rootUri) => Array.from({ length: overlayCount }, (_, index) => `${rootUri}/overlays/o${index}/kustomization.yaml`);

// In-process work is measured in CPU time of this process (other load on the shared machine disturbs
// it less); kubectl runs in child processes and is measured in wall time.
function timed(run) { const before = process.cpuUsage(); const result = run(); const used = process.cpuUsage(before); return { ms: (used.user + used.system) / 1000, result }; }
function wallTimed(run) { const start = process.hrtime.bigint(); const result = run(); return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }; }

const texts = tree();
const folder = mkdtempSync(join(tmpdir(), 'sts-kustomize-bench-'));
for (const [path, value] of Object.entries(texts)) { mkdirSync(dirname(join(folder, path)), { recursive: true }); writeFileSync(join(folder, path), value); }
const rootUri = pathToFileURL(folder).href;

const cold = [];
for (let round = 0; round <= rounds; round++) {
  const workspace = memoryWorkspace(texts, rootUri);
  const { ms, result } = timed(() => overlays(rootUri).map((uri) => buildKustomization(uri, workspace.files)));
  if (result.some((build) => build.failed || build.objects.length !== 4)) throw new Error(`a benchmark overlay did not build: ${JSON.stringify(result.find((build) => build.failed)?.problems)}`);
  if (round > 0) cold.push(ms);
  else console.error(`first cold render (JIT not warm): ${ms.toFixed(1)} ms`);
}
const refresh = [];
const workspace = memoryWorkspace(texts, rootUri);
overlays(rootUri).forEach((uri) => buildKustomization(uri, workspace.files));
for (let round = 0; round <= rounds * 3; round++) {
  workspace.change('base/statefulset.yaml', statefulSet(3 + (round % 7)));
  const { ms } = timed(() => overlays(rootUri).map((uri) => buildKustomization(uri, workspace.files)));
  if (round > 0) refresh.push(ms);
}

const { kubectl, versions } = k8sBinaries('v35');
const home = mkdtempSync(join(tmpdir(), 'sts-kustomize-bench-home-'));
const real = [];
for (let round = 0; round < Math.min(rounds, 3); round++) {
  const { ms } = wallTimed(() => { for (let index = 0; index < overlayCount; index++) execFileSync(kubectl, ['kustomize', join(folder, 'overlays', `o${index}`)], { env: { HOME: home, PATH: '/usr/bin:/bin' }, timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] }); });
  real.push(ms);
}
rmSync(home, { recursive: true, force: true });
rmSync(folder, { recursive: true, force: true });

const result = {
  overlays: overlayCount, statefulSetLines: statefulSet(3).split('\n').length - 1,
  coldMs: median(cold), refreshMs: median(refresh), kubectlMs: median(real), kubectl: `kubectl ${versions.kubectl} (Kustomize ${versions.kustomize})`,
  coldRatio: median(real) / median(cold), refreshRatio: median(real) / median(refresh),
  targets: { refreshUnder100ms: median(refresh) < 100, coldUnder1s: median(cold) < 1000 },
};
console.log(JSON.stringify(result, null, 2));
console.error(`cold ${result.coldMs.toFixed(1)} ms, refresh ${result.refreshMs.toFixed(1)} ms (median of ${refresh.length}), kubectl kustomize ×${overlayCount} ${result.kubectlMs.toFixed(0)} ms: ${result.coldRatio.toFixed(0)}× / ${result.refreshRatio.toFixed(0)}× faster`);
