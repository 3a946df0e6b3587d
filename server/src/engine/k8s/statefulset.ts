// The parts of a StatefulSet the sts/* and pvc/* rules read, each with its data path, and the
// Kubernetes defaults that apply to them (pkg/apis/apps/v1/defaults.go).
import { isPartial, namesKnown } from '../model/completeness';
import { get, isObject, type JsonObject, type Manifest } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { isBuiltin } from './kinds';
import { labelsOf, type Labels } from './selector';
import { podSpecPathOf, podTemplatePath } from './workload';

/** Whether a manifest is a built-in StatefulSet (served or legacy apiVersion). */
export function isStatefulSet(manifest: Manifest): boolean {
  return isBuiltin(manifest, 'StatefulSet');
}

/** A StatefulSet in `apps/v1beta1` or `apps/v1beta2`: already reported by manifest/removed-api. */
export function isLegacyStatefulSet(manifest: Manifest): boolean {
  return isStatefulSet(manifest) && manifest.apiVersion !== 'apps/v1';
}

export const selectorPath: DataPath = ['spec', 'selector'];
export const templateLabelsPath: DataPath = [...podTemplatePath('StatefulSet')!, 'metadata', 'labels'];
export const podSpecPath: DataPath = podSpecPathOf('StatefulSet')!;

export function templateLabels(manifest: Manifest): Labels {
  return labelsOf(get(manifest.value, ...templateLabelsPath));
}

export function podSpec(manifest: Manifest): JsonObject {
  const spec = get(manifest.value, ...podSpecPath);
  return isObject(spec) ? spec : {};
}

export interface ClaimTemplateAt {
  /** `metadata.name`, or '' when missing. */
  name: string;
  index: number;
  /** Path of the template item: `spec.volumeClaimTemplates[i]`. */
  path: DataPath;
  template: JsonObject;
}

/** The `volumeClaimTemplates` entries that are mappings. */
export function claimTemplatesOf(manifest: Manifest): ClaimTemplateAt[] {
  const list = get(manifest.value, 'spec', 'volumeClaimTemplates');
  if (!Array.isArray(list)) return [];
  const found: ClaimTemplateAt[] = [];
  list.forEach((template: unknown, index) => {
    if (!isObject(template)) return;
    const name = get(template, 'metadata', 'name');
    found.push({ name: typeof name === 'string' ? name : '', index, path: ['spec', 'volumeClaimTemplates', index], template });
  });
  return found;
}

export interface PodVolumeAt {
  name: string;
  index: number;
  path: DataPath;
  volume: JsonObject;
}

/** The pod template's `volumes` entries with a string name. */
export function podVolumesOf(manifest: Manifest): PodVolumeAt[] {
  const list = podSpec(manifest).volumes;
  if (!Array.isArray(list)) return [];
  const found: PodVolumeAt[] = [];
  list.forEach((volume: unknown, index) => {
    if (isObject(volume) && typeof volume.name === 'string') {
      found.push({ name: volume.name, index, path: [...podSpecPath, 'volumes', index], volume });
    }
  });
  return found;
}

export type VolumeUseField = 'volumeMounts' | 'volumeDevices';

export interface VolumeUseAt {
  /** The volume name the mount or device refers to. */
  name: string;
  field: VolumeUseField;
  /** Path of the mount or device entry. */
  path: DataPath;
  /** `containers` or `initContainers`, and the container's index and name. */
  list: 'containers' | 'initContainers';
  containerIndex: number;
  containerName: string;
}

/**
 * Every `volumeMounts[]` and `volumeDevices[]` entry with a string name, of containers and init
 * containers (ephemeral containers are not allowed in a pod template).
 */
export function volumeUsesOf(manifest: Manifest): VolumeUseAt[] {
  const spec = podSpec(manifest);
  const found: VolumeUseAt[] = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: unknown, containerIndex) => {
      if (!isObject(container)) return;
      const containerName = typeof container.name === 'string' ? container.name : '';
      for (const field of ['volumeMounts', 'volumeDevices'] as const) {
        const entries = container[field];
        if (!Array.isArray(entries)) continue;
        entries.forEach((entry: unknown, index) => {
          if (!isObject(entry) || typeof entry.name !== 'string') return;
          found.push({ name: entry.name, field, path: [...podSpecPath, list, containerIndex, field, index],
            list, containerIndex, containerName });
        });
      }
    });
  }
  return found;
}

