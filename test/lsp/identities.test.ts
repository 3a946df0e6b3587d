// The real server over stdio: the custom request statefulset/identities, the CodeLens above each
// StatefulSet, and the identity hover, following edits of the document and of the Service's file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { identitiesRequestMethod, previewIdentitiesCommand, type IdentitiesParams, type IdentitiesResult } from '../../server/src/protocol';
import { LspClient, positionOf, rangeAt } from '../support/lsp-client';
import { documents, statefulSet, tutorialService as service, tutorialStatefulSet } from '../support/manifests';

/** The tutorial's StatefulSet, and `cache` without a serviceName (one problem). */
const statefulSets = documents(
  tutorialStatefulSet,
  statefulSet({ name: 'cache', serviceName: null, replicas: 1, containers: [{ name: 'cache', image: 'redis:7' }] }),
);

describe('identities over LSP', () => {
  let client: LspClient;
  const stsUri = 'file:///work/lsp-identities/sts.yaml';
  const svcUri = 'file:///work/lsp-identities/svc.yaml';
  const identities = (params: IdentitiesParams): Promise<IdentitiesResult | null> =>
    client.connection.sendRequest(identitiesRequestMethod, params);
  const lenses = (uri: string): Promise<CodeLens[] | null> =>
    client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });

  before(async () => {
    client = await LspClient.start({ settings: { clusterDomain: 'cluster.example' } });
    await client.open(svcUri, service);
    await client.open(stsUri, statefulSets);
    // The server pulls the settings after initialize; wait until it uses them.
    for (let tries = 0; tries < 100; tries++) {
      if ((await identities({ textDocument: { uri: stsUri } }))?.clusterDomain === 'cluster.example') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => { await client.stop(); });

  it('declares the CodeLens capability', () => {
    assert.ok(client.initializeResult?.capabilities.codeLensProvider);
  });

  it('answers statefulset/identities with every StatefulSet of the document and the one at the cursor', async () => {
    const result = await identities({ textDocument: { uri: stsUri }, position: positionOf(statefulSets, 'name: cache') });
    assert.ok(result);
    assert.equal(result.uri, stsUri);
    assert.equal(result.version, 1);
    assert.equal(result.clusterDomain, 'cluster.example');
    assert.deepEqual(result.statefulSets.map((set) => set.name), ['apache-http', 'cache']);
    assert.equal(result.activeIndex, 1);
    const [web, cache] = result.statefulSets;
    assert.deepEqual(web.pods.map((pod) => pod.fqdn), [0, 1, 2].map((n) => `apache-http-${n}.httpd-service.default.svc.cluster.example`));
    assert.deepEqual(web.pods.map((pod) => pod.claims[0].pvc), ['htdocs-apache-http-0', 'htdocs-apache-http-1', 'htdocs-apache-http-2']);
    assert.deepEqual(web.srv.map((record) => record.name), ['_web._tcp.httpd-service.default.svc.cluster.example']);
    assert.equal(web.service?.location?.uri, svcUri);
    assert.deepEqual(cache.problems.map((problem) => problem.code), ['sts/service-name-empty']);
    assert.equal(statefulSets.slice(web.location.start, web.location.end), 'apache-http');
  });

  it('answers -1 without a position, and an empty list with a note for an unknown document', async () => {
    assert.equal((await identities({ textDocument: { uri: stsUri } }))?.activeIndex, -1);
    const unknown = await identities({ textDocument: { uri: 'file:///work/lsp-identities/none.yaml' } });
    assert.deepEqual(unknown?.statefulSets, []);
    assert.ok(unknown?.note);
  });

  it('puts a CodeLens on the name of each StatefulSet that runs the preview command', async () => {
    const found = await lenses(stsUri);
    assert.deepEqual(found?.map((lens) => lens.command?.title), [
      '3 pods: apache-http-0 … apache-http-2 · preview',
      '1 pod: cache-0 · ⚠ 1 problem · preview',
    ]);
    const [first] = found ?? [];
    const name = rangeAt(statefulSets, 'apache-http');
    assert.deepEqual(first.range, name);
    assert.equal(first.command?.command, previewIdentitiesCommand);
    assert.deepEqual(first.command?.arguments, [stsUri, name.start]);
    assert.deepEqual(await lenses(svcUri), []);
  });

  it('follows edits of the document at once, without waiting for diagnostics', async () => {
    const edited = statefulSets.replace('replicas: 3', 'replicas: 5');
    await client.change(stsUri, edited);
    const result = await identities({ textDocument: { uri: stsUri } });
    assert.equal(result?.version, 2);
    assert.equal(result?.statefulSets[0].lastPod, 'apache-http-4');
    assert.equal((await lenses(stsUri))?.[0].command?.title, '5 pods: apache-http-0 … apache-http-4 · preview');
  });

  it('reports the Service as not headless once its own file changes', async () => {
    await client.change(svcUri, service.replace('  clusterIP: None\n', ''));
    const result = await identities({ textDocument: { uri: stsUri } });
    const problem = result?.statefulSets[0].problems.find((item) => item.code === 'sts/service-not-headless');
    assert.ok(problem, JSON.stringify(result?.statefulSets[0].problems));
    assert.equal(problem.related?.uri, svcUri);
  });

  it('shows the pod names in the hover of replicas', async () => {
    const text = statefulSets.replace('replicas: 3', 'replicas: 5');
    const hover = await client.hover(stsUri, positionOf(text, 'replicas: 5', 2));
    const value = typeof hover?.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(value, /\*\*5 pods\*\*: `apache-http-0`, `apache-http-1`, `apache-http-2`, `apache-http-3`, `apache-http-4`/);
  });
});
