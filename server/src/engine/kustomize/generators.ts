// configMapGenerator and secretGenerator (kustomize/api/internal/generators, api/kv): data from env
// files, literals and files, in that order; options merged with generatorOptions; the resulting
// object joins the build by its behavior (create, merge, replace). The hash suffix is added at the end
// of the whole build (build.ts), from the content as it is then.
import type { Origin } from '../model/provenance';
import type { DataPath } from '../yaml/nodes';
import type { BuildContext } from './context';
import { entryOrigin, type Kustomization } from './kustomization';
import { allIds, currentId, formatId, sameId, type Resource } from './resource';
import { emptyMap, mapField, scalar, type TMap } from './tree';
import { baseName, resolveUri } from './uri';

interface Pair { key: string; value: string; origin: Origin }

const configMapKey = /^[-._a-zA-Z0-9]+$/;
const envVarName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

type Record_ = Record<string, unknown>;
const asRecord = (value: unknown): Record_ => (value && typeof value === 'object' && !Array.isArray(value) ? value as Record_ : {});
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** Reads a generator input file named in `kustomization`, reporting it when it cannot be had. */
function readInput(kustomization: Kustomization, path: string, origin: Origin, context: BuildContext): string | undefined {
  const uri = resolveUri(kustomization.folder, path);
  if (!context.allowed(kustomization.folder, uri, origin, path)) return undefined;
  const text = context.text(uri);
  if (text === undefined) {
    context.error('kustomize/resource-missing', `The file \`${path}\` does not exist: Kustomize fails the build. Create it, or fix the path (it is relative to the kustomization's folder).`, origin);
    return undefined;
  }
  context.use(uri, 'generator-input', kustomization.uri, origin);
  return text;
}

/** `KEY=value` lines (api/kv keyValuesFromLines): blank lines and `#` comments skipped, no quote removal. */
function envPairs(text: string, origin: Origin, context: BuildContext): Pair[] {
  const pairs: Pair[] = [];
  text.split('\n').forEach((raw, index) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const cut = line.indexOf('=');
    const key = cut < 0 ? line : line.slice(0, cut);
    if (!envVarName.test(key)) {
      context.error('kustomize/build-error', `line ${index + 1} of the env file: "${key}" is not a valid environment variable name (letters, digits, '_', '-', '.', not starting with a digit): Kustomize fails the build`, origin);
      return;
    }
    pairs.push({ key, value: cut < 0 ? '' : line.slice(cut + 1), origin });
  });
  return pairs;
}

function removeQuotes(value: string): string {
  if (value.length < 2 || value[0] !== value[value.length - 1]) return value;
  return value[0] === '"' || value[0] === "'" ? value.slice(1, -1) : value;
}

function pairsOf(kustomization: Kustomization, args: Record_, at: (...path: DataPath) => Origin, context: BuildContext): Pair[] {
  const pairs: Pair[] = [];
  const envs = asStrings(args.envs).map((path, index) => ({ path, origin: at('envs', index) }));
  if (typeof args.env === 'string' && args.env !== '') envs.push({ path: args.env, origin: at('env') });
  for (const { path, origin } of envs) {
    const text = readInput(kustomization, path, origin, context);
    if (text !== undefined) pairs.push(...envPairs(text, origin, context));
  }
  asStrings(args.literals).forEach((literal, index) => {
    const cut = literal.indexOf('=');
    if (cut <= 0) {
      context.error('kustomize/invalid-field', `invalid literal source "${literal}", expected key=value`, at('literals', index));
      return;
    }
    pairs.push({ key: literal.slice(0, cut), value: removeQuotes(literal.slice(cut + 1)), origin: at('literals', index) });
  });
  asStrings(args.files).forEach((source, index) => {
    const origin = at('files', index);
    const parts = source.split('=');
    if (parts.length > 2 || (parts.length === 2 && (parts[0] === '' || parts[1] === ''))) {
      context.error('kustomize/invalid-field', `the file source "${source}" must be \`path\` or \`key=path\` (one '=' with a key and a path)`, origin);
      return;
    }
    const [key, path] = parts.length === 2 ? parts : [baseName(source), source];
    const text = readInput(kustomization, path, origin, context);
    if (text !== undefined) pairs.push({ key, value: text, origin });
  });
  return pairs;
}

