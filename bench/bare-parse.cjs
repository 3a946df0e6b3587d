// The CLI benchmark's same-run reference (bench/run.mjs): a fresh Node process that only reads and
// parses the given folder's *.yaml files with the `yaml` package (parseAllDocuments, no check), as
// the CLI reads them (sorted walk). Prints the number of documents.
//   node bench/bare-parse.cjs FOLDER
'use strict';
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseAllDocuments } = require('yaml');

const files = [];
const walk = (dir) => {
  const order = new Intl.Collator();
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => order.compare(a.name, b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(entry.name)) files.push(path);
  }
};
walk(process.argv[2]);
let documents = 0;
for (const file of files) documents += parseAllDocuments(readFileSync(file, 'utf8')).length;
process.stdout.write(`${documents}\n`);
