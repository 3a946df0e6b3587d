// Trees parsed when asked for and dropped again (engine/yaml: parseTree, LazyTrees): a document whose
// tree was dropped is parsed again when its tree is asked for, keeps its identity and its manifest, and
// gives exactly what it gave before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { parseTree, rootMap } from '../../server/src/engine/yaml';
import { LazyTrees } from '../../server/src/engine/model/lazy-trees';
import { keySpan, valueSpan } from '../../server/src/engine/yaml/nodes';
import { schemas } from '../support/engine';
import { service, statefulSet } from '../support/manifests';

const uri = 'file:///work/apps.yaml';

const apps = `# Settings and the StatefulSet that uses them.
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data: {level: info}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web-svc
  selector:
    matchLabels: &labels
      app: web
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - name: web
          image: nginx
          ports: [{name: http, containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: web-svc
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: http
`;

const notHeadless = service({ name: 'db' });

const database = statefulSet({ name: 'db', containers: [{ name: 'db', image: 'postgres' }] });

function setup(keep: (uri: string) => boolean = () => false): { engine: Engine; trees: LazyTrees; endTask: () => void } {
  const engine = new Engine(schemas(), undefined, { onRuleError: (ruleId, at, error) => { throw new Error(`rule ${ruleId} threw on ${at}: ${String(error)}`); } });
  const tasks: (() => void)[] = [];
  const trees = new LazyTrees(engine.model, { schedule: (task) => tasks.push(task), keep });
  return { engine, trees, endTask: () => { for (const task of tasks.splice(0)) task(); } };
}

/** Spans the rules ask for, in every manifest of the file. */
function spans(engine: Engine, at: string): unknown[] {
  return engine.model.manifestsOf(at).map((manifest) => [
    rootMap(parseTree(manifest.document))?.range,
    keySpan(parseTree(manifest.document), ['metadata', 'name']),
    valueSpan(parseTree(manifest.document), ['spec', 'serviceName']),
    valueSpan(parseTree(manifest.document), ['spec', 'template', 'metadata', 'labels', 'app']),
    valueSpan(parseTree(manifest.document), ['spec', 'ports', 0, 'targetPort']),
  ]);
}

