// Kustomize's name hash for generated ConfigMaps and Secrets (kustomize/api/hasher): SHA-256 of the
// JSON encoding (Go's encoding/json: sorted keys, `<>&` escaped) of the kind, data (and binaryData /
// stringData, type) and a name that is always empty (the hasher looks up "metadata/name" as one
// field name, which never exists), of which the first 10 hex digits are kept with 0,1,3,a,e replaced
// so that the suffix cannot spell words.
import { createHash } from 'node:crypto';

/** JSON as Go's encoding/json writes it: map keys sorted, HTML characters and line separators escaped. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${goJson(key)}:${goJson(item)}`).join(',')}}`;
}

export function encodeHash(hex: string): string {
  const swap: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((char) => swap[char] ?? char).join('');
}

/** A value as kyaml's getNodeValues reads it: missing → "", scalar → its text, maps as data. */
function nodeValue(value: unknown): unknown {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return value;
  return String(value);
}

const isMap = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The hash suffix of a generated ConfigMap or Secret (plain data of the object as built). */
export function generatedNameHash(object: Record<string, unknown>): string {
  let encoded: Record<string, unknown>;
  if (object.kind === 'ConfigMap') {
    encoded = { kind: 'ConfigMap', name: '', data: nodeValue(object.data) };
    if (isMap(object.binaryData)) encoded.binaryData = object.binaryData;
  } else if (object.kind === 'Secret') {
    encoded = { kind: 'Secret', type: nodeValue(object.type), name: '', data: nodeValue(object.data) };
    if (isMap(object.stringData)) encoded.stringData = object.stringData;
  } else {
    return encodeHash(createHash('sha256').update(goJson(object)).digest('hex'));
  }
  return encodeHash(createHash('sha256').update(goJson(encoded)).digest('hex'));
}
