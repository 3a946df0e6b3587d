// The helm runner's safety: no shell, absolute paths only, a timeout, temporary HOME/HELM_* folders
// removed afterwards, no plugins, none of the user's HELM_*/KUBECONFIG settings, and only the
// arguments of a local render. Checked with small stand-in programs that report what they were given,
// and with the real helm binaries.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { helmTemplateArgs, helmVersion, runHelmTemplate } from '../../server/src/tools/helm-runner';
import { helmBinary, helmFixtures, helmReleases } from '../support/helm';

describe('helm runner', { skip: process.platform === 'win32' ? 'stand-in programs are shell scripts' : false }, () => {
  let scratch = '';
  before(() => { scratch = mkdtempSync(join(tmpdir(), 'sts-helm-runner-')); });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  function standIn(name: string, body: string): string {
    const path = join(scratch, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  it('runs the binary without a shell, in temporary folders it removes afterwards, with only a local render\'s arguments', async () => {
    const report = join(scratch, 'report.txt');
    const fake = standIn('fake-helm', `{ echo "HOME=$HOME"; echo "PLUGINS=$HELM_PLUGINS"; echo "CACHE=$HELM_CACHE_HOME"; echo "KUBECONFIG=$KUBECONFIG"; echo "SECRET=$HELM_REPOSITORY_CACHE"; ls -A "$HELM_PLUGINS" | wc -l; echo "ARGS=$*"; } > '${report}'; echo 'kind: ConfigMap'`);
    process.env.HELM_REPOSITORY_CACHE = '/should/not/leak';
    try {
      const result = await runHelmTemplate({ helm: fake, chartDir: join(helmFixtures, 'kvdb'), valuesFiles: ['/tmp/a values.yaml; rm -rf x'] });
      assert.ok(result.ok);
      assert.equal(result.stdout, 'kind: ConfigMap\n');
    } finally {
      delete process.env.HELM_REPOSITORY_CACHE;
    }
    const lines = readFileSync(report, 'utf8').split('\n');
    const home = lines[0].slice('HOME='.length);
    assert.match(home, /sts-helm-/);
    assert.equal(existsSync(home), false, 'the temporary HOME is removed');
    assert.equal(lines[1], `PLUGINS=${home}/plugins`);
    assert.equal(lines[2], `CACHE=${home}/cache`);
    assert.equal(lines[3], `KUBECONFIG=${home}/kubeconfig`);
    assert.equal(lines[4], 'SECRET=');
    assert.equal(lines[5].trim(), '0', 'the plugins folder is empty');
    assert.equal(lines[6], `ARGS=template release-name ${join(helmFixtures, 'kvdb')} --debug --values /tmp/a values.yaml; rm -rf x`);
    for (const forbidden of ['--dependency-update', '--post-renderer', '--validate', '--dry-run']) {
      assert.ok(!helmTemplateArgs({ helm: fake, chartDir: '/c', valuesFiles: ['v.yaml'], namespace: 'n', kubeVersion: '1.36' }).some((arg) => arg.startsWith(forbidden)));
    }
  });

  it('refuses relative paths, reports a missing binary, a failure and a timeout as results', async () => {
    const relative = await runHelmTemplate({ helm: 'helm', chartDir: join(helmFixtures, 'kvdb') });
    assert.equal(!relative.ok && relative.reason, 'not-absolute');
    const missing = await runHelmTemplate({ helm: join(scratch, 'no-such-helm'), chartDir: join(helmFixtures, 'kvdb') });
    assert.equal(!missing.ok && missing.reason, 'not-found');
    const failing = await runHelmTemplate({ helm: standIn('failing-helm', 'echo "Error: boom" >&2; exit 1'), chartDir: scratch });
    assert.ok(!failing.ok && failing.reason === 'failed' && failing.exitCode === 1 && failing.stderr.includes('Error: boom'));
    const slow = await runHelmTemplate({ helm: standIn('slow-helm', 'exec sleep 5'), chartDir: scratch, timeoutMs: 300 });
    assert.equal(!slow.ok && slow.reason, 'timeout');
    assert.ok(slow.ms < 4000);
  });

  for (const { release, version } of helmReleases) {
    it(`reports the version of the real helm ${version}`, async () => {
      const helm = await helmBinary(release);
      assert.match((await helmVersion(helm)) ?? '', new RegExp(`^v${version.replace(/\./g, '\\.')}\\+`));
    });
  }
});
