// statefulset-lint: the engine on the command line, for CI and pre-commit hooks.
import { relative, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { collectFiles, decodeText, PathError, readText, UsageError } from './files';
import { identitiesMain } from './identities';
import { checkFiles, type CheckInput, type RuleError } from './check';
import { helmPathFlag, helmUsage, renderCharts, valuesFlag, type CliHelm } from './helm';
import { ConfigError, groupByConfig, type ConfigGroup } from './config';
import { mergeSettings } from '../engine';
import { allRules, type Engine, type Finding, type Position } from '../engine';
import { lineColumn } from '../engine';
import { withDefaults, type EngineSettings, type SeveritySetting } from '../engine';
import { compareWithFlag, flagReader, namespaceFlag, versionFlag } from './flags';
import { githubAnnotation } from './format/github';
import { toSarif } from './format/sarif';
import { escapeControl } from './format/text';
import { originFinder } from './origins';
import { OutputError, processOutput, type Output } from './output';
import { versionText } from './package-info';
import { readStdin, stdinIsPiped } from './stdin';

// A check runs for about a second. By default V8 optimises a function once about 66 KB of its bytecode
// have run, and most of those compilations (on another core) end when the function is nearly done; a
// budget three times larger leaves the optimising compiler the really hot functions. On 2,000 files,
// 11 interleaved runs: wall 997 / 1,000 / 1,028 ms and CPU 1,438 / 1,302 / 1,284 ms for budgets of
// 150, 220 and 300 KB; the default cost 1,346 ms wall and 2,086 ms CPU (BENCHMARKS.md).
setFlagsFromString('--interrupt-budget=200000');

const usage = `Usage: statefulset-lint [options] [files or folders...]
       statefulset-lint [options] -              (a YAML stream on standard input)
       statefulset-lint identities [options] FILES...   (pod, DNS and PVC names; see identities --help)

Checks Kubernetes manifests (StatefulSets, their Services, StorageClasses and every other built-in
kind) offline. Folders are searched recursively for *.yaml and *.yml; all files form one workspace.
Kustomize overlays among them are built in-process and checked as they will be applied, each finding
on the line that produced it; a kustomization folder alone checks its build (its bases are read too).
Helm charts among them are checked statically, and rendered with helm when it is found: every rule
then runs on the rendered chart, each finding on the template line that produced it.
\`-\` reads a YAML stream from standard input (helm template . | statefulset-lint -); so does a run
without paths when standard input is a pipe or a file, else the current folder is checked.
Settings also come from the nearest .statefulset-lint.yaml up to the repository root; options win.

Options:
  --format text|json|sarif|github
                               output format (default: text); sarif: SARIF 2.1.0 for code
                               scanning; github: GitHub Actions annotations
  --stdin-filename NAME        the name findings in standard input are reported under (default:
                               <stdin>); it is checked as a file of that name would be
  --namespace NAME             namespace of objects without metadata.namespace (default: default)
  --kubernetes-version X.Y     Kubernetes release the manifests target (default: ${withDefaults(undefined).kubernetesVersion})
  --storage-class NAME         a StorageClass that exists in the cluster (repeatable)
  --rule ID=SEVERITY           override a rule: error, warning, info, hint or off (repeatable)
  --compare-with REF           compare each StatefulSet with its committed version at this git ref
                               (default: HEAD; a branch, tag or origin/main; off): updates the API
                               server will refuse, renamed StatefulSets. Git is not run: the
                               repository's objects are read directly
${helmUsage}
  --list-rules                 print every rule id with its default severity and exit
  --version                    print the version and the Kubernetes release of the schemas
  -h, --help                   show this help

Exit codes: 0 no error-severity finding, 1 at least one, 2 usage error, unreadable path or
configuration, a path that is not a regular file or folder, or output that could not be written.`;

interface Options {
  format: 'text' | 'json' | 'sarif' | 'github';
  paths: string[];
  stdinFilename?: string;
  settings: Partial<EngineSettings>;
  listRules: boolean;
  help: boolean;
  version: boolean;
  helm: CliHelm;
}

const severities = ['error', 'warning', 'info', 'hint', 'off'];

function parseArgs(args: string[]): Options {
  const options: Options = { format: 'text', paths: [], settings: { rules: {}, knownStorageClasses: [] }, listRules: false, help: false, version: false, helm: { disabled: false, values: [] } };
  const fail = (message: string): Error => new UsageError(message);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const { flag, value, next } = flagReader(args, index, fail);
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') throw new UsageError(`unknown format "${escapeControl(format)}": use text, json, sarif or github`);
        options.format = format;
        break;
      }
      case '--stdin-filename': options.stdinFilename = value(); break;
      case '--namespace': options.settings.defaultNamespace = namespaceFlag(value(), fail); break;
      case '--kubernetes-version': options.settings.kubernetesVersion = versionFlag(value(), fail); break;
      case '--storage-class': options.settings.knownStorageClasses!.push(value()); break;
      case '--compare-with': options.settings.compareWith = compareWithFlag(value(), fail); break;
      case '--rule': {
        const text = value();
        const match = /^([^=]+)=(\w+)$/.exec(text);
        if (!match || !severities.includes(match[2])) throw new UsageError(`--rule expects ID=SEVERITY with SEVERITY one of ${severities.join(', ')}, not "${escapeControl(text)}"`);
        if (!allRules.some((rule) => rule.id === match[1])) throw new UsageError(`unknown rule "${escapeControl(match[1])}" (see --list-rules)`);
        options.settings.rules![match[1]] = match[2] as SeveritySetting;
        break;
      }
      case '--helm': options.helm.path = helmPathFlag(value()); break;
      case '--values': options.helm.values.push(valuesFlag(value())); break;
      case '--no-helm': options.helm.disabled = true; break;
      case '--list-rules': options.listRules = true; break;
      case '--version': options.version = true; break;
      case '-h': case '--help': options.help = true; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${escapeControl(arg)}`);
        options.paths.push(arg);
    }
    index = next();
  }
  if (options.paths.filter((path) => path === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  return options;
}

interface JsonFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  ruleId: string; severity: string; message: string;
  /** The template a rendered document came from (`# Source:` of helm template). */
  origin?: string;
  /** The Kustomize overlays whose built objects have the problem (the location is their source line). */
  overlays?: string[];
}

