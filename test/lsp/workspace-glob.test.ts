// files.exclude patterns as VS Code writes them, matched against paths relative to the workspace folder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExcludeMatcher, globToRegExp } from '../../server/src/lsp/workspace-glob';

describe('files.exclude globs', () => {
  it('matches ** across folders, * and ? within one, braces and classes', () => {
    assert.ok(globToRegExp('**/.git').test('.git'));
    assert.ok(globToRegExp('**/.git').test('a/b/.git'));
    assert.ok(!globToRegExp('**/.git').test('a/.github'));
    assert.ok(globToRegExp('build/**').test('build/x/y.yaml'));
    assert.ok(globToRegExp('*.tmp.yaml').test('a.tmp.yaml'));
    assert.ok(!globToRegExp('*.tmp.yaml').test('dir/a.tmp.yaml'));
    assert.ok(globToRegExp('**/*.{yml,yaml}').test('k8s/app.yml'));
    assert.ok(globToRegExp('chart-?/values.yaml').test('chart-a/values.yaml'));
    assert.ok(globToRegExp('[ab]/x.yaml').test('b/x.yaml'));
    assert.ok(!globToRegExp('[!ab]/x.yaml').test('a/x.yaml'));
  });

  it('excludes a path when it or a folder above it matches an enabled pattern', () => {
    const matcher = new ExcludeMatcher({ '**/generated': true, 'vendor': true, '**/*.bak.yaml': true, 'kept/**': false, 'when/**': { when: '$(basename).ts' } });
    assert.ok(matcher.excludes('generated/sts.yaml'));
    assert.ok(matcher.excludes('apps/generated/deep/sts.yaml'));
    assert.ok(matcher.excludes('vendor/svc.yaml'));
    assert.ok(!matcher.excludes('apps/vendor/svc.yaml'));
    assert.ok(matcher.excludes('apps/old.bak.yaml'));
    assert.ok(!matcher.excludes('kept/sts.yaml'));
    assert.ok(!matcher.excludes('when/sts.yaml'));
    assert.ok(!new ExcludeMatcher(undefined).excludes('any.yaml'));
  });
});
