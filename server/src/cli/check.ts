// How the CLI checks its files. Every file is read and parsed first (data only: a document's YAML tree
// is parsed only if a rule asks for it, for a finding's position or fix), so that the Kustomize overlays
// among them can be built and each file checked according to its role (engine/builds: a patch as a
// patch, a kustomization not as a manifest). The files an overlay reads outside the paths given (a base
// in ../../base) join as context: the overlays' findings on them are reported, nothing else of theirs.
// Each file is then checked by the rules that read only that file, and its trees dropped again
// (LazyTrees); the cross-file rules run once over all files, and the overlays' findings are added.
import { Engine, SchemaStore, allRules, type Finding } from '../engine';
import { basename } from 'node:path';
import { createChecker, findingOrder, LazyTrees } from '../engine';
import type { EngineSettings, FileEntry } from '../engine';
import { PathError, readText, type FileContent } from './files';
import { diskHost } from '../tools/disk-host';
import { addCommittedVersions, withoutCommittedLocations } from './committed';

/** One file to check: its uri (an absolute path, or `<stdin>`) and how to read it. */
export interface CheckInput {
  uri: string;
  /** The file's real path, when the walk that found it worked it out (for its committed version). */
  realPath?: string;
  /** The file's text, or why it is not checked; throws a PathError when it cannot be read. */
  read(maxFileSize: number): FileContent;
}

const perFileRules = allRules.filter((rule) => rule.scope !== 'workspace');
const workspaceRules = allRules.filter((rule) => rule.scope === 'workspace');

export interface RuleError {
  ruleId: string;
  uri: string;
  message: string;
}

export interface CheckRun {
  engine: Engine;
  /** Findings by file, in the order of the files. */
  results: Map<string, Finding[]>;
  /** Errors of rules that threw (their findings for that file are left out). */
  ruleErrors: RuleError[];
  /** The first file that could not be read (a one-line message naming it): nothing else is reported then. */
  readError?: string;
  /** Files outside the inputs that overlays read (a base): only the overlays' findings on them are in `results`. */
  context: string[];
  /** What could not be compared with the committed versions (an unknown ref), once each. */
  notes: string[];
}

let schemas: SchemaStore | undefined;

/** The built-in schemas, loaded once for all the workspaces of a run. */
export function sharedSchemas(): SchemaStore {
  return schemas ??= SchemaStore.load();
}

/** Whether a file a build reads is one the CLI can report on: YAML, a chart helper (not a generator input such as app.properties). */
const isYamlInput = (path: string): boolean => /\.(?:ya?ml|tpl)$/i.test(path) || basename(path) === 'Kustomization';

/**
 * Adds to the engine the YAML files that overlays read outside the inputs (a base beside the overlay
 * given), until no build reads a new one; returns them.
 */
export function addContextFiles(engine: Engine, inputs: ReadonlySet<string>): string[] {
  const context: string[] = [];
  for (let round = 0; round < 20; round++) {
    engine.refreshBuilds();
    const missing = [...new Set(engine.builds.builds().flatMap((build) => build.inputs))]
      .filter((path) => !inputs.has(path) && !engine.getFile(path) && isYamlInput(path));
    let added = 0;
    for (const path of missing) {
      let content: FileContent;
      try { content = readText(path, engine.settings.maxFileSize); } catch { continue; }
      if (!('text' in content)) continue;
      engine.setFile(path, content.text);
      context.push(path);
      added++;
    }
    if (added === 0) break;
  }
  return context;
}

/** Lets the engine's builds read what `kubectl kustomize` would: generator inputs and bases wherever they are (labels relative to the working folder). */
export function useDisk(engine: Engine): void {
  engine.setHost(diskHost({ uris: 'path', allowed: () => true, maxFileSize: () => engine.settings.maxFileSize, workspaceFolder: () => process.cwd() }));
}

/** Reads and parses the files, builds the overlays, checks each file by its role, then runs the cross-file rules over all. */
export async function checkFiles(inputs: CheckInput[], settings: Partial<EngineSettings>, render?: (engine: Engine, files: string[]) => Promise<void>): Promise<CheckRun> {
  const files = inputs.map((input) => input.uri);
  const ruleErrors: RuleError[] = [];
  const onRuleError = (ruleId: string, uri: string, error: unknown): void => {
    ruleErrors.push({ ruleId, uri, message: String(error) });
  };
  const engine = new Engine(sharedSchemas(), settings, { onRuleError, cacheFindings: false });
  useDisk(engine);
  const entries: FileEntry[] = [];
  for (const input of inputs) {
    try {
      entries.push({ uri: input.uri, ...input.read(engine.settings.maxFileSize) });
    } catch (error) {
      if (error instanceof PathError) return { engine, results: new Map(), ruleErrors, readError: error.message, context: [], notes: [] };
      throw error;
    }
  }
  engine.setFiles(entries);
  // Charts among the files: rendered by helm when it is there (cli/helm.ts), else read statically.
  if (render) await render(engine, files);
  const context = addContextFiles(engine, new Set(files));
  const realPaths = new Map(inputs.map((input) => [input.uri, input.realPath]));
  const notes = addCommittedVersions(engine, files, (path) => realPaths.get(path));
  engine.refreshBuilds();
  const options = { onRuleError, cacheFindings: false, policy: engine.builds.policy };
  const perFile = createChecker(engine.model, engine.schemas, engine.settings, { ...options, rules: perFileRules });
  const trees = new LazyTrees(engine.model, { schedule: () => undefined, keep: () => true });
  const results = new Map<string, Finding[]>();
  for (const path of files) {
    results.set(path, perFile.checkFiles([path]).get(path) ?? []);
    trees.release(path);
  }
  const crossFile = createChecker(engine.model, engine.schemas, engine.settings, { ...options, rules: workspaceRules }).checkFiles(files);
  const order = findingOrder(allRules);
  for (const path of [...files, ...context]) {
    const own = [...(results.get(path) ?? []), ...(crossFile.get(path) ?? [])].map((finding) => withoutCommittedLocations(engine, finding)).sort(order);
    const list = engine.builds.withFindingsOf(path, own);
    if (list.length || results.has(path)) results.set(path, list);
  }
  return { engine, results, ruleErrors, context, notes };
}
