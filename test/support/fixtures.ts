// Fixture workspaces: test/fixtures/<group>/<rule>/ holds one-file workspaces (*.yaml) and multi-file
// workspaces (sub-folders). Expected findings are marked `# expect: <rule-id>[, <rule-id>]` on the line
// where the finding starts; `# settings: {...}` on a file's first line sets engine settings.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { EngineSettings } from '../../server/src/engine';

export interface FixtureWorkspace {
  /** The rule the fixture folder is about: `sts/name-too-long`. */
  ruleId: string;
  /** Name shown in the test list. */
  name: string;
  /** File path (relative to the workspace) → text. */
  files: Record<string, string>;
  settings: Partial<EngineSettings>;
}

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
}

/**
 * Files under `.committed/` in a fixture folder are the workspace's files as committed in git (the
 * comparison rules read them: sts/immutable-field-changed, sts/renamed), not files of the workspace:
 * `.committed/sts.yaml` is `sts.yaml` at HEAD.
 */
export const committedPrefix = '.committed/';

/** A fixture's files split into the workspace's files and their committed versions (by workspace path). */
export function splitCommitted(all: Record<string, string>): { files: Record<string, string>; committed: Record<string, string> } {
  const files: Record<string, string> = {};
  const committed: Record<string, string> = {};
  for (const [name, text] of Object.entries(all)) {
    if (name.startsWith(committedPrefix)) committed[name.slice(committedPrefix.length)] = text;
    else files[name] = text;
  }
  return { files, committed };
}

const markerPattern = /#\s*expect:([a-z0-9/,\s-]+)$/;

export function expectations(workspace: FixtureWorkspace): Expectation[] {
  const expected: Expectation[] = [];
  for (const [file, text] of Object.entries(workspace.files)) {
    text.split('\n').forEach((line, index) => {
      const match = markerPattern.exec(line);
      if (!match) return;
      for (const ruleId of match[1].split(',').map((id) => id.trim()).filter(Boolean)) {
        expected.push({ file, line: index + 1, ruleId });
      }
    });
  }
  return expected;
}

function settingsOf(text: string): Partial<EngineSettings> {
  const first = text.split('\n', 1)[0];
  const match = /^#\s*settings:\s*(\{.*\})\s*$/.exec(first);
  return match ? (JSON.parse(match[1]) as Partial<EngineSettings>) : {};
}

/** The .yaml and .yml files under a folder, recursively, in a stable order. */
export function yamlFilesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(entry)) found.push(path);
  }
  return found;
}

/** Every fixture workspace under a fixtures root. */
export function loadFixtureWorkspaces(root: string): FixtureWorkspace[] {
  if (!existsSync(root)) return [];
  const workspaces: FixtureWorkspace[] = [];
  for (const group of readdirSync(root).sort()) {
    const groupDir = join(root, group);
    // test/fixtures/helm/ holds whole charts for the Helm tests (test/engine/helm, test/tools), not rule fixtures.
    if (group === 'helm' || !statSync(groupDir).isDirectory()) continue;
    for (const rule of readdirSync(groupDir).sort()) {
      const ruleDir = join(groupDir, rule);
      if (!statSync(ruleDir).isDirectory()) continue;
      const ruleId = `${group}/${rule}`;
      for (const entry of readdirSync(ruleDir).sort()) {
        const path = join(ruleDir, entry);
        const paths = statSync(path).isDirectory() ? yamlFilesUnder(path) : /\.ya?ml$/.test(entry) ? [path] : [];
        if (paths.length === 0) continue;
        const files: Record<string, string> = {};
        let settings: Partial<EngineSettings> = {};
        for (const file of paths) {
          const text = readFileSync(file, 'utf8');
          files[relative(statSync(path).isDirectory() ? path : ruleDir, file)] = text;
          settings = { ...settings, ...settingsOf(text) };
        }
        workspaces.push({ ruleId, name: `${ruleId}: ${entry}`, files, settings });
      }
    }
  }
  return workspaces;
}
