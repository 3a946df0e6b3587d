// Every snippet, expanded as VS Code would with its defaults (and with each of its choices), passes
// the whole rulebook with zero findings. Fragments (a claim template, a retention policy) are checked
// where they go: inside the statefulset snippet, indented as VS Code indents a snippet's lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expandSnippet } from '../support/edits';
import { checkWorkspace } from '../support/engine';
import { repoRoot } from '../support/repo';

interface Snippet { prefix: string | string[]; description: string; body: string | string[] }

const snippetsFile = join(repoRoot, 'snippets', 'statefulset.json');
const snippets = JSON.parse(readFileSync(snippetsFile, 'utf8')) as Record<string, Snippet>;

function byPrefix(prefix: string): string {
  const snippet = Object.values(snippets).find((item) => (Array.isArray(item.prefix) ? item.prefix : [item.prefix]).includes(prefix));
  assert.ok(snippet, `no snippet with prefix ${prefix}`);
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/** The body with every choice at option `index` (modulo its length), then every placeholder at its default. */
function expandWithChoice(body: string, index: number): string {
  const chosen = body.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, _tabstop: string, options: string) => {
    const list = options.split(',');
    return list[index % list.length];
  });
  return expandSnippet(chosen);
}

/** Inserts a snippet after the line `after`, each line indented by `indent` (as VS Code indents a snippet). */
function insertAfter(text: string, after: string, fragment: string, indent: string): string {
  const at = text.indexOf(`${after}\n`);
  assert.ok(at >= 0, `line "${after}" not found`);
  const end = at + after.length + 1;
  const lines = fragment.replace(/\n$/, '').split('\n').map((line) => `${indent}${line}`);
  return `${text.slice(0, end)}${lines.join('\n')}\n${text.slice(end)}`;
}

function assertClean(files: Record<string, string>): void {
  const results = checkWorkspace(files);
  const findings = [...results.values()].flat().map((finding) => `${finding.uri}:${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message}`);
  assert.deepEqual(findings, [], Object.entries(files).map(([name, text]) => `--- ${name}\n${text}`).join('\n'));
}

const choiceCount = (body: string): number =>
  Math.max(1, ...[...body.matchAll(/\$\{\d+\|([^|]*)\|\}/g)].map((match) => match[1].split(',').length));

