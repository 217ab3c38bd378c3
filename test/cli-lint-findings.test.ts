// `dockhand lint`/`rules` regressions found by hand-testing the CLI: --fix keeps the
// file's bytes, one value per repeatable option, FIFOs, .dockerignore errors, control characters.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/cli/formatters/visible.js';
import { runCaptured, type Ran } from './cli-io.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'dockhand-lint-findings-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dockhand(argv: string[], cwd = tmp): Promise<Ran> {
  return runCaptured(argv, { cwd, env: { HOME: tmp } });
}

function put(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

const LINT = ['lint', '--no-shellcheck'];
const codes = (stdout: string, file?: string) =>
  (JSON.parse(stdout) as { file: string; diagnostics: { code: string }[] }[]).filter((f) => !file || f.file === file).flatMap((f) => f.diagnostics.map((d) => d.code));

describe('finding 15: --fix keeps the bytes outside the fixed ranges', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  it.each([
    ['BOM', Buffer.concat([BOM, Buffer.from('FROM alpine:3\nRUN apt-get install curl\n')]), Buffer.concat([BOM, Buffer.from('FROM alpine:3\nRUN apt-get install -y curl\n')])],
    ['BOM + CRLF', Buffer.concat([BOM, Buffer.from('FROM alpine:3\r\nRUN apt-get install curl\r\n')]), Buffer.concat([BOM, Buffer.from('FROM alpine:3\r\nRUN apt-get install -y curl\r\n')])],
    ['no final newline', Buffer.from('FROM alpine:3\nRUN apt-get install curl'), Buffer.from('FROM alpine:3\nRUN apt-get install -y curl')],
    ['invalid UTF-8 elsewhere', Buffer.concat([Buffer.from('FROM alpine:3\n# caf'), Buffer.from([0xe9]), Buffer.from('\nRUN apt-get install curl\n')]), Buffer.concat([Buffer.from('FROM alpine:3\n# caf'), Buffer.from([0xe9]), Buffer.from('\nRUN apt-get install -y curl\n')])],
  ])('%s', async (_name, before, after) => {
    const p = put(`fix-${_name.replace(/\W+/g, '-')}/Dockerfile`, before);
    await dockhand([...LINT, '--fix', '-f', 'json', p]);
    expect(readFileSync(p).equals(after)).toBe(true);
    // A second run finds nothing more to fix and changes nothing.
    await dockhand([...LINT, '--fix', '-f', 'json', p]);
    expect(readFileSync(p).equals(after)).toBe(true);
  });
  it('invalid UTF-8 on a line to fix: the file is left alone, exit 2', async () => {
    const before = Buffer.concat([Buffer.from('FROM alpine:3\nRUN apt-get install curl # caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const p = put('fix-bad-line/Dockerfile', before);
    const r = await dockhand([...LINT, '--fix', '-f', 'json', p]);
    expect(readFileSync(p).equals(before)).toBe(true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not fixed \(a line to fix holds invalid UTF-8\)/);
  });
  it('a fixed BOM file lints with no syntax error', async () => {
    const p = put('fix-bom2/Dockerfile', Buffer.concat([BOM, Buffer.from('FROM alpine:3\nRUN apt-get install curl\n')]));
    await dockhand([...LINT, '--fix', p]);
    const r = await dockhand([...LINT, '-f', 'json', p]);
    expect(codes(r.stdout)).not.toContain('syntax');
  });
});

describe('finding 3/28: one value per option occurrence; single-value options: last wins', () => {
  beforeAll(() => {
    put('opts/Dockerfile.t', 'FROM alpine\nLABEL a=b\n');
  });
  const cwd = () => join(tmp, 'opts');
  it('--ignore CODE FILE lints FILE', async () => {
    const r = await dockhand([...LINT, '--ignore', 'DL3006', '-f', 'json', 'Dockerfile.t'], cwd());
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).map((f: { file: string }) => f.file)).toEqual(['Dockerfile.t']);
    expect(codes(r.stdout)).not.toContain('DL3006');
    expect(r.code).toBe(0);
  });
  it('hadolint usage: --ignore A --ignore B FILE, and A,B', async () => {
    const r = await dockhand([...LINT, '--ignore', 'DL3006', '--ignore', 'DL3048', '-f', 'json', 'Dockerfile.t'], cwd());
    expect(r.code).toBe(0);
    const r2 = await dockhand([...LINT, '--ignore', 'DL3006,DL3048', '-f', 'json', 'Dockerfile.t'], cwd());
    expect(r2.stdout).toBe(r.stdout);
  });
  it('--error/--trusted-registry/--require-label take one value and leave FILE alone', async () => {
    const r = await dockhand([...LINT, '--error', 'DL3006', '--trusted-registry', 'docker.io', '--require-label', 'maintainer:text', '-f', 'json', 'Dockerfile.t'], cwd());
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; severity: string }[] }[];
    expect(out.map((f) => f.file)).toEqual(['Dockerfile.t']);
    expect(out[0]!.diagnostics.find((d) => d.code === 'DL3006')?.severity).toBe('error');
  });
  it('warns about an unknown rule code, but not about ShellCheck codes', async () => {
    const r = await dockhand([...LINT, '--ignore', 'DL9999', '--ignore', 'SC2086', '--error', 'nope', '-f', 'json', 'Dockerfile.t'], cwd());
    expect(r.stderr).toBe('dockhand: warning: --ignore DL9999: no such rule (see dockhand rules)\ndockhand: warning: --error nope: no such rule (see dockhand rules)\n');
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });
  it('never hides or regrades a syntax error: not by --ignore, the config or a pragma', async () => {
    put('syn/Dockerfile', '# hadolint ignore=syntax\nFROM alpine:3.20\n# hadolint global ignore=syntax\nFROOM x\n');
    put('syn/.hadolint.yaml', 'ignored: [syntax]\noverride:\n  info: [syntax]\n');
    const r = await dockhand([...LINT, '--ignore', 'syntax', '--warning', 'syntax', '-f', 'json', 'Dockerfile'], join(tmp, 'syn'));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string }[] }[];
    expect(out[0]!.diagnostics.filter((d) => d.code === 'syntax').map((d) => d.severity)).toEqual(['error']);
    expect(r.stderr).toContain('--ignore syntax: syntax errors are always reported as errors');
  });
  it.each([
    [['--context', '.', '--context', '.']],
    [['-t', 'error', '-t', 'style']],
    [['--config', 'nope.yaml', '--config', '.hadolint.yaml']],
    [['-f', 'gnu', '-f', 'json']],
  ])('%j given twice: the last wins', async (opts) => {
    put('opts/.hadolint.yaml', 'ignored: []\n');
    const r = await dockhand([...LINT, ...opts, '-f', 'json', 'Dockerfile.t'], cwd());
    expect(r.stderr).not.toMatch(/internal error/);
    expect(codes(r.stdout)).toContain('DL3006');
  });
});

