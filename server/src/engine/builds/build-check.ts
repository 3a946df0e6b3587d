// Checks one build: its objects are written as a YAML text (virtual.ts), read by the YAML layer into a
// workspace model of their own (so cross-file rules pair only objects that this build holds together),
// and every rule runs on them with the normal checker. Each finding is then placed on the source: the
// data path under its span in the rendered text → the object's `originOf(path)` → that place in the
// source file (place.ts). Related locations are placed the same way; a fix is kept only when every one
// of its edits replaces, in a source file, exactly the text it replaced in the rendered object (a value
// written as is in the base or the patch) with a value the sources hold as is (not a name the overlay
// made), since a fix of a rendered value is otherwise wrong.
// The build's own problems (a missing file, a patch that matches nothing) become findings on their entries.
import { createChecker } from '../check/runner';
import { isSuppressed } from '../check/suppress';
import type { Rule } from '../check/rule';
import { describeBuilt, type Build, type BuiltObject, type Origin } from '../model/provenance';
import { get } from '../model/manifest';
import { WorkspaceModel } from '../model/workspace-model';
import { setCompleteness } from '../model/completeness';
import { allRules } from '../rules';
import type { SchemaStore } from '../schema/store';
import { parseFile, parseTree, reparseFile, type ParsedDocument, type ParsedFile } from '../yaml';
import type { DataPath } from '../yaml/nodes';
import type { EngineSettings, Finding, FixData, RelatedLocation, Severity, Span, TextEditData } from '../types';
import { claimTemplateFix } from './claim-template-fix';
import { placeOrigin, type Placed } from './place';
import { pathAtSpan, renderObjects, virtualUri } from './virtual';

/** A finding of one build, placed on its source; the message is the rule's, without the build's name. */
export interface BuildFinding extends Finding {
  build: { uri: string; label: string; naming?: Build['naming'] };
  /** A problem of the build itself (on a kustomization entry), not of a built object. */
  problem: boolean;
}

/**
 * A checked build's rendered objects, for what reads them besides the rules (the identities preview):
 * the model of the build alone, where its spans are on the sources, and its object findings both as
 * found in the rendered text and as placed on the sources (suppressed ones left out).
 */
export interface RenderedBuild {
  build: Build;
  /** The uri of the rendered text in `model` (one document per object, document i = object i). */
  uri: string;
  model: WorkspaceModel;
  /** The source place of a span of the rendered text. */
  place(span: Span): Placed;
  findings: readonly { rendered: Finding; placed: BuildFinding }[];
}

export interface BuildEnv {
  schemas: SchemaStore;
  settings: EngineSettings;
  /** A source file by uri (the model's, or one a builder read through the host). */
  file(uri: string): ParsedFile | undefined;
  onRuleError?: (ruleId: string, uri: string, error: unknown) => void;
}

/** The rules that judge built objects: all but those about the text (a rendered text has no YAML mistakes). */
const objectRules: readonly Rule[] = allRules.filter((rule) => rule.scope !== 'build' && rule.scope !== 'file'
  && !rule.id.startsWith('yaml/') && rule.id !== 'manifest/missing-kind');

const ruleById = new Map(allRules.map((rule) => [rule.id, rule]));

/** Findings on keys are placed on the source's key; those of unknown and deprecated kustomization fields too. */
const problemsOnKeys = new Set(['kustomize/unknown-field', 'kustomize/deprecated-field', 'kustomize/unsupported-feature', 'kustomize/claim-template-patch']);

function severityOf(ruleId: string, settings: EngineSettings, given: Severity | undefined): Severity | 'off' {
  return settings.rules[ruleId] ?? given ?? ruleById.get(ruleId)?.defaultSeverity ?? 'error';
}

function place(origin: Origin, onKey: boolean, env: BuildEnv): Placed | undefined {
  return placeOrigin(origin, onKey, env.file(origin.uri));
}

/** Where a finding goes when its origin cannot be placed: the start of the build's file. */
function fallback(build: Build): Placed {
  return { uri: build.uri, start: 0, end: 0, exact: false };
}

export class BuildCheck {
  private readonly model: WorkspaceModel;
  private rendered: ParsedFile | undefined;
  private last: { build: Build; settings: EngineSettings; findings: BuildFinding[]; rendered?: RenderedBuild } | undefined;

  constructor(readonly buildUri: string) {
    this.model = new WorkspaceModel();
  }