export const stdinName = '<stdin>';

/** Standard input is read up to this size at most, whatever maxFileSize says (bounded memory). */
const stdinHardLimit = 64 * 1024 * 1024;

/** The checked inputs: standard input first where `-` is named (or when piped without a path), then the files. */
function inputsOf(options: Options, notes: string[]): { inputs: CheckInput[]; display: Map<string, string>; stdinUri: string } {
  const display = new Map<string, string>();
  let paths = options.paths;
  // Read already when no path is given (null: over the hard limit).
  let piped: Buffer | null | undefined;
  if (paths.length === 0) {
    // No path: a piped stream if there is one; an empty one means nothing was piped: the folder then.
    if (stdinIsPiped()) piped = readStdin(stdinHardLimit) ?? null;
    paths = piped === undefined || piped?.length === 0 ? ['.'] : ['-'];
  }
  const inputs: CheckInput[] = [];
  const stdinUri = options.stdinFilename ? resolve(options.stdinFilename) : stdinName;
  const readsStdin = paths.includes('-');
  if (readsStdin) {
    inputs.push({
      uri: stdinUri,
      read: (max) => {
        const bytes = piped !== undefined ? piped : readStdin(Math.min(max, stdinHardLimit));
        if (!bytes || bytes.length > max) {
          throw new PathError(`standard input is larger than the ${Math.round(max / 1024)} KiB limit (maxFileSize): check the stream in parts, or raise maxFileSize in .statefulset-lint.yaml`);
        }
        return decodeText(bytes);
      },
    });
    display.set(stdinUri, options.stdinFilename ?? stdinName);
  }
  const collected = collectFiles(paths.filter((path) => path !== '-'));
  notes.push(...collected.notes);
  // A file named like the stream (--stdin-filename) is the stream's: its unsaved text, as in an editor.
  for (const path of collected.files) if (!readsStdin || path !== stdinUri) inputs.push({ uri: path, realPath: collected.realPaths.get(path), read: (max) => readText(path, max) });
  return { inputs, display, stdinUri };
}

function toJson(engine: Engine, finding: Finding, display: (uri: string) => string, origin: (finding: Finding) => string | undefined): JsonFinding {
  const file = engine.getFile(finding.uri)!;
  const start = lineColumn(file, finding.start);
  const end = lineColumn(file, finding.end);
  const from = origin(finding);
  return {
    file: display(finding.uri),
    line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
    ruleId: finding.ruleId, severity: finding.severity, message: finding.message,
    ...(from ? { origin: from } : {}),
    ...(finding.overlays ? { overlays: finding.overlays } : {}),
  };
}

