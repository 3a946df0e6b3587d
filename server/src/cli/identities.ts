// `statefulset-lint identities FILES...`: the pod names, hostnames, DNS names, SRV names, PVC names and
// orders of every StatefulSet, computed by the same engine function as the editor's preview.
import { relative } from 'node:path';
import { collectFiles, displayPath, readText, UsageError } from './files';
import { ConfigError, groupByConfig } from './config';
import { addContextFiles, sharedSchemas, useDisk } from './check';
import { mergeSettings } from '../engine';
import { Engine, type EngineSettings } from '../engine';
import type { BuildIdentities, SourceRef, StatefulSetIdentities } from '../engine';
import { identitiesText } from '../engine';
import { lineColumn } from '../engine';
import { withDefaults } from '../engine';
import { isDnsSubdomain } from '../engine';
import { flagReader, namespaceFlag, versionFlag } from './flags';
import { escapeControl, escapeStrings } from './format/text';
import type { Output } from './output';

export const identitiesUsage = `Usage: statefulset-lint identities [options] FILES...

Prints, for every StatefulSet in the files, the names its pods and volumes get: pod names and
hostnames, pod DNS names (<pod>.<service>.<namespace>.svc.<cluster domain>), the Service domain, SRV
names of the Service's named ports and PVC names (<claim>-<pod>), the creation, scale-down and update
orders (partition, Parallel), what the PVC retention policy does, and problems that break them (no
serviceName, a Service that is missing or not headless, names over 63 characters). Folders are
searched for *.yaml and *.yml; all files form one workspace, so the governing Service may be in
another file. Each kustomization among them is built as \`kubectl kustomize\` would (its bases are read
wherever they are), and the StatefulSets it makes are printed with its name (overlays/prod): the names
with its namePrefix, nameSuffix and namespace, after its patches. The nearest .statefulset-lint.yaml
(clusterDomain, defaultNamespace, ...) applies; options win.

Options:
  --format text|json           output format (default: text)
  --namespace NAME             namespace of objects without metadata.namespace (default: default)
  --cluster-domain DOMAIN      the cluster's DNS domain (default: cluster.local)
  --kubernetes-version X.Y     Kubernetes release the manifests target (default: ${withDefaults(undefined).kubernetesVersion})
  -h, --help                   show this help

Exit codes: 0 identities printed (also when there is no StatefulSet), 2 usage error, unreadable path,
a path that is not a regular file or folder, or output that could not be written.`;

class IdentitiesUsageError extends Error {}

interface IdentitiesOptions {
  format: 'text' | 'json';
  paths: string[];
  settings: Partial<EngineSettings>;
  help: boolean;
}

function parseIdentitiesArgs(args: string[]): IdentitiesOptions {
  const options: IdentitiesOptions = { format: 'text', paths: [], settings: {}, help: false };
  const fail = (message: string): Error => new IdentitiesUsageError(message);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const { flag, value, next } = flagReader(args, index, fail);
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json') throw new IdentitiesUsageError(`unknown format "${escapeControl(format)}": use text or json`);
        options.format = format;
        break;
      }
      case '--namespace': options.settings.defaultNamespace = namespaceFlag(value(), fail); break;
      case '--cluster-domain': {
        const domain = value().replace(/\.$/, '');
        if (!isDnsSubdomain(domain)) throw new IdentitiesUsageError(`--cluster-domain must be a DNS domain such as cluster.local, not "${escapeControl(domain)}"`);
        options.settings.clusterDomain = domain;
        break;
      }
      case '--kubernetes-version': options.settings.kubernetesVersion = versionFlag(value(), fail); break;
      case '-h': case '--help': options.help = true; break;
      default:
        if (arg.startsWith('-')) throw new IdentitiesUsageError(`unknown option ${escapeControl(arg)}`);
        options.paths.push(arg);
    }
    index = next();
  }
  if (!options.help && options.paths.length === 0) throw new IdentitiesUsageError('name the files or folders to read');
  return options;
}

interface JsonLocation { file: string; line: number; column: number; endLine: number; endColumn: number }

function isSourceRef(value: unknown): value is SourceRef {
  const ref = value as SourceRef | null;
  return typeof ref === 'object' && ref !== null && typeof ref.uri === 'string' && typeof ref.start === 'number' && typeof ref.end === 'number';
}

/** The identities with every offset-based location replaced by a file path and 1-based line and column. */
function toJson(value: unknown, where: (ref: SourceRef) => JsonLocation): unknown {
  if (isSourceRef(value)) return where(value);
  if (Array.isArray(value)) return value.map((item) => toJson(item, where));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key === 'uri' ? 'file' : key, key === 'uri' && typeof item === 'string' ? where({ uri: item, start: 0, end: 0 }).file : toJson(item, where)]));
  }
  return value;
}

