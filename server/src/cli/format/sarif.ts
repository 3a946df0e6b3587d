// Findings → SARIF 2.1.0 (for GitHub code scanning and other CI viewers): one run, the rules' metadata
// (id, short description, default level, help page) and exact regions with 1-based lines and UTF-16
// columns, end column exclusive, plus related locations and the rules' fixes.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding, FixData, Severity } from '../../engine';
import type { Span } from '../../engine';
import type { RuleMeta } from '../../engine';
import { expandSnippet } from '../../engine';
import { findUp, packageVersion } from '../package-info';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
const srcRoot = '%SRCROOT%';

export interface SarifInput {
  findings: readonly Finding[];
  /** Every rule the tool can report (the run's rule metadata), in registry order. */
  rules: readonly RuleMeta[];
  /** 0-based line and UTF-16 column of an offset in a checked file. */
  positionAt(uri: string, offset: number): { line: number; character: number };
  /** Folder the file locations are relative to (`%SRCROOT%`): the repository root in CI. */
  root: string;
  /** Base of the rules' help pages, ending with `/`; `<id>.md` is appended. Default: the shipped docs/rules/ folder. */
  helpBaseUri?: string;
  /** Embed each rule's docs page as `help` (text and markdown), shown by GitHub next to an alert. Default true. */
  embedHelp?: boolean;
  /**
   * Where a finding's document came from, when it was rendered (a `# Source:` comment of `helm template`):
   * a path relative to the root, reported as a related location linked from the message.
   */
  originOf?(finding: Finding): string | undefined;
  /** Problems of the tool itself (a rule that threw), reported as tool execution notifications. */
  notifications?: readonly { ruleId: string; uri: string; message: string }[];
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  helpUri: string;
  help?: SarifMessage;
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: { physicalLocation: SarifPhysicalLocation }[];
  /** An origin (a template) has no region: its line is not known from the rendered output. */
  relatedLocations?: { id: number; message: SarifMessage; physicalLocation: { artifactLocation: SarifArtifactLocation; region?: SarifRegion } }[];
  fixes?: { description: SarifMessage; artifactChanges: { artifactLocation: SarifArtifactLocation; replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[] }[];
  /** `overlays`: the Kustomize overlays whose built objects have the problem (the location is their source). */
  properties?: { overlays: string[] };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version?: string; semanticVersion?: string; informationUri?: string; rules: SarifReportingDescriptor[] } };
    originalUriBaseIds: Record<string, { uri: string; description?: SarifMessage }>;
    artifacts: { location: SarifArtifactLocation; sourceLanguage: string }[];
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: SarifLevel; message: SarifMessage; descriptor?: { id: string } }[] }[];
  }[];
}

