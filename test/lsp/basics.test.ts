// The real server over stdio: open a document, receive diagnostics, ask hover, completion, symbols, fixes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient, positionOf, rangeAt } from '../support/lsp-client';
import { documents, headlessService, statefulSet } from '../support/manifests';

/** The StatefulSet `web` with a misspelt key (replica), and its headless Service. */
const text = documents(statefulSet({ spec: 'replica: 3\n' }), headlessService());
/** Where the misspelt key is: the range of the diagnostic and of its fix. */
const misspelt = rangeAt(text, 'replica', 'replica: 3');

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.stop(); });

  it('publishes diagnostics with the rule id in code, the source, the docs link and an exact range', async () => {
    const uri = 'file:///work/lsp/web.yaml';
    const waiting = client.waitForDiagnostics(uri, (d) => d.length > 0);
    await client.open(uri, text);
    const diagnostics = await waiting;
    const unknown = diagnostics.find((d) => d.code === 'schema/unknown-field');
    assert.ok(unknown, JSON.stringify(diagnostics));
    assert.equal(unknown.source, 'statefulset');
    assert.deepEqual(unknown.range, misspelt);
    assert.match(unknown.codeDescription?.href ?? '', /^file:.*docs\/rules\/schema\/unknown-field\.md$/);
  });

  it('offers the fix the rule attached, as a quick fix', async () => {
    const uri = 'file:///work/lsp/web.yaml';
    const diagnostics = (client.diagnostics.get(uri) ?? []).filter((d) => d.code === 'schema/unknown-field');
    const actions = await client.codeActions(uri, diagnostics);
    assert.equal(actions[0]?.title, 'Change "replica" to "replicas"');
    assert.equal(actions[0]?.kind, 'quickfix');
    assert.deepEqual(actions[0]?.edit?.changes?.[uri], [{ range: misspelt, newText: 'replicas' }]);
  });

  it('updates diagnostics when the document changes', async () => {
    const uri = 'file:///work/lsp/web.yaml';
    const waiting = client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'schema/unknown-field'));
    await client.change(uri, text.replace('replica: 3', 'replicas: 3'));
    await waiting;
  });

  it('hovers a key with its schema description and type', async () => {
    const uri = 'file:///work/lsp/web.yaml';
    const hover = await client.hover(uri, positionOf(text, 'serviceName', 3));
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*serviceName\*\*: `string`/);
    assert.match(value, /governs this StatefulSet/);
  });

  it('completes the keys allowed at the cursor with their documentation', async () => {
    const uri = 'file:///work/lsp/complete.yaml';
    const partial = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  rep\n';
    await client.open(uri, partial);
    const items = await client.completion(uri, { line: 5, character: 5 });
    const replicas = items.find((item) => item.label === 'replicas');
    assert.ok(replicas, items.map((i) => i.label).join(','));
    assert.match(JSON.stringify(replicas.documentation), /desired number of replicas/);
    assert.ok(items.some((item) => item.label === 'volumeClaimTemplates'));
  });

  it('completes enum values after a key', async () => {
    const uri = 'file:///work/lsp/enum.yaml';
    const partial = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  podManagementPolicy: \n';
    await client.open(uri, partial);
    const items = await client.completion(uri, { line: 5, character: 23 });
    assert.deepEqual(items.map((item) => item.label).sort(), ['OrderedReady', 'Parallel']);
  });

  it('lists one outline symbol per document', async () => {
    const symbols = await client.symbols('file:///work/lsp/web.yaml');
    assert.deepEqual(symbols.map((s) => s.name), ['StatefulSet web', 'Service web']);
  });

  it('survives garbage and keeps answering', async () => {
    const uri = 'file:///work/lsp/garbage.yaml';
    const waiting = client.waitForDiagnostics(uri);
    await client.open(uri, '\u0000\u0001{{{ ]]] : : -\n\t- x');
    await waiting;
    const symbols = await client.symbols('file:///work/lsp/web.yaml');
    assert.equal(symbols.length, 2);
  });
});

describe('code actions over stdio', () => {
  let client: LspClient;
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.stop(); });
  /** Two problems with a safe fix each: a lower-case enum value and a key in the wrong case. */
  const source = statefulSet({ spec: 'podManagementPolicy: parallel\nReplicas: 2\n' });

  it('offers to disable the rule for the line and for the document', async () => {
    const uri = 'file:///work/lsp/disable.yaml';
    const waiting = client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'schema/enum'));
    await client.open(uri, source);
    const diagnostic = (await waiting).find((d) => d.code === 'schema/enum')!;
    const actions = await client.codeActions(uri, [diagnostic]);
    const line = actions.find((a) => a.title === 'Disable schema/enum for this line');
    const lineEnd = positionOf(source, 'parallel\n', 'parallel'.length);
    const document = actions.find((a) => a.title === 'Disable schema/enum for this document');
    assert.deepEqual(line?.edit?.changes?.[uri], [{ range: { start: lineEnd, end: lineEnd }, newText: ' # statefulset-lint-disable-line schema/enum' }]);
    assert.deepEqual(document?.edit?.changes?.[uri], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# statefulset-lint-disable schema/enum\n' }]);
  });

  it('fixes all safe problems in one source.fixAll action', async () => {
    const uri = 'file:///work/lsp/disable.yaml';
    const actions = await client.codeActions(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.statefulset');
    const edits = actions[0].edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits.map((edit) => edit.newText).sort(), ['Parallel', 'replicas']);
  });

  it('sends fixes with snippet placeholders as plain default text (a WorkspaceEdit carries no snippets)', async () => {
    const uri = 'file:///work/lsp/claims.yaml';
    const text = statefulSet({
      name: 'db',
      containers: [{ name: 'db', image: 'postgres:17', mounts: { data: '/var/lib/postgresql/data' } }],
      claimTemplates: [{ name: 'data', storageClassName: 'fast-ssd' }],
    });
    const waiting = client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'sts/storage-class-missing'));
    await client.open(uri, text);
    const diagnostic = (await waiting).find((d) => d.code === 'sts/storage-class-missing')!;
    const actions = await client.codeActions(uri, [diagnostic]);
    const create = actions.find((a) => /StorageClass/.test(a.title) && /[Cc]reate/.test(a.title));
    assert.ok(create, actions.map((a) => a.title).join(' | '));
    const inserted = Object.values(create.edit?.changes ?? {}).flat().map((edit) => edit.newText).join('');
    assert.match(inserted, /kind: StorageClass/);
    assert.doesNotMatch(inserted, /\$\{|\$\d/);
  });
});
