// The bundled examples, checked as one workspace the way the README's first command does:
// the valid files give no finding at all, and the broken ones give exactly the marked findings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../support/engine';
import { expectations } from '../support/fixtures';
import { examplesDir } from '../support/repo';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

describe('examples', () => {
  const files = Object.fromEntries(yamlFiles(examplesDir).map((path) => [relative(examplesDir, path), readFileSync(path, 'utf8')]));
  const results = checkWorkspace(files);

  it('reports nothing on the valid tutorial manifests', () => {
    const valid = [...results].filter(([file]) => !file.startsWith('broken')).flatMap(([file, findings]) => findings.map((f) => `${file}:${f.line} ${f.ruleId} ${f.message}`));
    assert.deepEqual(valid, []);
  });

  it('reports exactly the marked mistakes in examples/broken', () => {
    const broken = Object.fromEntries(Object.entries(files).filter(([file]) => file.startsWith('broken')));
    const wanted = expectations({ ruleId: '', name: '', files: broken, settings: {} }).map((e) => `${e.file}:${e.line} ${e.ruleId}`);
    const actual = [...results].filter(([file]) => file.startsWith('broken')).flatMap(([file, findings]) => findings.map((f) => `${file}:${f.line} ${f.ruleId}`));
    assert.ok(wanted.length >= 5, 'the broken examples mark their mistakes');
    assert.deepEqual([...actual].sort(), [...wanted].sort());
  });
});
