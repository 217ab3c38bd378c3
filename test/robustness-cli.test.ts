// Robustness of the CLI in-process (run(argv, io)): bad Dockerfiles, missing and odd paths, stdin,
// broken config and .dockerignore, bad options, and the shape of every output format.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured, type Ran } from './cli-io.js';
import { MAX_DOCKERFILE_BYTES, MAX_DOCKERFILE_LINES } from '../src/core/limits.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/robustness');
let tmp: string;

/** Runs dockhand in-process with captured streams, no TTY, and an isolated HOME and cache. */
function dh(argv: string[], opts: { cwd?: string; stdin?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return runCaptured(argv, { cwd: opts.cwd ?? tmp, stdin: opts.stdin, env: { HOME: tmp, XDG_CACHE_HOME: join(tmp, '.cache'), ...opts.env } });
}

/** Every run: no stack trace, and stderr (when not empty) is whole lines. */
function sane(r: Ran): Ran {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  if (r.stderr) expect(r.stderr.endsWith('\n')).toBe(true);
  return r;
}

/** A usage or I/O failure: exit 2, nothing on stdout, exactly one `dockhand: ...` line on stderr. */
function failsWith(r: Ran, message: string | RegExp): void {
  sane(r);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const first = r.stderr.split('\n')[0]!;
  expect(first.startsWith('dockhand: ')).toBe(true);
  if (typeof message === 'string') expect(first).toBe(`dockhand: ${message}`);
  else expect(first).toMatch(message);
}

/** Writes a file under the temp dir (creating folders) and returns its absolute path. */
function put(rel: string, content: string | Buffer): string {
  const p = join(tmp, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

const LINT = ['lint', '--no-shellcheck'];
const json = (r: Ran) => JSON.parse(r.stdout);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dockhand-robust-'));
  put('empty', '');
  put('comments', '# only a comment\n# and another\n');
  put('nonl', 'FROM alpine:3.20\nRUN echo hi');
  put('lf', 'FROM alpine\nRUN apt-get install curl\nfrom alpine:3 as Two\n');
  put('crlf', 'FROM alpine\r\nRUN apt-get install curl\r\nfrom alpine:3 as Two\r\n');
  put('bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM alpine\nRUN apt-get install curl\nfrom alpine:3 as Two\n')]));
  put('badutf8', Buffer.concat([Buffer.from('FROM alpine:3.20\nRUN echo '), Buffer.from([0xff, 0xfe]), Buffer.from(' bad\n')]));
  put('png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0]));
  put('nul.Dockerfile', 'FROM alpine:3.20\nRUN echo \0\n');
  put('longline', `FROM alpine:3.20\nRUN echo ${'a'.repeat(70_000)}\n`);
  put('syntax', 'FROM alpine:3.20\nRUN echo hi\nFOO bar\nCOPY\n');
  put('good/Dockerfile', 'FROM alpine:3.20\nRUN echo hi\n');
  mkdirSync(join(tmp, 'emptydir'));
  symlinkSync('good/Dockerfile', join(tmp, 'link.Dockerfile'));
  symlinkSync('loop2', join(tmp, 'loop1'));
  symlinkSync('loop1', join(tmp, 'loop2'));
  symlinkSync('nowhere', join(tmp, 'dangling'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('lint: bad Dockerfiles', () => {
  it('an empty file is a syntax error on line 1, exit 1', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'empty']));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(json(r)).toEqual([{ file: 'empty', diagnostics: [{ code: 'syntax', severity: 'error', message: 'file with no instructions', line: 1, column: 1, endLine: 1, endColumn: 1 }] }]);
  });

  it('a file of comments only is the same syntax error', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'comments']));
    expect(r.code).toBe(1);
    expect(json(r)[0].diagnostics.map((d: { code: string; message: string }) => `${d.code}: ${d.message}`)).toEqual(['syntax: file with no instructions']);
  });

  it('no final newline is fine: clean file, exit 0, no output at all', async () => {
    const r = sane(await dh([...LINT, 'nonl']));
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('CRLF gives the same findings, at the same lines and columns, as plain LF', async () => {
    const lf = json(sane(await dh([...LINT, '-f', 'json', 'lf'])))[0].diagnostics;
    expect(lf.length).toBeGreaterThan(3);
    expect(lf.some((d: { code: string }) => d.code === 'syntax')).toBe(false);
    const r = sane(await dh([...LINT, '-f', 'json', 'crlf']));
    expect(r.code).toBe(1);
    const strip = (ds: { fix?: unknown }[]) => ds.map((d) => ({ ...d, fix: undefined }));
    expect(strip(json(r)[0].diagnostics)).toEqual(strip(lf));
  });

  it('a UTF-8 BOM gives the same findings on the same lines as plain LF (and the same columns after line 1)', async () => {
    const lf = json(sane(await dh([...LINT, '-f', 'json', 'lf'])))[0].diagnostics;
    const r = sane(await dh([...LINT, '-f', 'json', 'bom']));
    expect(r.code).toBe(1);
    const bom = json(r)[0].diagnostics;
    expect(bom.map((d: { code: string; line: number }) => `${d.code}@${d.line}`)).toEqual(lf.map((d: { code: string; line: number }) => `${d.code}@${d.line}`));
    const after1 = (ds: { line: number; fix?: unknown }[]) => ds.filter((d) => d.line > 1).map((d) => ({ ...d, fix: undefined }));
    expect(after1(bom)).toEqual(after1(lf));
  });

  it('finding 19: with a UTF-8 BOM, columns on line 1 match the BOM-less file', async () => {
    const lf = json(sane(await dh([...LINT, '-f', 'json', 'lf'])))[0].diagnostics;
    const bom = json(sane(await dh([...LINT, '-f', 'json', 'bom'])))[0].diagnostics;
    const cols = (ds: { line: number; column: number; endColumn: number; code: string }[]) => ds.map((d) => `${d.code}@${d.line}:${d.column}-${d.endColumn}`);
    expect(cols(bom)).toEqual(cols(lf));
  });

  it('invalid UTF-8 is decoded with U+FFFD and reported once, naming the byte and line', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'badutf8']));
    expect(r.code).toBe(1);
    const [d, ...rest] = json(r)[0].diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'invalid-utf8', severity: 'warning', line: 2, column: 1 });
    expect(d.message).toMatch(/^invalid UTF-8 \(byte 0xff at offset 26, line 2\)/);
  });

  it('a PNG renamed to a Dockerfile, or NUL bytes: "binary file", exit 2, nothing on stdout', async () => {
    failsWith(await dh([...LINT, 'png']), 'png: binary file, not a Dockerfile');
    failsWith(await dh([...LINT, 'nul.Dockerfile']), 'nul.Dockerfile: binary file, not a Dockerfile');
    // Machine formats still print a well-formed (empty) report.
    const r = sane(await dh([...LINT, '-f', 'json', 'png']));
    expect(r.code).toBe(2);
    expect(json(r)).toEqual([]);
  });

  it('a Dockerfile past the size limits: one line naming the file and the limit, exit 2, in every command that reads it', async () => {
    // Without the limit, a 64 MiB file ran a lint out of memory: V8's fatal error and a native stack.
    put('toolong.Dockerfile', 'FROM alpine:3.20\n' + 'RUN echo hi\n'.repeat(MAX_DOCKERFILE_LINES));
    put('toobig.Dockerfile', `FROM alpine:3.20\n# ${'x'.repeat(MAX_DOCKERFILE_BYTES)}\n`);
    const lines = `toolong.Dockerfile: too large to analyse: ${(MAX_DOCKERFILE_LINES + 1).toLocaleString('en-US')} lines (dockhand reads Dockerfiles of up to 200,000 lines)`;
    const file = 'toolong.Dockerfile';
    for (const argv of [[...LINT, file], [...LINT, '--no-cache', file], ['format', file], ['format', '--check', file], ['parse', file], ['plan', file], ['explain', file, '--changed', 'x']]) {
      failsWith(await dh(argv), lines);
    }
    failsWith(await dh([...LINT, 'toobig.Dockerfile']), 'toobig.Dockerfile: too large to analyse: 8.0 MiB (dockhand reads Dockerfiles of up to 8 MiB)');
    failsWith(await dh([...LINT, '-'], { stdin: readFileSync(join(tmp, 'toolong.Dockerfile')) }), lines.replace('toolong.Dockerfile', '-'));
    // Linting a directory skips such a file with a note, as it skips binary files.
    put('bigdir/Dockerfile', readFileSync(join(tmp, 'toolong.Dockerfile')));
    put('bigdir/small.Dockerfile', 'FROM alpine:3.20\n');
    const r = sane(await dh([...LINT, '-f', 'json', 'bigdir']));
    expect(r.stderr).toBe(`dockhand: skipped bigdir/${lines.replace('toolong.Dockerfile', 'Dockerfile')}\n`);
    expect(json(r).map((f: { file: string }) => f.file)).toEqual(['bigdir/small.Dockerfile']);
  });

  it('a 70,000-byte line: BuildKit\'s line-length error, and a code frame that stays short', async () => {
    const r = sane(await dh([...LINT, 'longline']));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}2:1 +error +dockerfile line greater than max allowed size of 65535 +syntax$/m);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThan(400);
  });

  it('CR-only line endings are one line, as in BuildKit (which splits on \\n only)', async () => {
    put('cronly', 'FROM alpine\rRUN echo hi\r');
    const r = sane(await dh([...LINT, '-f', 'gnu', 'cronly']));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cronly:1:6: error: FROM requires either one or three arguments [syntax]\n');
  });

  it('a file holding only a BOM is an empty Dockerfile', async () => {
    put('bomonly', Buffer.from([0xef, 0xbb, 0xbf]));
    const r = sane(await dh([...LINT, '-f', 'gnu', 'bomonly']));
    expect(r).toEqual({ code: 1, stdout: 'bomonly:1:1: error: file with no instructions [syntax]\n', stderr: '' });
  });

  it('a UTF-16 file (what PowerShell 5 writes by default) is named as such: lint and parse exit 2', async () => {
    put('utf16', Buffer.from('\uFEFFFROM alpine\n', 'utf16le'));
    failsWith(await dh([...LINT, 'utf16']), 'utf16: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)');
    failsWith(await dh(['parse', 'utf16']), 'utf16: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)');
  });

  it('UTF-16 without a byte-order mark is named as UTF-16 too, not as a binary file', async () => {
    put('utf16le-nobom', Buffer.from('FROM alpine\r\nRUN echo hi\r\n', 'utf16le'));
    put('utf16be-nobom', Buffer.from('FROM alpine\n', 'utf16le').swap16());
    for (const name of ['utf16le-nobom', 'utf16be-nobom']) {
      failsWith(await dh([...LINT, name]), `${name}: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)`);
      failsWith(await dh(['plan', name]), `${name}: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)`);
      failsWith(await dh(['format', name]), `${name}: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)`);
    }
    // NUL bytes in other places are still a binary file.
    failsWith(await dh([...LINT, 'nul.Dockerfile']), 'nul.Dockerfile: binary file, not a Dockerfile');
  });

  it('finding 26: plan names a UTF-16 Dockerfile as such too', async () => {
    failsWith(await dh(['plan', 'utf16']), 'utf16: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)');
  });

  it('exec-form JSON nested 2,000 deep: BuildKit\'s "strings only" error at the instruction, the rest still parsed', async () => {
    put('nested', `FROM alpine:3\nCMD ${'['.repeat(2000)}${']'.repeat(2000)}\nRUN apt-get install curl\n`);
    const r = sane(await dh([...LINT, '-f', 'json', 'nested']));
    const diags = json(r)[0].diagnostics.map((d: { code: string; line: number; column: number; message: string }) => `${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(diags).toContain('2:5 syntax when using JSON array syntax, arrays must be comprised of strings only');
    expect(diags.some((d: string) => d.startsWith('3:') && d.includes('DL3014'))).toBe(true);
  });

  it('an invalid # check= directive is a syntax error at its value, with BuildKit\'s message', async () => {
    const cases: [string, string][] = [
      ['check=bogus', 'invalid check option "bogus"'],
      ['check=foo=bar', 'invalid check option "foo"'],
      ['check=error=maybe', 'failed to parse check option "error=maybe"'],
    ];
    for (const [directive, message] of cases) {
      put('check/Dockerfile', `# ${directive}\nFROM alpine:3.20\n`);
      const r = sane(await dh([...LINT, '-f', 'gnu', 'check/Dockerfile']));
      expect(r, directive).toEqual({ code: 1, stdout: `check/Dockerfile:1:9: error: failed to parse check options: ${message} [syntax]\n`, stderr: '' });
    }
  });

  it.skipIf(spawnSync('shellcheck', ['--version']).status !== 0)('ShellCheck findings stay with their input when stdin is named like a file in the same run', async () => {
    put('scdup/Dockerfile', 'FROM alpine:3\nRUN echo ok\n');
    const r = sane(await dh(['lint', '-f', 'json', '--stdin-filename', 'Dockerfile', '-', 'Dockerfile'], { cwd: join(tmp, 'scdup'), stdin: 'FROM alpine:3\nRUN echo $undefined_var_x\n' }));
    const [fromStdin, fromFile] = json(r);
    expect(fromStdin.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(['SC2086', 'SC2154']);
    expect(fromFile.diagnostics).toEqual([]);
  });
  it('finding 22: exec-form JSON nested 5,000 deep keeps the error at the instruction; past 10,000 it is shell form, as in Go', async () => {
    put('nested5k', `FROM alpine:3\nCMD ${'['.repeat(5000)}${']'.repeat(5000)}\nRUN apt-get install curl\n`);
    const diags = json(sane(await dh([...LINT, '-f', 'json', 'nested5k'])))[0].diagnostics.map((d: { code: string; line: number; column: number; message: string }) => `${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(diags).toContain('2:5 syntax when using JSON array syntax, arrays must be comprised of strings only');
    expect(diags.some((d: string) => d.startsWith('3:') && d.includes('DL3014'))).toBe(true);
    put('nested11k', `FROM alpine:3\nCMD ${'['.repeat(11000)}${']'.repeat(11000)}\n`);
    const deep = json(sane(await dh([...LINT, '-f', 'json', 'nested11k'])))[0].diagnostics;
    expect(deep.some((d: { code: string }) => d.code === 'syntax')).toBe(false);
  });

  it('one bad file among good ones: the good ones are still reported, exit 2', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'good/Dockerfile', 'missing', 'png']));
    expect(r.code).toBe(2);
    expect(json(r)).toEqual([{ file: 'good/Dockerfile', diagnostics: [] }]);
    expect(r.stderr).toBe('dockhand: cannot read missing: no such file or directory\ndockhand: png: binary file, not a Dockerfile\n');
  });

  it('syntax errors name the file, line and column in every human format', async () => {
    const gnu = sane(await dh([...LINT, '-f', 'gnu', 'syntax']));
    expect(gnu.code).toBe(1);
    expect(gnu.stdout).toContain('syntax:3:1: error: unknown instruction: FOO (did you mean FROM?) [syntax]\n');
    const stylish = sane(await dh([...LINT, 'syntax']));
    expect(stylish.stdout.split('\n')[0]).toBe('syntax');
    expect(stylish.stdout).toMatch(/^ {2}3:1 +error +unknown instruction: FOO \(did you mean FROM\?\) +syntax$/m);
    expect(stylish.stdout).toContain('      3 | FOO bar\n');
    expect(stylish.stdout).toMatch(/✖ \d+ problems \(2 error/);
  });
});

describe('lint: paths', () => {
  it('a missing path: exit 2, one line naming it', async () => {
    failsWith(await dh([...LINT, 'nonexist']), 'cannot read nonexist: no such file or directory');
  });

  it('no argument, no ./Dockerfile and none below: says what it looked for', async () => {
    failsWith(
      await dh([...LINT], { cwd: join(tmp, 'emptydir') }),
      'no Dockerfile in the current directory or below (looked for Dockerfile, *.Dockerfile, Dockerfile.* and Containerfile; give a path)',
    );
  });

  it('a directory without Dockerfiles: exit 2, says so', async () => {
    failsWith(await dh([...LINT, 'emptydir']), 'no Dockerfile found in emptydir');
  });

  it('a glob that matches nothing: exit 2, names the glob', async () => {
    failsWith(await dh([...LINT, 'emptydir/*.Dockerfile']), 'no files match emptydir/*.Dockerfile');
  });

  it('a directory search skips a binary file that only looks like a Dockerfile (docs/Dockerfile.png)', async () => {
    put('ds/Dockerfile', 'FROM alpine:3.20\n');
    put('ds/docs/Dockerfile.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const r = sane(await dh([...LINT, '-f', 'json', 'ds']));
    expect(r.code).toBe(0);
    expect(json(r).map((f: { file: string }) => f.file)).toEqual(['ds/Dockerfile']);
  });

  it('a symlinked Dockerfile is linted under the name given', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'link.Dockerfile']));
    expect(r.code).toBe(0);
    expect(json(r)).toEqual([{ file: 'link.Dockerfile', diagnostics: [] }]);
  });

  it('a symlink loop and a dangling symlink: exit 2 with the reason', async () => {
    failsWith(await dh([...LINT, 'loop1']), 'cannot read loop1: too many levels of symbolic links');
    failsWith(await dh([...LINT, 'dangling']), 'cannot read dangling: no such file or directory');
  });

  it('weird file names (spaces, unicode, a leading dash given as ./-x) are read and shown as given', async () => {
    put('odd/my file ü.Dockerfile', 'FROM alpine\n');
    put('odd/-dash.Dockerfile', 'FROM alpine\n');
    const r = sane(await dh([...LINT, '-f', 'gnu', 'my file ü.Dockerfile', './-dash.Dockerfile'], { cwd: join(tmp, 'odd') }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'my file ü.Dockerfile:1:6: warning: Always tag the version of an image explicitly [DL3006]\n' +
        '-dash.Dockerfile:1:6: warning: Always tag the version of an image explicitly [DL3006]\n',
    );
  });

  it('everything after -- is a path, even with a leading dash', async () => {
    put('dash/-dash.Dockerfile', 'FROM alpine\n');
    const cwd = join(tmp, 'dash');
    const lint = sane(await dh([...LINT, '-f', 'gnu', '--', '-dash.Dockerfile'], { cwd }));
    expect(lint).toEqual({ code: 1, stdout: '-dash.Dockerfile:1:6: warning: Always tag the version of an image explicitly [DL3006]\n', stderr: '' });
    const parse = sane(await dh(['parse', '--format', 'buildkit', '--', '-dash.Dockerfile'], { cwd }));
    expect(parse).toEqual({ code: 0, stdout: '(from "alpine")\n', stderr: '' });
    const plan = sane(await dh(['plan', '--format', 'json', '--', '-dash.Dockerfile'], { cwd }));
    expect(plan.code).toBe(0);
    expect(json(plan).dockerfile).toBe('-dash.Dockerfile');
  });
  it('--ignore (and hadolint\'s --error/--warning/--info/--style) take one value each: the file after them is still a path', async () => {
    put('ign/x.Dockerfile', 'FROM alpine\nRUN apt-get install -y --no-install-recommends curl=8.5.0-2\n');
    const cwd = join(tmp, 'ign');
    const r = sane(await dh([...LINT, '-f', 'json', '--ignore', 'DL3006', 'x.Dockerfile'], { cwd }));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(json(r)).toEqual([{ file: 'x.Dockerfile', diagnostics: [] }]);
    const e = sane(await dh([...LINT, '-f', 'gnu', '--error', 'DL3006', 'x.Dockerfile'], { cwd }));
    expect(e.stdout).toBe('x.Dockerfile:1:6: error: Always tag the version of an image explicitly [DL3006]\n');
  });
});

describe('stdin', () => {
  it('lint - reads stdin and reports it as "-"', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', '-'], { stdin: 'FROM alpine\n' }));
    expect(r.code).toBe(1);
    expect(json(r)).toMatchObject([{ file: '-', diagnostics: [{ code: 'DL3006', line: 1, column: 6 }] }]);
  });

  it('--stdin-filename names stdin in the report', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', '--stdin-filename', 'sub/My.Dockerfile', '-'], { stdin: 'FROM alpine\n' }));
    expect(json(r)[0].file).toBe('sub/My.Dockerfile');
  });

  it('empty stdin is an empty Dockerfile (syntax error, exit 1), not a hang or a crash', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', '-'], { stdin: '' }));
    expect(r.code).toBe(1);
    expect(json(r)[0].diagnostics[0]).toMatchObject({ code: 'syntax', message: 'file with no instructions' });
  });

  it('binary stdin: exit 2, "-: binary file"', async () => {
    failsWith(await dh([...LINT, '-'], { stdin: Buffer.from([0x89, 0x50, 0, 1]) }), '-: binary file, not a Dockerfile');
  });

  it('lint --fix - prints the fixed text on stdout and the remaining findings on stderr', async () => {
    const r = sane(await dh([...LINT, '--fix', '-'], { stdin: 'FROM alpine:3\r\nRUN apt-get install curl\n' }));
    expect(r.stdout).toBe('FROM alpine:3\r\nRUN apt-get install -y curl\n');
    expect(r.stderr).toContain('DL3008');
    expect(r.code).toBe(1);
  });

  it('parse - names stdin <stdin> in its diagnostics', async () => {
    const r = sane(await dh(['parse', '-', '--format', 'buildkit'], { stdin: 'FROM alpine\nFOO x\n' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('(from "alpine")\n(foo "")\n');
    expect(r.stderr).toBe('<stdin>:2:1: error: unknown instruction: FOO (did you mean FROM?)\n');
  });

  it('plan - plans stdin with the current directory as context', async () => {
    const r = sane(await dh(['plan', '-', '--format', 'json'], { stdin: 'FROM alpine:3.20\nRUN echo hi\n', cwd: join(tmp, 'emptydir') }));
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ context: '.', stages: [{ index: 0, steps: [{ line: 2, instruction: 'RUN' }] }] });
  });
});

describe('parse: bad input', () => {
  it('CRLF, a BOM and no final newline dump exactly like plain LF', async () => {
    const dump = async (name: string) => sane(await dh(['parse', name, '--format', 'buildkit'])).stdout;
    const lf = await dump('lf');
    expect(lf).toBe('(from "alpine")\n(run "apt-get install curl")\n(from "alpine:3" "as" "Two")\n');
    expect(await dump('crlf')).toBe(lf);
    expect(await dump('bom')).toBe(lf);
    expect(await dump('nonl')).toBe('(from "alpine:3.20")\n(run "echo hi")\n');
  });

  it('invalid UTF-8: the dump goes on, a warning names the file, line and byte, exit 0', async () => {
    const r = sane(await dh(['parse', 'badutf8', '--format', 'buildkit']));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('(from "alpine:3.20")\n(run "echo \uFFFD\uFFFD bad")\n');
    expect(r.stderr).toMatch(/^badutf8:2:1: warning: invalid UTF-8 \(byte 0xff at offset 26, line 2\)/);
  });

  it('an empty file: JSON AST with the syntax error, exit 1', async () => {
    const r = sane(await dh(['parse', 'empty']));
    expect(r.code).toBe(1);
    expect(json(r)).toMatchObject({ text: '', instructions: [], diagnostics: [{ code: 'syntax', message: 'file with no instructions' }] });
    expect(r.stderr).toBe('empty:1:1: error: file with no instructions\n');
  });

  it('a binary file does not crash: errors on stderr, exit 1', async () => {
    const r = sane(await dh(['parse', 'png', '--format', 'buildkit']));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^png:1:1: /);
  });

  it('a missing file, a directory, a symlink loop: exit 2, one line naming the path', async () => {
    failsWith(await dh(['parse', 'nonexist']), 'cannot read nonexist: no such file or directory');
    failsWith(await dh(['parse', 'emptydir']), 'cannot read emptydir: is a directory');
    failsWith(await dh(['parse', 'loop1']), /^dockhand: cannot read loop1: /);
  });

  it('no FILE: usage error', async () => {
    failsWith(await dh(['parse']), /^dockhand: /);
  });

  it('a second FILE is a usage error, not silently ignored', async () => {
    failsWith(await dh(['parse', 'good/Dockerfile', 'other']), 'Unknown argument: other');
  });
});

describe('config files', () => {
  const lintIn = async (dir: string, files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) put(`${dir}/${name}`, text);
    put(`${dir}/Dockerfile`, 'FROM alpine\n');
    return dh([...LINT, `${dir}/Dockerfile`]);
  };

  it('broken YAML in .hadolint.yaml: exit 2, one line with the file, line and column', async () => {
    failsWith(await lintIn('cfg-a', { '.hadolint.yaml': 'ignored: [DL3006\n' }), new RegExp(`^dockhand: invalid config ${tmp}/cfg-a/\\.hadolint\\.yaml:2:1: `));
  });

  it('a wrongly typed key: exit 2, names the key', async () => {
    failsWith(await lintIn('cfg-b', { '.hadolint.yaml': 'ignored: DL3006\n' }), `invalid config ${tmp}/cfg-b/.hadolint.yaml:1:10: 'ignored' must be a list`);
  });

  it('a .dockhand.yaml that is binary or a plain string: exit 2, "must be a mapping"', async () => {
    failsWith(await lintIn('cfg-c', { '.dockhand.yaml': '\u0001\u0002' }), `invalid config ${tmp}/cfg-c/.dockhand.yaml:1:1: the config must be a mapping of keys to values`);
    failsWith(await lintIn('cfg-d', { '.dockhand.yaml': 'just a string\n' }), `invalid config ${tmp}/cfg-d/.dockhand.yaml:1:1: the config must be a mapping of keys to values`);
  });

  it('a config in UTF-16, or with NUL bytes (an executable saved under its name): exit 2, says which, not a YAML error its bytes happen to make', async () => {
    put('cfg-u16/.hadolint.yaml', Buffer.from('\uFEFFignored: [DL3006]\n', 'utf16le'));
    failsWith(await lintIn('cfg-u16', {}), `invalid config ${tmp}/cfg-u16/.hadolint.yaml: UTF-16 text; YAML config files are read as UTF-8 (re-save it as UTF-8)`);
    put('cfg-bin/.dockhand.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x0a, 0x3a, 0x3a, 0x0a]));
    failsWith(await lintIn('cfg-bin', {}), `invalid config ${tmp}/cfg-bin/.dockhand.yaml: a binary file, not YAML`);
  });

  it('an unknown key is an error in .dockhand.yaml and ignored in .hadolint.yaml (as hadolint does)', async () => {
    failsWith(await lintIn('cfg-e', { '.dockhand.yaml': 'bogus: 1\n' }), /unknown key 'bogus'/);
    const r = sane(await lintIn('cfg-f', { '.hadolint.yaml': 'bogus: 1\nignored: [DL3006]\n' }));
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('an empty config file is no config', async () => {
    const r = sane(await lintIn('cfg-g', { '.dockhand.yaml': '' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DL3006');
  });

  it('a directory named .dockhand.yaml is not a config', async () => {
    mkdirSync(join(tmp, 'cfg-h/.dockhand.yaml'), { recursive: true });
    const r = sane(await lintIn('cfg-h', {}));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('--config that does not exist or is a directory: exit 2, names it', async () => {
    failsWith(await dh([...LINT, '--config', 'nope.yaml', 'good/Dockerfile']), `cannot read config ${tmp}/nope.yaml: no such file or directory`);
    failsWith(await dh([...LINT, '--config', 'emptydir', 'good/Dockerfile']), `cannot read config ${tmp}/emptydir: is a directory`);
  });
});

describe('.dockerignore with an invalid pattern', () => {
  beforeAll(() => {
    put('badig/Dockerfile', 'FROM alpine:3.20\nCOPY . /app\n');
    put('badig/.dockerignore', 'ok\n[\n');
  });

  it('plan, explain and context: exit 2, the file and line named', async () => {
    failsWith(await dh(['plan', 'badig/Dockerfile']), 'badig/.dockerignore: line 2: syntax error in pattern "["');
    failsWith(await dh(['explain', 'badig/Dockerfile', '--changed', 'x']), 'badig/.dockerignore: line 2: syntax error in pattern "["');
    failsWith(await dh(['context', 'badig']), `${tmp}/badig/.dockerignore: line 2: syntax error in pattern "["`);
  });

  it('a .dockerignore that is a directory or a symlink loop: plan, context and lint exit 2 naming it, never "without a .dockerignore"', async () => {
    put('igdir/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    mkdirSync(join(tmp, 'igdir/.dockerignore'));
    put('igloop/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    symlinkSync('.dockerignore', join(tmp, 'igloop/.dockerignore'));
    for (const [dir, reason] of [['igdir', 'is a directory'], ['igloop', 'too many levels of symbolic links']]) {
      failsWith(await dh([...LINT, '-f', 'gnu', `${dir}/Dockerfile`]), `${dir}/.dockerignore: cannot read: ${reason}`);
      failsWith(await dh(['plan', `${dir}/Dockerfile`]), `${dir}/.dockerignore: cannot read: ${reason}`);
      failsWith(await dh(['context', dir]), `${tmp}/${dir}/.dockerignore: cannot read: ${reason}`);
    }
  });

  it('lint: exit 2 with the same one line, and an empty report for that file', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'badig/Dockerfile']));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockhand: badig/.dockerignore: line 2: syntax error in pattern "["\n');
  });
});

describe('options', () => {
  it('unknown options: exit 2, nothing on stdout, one line', async () => {
    failsWith(await dh([...LINT, '--bogus', 'good/Dockerfile']), 'unknown option --bogus (see dockhand lint --help)');
    for (const cmd of [['parse', 'good/Dockerfile'], ['plan', 'good/Dockerfile'], ['context', 'emptydir'], ['rules'], ['explain', 'good/Dockerfile', '--changed', 'x']]) {
      failsWith(await dh([...cmd, '--bogus']), 'Unknown argument: bogus');
    }
  });

  it('an unknown command or none: exit 2', async () => {
    failsWith(await dh(['bogus']), 'Unknown argument: bogus');
    failsWith(await dh([]), 'Give a command: lint, parse, context, plan, explain, rules, format or lsp.');
  });

  it('an unknown --format, for every command: exit 2, nothing on stdout', async () => {
    failsWith(await dh([...LINT, '--format', 'xml', 'good/Dockerfile']), /^dockhand: unknown format 'xml' \(use stylish, json, sarif/);
    failsWith(await dh(['parse', 'good/Dockerfile', '--format', 'yaml']), 'unknown --format yaml (expected json or buildkit)');
    failsWith(await dh(['rules', '--format', 'yaml']), "unknown format 'yaml' (use text, json or markdown)");
    failsWith(await dh(['plan', 'good/Dockerfile', '--format', 'yaml']), /^dockhand: Invalid values: Argument: format, Given: "yaml"/);
    failsWith(await dh(['context', 'emptydir', '--format', 'yaml']), /^dockhand: Invalid values: Argument: format, Given: "yaml"/);
    failsWith(await dh(['explain', 'good/Dockerfile', '--changed', 'x', '--format', 'yaml']), /^dockhand: Invalid values: Argument: format, Given: "yaml"/);
  });

  it('bad option values: exit 2, the option named', async () => {
    failsWith(await dh([...LINT, '--failure-threshold', 'bogus', 'good/Dockerfile']), "invalid --failure-threshold 'bogus' (use error, warning, info, style or none)");
    failsWith(await dh(['plan', 'good/Dockerfile', '--platform', 'bogus']), '--platform bogus: expected os/arch[/variant], e.g. linux/arm64');
    failsWith(await dh(['plan', 'good/Dockerfile', '--build-arg', '=x']), '--build-arg =x: missing a name');
  });

  it('an unusable --context: one wording and exit 2 in lint, plan, explain and explain --watch (as context words its DIR)', async () => {
    const cases: [string, string][] = [
      ['nonexist', 'no such file or directory'],
      ['good/Dockerfile', 'not a directory'],
      ['good/Dockerfile/sub', 'not a directory'],
    ];
    for (const [ctx, reason] of cases) {
      for (const argv of [
        [...LINT, '--context', ctx, 'good/Dockerfile'],
        ['plan', 'good/Dockerfile', '--context', ctx],
        ['plan', '-', '--context', ctx],
        ['explain', 'good/Dockerfile', '--changed', 'x', '--context', ctx],
        ['explain', 'good/Dockerfile', '--watch', '--context', ctx],
      ]) {
        failsWith(await dh(argv, { stdin: 'FROM alpine:3.20\n' }), `--context ${ctx}: ${reason}`);
      }
      failsWith(await dh(['context', ctx]), `${ctx}: ${reason}`);
    }
    for (const argv of [[...LINT, '--context', '', 'good/Dockerfile'], ['plan', 'good/Dockerfile', '--context', ''], ['explain', 'good/Dockerfile', '--changed', 'x', '--context', '']]) {
      failsWith(await dh(argv), 'empty value given for --context');
    }
    failsWith(await dh(['context', '']), 'empty path given for DIR');
  });

  it('a switch given a value other than true or false is a usage error (yargs would read it as false: --fix=yes fixed nothing)', async () => {
    put('switch/Dockerfile', 'FROM alpine\nRUN apk add git\n');
    const file = 'switch/Dockerfile';
    const cases: [string[], string][] = [
      [[...LINT, '--color=maybe', file], '--color is a switch: give --color or --no-color, not --color=maybe'],
      [[...LINT, '--color=TRUE', file], '--color is a switch: give --color or --no-color, not --color=TRUE'],
      [[...LINT, '--fix=yes', file], '--fix is a switch: give --fix or --no-fix, not --fix=yes'],
      [[...LINT, '--cache=', file], '--cache is a switch: give --cache or --no-cache, not --cache='],
      [[...LINT, '--no-cache=x', file], '--cache is a switch: give --cache or --no-cache, not --no-cache=x'],
      [[...LINT, '--no-color=true', file], '--color is a switch: give --color or --no-color, not --no-color=true'],
      [[...LINT, '-V=1', file], '-V is a switch: give -V, not -V=1'],
      [['plan', '--outline=1', file], '--outline is a switch: give --outline or --no-outline, not --outline=1'],
      [['format', '--write=yes', file], '--write is a switch: give --write or --no-write, not --write=yes'],
      [['explain', '--pull=no', '--changed', 'x', file], '--pull is a switch: give --pull or --no-pull, not --pull=no'],
    ];
    for (const [argv, message] of cases) failsWith(await dh(argv), message);
    // Refused before anything ran: --fix=yes fixed nothing.
    expect(readFileSync(join(tmp, file), 'utf8')).toBe('FROM alpine\nRUN apk add git\n');
    // true and false are read as yargs reads them.
    expect(sane(await dh([...LINT, '--color=true', file])).stdout).toMatch(/\x1b\[/);
    expect(sane(await dh([...LINT, '--fix=false', '-f', 'gnu', file])).code).toBe(1);
    expect(readFileSync(join(tmp, file), 'utf8')).toBe('FROM alpine\nRUN apk add git\n');
  });

  it('an empty rule code (--ignore \'\', a trailing comma) is skipped with a warning, as a code naming no rule is', async () => {
    put('emptycode/Dockerfile', 'FROM alpine\n');
    const file = 'emptycode/Dockerfile';
    const r = sane(await dh([...LINT, '-f', 'gnu', '--ignore', '', '--ignore', 'DL3006,', '--error', ' ,DL3007', file]));
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe([
      "dockhand: warning: --ignore '': empty rule code (skipped)",
      "dockhand: warning: --ignore 'DL3006,': empty rule code (skipped)",
      "dockhand: warning: --error ' ,DL3007': empty rule code (skipped)",
      '',
    ].join('\n'));
    // Alone, it changes nothing else: the finding stays, exit 1.
    const alone = sane(await dh([...LINT, '-f', 'gnu', '--ignore', '', file]));
    expect(alone).toMatchObject({ code: 1, stderr: "dockhand: warning: --ignore '': empty rule code (skipped)\n" });
    expect(alone.stdout).toMatch(/DL3006/);
  });

  it("--trusted-registry '' is kept, as hadolint keeps it, with a warning: it matches no registry", async () => {
    put('emptyregistry/Dockerfile', 'FROM scratch AS base\nFROM base\nFROM alpine:3.19\n');
    const file = 'emptyregistry/Dockerfile';
    const r = sane(await dh([...LINT, '-f', 'gnu', '--trusted-registry', '', file]));
    expect(r.stderr).toBe("dockhand: warning: --trusted-registry '': an empty registry name matches no registry (alone, it makes DL3026 report every image a FROM pulls)\n");
    expect(r.stdout).toBe(`${file}:3:6: error: Use only an allowed registry in the FROM image [DL3026]\n`);
    expect(r.code).toBe(1);
    expect(sane(await dh([...LINT, '-f', 'gnu', '--trusted-registry', 'docker.io', file])).stderr).toBe('');
  });

  it('explain needs exactly one mode', async () => {
    const msg = 'explain needs exactly one of --baseline PLAN.json, --changed PATH.. or --since GIT-REV';
    failsWith(await dh(['explain', 'good/Dockerfile']), msg);
    failsWith(await dh(['explain', 'good/Dockerfile', '--changed', 'x', '--since', 'HEAD']), msg);
  });

  it('empty values: --target and --platform say what is wrong', async () => {
    failsWith(await dh(['plan', 'good/Dockerfile', '--target', '']), '--target needs a stage name');
    failsWith(await dh(['plan', 'good/Dockerfile', '--platform', '']), /^dockhand: --platform : expected os\/arch/);
  });

  it('a single-value option given twice: the last one wins, never an internal error', async () => {
    put('twice/Dockerfile', 'FROM alpine:3 AS a\nFROM a AS b\nFROM b AS c\n');
    const cwd = join(tmp, 'twice');
    const plan = sane(await dh(['plan', '--target', 'a', '--target', 'b', '--format', 'json'], { cwd }));
    expect(json(plan).target).toBe('b');
    const dot = sane(await dh(['plan', '--format', 'json', '--format', 'dot'], { cwd }));
    expect(dot.stdout).toMatch(/^digraph /);
    const ctx = sane(await dh(['plan', '--context', 'nonexist', '--context', '.', '--format', 'json'], { cwd }));
    expect(ctx.code).toBe(0);
    const lint = sane(await dh([...LINT, '-t', 'style', '-t', 'error', '-f', 'json', 'good/Dockerfile']));
    expect(lint.code).toBe(0);
    failsWith(await dh([...LINT, '--config', 'a.yaml', '--config', 'b.yaml', 'good/Dockerfile']), `cannot read config ${tmp}/b.yaml: no such file or directory`);
  });

  it('an empty Dockerfile path is a usage error, not stdin', async () => {
    failsWith(await dh(['plan', '']), 'empty path given for the Dockerfile');
  });

  it('lint: an empty path or option value is a usage error', async () => {
    failsWith(await dh([...LINT, '--stdin-filename', '', '-'], { stdin: 'FROM alpine\n' }), 'empty value given for --stdin-filename');
  });

  it('-f is --format in every command', async () => {
    expect(json(sane(await dh(['plan', 'good/Dockerfile', '-f', 'json']))).dockerfile).toBe('good/Dockerfile');
    expect(json(sane(await dh(['context', 'emptydir', '-f', 'json']))).files).toEqual([]);
    expect(json(sane(await dh(['explain', 'good/Dockerfile', '--changed', 'x', '-f', 'json']))).summary).toEqual({ cached: 1, rebuild: 0 });
    expect(sane(await dh(['parse', 'good/Dockerfile', '-f', 'buildkit'])).stdout).toBe('(from "alpine:3.20")\n(run "echo hi")\n');
    expect(Array.isArray(json(sane(await dh(['rules', '-f', 'json']))))).toBe(true);
  });

  it('finding 29 (explain): an empty --baseline is a usage error', async () => {
    const r = await dh(['explain', 'Dockerfile', '--baseline', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty path/);
  });

  it('--build-arg takes one value, so the Dockerfile after it is still the Dockerfile', async () => {
    const r = sane(await dh(['plan', '--build-arg', 'A=1', 'good/Dockerfile', '--format', 'json'], { cwd: tmp }));
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ dockerfile: 'good/Dockerfile', buildArgs: { A: '1' } });
  });

  it('--help of every command: usage on stdout, exit 0, nothing on stderr', async () => {
    for (const cmd of ['lint', 'parse', 'context', 'plan', 'explain', 'rules']) {
      const r = sane(await dh([cmd, '--help']));
      expect(r.code, cmd).toBe(0);
      expect(r.stderr, cmd).toBe('');
      expect(r.stdout.split('\n')[0], cmd).toMatch(new RegExp(`^dockhand ${cmd}\\b`));
    }
    const top = sane(await dh(['--help']));
    expect(top.code).toBe(0);
    for (const cmd of ['lint', 'parse', 'context', 'plan', 'explain', 'rules']) expect(top.stdout).toContain(`dockhand ${cmd}`);
  });
});

describe('output formats', () => {
  beforeAll(() => {
    put('fmt/Dockerfile', 'FROM alpine\nFOO<&"%>\' x\nRUN apt-get install curl\n');
  });

  it('control characters from the Dockerfile are shown, not sent to the terminal, in human formats', async () => {
    put('ctl/Dockerfile', 'FROM alpine:3\nFOO\u0001\u001b[31mRED x\n');
    for (const f of ['stylish', 'gnu', 'github']) {
      const r = sane(await dh([...LINT, '-f', f, 'ctl/Dockerfile']));
      expect(r.stdout, f).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(r.stdout, f).toContain('FOO\u2401\u241b[31mRED');
    }
    const p = sane(await dh(['parse', 'ctl/Dockerfile']));
    expect(p.stderr).toBe('ctl/Dockerfile:2:1: error: unknown instruction: FOO\u2401\u241b[31mRED\n');
  });

  it('plan, explain, context and every dockhand: line show control characters too: from the Dockerfile, file names in the tree, a baseline\'s bytes', async () => {
    const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/;
    const clean = (r: Ran, what: string) => {
      expect(r.stdout, what).not.toMatch(controls);
      expect(r.stderr, what).not.toMatch(controls);
      return r;
    };
    put('ctl/Dockerfile', 'FROM alpine:3\nFOO\u0001\u001b[31mRED x\n');
    const plan = clean(sane(await dh(['plan', 'ctl/Dockerfile'])), 'plan');
    expect(plan.stderr).toBe('ctl/Dockerfile:2:1: error: unknown instruction: FOO\u2401\u241b[31mRED\ndockhand: ctl/Dockerfile: cannot plan a Dockerfile with syntax errors\n');
    const esc = 'x\u001b[2Jy.txt';
    put(`ctlctx/${esc}`, 'x\n');
    put('ctlctx/Dockerfile', 'FROM alpine:3\nCOPY *.txt /app/\n');
    const context = clean(sane(await dh(['context', 'ctlctx'])), 'context');
    expect(context.stdout).toContain('x\u241b[2Jy.txt');
    const explain = clean(sane(await dh(['explain', 'Dockerfile', '--changed', esc], { cwd: join(tmp, 'ctlctx') })), 'explain');
    expect(explain.stdout).toContain('x\u241b[2Jy.txt');
    clean(sane(await dh(['plan', 'Dockerfile'], { cwd: join(tmp, 'ctlctx') })), 'plan text');
    // A one-line error quoting a file's bytes (a JSON parser's message) or naming a file.
    put('plans/binary.json', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x1b, 0x5b, 0x32, 0x4a]));
    clean(await dh(['explain', 'good/Dockerfile', '--baseline', 'plans/binary.json']), 'baseline');
    failsWith(clean(await dh([...LINT, esc]), 'lint'), 'no files match x\u241b[2Jy.txt');
  });

  it('plan and explain refuse a binary or UTF-16 Dockerfile on stdin as they refuse one on disk', async () => {
    const png = readFileSync(join(tmp, 'png'));
    failsWith(await dh(['plan', '-'], { stdin: png }), '<stdin>: binary file, not a Dockerfile');
    failsWith(await dh(['explain', '-', '--changed', 'x'], { stdin: png }), '<stdin>: binary file, not a Dockerfile');
    failsWith(await dh(['plan', '-'], { stdin: Buffer.from('\uFEFFFROM alpine\n', 'utf16le') }), '<stdin>: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)');
  });

  it('lint: every format is well-formed, even with <&"\'% in a message', async () => {
    const out: Record<string, string> = {};
    for (const f of ['stylish', 'json', 'sarif', 'checkstyle', 'codeclimate', 'gitlab', 'gnu', 'github']) {
      const r = sane(await dh([...LINT, '-f', f, 'fmt/Dockerfile']));
      expect(r.code, f).toBe(1);
      expect(r.stderr, f).toBe('');
      out[f] = r.stdout;
    }
    for (const f of ['json', 'sarif', 'gitlab']) expect(() => JSON.parse(out[f]!), f).not.toThrow();
    // Code Climate's engine format: one JSON document per issue, each NUL-terminated.
    expect(out.codeclimate!.endsWith('\0')).toBe(true);
    const issues = out.codeclimate!.slice(0, -1).split('\0').map((x) => JSON.parse(x));
    expect(issues.map((i: { check_name: string }) => i.check_name)).toContain('syntax');
    const sarif = JSON.parse(out.sarif!);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('syntax');
    expect(out.checkstyle).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<checkstyle version="4\.3">\n<file name="fmt\/Dockerfile">\n/);
    expect(out.checkstyle).toContain('message="unknown instruction: FOO&lt;&amp;&quot;%&gt;&apos;"');
    expect(out.checkstyle.trimEnd().endsWith('</checkstyle>')).toBe(true);
    expect(out.github).toContain('::error file=fmt/Dockerfile,line=2,col=1,endLine=2,endColumn=10,title=syntax::unknown instruction: FOO<&"%25>\'\n');
    expect(out.gnu).toContain('fmt/Dockerfile:2:1: error: unknown instruction: FOO<&"%>\' [syntax]\n');
    for (const line of out.gnu!.trimEnd().split('\n')) expect(line).toMatch(/^fmt\/Dockerfile:\d+:\d+: (error|warning|info|style): .+ \[[\w-]+\]$/);
    // No colour without a TTY.
    for (const [f, text] of Object.entries(out)) expect(text, f).not.toMatch(/\x1b\[/);
  });

  it('lint: when no file could be read, machine formats still print a well-formed empty report (exit 2)', async () => {
    const out = async (f: string) => {
      const r = sane(await dh([...LINT, '-f', f, 'missing']));
      expect(r.code, f).toBe(2);
      expect(r.stderr, f).toBe('dockhand: cannot read missing: no such file or directory\n');
      return r.stdout;
    };
    expect(JSON.parse(await out('json'))).toEqual([]);
    expect(JSON.parse(await out('gitlab'))).toEqual([]);
    expect(JSON.parse(await out('sarif')).runs[0].results).toEqual([]);
    expect(await out('checkstyle')).toBe('<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n');
    for (const f of ['stylish', 'gnu', 'github', 'codeclimate']) expect(await out(f), f).toBe('');
  });

  it('lint --format json: the stable shape of design.md, fix edits included', async () => {
    const r = sane(await dh([...LINT, '-f', 'json', 'fmt/Dockerfile']));
    const [file] = json(r);
    expect(Object.keys(file)).toEqual(['file', 'diagnostics']);
    const keys = ['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'];
    for (const d of file.diagnostics) {
      expect(Object.keys(d).filter((k) => k !== 'fix')).toEqual(keys);
      if (d.fix) {
        expect(['safe', 'unsafe']).toContain(d.fix.safety);
        for (const e of d.fix.edits) expect(Object.keys(e)).toEqual(['line', 'column', 'endLine', 'endColumn', 'text']);
      }
    }
    expect(file.diagnostics.find((d: { code: string }) => d.code === 'DL3014').fix).toEqual({
      safety: 'safe',
      edits: [{ line: 3, column: 20, endLine: 3, endColumn: 20, text: ' -y' }],
    });
  });

  it('rules: json (design shape), markdown and text', async () => {
    const j = sane(await dh(['rules', '--format', 'json']));
    const rules = json(j);
    expect(rules.length).toBeGreaterThan(50);
    for (const r of rules) {
      expect(Object.keys(r)).toEqual(['code', 'aliases', 'severity', 'summary', 'fixable', 'origin', 'docs']);
      expect(['hadolint', 'buildkit', 'dockhand']).toContain(r.origin);
      expect(typeof r.fixable).toBe('boolean');
    }
    const md = sane(await dh(['rules', '--format', 'markdown']));
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^\|.*\|$/m);
    const text = sane(await dh(['rules']));
    expect(text.stdout).toMatch(new RegExp(`\\n${rules.length} rules\\n$`));
  });

  it('plan: json (design shape), dot, mermaid, svg, html, bake', async () => {
    const cwd = join(fixtures, 'app');
    const r = sane(await dh(['plan', '--format', 'json'], { cwd }));
    expect(r.code).toBe(0);
    const plan = json(r);
    expect(plan).toMatchObject({ dockerfile: 'Dockerfile', context: '.' });
    for (const s of plan.stages) {
      for (const k of ['index', 'name', 'base', 'reachable', 'dependsOn', 'steps']) expect(s).toHaveProperty(k);
      for (const step of s.steps) {
        for (const k of ['line', 'instruction', 'text', 'cacheKey', 'inputs']) expect(step).toHaveProperty(k);
        expect(step.cacheKey).toMatch(/^sha256:[0-9a-f]{64}$/);
      }
    }
    expect(plan.stages.map((s: { name: string | null }) => s.name)).toEqual(['deps', 'build', 'test', null]);
    expect(plan.stages[1].base).toEqual({ stage: 0 });
    expect(plan.stages[2].reachable).toBe(false);
    expect(plan.order).toEqual([[0], [1], [3]]);
    expect(plan.stages[0].steps.find((s: { instruction: string }) => s.instruction === 'COPY').inputs).toEqual(['package.json']);

    const out = async (f: string) => {
      const x = sane(await dh(['plan', '--format', f], { cwd }));
      expect(x.code, f).toBe(0);
      expect(x.stderr, f).toBe('');
      return x.stdout;
    };
    expect(await out('dot')).toMatch(/^digraph /);
    expect(await out('mermaid')).toMatch(/^flowchart /);
    expect(await out('svg')).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
    expect(await out('html')).toMatch(/<html[\s\S]*<\/html>\s*$/i);
    expect(JSON.parse(await out('bake'))).toMatchObject({ target: { image: { context: '.', dockerfile: 'Dockerfile' } } });
  });

  it('plan --format dot is valid Graphviz: every stage box shows its name and steps', async () => {
    const r = sane(await dh(['plan', '--format', 'dot'], { cwd: join(fixtures, 'app') }));
    const svg = (await Graphviz.load()).dot(r.stdout, 'svg');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const t of ['deps', 'build', 'test', '4: COPY package.json ./', '8: RUN echo build']) expect(texts).toContain(t);
  });

  it('plan --format dot escapes record syntax: a redirect, a pipe or braces keep the box label', async () => {
    put('dot/Dockerfile', 'FROM alpine:3 AS a\nRUN echo a > b | tr {a} <c\n');
    const r = sane(await dh(['plan', 'dot/Dockerfile', '--format', 'dot']));
    const svg = (await Graphviz.load()).dot(r.stdout, 'svg');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('a');
    expect(texts).toContain('2: RUN echo a &gt; b | tr {a} &lt;c');
  });

  it('context --format json: root, dockerignore, files sorted by path, totalBytes, excluded', async () => {
    const r = sane(await dh(['context', join(fixtures, 'app'), '--format', 'json']));
    expect(r.code).toBe(0);
    const c = json(r);
    expect(Object.keys(c)).toEqual(['root', 'dockerignore', 'files', 'totalBytes', 'excluded']);
    expect(c.dockerignore).toBe('.dockerignore');
    const paths = c.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('src/app.js');
    expect(paths).not.toContain('old.bak');
    expect(c.excluded).toBe(1);
    expect(c.totalBytes).toBe(c.files.reduce((n: number, f: { size: number }) => n + f.size, 0));
  });

  it('explain --format json: steps with status, reason and a cause for every rebuild; summary', async () => {
    const r = sane(await dh(['explain', '--changed', 'src/app.js', '--format', 'json'], { cwd: join(fixtures, 'app') }));
    expect(r.code).toBe(0);
    const ex = json(r);
    expect(ex.summary).toEqual({ cached: 3, rebuild: 2 });
    const rebuilt = ex.steps.filter((s: { status: string }) => s.status === 'rebuild');
    expect(rebuilt.map((s: { line: number; cause: { kind: string } }) => [s.line, s.cause.kind])).toEqual([[7, 'file'], [8, 'parent']]);
    for (const s of ex.steps) {
      for (const k of ['stage', 'line', 'instruction', 'status', 'reason']) expect(s).toHaveProperty(k);
    }
  });
});

describe('plan and explain: bad input', () => {
  it('syntax errors are printed like parse does; no plan; exit 1', async () => {
    const r = sane(await dh(['plan', 'syntax']));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'syntax:3:1: error: unknown instruction: FOO (did you mean FROM?)\n' +
        'syntax:4:1: error: COPY requires at least two arguments, but only one was provided. Destination could not be determined\n' +
        'dockhand: syntax: cannot plan a Dockerfile with syntax errors\n',
    );
    for (const name of ['empty', 'comments']) {
      const e = sane(await dh(['plan', name]));
      expect(e.code, name).toBe(1);
      expect(e.stderr, name).toContain(`dockhand: ${name}: cannot plan a Dockerfile with syntax errors\n`);
    }
  });

  it('a missing Dockerfile, a directory: exit 2, one line', async () => {
    failsWith(await dh(['plan', 'nonexist']), 'nonexist: no such file or directory');
    failsWith(await dh(['plan', 'emptydir']), /^dockhand: .*emptydir: is a directory/);
    failsWith(await dh(['explain', 'nonexist', '--changed', 'x']), 'nonexist: no such file or directory');
  });

  it('--target: unknown names list the stages; names match case-insensitively, as in BuildKit', async () => {
    put('stages/Dockerfile', 'FROM alpine:3 AS a\nFROM a AS b\nFROM b AS c\n');
    failsWith(await dh(['plan', 'stages/Dockerfile', '--target', 'nope']), 'target stage "nope" not found (stages: a, b, c)');
    const r = sane(await dh(['plan', 'stages/Dockerfile', '--target', 'B', '--format', 'json']));
    expect(r.code).toBe(0);
    expect(json(r).stages.map((s: { reachable: boolean }) => s.reachable)).toEqual([true, true, false]);
  });

  it('FROM naming a later stage (or itself) is an image, as in BuildKit', async () => {
    put('later/Dockerfile', 'FROM b AS a\nRUN echo a\nFROM alpine:3 AS b\nRUN echo b\n');
    const r = sane(await dh(['plan', 'later/Dockerfile', '--format', 'json']));
    expect(r.code).toBe(0);
    const plan = json(r);
    expect(plan.stages[0].base).toMatchObject({ image: 'b' });
    expect(plan.stages[0].reachable).toBe(false);
    put('self/Dockerfile', 'FROM a AS a\nRUN echo a\n');
    expect(json(sane(await dh(['plan', 'self/Dockerfile', '--format', 'json']))).stages[0].base).toMatchObject({ image: 'a' });
  });

  it('a build BuildKit would refuse is not planned: COPY --from a later stage, from itself, a blank or failing FROM', async () => {
    const cases: [string, string, string][] = [
      ['cyc', 'FROM alpine:3 AS a\nCOPY --from=b /x /x\nFROM alpine:3 AS b\nCOPY --from=a /y /y\n', 'cyc:2: error: cannot copy from stage "b", it needs to be defined before current stage "a"'],
      ['copyself', 'FROM alpine:3 AS a\nCOPY --from=a /x /x\n', 'copyself:2: error: circular dependency detected on stage: a'],
      ['blank', 'ARG X\nFROM ${X}\nRUN echo\n', 'blank:2: error: base name (${X}) should not be blank'],
      ['required', 'FROM ${NOPE:?required}\n', 'required:1: error: failed to process "${NOPE:?required}": NOPE: required'],
    ];
    for (const [name, text, error] of cases) {
      put(`refuse/${name}`, text);
      const r = sane(await dh(['plan', name], { cwd: join(tmp, 'refuse') }));
      expect(r.code, name).toBe(1);
      expect(r.stdout, name).toBe('');
      expect(r.stderr, name).toBe(`${error}\ndockhand: ${name}: cannot plan a build that would fail\n`);
    }
  });

  it('explain --since outside a git repository: exit 2, git\'s reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockhand-nogit-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n');
      failsWith(await dh(['explain', '--since', 'HEAD'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } }), /^dockhand: git rev-parse --show-toplevel: fatal: not a git repository/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explain --baseline: missing, a directory, not JSON, not a plan: exit 2 naming the file', async () => {
    put('plans/bad.json', '{bad');
    put('plans/arr.json', '[]');
    failsWith(await dh(['explain', 'good/Dockerfile', '--baseline', 'plans/none.json']), 'plans/none.json: no such file or directory');
    failsWith(await dh(['explain', 'good/Dockerfile', '--baseline', 'plans/bad.json']), /^dockhand: plans\/bad\.json: not a saved plan \(/);
    failsWith(await dh(['explain', 'good/Dockerfile', '--baseline', 'plans/arr.json']), 'plans/arr.json: not a plan saved by `dockhand plan --save`');
  });

  it('an invalid glob as a COPY or bind-mount source: the line and the pattern error, exit 1, no internal error', async () => {
    put('glob/copy', 'FROM alpine:3\nCOPY [abc /x/\n');
    put('glob/mount', 'FROM alpine:3\nRUN --mount=type=bind,source=[x,target=/x echo\n');
    const cwd = join(tmp, 'glob');
    const copy = sane(await dh(['plan', 'copy'], { cwd }));
    expect(copy).toEqual({ code: 1, stdout: '', stderr: 'copy:2: error: COPY source "[abc": syntax error in pattern: [abc\ndockhand: copy: cannot plan a build that would fail\n' });
    const mount = sane(await dh(['plan', 'mount'], { cwd }));
    expect(mount).toEqual({ code: 1, stdout: '', stderr: 'mount:2: error: RUN source "[x": syntax error in pattern: [x\ndockhand: mount: cannot plan a build that would fail\n' });
  });
  it('explain --since: a Dockerfile new since REV, unparsable or too large at REV, rebuilds every step (with a note)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockhand-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=qa@example.com', '-c', 'user.name=qa', ...args], { cwd: dir, stdio: 'pipe' });
    try {
      git('init', '-q');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3\nFOO\n');
      git('add', '.');
      git('commit', '-qm', 'broken');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3\nRUN echo\n');
      writeFileSync(join(dir, 'new.Dockerfile'), 'FROM alpine:3\nRUN echo\n');
      const broken = sane(await dh(['explain', '--since', 'HEAD', '--format', 'json'], { cwd: dir }));
      expect(json(broken).summary).toEqual({ cached: 0, rebuild: 1 });
      expect(broken.stderr).toBe('dockhand: note: HEAD:Dockerfile has syntax errors, so no build of it was cached; every step counts as new\n');
      const fresh = sane(await dh(['explain', 'new.Dockerfile', '--since', 'HEAD', '--format', 'json'], { cwd: dir }));
      expect(json(fresh).summary).toEqual({ cached: 0, rebuild: 1 });
      expect(fresh.stderr).toBe('dockhand: note: new.Dockerfile does not exist at HEAD; every step counts as new\n');
      // A version at REV too large to analyse is not parsed either.
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3\n' + 'RUN echo\n'.repeat(MAX_DOCKERFILE_LINES));
      git('commit', '-qam', 'huge');
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3\nRUN echo\n');
      const huge = sane(await dh(['explain', '--since', 'HEAD', '--format', 'json'], { cwd: dir }));
      expect(json(huge).summary).toEqual({ cached: 0, rebuild: 1 });
      expect(huge.stderr).toBe('dockhand: note: HEAD:Dockerfile is too large to analyse: 200,001 lines (dockhand reads Dockerfiles of up to 200,000 lines); every step counts as new\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('explain --baseline with JSON that only looks like a plan: "not a plan saved by ..."', async () => {
    put('plans/shape.json', '{"version":1,"stages":[{"index":0}]}');
    failsWith(await dh(['explain', 'good/Dockerfile', '--baseline', 'plans/shape.json']), 'plans/shape.json: not a plan saved by `dockhand plan --save`');
  });

  it('explain --changed accepts ./relative, absolute and dir/../ paths inside the context', async () => {
    const cwd = join(fixtures, 'app');
    const summary = async (p: string) => json(sane(await dh(['explain', '--changed', p, '--format', 'json'], { cwd }))).summary;
    expect(await summary('./src/app.js')).toEqual({ cached: 3, rebuild: 2 });
    expect(await summary(join(cwd, 'src/app.js'))).toEqual({ cached: 3, rebuild: 2 });
    expect(await summary('src/')).toEqual({ cached: 3, rebuild: 2 });
    expect(await summary('src/../package.json')).toEqual({ cached: 1, rebuild: 4 });
    // Excluded by .dockerignore: never sent, so it cannot matter.
    expect(await summary('old.bak')).toEqual({ cached: 5, rebuild: 0 });
  });

  it('explain --changed . (the context root) rebuilds every step that copies from the context', async () => {
    const r = sane(await dh(['explain', '--changed', '.', '--format', 'json'], { cwd: join(fixtures, 'app') }));
    expect(json(r).summary).toEqual({ cached: 1, rebuild: 4 });
  });

  it('explain --changed Dockerfile says on stderr that it cannot see Dockerfile edits', async () => {
    const r = sane(await dh(['explain', '--changed', 'Dockerfile', '--format', 'json'], { cwd: join(fixtures, 'app') }));
    expect(json(r).summary.rebuild).toBe(0);
    expect(r.stderr).toBe('dockhand: note: --changed cannot tell which lines of the Dockerfile changed; use --baseline or --since for edits to it\n');
  });

  it('explain --changed with a path outside the context changes nothing', async () => {
    const r = sane(await dh(['explain', '--changed', '/etc/hostname', '--format', 'json'], { cwd: join(fixtures, 'app') }));
    expect(r.code).toBe(0);
    expect(json(r).summary.rebuild).toBe(0);
  });

  it('plan --save never clobbers the Dockerfile being planned, nor a file that is not a saved plan', async () => {
    const df = put('save/Dockerfile', 'FROM alpine:3\n');
    const other = put('save/other.json', '{"x":1}\n');
    const cwd = join(tmp, 'save');
    failsWith(await dh(['plan', '--save', 'Dockerfile'], { cwd }), '--save Dockerfile would overwrite the Dockerfile being planned');
    failsWith(await dh(['plan', '--save', 'other.json'], { cwd }), '--save other.json: the file exists and is not a saved plan; refusing to overwrite it');
    expect(readFileSync(df, 'utf8')).toBe('FROM alpine:3\n');
    expect(readFileSync(other, 'utf8')).toBe('{"x":1}\n');
    // A plan saved earlier may be replaced.
    expect(sane(await dh(['plan', '--save', 'plan.json'], { cwd })).code).toBe(0);
    expect(sane(await dh(['plan', '--save', 'plan.json'], { cwd })).code).toBe(0);
  });

  it('plan refuses a FROM that is not an image reference after expansion', async () => {
    put('ref/Dockerfile', 'ARG V=3.19\nFROM alpine:${V}\n');
    const r = sane(await dh(['plan', '--build-arg', 'V=3.20 ; rm'], { cwd: join(tmp, 'ref') }));
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'Dockerfile:2: error: failed to parse stage name "alpine:3.20 ; rm": invalid reference format\ndockhand: Dockerfile: cannot plan a build that would fail\n' });
  });

  // Finding 37's last part asked to refuse `FROM UPPER/case`. distribution/reference (what BuildKit
  // parses FROM with) reads an upper-case first component as a registry host, so that reference is
  // valid (host UPPER, repository case); only an upper-case repository path is refused.
  it('plan reads FROM UPPER/case as a registry host, and refuses an upper-case repository path', async () => {
    put('upper/Dockerfile', 'FROM UPPER/case\n');
    const host = sane(await dh(['plan', '--format', 'json'], { cwd: join(tmp, 'upper') }));
    expect(host.code).toBe(0);
    expect(host.stdout).toContain('UPPER/case');
    // BuildKit names the repository path as distribution/reference reads it.
    for (const [ref, path] of [['Upper', 'library/Upper'], ['library/Upper:1.0', 'library/Upper'], ['ghcr.io/Owner/app', 'Owner/app'], ['docker.io/Upper', 'library/Upper']]) {
      put('upper/Dockerfile', `FROM ${ref}\n`);
      const r = sane(await dh(['plan'], { cwd: join(tmp, 'upper') }));
      expect(r, ref).toEqual({
        code: 1,
        stdout: '',
        stderr: `Dockerfile:1: error: failed to parse stage name "${ref}": invalid reference format: repository name (${path}) must be lowercase\ndockhand: Dockerfile: cannot plan a build that would fail\n`,
      });
    }
  });

  it('plan warns about --build-arg values no ARG consumes, as BuildKit does', async () => {
    const r = sane(await dh(['plan', 'good/Dockerfile', '--build-arg', 'UNUSED=1', '--format', 'json']));
    expect(json(r).warnings).toEqual(['One or more build-args [UNUSED] were not consumed']);
  });

  it('explain --baseline of another Dockerfile\'s plan: a note says so', async () => {
    const cwd = join(tmp, 'save');
    put('save/Other.Dockerfile', 'FROM alpine:3.20\nRUN echo other\n');
    const r = sane(await dh(['explain', 'Other.Dockerfile', '--baseline', 'plan.json', '--format', 'json'], { cwd }));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('dockhand: note: plan.json holds a plan of Dockerfile, not Other.Dockerfile\n');
  });
  it('finding 40: plan warns (in plan.warnings, off a TTY too) about context files it cannot send', async () => {
    const dir = join(tmp, 'badname');
    put('badname/Dockerfile', 'FROM alpine:3.20\nCOPY . /app\n');
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x66, 0xff, 0x2e, 0x74, 0x78, 0x74])]), 'x\n');
    const r = sane(await dh(['plan', 'badname/Dockerfile', '--format', 'json']));
    expect(r.code).toBe(0);
    expect(json(r).warnings.join('\n')).toMatch(/context: skipped .* the file name is not valid UTF-8/);
  });

  it('plan --save to a missing directory: exit 2, nothing written to stdout', async () => {
    failsWith(await dh(['plan', 'good/Dockerfile', '--save', 'no/such/dir/p.json']), /^dockhand: no\/such\/dir\/p\.json: cannot write the plan/);
  });
});

describe('context: odd trees', () => {
  it('a context of 0 files: exit 0, nothing sent', async () => {
    const r = sane(await dh(['context', 'emptydir', '--format', 'json']));
    expect(r.code).toBe(0);
    expect(json(r)).toEqual({ root: join(tmp, 'emptydir'), dockerignore: null, files: [], totalBytes: 0, excluded: 0 });
  });

  it('a missing directory or a file: exit 2, one line', async () => {
    failsWith(await dh(['context', 'nonexist']), 'nonexist: no such file or directory');
    failsWith(await dh(['context', 'good/Dockerfile']), 'good/Dockerfile: not a directory');
  });

  it('a missing --file and a second DIR: exit 2 (not silently ignored)', async () => {
    failsWith(await dh(['context', 'good', '--file', 'nonexist']), 'nonexist: no such file or directory');
    failsWith(await dh(['context', 'good', 'emptydir']), 'Unknown argument: emptydir');
  });

  it('symlinks leaving the context are sent as links and warned about; loops do not hang', async () => {
    put('sl/outside/secret.txt', 'secret\n');
    put('sl/ctx/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    symlinkSync('../outside/secret.txt', join(tmp, 'sl/ctx/link.txt'));
    symlinkSync('../outside', join(tmp, 'sl/ctx/linkdir'));
    symlinkSync('loop2', join(tmp, 'sl/ctx/loop1'));
    symlinkSync('loop1', join(tmp, 'sl/ctx/loop2'));
    symlinkSync('.', join(tmp, 'sl/ctx/self'));
    const j = json(sane(await dh(['context', 'sl/ctx', '--format', 'json'])));
    expect(j.files).toEqual([
      { path: 'Dockerfile', size: 26 },
      { path: 'link.txt', size: '../outside/secret.txt'.length },
      { path: 'linkdir', size: '../outside'.length },
      { path: 'loop1', size: 5 },
      { path: 'loop2', size: 5 },
      { path: 'self', size: 1 },
    ]);
    const t = sane(await dh(['context', 'sl/ctx']));
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('! symlinks point outside the context (`link.txt -> ../outside/secret.txt`, `linkdir -> ../outside`)');
    // plan digests the link itself, never the secret behind it.
    const p = sane(await dh(['plan', 'sl/ctx/Dockerfile', '--format', 'json']));
    expect(p.code).toBe(0);
    expect(p.stdout).not.toContain('secret\\n');
  });

  it('a FIFO in the context is skipped with a warning, never read', async () => {
    put('fifoctx/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    execFileSync('mkfifo', [join(tmp, 'fifoctx/pipe')]);
    const r = sane(await dh(['context', 'fifoctx', '--format', 'json']));
    expect(r.code).toBe(0);
    expect(json(r).files).toEqual([{ path: 'Dockerfile', size: 26 }]);
    expect(r.stderr).toBe('dockhand: warning: skipped pipe: a named pipe is not sent\n');
    const p = sane(await dh(['plan', 'fifoctx/Dockerfile', '--format', 'json']));
    expect(p.code).toBe(0);
  });

  it('a deep tree (200 levels) is walked', async () => {
    let rel = 'deep';
    for (let i = 0; i < 200; i++) rel += '/d';
    put(`${rel}/leaf.txt`, 'x');
    const r = sane(await dh(['context', 'deep', '--format', 'json']));
    expect(r.code).toBe(0);
    expect(json(r).files).toEqual([{ path: `${rel.slice('deep/'.length)}/leaf.txt`, size: 1 }]);
  });
});

describe('lint --fix keeps the file\'s bytes', () => {
  it('CRLF line endings survive a fix', async () => {
    const p = put('fix-crlf/Dockerfile', 'FROM alpine:3\r\nRUN apt-get install curl\r\n');
    const r = sane(await dh([...LINT, '--fix', 'fix-crlf/Dockerfile']));
    expect(r.code).toBe(1);
    expect(readFileSync(p, 'utf8')).toBe('FROM alpine:3\r\nRUN apt-get install -y curl\r\n');
  });

  it('a UTF-8 BOM survives a fix, exactly once', async () => {
    const p = put('fix-bom/Dockerfile', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM alpine:3\nRUN apt-get install curl\n')]));
    const r = sane(await dh([...LINT, '--fix', 'fix-bom/Dockerfile']));
    expect(r.code).toBe(1);
    expect(readFileSync(p)).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM alpine:3\nRUN apt-get install -y curl\n')]));
    // And the fixed file lints like before, with no syntax error from a stray U+FEFF.
    const again = sane(await dh([...LINT, '-f', 'json', 'fix-bom/Dockerfile']));
    expect(json(again)[0].diagnostics.map((d: { code: string }) => d.code)).not.toContain('syntax');
  });
});
