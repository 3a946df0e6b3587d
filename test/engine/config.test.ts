// The configuration file's text → settings and problems (engine/config), and how layers of settings merge.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/engine';
import { configSchema } from '../../server/src/engine/config/schema';
import { mergeSettings, parseConfig } from '../../server/src/engine/config/validate';
import { defaultSettings } from '../../server/src/engine/types';
import { distDir } from '../support/repo';

/** Each problem as `text at its span: message`. */
function problems(text: string): string[] {
  return parseConfig(text).problems.map((problem) => `${text.slice(problem.start, problem.end)}: ${problem.message}`);
}

describe('configuration file', () => {
  it('turns every key into settings', () => {
    const parsed = parseConfig([
      '$schema: ./node_modules/statefulset-tools/dist/schemas/statefulset-lint.schema.json',
      'kubernetesVersion: "1.31"',
      'defaultNamespace: prod',
      'clusterDomain: cluster.example',
      'knownStorageClasses: [gp3, fast-ssd]',
      'rules: { sts/name-too-long: "off", schema/unknown-field: warning }',
      'ignore: ["charts/**"]',
      'maxFileSize: 4194304',
    ].join('\n'));
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.settings, {
      kubernetesVersion: '1.31', defaultNamespace: 'prod', clusterDomain: 'cluster.example', maxFileSize: 4194304,
      knownStorageClasses: ['gp3', 'fast-ssd'], rules: { 'sts/name-too-long': 'off', 'schema/unknown-field': 'warning' },
    });
    assert.deepEqual(parsed.ignore, ['charts/**']);
  });

  it('reads Helm values files per chart, and refuses a helm binary path (a repository may not choose the program)', () => {
    const text = 'helm:\n  valuesFiles:\n    charts/kvdb: [charts/kvdb/values-prod.yaml]\n  path: /tmp/evil/helm\n';
    const parsed = parseConfig(text);
    assert.deepEqual(parsed.helmValues, [{ chart: 'charts/kvdb', files: ['charts/kvdb/values-prod.yaml'] }]);
    assert.deepEqual(problems(text), ['path: helm.path: a repository file cannot choose the helm binary (it would run a program the repository names). Set it on the machine: statefulset.helm.path in the user settings, or --helm on the command line.']);
    assert.match(problems('helm:\n  valuesFiles:\n    charts/kvdb: values.yaml\n')[0], /must be a list/);
  });

  it('reports each wrong key or value at its place, and keeps the valid settings', () => {
    const text = 'kubernetesVersion: 1.30\nrulez: {}\nrules:\n  sts/name-too-lng: off\n  sts/name-too-long: fatal\n  schema/type: hint\ndefaultNamespace: Prod\nclusterDomain: "-bad"\nknownStorageClasses: [gp3, gp3, 7]\nmaxFileSize: 1.5\nignore: "charts/**"\n';
    assert.deepEqual(problems(text), [
      '1.30: kubernetesVersion is the number 1.3, but it must be a string (a Kubernetes release as major.minor in quotes, such as "1.31"). Write it in quotes: "1.30".',
      'rulez: unknown key "rulez": did you mean "rules"?',
      'sts/name-too-lng: rules: unknown rule id "sts/name-too-lng": did you mean "sts/name-too-long"?',
      'fatal: rules.sts/name-too-long is "fatal": it must be error, warning, info, hint or off.',
      'Prod: defaultNamespace is "Prod": it must be a namespace name (a lowercase RFC 1123 label such as "prod").',
      '"-bad": clusterDomain is "-bad": it must be a DNS domain such as "cluster.local".',
      '7: knownStorageClasses[2] is the number 7, but it must be a string (a StorageClass name (a lowercase RFC 1123 subdomain such as "gp3")). Write it in quotes: "7".',
      'gp3: knownStorageClasses[1] repeats "gp3": remove it.',
      '1.5: maxFileSize is 1.5, but it must be a whole number (a number of bytes from 1024 to 67108864).',
      '"charts/**": ignore is "charts/**", but it must be a list.',
    ]);
    // What is valid still applies: the one good rule severity.
    assert.deepEqual(parseConfig(text).settings, { rules: { 'schema/type': 'hint' } });
  });

  it('reports YAML that is not a mapping, syntax errors and duplicate keys; an empty file sets nothing', () => {
    assert.deepEqual(problems('- a\n'), ['- a\n: The configuration must be a mapping of keys (kubernetesVersion, rules, ...), not a list.']);
    assert.match(problems('rules: [\n')[0], /YAML syntax: /);
    assert.match(problems('rules: {}\nrules: {}\n')[0], /YAML syntax: Map keys must be unique/);
    assert.deepEqual(parseConfig('# nothing yet\n'), { settings: {}, ignore: [], problems: [] });
    assert.match(problems(`# ${'x'.repeat(300 * 1024)}`)[0], /at most 256 KiB/);
  });

  it('names every rule id in the schema, and ships the same schema as JSON', () => {
    assert.deepEqual(configSchema.properties?.rules.propertyNames?.enum, allRules.map((rule) => rule.id));
    assert.deepEqual(JSON.parse(readFileSync(join(distDir, 'schemas', 'statefulset-lint.schema.json'), 'utf8')), JSON.parse(JSON.stringify(configSchema)));
  });

  it('merges layers: later values win, rules per id, storage classes add up', () => {
    const merged = mergeSettings(
      { kubernetesVersion: '1.31', rules: { 'a/b': 'off', 'c/d': 'error' }, knownStorageClasses: ['gp3'] },
      { rules: { 'c/d': 'hint' }, knownStorageClasses: ['fast', 'gp3'], defaultNamespace: 'prod' },
    );
    assert.deepEqual(merged, {
      ...defaultSettings, kubernetesVersion: '1.31', defaultNamespace: 'prod',
      rules: { 'a/b': 'off', 'c/d': 'hint' }, knownStorageClasses: ['gp3', 'fast'],
    });
  });
});
