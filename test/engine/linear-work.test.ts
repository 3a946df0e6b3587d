// Bounded work on hostile text (issue 19): every rule (through the Engine), the glob matcher of
// files.exclude and the template detector run on generated worst-case inputs: long runs of `{`,
// spaces, `*`, quotes, brackets, '-', digits, and 1 MB lines. The work is counted, not timed
// (test/support/work-meter.ts): doubling the hostile part of the input must at most about double the
// work, and no regular expression that ran may backtrack or move super-linearly. Doubling-time ratios on
// this machine are in the benchmark (bench/linear-bench.mjs), never asserted here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import { Engine } from '../../server/src/engine';
import { ExcludeMatcher } from '../../server/src/config/exclude-globs';
import { schemas } from '../support/engine';
import { statefulSet as statefulSetOf } from '../support/manifests';
import { yamlFilesUnder } from '../support/fixtures';
import { fixturesDir } from '../support/repo';
import { measureWork, superLinearExpressions, type Work } from '../support/work-meter';
import { forgetRememberedScalars } from '../../server/src/engine/yaml/fast/scalars';

type Value = unknown;
type Path = (string | number)[];

/** Hostile strings of about `n` characters, by family. */
export const families: Record<string, (n: number) => string> = {
  'open braces': (n) => '{'.repeat(n),
  'unclosed template': (n) => `{{ ${' '.repeat(n)}`,
  'spaces between a number and a bad suffix': (n) => `1${' '.repeat(n)}x!`,
  'spaces around a percent': (n) => ` 1${' '.repeat(n)}%${' '.repeat(n)}x`,
  'stars': (n) => '*a'.repeat(n >> 1),
  'quotes': (n) => `"'`.repeat(n >> 1),
  'brackets': (n) => '[('.repeat(n >> 1),
  'hyphens then a bad character': (n) => `${'-'.repeat(n)}!`,
  'dotted name': (n) => `${'a.'.repeat(n >> 1)}_`,
  'digits': (n) => '9'.repeat(n),
};

