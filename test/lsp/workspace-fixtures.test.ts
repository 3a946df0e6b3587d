// The multi-file fixture folders of the cross-document rules (each folder is a workspace), run through
// the CLI and through the real server over stdio: both must report exactly the marked lines, as the
// engine does in rules.test.ts. One server per distinct settings; it moves from folder to folder
// through workspace/didChangeWorkspaceFolders, as VS Code does when folders are added and removed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { EngineSettings } from '../../server/src/engine';
import { allRules } from '../../server/src/engine/rules';
const workspaceRules = allRules.filter((rule) => rule.scope === 'workspace');
import { expectations, loadFixtureWorkspaces, splitCommitted, type FixtureWorkspace } from '../support/fixtures';
import { repositoryWith, writeFiles } from '../support/git';
import { LspClient } from '../support/lsp-client';
import { fixturesDir, repoRoot } from '../support/repo';

const run = promisify(execFile);
const ids = new Set(workspaceRules.map((rule) => rule.id));
const folders = loadFixtureWorkspaces(fixturesDir).filter((workspace) => ids.has(workspace.ruleId) && !/\.ya?ml$/.test(workspace.name));
const root = mkdtempSync(join(tmpdir(), 'sts-fixtures-'));

/**
 * Writes a fixture workspace into a folder; one with committed versions (`.committed/`) becomes a git
 * repository whose HEAD holds them, with the fixture's files in the work tree.
 */
function write(workspace: FixtureWorkspace, dir: string): Record<string, string> {
  const { files, committed } = splitCommitted(workspace.files);
  mkdirSync(dir, { recursive: true });
  if (Object.keys(committed).length) repositoryWith(committed, files, dir);
  else writeFiles(dir, files);
  return files;
}

function wanted(workspace: FixtureWorkspace): { checked: Set<string>; lines: string[] } {
  const expected = expectations(workspace);
  return {
    checked: new Set([workspace.ruleId, ...expected.map((e) => e.ruleId)]),
    lines: expected.map((e) => `${e.file}:${e.line} ${e.ruleId}`).sort(),
  };
}

function cliFlags(settings: Partial<EngineSettings>): string[] {
  const flags: string[] = [];
  if (settings.defaultNamespace) flags.push('--namespace', settings.defaultNamespace);
  if (settings.kubernetesVersion) flags.push('--kubernetes-version', settings.kubernetesVersion);
  for (const name of settings.knownStorageClasses ?? []) flags.push('--storage-class', name);
  return flags;
}

after(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI on every folder, a few at a time (each run loads the schemas: most of its time). */
function lintAll(): Promise<string>[] {
  let next = 0;
  const results: ((stdout: string) => void)[] = [];
  const promises = folders.map(() => new Promise<string>((resolve) => results.push(resolve)));
  const worker = async (): Promise<void> => {
    for (let index = next++; index < folders.length; index = next++) {
      const workspace = folders[index];
      const dir = join(root, String(index));
      write(workspace, dir);
      const result = await run(process.execPath, [join(repoRoot, 'dist', 'cli.js'), '--format', 'json', ...cliFlags(workspace.settings), '.'], { cwd: dir })
        .catch((error: { stdout: string }) => ({ stdout: error.stdout }));
      results[index](result.stdout);
    }
  };
  for (let i = 0; i < 4; i++) void worker();
  return promises;
}

describe('cross-document fixture folders through the CLI', () => {
  let outputs: Promise<string>[] = [];
  before(() => { outputs = lintAll(); });
  folders.forEach((workspace, index) => {
    it(workspace.name, async () => {
      const { checked, lines } = wanted(workspace);
      const stdout = await outputs[index];
      const findings = JSON.parse(stdout) as { file: string; line: number; ruleId: string }[];
      const actual = findings.filter((f) => checked.has(f.ruleId)).map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
      assert.deepEqual(actual, lines);
    });
  });
});

describe('cross-document fixture folders through the language server', () => {
  const groups = new Map<string, FixtureWorkspace[]>();
  for (const workspace of folders) {
    const key = JSON.stringify(workspace.settings);
    groups.set(key, [...(groups.get(key) ?? []), workspace]);
  }
  const clients = new Map<string, LspClient>();
  before(async () => {
    for (const key of groups.keys()) clients.set(key, await LspClient.start({ settings: JSON.parse(key) as Record<string, unknown> }));
  });
  after(async () => {
    for (const client of clients.values()) await client.stop();
  });

  const current = new Map<string, string>();
  folders.forEach((workspace, index) => {
    it(workspace.name, async () => {
      const key = JSON.stringify(workspace.settings);
      const client = clients.get(key)!;
      const dir = join(root, `lsp-${index}`);
      const files = write(workspace, dir);
      const uris = Object.keys(files).map((name) => [name, pathToFileURL(join(dir, name)).href] as const);
      const published = Promise.all(uris.map(([, uri]) => client.waitForDiagnostics(uri)));
      const previous = current.get(key);
      current.set(key, dir);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: {
        added: [{ uri: pathToFileURL(dir).href, name: dir }],
        removed: previous ? [{ uri: pathToFileURL(previous).href, name: previous }] : [],
      } });
      const diagnostics = await published;
      const { checked, lines } = wanted(workspace);
      const actual = uris.flatMap(([name], i) => diagnostics[i]
        .filter((d) => checked.has(String(d.code))).map((d) => `${name}:${d.range.start.line + 1} ${String(d.code)}`)).sort();
      assert.deepEqual(actual, lines);
    });
  });
});
