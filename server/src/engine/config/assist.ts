// Completion and hover in a configuration file, from its JSON Schema (schema.ts): the keys not yet
// written at the cursor's level, the rule ids under `rules`, enum values after `key: `, and each key's
// documentation. Pure functions of the text and an offset; line-based, so they work on a half-typed
// file that does not parse.
import { allRules } from '../rules';
import type { Span } from '../types';
import { configSchema, type ConfigSchema } from './schema';

export interface ConfigCompletion {
  label: string;
  kind: 'key' | 'value';
  insertText: string;
  detail?: string;
  documentation?: string;
}

export interface ConfigHover {
  markdown: string;
  span: Span;
}

interface Line { start: number; text: string; indent: number; key?: string; parents: string }

const keyPattern = /^(\s*)(?:- )?([\w$./-]+)\s*:/;

/** The lines, each with its key and the keys of the mappings around it (one pass, a stack of keys). */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const stack: { indent: number; key: string }[] = [];
  for (let start = 0; start <= text.length;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    const line = text.slice(start, stop).replace(/\r$/, '');
    const match = keyPattern.exec(line);
    const indent = line.length - line.trimStart().length;
    const content = line.trim() !== '' && !line.trimStart().startsWith('#');
    if (content) while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    lines.push({ start, text: line, indent, key: match?.[2], parents: stack.map((entry) => entry.key).join('\n') });
    if (content && match) stack.push({ indent, key: match[2] });
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

/** The keys of the mappings that contain a line at `indent`, outermost first (by indentation). */
function parentPath(lines: Line[], index: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = index - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i];
    if (!line.text.trim() || line.text.trimStart().startsWith('#')) continue;
    if (line.indent < limit && line.key) {
      path.unshift(line.key);
      limit = line.indent;
    }
  }
  return path;
}

function schemaAt(path: string[]): ConfigSchema | undefined {
  let schema: ConfigSchema | undefined = configSchema;
  for (const step of path) {
    if (!schema) return undefined;
    schema = schema.properties?.[step] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
  }
  return schema;
}

function ruleDoc(id: string): string | undefined {
  const rule = allRules.find((candidate) => candidate.id === id);
  return rule ? `**${rule.id}** (default: ${rule.defaultSeverity})\n\n${rule.description}` : undefined;
}

function keyDoc(schema: ConfigSchema): string {
  const values = schema.enum ? `\n\nValues: ${schema.enum.map((value) => `\`${value}\``).join(', ')}` : '';
  return `${schema.markdownDescription ?? schema.description ?? ''}${values}`;
}

/** What can be written at `offset`. */
export function configCompletions(text: string, offset: number): ConfigCompletion[] {
  const lines = linesOf(text);
  const index = lines.findIndex((line, i) => offset >= line.start && (i === lines.length - 1 || offset < lines[i + 1].start));
  if (index < 0) return [];
  const line = lines[index];
  const before = line.text.slice(0, offset - line.start);
  const valueMatch = /^(\s*)([\w$./-]+)\s*:\s*("?[\w.-]*)$/.exec(before);
  if (valueMatch) {
    const schema = schemaAt([...parentPath(lines, index, valueMatch[1].length), valueMatch[2]]);
    return (schema?.enum ?? []).map((value) => ({ label: value, kind: 'value' as const, insertText: value }));
  }
  if (!/^\s*[\w$./-]*$/.test(before)) return [];
  const indent = before.length - before.trimStart().length;
  const path = parentPath(lines, index, indent);
  const schema = schemaAt(path);
  if (!schema || schema.type !== 'object') return [];
  // Keys already written at this level (same indentation, same parent) are not offered again.
  const written = new Set<string>();
  const parents = path.join('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i !== index && lines[i].key && lines[i].indent === indent && lines[i].parents === parents) written.add(lines[i].key!);
  }
  if (schema.propertyNames) {
    return schema.propertyNames.enum.filter((id) => !written.has(id)).map((id) => ({
      label: id, kind: 'key' as const, insertText: `${id}: `, detail: allRules.find((rule) => rule.id === id)?.defaultSeverity, documentation: ruleDoc(id),
    }));
  }
  return Object.entries(schema.properties ?? {}).filter(([key]) => !written.has(key) && key !== '$schema').map(([key, property]) => ({
    label: key, kind: 'key' as const,
    insertText: property.type === 'object' || property.type === 'array' ? `${key}:\n${' '.repeat(indent + 2)}` : `${key}: `,
    detail: property.type, documentation: keyDoc(property),
  }));
}

/** The documentation of the key (or rule id) under `offset`. */
export function configHover(text: string, offset: number): ConfigHover | undefined {
  const lines = linesOf(text);
  const index = lines.findIndex((line, i) => offset >= line.start && (i === lines.length - 1 || offset < lines[i + 1].start));
  const line = lines[index];
  if (!line?.key) return undefined;
  const keyStart = line.start + line.text.indexOf(line.key, line.indent);
  const span = { start: keyStart, end: keyStart + line.key.length };
  if (offset < span.start || offset > span.end) return undefined;
  const path = [...(line.parents ? line.parents.split('\n') : []), line.key];
  if (path.length === 2 && path[0] === 'rules') {
    const doc = ruleDoc(line.key);
    return doc ? { markdown: doc, span } : undefined;
  }
  const schema = schemaAt(path);
  return schema && (schema.description || schema.markdownDescription) ? { markdown: `**${path.join('.')}**\n\n${keyDoc(schema)}`, span } : undefined;
}
