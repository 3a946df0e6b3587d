// Real-world manifests (../shared/corpus/real, not part of this repository): no false errors.
// Skipped with a message when the corpus is not beside the checkout.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../support/engine';
import { corpusDir } from '../support/repo';

const present = existsSync(corpusDir);
const legacy = /apiVersion:\s*(apps\/v1beta[12]|policy\/v1beta1|storage\.k8s\.io\/v1beta1|extensions\/v1beta1)\b/;

describe('real-world corpus', { skip: present ? false : `corpus not found at ${corpusDir}` }, () => {
  const folders = present ? readdirSync(corpusDir).filter((entry) => !entry.includes('.')).sort() : [];
  for (const folder of folders) {
    it(`${folder}: no schema/* or yaml/* findings; removed APIs only in legacy files`, () => {
      const dir = join(corpusDir, folder);
      const files = Object.fromEntries(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const results = checkWorkspace(files);
      const wrong: string[] = [];
      for (const [file, findings] of results) {
        for (const finding of findings) {
          const syntaxOrSchema = finding.ruleId.startsWith('schema/') || finding.ruleId.startsWith('yaml/');
          const removedOutsideLegacy = finding.ruleId === 'manifest/removed-api' && !legacy.test(files[file]);
          if (syntaxOrSchema || removedOutsideLegacy) wrong.push(`${file}:${finding.line} ${finding.ruleId} ${finding.message}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});
