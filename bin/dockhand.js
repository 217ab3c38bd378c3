#!/usr/bin/env node
// Thin shim: the CLI lives in src/cli (bundled to dist/cli.mjs by `npm run build`).
import module from 'node:module';

try {
  process.cwd();
} catch {
  // Checked before the bundle loads: its dependencies ask for the cwd while initialising.
  process.stderr.write('dockhand: the current directory no longer exists (cd somewhere else)\n');
  process.exit(2);
}
// Node >= 22.1 can keep V8's compiled code between runs, which shortens every later start.
module.enableCompileCache?.();
const { run } = await import('../dist/cli.mjs');
process.exitCode = await run(process.argv.slice(2));
