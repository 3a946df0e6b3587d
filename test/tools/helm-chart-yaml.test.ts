// helm/chart-invalid agrees with the real Helm 3.17.2 and 4.1.4 on what they refuse: versions and
// kubeVersion constraints (Masterminds/semver, reimplemented in engine/helm/semver.ts), names, types.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkChartYaml } from '../../server/src/engine/helm/chart-yaml';
import { parseFile } from '../../server/src/engine/yaml/parse';
import { runHelmTemplate } from '../../server/src/tools/helm-runner';
import { helmBinary, helmReleases } from '../support/helm';

const versions = ['1.2.3', 'v1.2.3', '1.2', '1', '01.2.3', '1.2.3-rc.1+build.5', '1.2.3-01', '1.0.0.0', '1.2.x', 'one', '1.2.3+', '1.2.3-'];
// Each valid one includes Kubernetes 1.32 and 1.35, so that Helm renders only when it can read it.
const constraints = ['>=1.20.0-0', '>= 1.20, < 2.0', '>=1.20 <2.0', '~1.x', '^1', '1.2 - 1.40', '1.x || >=2', '>1.0.0-0,<=1.99', '=>1.2',
  '>= banana', '=>>1', '1.2.3.4', '>=1.20,,<2', '', '>=1.20 ||', '*'];

describe('Chart.yaml checks against the real helm', () => {
  let scratch = '';
  before(() => { scratch = mkdtempSync(join(tmpdir(), 'sts-helm-chart-')); });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  let count = 0;
  function chart(chartYaml: string): string {
    const dir = join(scratch, `c${count++}`);
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), chartYaml);
    writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    return dir;
  }

  const cases = [
    ...versions.map((version) => `apiVersion: v2\nname: c\nversion: "${version}"\n`),
    ...constraints.filter((constraint) => constraint !== '').map((constraint) => `apiVersion: v2\nname: c\nversion: 0.1.0\nkubeVersion: "${constraint}"\n`),
    'apiVersion: v2\nname: c\nversion: 0.1.0\ntype: app\n',
    'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n  - name: a\n    alias: "a b"\n',
  ];

  // Helm 4 refuses a chart named "." or ".." (Helm 3.17 takes it): we report it, for Helm 4.
  const helm4Only = ['apiVersion: v2\nname: ".."\nversion: 0.1.0\n'];

  for (const { release, version } of helmReleases) {
    it(`refuses exactly the charts helm ${version} refuses`, async () => {
      const helm = await helmBinary(release);
      const disagreements: string[] = [];
      for (const text of release === 'v35' ? [...cases, ...helm4Only] : cases) {
        const result = await runHelmTemplate({ helm, chartDir: chart(text) });
        // A dependency declared but not vendored fails for another reason: compare the validation message only.
        const helmRefuses = !result.ok && !/missing in charts\/ directory/.test(result.stderr);
        const weRefuse = checkChartYaml(parseFile('Chart.yaml', text)).some((finding) => finding.severity === 'error');
        if (helmRefuses !== weRefuse) disagreements.push(`${JSON.stringify(text)}: helm ${helmRefuses ? 'refuses' : 'accepts'} (${result.ok ? '' : result.stderr.split('\n').find((line) => line.startsWith('Error')) ?? ''})`);
      }
      assert.deepEqual(disagreements, []);
    });
  }
});
