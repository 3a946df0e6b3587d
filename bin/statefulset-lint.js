#!/usr/bin/env node
'use strict';
const { main } = require('../dist/cli.js');

process.exitCode = main(process.argv.slice(2), (text) => process.stdout.write(text + '\n'), (text) => process.stderr.write(text + '\n'));
