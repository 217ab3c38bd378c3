#!/usr/bin/env node
// Thin shim: the CLI lives in src/cli, bundled to dist/cli.cjs by `npm run build`. This file only
// loads that bundle with V8's code cache, so later runs skip compiling it. It is CommonJS
// (bin/package.json): an ES module entry would load Node's ESM loader, ~5 ms of every start.
'use strict';
const { closeSync, constants: fsConstants, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const vm = require('node:vm');

try {
  process.cwd();
} catch {
  // Checked before the bundle loads: its dependencies ask for the cwd while initialising.
  process.stderr.write('dockhand: the current directory no longer exists (cd somewhere else)\n');
  process.exit(2);
}

const dist = join(__dirname, '..', 'dist');
const worker = process.argv[2] === '--dockhand-internal-lint-worker';
/**
 * Whose compiled code a code cache keeps: each command has its own (src/cli/main.ts's COMMANDS; the
 * first word that is not an option names it, as there), anything else shares one. A cache holds
 * what the run that wrote it compiled: one file for all would serve a lint the functions of
 * `--version` (or the language server those of a lint) when that ran first after a build.
 */
const COMMANDS = ['lint', 'parse', 'context', 'plan', 'explain', 'rules', 'format', 'lsp'];
const word = process.argv.slice(2).find((a) => !a.startsWith('-'));
const purpose = worker ? 'lint' : COMMANDS.includes(word) ? word : 'cli';
// V8 hands a function to its optimising compiler (TurboFan, on a helper thread) once it has run
// long enough: on Node 20 (V8 11.3), about 66 KB of bytecode (`--interrupt-budget`); on Node 22 and
// later (V8 12 to 14), 3,000 times its own bytecode's length (`--invocation-count-for-turbofan`).
// Most runs are short: a lint of one file (moby's Dockerfile) spent ~50 ms of CPU time and ~700
// page faults more compiling code it then barely ran than with no optimising at all. Four times the
// default leaves most of the gain and still optimises what runs long: even the 4,000-file lint is
// faster with it (medians of 4-5 alternated runs: Node 20 3.2 against 3.4 s, Node 22 2.7 against
// 3.1 s, Node 24 2.5 against 3.0 s). Set before any bundle loads: V8 accepts a code cache only
// under the flags it was made with, and every run of a command (`purpose`, whose code cache it is)
// sets the same. Not for `--version` and help (purpose 'cli'): they run too little code to gain,
// and node:v8 costs ~3-8 ms to load (it brings node:stream). A threshold given on Node's command
// line or in NODE_OPTIONS is left as it is. Only the V8s known to have the flag: setFlagsFromString
// prints an error for an unknown one.
const tierUpFlag = tierUpFlagFor(process.versions.v8);
if (purpose !== 'cli' && !worker && tierUpFlag && !/--(interrupt[-_]budget|invocation[-_]count[-_]for[-_]turbofan)\b/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`)) {
  require('node:v8').setFlagsFromString(tierUpFlag);
}
const savers = [];
// The bundle loads other bundles of dist/ (the language server's libraries, yargs, yaml) through
// here, so that they get a code cache too; every cache is saved when the process ends (`dockhand
// lsp` ends when the editor says so, never by returning from run).
globalThis[Symbol.for('dockhand.load')] = (name) => {
  const other = load(join(dist, name));
  savers.push(other.saveCache);
  return other.exports;
};
// `dockhand lint` over many files starts this file again in worker threads (src/cli/lint-pool.ts),
// which read the caches the main thread wrote but write none.
if (worker) {
  load(join(dist, 'cli.cjs')).exports.lintWorker();
} else {
  const main = load(join(dist, 'cli.cjs'));
  savers.unshift(main.saveCache);
  process.on('exit', () => {
    for (const save of savers) save();
  });
  let settled = false;
  main.exports.run(process.argv.slice(2)).then((code) => {
    settled = true;
    process.exitCode = code;
    // A lint whose output is all written ends here: Node's teardown of the heap at a natural exit
    // costs a one-file lint ~3-8 ms ('exit' handlers, which save the code caches, still run).
    if (main.exports.mayExitNow?.()) process.exit(code);
  });
  // Node ends a process whose event loop has run dry even while a promise is pending, with status 0.
  // The run then awaited something that can no longer happen (seen on Node 24 with a V8 flag under
  // which WebAssembly compilation never settles): say so and fail, rather than pass with no output.
  // Not emitted for process.exit() (the language server's 'exit').
  process.on('beforeExit', () => {
    if (settled) return;
    settled = true;
    process.stderr.write('dockhand: internal error: the run stopped before it finished (something it waited for never completed)\n');
    process.exitCode = 2;
  });
}

/**
 * Each bundle of dist/ is the function a CommonJS module's code is wrapped in (scripts/build.mjs), so
 * V8 compiles the file's text as it is read: wrapping it here would make V8 copy the whole text
 * into a new string first (~0.75 MB more of heap, and a garbage collection, at every start).
 * The bundle is compiled through vm.Script with cached data kept next to it (or in the user's cache
 * directory when dist/ is read-only), one per command (`purpose`), written after the command's first
 * run, when the functions it used are compiled (scripts/build.mjs makes lint's and the server's).
 * On every Node version: Node's own compile cache (Module.enableCompileCache, Node >= 22.1) keeps only
 * what is compiled while a module loads (0.2 MB of lint's 1.2 MB here), so every run would compile the
 * parser and the rules again (~30-40 ms more CPU of a cold lint on Node 22 and 24).
 */
function load(file) {
  // The bundle's local names are minified: for DOCKHAND_DEBUG's stack traces, Node maps positions
  // back to the sources through dist/*.map, which it does for the code of modules it compiles.
  if (process.env.DOCKHAND_DEBUG) {
    // scripts/build.mjs escapes every non-ASCII character (test/cli-main.test.ts checks), so latin1
    // decodes it exactly, and copies it ~1.5 ms faster than UTF-8 validation would.
    const source = readFileSync(file, 'latin1');
    process.setSourceMapsEnabled(true);
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = Module._nodeModulePaths(dirname(file));
    // The call follows the source map's comment on a line of its own: no position moves.
    mod._compile(`${source}\n.call(this, exports, require, module, __filename, __dirname);`, file);
    return { exports: mod.exports, saveCache() {} };
  }
  const fd = openSync(file, 'r');
  // V8 checks a cache against the source's length only: key it on this very build of the file.
  const st = fstatSync(fd);
  // ...and on Node's flags: V8 rejects data made under other flags, and two callers must not take turns.
  const flags = hash(`${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`);
  const name = `${basename(file, '.cjs')}-${purpose}-${st.size}-${Math.floor(st.mtimeMs)}-${st.ino}-${process.version}-${process.arch}-${flags}.v8cache`;
  const places = [join(dirname(file), '.cache'), join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dockhand')];
  let cacheFd;
  for (const dir of places) {
    try {
      // Without waiting: a named pipe in its place would block open() (it is then not used).
      cacheFd = openSync(join(dir, name), fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
      break;
    } catch {
      // not there: try the next place
    }
  }
  let cacheSize = 0;
  try {
    if (cacheFd !== undefined) {
      const cacheStat = fstatSync(cacheFd);
      if (!cacheStat.isFile()) throw new Error('not a regular file');
      cacheSize = cacheStat.size;
    }
  } catch {
    closeSync(cacheFd);
    cacheFd = undefined;
  }
  // The bundle's text and then its cache are read through one buffer: the text is copied out into
  // a string before the cache is read over it. Every page a new process writes to for the first
  // time is a page fault (~2,000 of `node -e 0`'s start-up): one buffer instead of two spares
  // ~190 of them (0.75 MB).
  const buffer = Buffer.allocUnsafeSlow(Math.max(st.size, cacheSize));
  // scripts/build.mjs escapes every non-ASCII character (test/cli-main.test.ts checks), so latin1
  // decodes it exactly, and copies it ~1.5 ms faster than UTF-8 validation would.
  const source = buffer.toString('latin1', 0, readAll(fd, buffer, st.size));
  let cachedData;
  if (cacheFd !== undefined) {
    try {
      cachedData = buffer.subarray(0, readAll(cacheFd, buffer, cacheSize));
    } catch {
      // unreadable: compile without it
    }
  }
  const script = new vm.Script(source, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const exports = {};
  const mod = { exports };
  script.runInThisContext().call(exports, exports, Module.createRequire(file), mod, file, dirname(file));
  return {
    exports: mod.exports,
    saveCache() {
      // Cache after tree-sitter set V8 flags (--liftoff-only) would be rejected by the next run.
      if ((cachedData && !script.cachedDataRejected) || globalThis[Symbol.for('dockhand.v8-flags-changed')]) return;
      const data = script.createCachedData();
      for (const dir of places) {
        try {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          const tmp = join(dir, `${name}.${process.pid}.tmp`);
          writeFileSync(tmp, data, { mode: 0o600 });
          renameSync(tmp, join(dir, name));
          return;
        } catch {
          // read-only or missing: try the next place; no cache is only slower
        }
      }
    },
  };
}

/** Reads up to `size` bytes of `fd` into the start of `buffer`, then closes it; returns how many. */
function readAll(fd, buffer, size) {
  try {
    let at = 0;
    for (let n; at < size && (n = readSync(fd, buffer, at, size - at, at)) > 0; ) at += n;
    return at;
  } finally {
    closeSync(fd);
  }
}

/** The flag that makes V8 wait four times as long before optimising a function, for V8 `version`. */
function tierUpFlagFor(version) {
  const major = Number.parseInt(version, 10);
  if (version.startsWith('11.3.')) return '--interrupt-budget=270336';
  if (major >= 12 && major <= 14) return '--invocation-count-for-turbofan=12000';
  return undefined;
}

/** A short hex digest of `s` (FNV-1a): enough to tell flag sets apart in a file name. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