  /** The build's findings on their sources (computed again only for a new build or new settings). */
  check(build: Build, env: BuildEnv): BuildFinding[] {
    if (this.last?.build === build && this.last.settings === env.settings) return this.last.findings;
    const findings: BuildFinding[] = [];
    const emit = (finding: Finding, problem: boolean): BuildFinding | undefined => {
      const file = env.file(finding.uri);
      if (file && isSuppressed(file, finding)) return undefined;
      const emitted = { ...finding, build: { uri: build.uri, label: build.label, ...(build.naming ? { naming: build.naming } : {}) }, problem };
      findings.push(emitted);
      return emitted;
    };
    for (const problem of build.problems) {
      const severity = severityOf(problem.ruleId, env.settings, problem.severity);
      const placed = place(problem.origin, problemsOnKeys.has(problem.ruleId), env) ?? fallback(build);
      const fix = problem.fix && claimTemplateFix(problem.fix, env.file);
      if (severity !== 'off') emit({ uri: placed.uri, start: placed.start, end: placed.end, ruleId: problem.ruleId, severity, message: problem.message, ...(fix ? { fixes: [fix] } : {}) }, true);
    }
    const unsupported = severityOf('kustomize/unsupported-feature', env.settings, undefined);
    for (const { feature, origin } of build.unsupported) {
      const placed = place(origin, true, env) ?? fallback(build);
      const message = `The built-in renderer does not support ${feature}: the objects of ${build.label} are not checked as rendered (their files are still checked on their own). Check the output of \`kubectl kustomize\` instead.`;
      if (unsupported !== 'off') emit({ uri: placed.uri, start: placed.start, end: placed.end, ruleId: `${build.tool}/unsupported-feature`, severity: unsupported, message }, true);
    }
    let rendered: RenderedBuild | undefined;
    if (build.unsupported.length === 0 && build.objects.length > 0) {
      const { mapper, pairs } = this.checkObjects(build, env);
      const kept: RenderedBuild['findings'][number][] = [];
      for (const pair of pairs) {
        const placed = emit(pair.placed, false);
        if (placed) kept.push({ rendered: pair.rendered, placed });
      }
      rendered = { build, uri: virtualUri(this.buildUri), model: this.model, place: (span) => mapper.placeSpan(span), findings: kept };
    }
    this.last = { build, settings: env.settings, findings, rendered };
    return findings;
  }

  /** The build's rendered objects as of its last check, or undefined when they were not checked (unsupported, failed). */
  renderedBuild(): RenderedBuild | undefined {
    return this.last?.rendered;
  }

  /** Runs the rules on the rendered objects; returns their findings as found and as placed on the sources. */
  private checkObjects(build: Build, env: BuildEnv): { mapper: FindingMapper; pairs: { rendered: Finding; placed: Finding }[] } {
    const uri = virtualUri(this.buildUri);
    const text = renderObjects(build.objects);
    this.rendered = this.rendered && !this.rendered.skipped ? reparseFile(this.rendered, text, 0, Number.POSITIVE_INFINITY) : parseFile(uri, text);
    this.model.defaultNamespace = env.settings.defaultNamespace;
    this.model.setFile(this.rendered);
    // What is unknown of objects read from templates (model/completeness.ts), for the rules to ask.
    for (const document of this.rendered.documents) setCompleteness(document, build.objects[document.index]?.isComplete);
    const rules = build.skipRules ? objectRules.filter((rule) => !build.skipRules!.includes(rule.id)) : objectRules;
    const checker = createChecker(this.model, env.schemas, env.settings, { rules, onRuleError: env.onRuleError });
    const found = checker.checkFiles([uri]).get(uri) ?? [];
    const rendered = this.rendered;
    const mapper = new FindingMapper(rendered, build, env);
    const pairs: { rendered: Finding; placed: Finding }[] = [];
    for (const finding of found) {
      // A finding that depends on what an action printed is dropped (the mapper says it is uncertain).
      const placed = mapper.map(finding);
      if (placed) pairs.push({ rendered: finding, placed });
    }
    return { mapper, pairs };
  }

}

/** The deletion (`$patch: delete`) of an element whose merge key is the value at `path`, outside that element's list. */
function removalNamedAt(object: BuiltObject, path: DataPath): NonNullable<BuiltObject['removals']>[number] | undefined {
  if (!object.removals) return undefined;
  const value = get(object.value, ...path);
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return object.removals.find((removal) => Object.values(removal.key).includes(String(value))
    && !removal.path.every((step, index) => path[index] === step));
}

