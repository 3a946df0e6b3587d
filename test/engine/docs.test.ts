// Every rule has its documentation page (the diagnostics link to it) and a row in the README.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { repoRoot } from '../support/repo';

describe('rule documentation', () => {
  it('has a page docs/rules/<id>.md for every rule, naming its default severity', () => {
    const missing = allRules.filter((rule) => {
      const page = join(repoRoot, 'docs', 'rules', `${rule.id}.md`);
      return !existsSync(page) || !readFileSync(page, 'utf8').includes(`**${rule.defaultSeverity}**`);
    }).map((rule) => rule.id);
    assert.deepEqual(missing, []);
  });

  it('says on every rule\'s page why its default severity is what it is', () => {
    const missing = allRules.filter((rule) => !/^Why this severity: \S/m.test(readFileSync(join(repoRoot, 'docs', 'rules', `${rule.id}.md`), 'utf8'))).map((rule) => rule.id);
    assert.deepEqual(missing, []);
  });

  it('names every rule prefix in the README', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const prefixes = [...new Set(allRules.map((rule) => rule.id.split('/')[0]))];
    assert.deepEqual(prefixes.filter((prefix) => !readme.includes(`| \`${prefix}/\` |`)), []);
  });

  it('has unique rule ids in the registry', () => {
    const ids = allRules.map((rule) => rule.id);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
  });
});
