// Settings of the `statefulset` section, read from the client and turned into engine settings. Whatever
// the client sends (a workspace's .vscode/settings.json applies even untrusted), a value of the wrong
// type or out of range keeps its default or is clamped, and each such value is named in `problems`
// (the server logs them in one line).
import { isDnsLabel, isDnsSubdomain } from '../engine';
import { isRefName } from '../tools/git/repository';
import { defaultSettings, withDefaults, type EngineSettings, type SeveritySetting } from '../engine';

export const configurationSection = 'statefulset';

/** The file size limit the server accepts: below 1 KiB nothing is checked, above 64 MiB one file can block it for minutes. */
export const minFileSize = 1024;
export const maxFileSize = 64 * 1024 * 1024;

const severities = new Set(['error', 'warning', 'info', 'hint', 'off']);

export interface ReadSettings {
  settings: EngineSettings;
  /** One sentence per setting that was ignored or clamped. */
  problems: string[];
}

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** Accepts whatever the client sends and keeps only well-formed values. */
export function readSettings(raw: unknown): ReadSettings {
  const problems: string[] = [];
  const value = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  if (raw !== undefined && raw !== null && value !== raw) problems.push(`the "${configurationSection}" settings must be an object, not ${shown(raw)}`);
  const partial: Partial<EngineSettings> = {};
  const reject = (key: string, expected: string): void => {
    problems.push(`${configurationSection}.${key} ${shown(value[key])} is not ${expected}; the default ${shown(defaultSettings[key as keyof EngineSettings])} is kept`);
  };
  if (value.kubernetesVersion !== undefined) {
    if (typeof value.kubernetesVersion === 'string' && /^1\.\d{1,3}$/.test(value.kubernetesVersion)) partial.kubernetesVersion = value.kubernetesVersion;
    else reject('kubernetesVersion', 'a Kubernetes release such as "1.33"');
  }
  if (value.defaultNamespace !== undefined) {
    if (typeof value.defaultNamespace === 'string' && isDnsLabel(value.defaultNamespace)) partial.defaultNamespace = value.defaultNamespace;
    else reject('defaultNamespace', 'a namespace name (an RFC 1123 label: lowercase letters, digits and \'-\', at most 63 characters)');
  }
  if (value.clusterDomain !== undefined) {
    if (typeof value.clusterDomain === 'string' && isDnsSubdomain(value.clusterDomain)) partial.clusterDomain = value.clusterDomain;
    else reject('clusterDomain', 'a DNS domain such as "cluster.local"');
  }
  if (value.knownStorageClasses !== undefined) {
    if (Array.isArray(value.knownStorageClasses) && value.knownStorageClasses.every((item) => typeof item === 'string')) partial.knownStorageClasses = value.knownStorageClasses as string[];
    else reject('knownStorageClasses', 'a list of StorageClass names');
  }
  if (value.maxFileSize !== undefined) {
    const size = value.maxFileSize;
    if (typeof size !== 'number' || !Number.isFinite(size)) {
      reject('maxFileSize', 'a number of bytes');
    } else {
      partial.maxFileSize = Math.min(maxFileSize, Math.max(minFileSize, Math.floor(size)));
      if (partial.maxFileSize !== size) problems.push(`${configurationSection}.maxFileSize ${shown(size)} is outside ${minFileSize}–${maxFileSize} bytes; ${partial.maxFileSize} is used`);
    }
  }
  if (value.compareWith !== undefined) {
    if (typeof value.compareWith === 'string' && (value.compareWith === 'off' || isRefName(value.compareWith))) partial.compareWith = value.compareWith;
    else reject('compareWith', 'a git ref such as "HEAD" or "origin/main", or "off"');
  }
  if (value.rules !== undefined) {
    if (typeof value.rules === 'object' && value.rules !== null && !Array.isArray(value.rules)) {
      const rules: Record<string, SeveritySetting> = {};
      for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
        if (typeof severity === 'string' && severities.has(severity)) rules[id] = severity as SeveritySetting;
        else problems.push(`${configurationSection}.rules ${shown(id)}: ${shown(severity)} is not one of error, warning, info, hint, off; ignored`);
      }
      partial.rules = rules;
    } else {
      reject('rules', 'an object of rule ids and severities');
    }
  }
  return { settings: withDefaults(partial), problems };
}

/** The engine settings alone (problems dropped). */
export function toEngineSettings(raw: unknown): EngineSettings {
  return readSettings(raw).settings;
}