async function lintMain(args: string[], output: Output): Promise<number> {
  let options: Options;
  const notes: string[] = [];
  let groups: ConfigGroup[];
  let displayNames: Map<string, string>;
  try {
    options = parseArgs(args);
    if (options.help) { output.out(usage); return 0; }
    if (options.version) { output.out(versionText()); return 0; }
    if (options.listRules) {
      for (const rule of allRules) output.out(`${rule.id.padEnd(36)} ${rule.defaultSeverity.padEnd(8)} ${rule.description}`);
      return 0;
    }
    const collected = inputsOf(options, notes);
    displayNames = collected.display;
    groups = groupByConfig(collected.inputs, collected.stdinUri, process.cwd(), notes);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(error instanceof ConfigError ? error.message : `statefulset-lint: ${error.message}${error.constructor === UsageError ? `\n\n${usage}` : ''}`);
    return 2;
  }
  for (const note of notes) output.err(`statefulset-lint: ${note}`);
  // Names as they are (JSON and SARIF escape them); the text format escapes them.
  const display = (uri: string): string => displayNames.get(uri) ?? (relative(process.cwd(), uri) || uri);
  // Each configuration's files are one workspace, with the file's settings under the command line's.
  const engines = new Map<string, Engine>();
  let checked = 0;
  const all: Finding[] = [];
  const ruleErrors: RuleError[] = [];
  for (const group of groups) {
    let run;
    try {
      run = await checkFiles(group.inputs, mergeSettings(group.config?.settings ?? {}, options.settings), async (engine, files) => {
        for (const note of await renderCharts(engine, files, options.helm, group.config)) output.err(`statefulset-lint: ${escapeControl(note)}`);
      });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      output.err(`statefulset-lint: ${error.message}`);
      return 2;
    }
    for (const note of run.notes) output.err(`statefulset-lint: ${escapeControl(note)}`);
    for (const error of run.ruleErrors) output.err(`statefulset-lint: internal error in rule ${error.ruleId} on ${escapeControl(display(error.uri))}: ${escapeControl(error.message)}`);
    if (run.readError) {
      output.err(`statefulset-lint: ${run.readError}`);
      return 2;
    }
    ruleErrors.push(...run.ruleErrors);
    checked += group.inputs.length;
    for (const uri of [...group.inputs.map((input) => input.uri), ...run.context]) {
      if (engines.has(uri)) continue;
      engines.set(uri, run.engine);
      all.push(...run.results.get(uri) ?? []);
    }
  }
  const engineOf = (uri: string): Engine => engines.get(uri)!;
  const origins = new Map<string, (offset: number) => string | undefined>();
  const originOf = (finding: Finding): string | undefined => {
    let find = origins.get(finding.uri);
    if (!find) origins.set(finding.uri, find = originFinder(engineOf(finding.uri).getFile(finding.uri)?.text ?? ''));
    return find(finding.start);
  };
  const findings = all.map((finding) => toJson(engineOf(finding.uri), finding, display, originOf));
  if (options.format === 'json') {
    output.out(JSON.stringify(findings, null, 2));
  } else if (options.format === 'sarif') {
    const positionAt = (uri: string, offset: number): Position => engineOf(uri).positionAt(uri, offset);
    output.out(JSON.stringify(toSarif({ findings: all, rules: allRules, notifications: ruleErrors, positionAt, root: process.cwd(), originOf }), null, 2));
  } else {
    for (const f of findings) {
      // JSON-only fields stay out; the text format escapes what came from the manifest or a path.
      const origin = f.origin ? ` (from ${escapeControl(f.origin)})` : '';
      output.out(options.format === 'github' ? githubAnnotation(f) : `${escapeControl(f.file)}:${f.line}:${f.column}: ${f.severity} ${escapeControl(f.message)}${origin} [${f.ruleId}]`);
    }
    const count = (severity: string): number => findings.filter((f) => f.severity === severity).length;
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    output.err(`${plural(checked, 'file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info') + count('hint'), 'note')}`);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** Runs the CLI; returns the exit code. Nothing it meets ends it with a stack trace, except its own bugs. */
export async function runCli(args: string[], output: Output = processOutput()): Promise<number> {
  try {
    return args[0] === 'identities' ? identitiesMain(args.slice(1), output) : await lintMain(args, output);
  } catch (error) {
    if (error instanceof OutputError) {
      output.err(`statefulset-lint: ${error.message}`);
      return 2;
    }
    output.err(`statefulset-lint: internal error (please report it): ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return 2;
  }
}

if (require.main === module) void runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
