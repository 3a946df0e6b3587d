// Kustomize overlays: the in-process renderer (server/src/engine/kustomize) and the checks of every
// overlay as built (server/src/engine/builds), against the real `kubectl kustomize` (the floor a CI job
// pays), on a base with a 60-line StatefulSet, a Service and a StorageClass, and 20 overlays with
// patches (strategic merge, JSON 6902, inline), namespaces, prefixes, labels, replicas, images and generators.
//   render cold:     parse every file and build the 20 overlays (nothing cached)
//   render refresh:  one character changed in the base StatefulSet: re-parse it, rebuild the 20 overlays
//   check cold:      a new engine: parse every file, build, check and place the findings of every overlay
//   check refresh:   one character changed in the base (serviceName db ↔ dc, so that every overlay's
//                    findings change): the language server's re-check (lsp/workspace-diagnostics.ts),
//                    until the diagnostics of every overlay are published again
//   identities:      the pod identities of the base StatefulSet per build (21 sections), builds current,
//                    and right after a one-character change in the base (before the re-check)
//   kubectl:         `kubectl kustomize` of each of the 20 overlays, one after the other (kubectl 1.35, wall time)
// Run after `npm run build`:  node bench/kustomize-bench.mjs [--rounds 7]; or from bench/run.mjs (--only kustomize).
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
const { Engine, SchemaStore } = require(join(root, 'out', 'server', 'src', 'engine', 'index.js'));
const { WorkspaceDiagnostics } = require(join(root, 'out', 'server', 'src', 'lsp', 'workspace-diagnostics.js'));
const { toDiagnostic } = require(join(root, 'out', 'server', 'src', 'lsp', 'convert.js'));
const overlayCount = 20;

const median = (values) => { const sorted = [...values].sort((a, b) => a - b); const mid = sorted.length >> 1; return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2; };

export const statefulSet = (replicas, serviceName = 'db') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels:
    app: db
spec:
  serviceName: ${serviceName}
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

