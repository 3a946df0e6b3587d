// sed-style templates: a file whose YAML breaks exactly at `@NAME@` placeholders is a template (one
// yaml/template note naming the placeholder), like a `{{ }}` template; anything else stays YAML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine';
import { findPlaceholderTemplate } from '../../server/src/engine/yaml/templates';
import { check, schemas } from '../support/engine';

const template = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: @NAME@
  namespace: @NAMESPACE@
spec:
  serviceName: @NAME@
  replicas: @REPLICAS@
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example/web:@TAG@
`;

describe('sed-style @NAME@ templates', () => {
  it('gives one note naming the first placeholder, and no syntax error', () => {
    const findings = check(template);
    assert.deepEqual(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`), ['4:9 info yaml/template']);
    assert.match(findings[0].message, /the placeholder @NAME@ \(a sed-style @NAME@ template\)/);
    assert.equal(template.slice(findings[0].start, findings[0].end), '@NAME@');
  });

  it('is also a template in a multi-document file, and after an edit that adds a placeholder', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n';
    const engine = new Engine(schemas());
    engine.setFile('t.yaml', `${service}---\n${template.replace('  namespace: @NAMESPACE@\n', '').replace(/@[A-Z]+@/g, 'web').replace('replicas: web', 'replicas: 2')}`);
    assert.deepEqual(engine.check(['t.yaml']).get('t.yaml')!.map((f) => f.ruleId), []);
    const file = engine.setFile('t.yaml', `${service}---\n${template}`, 1);
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
