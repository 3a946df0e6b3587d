// Kubernetes release numbers (`major.minor`, as in settings.kubernetesVersion) and comparisons.

/** `1.33` → [1, 33]; a patch part (`1.33.2`) or a `v` prefix is ignored; undefined when unreadable. */
export function parseVersion(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * Whether the targeted release is `minimum` or later. An unreadable setting counts as the newest
 * release (the default targets the current one), so version-gated checks stay on.
 */
export function versionAtLeast(version: string, minimum: string): boolean {
  const have = parseVersion(version);
  const want = parseVersion(minimum);
  if (!want) throw new Error(`invalid minimum version ${minimum}`);
  if (!have) return true;
  return have[0] > want[0] || (have[0] === want[0] && have[1] >= want[1]);
}
