// `dockhand parse` through the CLI entry point: formats, diagnostics on stderr, exit codes 0/1/2.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../src/cli/io.js';
import { capturedIo } from './cli-io.js';
import { run } from '../src/cli/main.js';
import { JsonTooLarge, writeJson } from '../src/cli/commands/parse.js';
import { parse } from '../src/parser/index.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-parsecli-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function capture(stdin = ''): Io & { out: string; err: string } {
  return capturedIo({ cwd: base, stdin });
}

function file(name: string, content: string | Buffer): string {
  const p = join(base, name);
  writeFileSync(p, content);
  return p;
}

describe('dockhand parse', () => {
  it('prints the BuildKit dump and exits 0', async () => {
    const p = file('ok.Dockerfile', 'FROM alpine AS build\nRUN echo a \\\n  # note\n  b\nCOPY --from=build /x /y\n');
    const io = capture();
    expect(await run(['parse', p, '--format', 'buildkit'], io)).toBe(0);
    expect(io.out).toBe('(from "alpine" "AS" "build")\n(run "echo a   b")\n(copy ["--from=build"] "/x" "/y")\n');
    expect(io.err).toBe('');
  });

  it('prints the AST as JSON with ranges and without the line index', async () => {
    const p = file('json.Dockerfile', 'FROM alpine\nRUN echo hi\n');
    const io = capture();
    expect(await run(['parse', p], io)).toBe(0);
    const ast = JSON.parse(io.out);
    expect(ast.lineIndex).toBeUndefined();
    expect(ast.instructions[1].keyword).toBe('RUN');
    expect(ast.instructions[1].args[0]).toEqual({
      value: 'echo hi',
      range: { start: 16, end: 23, startLine: 2, startColumn: 5, endLine: 2, endColumn: 12 },
    });
    expect(ast.stages[0].base).toBe('alpine');
  });

  it('reads stdin with -', async () => {
    const io = capture('FROM x\n');
    expect(await run(['parse', '-', '--format', 'buildkit'], io)).toBe(0);
    expect(io.out).toBe('(from "x")\n');
  });

  it('exits 1 and prints file:line:col for syntax errors, keeping the rest of the file', async () => {
    const p = file('bad.Dockerfile', 'FROM alpine\nENV PATH\nFROOM x\nRUN ok\n');
    const io = capture();
    expect(await run(['parse', p, '--format', 'buildkit'], io)).toBe(1);
    expect(io.out).toBe('(from "alpine")\n(env)\n(froom "")\n(run "ok")\n');
    expect(io.err).toBe(
      `${p}:2:5: error: ENV must have two arguments\n` + `${p}:3:1: error: unknown instruction: FROOM (did you mean FROM?)\n`,
    );
  });

  it('reports an empty file as BuildKit does', async () => {
    const p = file('empty.Dockerfile', '');
    const io = capture();
    expect(await run(['parse', p, '--format', 'buildkit'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe(`${p}:1:1: error: file with no instructions\n`);
  });

  it('warns about invalid UTF-8 but parses (exit 0)', async () => {
    const p = file('latin1.Dockerfile', Buffer.from([...Buffer.from('FROM a\nLABEL x="caf'), 0xe9, ...Buffer.from('"\n')]));
    const io = capture();
    expect(await run(['parse', p, '--format', 'buildkit'], io)).toBe(0);
    expect(io.out).toBe('(from "a")\n(label "x" "\\"caf\uFFFD\\"" "=")\n');
    expect(io.err).toMatch(/:2:1: warning: invalid UTF-8 \(byte 0xe9/);
  });

  it('exits 2 with one line for a missing file, a directory, a bad format and no file', async () => {
    for (const argv of [['parse', join(base, 'nope')], ['parse', base], ['parse', file('f', 'FROM a\n'), '--format', 'xml'], ['parse']]) {
      const io = capture();
      expect(await run(argv, io), argv.join(' ')).toBe(2);
      expect(io.out).toBe('');
      expect(io.err.trim().split('\n')[0]).toMatch(/^dockhand: /);
      expect(io.err).not.toMatch(/\n\s+at /);
    }
  });

  it.skipIf(process.getuid?.() === 0)('exits 2 for an unreadable file', async () => {
    const p = file('secret.Dockerfile', 'FROM a\n');
    chmodSync(p, 0o000);
    const io = capture();
    expect(await run(['parse', p], io)).toBe(2);
    expect(io.err).toMatch(/^dockhand: cannot read .*permission denied\n$/);
  });
});

describe('dockhand parse: QA findings', () => {
  it('refuses a FIFO instead of blocking (finding 4)', async () => {
    const p = join(base, 'fifo');
    execFileSync('mkfifo', [p]);
    const io = capture();
    expect(await run(['parse', p], io)).toBe(2);
    expect(io.err).toBe(`dockhand: cannot read ${p}: not a regular file (a named pipe)\n`);
  });

  it('names a symlink loop (finding 18c)', async () => {
    const p = join(base, 'loop1');
    symlinkSync('loop1', p);
    const io = capture();
    expect(await run(['parse', p], io)).toBe(2);
    expect(io.err).toBe(`dockhand: cannot read ${p}: too many levels of symbolic links\n`);
  });

  it('rejects surplus positionals with one usage line (finding 8)', async () => {
    const p = file('one.Dockerfile', 'FROM a\n');
    const io = capture();
    expect(await run(['parse', p, p], io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err.split('\n')[0]).toMatch(/^dockhand: Unknown argument/);
  });

  it('shows control characters in diagnostics visibly (finding 17)', async () => {
    const p = file('ctl.Dockerfile', 'FROM a\nFOO\u001b[2J x\n');
    const io = capture();
    expect(await run(['parse', p, '-f', 'buildkit'], io)).toBe(1);
    expect(io.err).toBe(`${p}:2:1: error: unknown instruction: FOO␛[2J\n`);
  });

  it('names UTF-16 instead of dumping garbage (finding 26)', async () => {
    const p = file('u16.Dockerfile', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine\n', 'utf16le')]));
    const io = capture();
    expect(await run(['parse', p], io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toBe(`dockhand: ${p}: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)\n`);
  });

  it('a repeated --format: the last wins (finding 28)', async () => {
    const p = file('fmt.Dockerfile', 'FROM a\n');
    const io = capture();
    expect(await run(['parse', p, '--format', 'json', '--format', 'buildkit'], io)).toBe(0);
    expect(io.out).toBe('(from "a")\n');
  });

  it('writes JSON in pieces, byte for byte what JSON.stringify prints (finding 27)', () => {
    const text = 'ARG V=1\nFROM alpine:${V} AS b\nRUN <<EOF\necho hi\nEOF\nCOPY --from=b ["a", "b"]\nENV A=1 B="x y"\nONBUILD RUN x\n';
    const ast = parse(text);
    const chunks: string[] = [];
    writeJson(ast, (s) => chunks.push(s));
    const { lineIndex: _li, ...rest } = ast;
    void _li;
    expect(chunks.join('')).toBe(`${JSON.stringify(rest, null, 2)}\n`);
  });

  it('refuses JSON past the limit without writing part of it', () => {
    const chunks: string[] = [];
    expect(() => writeJson(parse('FROM a\nRUN x\n'.repeat(2000)), (s) => chunks.push(s), 100_000)).toThrow(JsonTooLarge);
    expect(chunks).toEqual([]);
  });
});
