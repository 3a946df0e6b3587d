// Helm's `YAML parse error on kvdb/templates/sts.yaml: ... yaml: line 16: <problem>` → the template
// line. The line counts lines of one rendered manifest: Helm trims the template's output, splits it
// at `---` lines (releaseutil.SplitManifests: `(?:^|\s*\n)---\s*`), trims each part and parses them
// in order; the first that fails is the one. go-yaml (sigs.k8s.io/yaml) numbers a scanner error's
// line from 1 and a parser error's from 0 ("did not find expected ..."). With `--debug`, Helm prints
// the template's whole output under its `# Source:` line, which is what is mapped back here.
import type { BuildProblem } from '../model/provenance';
import { parseFile } from '../yaml/parse';
import { templateLineOf } from './align';
import { sourceToUri } from './chart';
import { renderErrorRule as renderErrorMeta } from './problems';
import { originAt, spanAt, type ErrorContext, type HelmError } from './render-errors';

const renderErrorRule = renderErrorMeta.id;

/** go-yaml parser problems (parserc.go), whose line is 0-based; the scanner's are 1-based. */
const parserProblems = [
  'did not find expected <document start>', 'did not find expected node content', "did not find expected '-' indicator",
  'did not find expected key', "did not find expected ',' or ']'", "did not find expected ',' or '}'",
  'found undefined tag handle', 'found duplicate %YAML directive', 'found incompatible YAML document', 'found duplicate %TAG directive',
];

/** The output printed for one template (under its `# Source:` line, up to the next template's). */
export function templateOutput(stdout: string, source: string): string | undefined {
  const marker = `# Source: ${source}\n`;
  const at = stdout.indexOf(marker);
  if (at < 0) return undefined;
  const start = at + marker.length;
  const next = stdout.indexOf('\n---\n# Source: ', start - 1);
  return stdout.slice(start, next < 0 ? stdout.length : next + 1);
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';
}

/** Helm's manifests of one template's output, each with its offset in that output. */
export function splitManifests(output: string): { text: string; offset: number }[] {
  let start = 0;
  let end = output.length;
  while (start < end && isSpace(output[start])) start++;
  while (end > start && isSpace(output[end - 1])) end--;
  const parts: { text: string; offset: number }[] = [];
  let partStart = start;
  const push = (from: number, to: number): void => {
    let a = from;
    let b = to;
    while (a < b && isSpace(output[a])) a++;
    while (b > a && isSpace(output[b - 1])) b--;
    if (b > a) parts.push({ text: output.slice(a, b), offset: a });
  };
  for (let at = output.indexOf('---', start); at >= 0 && at < end; at = output.indexOf('---', at + 1)) {
    const atStart = at === start;
    let before = at;
    while (before > partStart && isSpace(output[before - 1])) before--;
    const afterNewline = !atStart && output.slice(before, at).includes('\n') && output[at - 1] === '\n';
    if (!atStart && !afterNewline) continue;
    push(partStart, before);
    let after = at + 3;
    while (after < end && isSpace(output[after])) after++;
    partStart = after;
    at = after - 1;
  }
  push(partStart, end);
  return parts;
}

interface YamlLine {
  line: number;
  problem: string;
}

function yamlLineOf(message: string): YamlLine | undefined {
  const match = /yaml: line (\d+): (.*)$/m.exec(message);
  if (!match) return undefined;
  const reported = Number(match[1]);
  const parser = parserProblems.some((problem) => match[2].startsWith(problem));
  return { line: parser ? reported + 1 : reported, problem: match[2] };
}

/** The `helm/render-error` problem for a YAML error, on the template line that printed the failing line. */
export function yamlProblem(error: HelmError, context: ErrorContext, stdout: string): BuildProblem {
  const source = error.locations[0]?.source ?? '';
  const uri = sourceToUri(source, context.chart);
  const template = uri ? context.fileText(uri) : undefined;
  const output = templateOutput(stdout, source);
  const where = yamlLineOf(error.message);
  const problem = where?.problem ?? error.message.replace(/^error converting YAML to JSON:\s*/, '');
  const base = `The rendered YAML of this template is invalid: ${problem}.`;
  if (!uri || template === undefined) return { ruleId: renderErrorRule, message: `${base} (${source})`, origin: originAt(context, { source, line: 1 }) };
  if (output === undefined || !where) {
    return { ruleId: renderErrorRule, message: `${base} Helm did not print the rendered text, so the line is not known.`, origin: { uri, docIndex: 0, path: [], span: spanAt(template, 1) } };
  }
  const manifests = splitManifests(output);
  const failing = manifests.find((manifest) => parseFile('manifest.yaml', manifest.text).documents.some((document) => document.syntax.some((item) => !item.duplicateKey)))
    ?? manifests.find((manifest) => manifest.text.split('\n').length >= where.line)
    ?? manifests[0];
  if (!failing) return { ruleId: renderErrorRule, message: base, origin: { uri, docIndex: 0, path: [], span: spanAt(template, 1) } };
  const manifestLines = failing.text.split('\n');
  const lineInManifest = Math.min(Math.max(1, where.line), manifestLines.length);
  const renderedLine = output.slice(0, failing.offset).split('\n').length - 1 + lineInManifest - 1;
  const templateLine = templateLineOf(template, output, renderedLine);
  const rendered = output.split('\n')[renderedLine]?.trim() ?? '';
  const message = `${base} It renders line ${lineInManifest} of the document as \`${rendered}\`: check the indentation this line prints (nindent/indent values, toYaml output).`;
  return { ruleId: renderErrorRule, message, origin: { uri, docIndex: 0, path: [], span: spanAt(template, templateLine + 1) } };
}
