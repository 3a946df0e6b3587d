// What the CLI knows about the package it runs from: the files it ships (found upwards from the
// bundle in dist/ or from the compiled sources in out/), its version and the Kubernetes schemas' release.
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultSchemaPath } from '../engine';

/** A file or folder of the package, looked for in the folders above this module. */
export function findUp(relativePath: string): string | undefined {
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** The version in the package's package.json. */
export function packageVersion(): string | undefined {
  const path = findUp('package.json');
  try {
    const data = path ? (JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string }) : undefined;
    return data?.name === 'statefulset-tools' ? data.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Kubernetes release of the built-in schemas and where they were generated from, read from the
 * head of dist/schemas/kubernetes.json (schemas/generate.mjs writes these two fields first).
 */
export function schemaRelease(): { kubernetesVersion: string; source: string } | undefined {
  try {
    const fd = openSync(defaultSchemaPath(), 'r');
    const head = Buffer.alloc(4096);
    const length = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const text = head.subarray(0, length).toString('utf8');
    const version = /"kubernetesVersion":"([^"]*)"/.exec(text);
    const source = /"source":"([^"]*)"/.exec(text);
    return version ? { kubernetesVersion: version[1], source: source?.[1] ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

/** `--version`: the tool's version and the Kubernetes release its schemas come from. */
export function versionText(): string {
  const release = schemaRelease();
  return [
    `statefulset-lint ${packageVersion() ?? 'unknown version'}`,
    release ? `Kubernetes schemas ${release.kubernetesVersion}: ${release.source}` : 'Kubernetes schemas: not found (run `npm run build`)',
  ].join('\n');
}
