// files.exclude patterns as VS Code writes them, matched against paths relative to the workspace folder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileGlob, ExcludeMatcher } from '../../server/src/config/exclude-globs';

function matches(glob: string, path: string): boolean {
  const compiled = compileGlob(glob);
  assert.ok('matcher' in compiled, `${glob}: ${'problem' in compiled ? compiled.problem : ''}`);
  return compiled.matcher.match(path);
}

describe('files.exclude globs', () => {
  it('matches ** across folders, * and ? within one, braces and classes', () => {
    assert.ok(matches('**/.git', '.git'));
    assert.ok(matches('**/.git', 'a/b/.git'));
    assert.ok(!matches('**/.git', 'a/.github'));
    assert.ok(matches('build/**', 'build/x/y.yaml'));
    assert.ok(matches('*.tmp.yaml', 'a.tmp.yaml'));
    assert.ok(!matches('*.tmp.yaml', 'dir/a.tmp.yaml'));
    assert.ok(matches('**/*.{yml,yaml}', 'k8s/app.yml'));
    assert.ok(matches('chart-?/values.yaml', 'chart-a/values.yaml'));
    assert.ok(matches('[ab]/x.yaml', 'b/x.yaml'));
    assert.ok(!matches('[!ab]/x.yaml', 'a/x.yaml'));
    assert.ok(matches('*', '.hidden'), 'VS Code globs match dot files');
    assert.ok(matches('./generated/', 'generated'));
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
    assert.deepEqual(matcher.problems, []);
  });

  it('never throws on half-typed or invalid patterns, and says which ones it ignores', () => {
    // These threw a SyntaxError in the hand-made converter, and the server exited.
    const setting = {
      '**/{node_modules,dist': true, '[z-a]': true, '[': true, '{': true, '**/[': true, '(': true, '\\': true,
      [`${'{a,b}'.repeat(12)}`]: true, [`${'x'.repeat(5000)}`]: true, '': true, 'generated': true,
    };
    const matcher = new ExcludeMatcher(setting);
    assert.ok(matcher.excludes('generated/a.yaml'), 'the valid pattern beside them still applies');
    assert.ok(!matcher.excludes('node_modules/a.yaml'));
    assert.ok(!matcher.excludes('z/a.yaml'));
    assert.equal(matcher.problems.length, 4, matcher.problems.join('\n'));
    assert.match(matcher.problems.join('\n'), /expand to more than 256 patterns/);
    assert.match(matcher.problems.join('\n'), /longer than 1024 characters/);
    assert.match(matcher.problems.join('\n'), /"" is ignored: it is empty/);
    for (const odd of [null, 42, 'text', ['**/x'], { x: 'yes' }]) assert.ok(!new ExcludeMatcher(odd).excludes('x/a.yaml'));
  });

  it('matches a run of `*a` against a long name without exponential backtracking', () => {
    // 70 s with the regular expression the converter built; the work is counted in linear-work.test.ts.
    const matcher = new ExcludeMatcher({ '*a*a*a*a*a*a*a*a*a*a*a*a*a*ax': true });
    assert.ok(!matcher.excludes('a'.repeat(35)));
    assert.ok(matcher.excludes(`${'a'.repeat(35)}x`));
  });
});