/** Runs `statefulset-lint identities`; returns the exit code. */
export function identitiesMain(args: string[], output: Output): number {
  const out = (text: string): void => output.out(text);
  const err = (text: string): void => output.err(text);
  let options: IdentitiesOptions;
  try {
    options = parseIdentitiesArgs(args);
  } catch (error) {
    if (!(error instanceof IdentitiesUsageError)) throw error;
    err(`statefulset-lint identities: ${error.message}\n\n${identitiesUsage}`);
    return 2;
  }
  if (options.help) { out(identitiesUsage); return 0; }
  // Each configuration file's files are one workspace, with its settings under the command line's.
  const engines = new Map<string, Engine>();
  const groups: { engine: Engine; files: string[] }[] = [];
  let files: string[];
  try {
    const collected = collectFiles(options.paths);
    for (const note of collected.notes) err(`statefulset-lint identities: ${note}`);
    files = collected.files;
    const notes: string[] = [];
    const inputs = files.map((uri) => ({ uri, read: (max: number) => readText(uri, max) }));
    for (const group of groupByConfig(inputs, '', process.cwd(), notes)) {
      const engine = new Engine(sharedSchemas(), mergeSettings(group.config?.settings ?? {}, options.settings));
      useDisk(engine);
      groups.push({ engine, files: group.inputs.map((input) => input.uri) });
      for (const input of group.inputs) {
        const content = input.read(engine.settings.maxFileSize);
        if ('text' in content) engine.setFile(input.uri, content.text); else engine.setUnreadable(input.uri, content.unreadable);
        engines.set(input.uri, engine);
      }
      // The bases the kustomizations read outside the paths given: their places are printed too.
      for (const path of addContextFiles(engine, new Set(group.inputs.map((input) => input.uri)))) if (!engines.has(path)) engines.set(path, engine);
    }
    for (const note of notes) err(`statefulset-lint identities: ${note}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error instanceof ConfigError ? error.message : `statefulset-lint identities: ${error.message}`);
    return 2;
  }
  // JSON escapes names itself; the text format prints them escaped.
  const display = (uri: string): string => options.format === 'json' ? relative(process.cwd(), uri) || uri : displayPath(uri);
  const where = (ref: SourceRef): JsonLocation => {
    const file = engines.get(ref.uri)?.getFile(ref.uri);
    const start = file ? lineColumn(file, ref.start) : { line: 0, character: 0 };
    const end = file ? lineColumn(file, ref.end) : start;
    return { file: display(ref.uri), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const { statefulSets, builds } = collectIdentities(groups, (path, note) => err(`${display(path)}: ${escapeControl(note)}`));
  // The settings shown are those of the first file's workspace (the command line's and its configuration's).
  const engine = groups[0]?.engine ?? new Engine(sharedSchemas(), options.settings);
  if (options.format === 'json') {
    const { clusterDomain, defaultNamespace, kubernetesVersion } = engine.settings;
    const buildsJson = builds.map(({ activeIndex: _unused, ...build }) => build);
    out(JSON.stringify({ clusterDomain, defaultNamespace, kubernetesVersion, statefulSets: toJson(statefulSets, where), builds: toJson(buildsJson, where) }, null, 2));
  } else {
    // Names and values from the manifests are escaped: none can start a line of its own.
    const at = (ref: SourceRef): string => { const place = where(ref); return `${place.file}:${place.line}`; };
    const text = [
      ...statefulSets.map((set) => identitiesText(escapeStrings(set), at).join('\n')),
      ...builds.flatMap((build) => build.statefulSets.map((set) => identitiesText(escapeStrings(set), at, escapeControl(build.label)).join('\n'))),
    ];
    if (text.length > 0) out(text.join('\n\n'));
    const count = statefulSets.length + builds.reduce((sum, build) => sum + build.statefulSets.length, 0);
    const made = builds.length > 0 ? ` (${count - statefulSets.length} made by ${builds.length} build${builds.length === 1 ? '' : 's'})` : '';
    err(`${count === 0 ? 'no' : count} StatefulSet${count === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}${made}`);
  }
  return 0;
}

/**
 * The StatefulSets to print: those each kustomization among the files builds (by build), and those of
 * the files no such build uses (checked alone). Notes (unreadable files, builds that fail) go to `note`.
 */
function collectIdentities(groups: { engine: Engine; files: string[] }[], note: (path: string, text: string) => void): { statefulSets: StatefulSetIdentities[]; builds: BuildIdentities[] } {
  const statefulSets: StatefulSetIdentities[] = [];
  const builds: BuildIdentities[] = [];
  for (const { engine, files: groupFiles } of groups) {
    const inputs = new Set(groupFiles);
    engine.refreshBuilds();
    const given = engine.builds.builds().filter((build) => inputs.has(build.uri));
    const usedByGiven = new Set(given.flatMap((build) => build.inputs));
    for (const build of given) {
      const made = engine.identities(build.uri).builds?.find((candidate) => candidate.uri === build.uri);
      if (made?.note) note(build.uri, made.note);
      if (made && made.statefulSets.length > 0) builds.push(made);
    }
    for (const path of groupFiles) {
      if (usedByGiven.has(path)) continue;
      const result = engine.identities(path);
      if (result.note) note(path, result.note);
      statefulSets.push(...result.statefulSets);
    }
  }
  return { statefulSets, builds };
}
