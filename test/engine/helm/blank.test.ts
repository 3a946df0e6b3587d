// Template actions found and blanked with every offset kept (engine/helm/actions.ts, blank.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanActions } from '../../../server/src/engine/helm/actions';
import { blankTemplate } from '../../../server/src/engine/helm/blank';

function sameShape(template: string, blanked: string): void {
  assert.equal(blanked.length, template.length);
  for (let index = 0; index < template.length; index++) {
    if (template[index] === '\n') assert.equal(blanked[index], '\n', `line break kept at ${index}`);
  }
  assert.ok(!blanked.includes('{{') && !blanked.includes('}}'), blanked);
}

describe('template actions', () => {
  it('reads kinds, trim markers, included names and version fields', () => {
    const actions = scanActions('{{- if .Values.a }}x{{ else if .b }}{{ end -}}{{ include "db.labels" . | nindent 4 }}{{ $n := .Chart.AppVersion }}{{ template "t" }}{{/* c */}}{{- define "d" -}}{{ end }}');
    assert.deepEqual(actions.map((action) => action.kind), ['if', 'else', 'end', 'output', 'assign', 'template', 'comment', 'define', 'end']);
    assert.equal(actions[0].trimLeft, true);
    assert.equal(actions[2].trimRight, true);
    assert.equal(actions[1].elseOf, 'if');
    assert.deepEqual(actions[3].includes, ['db.labels']);
    assert.equal(actions[4].chartVersion, true);
    assert.deepEqual(actions[5].includes, ['t']);
    assert.equal(actions[7].defines, 'd');
  });

  it('skips `}}` inside strings, raw strings and comments, and actions spanning lines', () => {
    const text = 'a: {{ printf "}}" }}\nb: {{ `x\n}}` }}\nc: {{/* }} \n */}}\nd: {{ .x\n  | quote }}\n';
    const actions = scanActions(text);
    assert.equal(actions.length, 4);
    assert.deepEqual(actions.map((action) => text.slice(action.start, action.end)), ['{{ printf "}}" }}', '{{ `x\n}}` }}', '{{/* }} \n */}}', '{{ .x\n  | quote }}']);
  });

  it('never throws and stays linear on broken or adversarial input', () => {
    for (const text of ['{{', '{{ "unclosed', '{{/* never closed', '}}{{-}}{{- -}}', '{{ `raw', `${'{{ "'.repeat(20000)}`, '{'.repeat(50000)]) {
      const blanked = blankTemplate(text);
      assert.equal(blanked.text.length, text.length);
    }
    const big = 'a: {{ .x }}\n'.repeat(50000);
    const started = process.hrtime.bigint();
    blankTemplate(big);
    // A generous bound only to catch quadratic behaviour (50,000 actions): linear takes a few ms.
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 5000);
  });
});

describe('blanking a template', () => {
  it('blanks control lines and line-printing actions, and leaves same-length placeholders in values', () => {
    const template = [
      'metadata:',
      '  name: {{ include "db.fullname" . }}-headless',
      '  labels:',
      '    {{- include "db.labels" . | nindent 4 }}',
      'spec:',
      '  {{- if .Values.enabled }}',
      '  replicas: {{ .Values.replicas }}',
      '  {{- end }}',
      '  image: "{{ .Values.repo }}:{{ .Values.tag }}"',
      '  {{/* a comment',
      '     over lines */}}',
      '',
    ].join('\n');
    const { text } = blankTemplate(template);
    sameShape(template, text);
    const lines = text.split('\n');
    assert.match(lines[1], /^ {2}name: x{29}-headless$/);
    assert.equal(lines[3].trim(), '');
    assert.equal(lines[5].trim(), '');
    assert.match(lines[6], /^ {2}replicas: x+$/);
    assert.equal(lines[6].length, '  replicas: {{ .Values.replicas }}'.length);
    assert.match(lines[8], /^ {2}image: "x+:x+"$/);
    assert.equal(lines[9].trim() + lines[10].trim(), '');
  });

  it('keeps one branch of an if/else chain (the one with the most literal text) and blanks define bodies', () => {
    const template = 'a:\n{{- if .x }}\n  b: 1\n{{- else }}\n  c: 2\n  d: 3\n{{- end }}\n{{- define "t" }}\nhidden: 1\n{{- end }}\n';
    const blanked = blankTemplate(template);
    sameShape(template, blanked.text);
    assert.ok(!blanked.text.includes('b: 1'));
    assert.ok(blanked.text.includes('c: 2') && blanked.text.includes('d: 3'));
    assert.ok(!blanked.text.includes('hidden'));
    assert.equal(blanked.blocks.length, 2);
    assert.equal(blanked.blocks[0].kept, 1);
  });

  it('handles trim markers next to text and actions on the same line as literal text', () => {
    const template = 'name: {{- .Values.name -}}\nport: {{ .p }}{{/* c */}}\n';
    const { text } = blankTemplate(template);
    sameShape(template, text);
    assert.match(text, /^name: x+\nport: x+ +\n$/);
  });
});