export function tree() {
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

/** The check of every overlay, as the language server runs it: an engine over the files, and its re-check. */
function checkBench(texts, rootUri, rounds, schemas) {
  const uri = (path) => `${rootUri}/${path}`;
  const load = () => {
    const engine = new Engine(schemas);
    for (const [path, value] of Object.entries(texts)) engine.setFile(uri(path), value);
    return engine;
  };
  const cold = [];
  let findings = 0;
  for (let round = 0; round <= rounds; round++) {
    const { ms, result } = timed(() => { const engine = load(); return engine.check(); });
    findings = [...result.values()].reduce((sum, list) => sum + list.length, 0);
    if (round > 0) cold.push(ms);
  }
  const engine = load();
  const published = new Map();
  const diagnostics = new WorkspaceDiagnostics({
    engine: () => engine, isOpen: () => true, toDiagnostic: (current, finding) => toDiagnostic(current, finding),
    publish: (at, list) => published.set(at, list), log: (message) => { throw new Error(message); },
  });
  for (const path of Object.keys(texts)) diagnostics.update([uri(path)]);
  diagnostics.markReady();
  const refresh = [];
  const base = uri('base/statefulset.yaml');
  for (let round = 0; round <= rounds * 3; round++) {
    published.clear();
    // One character: serviceName db ↔ dc. With dc, every overlay's StatefulSet names a Service it lacks.
    const { ms } = timed(() => { engine.setFile(base, statefulSet(3, round % 2 ? 'db' : 'dc'), round + 1); diagnostics.update([base]); });
    // Every overlay's finding (each names its own Service, so one diagnostic per overlay, and the base's).
    const missing = (published.get(base) ?? []).filter((diagnostic) => diagnostic.code === 'sts/service-missing').length;
    if (missing !== (round % 2 === 0 ? overlayCount + 1 : 0)) throw new Error(`round ${round}: ${missing} sts/service-missing diagnostics published on the base, not ${round % 2 === 0 ? overlayCount + 1 : 0}`);
    if (round > 0) refresh.push(ms);
  }
  // The identities preview of the base: one section per build (the base's and the 20 overlays'), as
  // the request answers it with the builds current, and when it comes between an edit and its re-check
  // (it then builds and checks the overlays itself).
  const identities = [];
  const identitiesAfterEdit = [];
  for (let round = 0; round <= rounds * 3; round++) {
    const current = timed(() => engine.identities(base));
    if (current.result.builds?.length !== overlayCount + 1) throw new Error(`identities of the base: ${current.result.builds?.length} builds, not ${overlayCount + 1}`);
    const edited = timed(() => { engine.setFile(base, statefulSet(3 + (round % 2)), 1000 + round); return engine.identities(base); });
    if (edited.result.builds?.[1]?.statefulSets[0]?.replicas !== 1) throw new Error('identities after an edit: overlay o0 should keep its 1 replica');
    diagnostics.update([base]);
    if (round > 0) { identities.push(current.ms); identitiesAfterEdit.push(edited.ms); }
  }
  return { coldMs: median(cold), refreshMs: median(refresh), findings, identitiesMs: median(identities), identitiesAfterEditMs: median(identitiesAfterEdit) };
}

export function kustomizeBench(rounds = 7) {
  const texts = tree();
  const folder = mkdtempSync(join(tmpdir(), 'sts-kustomize-bench-'));
  for (const [path, value] of Object.entries(texts)) { mkdirSync(dirname(join(folder, path)), { recursive: true }); writeFileSync(join(folder, path), value); }
  const rootUri = pathToFileURL(folder).href;
  try {
    const cold = [];
    for (let round = 0; round <= rounds; round++) {
      const workspace = memoryWorkspace(texts, rootUri);
      const { ms, result } = timed(() => overlays(rootUri).map((uri) => buildKustomization(uri, workspace.files)));
      if (result.some((build) => build.failed || build.objects.length !== 4)) throw new Error(`a benchmark overlay did not build: ${JSON.stringify(result.find((build) => build.failed)?.problems)}`);
      if (round > 0) cold.push(ms);
    }
    const refresh = [];
    const workspace = memoryWorkspace(texts, rootUri);
    overlays(rootUri).forEach((uri) => buildKustomization(uri, workspace.files));
    for (let round = 0; round <= rounds * 3; round++) {
      workspace.change('base/statefulset.yaml', statefulSet(3 + (round % 7)));
      const { ms } = timed(() => overlays(rootUri).map((uri) => buildKustomization(uri, workspace.files)));
      if (round > 0) refresh.push(ms);
    }
    const check = checkBench(texts, rootUri, rounds, SchemaStore.load());

    const { kubectl, versions } = k8sBinaries('v35');
    const home = mkdtempSync(join(tmpdir(), 'sts-kustomize-bench-home-'));
    const real = [];
    try {
      for (let round = 0; round < Math.min(rounds, 3); round++) {
        const { ms } = wallTimed(() => { for (let index = 0; index < overlayCount; index++) execFileSync(kubectl, ['kustomize', join(folder, 'overlays', `o${index}`)], { env: { HOME: home, PATH: '/usr/bin:/bin' }, timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] }); });
        real.push(ms);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    return {
      overlays: overlayCount, statefulSetLines: statefulSet(3).split('\n').length - 1,
      coldMs: median(cold), refreshMs: median(refresh),
      checkColdMs: check.coldMs, checkRefreshMs: check.refreshMs, checkFindings: check.findings,
      identitiesMs: check.identitiesMs, identitiesAfterEditMs: check.identitiesAfterEditMs,
      kubectlMs: median(real), kubectl: `kubectl ${versions.kubectl} (Kustomize ${versions.kustomize})`,
      coldRatio: median(real) / check.coldMs, refreshRatio: median(real) / check.refreshMs,
      targets: { refreshUnder100ms: check.refreshMs < 100, coldUnder1s: check.coldMs < 1000 },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const rounds = Number(args[args.indexOf('--rounds') + 1] || 7) || 7;
  const result = kustomizeBench(rounds);
  console.log(JSON.stringify(result, null, 2));
  console.error(`render: cold ${result.coldMs.toFixed(1)} ms, refresh ${result.refreshMs.toFixed(1)} ms; check of every overlay: cold ${result.checkColdMs.toFixed(1)} ms, refresh ${result.checkRefreshMs.toFixed(1)} ms (CPU); identities of the base per build ${result.identitiesMs.toFixed(1)} ms, after an edit ${result.identitiesAfterEditMs.toFixed(1)} ms; kubectl kustomize ×${overlayCount} ${result.kubectlMs.toFixed(0)} ms wall: ${result.coldRatio.toFixed(0)}× / ${result.refreshRatio.toFixed(0)}× the check`);
}
