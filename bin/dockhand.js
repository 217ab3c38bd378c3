#!/usr/bin/env node
// Thin shim: the CLI lives in src/cli (bundled to dist/cli.mjs by `npm run build`).
import { run } from '../dist/cli.mjs';

run(process.argv.slice(2)).then((code) => { process.exitCode = code; });