/** Places one build's findings, related locations and fixes from the rendered text onto the sources. */
class FindingMapper {
  constructor(private readonly rendered: ParsedFile, private readonly build: Build, private readonly env: BuildEnv) {}

  private documentAt(offset: number): { document: ParsedDocument; object: BuiltObject } | undefined {
    const document = this.rendered.documents.find((candidate) => offset >= candidate.span.start && offset <= candidate.span.end);
    const object = document ? this.build.objects[document.index] : undefined;
    return document && object ? { document, object } : undefined;
  }

  /** The source place of a span of the rendered text (and the deletion that caused it, when one did). */
  placeSpan(span: Span): Placed & { deletion?: Placed; uncertain?: boolean; printed?: string } {
    const at = this.documentAt(span.start);
    if (!at) return fallback(this.build);
    const { path, onKey } = pathAtSpan(parseTree(at.document), span);
    const origin = path.length === 0 ? at.object.origin : at.object.originOf(path);
    const placed = place(origin, onKey, this.env) ?? place(at.object.origin, true, this.env) ?? fallback(this.build);
    const uncertain = at.object.uncertain?.(path, onKey) ?? false;
    // A value a template action printed: the message says what it rendered to ("replicas: -1").
    const printed = origin.action && !onKey && path.length > 0 ? `\`{{ ${origin.action} }}\` renders to \`${describeBuilt(at.object, path)}\`` : undefined;
    const removal = onKey ? undefined : removalNamedAt(at.object, path);
    const deletion = removal && place(removal.origin, false, this.env);
    return { ...placed, ...(deletion ? { deletion } : {}), ...(uncertain ? { uncertain } : {}), ...(printed ? { printed } : {}) };
  }

  /** The finding on its source, or undefined when it depends on what a template read statically prints. */
  map(finding: Finding): Finding | undefined {
    const at = this.placeSpan(finding);
    if (at.uncertain) return undefined;
    // A dangling reference left by a `$patch: delete` goes on the deletion, with the reference as related.
    const placed = at.deletion ?? at;
    const dangling: RelatedLocation[] = at.deletion ? [{ uri: at.uri, start: at.start, end: at.end, message: 'the value that names the deleted element' }] : [];
    const related = [...dangling, ...(finding.related ?? [])].map((location): RelatedLocation => {
      if (location.uri !== this.rendered.uri) return location;
      const place = this.placeSpan(location);
      return { uri: place.uri, start: place.start, end: place.end, message: location.message };
    });
    const fixes = finding.fixes?.map((fix) => this.mapFix(fix)).filter((fix): fix is FixData => !!fix);
    const values = this.build.renderedWith ? ` with ${this.build.renderedWith}` : '';
    const message = at.printed ? `${finding.message} (${at.printed}${values}.)` : finding.message;
    return {
      uri: placed.uri, start: placed.start, end: placed.end, ruleId: finding.ruleId, severity: finding.severity, message,
      ...(related.length ? { related } : {}), ...(fixes?.length && !at.deletion ? { fixes } : {}),
    };
  }

  /**
   * Whether a fix's new value is written somewhere in the build's sources: a value only the build makes
   * (a Service's name with the overlay's prefix) would be transformed again if written into a source.
   */
  private writtenInSources(newText: string): boolean {
    const value = newText.replace(/^(["'])(.*)\1$/, '$2');
    return this.build.inputs.some((uri) => this.env.file(uri)?.text.includes(value));
  }

  /** A fix whose every edit replaces the same text in a source file with a value written in the sources, or undefined. */
  private mapFix(fix: FixData): FixData | undefined {
    const edits: TextEditData[] = [];
    for (const edit of fix.edits) {
      if (edit.uri !== this.rendered.uri || edit.snippet || edit.newText.includes('\n') || edit.start === edit.end) return undefined;
      const place = this.placeSpan(edit);
      const source = this.env.file(place.uri);
      const replaced = this.rendered.text.slice(edit.start, edit.end);
      if (!place.exact || !source || source.text.slice(place.start, place.end) !== replaced || !this.writtenInSources(edit.newText)) return undefined;
      edits.push({ uri: place.uri, start: place.start, end: place.end, newText: edit.newText });
    }
    return edits.length ? { ...fix, edits } : undefined;
  }
}