/** The SARIF log of one run of the checker. */
export function toSarif(input: SarifInput): SarifLog {
  const docsDir = findUp(join('docs', 'rules'));
  const helpBase = input.helpBaseUri ?? (docsDir ? `${pathToFileURL(docsDir).href}/` : undefined);
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.id, index]));
  const rules = input.rules.map((rule) => descriptor(rule, helpBase, input.embedHelp !== false ? docsDir : undefined));
  const artifacts: SarifLog['runs'][0]['artifacts'] = [];
  const artifactIndex = new Map<string, number>();

  const artifactOf = (uri: string): SarifArtifactLocation => {
    const location = artifactUri(uri, input.root);
    let index = artifactIndex.get(location.uri);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(location.uri, index);
      artifacts.push({ location: { ...location }, sourceLanguage: 'yaml' });
    }
    return { ...location, index };
  };
  const regionOf = (uri: string, span: Span): SarifRegion => {
    const start = input.positionAt(uri, span.start);
    const end = input.positionAt(uri, Math.max(span.start, span.end));
    return {
      startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
      charOffset: span.start, charLength: Math.max(0, span.end - span.start),
    };
  };
  const physical = (uri: string, span: Span): SarifPhysicalLocation => ({ artifactLocation: artifactOf(uri), region: regionOf(uri, span) });

  const results = input.findings.map((finding): SarifResult => {
    const result: SarifResult = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
      level: levels[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: physical(finding.uri, finding) }],
    };
    if (result.ruleIndex < 0) delete (result as Partial<SarifResult>).ruleIndex;
    if (finding.related?.length) {
      result.relatedLocations = finding.related.map((related, index) => ({
        id: index + 1, message: { text: related.message }, physicalLocation: physical(related.uri, related),
      }));
    }
    const origin = input.originOf?.(finding);
    if (origin) {
      // GitHub code scanning shows related locations as links where the message embeds them
      // (`[text](id)`); it does not show logical locations.
      const id = (result.relatedLocations?.length ?? 0) + 1;
      const text = `Rendered from ${origin}`;
      result.relatedLocations = [...(result.relatedLocations ?? []), { id, message: { text }, physicalLocation: { artifactLocation: artifactOf(origin) } }];
      result.message.text += ` (rendered from [${origin.replace(/[[\]\\]/g, '\\$&')}](${id}))`;
    }
    if (finding.fixes?.length) result.fixes = finding.fixes.map((fix) => sarifFix(fix, artifactOf, regionOf));
    if (finding.overlays?.length) result.properties = { overlays: finding.overlays };
    return result;
  });

  const version = packageVersion();
  const notifications = (input.notifications ?? []).map((note) => ({
    level: 'error' as const,
    message: { text: `Internal error in rule ${note.ruleId}${note.uri ? ` on ${artifactUri(note.uri, input.root).uri}` : ''}: ${note.message}` },
    descriptor: { id: note.ruleId },
  }));
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'statefulset-lint', ...(version ? { version, semanticVersion: version } : {}), rules } },
      originalUriBaseIds: { [srcRoot]: { uri: `${pathToFileURL(input.root).href.replace(/\/?$/, '/')}`, description: { text: 'The folder statefulset-lint ran in.' } } },
      artifacts,
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{ executionSuccessful: notifications.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
    }],
  };
}

function descriptor(rule: RuleMeta, helpBase: string | undefined, docsDir: string | undefined): SarifReportingDescriptor {
  const short = rule.description.split(/(?<=\.)\s/)[0];
  const result: SarifReportingDescriptor = {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: short },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: levels[rule.defaultSeverity] },
    helpUri: `${helpBase ?? 'file:///docs/rules/'}${rule.id.split('/').map(encodeURIComponent).join('/')}.md`,
    properties: { tags: ['kubernetes', rule.id.split('/')[0]] },
  };
  const page = docsDir ? join(docsDir, `${rule.id}.md`) : undefined;
  if (page && existsSync(page)) {
    const markdown = readFileSync(page, 'utf8');
    result.help = { text: markdown, markdown };
  }
  return result;
}

/** `schema/unknown-field` → `SchemaUnknownField` (SARIF's identifier-like rule name). */
function ruleName(id: string): string {
  return id.split(/[/-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

function sarifFix(
  fix: FixData,
  artifactOf: (uri: string) => SarifArtifactLocation,
  regionOf: (uri: string, span: Span) => SarifRegion,
): NonNullable<SarifResult['fixes']>[number] {
  const byUri = new Map<string, FixData['edits']>();
  for (const edit of fix.edits) byUri.set(edit.uri, [...(byUri.get(edit.uri) ?? []), edit]);
  return {
    description: { text: fix.title },
    artifactChanges: [...byUri].map(([uri, edits]) => ({
      artifactLocation: artifactOf(uri),
      replacements: edits.map((edit) => ({
        deletedRegion: regionOf(uri, edit),
        insertedContent: { text: edit.snippet ? expandSnippet(edit.newText) : edit.newText },
      })),
    })),
  };
}

/** A file's location relative to the root (forward slashes, percent-encoded), or an absolute file URI outside it. */
export function artifactUri(uri: string, root: string): { uri: string; uriBaseId?: string } {
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  if (!isAbsolute(path)) return { uri: encodePath(path.split(sep).join('/')), uriBaseId: srcRoot };
  const rel = relative(root, path);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return { uri: encodePath(rel.split(sep).join('/')), uriBaseId: srcRoot };
  return { uri: pathToFileURL(path).href };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
