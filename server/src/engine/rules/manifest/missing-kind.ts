import { isMap, isScalar, isSeq } from 'yaml';
import { isListObject, isObject, type JsonObject } from '../../model/manifest';
import { locate, spanOf } from '../../yaml/nodes';
import type { RuleFinding } from '../../types';
import { parseTree, topLevelValueSpan } from '../../yaml';
import type { ParsedDocument } from '../../yaml/parse';
import type { Rule } from '../../check/rule';

/** Top-level fields that hold the content of some built-in kind (spec, a ConfigMap's data, a Role's rules...). */
const bodyFields = ['spec', 'data', 'stringData', 'binaryData', 'rules', 'subjects', 'roleRef', 'items', 'template',
  'provisioner', 'parameters', 'webhooks', 'secrets', 'type'];

function isKubernetesObject(value: unknown): boolean {
  return isObject(value) && typeof value.apiVersion === 'string' && value.apiVersion !== '' && typeof value.kind === 'string' && value.kind !== '';
}

/**
 * Whether a document without apiVersion or kind still looks like a Kubernetes object: it has a kind, or
 * `metadata.name` with a field that holds some kind's content. Helm values, CI workflows, Compose files
 * and other configurations have neither.
 */
function looksLikeObject(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typeof value.kind === 'string' && value.kind !== '') return true;
  const metadata = value.metadata;
  return isObject(metadata) && typeof metadata.name === 'string' && bodyFields.some((field) => field in value);
}

/** A sequence of objects with apiVersion and kind: Kubernetes objects written as a YAML list. */
function isListOfObjects(value: unknown): boolean {
  return Array.isArray(value) && value.some(isKubernetesObject);
}

/** The items of a `kind: List` that kubectl cannot apply: not objects with apiVersion and kind. */
function listItemsWithoutKind(list: JsonObject, document: ParsedDocument): RuleFinding[] {
  const items = list.items as unknown[];
  if (items.every(isKubernetesObject)) return [];
  const node = locate(parseTree(document), ['items']).node;
  const findings: RuleFinding[] = [];
  items.forEach((item, index) => {
    if (isKubernetesObject(item)) return;
    const itemNode = isSeq(node) ? node.items[index] : undefined;
    const first = isMap(itemNode) ? itemNode.items[0]?.key : itemNode;
    const span = spanOf(first as Parameters<typeof spanOf>[0]) ?? document.span;
    const missing = isObject(item) ? ['apiVersion', 'kind'].filter((key) => typeof item[key] !== 'string' || item[key] === '') : ['apiVersion', 'kind'];
    findings.push({ ...span, message: `items[${index}] of this ${String(list.kind)} has no ${missing.join(' and no ')}, so kubectl cannot apply it ("Object 'Kind' is missing"). Add ${missing.map((key) => `${key}:`).join(' and ')} to the item.` });
  });
  return findings;
}

/**
 * A document that is not a Kubernetes object: a mapping without apiVersion/kind, or a bare list or
 * scalar; only in a file that otherwise holds Kubernetes objects, or when the document looks like one.
 */
export const manifestMissingKind: Rule = {
  id: 'manifest/missing-kind',
  defaultSeverity: 'warning',
  description: 'A YAML document that has no apiVersion or kind, in a file of Kubernetes objects or looking like one, so Kubernetes cannot tell what object it is.',
  scope: 'document',
  check({ document, file }) {
    const data = document.value;
    if (data === undefined || data === null) return [];
    // An object with both (the usual case) is decided without the tree, which may not be built (engine/yaml).
    if (isKubernetesObject(data)) return isListObject(data as JsonObject) ? listItemsWithoutKind(data as JsonObject, document) : [];
    const inManifestFile = (): boolean => file.documents.some((other: ParsedDocument) => other !== document && isKubernetesObject(other.value));
    if (!looksLikeObject(data) && !isListOfObjects(data) && !inManifestFile()) return [];
    const tree = parseTree(document);
    const contents = tree.contents;
    const span = contents?.range ? { start: contents.range[0], end: contents.range[1] } : document.span;
    const newline = file.text.indexOf('\n', span.start);
    const firstLine = { start: span.start, end: newline < 0 ? span.end : Math.min(span.end, newline) };
    if (isSeq(contents)) {
      return [{ ...firstLine, message: 'This document is a list, not a Kubernetes object. Put each object in its own document (separated by ---), or use kind: List with items.' }];
    }
    if (isScalar(contents)) {
      return [{ ...span, message: 'This document is a plain value, not a Kubernetes object with apiVersion and kind.' }];
    }
    if (!isMap(contents)) return [];
    const value = document.value as Record<string, unknown>;
    const missing = ['apiVersion', 'kind'].filter((key) => typeof value[key] !== 'string' || value[key] === '');
    if (missing.length === 0) return [];
    const anchor = topLevelValueSpan(tree, missing[0] === 'kind' ? 'apiVersion' : 'kind');
    const firstKey = contents.items[0]?.key;
    const keySpan = isScalar(firstKey) && firstKey.range ? { start: firstKey.range[0], end: firstKey.range[1] } : firstLine;
    return [{ ...(anchor ?? keySpan), message:
      `This document has no ${missing.join(' and no ')}, so it is not a Kubernetes object and is not checked. Add ${missing.map((key) => `${key}:`).join(' and ')} (for example apiVersion: apps/v1 and kind: StatefulSet).` }];
  },
};
