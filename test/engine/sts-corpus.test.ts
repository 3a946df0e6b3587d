// The real-world corpus (../shared/corpus/real, see its SOURCES.md): the StatefulSet rules give no
// error on these correct manifests, and find exactly the genuine mistakes SOURCES.md lists.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../support/engine';
import { corpusDir } from '../support/repo';

const own = /^(sts\/(name-|selector-(missing|empty|mismatch)|negative-value|update-strategy-invalid|restart-policy|active-deadline|service-name-|termination-grace-zero|volume-mount-unknown|claim-template-unmounted|volume-shadows-claim-template)|pvc\/|labels\/invalid)/;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

describe('StatefulSet rules on the real-world corpus', { skip: existsSync(corpusDir) ? false : `no corpus at ${corpusDir}` }, () => {
  it('finds the genuine mistakes and nothing else', () => {
    const files = Object.fromEntries(yamlFiles(corpusDir).map((path) => [relative(corpusDir, path), readFileSync(path, 'utf8')]));
    const found = [...checkWorkspace(files)].flatMap(([file, findings]) => findings
      .filter((finding) => own.test(finding.ruleId))
      .map((finding) => `${finding.severity} ${finding.ruleId} ${file.split('/').pop()}:${finding.line}`));
    assert.deepEqual(found.sort(), [
      // VCT www is never mounted (the container has no volumeMounts).
      'warning sts/claim-template-unmounted cost-optimization__gke-shift-left-cost__samples__k8s-cost-estimator-local__app-v1__statefulset.yaml:40',
      // Pod volume datadir (persistentVolumeClaim datadir) has the claim template's name.
      'warning sts/volume-shadows-claim-template test__e2e__testing-manifests__statefulset__cockroachdb__statefulset.yaml:92',
      // Pod volume rabbitmq-data (persistentVolumeClaim) has the claim template's name.
      'warning sts/volume-shadows-claim-template gke__statefulset.yaml:62',
    ].sort());
  });
});
