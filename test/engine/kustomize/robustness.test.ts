// Bad input gets problems, never an exception: every kustomization and patch of the corpus, cut after
// each of its lines and with characters swapped, is built without throwing, and a failed build has an
// error problem and no objects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { buildKustomization, type KustomizeFiles } from '../../../server/src/engine/kustomize';
import { parseFile } from '../../../server/src/engine/yaml/parse';
import { buildTargets, diskFiles, kustomizationUri } from './support';

function withText(files: KustomizeFiles, uri: string, text: string): KustomizeFiles {
  return { ...files, yaml: (at) => (at === uri ? parseFile(at, text) : files.yaml(at)), text: (at) => (at === uri ? text : files.text(at)) };
}

const mutations = (text: string): string[] => {
  const lines = text.split('\n');
  return [
    ...lines.map((_, index) => lines.slice(0, index).join('\n')),
    text.replace(/: /g, ': [').replace(/- /g, '- {'),
    text.replace(/\n {2}/g, '\n'),
    text.replace(/^[a-z]+:/m, 'resources: 7\n$&'),
  ];
};

describe('Kustomize renderer: robustness', () => {
  it('builds every cut and mangled kustomization of the corpus without throwing', () => {
    const files = diskFiles();
    let builds = 0;
    for (const folder of buildTargets()) {
      const uri = kustomizationUri(folder);
      const text = readFileSync(join(folder, uri.slice(uri.lastIndexOf('/') + 1)), 'utf8');
      const patchFiles = [...text.matchAll(/path: (\S+\.(?:ya?ml|json))/g)].map((match) => pathToFileURL(join(folder, match[1])).href);
      const variants: [string, string][] = [...mutations(text).map((variant) => [uri, variant] as [string, string]),
        ...patchFiles.flatMap((patch) => { const original = files.text(patch) ?? ''; return mutations(original).map((variant) => [patch, variant] as [string, string]); })];
      for (const [target, variant] of variants) {
        const build = buildKustomization(uri, withText(files, target, variant));
        builds++;
        if (build.failed) {
          assert.ok(build.problems.some((problem) => problem.severity === 'error'), `${target}: failed without an error problem`);
          assert.deepEqual(build.objects, []);
        }
      }
    }
    assert.ok(builds > 500, `only ${builds} builds`);
  });
});
