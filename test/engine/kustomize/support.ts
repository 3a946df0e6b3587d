// Test support for the Kustomize renderer: the renderer's file access over a folder on disk, and the
// real `kubectl kustomize` (from scripts/tools/k8s-binaries.mjs), run with execFile, a timeout and a
// temporary HOME, its output parsed for comparison.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KustomizeFiles } from '../../../server/src/engine/kustomize';
import { parseFile } from '../../../server/src/engine/yaml/parse';
import { statefulSet } from '../../support/manifests';
import { repoRoot } from '../../support/repo';

// The differential corpus lives outside test/fixtures, whose <group>/<rule>/ folders are rule fixtures.
export const kustomizeFixtures = join(repoRoot, 'test', 'kustomize-corpus');

function pathOf(uri: string): string {
  return fileURLToPath(uri);
}

/** The renderer's file access over the disk (what the workspace model gives it in the server). */
export function diskFiles(): KustomizeFiles {
  const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();
  return {
    yaml: (uri) => { const path = pathOf(uri); return isFile(path) ? parseFile(uri, readFileSync(path, 'utf8')) : undefined; },
    text: (uri) => { const path = pathOf(uri); return isFile(path) ? readFileSync(path, 'utf8') : undefined; },
    list: (uri) => { const path = pathOf(uri); return existsSync(path) && statSync(path).isDirectory() ? readdirSync(path) : undefined; },
  };
}

export function kustomizationUri(folder: string): string {
  const name = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].find((file) => existsSync(join(folder, file)));
  if (!name) throw new Error(`no kustomization file in ${folder}`);
  return pathToFileURL(join(folder, name)).href;
}

export interface RealBuild { ok: boolean; objects: Record<string, unknown>[]; stderr: string }

/** `kubectl kustomize <folder>` with the given kubectl binary. */
export function realKustomize(kubectl: string, folder: string): Promise<RealBuild> {
  const home = mkdtempSync(join(tmpdir(), 'sts-kustomize-home-'));
  return new Promise((resolve, reject) => {
    execFile(kubectl, ['kustomize', folder], { timeout: 30_000, env: { HOME: home, PATH: '/usr/bin:/bin', KUBECONFIG: join(home, 'none') }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(home, { recursive: true, force: true });
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') { reject(new Error(`cannot run ${kubectl}: ${error.message}`)); return; }
      if (error && error.killed) { reject(new Error(`kubectl kustomize ${folder} timed out`)); return; }
      if (error) { resolve({ ok: false, objects: [], stderr: String(stderr) }); return; }
      const objects = parseAllDocuments(String(stdout)).map((document) => document.toJS() as Record<string, unknown>).filter((value) => value !== null);
      resolve({ ok: true, objects, stderr: String(stderr) });
    });
  });
}

/** Plain data with null map fields removed (the renderer's objects carry none). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null).map(([key, item]) => [key, withoutNulls(item)]));
  }
  return value;
}

/** A stable key for an object: kind, namespace and name. */
export function objectKey(object: Record<string, unknown>): string {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  return `${String(object.apiVersion)} ${String(object.kind)} ${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
}

/** Both lists sorted by key, nulls removed, for deepEqual. */
export function comparable(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...objects].map((object) => withoutNulls(object) as Record<string, unknown>).sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
}

interface K8sBinaries { kubectl: string; versions: { kustomize: string } }

/** The kubectl of a release, fetched on first use; throws (with the tool's reason) when it cannot be had. */
export async function kubectlOf(release: 'v35' | 'v32'): Promise<K8sBinaries> {
  const module = await import(pathToFileURL(join(repoRoot, 'scripts', 'tools', 'k8s-binaries.mjs')).href) as { k8sBinaries(release: string): K8sBinaries };
  try {
    return module.k8sBinaries(release);
  } catch (error) {
    throw new Error(`the Kustomize differential tests need the real kubectl ${release} (scripts/tools/k8s-binaries.mjs): ${(error as Error).message}`);
  }
}

/** Every folder of the corpus that Kustomize can build (Components are built through their users). */
export function buildTargets(root = kustomizeFixtures): string[] {
  const result: string[] = [];
  const visit = (folder: string): void => {
    const entries = readdirSync(folder);
    const file = entries.find((name) => ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].includes(name));
    if (file && !/^kind:\s*Component\s*$/m.test(readFileSync(join(folder, file), 'utf8'))) result.push(folder);
    for (const entry of entries) if (statSync(join(folder, entry)).isDirectory()) visit(join(folder, entry));
  };
  visit(root);
  return result.sort();
}

/** The renderer's file access over files given as text (`{ 'base/sts.yaml': '...' }`), under file:///ws. */
export function memoryFiles(texts: Record<string, string>): KustomizeFiles & { uri(path: string): string } {
  const root = 'file:///ws';
  const uri = (path: string): string => `${root}/${path}`;
  const byUri = new Map(Object.entries(texts).map(([path, text]) => [uri(path), text]));
  return {
    uri,
    yaml: (at) => { const text = byUri.get(at); return text === undefined ? undefined : parseFile(at, text); },
    text: (at) => byUri.get(at),
    list: (at) => {
      const prefix = `${at}/`;
      const names = new Set([...byUri.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length).split('/')[0]));
      return names.size > 0 ? [...names] : undefined;
    },
  };
}

/** A StatefulSet `db` with a claim template `data` (class `fast`), the base of the engine tests. */
export const statefulSetYaml = statefulSet({
  name: 'db', metadata: 'labels:\n  app: db\n', replicas: 1,
  containers: [{ name: 'db', image: 'postgres:16', lines: 'env:\n  - name: MODE\n    value: base\n' }],
  claimTemplates: [{ name: 'data', storageClassName: 'fast' }],
});
