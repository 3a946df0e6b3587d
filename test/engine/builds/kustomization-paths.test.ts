// Completion of the paths a kustomization names: the entries of the folder typed so far, relative to
// the kustomization, filtered by what the field may name, from the model and the host's listings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Engine } from '../../../server/src/engine';
import { diskEngine, memoryEngine } from './support';

/** Completes at the `|` in `text` (the kustomization at `path`): `label insertText` per item. */
function completeAt(engine: Engine, uri: string, text: string): string[] {
  const offset = text.indexOf('|');
  engine.setFile(uri, text.replace('|', ''), Date.now());
  return engine.complete(uri, offset).map((item) => `${item.label} ${item.kind} ${item.insertText}`);
}

const files = {
  'base/kustomization.yaml': 'resources:\n  - sts.yaml\n',
  'base/sts.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n',
  'base/notes.yaml': 'a: 1\n',
  'components/tls/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
  'prod/kustomization.yaml': 'resources: []\n',
  'prod/patch.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n',
  'prod/.hidden.yaml': 'a: 1\n',
  'prod/extra/more.yaml': 'a: 1\n',
};

describe('kustomization path completion', () => {
  it('lists the kustomization folder, folders first marked, without itself or hidden files', () => {
    const { engine, uri } = memoryEngine(files);
    assert.deepEqual(completeAt(engine, uri('prod/kustomization.yaml'), 'resources:\n  - |\n'), [
      '../ folder ../', 'extra/ folder extra/', 'patch.yaml file patch.yaml',
    ]);
    assert.deepEqual(completeAt(engine, uri('prod/kustomization.yaml'), 'resources:\n  - .|\n'), [
      '../ folder ../', '.hidden.yaml file .hidden.yaml', 'extra/ folder extra/', 'patch.yaml file patch.yaml',
    ]);
  });

  it('follows the folder typed so far, and replaces only the segment being typed', () => {
    const { engine, uri } = memoryEngine(files);
    const text = 'resources:\n  - ../ba|se/sts.yaml\n';
    assert.deepEqual(completeAt(engine, uri('prod/kustomization.yaml'), text), ['base/ folder base', 'components/ folder components/']);
    const [item] = engine.complete(uri('prod/kustomization.yaml'), text.indexOf('|'));
    const plain = text.replace('|', '');
    assert.equal(plain.slice(item.span.start, item.span.end), 'base');
    assert.deepEqual(completeAt(engine, uri('prod/kustomization.yaml'), 'resources:\n  - "../base/|"\n'), ['../ folder ../', 'notes.yaml file notes.yaml', 'sts.yaml file sts.yaml']);
  });

  it('offers what each field may name: folders for components, files for patches and generators', () => {
    const { engine, uri } = memoryEngine(files);
    const k = uri('prod/kustomization.yaml');
    assert.deepEqual(completeAt(engine, k, 'components:\n  - ../components/|\n'), ['../ folder ../', 'tls/ folder tls']);
    assert.deepEqual(completeAt(engine, k, 'patches:\n  - target:\n      kind: StatefulSet\n    path: p|\n'), ['extra/ folder extra/', 'patch.yaml file patch.yaml']);
    assert.deepEqual(completeAt(engine, k, 'patchesStrategicMerge:\n- |\n'), ['../ folder ../', 'extra/ folder extra/', 'patch.yaml file patch.yaml']);
    assert.deepEqual(completeAt(engine, k, 'configMapGenerator:\n  - name: c\n    files:\n      - conf=extra/|\n'), ['../ folder ../', 'more.yaml file more.yaml']);
    assert.deepEqual(completeAt(engine, k, 'secretGenerator:\n  - name: s\n    envs:\n      - extra/m|\n'), ['more.yaml file more.yaml']);
  });

  it('leaves other places to the usual completion', () => {
    const { engine, uri } = memoryEngine(files);
    const k = uri('prod/kustomization.yaml');
    assert.deepEqual(completeAt(engine, k, 'namespace: |\n'), []);
    assert.deepEqual(completeAt(engine, k, 'patches:\n  - target:\n      name: |\n'), []);
    // The same key in a file that is not a kustomization lists nothing.
    assert.deepEqual(completeAt(engine, uri('prod/other.yaml'), 'resources:\n  - |\n'), []);
  });

  it('lists folders on disk through the host: files that are not YAML, for generators', () => {
    const { engine, uri } = diskEngine();
    const k = uri('overlays/prod/kustomization.yaml');
    assert.deepEqual(completeAt(engine, k, 'resources:\n  - ../../|\n'), ['../ folder ../', 'base/ folder base', 'overlays/ folder overlays/', 'variants/ folder variants/']);
    assert.ok(completeAt(engine, k, 'configMapGenerator:\n  - name: c\n    files:\n      - ../../|\n').includes('README.md file README.md'));
  });
});