describe('lazy trees', () => {
  it('parses the tree of a released document again once, when asked for, and gives the same nodes', () => {
    const { engine, trees, endTask } = setup();
    const file = engine.setFile(uri, apps);
    const documents = [...file.documents];
    const manifests = [...engine.model.manifestsOf(uri)];
    const before = spans(engine, uri);
    const dumps = file.documents.map((document) => parseTree(document).toString());

    assert.equal(trees.release(uri), true);
    assert.equal(trees.isReleased(uri), true);
    assert.equal(trees.stats.reparsed, 0);
    assert.deepEqual(spans(engine, uri), before);
    assert.equal(trees.stats.reparsed, 3, 'one parse per document, however often its tree is asked for');
    assert.equal(trees.isReleased(uri), false);
    assert.deepEqual(file.documents.map((document) => parseTree(document).toString()), dumps);
    assert.deepEqual(engine.getFile(uri)?.documents, documents, 'the same document objects');
    assert.deepEqual(engine.model.manifestsOf(uri), manifests, 'the same manifest objects');

    endTask();
    assert.equal(trees.isReleased(uri), true, 'dropped again after the task that read them');
    assert.deepEqual(spans(engine, uri), before);
    assert.equal(trees.stats.reparsed, 6);
  });

  it('parses only the tree asked for, of one document', () => {
    const { engine, trees } = setup();
    const file = engine.setFile(uri, apps);
    trees.release(uri);
    assert.equal(valueSpan(parseTree(file.documents[1]), ['spec', 'serviceName'])?.start, apps.indexOf('web-svc'));
    assert.equal(trees.stats.reparsed, 1);
    assert.equal(trees.isReleased(uri), false);
  });

  it('keeps the trees read again of a file the host keeps (open in the editor)', () => {
    const { engine, trees, endTask } = setup((at) => at === uri);
    engine.setFile(uri, apps);
    trees.release(uri);
    spans(engine, uri);
    endTask();
    assert.equal(trees.isReleased(uri), false);
    spans(engine, uri);
    assert.equal(trees.stats.reparsed, 3, 'each document parsed once');
  });

  it('does not touch files without trees: skipped files, templates, empty files', () => {
    const { engine, trees } = setup();
    engine.setFile('file:///work/chart.yaml', 'name: {{ .Values.name }}\n');
    engine.setFile('file:///work/empty.yaml', '# nothing\n');
    engine.setUnreadable('file:///work/binary.yaml', 'binary');
    for (const at of ['file:///work/chart.yaml', 'file:///work/empty.yaml', 'file:///work/binary.yaml', 'file:///work/missing.yaml']) {
      assert.equal(trees.release(at), false, at);
      assert.equal(trees.isReleased(at), false, at);
    }
  });

  it('re-parses an edited released file incrementally into the same file a full parse gives', () => {
    const { engine, trees, endTask } = setup();
    engine.setFile(uri, apps, 1);
    trees.release(uri);
    // An edit in the middle document: the first is kept, the last is kept and moved.
    const edited = apps.replace('serviceName: web-svc', 'serviceName: web-service');
    const file = engine.setFile(uri, edited, 2);
    endTask();
    const full = new Engine(schemas());
    full.setFile(uri, edited, 2);
    assert.deepEqual(spans(engine, uri), spans(full, uri));
    assert.deepEqual(file.documents.map((document) => [document.span, parseTree(document).toString()]),
      full.getFile(uri)!.documents.map((document) => [document.span, parseTree(document).toString()]));
    assert.deepEqual(engine.check([uri]), full.check([uri]));
    trees.release(uri);
    assert.deepEqual(engine.check([uri]), full.check([uri]), 'and again once released');
  });

  it('adds files without building a tree: same manifests and findings, trees parsed only for findings', () => {
    const files = { 'file:///work/svc.yaml': notHeadless, 'file:///work/db.yaml': database };
    const { engine: withTrees } = setup();
    for (const [at, text] of Object.entries(files)) {
      withTrees.setFile(at, text);
      for (const document of withTrees.getFile(at)!.documents) parseTree(document);
    }
    const { engine, trees, endTask } = setup();
    for (const [at, text] of Object.entries(files)) {
      engine.setFile(at, text);
      assert.equal(trees.isReleased(at), true, `${at}: no tree after parsing`);
      trees.release(at);
    }
    const facts = (model: Engine['model'], at: string): unknown[] => model.manifestsOf(at).map((manifest) => [manifest.kind, manifest.name, manifest.value, manifest.document.span]);
    for (const at of Object.keys(files)) assert.deepEqual(facts(engine.model, at), facts(withTrees.model, at), at);
    const expected = withTrees.check();
    assert.ok(expected.get('file:///work/db.yaml')?.some((finding) => finding.related?.length && finding.fixes?.length));
    assert.deepEqual(engine.check(), expected);
    assert.ok(trees.stats.reparsed > 0, 'the findings\' positions and fixes read trees');
    endTask();
    for (const at of Object.keys(files)) assert.equal(trees.isReleased(at), true, at);
  });

  it('gives the same findings, related locations and fixes across files once the trees are dropped', () => {
    const { engine, trees, endTask } = setup();
    const files = { 'file:///work/svc.yaml': notHeadless, 'file:///work/db.yaml': database, [uri]: apps };
    const { engine: withTrees } = setup();
    for (const [at, text] of Object.entries(files)) withTrees.setFile(at, text);
    const expected = withTrees.check();
    assert.ok(expected.get('file:///work/db.yaml')?.some((finding) => finding.ruleId === 'sts/service-not-headless' && finding.related?.length && finding.fixes?.length));
    for (const [at, text] of Object.entries(files)) engine.setFile(at, text);
    for (const at of Object.keys(files)) trees.release(at);
    assert.deepEqual(engine.check(), expected);
    assert.ok(trees.stats.reparsed > 0);
    endTask();
    for (const at of Object.keys(files)) assert.equal(trees.isReleased(at), true, at);
  });
});
