// Navigation over the workspace (engine/navigation.ts) on YAML strings; `|` marks the cursor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { completeNames, definition, references } from '../../server/src/engine/features/navigation';
import { schemas } from '../support/engine';
import { documents, headlessService, persistentVolumeClaim, service as serviceOf, statefulSet as statefulSetOf, storageClass as storageClassOf } from '../support/manifests';

/** The headless Service nginx, and nginx-public (not headless) selecting the same pods. */
const service = documents(headlessService({ name: 'nginx' }), serviceOf({ name: 'nginx-public', selector: { app: 'nginx' } }));

const storageClass = storageClassOf({ name: 'fast' });

/** web: governed by nginx; its selector has a label (tier) the template lacks; a claim template and a volume, both mounted. */
const statefulSet = statefulSetOf({
  serviceName: 'nginx', selector: { app: 'nginx', tier: 'web' }, labels: { app: 'nginx' },
  containers: [{ name: 'nginx', image: 'nginx', mounts: { www: '/usr/share/nginx/html', config: '/etc/nginx' } }],
  podSpec: 'volumes:\n  - name: config\n    configMap:\n      name: nginx\n',
  claimTemplates: [{ name: 'www', storageClassName: 'fast' }],
});

/** A workspace of the three files; `sts.yaml` may carry a `|` cursor. */
function workspace(sts = statefulSet): { engine: Engine; offset: number } {
  const engine = new Engine(schemas(), { knownStorageClasses: ['slow'] });
  engine.setFile('svc.yaml', service);
  engine.setFile('sc.yaml', storageClass);
  const offset = sts.indexOf('|');
  engine.setFile('sts.yaml', sts.replace('|', ''));
  return { engine, offset };
}

function textAt(engine: Engine, location: { uri: string; start: number; end: number }): string {
  return `${location.uri}:${engine.getFile(location.uri)!.text.slice(location.start, location.end)}`;
}

describe('navigation', () => {
  it('goes from serviceName to the Service in another file', () => {
    const { engine } = workspace();
    const offset = statefulSet.indexOf('serviceName: nginx') + 'serviceName: ng'.length;
    assert.deepEqual(definition(engine.model, 'sts.yaml', offset).map((l) => textAt(engine, l)), ['svc.yaml:nginx']);
  });

  it('goes from storageClassName to the StorageClass', () => {
    const { engine } = workspace();
    const offset = statefulSet.indexOf('storageClassName: fast') + 'storageClassName: f'.length;
    const [location] = definition(engine.model, 'sts.yaml', offset);
    assert.equal(textAt(engine, location), 'sc.yaml:fast');
  });

  it('goes from a volumeMount name to the claim template or the volume', () => {
    const { engine } = workspace();
    const www = statefulSet.indexOf('- name: www') + '- name: w'.length;
    const config = statefulSet.indexOf('- name: config') + '- name: c'.length;
    const [claim] = definition(engine.model, 'sts.yaml', www);
    const [volume] = definition(engine.model, 'sts.yaml', config);
    assert.equal(claim.start, statefulSet.indexOf('name: www', statefulSet.indexOf('volumeClaimTemplates')) + 'name: '.length);
    assert.equal(volume.start, statefulSet.indexOf('name: config', statefulSet.indexOf('volumes:')) + 'name: '.length);
  });

  it('finds every StatefulSet that names a Service, from the Service name', () => {
    const { engine } = workspace();
    const other = statefulSet.replace('name: web', 'name: cache');
    engine.setFile('other.yaml', other);
    const offset = service.indexOf('name: nginx') + 'name: n'.length;
    const found = references(engine.model, 'svc.yaml', offset, true).map((l) => `${textAt(engine, l)}@${l.start}`);
    const at = (text: string): number => text.indexOf('serviceName: nginx') + 'serviceName: '.length;
    assert.deepEqual(found, [`svc.yaml:nginx@${service.indexOf('nginx')}`, `sts.yaml:nginx@${at(statefulSet)}`, `other.yaml:nginx@${at(other)}`]);
  });

  it('finds the claim templates and claims that use a StorageClass', () => {
    const { engine } = workspace();
    engine.setFile('pvc.yaml', persistentVolumeClaim({ name: 'scratch', storageClassName: 'fast' }));
    const found = references(engine.model, 'sc.yaml', storageClass.indexOf('fast') + 1, false).map((l) => textAt(engine, l));
    assert.deepEqual(found, ['sts.yaml:fast', 'pvc.yaml:fast']);
  });

  it('completes serviceName with the headless Services of the namespace only', () => {
    const { engine, offset } = workspace(statefulSet.replace('serviceName: nginx', 'serviceName: |'));
    assert.deepEqual(completeNames(engine.model, engine.settings, 'sts.yaml', offset).map((item) => item.label), ['nginx']);
  });

  it('completes storageClassName with workspace, configured and distribution classes', () => {
    const { engine, offset } = workspace(statefulSet.replace('storageClassName: fast', 'storageClassName: f|'));
    const labels = completeNames(engine.model, engine.settings, 'sts.yaml', offset).map((item) => item.label);
    assert.deepEqual(labels.slice(0, 3), ['fast', 'slow', 'standard']);
  });

  it('completes a volumeMount name with the volumes and claim templates', () => {
    const { engine, offset } = workspace(statefulSet.replace('- name: www\n', '- name: |\n'));
    assert.deepEqual(completeNames(engine.model, engine.settings, 'sts.yaml', offset).map((item) => item.label), ['config', 'www']);
  });

  it('completes template labels with the selector labels they lack', () => {
    const { engine, offset } = workspace(statefulSet.replace('        app: nginx\n    spec:', '        app: nginx\n        |\n    spec:'));
    const items = completeNames(engine.model, engine.settings, 'sts.yaml', offset);
    assert.deepEqual(items.map((item) => item.insertText), ['tier: web']);
  });
});
