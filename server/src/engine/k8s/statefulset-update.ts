// What an update of an existing StatefulSet may change, as the API server decides it
// (pkg/apis/apps/validation ValidateStatefulSetUpdate): every spec field but the mutable ones must stay
// as it is, compared after defaulting (apiequality.Semantic: quantities by value). The words of the
// refusal depend on the release.
import { get, isObject, type JsonObject } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import { compareQuantities, parseQuantity } from './quantity';
import { versionAtLeast } from './version';

/**
 * The first release whose API server lets an update change `spec.revisionHistoryLimit` (its refusal
 * message lists 'revisionHistoryLimit' from then on). Earlier servers refuse it (kubernetes#130263, seen
 * on 1.31 and 1.32); the release that lifted it could not be read in the Kubernetes source available
 * here: 1.33 is the earliest it can be, chosen so that no release that accepts the change is told it is refused.
 */
export const revisionHistoryLimitMutableFrom = '1.33';
/** From 1.36 each immutable field is refused on its own, `field is immutable` (kubernetes#138080). */
export const perFieldRefusalFrom = '1.36';

/** The spec fields an update may change on the targeted release. */
export function mutableSpecFields(version: string): readonly string[] {
  const fields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
  if (versionAtLeast(version, revisionHistoryLimitMutableFrom)) fields.push('revisionHistoryLimit');
  return fields;
}

/** The defaults the API server fills in before it compares (SetDefaults_StatefulSet). */
const specDefaults: JsonObject = { podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, serviceName: '', volumeClaimTemplates: [] };

/** A claim template as stored: its type fields and status dropped, `volumeMode` defaulted (SetDefaults_PersistentVolumeClaimSpec). */
function storedClaimTemplate(template: unknown): unknown {
  if (!isObject(template)) return template;
  const copy: JsonObject = { ...template };
  delete copy.apiVersion;
  delete copy.kind;
  delete copy.status;
  if (isObject(copy.metadata)) {
    const metadata = { ...copy.metadata };
    delete metadata.creationTimestamp;
    copy.metadata = metadata;
  }
  if (isObject(copy.spec) && copy.spec.volumeMode === undefined) copy.spec = { ...copy.spec, volumeMode: 'Filesystem' };
  return copy;
}

function storedValue(field: string, value: unknown): unknown {
  const defaulted = value === undefined ? specDefaults[field] : value;
  return field === 'volumeClaimTemplates' && Array.isArray(defaulted) ? defaulted.map(storedClaimTemplate) : defaulted;
}

/** Whether two stored values are the same for the API server: maps by key, lists in order, quantities by value. */
function sameValue(a: unknown, b: unknown, path: DataPath): boolean {
  return differences(a, b, path, 1).length === 0;
}

/** The paths (below `path`) where two values differ, at most `limit`; a list of another length differs as a whole. */
function differences(a: unknown, b: unknown, path: DataPath, limit: number): DataPath[] {
  if (isObject(a) && isObject(b)) {
    const found: DataPath[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (found.length >= limit) break;
      found.push(...differences(a[key], b[key], [...path, key], limit - found.length));
    }
    return found;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [path];
    const found: DataPath[] = [];
    for (let i = 0; i < a.length && found.length < limit; i++) found.push(...differences(a[i], b[i], [...path, i], limit - found.length));
    return found;
  }
  if (a === b) return [];
  // resources.requests / limits hold quantities: 10Gi and 10240Mi are the same.
  const quantityA = path.includes('resources') ? parseQuantity(a) : undefined;
  const quantityB = quantityA ? parseQuantity(b) : undefined;
  if (quantityA && quantityB && compareQuantities(quantityA, quantityB) === 0) return [];
  return [path];
}

/** One change an update may not make: where (a path of the object), and the committed and new values (undefined: absent). */
export interface ImmutableChange {
  /** The spec field it belongs to (`serviceName`, `volumeClaimTemplates`). */
  field: string;
  path: DataPath;
  before: unknown;
  after: unknown;
}

/**
 * The changes from a committed StatefulSet's spec to a new one that its API server refuses, after
 * defaulting: the changed values within each field (a few per field; a list of another length as a whole).
 */
export function immutableChanges(committed: JsonObject, current: JsonObject, version: string): ImmutableChange[] {
  const before = isObject(committed.spec) ? committed.spec : {};
  const after = isObject(current.spec) ? current.spec : {};
  const mutable = new Set(mutableSpecFields(version));
  const changes: ImmutableChange[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (mutable.has(field)) continue;
    const old = storedValue(field, before[field]);
    const now = storedValue(field, after[field]);
    if (sameValue(old, now, ['spec', field])) continue;
    for (const path of differences(old, now, ['spec', field], 8)) changes.push({ field, path, before: get(committed, ...path), after: get(current, ...path) });
  }
  return changes;
}

/** How the API server words the refusal of a change at `path` (the value is the new one) on the targeted release. */
export function updateRefusal(version: string, path: DataPath, value: unknown): string {
  if (versionAtLeast(version, perFieldRefusalFrom)) {
    const field = path.slice(0, 2).join('.');
    const shown = path.length > 2 ? '…' : typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '…';
    return `${field}: Invalid value: ${shown}: field is immutable`;
  }
  const fields = ["'replicas'", ...(versionAtLeast(version, '1.26') ? ["'ordinals'"] : []), "'template'", "'updateStrategy'",
    ...(versionAtLeast(version, revisionHistoryLimitMutableFrom) ? ["'revisionHistoryLimit'"] : []), "'persistentVolumeClaimRetentionPolicy'"];
  return `spec: Forbidden: updates to statefulset spec for fields other than ${fields.join(', ')} and 'minReadySeconds' are forbidden`;
}
