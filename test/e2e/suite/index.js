'use strict';
// Entry point VS Code loads as --extensionTestsPath: runs every *.test.js next to it with mocha
// (bdd) inside the extension host. Writes a summary to $STS_E2E_RESULTS for the runner and prints a
// closing "N passed, N failed" line.

const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.STS_E2E_TEST_TIMEOUT_MS || 60_000),
    slow: 5_000,
  });
  if (process.env.STS_E2E_GREP) mocha.grep(process.env.STS_E2E_GREP);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const failed = [];
    let runner;
    try {
      runner = mocha.run((failures) => {
        const stats = runner.stats || {};
        const summary = {
          passed: stats.passes || 0,
          failed: stats.failures || 0,
          pending: stats.pending || 0,
          durationMs: stats.duration || 0,
          failures: failed,
        };
        console.log(`vscode extension-host suite: ${summary.passed} passed, ${summary.failed} failed${summary.pending ? `, ${summary.pending} pending` : ''}`);
        if (process.env.STS_E2E_RESULTS) {
          fs.mkdirSync(path.dirname(process.env.STS_E2E_RESULTS), { recursive: true });
          fs.writeFileSync(process.env.STS_E2E_RESULTS, JSON.stringify(summary, null, 2));
        }
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
      runner.on('fail', (test, err) => failed.push({ title: test.fullTitle(), message: err && err.message }));
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
}

module.exports = { run };
