// Gathers what the built CLI needs at run time into one folder, for dockhand's container image
// (the Dockerfile's build stage runs `node scripts/runtime-files.mjs runtime` after the build):
// the files `npm pack` would ship (bin/, dist/cli.cjs, docs/, package.json) plus, under
// node_modules/, the modules the bundle leaves outside (scripts/externals.mjs) and their own
// dependencies. Nothing else from node_modules: everything else is inside dist/cli.cjs.
//
//   node scripts/runtime-files.mjs OUT_DIR     (run from the package root, after the build)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RUNTIME_MODULES } from './externals.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/runtime-files.mjs OUT_DIR');
  process.exit(2);
}
if (!existsSync('dist/cli.cjs')) {
  console.error('runtime-files: dist/cli.cjs is missing; run node scripts/build.mjs first');
  process.exit(2);
}

/** The package's own files, as `npm pack` lists them (its `files`, package.json, README, LICENSE). */
function packedFiles() {
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(json)[0].files.map((f) => f.path);
}

/** Each runtime module and every package it depends on, with the files to copy (null: all). */
function runtimeModules(root = '.') {
  const found = new Map();
  const queue = RUNTIME_MODULES.map((m) => ({ name: m.name, only: m.only ?? null }));
  while (queue.length > 0) {
    const m = queue.shift();
    if (found.has(m.name)) continue;
    const dir = join(root, 'node_modules', m.name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    found.set(m.name, m.only);
    // A module used for some of its files only does not need what its code requires.
    if (m.only) continue;
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ name: dep, only: null });
  }
  return found;
}

const target = resolve(out);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const path of packedFiles()) {
  mkdirSync(dirname(join(target, path)), { recursive: true });
  cpSync(path, join(target, path));
}
for (const [name, only] of runtimeModules()) {
  const from = join('node_modules', name);
  const to = join(target, 'node_modules', name);
  if (!only) {
    cpSync(from, to, { recursive: true });
    continue;
  }
  for (const file of only) {
    if (!existsSync(join(from, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
}
let bytes = 0;
for (const f of readdirSync(target, { recursive: true })) bytes += statSync(join(target, f)).isFile() ? statSync(join(target, f)).size : 0;
console.log(`runtime-files: ${out}: ${(bytes / 1e6).toFixed(1)} MB`);
