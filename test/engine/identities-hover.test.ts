// The identities in words: hover on replicas, serviceName and claim template names; CodeLens titles;
// the CLI's text report.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { identitiesText, lensTitle } from '../../server/src/engine/identities/format';
import { schemas } from '../support/engine';
import { headless, identitiesOf, sts, tutorial } from './identities-support';

function hoverAt(text: string, needle: string, delta = 1): string {
  const engine = new Engine(schemas());
  engine.setFile('sts.yaml', text);
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  return engine.hover('sts.yaml', offset + delta)?.markdown ?? '';
}

describe('identities: hover', () => {
  it('lists the pods and the orders on replicas, after the field documentation', () => {
    const markdown = hoverAt(tutorial, 'replicas: 3');
    assert.match(markdown, /^\*\*replicas\*\*/);
    assert.match(markdown, /\*\*3 pods\*\*: `apache-http-0`, `apache-http-1`, `apache-http-2`/);
    assert.match(markdown, /Creation: apache-http-0 → apache-http-1 → apache-http-2, one at a time/);
  });

  it('shortens a long pod list on replicas, keeping the last pod', () => {
    const markdown = hoverAt(sts('replicas: 50\n'), 'replicas: 50', 12);
    assert.match(markdown, /\*\*50 pods\*\*: `web-0`, `web-1`, `web-2`, …, `web-49`/);
  });

  it('shows the Service domain, pod DNS names and SRV names on serviceName', () => {
    const markdown = hoverAt(tutorial, 'serviceName: httpd-service', 15);
    assert.match(markdown, /\*\*Service domain\*\*: `httpd-service\.default\.svc\.cluster\.local`/);
    assert.match(markdown, /- `apache-http-0\.httpd-service\.default\.svc\.cluster\.local`/);
    assert.match(markdown, /- `_web\._tcp\.httpd-service\.default\.svc\.cluster\.local` \(port 80\)/);
  });

  it('shows why there are no DNS names when the Service is missing', () => {
    const markdown = hoverAt(sts('serviceName: nginx\n'), 'serviceName');
    assert.match(markdown, /names no Service in namespace "default" in the workspace.*\(`sts\/service-missing`\)/);
  });

  it('shows the PVC names and the retention policy on a claim template name', () => {
    const markdown = hoverAt(tutorial, 'name: htdocs', 7);
    assert.match(markdown, /\*\*PVCs\*\* from claim template `htdocs`: `htdocs-apache-http-0`, `htdocs-apache-http-1`, `htdocs-apache-http-2`/);
    assert.match(markdown, /whenDeleted: Retain/);
  });

  it('adds nothing to other fields', () => {
    assert.doesNotMatch(hoverAt(tutorial, 'image: httpd'), /pods\*\*/);
  });
});

describe('identities: CodeLens titles and text', () => {
  it('names the first and last pod in the CodeLens title', () => {
    assert.equal(lensTitle(identitiesOf(tutorial)[0]), '3 pods: apache-http-0 … apache-http-2 · preview');
    const titled = (spec: string): string => lensTitle(identitiesOf({ 'sts.yaml': sts(`serviceName: nginx\n${spec}`), 'svc.yaml': headless() })[0]);
    assert.equal(titled(''), '1 pod: web-0 · preview');
    assert.equal(titled('replicas: 2\n'), '2 pods: web-0, web-1 · preview');
    assert.equal(titled('replicas: 0\n'), '0 pods · preview');
  });

  it('counts warnings and errors in the CodeLens title', () => {
    assert.equal(lensTitle(identitiesOf(sts('replicas: 2\n'))[0]), '2 pods: web-0, web-1 · ⚠ 1 problem · preview');
  });

  it('prints a table of pods, the orders, the retention and the problems', () => {
    const lines = identitiesText(identitiesOf(tutorial)[0], (ref) => `${ref.uri}:${ref.start}`);
    assert.match(lines[0], /^StatefulSet apache-http {2}sts\.yaml:\d+$/);
    assert.ok(lines.includes('  domain      httpd-service.default.svc.cluster.local'));
    assert.ok(lines.some((line) => /^ {4}0 +apache-http-0 +apache-http-0\.httpd-service\.default\.svc\.cluster\.local +htdocs-apache-http-0$/.test(line)));
    assert.ok(lines.some((line) => line.startsWith('  update      apache-http-2 → apache-http-1 → apache-http-0')));
    const problems = identitiesText(identitiesOf(sts(''))[0], () => 'here');
    assert.ok(problems.some((line) => /^ {2}warning {5}spec\.serviceName is not set.*\[sts\/service-name-empty\] \(here\)$/.test(line)));
  });
});
