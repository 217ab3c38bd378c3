#!/usr/bin/env node
// The peer of `dockhand lint --format json PATH...` in the benchmarks: one process that reads every
// file named on its command line, runs dockerfile-utils' validate() on it and prints one JSON
// document with each file's diagnostics, as `dockerfile-utils lint --json` does for one file.
// CommonJS, like dockerfile-utils' own command, so it starts as fast as that does.
'use strict';
const { readFileSync } = require('node:fs');
const { validate } = require('dockerfile-utils');

const out = [];
let errors = false;
for (const path of process.argv.slice(2)) {
  const diagnostics = validate(readFileSync(path).toString());
  for (const d of diagnostics) {
    delete d.code;
    delete d.source;
    if (d.severity === 1) errors = true;
    d.severity = d.severity === 1 ? 'error' : 'warning';
  }
  out.push({ file: path, diagnostics });
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
process.exitCode = errors ? 1 : 0;
