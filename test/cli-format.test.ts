// `dockhand format` through the CLI: printing, --check, --write (in place: mode and symlinks kept),
// standard input, and the inputs it refuses.
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from './cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'dockhand-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const messy = 'from alpine as build\nrun   apk add curl   \n\n\n\ncmd ["sh"]\n';
const tidy = 'FROM alpine AS build\nRUN apk add curl\n\nCMD ["sh"]\n';
const dh = (...argv: string[]) => runCaptured(['format', ...argv], { cwd: dir });

describe('dockhand format', () => {
  it('prints the formatted file, and reads standard input', async () => {
    writeFileSync(join(dir, 'Dockerfile'), messy);
    expect(await dh()).toEqual({ code: 0, stdout: tidy, stderr: '' });
    const piped = await runCaptured(['format', '-'], { cwd: dir, stdin: messy });
    expect(piped).toEqual({ code: 0, stdout: tidy, stderr: '' });
  });

  it('--check exits 1 and names the files that would change; 0 when all are formatted', async () => {
    writeFileSync(join(dir, 'a.Dockerfile'), messy);
    writeFileSync(join(dir, 'b.Dockerfile'), tidy);
    expect(await dh('--check', 'a.Dockerfile', 'b.Dockerfile')).toEqual({ code: 1, stdout: '', stderr: 'would reformat a.Dockerfile\n' });
    expect((await dh('--check', 'b.Dockerfile')).code).toBe(0);
    expect(readFileSync(join(dir, 'a.Dockerfile'), 'utf8')).toBe(messy);
  });

  it('--write rewrites in place, keeps the mode, and writes through a symlink', async () => {
    const file = join(dir, 'w.Dockerfile');
    writeFileSync(file, messy);
    chmodSync(file, 0o640);
    symlinkSync('w.Dockerfile', join(dir, 'link.Dockerfile'));
    writeFileSync(join(dir, 'x.Dockerfile'), messy);
    const r = await dh('--write', 'link.Dockerfile', 'x.Dockerfile');
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'formatted link.Dockerfile\nformatted x.Dockerfile\n' });
    expect(readFileSync(file, 'utf8')).toBe(tidy);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(dir, 'link.Dockerfile')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.Dockerfile'))).toBe('w.Dockerfile');
    expect(readFileSync(join(dir, 'x.Dockerfile'), 'utf8')).toBe(tidy);
    // Nothing to do the second time: no output, nothing written.
    const mtime = statSync(file).mtimeMs;
    expect(await dh('--write', 'w.Dockerfile')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('refuses what it cannot format safely, with the right exit code', async () => {
    writeFileSync(join(dir, 'syntax.Dockerfile'), 'FROM a\nRUNN x\n');
    const syntax = await dh('--check', 'syntax.Dockerfile');
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/syntax.Dockerfile:2:1: unknown instruction: RUNN .*not formatted/);
    writeFileSync(join(dir, 'latin1.Dockerfile'), Buffer.from('FROM a\nRUN echo caf\xe9\n', 'latin1'));
    const bad = await dh('latin1.Dockerfile');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid UTF-8 .*not formatted/);
    expect((await dh('missing.Dockerfile')).stderr).toMatch(/cannot read missing.Dockerfile: no such file or directory/);
    expect((await dh('a.Dockerfile', 'b.Dockerfile')).stderr).toMatch(/several files: give --write/);
    expect((await dh('--write', '--check')).code).toBe(2);
    expect((await runCaptured(['format', '--write', '-'], { cwd: dir, stdin: messy })).stderr).toMatch(/--write cannot rewrite standard input/);
    writeFileSync(join(dir, 'crlf.Dockerfile'), 'from a\r\nrun x  \r\n');
    expect((await dh('crlf.Dockerfile')).stdout).toBe('FROM a\r\nRUN x\r\n');
  });

  it('keeps a BOM and CRLF, and refuses binary, UTF-16 and lines BuildKit cannot read', async () => {
    writeFileSync(join(dir, 'bom.Dockerfile'), Buffer.from('\uFEFFfrom a\r\nrun x  \r\n\r\n\r\n'));
    const bom = await dh('bom.Dockerfile');
    expect(bom.code).toBe(0);
    expect(Buffer.from(bom.stdout)).toEqual(Buffer.from('\uFEFFFROM a\r\nRUN x\r\n'));
    writeFileSync(join(dir, 'bin.Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x61, 0x0a, 0x00, 0x01]));
    expect(await dh('--check', 'bin.Dockerfile')).toEqual({ code: 2, stdout: '', stderr: 'dockhand: bin.Dockerfile: binary file, not a Dockerfile\n' });
    writeFileSync(join(dir, 'utf16.Dockerfile'), Buffer.from('\uFEFFFROM a\n', 'utf16le'));
    const utf16 = await dh('utf16.Dockerfile');
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toMatch(/utf16.Dockerfile: UTF-16 text/);
    // BuildKit's line scanner stops at 64 KiB: such a file does not build, and is not formatted.
    writeFileSync(join(dir, 'long.Dockerfile'), `FROM a\nrun echo ${'x'.repeat(70_000)}\n`);
    const long = await dh('long.Dockerfile');
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/long.Dockerfile:2:1: dockerfile line greater than max allowed size of 65535; a file with syntax errors is not formatted/);
  });
});
