// Settings of the `statefulset` section, read from the client and turned into engine settings.
import { withDefaults, type EngineSettings, type SeveritySetting } from '../engine/types';

export const configurationSection = 'statefulset';

const severities = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Accepts whatever the client sends and keeps only well-formed values. */
export function toEngineSettings(raw: unknown): EngineSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const partial: Partial<EngineSettings> = {};
  if (typeof value.kubernetesVersion === 'string' && /^1\.\d+$/.test(value.kubernetesVersion)) partial.kubernetesVersion = value.kubernetesVersion;
  if (typeof value.defaultNamespace === 'string' && value.defaultNamespace) partial.defaultNamespace = value.defaultNamespace;
  if (typeof value.clusterDomain === 'string' && value.clusterDomain) partial.clusterDomain = value.clusterDomain;
  if (Array.isArray(value.knownStorageClasses)) partial.knownStorageClasses = value.knownStorageClasses.filter((item): item is string => typeof item === 'string');
  if (typeof value.maxFileSize === 'number' && value.maxFileSize > 0) partial.maxFileSize = value.maxFileSize;
  if (typeof value.rules === 'object' && value.rules !== null) {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && severities.has(severity)) rules[id] = severity as SeveritySetting;
    }
    partial.rules = rules;
  }
  return withDefaults(partial);
}
