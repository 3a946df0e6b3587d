// Completion: keys allowed at the cursor (from the schema), enum values, kinds and apiVersions.
//
// The cursor's place in the tree is found by putting a placeholder key where the user is typing and
// parsing the document again: the placeholder's path is the path being completed. This works for
// half-typed keys, empty lines and new list items, where the original text has no node at all.
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Pair } from 'yaml';
import { isObject, objectAt } from '../model/manifest';
import type { DataPath } from '../yaml/nodes';
import type { ParsedFile } from '../yaml/parse';
import { typeName, type JsonSchema, type SchemaStore } from '../schema/store';
import type { Span } from '../types';

export interface CompletionData {
  label: string;
  kind: 'property' | 'value' | 'kind' | 'file' | 'folder';
  detail?: string;
  documentation?: string;
  insertText: string;
  /** The text the item replaces. */
  span: Span;
}

const placeholder = '__statefulset_completion__';
const wordChar = /[A-Za-z0-9_./-]/;

export function complete(file: ParsedFile, offset: number, store: SchemaStore): CompletionData[] {
  const text = file.text;
  const document = file.documents.find((doc) => offset >= doc.span.start && offset <= doc.span.end)
    ?? file.documents[file.documents.length - 1];
  const docStart = document ? document.span.start : 0;
  const docEnd = document ? Math.max(document.span.end, offset) : text.length;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  let wordStart = offset;
  while (wordStart > lineStart && wordChar.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && wordChar.test(text[wordEnd])) wordEnd++;
  const span = { start: wordStart, end: wordEnd };
  const documentValue = isObject(document?.value) ? document.value : {};

  const valueMatch = /^\s*(?:- )*([A-Za-z0-9_./-]+):\s+["']?[A-Za-z0-9_./-]*$/.exec(before);
  if (valueMatch) {
    const keyOffset = lineStart + before.indexOf(valueMatch[1]);
    return completeValue(text.slice(docStart, docEnd), keyOffset - docStart, valueMatch[1], span, store, documentValue);
  }
  if (!/^\s*(?:- )*[A-Za-z0-9_./-]*$/.test(before)) return [];
  const after = text.slice(wordEnd, text.indexOf('\n', wordEnd) < 0 ? text.length : text.indexOf('\n', wordEnd));
  const patched = text.slice(docStart, wordStart) + placeholder + (after.trimStart().startsWith(':') ? '' : ': 0') + text.slice(wordEnd, docEnd);
  const site = placeholderSite(patched);
  if (!site) return [];
  const { value, apiVersion, kind, path } = objectAt(documentValue, site.path);
  const { present } = site;
  if (path.length === 0 && (!apiVersion || !kind)) {
    return ['apiVersion', 'kind', 'metadata'].filter((key) => !(key in value))
      .map((key) => ({ label: key, kind: 'property' as const, insertText: `${key}: `, span }));
  }
  if (!apiVersion || !kind) return [];
  const schema = store.schemaAt(apiVersion, kind, path);
  if (!schema?.properties) return [];
  return Object.entries(schema.properties)
    .filter(([key]) => !present.has(key))
    .map(([key, property]) => {
      const resolved = store.resolve(property);
      return {
        label: key,
        kind: 'property' as const,
        detail: typeName(property, store) + ((schema.required ?? []).includes(key) ? ' (required)' : ''),
        documentation: resolved?.description,
        insertText: `${key}:${insertSuffix(resolved)}`,
        span,
      };
    });
}

function insertSuffix(schema: JsonSchema | undefined): string {
  if (!schema) return ' ';
  if (schema.type === 'object' && !schema.k8sQuantity) return '\n  ';
  if (schema.type === 'array') return '\n  - ';
  return ' ';
}

/** The data path of a pair from `visit`'s ancestors: keys of pairs, indexes of sequence items. */
function ancestorsPath(ancestors: readonly unknown[]): DataPath {
  const path: DataPath = [];
  let previous: unknown;
  for (const ancestor of ancestors) {
    if (isSeq(previous)) path.push(previous.items.indexOf(ancestor as never));
    if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
    previous = ancestor;
  }
  return path;
}

/** The data path of the first pair accepted by `match`, including that pair's key when `withKey`. */
function findPairPath(text: string, match: (pair: Pair) => boolean, withKey: boolean): DataPath | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  let found: DataPath | undefined;
  visit(doc, {
    Pair(_key, pair, ancestors) {
      if (!match(pair)) return undefined;
      found = ancestorsPath(withKey ? [...ancestors, pair] : ancestors);
      return visit.BREAK;
    },
  });
  return found;
}

/** Where the placeholder key stands: the data path of its mapping and the keys already written beside it. */
function placeholderSite(text: string): { path: DataPath; present: Set<string> } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  let found: { path: DataPath; present: Set<string> } | undefined;
  visit(doc, {
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.value !== placeholder) return undefined;
      const map = ancestors[ancestors.length - 1];
      const present = new Set<string>();
      if (isMap(map)) for (const item of map.items) if (isScalar(item.key)) present.add(String(item.key.value));
      found = { path: ancestorsPath(ancestors), present };
      return visit.BREAK;
    },
  });
  return found;
}

function completeValue(text: string, keyOffset: number, key: string, span: Span, store: SchemaStore, documentValue: Record<string, unknown>): CompletionData[] {
  const documentPath = findPairPath(text, (pair) => isScalar(pair.key) && pair.key.range?.[0] === keyOffset, true);
  if (!documentPath) return [];
  const { apiVersion, kind, path } = objectAt(documentValue, documentPath);
  if (key === 'kind' && path.length === 1) {
    const kinds = Object.values(store.bundle.kinds).filter((info) => !apiVersion || info.apiVersion === apiVersion);
    return [...new Set(kinds.map((info) => info.kind))].sort()
      .map((name) => ({ label: name, kind: 'kind' as const, insertText: name, span }));
  }
  if (key === 'apiVersion' && path.length === 1) {
    const versions = Object.values(store.bundle.kinds).filter((info) => !kind || info.kind === kind).map((info) => info.apiVersion);
    return [...new Set(versions)].sort().map((version) => ({ label: version, kind: 'value' as const, insertText: version, span }));
  }
  if (!apiVersion || !kind) return [];
  const schema = store.schemaAt(apiVersion, kind, path);
  const values = schema?.enum?.map(String) ?? (schema?.type === 'boolean' ? ['true', 'false'] : []);
  return values.map((item) => ({ label: item === '' ? '""' : item, kind: 'value' as const, insertText: item === '' ? '""' : item, span }));
}
