// The preview's HTML (client/src/preview, no VS Code needed): the table, copy buttons, the order
// picture with its partition line, escaping, the honest empty state and the page's strict CSP.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPage } from '../../client/src/preview/page';
import { orderPicture } from '../../client/src/preview/picture';
import { renderBody } from '../../client/src/preview/render';
import type { IdentitiesResult } from '../../server/src/protocol';
import { identitiesOf, sts, tutorial } from './identities-support';
import { memoryEngine } from './builds/support';

function result(text: string, activeIndex = 0): IdentitiesResult {
  return {
    uri: 'file:///w/sts.yaml', version: 1, clusterDomain: 'cluster.local', defaultNamespace: 'default', kubernetesVersion: '1.36',
    statefulSets: identitiesOf(text), activeIndex,
  };
}

const body = (text: string): string => renderBody({ kind: 'result', result: result(text), fileName: 'sts.yaml' });

describe('identities preview', () => {
  it('lists each pod with its name, DNS name and PVC as copyable buttons', () => {
    const html = body(tutorial);
    assert.match(html, /<section class="set active" id="set-0">/);
    assert.match(html, /<td class="num">2<\/td><td><button type="button" class="copy" data-copy="apache-http-2"/);
    assert.match(html, /data-copy="apache-http-0\.httpd-service\.default\.svc\.cluster\.local"/);
    assert.match(html, /data-copy="htdocs-apache-http-1"/);
    assert.match(html, /data-copy="_web\._tcp\.httpd-service\.default\.svc\.cluster\.local"/);
    assert.match(html, /<span class="state good">headless<\/span>/);
    assert.match(html, /data-copy="httpd-service\.default\.svc\.cluster\.local"/);
  });

  it('shows problems with a link to their place, and the missing DNS names', () => {
    const html = body(sts('replicas: 2\n'));
    assert.match(html, /<li class="problem warning"><span class="severity">Warning<\/span> spec\.serviceName is not set/);
    assert.match(html, /class="reveal" data-uri="sts\.yaml" data-offset="\d+"/);
    assert.match(html, /<span class="none">no DNS name<\/span>/);
  });

  it('escapes every value taken from the manifest', () => {
    const html = body(sts('serviceName: "<img src=x>"\n').replace('name: web', 'name: "a&b"'));
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x&gt;/);
    assert.match(html, /data-copy="a&amp;b-0"/);
  });

  it('draws the orders, greys the pods a partition keeps and marks the partition line', () => {
    const svg = orderPicture(identitiesOf(sts('replicas: 4\nupdateStrategy:\n  rollingUpdate:\n    partition: 2\n'))[0]);
    assert.equal(svg.match(/<g class="pod kept">/g)?.length, 2);
    assert.equal(svg.match(/<g class="pod updated">/g)?.length, 2);
    assert.match(svg, /<g class="partition"><line x1="(\d+)".*partition 2<\/text>/);
    assert.match(svg, /<g class="flow create">.*>create<\/text>/);
    assert.match(svg, /aria-label="Order of 4 pods: /);
  });

  it('draws Parallel, OnDelete and long sets', () => {
    assert.match(orderPicture(identitiesOf(sts('podManagementPolicy: Parallel\n'))[0]), />create: all<\/text>/);
    assert.match(orderPicture(identitiesOf(sts('updateStrategy:\n  type: OnDelete\n'))[0]), /update: OnDelete, by hand/);
    const long = orderPicture(identitiesOf(sts('replicas: 40\n'))[0]);
    assert.equal(long.match(/<rect /g)?.length, 11);
    assert.match(long, />39<\/text>/);
    assert.match(long, /class="gap"/);
    assert.equal(orderPicture(identitiesOf(sts('replicas: 0\n'))[0]), '');
  });

  it('shows an honest empty state for a document without a StatefulSet', () => {
    const html = renderBody({ kind: 'result', result: { ...result('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n'), note: 'A note.' }, fileName: 'cm.yaml' });
    assert.match(html, /<h2>No StatefulSet in cm\.yaml<\/h2><p>A note\.<\/p>/);
    assert.match(renderBody({ kind: 'error', message: 'The server is not running.', fileName: 'x.yaml' }), /No preview for x\.yaml.*The server is not running\./);
  });

  it('serves a page with a strict CSP: nothing remote, style and script only with the nonce', () => {
    const page = renderPage('<p>hi</p>', 'abc123');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123';/);
    assert.doesNotMatch(csp, /unsafe|https?:|\*/);
    assert.equal(page.match(/<script/g)?.length, 1);
    assert.match(page, /<script nonce="abc123">/);
    assert.match(page, /<style nonce="abc123">/);
    assert.doesNotMatch(page, /\b(?:src|href)=/);
    assert.doesNotMatch(page, / style="/);
    assert.match(page, /var\(--vscode-editor-background\)/);
    assert.match(page, /body\.vscode-high-contrast/);
    assert.notEqual(renderPage('').match(/nonce-([A-Za-z0-9]+)/)?.[1], renderPage('').match(/nonce-([A-Za-z0-9]+)/)?.[1]);
  });

  it('uses no inline style attribute in the rendered content (the CSP would block it)', () => {
    assert.doesNotMatch(body(tutorial), / style="/);
  });

  describe('per build', () => {
    const files = {
      'base/kustomization.yaml': 'resources:\n  - sts.yaml\n',
      'base/sts.yaml': tutorial,
      'prod/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: p-\nnamespace: shop\n',
      'partial/kustomization.yaml': 'resources:\n  - ../base\nvars: []\n',
    };
    function buildsResult(): IdentitiesResult {
      const { engine, uri } = memoryEngine(files);
      const found = engine.identities(uri('base/sts.yaml'));
      return {
        uri: uri('base/sts.yaml'), version: 1, clusterDomain: 'cluster.local', defaultNamespace: 'default', kubernetesVersion: '1.36',
        statefulSets: found.statefulSets, activeIndex: 0, builds: (found.builds ?? []).map((build) => ({ ...build, activeIndex: build.statefulSets.length ? 0 : -1 })),
      };
    }

    it('shows a section per build, with its names, labelled by the build, after the file\'s own', () => {
      const html = renderBody({ kind: 'result', result: buildsResult(), fileName: 'sts.yaml' });
      assert.match(html, /3 builds use this file/);
      const sections = [...html.matchAll(/<section class="([^"]+)" id="([^"]+)"><h2>(?:<button[^>]*>)?([^<]+)/g)].map((match) => `${match[2]} ${match[1]} ${match[3]}`);
      assert.deepEqual(sections, [
        'set-0 set active StatefulSet apache-http',
        'build-0-set-0 set of-build active StatefulSet apache-http in base',
        'build-1 set of-build partial',
        'build-2-set-0 set of-build active StatefulSet p-apache-http in prod',
      ]);
      assert.match(html, /<p class="build">Kustomize overlay <strong>prod<\/strong> · <button type="button" class="reveal" data-uri="file:\/\/\/ws\/prod\/kustomization\.yaml" data-offset="0"/);
      assert.match(html, /data-copy="p-apache-http-2\.p-httpd-service\.shop\.svc\.cluster\.local"/);
      assert.match(html, /data-copy="htdocs-p-apache-http-0"/);
      assert.match(html, /<p class="problem info">partial uses vars, which the built-in renderer does not support/);
      // A summary of the builds, each row jumping to its section.
      assert.match(html, /<h2>Builds that use this file<\/h2>/);
      assert.match(html, /<tr><td><button type="button" class="jump" data-target="build-2-set-0" title="Show this section">prod<\/button><\/td><td>p-apache-http<\/td><td>shop<\/td><td>3: p-apache-http-0 … p-apache-http-2<\/td><td><\/td><\/tr>/);
      assert.match(html, /<tr><td><button type="button" class="jump" data-target="build-1"[^>]*>partial<\/button><\/td><td colspan="4" class="none">partial uses vars/);
      assert.match(renderPage(html), /closest\('button\.copy, button\.reveal, button\.jump'\)/);
      assert.doesNotMatch(html, / style="/);
    });

    it('brings the section of the build whose lens was clicked into view, and only that one', () => {
      const result = buildsResult();
      const prod = result.builds!.find((build) => build.label === 'prod')!;
      const html = renderBody({ kind: 'result', result, fileName: 'sts.yaml', build: prod.uri });
      assert.deepEqual([...html.matchAll(/<section class="[^"]*active[^"]*" id="([^"]+)"/g)].map((match) => match[1]), ['build-2-set-0']);
    });

    it('escapes build labels and notes', () => {
      const result = buildsResult();
      result.builds = result.builds!.map((build) => ({ ...build, label: '<img src=x>', note: build.note && '<script>x</script>' }));
      const html = renderBody({ kind: 'result', result, fileName: 'sts.yaml' });
      assert.doesNotMatch(html, /<img|<script/);
      assert.match(html, /<strong>&lt;img src=x&gt;<\/strong>/);
      assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
    });
  });
});
