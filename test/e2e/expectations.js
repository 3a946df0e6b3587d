'use strict';
// Reads what a fixture file promises, shared by the extension-host suite and the browser test.
// No `vscode` import here: this module also runs in plain Node.

const fs = require('node:fs');
const path = require('node:path');

/**
 * The findings a fixture file promises, from markers on its lines:
 *   key: value   # expect: sts/some-rule            (a finding on this line)
 *   key: value   # expect: sts/a, schema/b          (two findings on this line)
 *   # expect-next-line: yaml/syntax                  (a finding on the next line)
 * Lines are 0-based, as in vscode.Range.
 */
const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

function readExpectations(text) {
  const out = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /#\s*expect(-next-line)?:\s*([^#]*)/.exec(line);
    if (!m) return;
    const target = m[1] ? i + 1 : i;
    // Rule ids only (prefix/kebab-case): prose such as "# expect: <rule id>" in a comment is no marker.
    for (const code of m[2].split(/[\s,]+/).filter(Boolean)) {
      if (!RULE_ID.test(code)) break;
      out.push({ line: target, code });
    }
  });
  return out;
}

/** The YAML files directly in `dir`, sorted. */
function yamlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

module.exports = { readExpectations, yamlFiles };
