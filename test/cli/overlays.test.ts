// The CLI on Kustomize trees: a folder holding kustomizations is checked overlay by overlay, each finding
// on its source line with the overlays named (JSON `overlays`, SARIF `properties.overlays`); a
// kustomization folder alone checks its build, its base read as context.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli as lint } from '../support/cli';
import { repoRoot } from '../support/repo';

const workspace = join(repoRoot, 'test', 'builds-workspace');

interface JsonFinding { file: string; line: number; column: number; ruleId: string; severity: string; message: string; overlays?: string[] }

const summary = (findings: JsonFinding[]): string[] => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}${f.overlays ? ` [${f.overlays.join(', ')}]` : ''}`);

describe('statefulset-lint on Kustomize overlays', () => {
  it('checks every overlay of a folder as built, and reports the findings on their source lines', () => {
    const result = lint(['--format', 'json', '.'], workspace);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(summary(JSON.parse(result.stdout) as JsonFinding[]), [
      'overlays/bigger/storage.yaml:6:3 kustomize/claim-template-patch [overlays/bigger]',
      'overlays/bigger/storage.yaml:9:7 pvc/access-modes-missing [overlays/bigger]',
      'overlays/labelled/kustomization.yaml:3:1 kustomize/deprecated-field',
      'overlays/labelled/kustomization.yaml:4:9 kustomize/immutable-labels',
      'overlays/no-config/drop-config.yaml:9:17 sts/volume-mount-unknown [overlays/no-config]',
    ]);
    assert.match(lint(['.'], workspace).stderr, /^20 files checked: 2 errors, 2 warnings, 1 note$/m);
  });

  it('checks the build of a kustomization folder given alone, reading its base as context', () => {
    const result = lint(['--format', 'json', 'overlays/no-config'], workspace);
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepEqual(summary(findings), ['overlays/no-config/drop-config.yaml:9:17 sts/volume-mount-unknown [overlays/no-config]']);
    assert.match(findings[0].message, /^in overlay overlays\/no-config: .*Not found: "config"/);
  });

  it('gives nothing on a clean overlay: its strategic-merge and JSON 6902 patches are not checked as whole objects', () => {
    const result = lint(['--format', 'json', 'overlays/prod'], workspace);
    assert.equal(result.status, 0, result.stdout);
    assert.deepEqual(JSON.parse(result.stdout), []);
    assert.match(lint(['overlays/prod'], workspace).stderr, /^3 files checked: 0 errors, 0 warnings, 0 notes$/m);
  });

  it('names the overlays in SARIF results', () => {
    const result = lint(['--format', 'sarif', 'overlays/no-config'], workspace);
    const log = JSON.parse(result.stdout) as { runs: { results: { ruleId: string; properties?: { overlays: string[] }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const [found] = log.runs[0].results;
    assert.equal(found.ruleId, 'sts/volume-mount-unknown');
    assert.deepEqual(found.properties, { overlays: ['overlays/no-config'] });
    assert.equal(found.locations[0].physicalLocation.artifactLocation.uri, 'overlays/no-config/drop-config.yaml');
    assert.equal(found.locations[0].physicalLocation.region.startLine, 9);
  });

  it('prints the overlay in the text format', () => {
    const result = lint(['overlays/no-config'], workspace);
    assert.match(result.stdout, /^overlays\/no-config\/drop-config\.yaml:9:17: error in overlay overlays\/no-config: .*\[sts\/volume-mount-unknown\]$/m);
  });
});
