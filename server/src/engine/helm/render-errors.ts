// A failed `helm template` → one `helm/render-error` BuildProblem at the template line and column
// that failed, from Helm 3's and Helm 4's messages:
//   Helm 3  template: kvdb/templates/sts.yaml:12:27: executing "..." at <.Values.x.y>: nil pointer ...
//   Helm 4  kvdb/templates/sts.yaml:12:27\n  executing "..." at <.Values.x.y>:\n    nil pointer ...
//   both    execution error at (kvdb/templates/sts.yaml:13:24): persistence.size is required
//           parse error at (kvdb/templates/sts.yaml:9): unexpected EOF
//           YAML parse error on kvdb/templates/sts.yaml: error converting YAML to JSON: yaml: line 16: ...
// Columns are Go byte offsets in the line (0-based). YAML error lines count lines of the rendered
// document (see yaml-errors.ts). Values failing values.schema.json are reported by values-errors.ts.
import type { BuildProblem, Origin } from '../model/provenance';
import type { Span } from '../types';
import { scanActions } from './actions';
import { blankTemplate } from './blank';
import { sourceToUri, type ChartLayout } from './chart';
import { renderErrorRule as renderErrorMeta } from './problems';
import { lineAt } from './structure';

const renderErrorRule = renderErrorMeta.id;


export interface HelmErrorLocation {
  /** The path as Helm prints it: `kvdb/templates/statefulset.yaml`. */
  source: string;
  /** 1-based line. */
  line: number;
  /** 0-based byte offset in the line, when given. */
  column?: number;
}

export interface HelmError {
  kind: 'execute' | 'parse' | 'yaml' | 'values-schema' | 'other';
  /** The error text (Helm's `Error: ` line and what follows, debug output removed). */
  text: string;
  /** The places named, outermost first (an include's call site before the helper's line). */
  locations: HelmErrorLocation[];
  /** Helm's own message after the last place. */
  message: string;
  /** The template node that failed (`.Values.image.repository`), when named. */
  node?: string;
}

const debugLine = /^(?:\S+\.go:\d+: |level=|\t|helm\.sh\/|github\.com\/|main\.|runtime\.|goroutine )/;

/** The error part of Helm's standard error (without debug logs, stack traces and the `--debug` hint). */
export function errorText(stderr: string): string {
  const lines = stderr.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Error: '));
  if (start < 0) return lines.filter((line) => line.trim() !== '' && !debugLine.test(line)).join('\n').trim();
  const kept: string[] = [lines[start].slice('Error: '.length)];
  for (const line of lines.slice(start + 1)) {
    if (debugLine.test(line) || line.startsWith('Use --debug flag')) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

const pathEnd = /\.(?:yaml|yml|tpl|txt|json):\d/g;
const stops = new Set([' ', '\t', '\n', '\r', ':', '(', ')', '"', '<', '>']);

/** Every `path.yaml:LINE[:COLUMN]` in Helm's text, with where it ends (a hand-written scan: linear). */
function locationsIn(text: string): { source: string; line: number; column?: number; end: number }[] {
  const found: { source: string; line: number; column?: number; end: number }[] = [];
  for (const match of text.matchAll(pathEnd)) {
    const colon = (match.index ?? 0) + match[0].length - 2;
    let start = match.index ?? 0;
    while (start > 0 && !stops.has(text[start - 1])) start--;
    if (start === match.index) continue;
    const digits = (from: number): number => { let at = from; while (at < text.length && text[at] >= '0' && text[at] <= '9') at++; return at; };
    const lineEnd = digits(colon + 1);
    const columnEnd = text[lineEnd] === ':' ? digits(lineEnd + 1) : lineEnd;
    found.push({ source: text.slice(start, colon), line: Number(text.slice(colon + 1, lineEnd)),
      ...(columnEnd > lineEnd + 1 ? { column: Number(text.slice(lineEnd + 1, columnEnd)) } : {}), end: columnEnd > lineEnd + 1 ? columnEnd : lineEnd });
  }
  return found;
}

/** Lines joined by single spaces, each trimmed: line breaks and the spaces around them collapsed, in linear time. */
export function joinLines(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
}

/** Reads Helm's error into its parts. Never throws. */
export function parseHelmError(stderr: string): HelmError {
  const text = errorText(stderr);
  const locations: HelmErrorLocation[] = [];
  let lastEnd = 0;
  for (const { end, ...location } of locationsIn(text)) {
    locations.push(location);
    lastEnd = end;
  }
  if (text.startsWith("values don't meet the specifications of the schema")) return { kind: 'values-schema', text, locations: [], message: text };
  if (text.startsWith('YAML parse error on ')) {
    const message = text.slice(text.indexOf(':', 'YAML parse error on '.length) + 1).trim();
    const source = text.slice('YAML parse error on '.length).split(':')[0].trim();
    return { kind: 'yaml', text, locations: [{ source, line: 1 }], message };
  }
  const nodes = [...text.matchAll(/at <([^>\n]*)>/g)];
  const node = nodes.length ? nodes[nodes.length - 1][1] : undefined;
  let message = text.slice(lastEnd).replace(/^\)?:?\s*/, '');
  // Helm 3 puts the node and the message on the same line: `: executing "x" at <node>: message`.
  const executing = /^executing "[^"\n]*" at <[^>\n]*>:\s*/;
  message = joinLines(message.replace(executing, ''));
  const kind = text.startsWith('parse error') ? 'parse' : locations.length > 0 ? 'execute' : 'other';
  return { kind, text, locations, message: message || text, ...(node !== undefined ? { node } : {}) };
}

