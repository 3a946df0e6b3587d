// Named templates (`{{ define "x.labels" }} ... {{ end }}`, usually in templates/_helpers.tpl) read
// textually: an `include "x.labels"` whose body is YAML with literal keys resolves to those entries
// (literal values where the body writes them, unknown where an action prints them; nested includes
// resolved the same way), so label-based rules can see literal labels. Helm gives all templates of a
// chart and its subcharts one namespace of names; the library is built from all of them.
import { parseFile } from '../yaml/parse';
import { isObject } from '../model/manifest';
import type { Span } from '../types';
import { printsOutput, scanActions, type TemplateAction } from './actions';
import { blankTemplate } from './blank';
import { pathKey, scalarAt, structureOf } from './structure';

export interface FragmentEntry {
  key: string;
  /** The literal value, or undefined when an action prints it. */
  value: string | undefined;
  /** Whether the value reads `.Chart.Version`/`.Chart.AppVersion`, directly or through an include. */
  chartVersion: boolean;
  /** The helper that writes the entry (a nested include's name when it comes from one). */
  from: string;
}

export interface IncludeFragment {
  name: string;
  /** The mapping entries the body prints, when it prints a mapping with literal keys. */
  entries: FragmentEntry[];
  /** Whether every line the body prints is accounted for in `entries` (no unresolved include, no toYaml). */
  complete: boolean;
  /** Whether anything in the body (or what it includes) reads the chart's version fields. */
  chartVersion: boolean;
}

export interface DefinedTemplate {
  name: string;
  uri: string;
  /** The `{{ define }}` action's span in its file. */
  span: Span;
  /** The body between the define and its end. */
  body: string;
  bodyStart: number;
}

/** How deep includes are followed (Helm itself stops at 1000; charts nest a handful). */
const maxDepth = 16;

function definesOf(uri: string, text: string): DefinedTemplate[] {
  const found: DefinedTemplate[] = [];
  const actions = scanActions(text);
  let depth = 0;
  let open: TemplateAction | undefined;
  for (const action of actions) {
    if (action.kind === 'define' || action.kind === 'block') {
      if (depth === 0 && action.kind === 'define') open = action;
      depth++;
    } else if (action.kind === 'if' || action.kind === 'range' || action.kind === 'with') {
      depth++;
    } else if (action.kind === 'end' && depth > 0) {
      depth--;
      if (depth === 0 && open?.defines !== undefined) {
        found.push({ name: open.defines, uri, span: { start: open.start, end: open.end }, body: text.slice(open.end, action.start), bodyStart: open.end });
      }
      if (depth === 0) open = undefined;
    }
  }
  return found;
}

export class HelperLibrary {
  private readonly defined = new Map<string, DefinedTemplate>();
  private readonly fragments = new Map<string, IncludeFragment | null>();
  private readonly resolving = new Set<string>();

  /** All template files of a chart (and its subcharts): helpers and manifests alike may define templates. */
  constructor(files: Iterable<{ uri: string; text: string }>) {
    for (const file of files) {
      if (!file.text.includes('define')) continue;
      // Like Helm, a later definition of the same name wins.
      for (const define of definesOf(file.uri, file.text)) this.defined.set(define.name, define);
    }
  }

  names(): string[] {
    return [...this.defined.keys()];
  }

  get(name: string): DefinedTemplate | undefined {
    return this.defined.get(name);
  }

  /** What `include "name"` prints, as far as it can be read; undefined for an unknown name or a cycle. */
  resolve(name: string, depth = 0): IncludeFragment | undefined {
    const cached = this.fragments.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const define = this.defined.get(name);
    if (!define || depth > maxDepth || this.resolving.has(name)) return undefined;
    this.resolving.add(name);
    try {
      const fragment = this.read(define, depth);
      this.fragments.set(name, fragment);
      return fragment;
    } finally {
      this.resolving.delete(name);
    }
  }

  /** Whether `include "name"` prints anything read from `.Chart.Version` or `.Chart.AppVersion`. */
  usesChartVersion(name: string): boolean {
    return this.resolve(name)?.chartVersion ?? false;
  }

  private read(define: DefinedTemplate, depth: number): IncludeFragment {
    const blanked = blankTemplate(define.body);
    const includeVersion = (action: TemplateAction): boolean => action.includes.some((name) => this.resolve(name, depth + 1)?.chartVersion ?? false);
    const readsVersion = (action: TemplateAction): boolean => action.chartVersion || includeVersion(action);
    const chartVersion = blanked.actions.some(readsVersion);
    const entries: FragmentEntry[] = [];
    let complete = true;
    const file = parseFile(`${define.uri}#${define.name}`, blanked.text);
    const document = file.documents.length === 1 ? file.documents[0] : undefined;
    const value = document?.value;
    if (!document || document.syntax.some((problem) => !problem.duplicateKey) || !(isObject(value) || value === null || value === undefined)) {
      return { name: define.name, entries: [], complete: false, chartVersion };
    }
    const structure = structureOf(document, blanked.text, file.lineStarts);
    const unknownKeys = new Set<string>();
    const unknownValues = new Map<string, boolean>();
    blanked.actions.forEach((action, index) => {
      if (action.kind === 'comment' || action.kind === 'assign' || action.kind === 'end' || action.kind === 'else') return;
      const scalar = scalarAt(structure.scalars, action.start);
      if (scalar && scalar.path.length === 1) {
        const key = String(scalar.path[0]);
        if (scalar.key) unknownKeys.add(key);
        else unknownValues.set(key, (unknownValues.get(key) ?? false) || readsVersion(action));
        return;
      }
      if (!blanked.standalone[index] || !printsOutput(action)) {
        if (action.kind !== 'define') complete = false;
        return;
      }
      // A line of its own that prints: a nested include is resolved, anything else is unknown.
      const nested = action.includes.length === 1 ? this.resolve(action.includes[0], depth + 1) : undefined;
      if (!nested) { complete = false; return; }
      entries.push(...nested.entries);
      complete &&= nested.complete;
    });
    const inBlock = (offset: number): boolean => blanked.blocks.some((block) => offset > block.opener.start && offset < block.span.end);
    if (isObject(value)) {
      for (const [key, raw] of Object.entries(value)) {
        const at = structure.byPath.get(pathKey([key]))?.start ?? 0;
        if (unknownKeys.has(key) || inBlock(at)) { complete = false; continue; }
        const unknown = unknownValues.has(key);
        const literal = !unknown && (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') ? String(raw) : undefined;
        if (!unknown && literal === undefined) { complete = false; continue; }
        entries.push({ key, value: literal, chartVersion: unknownValues.get(key) ?? false, from: define.name });
      }
    }
    return { name: define.name, entries, complete, chartVersion };
  }
}
