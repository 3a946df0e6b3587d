// The quick-fix property, over every fixture workspace, the examples and the real-world corpus with
// injected mistakes: applying any offered fix leaves YAML that parses, makes that finding go away,
// and brings no new error.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { EngineSettings, Finding } from '../../server/src/engine';
import { applyEdits } from '../support/edits';
import { checkWorkspace, type CheckedFinding } from '../support/engine';
import { loadFixtureWorkspaces } from '../support/fixtures';
import { corpusDir, examplesDir, fixturesDir } from '../support/repo';

type Files = Record<string, string>;

function errorCounts(results: Map<string, CheckedFinding[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const findings of results.values()) {
    for (const finding of findings) {
      if (finding.severity === 'error') counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    }
  }
  return counts;
}

const count = (results: Map<string, CheckedFinding[]>, ruleId: string): number =>
  [...results.values()].flat().filter((finding) => finding.ruleId === ruleId).length;

/** Applies every fix of every finding in turn; returns the problems found (empty when all hold). */
function checkFixes(files: Files, settings: Partial<EngineSettings> = {}): { applied: number; problems: string[] } {
  const before = checkWorkspace(files, settings);
  const beforeErrors = errorCounts(before);
  const problems: string[] = [];
  let applied = 0;
  for (const [file, findings] of before) {
    for (const finding of findings as Finding[]) {
      for (const fix of finding.fixes ?? []) {
        const changed: Files = { ...files };
        for (const target of new Set(fix.edits.map((edit) => edit.uri))) {
          if (changed[target] === undefined) { problems.push(`${file} ${finding.ruleId} "${fix.title}": edits unknown file ${target}`); continue; }
          changed[target] = applyEdits(changed[target], fix.edits.filter((edit) => edit.uri === target));
        }
        applied++;
        const after = checkWorkspace(changed, settings);
        const label = `${file}:${(finding as CheckedFinding).line} ${finding.ruleId} "${fix.title}"`;
        const syntax = [...after.values()].flat().filter((f) => f.ruleId === 'yaml/syntax' || f.ruleId === 'yaml/duplicate-key');
        if (syntax.length > count(before, 'yaml/syntax') + count(before, 'yaml/duplicate-key')) problems.push(`${label}: the fixed text no longer parses`);
        if (count(after, finding.ruleId) >= count(before, finding.ruleId)) problems.push(`${label}: the finding is still there`);
        for (const [ruleId, number] of errorCounts(after)) {
          // Two honest exceptions: moving a removed apiVersion to its replacement exposes schema errors
          // that were there all along (a removed version has no schema to check), and a fix that copies
          // the user's labels (into a selector or a created Service) carries their mistakes along.
          const exposed = finding.ruleId === 'manifest/removed-api' && ruleId.startsWith('schema/');
          const carried = ruleId === 'labels/invalid' && count(before, 'labels/invalid') > 0;
          if (number > (beforeErrors.get(ruleId) ?? 0) && !exposed && !carried) problems.push(`${label}: a new ${ruleId} error appeared`);
        }
      }
    }
  }
  return { applied, problems };
}

function yamlFilesOf(dir: string): Files {
  const files: Files = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry)) files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('every quick fix keeps the YAML valid, removes its finding and adds no error', () => {
  it('over every fixture workspace', () => {
    let applied = 0;
    const problems: string[] = [];
    for (const workspace of loadFixtureWorkspaces(fixturesDir)) {
      const result = checkFixes(workspace.files, workspace.settings);
      applied += result.applied;
      problems.push(...result.problems.map((problem) => `${workspace.name}: ${problem}`));
    }
    assert.ok(applied > 200, `only ${applied} fixes applied`);
    assert.deepEqual(problems, []);
  });

  it('over the examples', () => {
    const result = checkFixes(yamlFilesOf(examplesDir));
    assert.ok(result.applied >= 10, `only ${result.applied} fixes applied`);
    assert.deepEqual(result.problems, []);
  });

  /** Mistakes people make, injected into real manifests (each applies where its pattern occurs). */
  const injections: [string, RegExp, string][] = [
    ['enum case', /podManagementPolicy: (OrderedReady|Parallel|"Parallel")/, 'podManagementPolicy: parallel'],
    ['typo in a field', /\n([ \t]+)replicas:/, '\n$1replica:'],
    ['unknown volume mount', /(volumeMounts:\n\s+- name: )([a-z-]+)/, '$1$2x'],
    ['storage size', /storage: (\d+)Gi/, 'storage: $1GB'],
    ['quoted container port', /containerPort: (\d+)/, 'containerPort: "$1"'],
    ['serviceName typo', /serviceName: "?([a-z-]+)"?/, 'serviceName: $1s'],
    ['restart policy', /(\n([ \t]+)containers:)/, '\n$2restartPolicy: OnFailure$1'],
  ];

  it('over the real-world corpus with injected mistakes', { skip: existsSync(corpusDir) ? false : 'corpus not present' }, () => {
    let applied = 0;
    const problems: string[] = [];
    for (const folder of readdirSync(corpusDir).filter((entry) => !entry.includes('.'))) {
      const files = yamlFilesOf(join(corpusDir, folder));
      for (const [name, pattern, replacement] of injections) {
        for (const file of Object.keys(files)) {
          if (!pattern.test(files[file]) || !/kind: StatefulSet/.test(files[file])) continue;
          const result = checkFixes({ ...files, [file]: files[file].replace(pattern, replacement) });
          applied += result.applied;
          problems.push(...result.problems.map((problem) => `${folder} (${name}): ${problem}`));
        }
      }
    }
    assert.ok(applied > 50, `only ${applied} fixes applied`);
    assert.deepEqual(problems, []);
  });
});
