// The pod/*, svc/* and sc/* rules on the real-world corpus (../shared/corpus/real): no error on a
// correct manifest, and the genuine mistake SOURCES.md lists (two containers of csi-hostpath-plugin
// declaring the port name "healthz") found as a warning. Skipped when the corpus is not there.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkspace, type CheckedFinding } from '../support/engine';
import { corpusDir } from '../support/repo';

const present = existsSync(corpusDir);
const own = /^(pod|svc|sc)\//;
const cross = new Set(['svc/no-matching-pods', 'svc/target-port-unknown']); // the workspace rules' svc ids

function corpusFindings(): Map<string, CheckedFinding[]> {
  const files: Record<string, string> = {};
  for (const folder of readdirSync(corpusDir).filter((entry) => !entry.includes('.'))) {
    for (const file of readdirSync(join(corpusDir, folder)).filter((name) => /\.ya?ml$/.test(name))) {
      files[`${folder}/${file}`] = readFileSync(join(corpusDir, folder, file), 'utf8');
    }
  }
  return checkWorkspace(files);
}

describe('pod, svc and sc rules on the real-world corpus', { skip: present ? false : `corpus not found at ${corpusDir}` }, () => {
  const findings = present ? [...corpusFindings()].flatMap(([file, list]) => list.map((finding) => ({ file, ...finding }))) : [];
  const ours = findings.filter((finding) => own.test(finding.ruleId) && !cross.has(finding.ruleId));

  it('reports no error-severity finding', () => {
    assert.deepEqual(ours.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`), []);
  });

  it('finds the port name "healthz" declared by two containers of csi-hostpath-plugin, as a warning', () => {
    const duplicate = ours.filter((f) => f.ruleId === 'pod/port-name-duplicate');
    assert.equal(duplicate.length, 1);
    assert.match(duplicate[0].file, /csi-hostpath-plugin\.yaml$/);
    assert.equal(duplicate[0].severity, 'warning');
    assert.match(duplicate[0].message, /"healthz"/);
    assert.equal(duplicate[0].related?.length, 1);
  });

  it('finds the identical liveness and readiness probes of ZooKeeper and NATS, as advice', () => {
    const identical = ours.filter((f) => f.ruleId === 'pod/probes-identical');
    assert.deepEqual(identical.map((f) => `${f.file}:${f.line} ${f.severity}`), [
      'kubernetes__website/content__en__examples__application__zookeeper__zookeeper.yaml:112 info',
      'nats-io__k8s/nats-server__simple-nats.yml:129 info',
    ]);
  });

  it('reports nothing else (consul\'s containerPort 53 named "udp-port" without a protocol is fine)', () => {
    assert.deepEqual(ours.filter((f) => f.ruleId !== 'pod/port-name-duplicate' && f.ruleId !== 'pod/probes-identical').map((f) => `${f.file}:${f.line} ${f.ruleId}`), []);
  });
});
