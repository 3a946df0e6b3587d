// A configuration file's text → its settings and its problems, each at the key or value it is about.
// Pure: the CLI and the language server read the file and find it (server/src/config/); this checks
// the text against configSchema (schema.ts), the one description of the keys.
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { isDnsLabel, isDnsSubdomain } from '../k8s/names';
import { closest, quote } from '../text';
import { withDefaults, type EngineSettings, type SeveritySetting, type Span } from '../types';
import { nestsDeeperThan } from '../yaml/limits';
import { keySpan, valueSpan, type DataPath } from '../yaml/nodes';
import { configRuleId, configSchema, type ConfigSchema } from './schema';

export interface ConfigProblem extends Span {
  message: string;
  ruleId: typeof configRuleId;
}

/** What a configuration file says, as engine settings and the file's own options. */
export interface ParsedConfig {
  /** Only the settings the file sets (its keys that are valid). */
  settings: Partial<EngineSettings>;
  /** Globs of files not to check, relative to the file's folder. */
  ignore: string[];
  /** Values files per chart folder glob (both relative to the file's folder), when the file names some. */
  helmValues?: { chart: string; files: string[] }[];
  problems: ConfigProblem[];
}

/** Configuration files are small: anything larger is a mistake, refused before it is parsed. */
export const maxConfigSize = 256 * 1024;

interface PathProblem { path: DataPath; onKey: boolean; message: string }

const formats: Record<NonNullable<ConfigSchema['format']>, (value: string) => boolean> = {
  'dns-label': isDnsLabel,
  'dns-subdomain': isDnsSubdomain,
};

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const typeWords: Record<string, string> = { object: 'a mapping (key: value lines)', array: 'a list', string: 'a string', integer: 'a whole number', boolean: 'true or false' };

