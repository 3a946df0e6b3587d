// Helpers shared by the cross-document rules: locations in other objects, the governing Service
// reference of a StatefulSet, and new documents inserted in the user's style.
import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { get, type Manifest } from './workspace-model';
import { parseTree, rootMap } from '../yaml';
import { keySpan, locate, valueSpan, type DataPath } from '../yaml/nodes';
import type { BaseContext } from '../check/rule';
import { renderFlow, renderScalar } from '../edit/insert';
import type { RelatedLocation, Span, TextEditData } from '../types';
import { inTargets, workspaceIndex, type WorkspaceIndex } from './workspace-index';

/** The span of the key at `path` in a manifest (its whole document when the path is missing). */
export function keyAt(manifest: Manifest, path: DataPath): Span {
  return keySpan(parseTree(manifest.document), path) ?? manifest.document.span;
}

export function valueAt(manifest: Manifest, path: DataPath): Span {
  return valueSpan(parseTree(manifest.document), path) ?? manifest.document.span;
}

/** A related location: the key at `path` of another object (its `metadata.name` by default). */
export function relatedAt(manifest: Manifest, message: string, path: DataPath = ['metadata', 'name']): RelatedLocation {
  const exists = locate(parseTree(manifest.document), path).node !== undefined;
  const span = exists ? keyAt(manifest, path) : valueAt(manifest, ['metadata', 'name']);
  return { uri: manifest.uri, start: span.start, end: span.end, message };
}

/** `StatefulSet "web"`, with the namespace when it is not the default one. */
export function describe(manifest: Manifest, namespace: string, defaultNamespace: string): string {
  return `${manifest.kind} ${JSON.stringify(manifest.name)}${namespace === defaultNamespace ? '' : ` (namespace ${JSON.stringify(namespace)})`}`;
}

/** A StatefulSet of the checked files that names a governing Service. */
export interface GoverningRef {
  sts: Manifest;
  namespace: string;
  serviceName: string;
  /**
   * The `spec.serviceName` value. Worked out when read: only a finding needs it, and for a closed
   * file it means parsing the file's trees again (lazy-trees.ts).
   */
  readonly span: Span;
}

/** Every StatefulSet in the target files with a non-empty string `serviceName`. */
export function governingRefs(ctx: BaseContext, index: WorkspaceIndex = workspaceIndex(ctx.model)): GoverningRef[] {
  const refs: GoverningRef[] = [];
  for (const sts of inTargets(ctx, index.statefulSets, index.statefulSetsByUri, (item) => item.uri)) {
    const serviceName = get(sts.value, 'spec', 'serviceName');
    if (typeof serviceName !== 'string' || serviceName === '') continue;
    let span: Span | undefined;
    refs.push({ sts, namespace: ctx.model.namespaceOf(sts), serviceName, get span() { return span ??= valueAt(sts, ['spec', 'serviceName']); } });
  }
  return refs;
}

interface Style {
  unit: number;
  seqIndent: boolean;
  flow: boolean;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The manifest's indentation step, whether its block sequences are indented, and whether it is in flow style. */
export function styleOf(manifest: Manifest): Style {
  const text = manifest.file.text;
  const root = rootMap(parseTree(manifest.document));
  const style: Style = { unit: 2, seqIndent: true, flow: !!root?.flow };
  let unitFound = false;
  let seqFound = false;
  const queue: unknown[] = [root];
  for (let seen = 0; queue.length && seen < 300 && !(unitFound && seqFound); seen++) {
    const node = queue.shift();
    if (!isMap(node) || node.flow) {
      if (isSeq(node)) queue.push(...node.items);
      continue;
    }
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range) continue;
      const keyColumn = column(text, key.range[0]);
      const first = isMap(value) && !value.flow ? (value.items[0]?.key as Node | null) : undefined;
      if (!unitFound && first?.range && column(text, first.range[0]) > keyColumn) {
        style.unit = column(text, first.range[0]) - keyColumn;
        unitFound = true;
      }
      const item = isSeq(value) && !value.flow ? (value.items[0] as Node | null) : undefined;
      if (!seqFound && item?.range) {
        style.seqIndent = column(text, text.lastIndexOf('-', item.range[0])) > keyColumn;
        seqFound = true;
      }
      queue.push(value);
    }
  }
  return style;
}

type Plain = Record<string, unknown>;

function isBlock(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** Block YAML lines for a plain object, with the file's indentation step and sequence style. */
function blockLines(object: Plain, indent: number, style: Style): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  for (const [key, value] of Object.entries(object)) {
    if (!isBlock(value)) {
      lines.push(`${pad}${renderScalar(key)}: ${renderFlow(value)}`);
    } else if (Array.isArray(value)) {
      lines.push(`${pad}${renderScalar(key)}:`);
      const dash = indent + (style.seqIndent ? style.unit : 0);
      for (const item of value) {
        if (isBlock(item) && !Array.isArray(item)) {
          const inner = blockLines(item as Plain, dash + 2, style);
          lines.push(`${' '.repeat(dash)}- ${inner[0].trimStart()}`, ...inner.slice(1));
        } else {
          lines.push(`${' '.repeat(dash)}- ${renderFlow(item)}`);
        }
      }
    } else {
      lines.push(`${pad}${renderScalar(key)}:`, ...blockLines(value as Plain, indent + style.unit, style));
    }
  }
  return lines;
}

const placeholderToken = 'x-statefulset-snippet-placeholder';

/**
 * An edit that inserts a new object as its own document right before `before` (in the same file), in
 * the style of that document. `snippet` replaces one string value equal to {@link snippetValue}.
 */
export function insertDocumentBefore(before: Manifest, object: Record<string, unknown>, snippet?: string): TextEditData {
  const style = styleOf(before);
  // A JSON-like document (double-quoted keys) gets a JSON-like neighbour.
  const json = style.flow && !!rootMap(parseTree(before.document))?.items.some((pair) => isScalar(pair.key) && pair.key.type === Scalar.QUOTE_DOUBLE);
  let body = style.flow ? `${renderFlow(object, json)}\n` : `${blockLines(object, 0, style).join('\n')}\n`;
  if (snippet !== undefined) body = body.replace(placeholderToken, snippet);
  const text = before.file.text;
  const at = before.document.span.start;
  const withMarker = text.startsWith('---', at);
  const edit: TextEditData = { uri: before.uri, start: at, end: at, newText: withMarker ? `---\n${body}` : `${body}---\n` };
  if (snippet !== undefined) edit.snippet = true;
  return edit;
}

/** The value to put where {@link insertDocumentBefore} should place its snippet. */
export const snippetValue = placeholderToken;