/** The generated objects of a kustomization, ConfigMaps first, each marked with its behavior. */
export function generate(kustomization: Kustomization, context: BuildContext): Resource[] {
  const result: Resource[] = [];
  const globalOptions = asRecord(kustomization.data.generatorOptions);
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    const entries = Array.isArray(kustomization.data[field]) ? kustomization.data[field] as unknown[] : [];
    entries.forEach((entry, index) => {
      const at = (...path: DataPath): Origin => entryOrigin(kustomization, field, index, ...path);
      const args = asRecord(entry);
      const isSecret = field === 'secretGenerator';
      if (typeof args.name !== 'string' || args.name === '') {
        context.error('kustomize/invalid-field', `a ${isSecret ? 'secret' : 'configmap'} generator must have a \`name\``, at());
        return;
      }
      const node = emptyMap(at());
      node.fields.set('apiVersion', scalar('v1', at()));
      node.fields.set('kind', scalar(isSecret ? 'Secret' : 'ConfigMap', at()));
      const metadata = mapField(node, 'metadata', at())!;
      metadata.fields.set('name', scalar(args.name, at('name')));
      if (typeof args.namespace === 'string' && args.namespace !== '') metadata.fields.set('namespace', scalar(args.namespace, at('namespace')));
      if (isSecret) node.fields.set('type', typeof args.type === 'string' && args.type !== '' ? scalar(args.type, at('type')) : scalar('Opaque', at()));
      const data = new Map<string, Pair>();
      for (const pair of pairsOf(kustomization, args, at, context)) {
        if (!configMapKey.test(pair.key) || pair.key.length > 253) {
          context.error('kustomize/build-error', `"${pair.key}" is not a valid key name for a ${isSecret ? 'Secret' : 'ConfigMap'}: keys are letters, digits, '-', '_' and '.'`, pair.origin);
          continue;
        }
        if (data.has(pair.key)) {
          context.error('kustomize/build-error', `${isSecret ? 'secret' : 'configmap'} ${args.name} illegally repeats the key \`${pair.key}\`: Kustomize fails the build. Give each key once.`, pair.origin);
          continue;
        }
        data.set(pair.key, pair);
      }
      if (data.size > 0) {
        const map = mapField(node, 'data', at())!;
        for (const [key, pair] of [...data].sort(([a], [b]) => (a < b ? -1 : 1))) {
          map.fields.set(key, scalar(isSecret ? Buffer.from(pair.value, 'utf8').toString('base64') : pair.value, pair.origin));
        }
      }
      const options = asRecord(args.options);
      for (const kind of ['labels', 'annotations'] as const) {
        const keys = new Set([...Object.keys(asRecord(options[kind])), ...Object.keys(asRecord(globalOptions[kind]))]);
        for (const key of [...keys].sort()) {
          const local = asRecord(options[kind])[key];
          const origin = local !== undefined ? at('options', kind, key) : entryOrigin(kustomization, 'generatorOptions', kind, key);
          mapField(metadata, kind, origin)!.fields.set(key, scalar(String(local ?? asRecord(globalOptions[kind])[key]), origin));
        }
      }
      if (options.immutable === true || globalOptions.immutable === true) {
        node.fields.set('immutable', scalar(true, options.immutable === true ? at('options', 'immutable') : entryOrigin(kustomization, 'generatorOptions', 'immutable')));
      }
      const behavior = args.behavior === 'merge' || args.behavior === 'replace' ? args.behavior : 'create';
      const needsHash = options.disableNameSuffixHash !== true && globalOptions.disableNameSuffixHash !== true;
      result.push({ node, origin: at(), prevIds: [], prefixes: [], suffixes: [], behavior, needsHash });
    });
  }
  return result;
}

/** Adds a generated object to the build as Kustomize's appendReplaceOrMerge does. */
export function absorbGenerated(resources: Resource[], generated: Resource, context: BuildContext): void {
  const id = currentId(generated);
  const matches = resources.filter((resource) => allIds(resource).some((other) => sameId(other, id)));
  const behavior = generated.behavior ?? 'create';
  if (matches.length === 0) {
    if (behavior === 'create') resources.push(generated);
    else context.error('kustomize/build-error', `behavior: ${behavior} needs an existing ${id.kind} named ${id.name} from a base: there is none in the build (Kustomize: "id ${formatId(id)} does not exist; cannot merge or replace"). Use behavior: create, or fix the name.`, generated.origin);
    return;
  }
  if (matches.length > 1) {
    context.error('kustomize/build-error', `several objects could take the merge of ${formatId(id)}`, generated.origin);
    return;
  }
  const old = matches[0];
  if (behavior === 'create') {
    context.error('kustomize/build-error', `a ${id.kind} named ${id.name} already exists in the build: Kustomize fails ("behavior must be merge or replace"). Set behavior: merge or replace to change it.`, generated.origin);
    return;
  }
  const oldMetadata = old.node.fields.get('metadata') as TMap;
  const metadata = generated.node.fields.get('metadata') as TMap;
  for (const kind of ['labels', 'annotations'] as const) {
    const merged = new Map(oldMetadata.fields.get(kind)?.t === 'map' ? (oldMetadata.fields.get(kind) as TMap).fields : []);
    const own = metadata.fields.get(kind);
    if (own?.t === 'map') for (const [key, value] of own.fields) merged.set(key, value);
    if (merged.size > 0) metadata.fields.set(kind, { t: 'map', origin: own?.origin ?? oldMetadata.fields.get(kind)!.origin, fields: merged });
  }
  for (const key of ['name', 'namespace']) {
    const value = oldMetadata.fields.get(key);
    if (value) metadata.fields.set(key, value); else metadata.fields.delete(key);
  }
  if (behavior === 'merge') {
    for (const field of ['data', 'binaryData']) {
      const before = old.node.fields.get(field);
      if (before?.t !== 'map') continue;
      const merged = new Map(before.fields);
      const own = generated.node.fields.get(field);
      if (own?.t === 'map') for (const [key, value] of own.fields) merged.set(key, value);
      generated.node.fields.set(field, { t: 'map', origin: own?.origin ?? before.origin, fields: merged });
    }
  }
  const replaced: Resource = {
    ...generated, prevIds: old.prevIds, prefixes: old.prefixes, suffixes: old.suffixes,
    needsHash: old.needsHash && generated.needsHash, origin: behavior === 'merge' ? old.origin : generated.origin,
  };
  resources[resources.indexOf(old)] = replaced;
}
