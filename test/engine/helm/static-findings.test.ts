// The engine's rules on a chart's blanked templates, with dependsOnTemplate filtering what depends on
// actions: no false finding on the kvdb chart, and literal mistakes planted in it are still reported
// on their template lines. (How the lead wires templates into the rule runner may differ; this is the
// contract the marks give.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../../server/src/engine';
import { dependsOnTemplate } from '../../../server/src/engine/helm/queries';
import { readChartTemplates } from '../../../server/src/engine/helm/render';
import { schemas } from '../../support/engine';
import { fixturesDir } from '../../support/repo';

const templatesDir = join(fixturesDir, 'helm', 'kvdb', 'templates');

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? templateFiles(path) : /\.(?:ya?ml|tpl)$/.test(entry) ? [path] : [];
  });
}

function staticFindings(replace: (uri: string, text: string) => string): string[] {
  const files = templateFiles(templatesDir).map((uri) => ({ uri, text: replace(uri, readFileSync(uri, 'utf8')) }));
  const readings = readChartTemplates(files);
  const engine = new Engine(schemas(), {});
  const manifests = files.map((file) => file.uri).filter((uri) => !basename(uri).startsWith('_'));
  for (const uri of manifests) engine.setFile(uri, readings.get(uri)!.blanked.text);
  const found: string[] = [];
  for (const [uri, findings] of engine.check(manifests)) {
    const reading = readings.get(uri)!;
    for (const finding of findings) {
      if (finding.ruleId === 'yaml/template' || dependsOnTemplate(reading, finding)) continue;
      found.push(`${basename(uri)}:${reading.blanked.text.slice(0, finding.start).split('\n').length} ${finding.ruleId}`);
    }
  }
  return found.sort();
}

describe('rules on blanked chart templates', () => {
  it('report nothing on the kvdb chart', () => {
    assert.deepEqual(staticFindings((_, text) => text), []);
  });

  it('report literal mistakes planted in it, on their template lines', () => {
    const found = staticFindings((uri, text) => (basename(uri) !== 'statefulset.yaml' ? text : text
      .replace('podManagementPolicy: Parallel', 'podManagementPolicy: Paralel')
      .replace('      terminationGracePeriodSeconds: 30\n', '      terminationGracePeriodSeconds: 0\n      restartPolicy: Never\n')));
    assert.deepEqual(found, [
      'statefulset.yaml:10 schema/enum',
      'statefulset.yaml:24 sts/termination-grace-zero',
      'statefulset.yaml:25 sts/restart-policy',
    ]);
  });
});