/** Whether every container and init container, and each one's volume mounts and devices, are known (model/completeness.ts). */
export function containerMountsKnown(manifest: Manifest): boolean {
  if (!isPartial(manifest)) return true;
  const spec = podSpec(manifest);
  return (['containers', 'initContainers'] as const).every((list) => {
    const containers = spec[list];
    if (!namesKnown(manifest, [...podSpecPath, list])) return false;
    return !Array.isArray(containers) || containers.every((_, index) => (['volumeMounts', 'volumeDevices'] as const)
      .every((field) => namesKnown(manifest, [...podSpecPath, list, index, field])));
  });
}

/** `spec.updateStrategy.type` after defaulting (`""` and absent mean RollingUpdate). */
export function updateStrategyType(manifest: Manifest): string {
  const type = get(manifest.value, 'spec', 'updateStrategy', 'type');
  return typeof type === 'string' && type !== '' ? type : 'RollingUpdate';
}

/** A persistent volume claim spec to check: a StatefulSet claim template's or a PVC's. */
export interface ClaimSpecAt {
  /** Path of the claim's `spec`. */
  path: DataPath;
  spec: JsonObject;
  /** Path of the object that holds the spec (to point at when the spec itself is missing). */
  ownerPath: DataPath;
  /** For messages, after the field path: ` (claim template "data")`, or '' for a PVC. */
  label: string;
}

/** The claim specs of a manifest: each claim template of a StatefulSet, or a PVC's own spec. */
export function claimSpecsOf(manifest: Manifest): ClaimSpecAt[] {
  if (manifest.kind === 'PersistentVolumeClaim' && /^v1$/.test(manifest.apiVersion)) {
    const spec = get(manifest.value, 'spec');
    return [{ path: ['spec'], spec: isObject(spec) ? spec : {}, ownerPath: ['metadata', 'name'], label: '' }];
  }
  if (!isStatefulSet(manifest)) return [];
  return claimTemplatesOf(manifest).map((claim) => {
    const spec = claim.template.spec;
    return { path: [...claim.path, 'spec'], spec: isObject(spec) ? spec : {}, ownerPath: [...claim.path, 'metadata', 'name'],
      label: claim.name ? ` (claim template ${JSON.stringify(claim.name)})` : '' };
  });
}

/** An integer field: its value when it is one, `undefined` when absent, `null` when it is something else. */
export function integerField(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

export interface OrdinalRange {
  /** `spec.replicas` as written (see integerField). */
  rawReplicas: number | undefined | null;
  /** `spec.ordinals.start` as written (see integerField). */
  rawStart: number | undefined | null;
  /** The pod count: `spec.replicas`, 1 when absent or invalid (the API server's default). */
  replicas: number;
  /** The first ordinal: `spec.ordinals.start`, 0 when absent, invalid or not supported by the target version. */
  start: number;
}

/** How many pods a StatefulSet has and how they are numbered (`<name>-<start>` … `<name>-<start + replicas - 1>`). */
export function ordinalRange(manifest: Manifest, ordinalsSupported = true): OrdinalRange {
  const rawReplicas = integerField(get(manifest.value, 'spec', 'replicas'));
  const rawStart = integerField(get(manifest.value, 'spec', 'ordinals', 'start'));
  return {
    rawReplicas, rawStart,
    replicas: typeof rawReplicas === 'number' && rawReplicas >= 0 ? rawReplicas : 1,
    start: ordinalsSupported && typeof rawStart === 'number' && rawStart >= 0 ? rawStart : 0,
  };
}

/** `spec.serviceName` when it is a non-empty string: the governing Service the pods' DNS names come from. */
export function serviceNameOf(manifest: Manifest): string | undefined {
  const serviceName = get(manifest.value, 'spec', 'serviceName');
  return typeof serviceName === 'string' && serviceName !== '' ? serviceName : undefined;
}
