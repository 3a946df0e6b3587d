#!/usr/bin/env node
'use strict';
// The CLI (dist/cli.js, bundled by `npm run build`): it writes its own output and returns the exit code.
const { runCli } = require('../dist/cli.js');

void runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