describe('snippets', () => {
  it('is contributed for YAML in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.ok(manifest.contributes.snippets.some((entry) => entry.language === 'yaml' && join(repoRoot, entry.path) === snippetsFile));
  });

  it('offers the prefixes users will guess', () => {
    for (const prefix of ['statefulset', 'statefulset-stack', 'headless-service', 'storageclass', 'volumeclaimtemplate', 'pvc-retention']) byPrefix(prefix);
  });

  it('uses only tab stops, placeholders and choices (no stray $ or braces)', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      assert.doesNotMatch(expandSnippet(body), /[${}]/, name);
      assert.ok(snippet.description.length > 20, name);
    }
  });

  it('offers every enum value as a choice', () => {
    const enumKeys = /^\s*(?:podManagementPolicy|type|whenDeleted|whenScaled|reclaimPolicy|volumeBindingMode|provisioner|allowVolumeExpansion):/;
    for (const snippet of Object.values(snippets)) {
      for (const line of Array.isArray(snippet.body) ? snippet.body : [snippet.body]) {
        if (enumKeys.test(line) && !/Service|StatefulSet|StorageClass/.test(line)) assert.match(line, /\$\{\d+\|[^|]+\|\}/, line);
      }
      for (const line of (Array.isArray(snippet.body) ? snippet.body : [snippet.body]).filter((item) => item.includes('accessModes'))) {
        assert.match(line, /\$\{\d+\|ReadWriteOnce,/, line);
      }
    }
  });

  it('links the names a StatefulSet shares with its Service, labels, ports and claims', () => {
    const stack = byPrefix('statefulset-stack');
    const tabstop = (pattern: RegExp): string => pattern.exec(stack)?.[1] ?? 'none';
    const service = tabstop(/kind: Service\nmetadata:\n {2}name: \$\{(\d+):/);
    assert.match(stack, new RegExp(`serviceName: \\$\\{${service}:`));
    const label = tabstop(/matchLabels:\n {6}app: \$\{(\d+):/);
    assert.equal(stack.match(new RegExp(`app: \\$\\{${label}:`, 'g'))?.length, 4);
    const port = tabstop(/- name: \$\{(\d+):web\}\n {14}containerPort/);
    assert.equal(stack.match(new RegExp(`port: \\$\\{${port}:`, 'g'))?.length, 2);
    const claim = tabstop(/volumeMounts:\n {12}- name: \$\{(\d+):/);
    assert.match(stack, new RegExp(`volumeClaimTemplates:\n {4}- metadata:\n {8}name: \\$\\{${claim}:`));
    const storageClass = tabstop(/storageClassName: \$\{(\d+):/);
    assert.match(stack, new RegExp(`kind: StorageClass\nmetadata:\n {2}name: \\$\\{${storageClass}:`));
  });

  it('statefulset-stack passes the rulebook with every choice', () => {
    const body = byPrefix('statefulset-stack');
    for (let index = 0; index < choiceCount(body); index++) assertClean({ 'stack.yaml': expandWithChoice(body, index) });
  });

  it('statefulset-stack passes without its optional StorageClass', () => {
    const body = byPrefix('statefulset-stack')
      .replace(/\$\{(\d+):storageClassName: \$\{\d+:[^}]*\}\}/, '')
      .replace(/\$\{\d+:---\napiVersion: storage\.k8s\.io[\s\S]*?allowVolumeExpansion: \$\{\d+\|true,false\|\}\}/, '');
    assert.doesNotMatch(body, /StorageClass|storageClassName/);
    assertClean({ 'stack.yaml': expandSnippet(body) });
  });

  it('statefulset passes with its headless Service, with every choice', () => {
    const body = byPrefix('statefulset');
    for (let index = 0; index < choiceCount(body); index++) {
      assertClean({ 'sts.yaml': expandWithChoice(body, index), 'svc.yaml': expandSnippet(byPrefix('headless-service')) });
    }
  });

  it('headless-service and storageclass pass on their own, with every choice', () => {
    for (const prefix of ['headless-service', 'storageclass']) {
      const body = byPrefix(prefix);
      for (let index = 0; index < choiceCount(body); index++) assertClean({ [`${prefix}.yaml`]: expandWithChoice(body, index) });
    }
  });

  it('volumeclaimtemplate passes as the claim template of the statefulset snippet', () => {
    const withoutClaim = expandSnippet(byPrefix('statefulset')).replace(/ {2}volumeClaimTemplates:\n[\s\S]*$/, '  volumeClaimTemplates:\n');
    const body = byPrefix('volumeclaimtemplate');
    for (let index = 0; index < choiceCount(body); index++) {
      const text = insertAfter(withoutClaim, '  volumeClaimTemplates:', expandWithChoice(body, index), '    ');
      assertClean({ 'sts.yaml': text, 'svc.yaml': expandSnippet(byPrefix('headless-service')) });
    }
  });

  it('pvc-retention passes under the spec of the statefulset snippet, with every choice', () => {
    const body = byPrefix('pvc-retention');
    for (let index = 0; index < choiceCount(body); index++) {
      const text = insertAfter(expandSnippet(byPrefix('statefulset')), 'spec:', expandWithChoice(body, index), '  ');
      assert.match(text, /\n {2}persistentVolumeClaimRetentionPolicy:\n {4}whenDeleted: (Retain|Delete)\n/);
      assertClean({ 'sts.yaml': text, 'svc.yaml': expandSnippet(byPrefix('headless-service')) });
    }
  });
});
