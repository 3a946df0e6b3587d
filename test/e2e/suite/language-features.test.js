'use strict';
// Scenario 5 of issue 7: hover and completion on a StatefulSet return the schema's documentation.
// What to expect is read from the example file and from the schema the extension ships
// (dist/schemas/kubernetes.json) rather than written down here.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const h = require('./helpers');

// Used only when the extension ships no schema file we can read.
const FALLBACK_STS_SPEC_KEYS = [
  'podManagementPolicy',
  'updateStrategy',
  'volumeClaimTemplates',
  'minReadySeconds',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'ordinals',
];

function loadSchema(ext) {
  const file = path.join(ext.extensionPath, 'dist', 'schemas', 'kubernetes.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every `properties` object in the schema, wherever it is nested. */
function* propertyTables(node, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (node.properties && typeof node.properties === 'object' && !Array.isArray(node.properties)) yield node.properties;
  for (const v of Object.values(node)) yield* propertyTables(v, seen);
}

function descriptionsOf(schema, key) {
  const out = new Set();
  for (const props of propertyTables(schema)) {
    const d = props[key] && props[key].description;
    if (typeof d === 'string' && d.trim()) out.add(d);
  }
  return [...out];
}

/** The StatefulSetSpec's properties: the table with serviceName, volumeClaimTemplates and podManagementPolicy. */
function statefulSetSpec(schema) {
  for (const props of propertyTables(schema || {})) {
    if (props.serviceName && props.volumeClaimTemplates && props.podManagementPolicy) return props;
  }
  return undefined;
}

/** What the docs of a spec key should quote: the StatefulSetSpec's own description of it, else any. */
function wantedDocs(schema, key) {
  const spec = statefulSetSpec(schema);
  const own = spec && spec[key] && spec[key].description;
  const all = own ? [own] : schema ? descriptionsOf(schema, key) : [];
  return all.map((d) => norm(d).slice(0, 40));
}

const norm = (s) => s.replace(/[`*_\\]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label);
const docOf = (item) => {
  const d = item.documentation;
  return `${item.detail || ''} ${typeof d === 'string' ? d : d ? d.value : ''}`.trim();
};

/** The first valid example that holds a StatefulSet, with the lines of its top-level `spec:`. */
function statefulSetExample() {
  for (const file of h.yamlFiles(h.workspaceDir())) {
    const text = fs.readFileSync(file, 'utf8');
    const docs = text.split(/^---\s*$/m);
    let offsetLines = 0;
    for (const part of docs) {
      if (/^kind:\s*StatefulSet\s*$/m.test(part)) {
        const lines = part.split(/\r?\n/);
        const specLine = lines.findIndex((l) => /^spec:\s*(#.*)?$/.test(l));
        if (specLine >= 0) {
          const specKeys = [];
          let indent;
          for (let i = specLine + 1; i < lines.length; i++) {
            const m = /^(\s+)([A-Za-z][\w-]*):/.exec(lines[i]);
            if (/^\S/.test(lines[i])) break;
            if (!m) continue;
            indent ??= m[1];
            if (m[1] === indent) specKeys.push({ key: m[2], line: offsetLines + i, character: m[1].length });
          }
          if (indent) return { file, specLine: offsetLines + specLine, indent, specKeys };
        }
      }
      offsetLines += part.split(/\r?\n/).length - 1;
    }
  }
  return undefined;
}

describe('hover and completion', function () {
  let ext;
  let schema;
  let example;

  before(async function () {
    ext = await h.activated();
    schema = loadSchema(ext);
    example = statefulSetExample();
    assert.ok(example, 'no valid example holds a StatefulSet with a spec');
  });

  afterEach(async function () {
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) await h.revert(doc);
  });

  it('hover on a StatefulSet spec key shows its schema documentation', async function () {
    const preferred = ['replicas', 'serviceName', 'podManagementPolicy', 'selector', 'template'];
    const target = preferred.map((k) => example.specKeys.find((s) => s.key === k)).find(Boolean) || example.specKeys[0];
    assert.ok(target, `no key under spec: in ${example.file}`);
    const doc = await h.openDocument(example.file);
    const pos = new vscode.Position(target.line, target.character + 1);
    // The first words of the schema's description of that key, or at least the key's name.
    const docs = wantedDocs(schema, target.key);
    const wanted = docs.length ? docs : [target.key.toLowerCase()];
    let seen = '';
    const text = await h.waitFor(
      async () => {
        seen = norm(h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos)));
        return wanted.some((w) => seen.includes(w)) && seen.length >= 20 ? seen : false;
      },
      { what: `a hover on "${target.key}" (line ${target.line + 1}) that quotes ${JSON.stringify(wanted[0])}` },
    ).catch((err) => {
      throw new Error(`${err.message}; the hover said: ${JSON.stringify(seen)}`);
    });
    assert.ok(text.length >= 20);
  });

  it('completion under spec: offers the StatefulSetSpec keys not yet written, with their docs', async function () {
    const present = new Set(example.specKeys.map((s) => s.key));
    const spec = statefulSetSpec(schema);
    const specKeys = spec ? Object.keys(spec) : FALLBACK_STS_SPEC_KEYS;
    const missing = specKeys.filter((k) => !present.has(k));
    assert.ok(missing.length > 0, 'the example already sets every spec key; nothing left to complete');

    const doc = await h.openDocument(example.file);
    // A new, empty line at the spec's indentation, right under `spec:`.
    await h.insertLine(doc, example.specLine + 1, `${example.indent}\n`);
    const pos = new vscode.Position(example.specLine + 1, example.indent.length);
    let items = [];
    await h.waitFor(
      async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos, undefined, 100);
        items = (list && list.items) || [];
        const labels = new Set(items.map(labelOf));
        return missing.some((k) => labels.has(k));
      },
      { what: `completion items among ${JSON.stringify(missing)}` },
    );
    const labels = new Set(items.map(labelOf));
    const offered = missing.filter((k) => labels.has(k));
    if (spec) {
      assert.deepEqual(missing.filter((k) => !labels.has(k)), [], `schema keys of StatefulSetSpec not offered (offered: ${[...labels].join(', ')})`);
    }
    const documented = offered.filter((k) => docOf(items.find((i) => labelOf(i) === k)).length > 0);
    assert.ok(documented.length > 0, `no completion item among ${offered.join(', ')} carries documentation`);
    if (schema) {
      const key = documented[0];
      const want = wantedDocs(schema, key);
      const got = norm(docOf(items.find((i) => labelOf(i) === key)));
      assert.ok(want.length === 0 || want.some((w) => got.includes(w)), `the docs of "${key}" do not quote the schema: ${got}`);
    }
  });
});