function pathText(path: DataPath): string {
  return path.map((step, index) => typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`).join('') || 'the file';
}

/**
 * The problems of a value against a schema node (the data path names where they are). `source` gives a
 * value's text as written, for numbers meant as strings (`kubernetesVersion: 1.30` is the number 1.3).
 */
export function schemaProblems(value: unknown, schema: ConfigSchema, path: DataPath = [], source: (path: DataPath) => string | undefined = () => undefined): PathProblem[] {
  const at = pathText(path);
  const expected = schema.expected ? `: it must be ${schema.expected}` : '';
  const actual = typeOf(value);
  if (schema.type && actual !== schema.type) {
    const written = source(path) ?? String(value);
    const number = actual === 'number' || actual === 'integer';
    const hint = schema.type === 'string' && number ? ` Write it in quotes: "${written}".` : '';
    const what = actual === 'empty' ? 'empty' : number && schema.type === 'string' ? `the number ${String(value)}` : quote(value);
    return [{ path, onKey: false, message: `${at} is ${what}, but it must be ${typeWords[schema.type]}${expected ? ` (${schema.expected})` : ''}.${hint}` }];
  }
  const problems: PathProblem[] = [];
  if (typeof value === 'string') {
    const wrong = (schema.enum && !schema.enum.includes(value))
      || (schema.maxLength !== undefined && value.length > schema.maxLength)
      || (schema.format ? !formats[schema.format](value) : schema.pattern !== undefined && !new RegExp(schema.pattern).test(value));
    if (wrong) {
      const suggestion = schema.enum ? closest(value, schema.enum, 1)[0] : undefined;
      problems.push({ path, onKey: false, message: `${at} is ${quote(value)}${expected || (schema.enum ? `: it must be one of ${schema.enum.join(', ')}` : '')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}` });
    }
  } else if (typeof value === 'number') {
    if ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum)) {
      problems.push({ path, onKey: false, message: `${at} is ${value}${expected}.` });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => { if (schema.items) problems.push(...schemaProblems(item, schema.items, [...path, index], source)); });
    if (schema.uniqueItems) {
      value.forEach((item, index) => {
        if (value.indexOf(item) !== index) problems.push({ path: [...path, index], onKey: false, message: `${pathText([...path, index])} repeats ${quote(item)}: remove it.` });
      });
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const known = schema.properties?.[key];
      if (known?.refused) { problems.push({ path: [...path, key], onKey: true, message: known.refused }); continue; }
      if (known) { problems.push(...schemaProblems(item, known, [...path, key], source)); continue; }
      const names = schema.propertyNames?.enum ?? Object.keys(schema.properties ?? {});
      const unknownName = schema.propertyNames ? !names.includes(key) : schema.additionalProperties === false;
      if (unknownName) {
        const suggestion = closest(key, names, 1)[0];
        const what = path.length ? `unknown ${path[path.length - 1] === 'rules' ? 'rule id' : 'key'}` : 'unknown key';
        const list = schema.propertyNames ? ' (statefulset-lint --list-rules prints them)' : ` (the keys are ${names.filter((name) => name !== '$schema').join(', ')})`;
        problems.push({ path: [...path, key], onKey: true, message: `${pathText(path) === 'the file' ? '' : `${pathText(path)}: `}${what} ${quote(key)}${suggestion ? `: did you mean "${suggestion}"?` : list}` });
        continue;
      }
      if (typeof schema.additionalProperties === 'object') problems.push(...schemaProblems(item, schema.additionalProperties, [...path, key], source));
    }
  }
  return problems;
}

/** The settings a valid configuration sets; invalid keys are left out (their defaults stay). */
function settingsOf(data: Record<string, unknown>, invalid: Set<string>): Pick<ParsedConfig, 'settings' | 'ignore' | 'helmValues'> {
  const settings: Partial<EngineSettings> = {};
  const valid = (key: string): boolean => key in data && !invalid.has(key);
  if (valid('kubernetesVersion')) settings.kubernetesVersion = data.kubernetesVersion as string;
  if (valid('defaultNamespace')) settings.defaultNamespace = data.defaultNamespace as string;
  if (valid('clusterDomain')) settings.clusterDomain = data.clusterDomain as string;
  if (valid('maxFileSize')) settings.maxFileSize = data.maxFileSize as number;
  if (valid('compareWith')) settings.compareWith = data.compareWith as string;
  if (valid('knownStorageClasses')) settings.knownStorageClasses = [...new Set(data.knownStorageClasses as string[])];
  if ('rules' in data && typeOf(data.rules) === 'object') {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, severity] of Object.entries(data.rules as Record<string, unknown>)) {
      if (!invalid.has(`rules.${id}`)) rules[id] = severity as SeveritySetting;
    }
    settings.rules = rules;
  }
  const ignore = valid('ignore') ? data.ignore as string[] : [];
  const helm = valid('helm') && typeOf(data.helm) === 'object' ? data.helm as { valuesFiles?: Record<string, string[]> } : undefined;
  const helmValues = helm?.valuesFiles ? Object.entries(helm.valuesFiles).map(([chart, files]) => ({ chart, files })) : undefined;
  return { settings, ignore, ...(helmValues ? { helmValues } : {}) };
}

function problemSpan(doc: Document, problem: PathProblem): Span {
  return (problem.onKey ? keySpan(doc, problem.path) : valueSpan(doc, problem.path)) ?? { start: 0, end: 0 };
}

/** Parses and checks a configuration file's text. */
export function parseConfig(text: string): ParsedConfig {
  const empty: ParsedConfig = { settings: {}, ignore: [], problems: [] };
  const fail = (message: string, span: Span = { start: 0, end: 0 }): ParsedConfig => ({ ...empty, problems: [{ ...span, message, ruleId: configRuleId }] });
  if (text.length > maxConfigSize) return fail(`The configuration file is ${Math.round(text.length / 1024)} KiB: a configuration file is at most ${maxConfigSize / 1024} KiB. Nothing in it is used.`);
  if (nestsDeeperThan(text)) return fail('The configuration file nests deeper than any configuration does: nothing in it is used.');
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return { ...empty, problems: doc.errors.map((error) => ({ start: error.pos[0], end: Math.max(error.pos[0], error.pos[1]), message: `YAML syntax: ${error.message.split('\n')[0]}. Nothing in the file is used until it is fixed.`, ruleId: configRuleId })) };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 16 });
  if (data === null || data === undefined) return empty;
  if (!isMap(doc.contents)) return fail(`The configuration must be a mapping of keys (kubernetesVersion, rules, ...), not ${isScalar(doc.contents) ? quote(data) : 'a list'}.`, valueSpan(doc, []));
  const source = (path: DataPath): string | undefined => {
    const span = valueSpan(doc, path);
    return span ? text.slice(span.start, span.end) : undefined;
  };
  const problems = schemaProblems(data, configSchema, [], source);
  // A refused key (helm.path) is reported, and the rest of its section still applies.
  const invalid = new Set(problems.filter((problem) => !(problem.path[0] === 'helm' && problem.path[1] === 'path'))
    .map((problem) => problem.path[0] === 'rules' && problem.path.length > 1 ? `rules.${problem.path[1]}` : String(problem.path[0])));
  return { ...settingsOf(data as Record<string, unknown>, invalid), problems: problems.map((problem) => ({ ...problemSpan(doc, problem), message: problem.message, ruleId: configRuleId })) };
}

/**
 * The settings in force: defaults, then each layer in order (a configuration file, then what the user
 * set in the editor or on the command line). A later layer's value wins; `rules` are merged per rule
 * id, and `knownStorageClasses` add up (the cluster's classes are the union of what each layer knows).
 */
export function mergeSettings(...layers: Partial<EngineSettings>[]): EngineSettings {
  const merged: Partial<EngineSettings> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof EngineSettings, unknown][]) {
      if (value === undefined) continue;
      if (key === 'rules') merged.rules = { ...merged.rules, ...(value as EngineSettings['rules']) };
      else if (key === 'knownStorageClasses') merged.knownStorageClasses = [...new Set([...(merged.knownStorageClasses ?? []), ...(value as string[])])];
      else (merged as Record<string, unknown>)[key] = value;
    }
  }
  return withDefaults(merged);
}
