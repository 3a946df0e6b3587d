// Test support for overlays checked as built: an Engine over a folder on disk (with the disk host the
// CLI uses) or over files given as text, and findings summarised as `file:line:column rule severity`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine, type Finding } from '../../../server/src/engine';
import { diskHost } from '../../../server/src/tools/disk-host';
import { repoRoot } from '../../support/repo';

export const buildsWorkspace = join(repoRoot, 'test', 'builds-workspace');

const isYaml = (name: string): boolean => /\.ya?ml$/.test(name);

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? yamlFiles(path) : isYaml(entry.name) ? [path] : [];
  });
}

/** An Engine holding every YAML file of a folder, reading the rest from the disk (file: URIs). */
export function diskEngine(folder = buildsWorkspace, settings: ConstructorParameters<typeof Engine>[1] = {}): { engine: Engine; uri(path: string): string } {
  const root = resolve(folder);
  const engine = new Engine(undefined, settings);
  engine.setHost(diskHost({ uris: 'file', allowed: () => true, maxFileSize: () => engine.settings.maxFileSize, workspaceFolder: () => pathToFileURL(root).href }));
  for (const path of yamlFiles(root)) engine.setFile(pathToFileURL(path).href, readFileSync(path, 'utf8'));
  return { engine, uri: (path) => pathToFileURL(join(root, path)).href };
}

/** An Engine over files given as text (`{ 'base/sts.yaml': '...' }`) under file:///ws, without disk. */
export function memoryEngine(files: Record<string, string>, settings: ConstructorParameters<typeof Engine>[1] = {}): { engine: Engine; uri(path: string): string } {
  const engine = new Engine(undefined, settings);
  const uri = (path: string): string => `file:///ws/${path}`;
  for (const [path, text] of Object.entries(files)) engine.setFile(uri(path), text);
  return { engine, uri };
}

/** `file:line:column rule severity [overlays]` for every finding, files relative to `root`. */
export function summary(engine: Engine, results: Map<string, Finding[]>, root: string): string[] {
  const lines: string[] = [];
  for (const [uri, findings] of results) {
    for (const finding of findings) {
      const at = engine.positionAt(uri, finding.start);
      const overlays = finding.overlays ? ` [${finding.overlays.join(', ')}]` : '';
      lines.push(`${uri.replace(`${root}/`, '')}:${at.line + 1}:${at.character + 1} ${finding.ruleId} ${finding.severity}${overlays}`);
    }
  }
  return lines.sort();
}

/** The text of a file at a finding's span. */
export function textAt(engine: Engine, finding: { uri: string; start: number; end: number }): string {
  return engine.getFile(finding.uri)!.text.slice(finding.start, finding.end);
}

export function findingsOf(results: Map<string, Finding[]>, ruleId: string): Finding[] {
  return [...results.values()].flat().filter((finding) => finding.ruleId === ruleId);
}
