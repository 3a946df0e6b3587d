// The CLI's configuration files: each checked file gets the nearest `.statefulset-lint.yaml` from its
// folder up to the repository root; files under the same file are checked together as one workspace,
// with its settings under the command line's. A configuration that cannot be read or has a wrong key
// or value stops the run (exit 2) with one line per problem, `file:line:column`.
import { dirname, isAbsolute } from 'node:path';
import { cliConfigTop, configAbove, configFromText, readConfigText, searchConfig, type LoadedConfig } from '../config/config-file';
import type { CheckInput } from './check';
import { displayPath, fsReason, PathError } from './files';
import { escapeControl } from './format/text';

export interface ConfigGroup {
  /** The configuration file of these inputs (none: defaults and the command line only). */
  config?: LoadedConfig;
  inputs: CheckInput[];
}

/** Wrong configuration: every problem, one line each (exit code 2). */
export class ConfigError extends PathError {}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

function load(path: string): LoadedConfig {
  let text: string;
  try {
    text = readConfigText(path);
  } catch (error) {
    throw new PathError(`cannot read the configuration file ${displayPath(path)}: ${fsReason(error)}`);
  }
  const config = configFromText(path, text);
  if (config.problems.length) {
    throw new ConfigError(config.problems
      .map((problem) => `${displayPath(path)}:${lineAndColumn(text, problem.start)}: error ${escapeControl(problem.message)} [${problem.ruleId}]`)
      .join('\n'));
  }
  return config;
}

/**
 * Groups the inputs by their configuration file, in input order, leaving out the files its `ignore`
 * globs name. Standard input without a name belongs to the current folder. Notes (for standard error)
 * name a configuration file above a repository root whose files found none: it is not read.
 */
export function groupByConfig(inputs: CheckInput[], stdinUri: string, cwd: string, notes: string[]): ConfigGroup[] {
  const configOfDir = new Map<string, string | undefined>();
  const loaded = new Map<string, LoadedConfig>();
  const groups = new Map<string | undefined, ConfigGroup>();
  const roots = new Set<string>();
  for (const input of inputs) {
    const dir = isAbsolute(input.uri) ? dirname(input.uri) : cwd;
    if (!configOfDir.has(dir)) {
      const { top, repositoryRoot } = cliConfigTop(dir, cwd);
      const found = searchConfig(dir, top);
      if (repositoryRoot && !found) roots.add(repositoryRoot);
      configOfDir.set(dir, found);
    }
    const path = configOfDir.get(dir);
    let config: LoadedConfig | undefined;
    if (path) {
      config = loaded.get(path) ?? load(path);
      loaded.set(path, config);
      if (input.uri !== stdinUri && config.ignores(input.uri)) continue;
    }
    let group = groups.get(path);
    if (!group) groups.set(path, group = { config, inputs: [] });
    group.inputs.push(input);
  }
  for (const root of roots) {
    const above = configAbove(root);
    if (above) notes.push(`not read: ${displayPath(above)}, above the repository root ${displayPath(root)} (configuration files are read from each checked file's folder up to the folder holding .git)`);
  }
  return [...groups.values()];
}
