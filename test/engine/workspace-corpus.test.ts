// The cross-document rules on the real-world corpus (../shared/corpus/real, not part of this
// repository), each folder checked as one workspace: the genuine mistakes its SOURCES.md lists are
// found, and nothing else. Skipped with a message when the corpus is not beside the checkout.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine/rules';
// Mistakes are what is checked here: advice (info, such as sts/pdb-missing) is not a mistake.
const workspaceRules = allRules.filter((rule) => rule.scope === 'workspace' && (rule.defaultSeverity === 'error' || rule.defaultSeverity === 'warning'));
import { checkWorkspace } from '../support/engine';
import { corpusDir } from '../support/repo';

const ids = new Set(workspaceRules.map((rule) => rule.id));
const present = existsSync(corpusDir);

/** Every cross-document finding expected per folder: `file:line rule`. */
const expected: Record<string, string[]> = {
  // my-nginx: the governing Service `nginx` and the StorageClass `my-storage-class` are not in the sample.
  'GoogleCloudPlatform__kubernetes-engine-samples': [
    'cost-optimization__gke-shift-left-cost__samples__k8s-cost-estimator-local__app-v1__statefulset.yaml:23 sts/service-missing',
    'cost-optimization__gke-shift-left-cost__samples__k8s-cost-estimator-local__app-v1__statefulset.yaml:43 sts/storage-class-missing',
  ],
  // serviceName csi-hostpathplugin and csi-hostpath-socat name no Service at all.
  'kubernetes-csi__csi-driver-host-path': [
    'deploy__kubernetes-1.34__hostpath__csi-hostpath-plugin.yaml:218 sts/service-missing',
    'deploy__kubernetes-1.34__hostpath__csi-hostpath-testing.yaml:41 sts/service-missing',
  ],
  // The e2e test creates the StorageClass nginx-sc itself; it is not in the repository.
  kubernetes__kubernetes: ['test__e2e__testing-manifests__statefulset__nginx__statefulset.yaml:29 sts/storage-class-missing'],
  // serviceName rabbitmq-service is a ClusterIP Service (a warning: one replica, no per-pod name used);
  // ZooKeeper's required anti-affinity selects app in (zk) while its pods carry only app.kubernetes.io/name: zk.
  kubernetes__website: [
    'content__en__examples__application__job__rabbitmq__rabbitmq-statefulset.yaml:13 sts/service-not-headless',
    'content__en__examples__application__zookeeper__zookeeper.yaml:62 sts/anti-affinity-selects-nothing',
  ],
  // serviceName rabbitmq is a NodePort Service (an error: RABBITMQ_NODENAME uses the per-pod names).
  'rabbitmq__diy-kubernetes-examples': ['minikube__statefulset.yaml:8 sts/service-not-headless'],
};

describe('cross-document rules on the real-world corpus', { skip: present ? false : `corpus not found at ${corpusDir}` }, () => {
  const folderFiles = (folder: string): Record<string, string> => {
    const dir = join(corpusDir, folder);
    return Object.fromEntries(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  };

  it('makes a non-headless governing Service an error only where the manifests use the per-pod names', () => {
    // rabbitmq (website): 1 replica reached through its ClusterIP Service: the pods work, a warning.
    const website = checkWorkspace(folderFiles('kubernetes__website')).get('content__en__examples__application__job__rabbitmq__rabbitmq-statefulset.yaml')!
      .filter((finding) => finding.ruleId === 'sts/service-not-headless');
    assert.deepEqual(website.map((finding) => finding.severity), ['warning']);
    // rabbitmq (minikube): RABBITMQ_NODENAME is rabbit@$(MY_POD_NAME).$(K8S_SERVICE_NAME)...: an error, naming it.
    const files = folderFiles('rabbitmq__diy-kubernetes-examples');
    const minikube = checkWorkspace(files).get('minikube__statefulset.yaml')!.filter((finding) => finding.ruleId === 'sts/service-not-headless');
    assert.deepEqual(minikube.map((finding) => finding.severity), ['error']);
    assert.match(minikube[0].message, /env RABBITMQ_NODENAME of container "rabbitmq-k8s" uses one \("\$\(MY_POD_NAME\)\.\$\(K8S_SERVICE_NAME\)"\)/);
    const use = minikube[0].related!.find((related) => related.message.includes('RABBITMQ_NODENAME'))!;
    assert.equal(files['minikube__statefulset.yaml'].slice(use.start, use.end), 'rabbit@$(MY_POD_NAME).$(K8S_SERVICE_NAME).$(MY_POD_NAMESPACE).svc.cluster.local');
  });

  const folders = present ? readdirSync(corpusDir).filter((entry) => !entry.includes('.')).sort() : [];
  for (const folder of folders) {
    it(`${folder}: ${expected[folder]?.length ?? 0} cross-document findings, the known mistakes`, () => {
      const dir = join(corpusDir, folder);
      const files = Object.fromEntries(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const found = [...checkWorkspace(files)].flatMap(([file, findings]) => findings
        .filter((finding) => ids.has(finding.ruleId)).map((finding) => `${file}:${finding.line} ${finding.ruleId}`));
      assert.deepEqual(found.sort(), [...(expected[folder] ?? [])].sort());
    });
  }
});
