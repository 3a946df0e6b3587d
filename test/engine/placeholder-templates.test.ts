// sed-style templates: a file whose YAML breaks exactly at `@NAME@` placeholders is a template (one
// yaml/template note naming the placeholder), like a `{{ }}` template; anything else stays YAML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { findPlaceholderTemplate } from '../../server/src/engine/yaml/templates';
import { check, schemas } from '../support/engine';
import { documents, headlessService, statefulSet } from '../support/manifests';
import { lineColumnOf } from '../support/positions';

/** A StatefulSet with sed-style placeholders for its name, namespace, replicas and image tag. */
const template = statefulSet({
  name: '@NAME@', namespace: '@NAMESPACE@', serviceName: '@NAME@', replicas: '@REPLICAS@', labels: { app: 'web' },
  containers: [{ image: 'registry.example/web:@TAG@' }],
});

describe('sed-style @NAME@ templates', () => {
  it('gives one note naming the first placeholder, and no syntax error', () => {
    const findings = check(template);
    const name = lineColumnOf(template, '@NAME@');
    assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`), [`${name.line}:${name.column} info yaml/template`]);
    assert.match(findings[0].message, /the placeholder @NAME@ \(a sed-style @NAME@ template\)/);
    assert.equal(template.slice(findings[0].start, findings[0].end), '@NAME@');
  });

  it('is also a template in a multi-document file, and after an edit that adds a placeholder', () => {
    const engine = new Engine(schemas());
    engine.setFile('t.yaml', documents(headlessService(), statefulSet({ replicas: 2 })));
    assert.deepEqual(engine.check(['t.yaml']).get('t.yaml')!.map((f) => f.ruleId), []);
    const file = engine.setFile('t.yaml', documents(headlessService(), template), 1);
    assert.ok(file.template, 'the edited file is a template');
    assert.deepEqual(engine.check(['t.yaml']).get('t.yaml')!.map((f) => f.ruleId), ['yaml/template']);
  });

  it('stays YAML when a placeholder breaks nothing, or when the YAML breaks elsewhere too', () => {
    assert.deepEqual(check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  image: repo/@TAG@\n'), []);
    const broken = check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: @NAME@\ndata:\n  a: [unclosed\n').map((f) => f.ruleId);
    assert.ok(broken.includes('yaml/syntax') && !broken.includes('yaml/template'), broken.join(', '));
    assert.deepEqual(check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: @c\n').map((f) => f.ruleId), ['yaml/syntax']);
  });

  it('reads each line at most once, however many problems it has', () => {
    const line = `k: ${'@A@ '.repeat(2000)}`;
    const problems = Array.from({ length: 2000 }, (_, i) => ({ start: line.length + 1 + i, end: line.length + 2 + i }));
    const text = `${line}\n${'x'.repeat(2100)}`;
    assert.equal(findPlaceholderTemplate(text, problems), undefined, 'problems on a line without placeholder');
    assert.deepEqual(findPlaceholderTemplate(line, [{ start: 3, end: 4 }, ...problems.map(() => ({ start: 10, end: 11 }))]), { start: 3, end: 6 });
  });
});
