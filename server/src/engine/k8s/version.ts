// Kubernetes release numbers (`major.minor`, as in settings.kubernetesVersion) and comparisons.

/** `1.33` → [1, 33]; a patch part (`1.33.2`) or a `v` prefix is ignored; undefined when unreadable. */
export function parseVersion(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

// Rules ask about the same two or three releases for every object: each string is read once.
const parsedVersions = new Map<string, readonly [number, number] | undefined>();

function parsedVersion(version: string): readonly [number, number] | undefined {
  if (parsedVersions.has(version)) return parsedVersions.get(version);
  const parsed = parseVersion(version);
  if (parsedVersions.size < 256) parsedVersions.set(version, parsed);
  return parsed;
}

/**
 * Whether the targeted release is `minimum` or later. An unreadable setting counts as the newest
 * release (the default targets the current one), so version-gated checks stay on.
 */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = parsedVersion(version);
  const want = parsedVersion(minimum);
  if (!want) throw new Error(`invalid minimum version ${minimum}`);
  if (!have) return true;
  return have[0] > want[0] || (have[0] === want[0] && have[1] >= want[1]);
}