/** The offset of a Go byte column in a line of `text`. */
function offsetOfByteColumn(text: string, lineStart: number, byteColumn: number): number {
  let bytes = 0;
  let at = lineStart;
  while (at < text.length && text[at] !== '\n' && bytes < byteColumn) {
    const code = text.codePointAt(at) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    at += code > 0xffff ? 2 : 1;
  }
  return at;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** The span to underline at a 1-based line and byte column: the action there, else the line's text. */
export function spanAt(text: string, line: number, byteColumn?: number): Span {
  const starts = lineStartsOf(text);
  const index = Math.min(Math.max(0, line - 1), starts.length - 1);
  const lineStart = starts[index];
  const lineEnd = index + 1 < starts.length ? starts[index + 1] - 1 : text.length;
  if (byteColumn !== undefined) {
    const offset = offsetOfByteColumn(text, lineStart, byteColumn);
    const action = scanActions(text.slice(lineStart, lineEnd)).find((candidate) => lineStart + candidate.start <= offset && offset < lineStart + candidate.end);
    if (action) return { start: lineStart + action.start, end: lineStart + action.end };
    return { start: offset, end: Math.max(offset + 1, Math.min(lineEnd, offset + 1)) };
  }
  let start = lineStart;
  while (start < lineEnd && (text[start] === ' ' || text[start] === '\t')) start++;
  return { start, end: Math.max(start, lineEnd) };
}

export interface ErrorContext {
  chart: ChartLayout;
  /** The text of a chart file, when at hand. */
  fileText(uri: string): string | undefined;
}

/** An origin for a place Helm names; the chart's Chart.yaml when the file is not at hand. */
export function originAt(context: ErrorContext, location: HelmErrorLocation): Origin {
  const uri = sourceToUri(location.source, context.chart);
  const text = uri ? context.fileText(uri) : undefined;
  if (!uri || text === undefined) return { uri: context.chart.chartYaml, docIndex: 0, path: [], span: { start: 0, end: 0 } };
  return { uri, docIndex: 0, path: [], span: spanAt(text, location.line, location.column) };
}

function hint(message: string): string {
  if (/nil pointer evaluating/.test(message)) return ' A value on the way is missing from the values: set it in values.yaml, or guard it with `with`, `if` or `default`.';
  if (/function "[^"]+" not defined/.test(message)) return ' Helm has no such function (it has Go template and Sprig functions): check the name.';
  if (/unexpected EOF/.test(message)) return ' An action is not closed: every `if`, `range`, `with` and `define` needs its `{{ end }}`.';
  if (/wrong type for value|can't evaluate field/.test(message)) return ' The value has another type than this template expects: check the values.';
  return '';
}

/** An unclosed if/range/with/define, for an `unexpected EOF` parse error: the real place of the mistake. */
function unclosedBlock(text: string): Span | undefined {
  const block = blankTemplate(text).blocks.find((candidate) => !candidate.closer);
  return block ? { start: block.opener.start, end: block.opener.end } : undefined;
}

/** The `helm/render-error` problem for an execution or template parse error. */
export function executionProblem(error: HelmError, context: ErrorContext): BuildProblem {
  const innermost = error.locations[error.locations.length - 1];
  if (!innermost) {
    return { ruleId: renderErrorRule, message: `helm template failed: ${error.message}`, origin: { uri: context.chart.chartYaml, docIndex: 0, path: [], span: { start: 0, end: 0 } } };
  }
  let origin = originAt(context, innermost);
  const calledFrom = error.locations.slice(0, -1).map((location) => `${location.source}:${location.line}`);
  let message = error.kind === 'parse' ? `The template does not parse: ${error.message}.` : `helm template failed: ${error.message}`;
  if (error.node && error.kind === 'execute' && !message.includes(`<${error.node}>`)) message += ` (at ${error.node})`;
  if (calledFrom.length) message += ` (included from ${calledFrom.join(', ')})`;
  if (/unexpected EOF/.test(error.message)) {
    const text = context.fileText(origin.uri);
    const opener = text !== undefined ? unclosedBlock(text) : undefined;
    if (opener && text !== undefined) {
      origin = { ...origin, span: opener };
      message = `The template does not parse: this action has no {{ end }} (Helm: unexpected EOF at line ${innermost.line}).`;
    }
  }
  message += hint(error.message);
  const text = context.fileText(origin.uri);
  if (text !== undefined && origin.span) origin.docIndex = Math.max(0, documentOf(text, origin.span.start));
  return { ruleId: renderErrorRule, message, origin };
}

/** Index of the `---` document of a template holding an offset (its blanked text parses like the template). */
function documentOf(text: string, offset: number): number {
  const starts = lineStartsOf(text);
  const line = lineAt(starts, offset);
  let count = 0;
  for (let index = 0; index < line; index++) {
    const end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length;
    if (/^---(?:\s|$)/.test(text.slice(starts[index], end)) && index > 0) count++;
  }
  return count;
}
