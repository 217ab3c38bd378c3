// `dockhand lint`'s results cache and worker threads, through the real executable (bin/dockhand.js
// and the bundle it loads: the cache keys on the bundle's identity, and only the bundle starts
// workers). A cached run must print exactly what an uncached one prints; whatever the findings
// depend on (the file, the config, the build context, ShellCheck's binary) must invalidate them.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusNames, corpusPresent } from './corpus.js';

const repo = resolve(import.meta.dirname, '..');
const bin = join(repo, 'bin/dockhand.js');
const built = existsSync(join(repo, 'dist/cli.cjs'));
if (!built) console.warn('cli-lint-cache: dist/cli.cjs is missing (run `npm run build`); skipping');

const tmp = mkdtempSync(join(tmpdir(), 'dockhand-cli-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in `cwd` with its own cache directory (no other cache is read or written). */
function dh(args: string[], opts: { cwd: string; cache: string; env?: NodeJS.ProcessEnv }): Ran {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, NO_COLOR: '1', DOCKHAND_CACHE_DIR: opts.cache, ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function put(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

let k = 0;
const fresh = (name: string) => {
  const dir = join(tmp, `${name}-${k++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The number of files a verbose run says were served from the cache. */
function unchanged(r: Ran): number {
  const m = /results cache .*: (\d+) of \d+ files? unchanged/.exec(r.stderr);
  if (!m) throw new Error(`no cache line in: ${r.stderr}`);
  return Number(m[1]);
}

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

/**
 * Runs the CLI with its stdout a non-blocking pipe (as a parent process may leave it) that nobody
 * reads for a second: writes past the pipe's capacity fail with EAGAIN, and the rest must still come
 * out whole and in order. Node's spawn makes a child's fds 0-2 blocking, so the pipe goes in as fd 3
 * and bash puts it on stdout.
 */
async function throughStalledPipe(args: string[], opts: { cwd: string; cache: string }): Promise<{ code: number | null; stdout: string }> {
  const fifo = join(tmp, `fifo-${k++}`);
  spawnSync('mkfifo', [fifo]);
  const w = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
  const child = spawn('bash', ['-c', 'exec "$0" "$@" >&3 3>&-', process.execPath, bin, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', DOCKHAND_CACHE_DIR: opts.cache },
    stdio: ['ignore', 'ignore', 'inherit', w],
  });
  closeSync(w);
  let code: number | null | undefined;
  child.on('exit', (c) => (code = c));
  const r = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  await new Promise((done) => setTimeout(done, 1000));
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n = 0;
    try {
      n = readSync(r, buf);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
    if (n > 0) chunks.push(Buffer.from(buf.subarray(0, n)));
    else if (code !== undefined) break;
    else await new Promise((done) => setTimeout(done, 5));
  }
  closeSync(r);
  return { code: code ?? null, stdout: Buffer.concat(chunks).toString() };
}

describe.skipIf(!built)('lint results cache (executable)', () => {
  let rules: string;
  beforeAll(() => {
    // Every rule's fixtures: files with findings of every kind, fixes included.
    rules = fresh('rules');
    cpSync(join(repo, 'fixtures/rules'), rules, { recursive: true });
  });

  it('prints exactly what an uncached run prints, in every format, and serves the second run from the cache', () => {
    const cache = fresh('cache');
    for (const format of ['json', 'sarif', 'stylish', 'gnu', 'checkstyle', 'github', 'gitlab', 'sonarqube', 'junit', 'codacy']) {
      const args = ['lint', '--no-shellcheck', '-f', format, '.'];
      const uncached = dh([...args, '--no-cache'], { cwd: rules, cache });
      const cold = dh(args, { cwd: rules, cache });
      const warm = dh([...args, '-V'], { cwd: rules, cache });
      expect(cold, format).toEqual(uncached);
      expect({ ...warm, stderr: '' }, format).toEqual({ ...uncached, stderr: '' });
      expect(unchanged(warm)).toBe(readdirSync(rules, { recursive: true }).filter((f) => String(f).endsWith('Dockerfile')).length);
    }
    expect(readdirSync(cache).filter((f) => /^lint-[0-9a-f]\.bin$/.test(f)).length).toBeGreaterThan(0);
  }, 600_000);

  it('json: a name beyond ASCII and a report larger than an output chunk come back the same from file entries and from the run record', () => {
    // A json run's entries keep the very bytes it printed (the output is written in ~64 KB chunks).
    const dir = fresh('bytes');
    const files = ['café/Dockerfile', 'naïve/Dockerfile', 'plain/Dockerfile'];
    put(dir, {
      [files[0]!]: `FROM ubuntu:22.04\n${'MAINTAINER Zoë <zoe@example.com>\n'.repeat(1500)}`,
      [files[1]!]: 'FROM debian\nRUN apt-get install curl\n',
      [files[2]!]: 'FROM alpine:3.19\nRUN apk add curl\n',
    });
    const cache = fresh('cache');
    const args = ['lint', '--no-shellcheck', '-f', 'json'];
    const uncached = dh([...args, '--no-cache', ...files], { cwd: dir, cache });
    expect(uncached.stdout).toContain('"file": "café/Dockerfile"');
    expect(Buffer.byteLength(uncached.stdout)).toBeGreaterThan(200_000);
    expect(dh([...args, ...files], { cwd: dir, cache })).toEqual(uncached);
    // Another command line: no run record is for it, so each file's entry gives its json text.
    const reversed = [...files].reverse();
    const fromEntries = dh([...args, '-V', ...reversed], { cwd: dir, cache });
    expect(unchanged(fromEntries)).toBe(3);
    expect(fromEntries.stdout).toBe(dh([...args, '--no-cache', ...reversed], { cwd: dir, cache }).stdout);
    // The first command line again: its run record.
    expect(dh([...args, ...files], { cwd: dir, cache })).toEqual(uncached);
  });

  it('json through a stalled non-blocking pipe comes out whole: linted, from file entries, from the run record', async () => {
    const dir = fresh('stalled');
    const files = ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile'];
    put(dir, {
      [files[0]!]: `FROM ubuntu:22.04\n${'MAINTAINER someone\n'.repeat(800)}`,
      [files[1]!]: `FROM debian\n${'RUN apt-get install curl\n'.repeat(300)}`,
      [files[2]!]: 'FROM alpine:3.19\nRUN apk add curl\n',
    });
    const cache = fresh('cache');
    const args = ['lint', '--no-shellcheck', '-f', 'json'];
    const reversed = [...files].reverse();
    const expected = dh([...args, '--no-cache', ...files], { cwd: dir, cache });
    const expectedReversed = dh([...args, '--no-cache', ...reversed], { cwd: dir, cache });
    expect(Buffer.byteLength(expected.stdout)).toBeGreaterThan(300_000);
    for (const [run, want] of [[files, expected], [reversed, expectedReversed], [files, expected]] as const) {
      const got = await throughStalledPipe([...args, ...run], { cwd: dir, cache });
      expect(got.code).toBe(want.code);
      expect(got.stdout === want.stdout, `${run.join(' ')}: ${got.stdout.length} of ${want.stdout.length} characters`).toBe(true);
    }
    // One file changed since: the others' elements are copied from the run record into memory that
    // is used again once written, unless the stream still holds it.
    writeFileSync(join(dir, files[2]!), 'FROM alpine:3.19\nRUN apk add --no-cache curl\n');
    const edited = dh([...args, '--no-cache', ...files], { cwd: dir, cache });
    expect(edited.stdout).not.toBe(expected.stdout);
    const got = await throughStalledPipe([...args, ...files], { cwd: dir, cache });
    expect(got.stdout === edited.stdout, `${got.stdout.length} of ${edited.stdout.length} characters`).toBe(true);
    expect(got.code).toBe(edited.code);
  }, 120_000);

  it('a named pipe in the place of a cache file is not waited on: a note for the record, the same output', () => {
    const dir = fresh('fifo');
    put(dir, { 'a/Dockerfile': 'FROM alpine:3.20\nMAINTAINER me\n', 'b/Dockerfile': 'FROM debian\nRUN apt-get install curl\n' });
    const cache = fresh('cache');
    const args = ['lint', '--no-shellcheck', '-f', 'json', 'a/Dockerfile', 'b/Dockerfile'];
    const expected = dh([...args, '--no-cache'], { cwd: dir, cache });
    dh(args, { cwd: dir, cache });
    // Every file of the cache (the sixteen shards and the run record) made a named pipe: a plain
    // open would wait for a writer forever.
    const names = [...new Set([...readdirSync(cache), ...Array.from({ length: 16 }, (_, i) => `lint-${i.toString(16)}.bin`)])];
    for (const f of names) {
      rmSync(join(cache, f), { force: true });
      expect(spawnSync('mkfifo', [join(cache, f)]).status).toBe(0);
    }
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, DOCKHAND_CACHE_DIR: cache } });
    expect(r.error).toBeUndefined();
    expect([r.status, r.stdout]).toEqual([expected.code, expected.stdout]);
    expect(r.stderr).toMatch(/^dockhand: the results cache file .*run-[0-9a-f]+\.bin is not a regular file; ignored \(it will be replaced\)\n$/);
    // Replaced by this run's record: the next one is served from it.
    expect(dh(args, { cwd: dir, cache })).toEqual(expected);
  }, 60_000);

  it('--no-cache neither reads nor writes it; --cache-location puts it elsewhere', () => {
    const cache = fresh('cache');
    const elsewhere = fresh('elsewhere');
    const dir = fresh('p');
    put(dir, { Dockerfile: 'FROM alpine\nRUN apk add curl\n' });
    dh(['lint', '--no-shellcheck', '--no-cache'], { cwd: dir, cache });
    expect(readdirSync(cache)).toEqual([]);
    const r = dh(['lint', '--no-shellcheck', '--cache-location', elsewhere, '-V'], { cwd: dir, cache });
    expect(r.stderr).toContain(`results cache ${elsewhere}: 0 of 1 file unchanged`); // outside the cwd: shown whole
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(elsewhere).length).toBeGreaterThan(0);
    expect(unchanged(dh(['lint', '--no-shellcheck', '--cache-location', elsewhere, '-V'], { cwd: dir, cache }))).toBe(1);
  });

  it('an unusable --cache-location (a file, a path under a file): one warning line, the same output and exit code; an unusable default place stays quiet but for -V', () => {
    const cache = fresh('cache');
    const dir = fresh('unusable');
    put(dir, { Dockerfile: 'FROM alpine\nRUN apk add curl\n', 'a-file': 'not a directory\n' });
    const plain = dh(['lint', '--no-shellcheck', '--no-cache', '-f', 'gnu'], { cwd: dir, cache });
    expect(plain.code).toBe(1);
    for (const place of ['a-file', 'a-file/sub']) {
      const r = dh(['lint', '--no-shellcheck', '-f', 'gnu', '--cache-location', place], { cwd: dir, cache });
      expect(r, place).toEqual({ code: 1, stdout: plain.stdout, stderr: `dockhand: warning: results cache off: --cache-location ${place}: not a directory\n` });
    }
    // The same place as the default (DOCKHAND_CACHE_DIR here): quiet, as a read-only home in CI must be.
    const quiet = dh(['lint', '--no-shellcheck', '-f', 'gnu'], { cwd: dir, cache: join(dir, 'a-file') });
    expect(quiet).toEqual({ code: 1, stdout: plain.stdout, stderr: '' });
    const told = dh(['lint', '--no-shellcheck', '-f', 'gnu', '-V'], { cwd: dir, cache: join(dir, 'a-file') });
    expect(told.stderr).toMatch(/^dockhand: cannot write the results cache in .*a-file: /m);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('a change to the file, the config or what the context-aware rules read is never served stale', () => {
    const cache = fresh('cache');
    const dir = fresh('ctx');
    put(dir, {
      Dockerfile: 'FROM alpine:3.20\nCOPY app.sh /usr/local/bin/\nCOPY . /src\n',
      'app.sh': '#!/bin/sh\necho hi\n',
    });
    const lint = () => dh(['lint', '--no-shellcheck', '-f', 'json', '-V', 'Dockerfile'], { cwd: dir, cache });
    const codes = (r: Ran) => (JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[])[0]!.diagnostics.map((d) => d.code).sort();
    const uncached = () => dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache', 'Dockerfile'], { cwd: dir, cache }).stdout;
    const check = (expected: { has: string[]; lacks: string[]; served: number }) => {
      const r = lint();
      for (const c of expected.has) expect(codes(r)).toContain(c);
      for (const c of expected.lacks) expect(codes(r)).not.toContain(c);
      expect(unchanged(r)).toBe(expected.served);
      expect(r.stdout).toBe(uncached());
    };

    check({ has: ['DH001'], lacks: ['DH003'], served: 0 });
    check({ has: ['DH001'], lacks: ['DH003'], served: 1 });
    // A COPY source deleted: DH003.
    rmSync(join(dir, 'app.sh'));
    check({ has: ['DH001', 'DH003'], lacks: [], served: 0 });
    check({ has: ['DH001', 'DH003'], lacks: [], served: 1 });
    // A .dockerignore appears (DH001 goes), then starts excluding the COPY source (CopyIgnoredFile).
    writeFileSync(join(dir, 'app.sh'), 'echo hi\n');
    writeFileSync(join(dir, '.dockerignore'), '*.md\n');
    check({ has: [], lacks: ['DH001', 'DH003', 'CopyIgnoredFile'], served: 0 });
    writeFileSync(join(dir, '.dockerignore'), '*.md\n*.sh\n');
    check({ has: ['CopyIgnoredFile'], lacks: ['DH001'], served: 0 });
    check({ has: ['CopyIgnoredFile'], lacks: ['DH001'], served: 1 });
    // What the whole-context COPY would leak: a new top-level entry changes DH002's message.
    writeFileSync(join(dir, '.env'), 'SECRET=1\n');
    check({ has: ['DH002'], lacks: [], served: 0 });
    // A config file that ignores a rule.
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [DH002]\n');
    check({ has: [], lacks: ['DH002'], served: 0 });
    // The Dockerfile itself.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY app.sh /usr/local/bin/\nCOPY . /src\nMAINTAINER me\n');
    check({ has: ['DL4000'], lacks: [], served: 0 });
    // Options on the command line are part of the config.
    const ignored = dh(['lint', '--no-shellcheck', '-f', 'json', '-V', '--ignore', 'DL4000', 'Dockerfile'], { cwd: dir, cache });
    expect(unchanged(ignored)).toBe(0);
    expect(codes(ignored)).not.toContain('DL4000');
  }, 300_000);

  it('a run with the same command line and nothing changed prints the last one\'s output; a file changed in place is never missed', () => {
    const cache = fresh('cache');
    const dir = fresh('same');
    put(dir, { 'a/Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\n', 'b/Dockerfile': 'FROM alpine:3.20\nMAINTAINER me\n' });
    const old = new Date(Date.now() - 60_000);
    for (const f of ['a/Dockerfile', 'b/Dockerfile']) utimesSync(join(dir, f), old, old);
    const args = ['lint', '--no-shellcheck', '-f', 'json', 'a/Dockerfile', 'b/Dockerfile'];
    const first = dh(args, { cwd: dir, cache });
    expect(readdirSync(cache).filter((f) => f.startsWith('run-'))).toHaveLength(1);
    expect(dh(args, { cwd: dir, cache })).toEqual(first);
    // Served from that record: the per-file entries are not read (a damaged one goes unnoticed).
    for (const f of readdirSync(cache).filter((n) => n.startsWith('lint-'))) writeFileSync(join(cache, f), 'damaged');
    expect(dh(args, { cwd: dir, cache })).toEqual(first);
    // Same size, same modification time, other content: the change time gives it away.
    writeFileSync(join(dir, 'b/Dockerfile'), 'FROM alpine:3.20\nMAINTAINEE me\n');
    utimesSync(join(dir, 'b/Dockerfile'), old, old);
    const changed = dh(args, { cwd: dir, cache });
    expect(changed.stdout).not.toBe(first.stdout);
    expect(changed.stdout).toBe(dh([...args, '--no-cache'], { cwd: dir, cache }).stdout);
    // Another command line is another record.
    expect(dh(['lint', '--no-shellcheck', '-f', 'gnu', 'a/Dockerfile', 'b/Dockerfile'], { cwd: dir, cache }).stdout).toBe(
      dh(['lint', '--no-shellcheck', '-f', 'gnu', '--no-cache', 'a/Dockerfile', 'b/Dockerfile'], { cwd: dir, cache }).stdout,
    );
  }, 300_000);

  it('json, one file changed: the files the run record vouches for are printed unread, from its output or from their entries; any other change still reads them', () => {
    const cache = fresh('cache');
    const dir = fresh('vouched');
    put(dir, {
      'a/Dockerfile': 'FROM alpine:3.20\nCOPY app.sh /usr/local/bin/\n',
      'a/app.sh': 'echo hi\n',
      'b/Dockerfile': 'FROM alpine:3.20\nMAINTAINER me\n',
      'c/Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\n',
    });
    const names = ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile'];
    const old = new Date(Date.now() - 60_000);
    const age = () => names.forEach((f) => utimesSync(join(dir, f), old, old));
    age();
    // Which Dockerfiles the run reads: a preloaded script logs every readFileSync of one.
    const log = join(dir, 'reads.log');
    const hook = join(dir, 'reads.cjs');
    writeFileSync(hook, `const fs = require('node:fs');
const real = fs.readFileSync;
fs.readFileSync = function (p, ...rest) {
  if (typeof p === 'string' && p.endsWith('Dockerfile')) fs.appendFileSync(${JSON.stringify(log)}, p + '\\n');
  return real.call(this, p, ...rest);
};
`);
    const run = (format = 'json') => {
      rmSync(log, { force: true });
      // DOCKHAND_DEBUG: no V8 code cache, which the preload flag would key a new one on.
      const r = dh(['lint', '--no-shellcheck', '-f', format, ...names], { cwd: dir, cache, env: { NODE_OPTIONS: `--require ${hook}`, DOCKHAND_DEBUG: '1' } });
      const read = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((p) => p.slice(dir.length + 1)).sort() : [];
      expect(r.stdout).toBe(dh(['lint', '--no-shellcheck', '-f', format, '--no-cache', ...names], { cwd: dir, cache }).stdout);
      return { ...r, read };
    };
    const edit = (f: string, text: string) => {
      writeFileSync(join(dir, f), text);
      utimesSync(join(dir, f), old, old); // the change time still gives it away
    };
    const first = run();
    expect(first.read).toEqual(names);
    // One file changed: only it is read.
    edit('c/Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');
    const second = run();
    expect(second.read).toEqual(['c/Dockerfile']);
    expect(second.stdout).not.toBe(first.stdout);
    // What a file's entry depends on besides its bytes changed (a COPY source gone): that file is
    // read and linted again, beside the one that changed.
    rmSync(join(dir, 'a/app.sh'));
    edit('b/Dockerfile', 'FROM alpine:3.20\nMAINTAINER you\n');
    const third = run();
    expect(third.read).toEqual(['a/Dockerfile', 'b/Dockerfile']);
    expect(JSON.parse(third.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).toContain('DH003');
    // The record's output damaged (its header sound): the note says so, and the entries serve.
    const runRecord = () => join(cache, readdirSync(cache).find((n) => n.startsWith('run-'))!);
    const damaged = readFileSync(runRecord());
    damaged[damaged.length - damaged.readUInt32LE(12) - 3] ^= 1; // in the output, before the JSON part
    writeFileSync(runRecord(), damaged);
    edit('c/Dockerfile', 'FROM alpine:3.20\nRUN apk add curl\n');
    const fromEntries = run();
    expect(fromEntries.read).toEqual(['c/Dockerfile']);
    expect(fromEntries.stderr).toMatch(/results cache file .*run-.*is damaged \(checksum mismatch\); ignored/);
    // The entries gone: the unchanged files' elements of the record's output need none.
    const entries = () => readdirSync(cache).filter((n) => n.startsWith('lint-'));
    for (const f of entries()) rmSync(join(cache, f));
    edit('c/Dockerfile', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n');
    expect(run().read).toEqual(['c/Dockerfile']);
    // Neither the record nor the entries: every file is read.
    for (const f of entries()) rmSync(join(cache, f));
    rmSync(runRecord());
    edit('c/Dockerfile', 'FROM alpine:3.20\nRUN apk add curl\n');
    expect(run().read).toEqual(names);
    // Another format needs each file's text (its code frames): every file is read.
    run('stylish');
    edit('b/Dockerfile', 'FROM alpine:3.20\nMAINTAINER me\n');
    expect(run('stylish').read).toEqual(names);
  }, 300_000);

  it('a served run sees every change to what the context-aware rules read, in the context root or below it', () => {
    const cache = fresh('cache');
    const dir = fresh('served-ctx');
    put(dir, { Dockerfile: 'FROM alpine:3.20\nCOPY app.sh lib/a.js /usr/local/bin/\nCOPY . /src\n', 'app.sh': 'echo hi\n', 'lib/a.js': 'x\n' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'Dockerfile'), old, old);
    const args = ['lint', '--no-shellcheck', '-f', 'json', 'Dockerfile'];
    const uncached = () => dh([...args, '--no-cache'], { cwd: dir, cache });
    const twice = () => {
      const first = dh(args, { cwd: dir, cache });
      expect(first).toEqual(uncached());
      // The second run is served from the first one's record when nothing changed in between (the
      // files' entries, damaged, are not read), then the entries go: each change meets a cold cache.
      const entries = readdirSync(cache).filter((n) => n.startsWith('lint-'));
      for (const f of entries) writeFileSync(join(cache, f), 'damaged');
      expect(dh(args, { cwd: dir, cache })).toEqual(first);
      for (const f of entries) rmSync(join(cache, f));
      return first.stdout;
    };
    const start = twice();
    // A COPY source removed from the root, then one below it; a new top-level entry; a .dockerignore.
    rmSync(join(dir, 'app.sh'));
    const noApp = twice();
    expect(noApp).not.toBe(start);
    rmSync(join(dir, 'lib/a.js'));
    expect(twice()).not.toBe(noApp);
    put(dir, { 'app.sh': 'echo hi\n', 'lib/a.js': 'x\n' });
    expect(twice()).toBe(start);
    put(dir, { '.env': 'SECRET=1\n' });
    const leaked = twice();
    expect(leaked).not.toBe(start);
    put(dir, { '.dockerignore': '.env\n' });
    const ignored = twice();
    put(dir, { '.dockerignore': '.env\n*.sh\n' });
    expect(twice()).not.toBe(ignored);
  }, 300_000);

  it("hadolint's environment and a config file's warnings are never lost to a served run", () => {
    const cache = fresh('cache');
    const dir = fresh('env');
    put(dir, { Dockerfile: 'FROM alpine:3.20\nMAINTAINER me\nRUN apk add curl\n' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'Dockerfile'), old, old);
    const args = ['lint', '--no-shellcheck', '-f', 'json', 'Dockerfile'];
    const plain = dh(args, { cwd: dir, cache });
    expect(dh(args, { cwd: dir, cache })).toEqual(plain);
    // HADOLINT_IGNORE changes the findings: the same command line must not replay the last output.
    const ignoring = dh(args, { cwd: dir, cache, env: { HADOLINT_IGNORE: 'DL4000' } });
    expect(ignoring.stdout).not.toBe(plain.stdout);
    expect(ignoring).toEqual(dh([...args, '--no-cache'], { cwd: dir, cache, env: { HADOLINT_IGNORE: 'DL4000' } }));
    expect(dh(args, { cwd: dir, cache, env: { HADOLINT_IGNORE: 'DL4000' } })).toEqual(ignoring);
    // HADOLINT_VERBOSE asks for the verbose lines, which a served run would not print.
    expect(dh(args, { cwd: dir, cache, env: { HADOLINT_VERBOSE: 'true' } }).stderr).toMatch(/results cache/);
    // A config file's warning is printed on every run, the second one too.
    put(dir, { '.hadolint.yaml': 'override:\n  loud:\n    - DL3018\n' });
    utimesSync(join(dir, '.hadolint.yaml'), old, old);
    const warned = dh(args, { cwd: dir, cache });
    expect(warned.stderr).toMatch(/warning/);
    expect(dh(args, { cwd: dir, cache })).toEqual(warned);
  }, 300_000);

  it('the order of overrides in a config file is part of the key (the later one of two for a rule wins)', () => {
    const cache = fresh('cache');
    const dir = fresh('order');
    put(dir, { Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', '.hadolint.yaml': 'override:\n  error: [DL3018]\n  info: [pin-apk-versions]\n' });
    const args = ['lint', '--no-shellcheck', '-f', 'gnu', 'Dockerfile'];
    const first = dh(args, { cwd: dir, cache });
    expect(first).toEqual(dh([...args, '--no-cache'], { cwd: dir, cache }));
    put(dir, { '.hadolint.yaml': 'override:\n  info: [pin-apk-versions]\n  error: [DL3018]\n' });
    expect(dh(args, { cwd: dir, cache })).toEqual(dh([...args, '--no-cache'], { cwd: dir, cache }));
  }, 300_000);

  it('--fix always lints (a cached result never stands in for fixing)', () => {
    const cache = fresh('cache');
    const dir = fresh('fix');
    put(dir, { Dockerfile: 'from alpine:3.20\nENV A 1\n' });
    const before = dh(['lint', '--no-shellcheck', '-f', 'json'], { cwd: dir, cache });
    expect(before.code).toBe(1);
    dh(['lint', '--no-shellcheck', '-f', 'json'], { cwd: dir, cache });
    const fixed = dh(['lint', '--no-shellcheck', '--fix', '-V'], { cwd: dir, cache });
    expect(fixed.stderr).toContain('Dockerfile: fixed');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM alpine:3.20\nENV A=1\n');
    // And the next plain run sees the fixed file, not the findings cached for the old one.
    const after = dh(['lint', '--no-shellcheck', '-f', 'json', '-V'], { cwd: dir, cache });
    expect(unchanged(after)).toBe(0);
    expect(after.stdout).toBe(dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache'], { cwd: dir, cache }).stdout);
  }, 300_000);

  it('a damaged or foreign cache file is ignored with a note on stderr; the output stays the same', () => {
    const cache = fresh('cache');
    const args = ['lint', '--no-shellcheck', '-f', 'json', '.'];
    const first = dh(args, { cwd: rules, cache });
    // The record of the whole run, damaged: noted, and the files' entries serve the run.
    const [run] = readdirSync(cache).filter((f) => f.startsWith('run-'));
    const record = readFileSync(join(cache, run!));
    record[record.length - 3] ^= 0x04;
    writeFileSync(join(cache, run!), record);
    const fromEntries = dh(args, { cwd: rules, cache });
    expect(fromEntries.stdout).toBe(first.stdout);
    expect(fromEntries.stderr).toBe(`dockhand: the results cache file ${join(cache, run!)} is damaged (checksum mismatch); ignored (it will be replaced)\n`);
    expect(dh(args, { cwd: rules, cache })).toEqual(first);
    // Now the files' entries, with the run's record out of the way.
    for (const f of readdirSync(cache).filter((n) => n.startsWith('run-'))) rmSync(join(cache, f));
    const shards = readdirSync(cache).filter((f) => f.endsWith('.bin')).sort();
    const damaged = readFileSync(join(cache, shards[0]!));
    damaged[damaged.length - 5] ^= 0x20;
    writeFileSync(join(cache, shards[0]!), damaged);
    writeFileSync(join(cache, shards[1]!), JSON.stringify({ some: 'other tool' }));
    const r = dh(args, { cwd: rules, cache });
    expect(r.code).toBe(first.code);
    expect(r.stdout).toBe(first.stdout);
    expect(r.stderr).toContain(`dockhand: the results cache file ${join(cache, shards[0]!)} is damaged (an entry does not match its checksum); ignored (it will be replaced)\n`);
    expect(r.stderr).toContain(`dockhand: the results cache file ${join(cache, shards[1]!)} is not a dockhand lint cache; ignored (it will be replaced)\n`);
    // Replaced: the next run has no complaint.
    expect(dh(args, { cwd: rules, cache })).toEqual(first);
  }, 300_000);

  it('concurrent runs sharing a cache never damage it and keep each other\'s entries', async () => {
    const cache = fresh('cache');
    const parts = readdirSync(rules).sort();
    const groups = Array.from({ length: 6 }, (_, i) => parts.filter((_, j) => j % 6 === i));
    const runs = groups.map((g) => new Promise<number | null>((done) => {
      const p = spawn(process.execPath, [bin, 'lint', '--no-shellcheck', '-f', 'json', '--jobs', '1', ...g], {
        cwd: rules,
        stdio: 'ignore',
        env: { ...process.env, DOCKHAND_CACHE_DIR: cache },
      });
      p.on('exit', (code) => done(code));
    }));
    const codes = await Promise.all(runs);
    expect(codes.every((c) => c === 0 || c === 1)).toBe(true);
    const all = dh(['lint', '--no-shellcheck', '-f', 'json', '-V', '.'], { cwd: rules, cache });
    expect(all.stderr).not.toMatch(/results cache file/);
    expect(unchanged(all)).toBe(Number(/: \d+ of (\d+) files unchanged/.exec(all.stderr)![1]));
    expect(all.stdout).toBe(dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache', '.'], { cwd: rules, cache }).stdout);
  }, 600_000);

  it('--jobs: the same output and exit code on worker threads as on one thread', () => {
    const cache = fresh('cache');
    const one = dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache', '--jobs', '1', '.'], { cwd: rules, cache });
    const two = dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache', '--jobs', '2', '-V', '.'], { cwd: rules, cache });
    // (Capped at one thread per CPU: a machine with one runs the pool nowhere.)
    if (availableParallelism() >= 2) expect(two.stderr).toMatch(/linting \d+ files on 2 threads/);
    expect({ ...two, stderr: '' }).toEqual({ ...one, stderr: '' });
    // Worker threads record build-context reads for the cache as the main thread does.
    const cold = dh(['lint', '--no-shellcheck', '-f', 'json', '--jobs', '3', '.'], { cwd: rules, cache });
    expect(cold).toEqual(one);
    const warm = dh(['lint', '--no-shellcheck', '-f', 'json', '--jobs', '1', '-V', '.'], { cwd: rules, cache });
    expect(warm.stdout).toBe(one.stdout);
    expect(warm.stderr).not.toMatch(/ 0 of /);
    const bad = dh(['lint', '--jobs', '0', '.'], { cwd: rules, cache });
    expect(bad).toMatchObject({ code: 2, stderr: "dockhand: invalid --jobs '0' (a whole number, 1 or more)\n" });
  }, 600_000);

  it('--jobs over the number of CPUs starts one thread per CPU at most (more only cost start-up and memory), with the same output', () => {
    const cache = fresh('cache');
    const cpus = availableParallelism();
    const one = dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache', '--jobs', '1', '.'], { cwd: rules, cache });
    const many = dh(['lint', '--no-shellcheck', '-f', 'json', '--no-cache', '--jobs', String(cpus + 1), '-V', '.'], { cwd: rules, cache });
    expect({ ...many, stderr: '' }).toEqual({ ...one, stderr: '' });
    expect(many.stderr).toContain(`dockhand: --jobs ${cpus + 1}: at most ${cpus} ${cpus === 1 ? 'thread' : 'threads'}, one per CPU\n`);
    if (cpus > 1) expect(many.stderr).toMatch(new RegExp(`linting \\d+ files on ${cpus} threads`));
  }, 600_000);

  it.skipIf(!corpusPresent('the corpus slice of the results cache test'))('over 200 corpus files: cache off, cold, warm and on worker threads print the same', () => {
    const cache = fresh('cache');
    const files = corpusNames().filter((_, i) => i % 19 === 0).slice(0, 200).map((n) => join(corpusDir, n));
    const args = ['lint', '--no-shellcheck', '-f', 'json', ...files];
    const off = dh([...args, '--no-cache', '--jobs', '1'], { cwd: repo, cache });
    expect(off.stdout.length).toBeGreaterThan(1000);
    expect(dh([...args, '--jobs', '2'], { cwd: repo, cache })).toEqual(off);
    expect(dh([...args, '--jobs', '1'], { cwd: repo, cache })).toEqual(off);
    expect(dh([...args, '--no-cache', '--jobs', '2'], { cwd: repo, cache })).toEqual(off);
  }, 900_000);

  describe.skipIf(!hasShellcheck)('ShellCheck', () => {
    /** A `shellcheck` on a PATH of its own that logs each script it is given, then runs the real one. */
    function wrapper(): { path: string; log: string; env: NodeJS.ProcessEnv } {
      const dir = fresh('scbin');
      const log = join(dir, 'log');
      const real = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
      const path = join(dir, 'shellcheck');
      writeFileSync(path, `#!/bin/sh\nfor a in "$@"; do case "$a" in *.sh) echo "$a" >> "${log}";; esac; done\nexec "${real}" "$@"\n`);
      chmodSync(path, 0o755);
      writeFileSync(log, '');
      return { path, log, env: { PATH: `${dir}:${process.env.PATH}` } };
    }
    const scripts = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;

    it('checks each script once: an unchanged file spawns nothing, an edited one only its changed script', () => {
      const cache = fresh('cache');
      const sc = wrapper();
      const dir = fresh('sc');
      put(dir, { Dockerfile: 'FROM alpine:3.20\nRUN echo $HOME\nRUN cd /tmp && ls $x\nRUN echo done\n' });
      const lint = () => dh(['lint', '-f', 'json'], { cwd: dir, cache, env: sc.env });
      const first = lint();
      expect(first.stdout).toContain('SC2086');
      expect(scripts(sc.log)).toBe(3);
      expect(lint()).toEqual(first);
      expect(scripts(sc.log)).toBe(3);
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo $HOME\nRUN cd /tmp && ls "$x"\nRUN echo done\n');
      const edited = lint();
      expect(scripts(sc.log)).toBe(4);
      expect(edited.stdout).toBe(dh(['lint', '-f', 'json', '--no-cache'], { cwd: dir, cache, env: sc.env }).stdout);
      // A different ShellCheck binary (here: the same file, modified) invalidates its findings.
      utimesSync(sc.path, new Date(), new Date(Date.now() + 5000));
      expect(lint()).toEqual(edited);
      expect(scripts(sc.log)).toBeGreaterThan(4 + 3);
    });

    it('SHELLCHECK_OPTS is part of what its findings depend on', () => {
      const cache = fresh('cache');
      const dir = fresh('scopts');
      put(dir, { Dockerfile: 'FROM alpine:3.20\nRUN echo $FOO\n' });
      const plain = dh(['lint', '-f', 'gnu', 'Dockerfile'], { cwd: dir, cache });
      expect(plain.stdout).toContain('SC2086');
      const env = { SHELLCHECK_OPTS: '--exclude=SC2086' };
      const excluded = dh(['lint', '-f', 'gnu', 'Dockerfile'], { cwd: dir, cache, env });
      expect(excluded).toEqual(dh(['lint', '-f', 'gnu', '--no-cache', 'Dockerfile'], { cwd: dir, cache, env }));
      expect(excluded.stdout).not.toContain('SC2086');
    });
  });

  it('a missing ShellCheck is noted on cached runs as on uncached ones', () => {
    const cache = fresh('cache');
    const dir = fresh('nosc');
    put(dir, { Dockerfile: 'FROM alpine:3.20\nRUN echo hi\n' });
    // A PATH with nothing on it (node is started by its full path).
    const env = { PATH: fresh('emptypath') };
    const cold = dh(['lint'], { cwd: dir, cache, env });
    expect(cold.stdout).toContain('ShellCheck findings were skipped: shellcheck not found on the PATH');
    expect(dh(['lint'], { cwd: dir, cache, env })).toEqual(cold);
  });
});