function isRecord(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Mappings whose keys the rules read (label and annotation keys, field names): they get a hostile key too. */
const keyedMaps = /^(?:labels|annotations|matchLabels|nodeSelector|data|parameters|spec|metadata)$/;

/** Every place a hostile string can go in a manifest: each scalar value, and a new key in keyed mappings. */
function slots(value: Value, path: Path, out: { path: Path; key: boolean }[]): void {
  if (Array.isArray(value)) value.forEach((item, i) => slots(item, [...path, i], out));
  else if (isRecord(value)) {
    if (path.length === 0 || keyedMaps.test(String(path[path.length - 1]))) out.push({ path, key: true });
    for (const [key, item] of Object.entries(value)) {
      if (path.length === 0 && (key === 'apiVersion' || key === 'kind')) continue;
      slots(item, [...path, key], out);
    }
  } else out.push({ path, key: false });
}

function withHostile(value: Value, path: Path, key: boolean, hostile: string): Value {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, Value>;
  for (const step of key ? path : path.slice(0, -1)) node = node[step] as Record<string | number, Value>;
  if (key) node[hostile] = 'x';
  else node[path[path.length - 1]] = hostile;
  return copy;
}

/** The fixtures' manifests, one per distinct kind and slot (a slot's path without its list indexes). */
function manifestSlots(): { manifest: Value; path: Path; key: boolean }[] {
  const chosen = new Map<string, { manifest: Value; path: Path; key: boolean }>();
  for (const file of yamlFilesUnder(fixturesDir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      let manifest: Value;
      try { manifest = doc.toJS(); } catch { continue; }
      if (!isRecord(manifest) || typeof manifest.kind !== 'string') continue;
      const found: { path: Path; key: boolean }[] = [];
      slots(manifest, [], found);
      for (const slot of found) {
        const id = `${manifest.kind} ${slot.key ? 'key' : 'value'} ${slot.path.map((step) => (typeof step === 'number' ? '#' : step)).join('.')}`;
        if (!chosen.has(id)) chosen.set(id, { manifest, ...slot });
      }
    }
  }
  return [...chosen.values()];
}

const allSlots = manifestSlots();

/** One multi-document file: every slot of every manifest gets the hostile string, one slot per document. */
function hostileWorkspace(hostile: string): string {
  return allSlots.map(({ manifest, path, key }) => stringify(withHostile(manifest, path, key, hostile), { lineWidth: 0 })).join('---\n');
}

/** A StatefulSet with the fields that rules parse by hand given: names, label, maxUnavailable, claim size. */
const statefulSet = (name: string, serviceName: string, maxUnavailable: string, storage: string, label: string): string => statefulSetOf({
  name, serviceName, replicas: 2, labels: { app: label },
  spec: `updateStrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    maxUnavailable: ${maxUnavailable}\n`,
  containers: [{ name: 'db', image: 'postgres:16' }], claimTemplates: [{ name: 'data', storage }],
});

/** Long lines: a comment and a ConfigMap value, and a StatefulSet's fields that rules parse by hand. */
function hostileText(hostile: string): string {
  const line = JSON.stringify(hostile.replace(/\n/g, ' '));
  return [
    `# ${line}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\ndata:\n  plain: ${line}\n`,
    statefulSet('web', 'web', line, '1Gi', 'web'),
    statefulSet('web', 'web', '1', line, 'web'),
    statefulSet(line, line, '1', '1Gi', line),
  ].join('---\n');
}

function checkWork(text: string): { work: Work; expressions: Set<RegExp> } {
  // The data reader remembers short scalars from file to file: each run starts without any, so that
  // what one run left there does not change the next one's count by a few hundred calls.
  forgetRememberedScalars();
  const engine = new Engine(schemas(), { maxFileSize: 64 << 20 }, { onRuleError: (ruleId, _uri, error) => { throw new Error(`rule ${ruleId} threw: ${String(error)}`); } });
  const { work, expressions } = measureWork(() => {
    engine.setFile('hostile.yaml', text);
    return engine.check(['hostile.yaml']);
  });
  return { work, expressions };
}

/**
 * The work that the hostile part adds, at n and 2n: linear work doubles (plus a little for lengths
 * that do not halve exactly), quadratic work quadruples.
 */
function assertLinear(name: string, run: (hostile: string) => { work: Work; expressions: Set<RegExp> }, make: (n: number) => string, n: number): void {
  // The expressions first, on a small input: a super-linear one would make the large runs take minutes.
  const base = run(make(8));
  assert.deepEqual(superLinearExpressions(base.expressions), [], `${name}: expressions that ran and can backtrack super-linearly`);
  const once = run(make(n));
  const twice = run(make(2 * n));
  assert.deepEqual(superLinearExpressions([...once.expressions, ...twice.expressions]), [], `${name}: expressions that ran and can backtrack super-linearly`);
  const added = (result: { work: Work }): number => result.work.chars - base.work.chars;
  const ratio = added(twice) / Math.max(1, added(once));
  assert.ok(ratio <= 2.3, `${name}: the work grew ${ratio.toFixed(2)}× when the hostile input doubled (n=${n}: ${added(once)} characters examined, 2n: ${added(twice)})`);
  // Calls the hostile part adds, against a floor of 1% of the small run's: the engine remembers verdicts
  // and scalars from run to run (bounded memos), which moves a run's count by a few hundred calls either
  // way whatever the input, while a super-linear expression adds calls by the hundred thousand.
  const floor = Math.max(1, base.work.regexCalls / 100);
  const calls = (twice.work.regexCalls - base.work.regexCalls) / Math.max(floor, once.work.regexCalls - base.work.regexCalls);
  assert.ok(calls <= 2.3, `${name}: regular-expression calls grew ${calls.toFixed(2)}× when the hostile input doubled (n=${n}: ${once.work.regexCalls - base.work.regexCalls} calls added, 2n: ${twice.work.regexCalls - base.work.regexCalls})`);
}

describe('bounded work on hostile input', () => {
  it('uses the fixtures: many kinds and slots to put hostile text in', () => {
    assert.ok(allSlots.length > 200, `only ${allSlots.length} slots`);
    assert.ok(new Set(allSlots.map((slot) => (slot.manifest as { kind: string }).kind)).size >= 8);
  });

  for (const [family, make] of Object.entries(families)) {
    it(`every rule, with ${family} in every field and key, one per document`, () => {
      assertLinear(family, (hostile) => checkWork(hostileWorkspace(hostile)), make, 256);
    });
    it(`every rule and the template detector, with a 1 MB line of ${family}`, () => {
      assertLinear(`1 MB line: ${family}`, (hostile) => checkWork(hostileText(hostile)), make, 1 << 19);
    });
  }

  it('the files.exclude matcher, on hostile patterns and paths', () => {
    // The patterns that hung or killed the hand-made converter: a run of `*a` against a long name
    // (exponential), `**` again and again, a half-typed brace, a reversed range.
    const exclude = {
      [`${'*a'.repeat(14)}x`]: true, [`${'**/a/'.repeat(14)}x`]: true, '**/{node_modules,dist': true, '[z-a]': true,
      [`${'{a,b}'.repeat(7)}/**`]: true, [`**/${'*'.repeat(40)}.yaml`]: true,
    };
    const run = (hostile: string): { work: Work; expressions: Set<RegExp> } => {
      const matcher = new ExcludeMatcher(exclude);
      const { work, expressions } = measureWork(() =>
        [hostile, hostile.replace(/a/g, 'a/'), `${hostile}/x.yaml`].map((path) => matcher.excludes(path)));
      return { work, expressions };
    };
    assertLinear('files.exclude', run, (n) => 'a'.repeat(n), 256);
  });
});
