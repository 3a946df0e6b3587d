// statefulset-lint: the engine on the command line, for CI and pre-commit hooks.
import { relative } from 'node:path';
import { collectFiles, UsageError } from './files';
import { identitiesMain } from './identities';
import { checkFiles } from './check';
import { allRules, type Engine, type Finding } from '../engine';
import { lineColumn } from '../engine/yaml/parse';
import { withDefaults, type EngineSettings, type SeveritySetting } from '../engine/types';
import { githubAnnotation } from './format/github';
import { toSarif } from './format/sarif';

const usage = `Usage: statefulset-lint [options] [files or folders...]
       statefulset-lint identities [options] FILES...   (pod, DNS and PVC names; see identities --help)

Checks Kubernetes manifests (StatefulSets, their Services, StorageClasses and every other built-in
kind) offline. Folders are searched recursively for *.yaml and *.yml; all files form one workspace.
Without paths, the current folder is checked.

Options:
  --format text|json|sarif|github
                               output format (default: text); sarif: SARIF 2.1.0 for code
                               scanning; github: GitHub Actions annotations
  --namespace NAME             namespace of objects without metadata.namespace (default: default)
  --kubernetes-version X.Y     Kubernetes release the manifests target (default: ${withDefaults(undefined).kubernetesVersion})
  --storage-class NAME         a StorageClass that exists in the cluster (repeatable)
  --rule ID=SEVERITY           override a rule: error, warning, info, hint or off (repeatable)
  --list-rules                 print every rule id with its default severity and exit
  -h, --help                   show this help

Exit codes: 0 no error-severity finding, 1 at least one, 2 usage error or unreadable path.`;

interface Options {
  format: 'text' | 'json' | 'sarif' | 'github';
  paths: string[];
  settings: Partial<EngineSettings>;
  listRules: boolean;
  help: boolean;
}

const severities = ['error', 'warning', 'info', 'hint', 'off'];

function parseArgs(args: string[]): Options {
  const options: Options = { format: 'text', paths: [], settings: { rules: {}, knownStorageClasses: [] }, listRules: false, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++index];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif' && format !== 'github') throw new UsageError(`unknown format "${format}": use text, json, sarif or github`);
        options.format = format;
        break;
      }
      case '--namespace': options.settings.defaultNamespace = value(); break;
      case '--kubernetes-version': {
        const version = value().replace(/^v/, '');
        if (!/^1\.\d+$/.test(version)) throw new UsageError(`--kubernetes-version must look like 1.33, not "${version}"`);
        options.settings.kubernetesVersion = version;
        break;
      }
      case '--storage-class': options.settings.knownStorageClasses!.push(value()); break;
      case '--rule': {
        const text = flag === arg ? value() : `${inline}`;
        const match = /^([^=]+)=(\w+)$/.exec(text);
        if (!match || !severities.includes(match[2])) throw new UsageError(`--rule expects ID=SEVERITY with SEVERITY one of ${severities.join(', ')}, not "${text}"`);
        if (!allRules.some((rule) => rule.id === match[1])) throw new UsageError(`unknown rule "${match[1]}" (see --list-rules)`);
        options.settings.rules![match[1]] = match[2] as SeveritySetting;
        break;
      }
      case '--list-rules': options.listRules = true; break;
      case '-h': case '--help': options.help = true; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  return options;
}

interface JsonFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  ruleId: string; severity: string; message: string;
}

function toJson(engine: Engine, finding: Finding, cwd: string): JsonFinding {
  const file = engine.getFile(finding.uri)!;
  const start = lineColumn(file, finding.start);
  const end = lineColumn(file, finding.end);
  return {
    file: relative(cwd, finding.uri) || finding.uri,
    line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
    ruleId: finding.ruleId, severity: finding.severity, message: finding.message,
  };
}

export function main(args: string[], out: (text: string) => void, err: (text: string) => void): number {
  if (args[0] === 'identities') return identitiesMain(args.slice(1), out, err);
  let options: Options;
  let files: string[];
  try {
    options = parseArgs(args);
    if (options.help) { out(usage); return 0; }
    if (options.listRules) {
      for (const rule of allRules) out(`${rule.id.padEnd(36)} ${rule.defaultSeverity.padEnd(8)} ${rule.description}`);
      return 0;
    }
    files = collectFiles(options.paths.length ? options.paths : ['.']);
  } catch (error) {
    if (error instanceof UsageError) { err(`statefulset-lint: ${error.message}\n\n${usage}`); return 2; }
    throw error;
  }
  const run = checkFiles(files, options.settings);
  const { engine, results, ruleErrors } = run;
  for (const error of ruleErrors) err(`statefulset-lint: internal error in rule ${error.ruleId} on ${error.uri}: ${error.message}`);
  if (run.readError) {
    err(`statefulset-lint: cannot read ${relative(process.cwd(), run.readError.path)}: ${run.readError.message}`);
    return 2;
  }
  const findings = files.flatMap((path) => results.get(path) ?? []).map((finding) => toJson(engine, finding, process.cwd()));
  if (options.format === 'json') {
    out(JSON.stringify(findings, null, 2));
  } else if (options.format === 'sarif') {
    const all = files.flatMap((path) => results.get(path) ?? []);
    out(JSON.stringify(toSarif({ findings: all, rules: allRules, notifications: ruleErrors, positionAt: (uri, offset) => engine.positionAt(uri, offset), root: process.cwd() }), null, 2));
  } else {
    for (const f of findings) out(options.format === 'github' ? githubAnnotation(f) : `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.message} [${f.ruleId}]`);
    const count = (severity: string): number => findings.filter((f) => f.severity === severity).length;
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    err(`${plural(files.length, 'file')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info') + count('hint'), 'note')}`);
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text + '\n'), (text) => process.stderr.write(text + '\n'));
}
