// The CLI entry point: usage errors stop before anything runs, version, help, exit codes.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { v8Loaded } from './other-nodes.js';

const bin = resolve(__dirname, '../bin/dockhand.js');
const dir = mkdtempSync(join(tmpdir(), 'dockhand-main-'));
writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dh = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });

describe('dockhand (entry point)', () => {
  it('a usage error runs nothing: no output, no side effects, exit 2, one line', () => {
    const r = dh('plan', '--bogus', '--save', 'saved.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("dockhand: Unknown argument: bogus\nRun 'dockhand --help' for usage.\n");
    expect(existsSync(join(dir, 'saved.json'))).toBe(false);
    const bad = dh('plan', '--format', 'yaml');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n')[0]).toMatch(/^dockhand: Invalid values: Argument: format, Given: "yaml"/);
  });

  it('prints its own version wherever it runs', () => {
    // `--version` alone is answered without yargs; with other words yargs answers: the same line.
    expect(dh('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(dh('--version', '--no-color')).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('writes to a file, a pipe or /dev/null without building process.stdout (a terminal gets its stream)', () => {
    // The CLI run in-process by a script that says at exit whether the modules of Node's stdout
    // streams were loaded: net for a pipe, tty for a terminal, sync_write_stream for a file or a
    // device (without DOCKHAND_DEBUG the script's flags would make bin/dockhand.js save a code cache
    // of its own).
    const script = `process.argv = [process.execPath, ${JSON.stringify(bin)}, 'lint', '--format', 'json', '--no-cache', '--no-shellcheck', 'Dockerfile'];
const streams = ['NativeModule net', 'NativeModule tty', 'NativeModule internal/fs/sync_write_stream'];
process.on('exit', () => require('node:fs').writeSync(2, 'stdout built: ' + streams.some((m) => process.moduleLoadList.includes(m)) + '\\n'));
require(${JSON.stringify(bin)});`;
    const out = join(dir, 'out.txt');
    const targets: [string, () => 'pipe' | number][] = [['a pipe', () => 'pipe'], ['a file', () => openSync(out, 'w')], ['/dev/null', () => openSync(devNull, 'w')]];
    for (const [name, open] of targets) {
      const fd = open();
      const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, DOCKHAND_DEBUG: '1' } });
      if (typeof fd === 'number') closeSync(fd);
      expect(r.status, name).toBe(0);
      expect(r.stderr, name).toBe('stdout built: false\n');
    }
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([{ file: 'Dockerfile', diagnostics: [] }]);
  });

  // V8 11.3 (Node 20) has --interrupt-budget; V8 12 to 14 (Node 22 to 25) --invocation-count-for-turbofan.
  const tierUpFlagKnown = process.versions.v8.startsWith('11.3.') || ['12', '13', '14'].includes(process.versions.v8.split('.')[0]!);
  it.skipIf(!tierUpFlagKnown)('sets V8\'s tier-up threshold for a command, not for --version', () => {
    // Setting it loads node:v8: the lint does, `--version` (which runs almost no code) does not.
    const loadsV8 = (...args: string[]) => {
      const r = v8Loaded(process.execPath, bin, dir, args);
      expect(r.status, args.join(' ')).toBe(0);
      return r.stderr;
    };
    expect(loadsV8('lint', '--no-cache', '--no-shellcheck', 'Dockerfile')).toBe('v8: true\n');
    expect(loadsV8('--version')).toBe('v8: false\n');
  });

  it('a lint whose output went straight to its descriptors ends at once, with its exit code; other runs end the usual way', () => {
    // A preloaded script logs each process.exit (DOCKHAND_DEBUG: no V8 code cache keyed on its flag).
    const log = join(dir, 'exits.log');
    const hook = join(dir, 'exits.cjs');
    writeFileSync(hook, `const fs = require('node:fs');
const real = process.exit;
process.exit = function (code) {
  fs.appendFileSync(${JSON.stringify(log)}, 'exit ' + code + '\\n');
  return real.call(process, code);
};
`);
    const run = (args: string[], stdout: 'pipe' | number = 'pipe') => {
      rmSync(log, { force: true });
      const r = spawnSync(process.execPath, [bin, ...args], {
        cwd: dir, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', stdout, 'pipe'],
        env: { ...process.env, NODE_OPTIONS: `--require ${hook}`, DOCKHAND_DEBUG: '1' },
      });
      return { ...r, exits: existsSync(log) ? readFileSync(log, 'utf8') : '' };
    };
    writeFileSync(join(dir, 'Clean.Dockerfile'), 'FROM alpine:3.20\nCMD ["true"]\n');
    writeFileSync(join(dir, 'Findings.Dockerfile'), 'FROM alpine:3.20\nMAINTAINER me\n');
    const plain = dh('lint', '--no-cache', '--no-shellcheck', '-f', 'json', 'Findings.Dockerfile');
    // Findings (exit 1) into a pipe, then none (exit 0) into a file: the same output, the same code.
    const findings = run(['lint', '--no-cache', '--no-shellcheck', '-f', 'json', 'Findings.Dockerfile']);
    expect([findings.status, findings.stdout, findings.exits]).toEqual([plain.status, plain.stdout, `exit ${plain.status}\n`]);
    expect(plain.status).toBe(1);
    const file = join(dir, 'out.json');
    const fd = openSync(file, 'w');
    const clean = run(['lint', '--no-cache', '--no-shellcheck', '-f', 'json', 'Clean.Dockerfile'], fd);
    closeSync(fd);
    expect([clean.status, clean.exits]).toEqual([0, 'exit 0\n']);
    expect(readFileSync(file, 'utf8')).toBe(dh('lint', '--no-cache', '--no-shellcheck', '-f', 'json', 'Clean.Dockerfile').stdout);
    // Another command, or help: the usual end.
    expect(run(['parse', 'Dockerfile'])).toMatchObject({ status: 0, exits: '' });
    expect(run(['lint', '--help'])).toMatchObject({ status: 0, exits: '' });
  });

  it('asks for a command, and suggests one for a typo', () => {
    expect(dh()).toMatchObject({ status: 2, stdout: '' });
    expect(dh('plna').stderr).toMatch(/Unknown argument: plna|Did you mean plan/);
  });

  it('stops quietly when the reader of its output goes away', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" rules --format json | head -c 10`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toHaveLength(10);
  });

  it('a report cut by its reader (lint | head) still exits by its findings: under pipefail the pipeline fails, never a false pass', () => {
    // Megabytes of findings: far more than a pipe holds, so the writes after head has gone fail (EPIPE).
    writeFileSync(join(dir, 'Many.Dockerfile'), `FROM alpine\n${Array.from({ length: 3000 }, (_, i) => `RUN apk add pkg${i}\n`).join('')}`);
    const cut = (args: string, reader = 'head -c 10') => {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" ${args} | ${reader} > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      return { stderr: r.stderr, status: Number(r.stdout.trim()) };
    };
    // Written at the end (stylish, gnu, sarif) or streamed while linting (json): the same exit code as uncut.
    for (const format of ['stylish', 'gnu', 'sarif', 'json']) {
      expect(cut(`lint --no-cache --no-shellcheck -f ${format} Many.Dockerfile`), format).toEqual({ stderr: '', status: 1 });
    }
    expect(cut('lint --no-cache --no-shellcheck -f gnu Many.Dockerfile', 'head -1')).toEqual({ stderr: '', status: 1 });
    expect(cut('lint --no-cache --no-shellcheck --no-fail -f json Many.Dockerfile')).toEqual({ stderr: '', status: 0 });
    // Commands without findings end as they would have: 0.
    expect(cut('parse Many.Dockerfile')).toEqual({ stderr: '', status: 0 });
  });

  it('loads the packages it keeps outside the bundle (Graphviz for plan --format svg)', () => {
    const r = dh('plan', '--format', 'svg');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
  });

  it("names every command of src/cli/main.ts in bin/dockhand.js's code-cache list (a command missing there would share the others' cache)", () => {
    const main = readFileSync(resolve(import.meta.dirname, '../src/cli/main.ts'), 'utf8');
    const table = main.slice(main.indexOf('const COMMANDS'), main.indexOf('};', main.indexOf('const COMMANDS')));
    const commands = [...table.matchAll(/^\s+(\w+): async \(\) =>/gm)].map((m) => m[1]);
    const bin = readFileSync(resolve(import.meta.dirname, '../bin/dockhand.js'), 'utf8');
    const listed = JSON.parse(/const COMMANDS = (\[[^\]]*\]);/.exec(bin)![1]!.replaceAll("'", '"')) as string[];
    expect(commands.length).toBeGreaterThan(5);
    expect([...listed].sort()).toEqual([...commands].sort());
  });

  // On every Node version (Node's own compile cache keeps only what is compiled while the bundle loads).
  it('keeps a code cache per command, so the first run after a build does not decide what the others get', () => {
    const copy = mkdtempSync(join(tmpdir(), 'dockhand-codecache-'));
    try {
      for (const d of ['bin', 'dist']) cpSync(resolve(__dirname, '..', d), join(copy, d), { recursive: true, filter: (src) => !src.includes('.cache') });
      copyFileSync(resolve(__dirname, '../package.json'), join(copy, 'package.json'));
      symlinkSync(resolve(__dirname, '../node_modules'), join(copy, 'node_modules'));
      const run = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin/dockhand.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(run('--version').status).toBe(0);
      expect(run('lint', '--no-cache', '--no-shellcheck', 'Dockerfile')).toMatchObject({ status: 0, stderr: '' });
      expect(run('lint', '--no-cache', '--no-shellcheck', 'Dockerfile')).toMatchObject({ status: 0, stderr: '' });
      const caches = readdirSync(join(copy, 'dist/.cache'));
      const size = (purpose: string) => caches.filter((f) => f.startsWith(`cli-${purpose}-`)).map((f) => statSync(join(copy, 'dist/.cache', f)).size);
      // One each: --version's holds little, lint's the parser and rules it ran.
      expect(size('cli')).toHaveLength(1);
      expect(size('lint')).toHaveLength(1);
      expect(size('lint')[0]).toBeGreaterThan(2 * size('cli')[0]!);
      // A named pipe in the place of lint's cache (it would block a plain open): not used, replaced.
      const lintCache = join(copy, 'dist/.cache', caches.find((f) => f.startsWith('cli-lint-'))!);
      rmSync(lintCache);
      expect(spawnSync('mkfifo', [lintCache]).status).toBe(0);
      const piped = run('lint', '--no-cache', '--no-shellcheck', 'Dockerfile');
      expect(piped).toMatchObject({ status: 0, stderr: '' });
      expect(statSync(lintCache).isFile()).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('is bundled as ASCII only, which V8 keeps as one-byte text (scripts/build.mjs)', () => {
    const bytes = readFileSync(resolve(__dirname, '../dist/cli.cjs'));
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
  });

  it('every command has --help', () => {
    for (const c of ['lint', 'parse', 'context', 'plan', 'explain', 'rules']) {
      const r = dh(c, '--help');
      expect(r.status, c).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`dockhand ${c}`));
    }
  });
});