describe('finding 4: FIFOs never hang', () => {
  const fifo = () => {
    const p = join(tmp, 'fifo');
    try {
      execFileSync('mkfifo', [p]);
    } catch {
      // already there
    }
    return p;
  };
  it('lint FIFO: not a regular file, exit 2', async () => {
    fifo();
    const r = await dockhand([...LINT, 'fifo']);
    expect(r).toMatchObject({ code: 2, stderr: 'dockhand: cannot read fifo: not a regular file (a named pipe)\n' });
  });
  it('lint --config FIFO: exit 2', async () => {
    fifo();
    put('cfg/Dockerfile', 'FROM alpine:3\n');
    const r = await dockhand([...LINT, '--config', fifo(), 'cfg/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dockhand: cannot read config .*fifo: not a regular file \(a named pipe\)\n$/);
  });
});

describe('finding 5: an invalid .dockerignore is an error, as in plan and context', () => {
  it('prints plan\'s one-line message, still reports the other findings, and exits 2', async () => {
    put('ign/Dockerfile', 'FROM alpine\nCOPY . /app\n');
    put('ign/.dockerignore', 'ok\n[\n');
    const r = await dockhand([...LINT, '-f', 'json', 'ign/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockhand: ign/.dockerignore: line 2: syntax error in pattern "["\n');
    expect(codes(r.stdout)).toContain('DL3006');
    expect(codes(r.stdout)).not.toContain('DH001');
  });
  it('says it once for several Dockerfiles sharing it', async () => {
    put('ign/b.Dockerfile', 'FROM alpine\n');
    const r = await dockhand([...LINT, '-f', 'json', 'ign']);
    expect(r.stderr.match(/syntax error/g)).toHaveLength(1);
  });
});

describe('finding 18f: --context that is a file', () => {
  it('names it once, as given', async () => {
    put('ctx/Dockerfile', 'FROM alpine:3\n');
    const r = await dockhand([...LINT, '--context', 'ctx/Dockerfile', 'ctx/Dockerfile']);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'dockhand: --context ctx/Dockerfile: not a directory\n' });
  });
});

describe('finding 17: control characters are shown, not sent to the terminal', () => {
  it.each(['stylish', 'gnu', 'github'])('%s', async (format) => {
    put('ctl/Dockerfile', 'FROM alpine:3\nFOO\u001b[2J x\u0007\n');
    const r = await dockhand([...LINT, '-f', format, 'ctl/Dockerfile']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FOO␛\[2J/);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
  it('stylish carets stay under the marked characters', async () => {
    put('ctl2/Dockerfile', 'FROM alpine:3\nRUN echo \u001b\u0085 && apt-get install curl\n');
    const r = await dockhand([...LINT, '-f', 'stylish', '--ignore', 'DL3008,DL3015,DL3009', 'ctl2/Dockerfile']);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.includes('DL3014'));
    const code = lines[i + 1]!;
    const carets = lines[i + 2]!;
    expect(code.slice(carets.indexOf('^'), carets.lastIndexOf('^') + 1)).toBe('apt-get install');
  });
});

describe('finding 26: UTF-16', () => {
  it('says UTF-16, not binary', async () => {
    put('u16/Dockerfile', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine\n', 'utf16le')]));
    const r = await dockhand([...LINT, 'u16/Dockerfile']);
    expect(r).toMatchObject({ code: 2, stderr: 'dockhand: u16/Dockerfile: UTF-16 text; BuildKit reads UTF-8 only (re-save it as UTF-8)\n' });
  });
});

describe('finding 12: -f is --format for every command', () => {
  it('lint, rules, parse and context', async () => {
    put('f/Dockerfile', 'FROM alpine:3\n');
    expect(JSON.parse((await dockhand([...LINT, '-f', 'json', 'f/Dockerfile'])).stdout)).toHaveLength(1);
    expect(Array.isArray(JSON.parse((await dockhand(['rules', '-f', 'json'])).stdout))).toBe(true);
    expect((await dockhand(['parse', '-f', 'buildkit', 'f/Dockerfile'])).stdout).toBe('(from "alpine:3")\n');
    const ctx = await dockhand(['context', join(tmp, 'f'), '-f', 'json']);
    expect(ctx.code).toBe(0);
    expect(() => JSON.parse(ctx.stdout)).not.toThrow();
  });
  it('plan and explain', async () => {
    const plan = await dockhand(['plan', join(tmp, 'f/Dockerfile'), '-f', 'json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).stages).toHaveLength(1);
    const explain = await dockhand(['explain', join(tmp, 'f/Dockerfile'), '--changed', join(tmp, 'f/x'), '-f', 'json']);
    expect(explain.code).toBe(0);
    expect(() => JSON.parse(explain.stdout)).not.toThrow();
  });
});

describe('symlink loop', () => {
  it('lint names the problem', async () => {
    try {
      symlinkSync('loop1', join(tmp, 'loop1'));
    } catch {
      // exists
    }
    const r = await dockhand([...LINT, 'loop1']);
    expect(r).toMatchObject({ code: 2, stderr: 'dockhand: cannot read loop1: too many levels of symbolic links\n' });
  });
});

describe('finding 29: empty arguments (an unset shell variable)', () => {
  it.each([
    [[''], 'dockhand: empty path given for PATH\n'],
    [['--config', '', 'x'], 'dockhand: empty value given for --config\n'],
    [['--context', '', 'x'], 'dockhand: empty value given for --context\n'],
    [['--stdin-filename', '', '-'], 'dockhand: empty value given for --stdin-filename\n'],
  ])('lint %j', async (argv, msg) => {
    expect(await dockhand([...LINT, ...argv])).toEqual({ code: 2, stdout: '', stderr: msg });
  });
});

describe('finding 39: carets by display width', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('ü日本語')).toBe(7);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🐳x')).toBe(3);
    expect(displayWidth('␛[2J')).toBe(4);
  });
  it('stylish puts the carets under the marked text after CJK', async () => {
    put('wide/Dockerfile', 'FROM alpine:3\nRUN echo "ü日本語" && apt-get install curl\n');
    const r = await dockhand([...LINT, '--ignore', 'DL3008,DL3015,DL3009', 'wide/Dockerfile']);
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.includes('DL3014'));
    const carets = lines[i + 2]!;
    // Columns before the carets: the code line's prefix up to `apt-get`, measured in terminal columns.
    const code = lines[i + 1]!;
    expect(carets.indexOf('^')).toBe(displayWidth(code.slice(0, code.indexOf('apt-get'))));
    expect(carets.slice(carets.indexOf('^')).trim()).toBe('^'.repeat('apt-get install'.length));
  });
});

describe('finding 42: a directory search skips binaries that look like Dockerfiles', () => {
  it('skips Dockerfile.png (a note, no exit 2) and does not pick up backups or images by name', async () => {
    put('ds/Dockerfile', 'FROM alpine:3.20\n');
    put('ds/docs/Dockerfile.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    put('ds/Dockerfile.orig', 'FROM alpine\n');
    put('ds/sub/Dockerfile.weird', Buffer.from([0x46, 0, 0x4f]));
    const r = await dockhand([...LINT, '-f', 'json', 'ds']);
    expect(JSON.parse(r.stdout).map((f: { file: string }) => f.file)).toEqual(['ds/Dockerfile']);
    expect(r.stderr).toBe('dockhand: skipped ds/sub/Dockerfile.weird: binary file, not a Dockerfile\n');
    expect(r.code).toBe(0);
  });
  it('a binary file named explicitly is still exit 2', async () => {
    const r = await dockhand([...LINT, 'ds/docs/Dockerfile.png']);
    expect(r).toMatchObject({ code: 2, stderr: 'dockhand: ds/docs/Dockerfile.png: binary file, not a Dockerfile\n' });
  });
});

const hasShellcheck = (() => {
  try {
    execFileSync('shellcheck', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('finding 41: ShellCheck findings stay on their own input', () => {
  it.skipIf(!hasShellcheck)('two inputs with the same display name', async () => {
    put('sc/Dockerfile', 'FROM alpine:3\nRUN echo ok\n');
    const { stdout } = await runCaptured(['lint', '-f', 'json', '--stdin-filename', 'Dockerfile', '-', 'Dockerfile'], {
      cwd: join(tmp, 'sc'),
      stdin: 'FROM alpine:3\nRUN echo $undefined_var_x\n',
      env: { HOME: tmp, PATH: process.env.PATH },
    });
    const out = JSON.parse(stdout) as { diagnostics: { code: string }[] }[];
    expect(out).toHaveLength(2);
    expect(out[0]!.diagnostics.some((d) => d.code.startsWith('SC'))).toBe(true);
    expect(out[1]!.diagnostics.some((d) => d.code.startsWith('SC'))).toBe(false);
  });
});
