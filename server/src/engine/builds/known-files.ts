// YAML files that are known not to hold Kubernetes objects, by their name and place: a Helm chart's
// Chart.yaml and values files, a kustomization that no build reads, CI configurations, Compose files.
// The extension activates on every YAML file; these get no finding at all (check/policy.ts `silent`),
// and a closed one is not published. A file a build gives a role to (builds/roles.ts) is checked by
// that role instead: this is only the fallback for files no build uses.
import { isKustomizationFileName } from '../kustomize';

/** Names that are never Kubernetes manifests, wherever they are. */
const exactNames = new Set([
  // Helm: chart metadata and dependency lists (values files: below).
  'Chart.yaml', 'Chart.yml',
  // CI and tooling configurations.
  '.gitlab-ci.yml', '.gitlab-ci.yaml', '.travis.yml', '.travis.yaml', 'azure-pipelines.yml', 'azure-pipelines.yaml',
  'bitbucket-pipelines.yml', 'appveyor.yml', '.appveyor.yml', 'cloudbuild.yaml', 'cloudbuild.yml', 'codecov.yml', '.codecov.yml',
  '.pre-commit-config.yaml', '.pre-commit-hooks.yaml', '.golangci.yml', '.golangci.yaml', '.goreleaser.yml', '.goreleaser.yaml',
  '.yamllint', '.yamllint.yml', '.yamllint.yaml', 'mkdocs.yml', 'mkdocs.yaml', 'pnpm-lock.yaml', 'pnpm-workspace.yaml',
  'dependabot.yml', '.readthedocs.yml', '.readthedocs.yaml', 'skaffold.yaml', 'devfile.yaml',
  // Docker Compose (`docker-compose*.yml`: below).
  'compose.yaml', 'compose.yml',
]);

/** Folders whose YAML files are never Kubernetes manifests (GitHub workflows and settings, CircleCI). */
const folders = new Set(['.github', '.circleci', '.gitlab']);

/** A Helm values file: `values.yaml`, `values-prod.yaml`, `values.schema.yaml`... */
const valuesFile = /^values(?:[._-][^/]*)?\.ya?ml$/i;
const composeFile = /^docker-compose[^/]*\.ya?ml$/i;

/** The path segments of a uri (`file:///a/b.yaml` or a plain `a/b.yaml`), decoded. */
function segments(uri: string): string[] {
  const path = uri.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/, '');
  return path.split('/').filter((part) => part !== '').map((part) => {
    if (!part.includes('%')) return part;
    try { return decodeURIComponent(part); } catch { return part; }
  });
}

/** Why a file is known not to hold Kubernetes objects (for tests and notes), or undefined. */
export function knownNonKubernetesFile(uri: string): string | undefined {
  // Asked for every document checked: remembered per uri (a bounded memo, forgotten when full).
  if (verdicts.has(uri)) return verdicts.get(uri);
  if (verdicts.size >= 20000) verdicts.clear();
  const verdict = verdictOf(uri);
  verdicts.set(uri, verdict);
  return verdict;
}

const verdicts = new Map<string, string | undefined>();

function verdictOf(uri: string): string | undefined {
  const parts = segments(uri);
  const name = parts[parts.length - 1] ?? '';
  if (exactNames.has(name)) return name;
  if (isKustomizationFileName(name)) return 'a kustomization';
  if (valuesFile.test(name)) return 'a Helm values file';
  if (composeFile.test(name)) return 'a Docker Compose file';
  const folder = parts.slice(0, -1).find((part) => folders.has(part));
  return folder ? `a file under ${folder}/` : undefined;
}
