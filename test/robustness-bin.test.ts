// Robustness of the real executable (bin/dockhand.js, built by `npm run build`): things that only a
// real process shows — FIFOs that could hang, pipes on stdin, colour without a TTY, permissions
// (run as an unprivileged user when we are root), and big inputs. Every run has a hard timeout.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const built = existsSync(join(repo, 'dist/cli.cjs'));
if (!built) console.warn('robustness-bin: dist/cli.cjs is missing (run `npm run build`); skipping the executable tests');

let tmp: string;
/** The executable under test: a private snapshot of bin/ + dist/, so a rebuild running elsewhere cannot break a run. */
let bin: string;

/** Copies bin/, dist/ and package.json (node_modules linked) and checks the copy starts; retries while dist/ is being rebuilt. */
async function snapshotBuild(): Promise<string> {
  const app = join(tmp, 'app');
  for (let attempt = 0; ; attempt++) {
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app);
    cpSync(join(repo, 'bin'), join(app, 'bin'), { recursive: true });
    cpSync(join(repo, 'dist'), join(app, 'dist'), { recursive: true });
    copyFileSync(join(repo, 'package.json'), join(app, 'package.json'));
    symlinkSync(join(repo, 'node_modules'), join(app, 'node_modules'));
    const exe = join(app, 'bin/dockhand.js');
    const probe = spawnSync(process.execPath, [exe, 'rules', '--format', 'json'], { cwd: tmp, encoding: 'utf8', timeout: 30_000 });
    if (probe.status === 0) return exe;
    if (attempt >= 10) throw new Error(`the build in dist/ does not run: ${probe.stderr}`);
    await sleep(2000);
  }
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the executable with a timeout; no TTY anywhere (pipes). */
function dh(args: string[], opts: { cwd?: string; input?: string | Buffer; timeout?: number; uid?: number; env?: NodeJS.ProcessEnv } = {}): Ran {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? tmp,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeout ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: tmp, XDG_CACHE_HOME: join(tmp, '.cache'), ...opts.env },
    ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid }),
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

/** Finished in time, no stack trace, no internal error. */
function sane(r: Ran): Ran {
  expect(r.timedOut, 'the process hung').toBe(false);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  return r;
}

/** Exit 2, nothing on stdout, the first stderr line exactly as given (or matching). */
function failsWith(r: Ran, line: string | RegExp): void {
  sane(r);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const first = r.stderr.split('\n')[0]!;
  if (typeof line === 'string') expect(first).toBe(line);
  else expect(first).toMatch(line);
}

function put(rel: string, content: string | Buffer): string {
  const p = join(tmp, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dockhand-robust-bin-'));
  // Readable by the unprivileged user of the permission tests.
  chmodSync(tmp, 0o755);
  if (built) bin = await snapshotBuild();
  put('Dockerfile', 'FROM alpine:3.20\nRUN echo hi\n');
  put('plan.json', '{}');
  spawnSync('mkfifo', [join(tmp, 'fifo')]);
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!built)('never hangs on a named pipe', () => {
  it('plan/explain: a FIFO as the Dockerfile is refused at once, exit 2', () => {
    failsWith(dh(['plan', 'fifo'], { timeout: 20_000 }), 'dockhand: fifo: not a regular file (a named pipe)');
    failsWith(dh(['explain', 'fifo', '--changed', 'x'], { timeout: 20_000 }), 'dockhand: fifo: not a regular file (a named pipe)');
  });

  it('plan/explain: a FIFO as --base-digests or --baseline is refused at once, exit 2', () => {
    failsWith(dh(['plan', '--base-digests', 'fifo'], { timeout: 20_000 }), /^dockhand: fifo: not a regular file/);
    failsWith(dh(['explain', '--baseline', 'fifo'], { timeout: 20_000 }), /^dockhand: fifo: not a regular file/);
  });

  it('lint and parse: a FIFO as the Dockerfile or as --config is refused at once, exit 2', () => {
    failsWith(dh(['lint', '--no-shellcheck', 'fifo'], { timeout: 20_000 }), 'dockhand: cannot read fifo: not a regular file (a named pipe)');
    failsWith(dh(['parse', 'fifo'], { timeout: 20_000 }), 'dockhand: cannot read fifo: not a regular file (a named pipe)');
    failsWith(dh(['lint', '--no-shellcheck', '--config', 'fifo', 'Dockerfile'], { timeout: 20_000 }), `dockhand: cannot read config ${tmp}/fifo: not a regular file (a named pipe)`);
  });

  it('a pipe that is meant to be read (/dev/stdin from a shell pipe, like <(...)) still works', () => {
    // A shell pipe, not spawnSync's `input` (a socket, which /dev/stdin cannot open).
    const viaPipe = (args: string) => {
      const r = spawnSync('sh', ['-c', `printf 'FROM alpine\\n' | "${process.execPath}" "${bin}" ${args}`], { cwd: tmp, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: tmp } });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' };
    };
    const lint = sane(viaPipe('lint --no-shellcheck -f gnu /dev/stdin'));
    expect(lint).toMatchObject({ status: 1, stdout: '/dev/stdin:1:6: warning: Always tag the version of an image explicitly [DL3006]\n', stderr: '' });
    const parse = sane(viaPipe('parse /dev/stdin --format buildkit'));
    expect(parse).toMatchObject({ status: 0, stdout: '(from "alpine")\n', stderr: '' });
  });
});

describe.skipIf(!built)('the process environment', () => {
  it('run from a deleted directory: one line, exit 2, no stack trace', () => {
    const r = spawnSync('sh', ['-c', `mkdir gone && cd gone && rmdir ../gone && "${process.execPath}" "${bin}" rules`], { cwd: tmp, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: tmp } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('dockhand: the current directory no longer exists (cd somewhere else)\n');
  });

  it('plan of a pipe (/dev/stdin, like <(...)) uses the current directory as context', () => {
    const r = spawnSync('sh', ['-c', `printf 'FROM alpine:3\\n' | "${process.execPath}" "${bin}" plan --format json /dev/stdin`], { cwd: tmp, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: tmp, XDG_CACHE_HOME: join(tmp, '.cache') } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).context).toBe('.');
  });
});

describe.skipIf(!built)('the language server and a client that breaks the protocol', () => {
  const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const request = (id: number, method: string, params: unknown = null) => frame(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  const initialize = request(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });

  /** Starts `lsp --stdio` and writes each of `steps`, a pause between them; resolves with the replies, stderr and exit code. */
  function session(steps: string[], endAfterMs = 15_000): Promise<{ code: number | null; replies: { id?: number | null; error?: { code: number }; result?: unknown }[]; stderr: string }> {
    return new Promise((resolveRun, reject) => {
      const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: tmp, env: { PATH: process.env.PATH, HOME: tmp, XDG_CACHE_HOME: join(tmp, '.cache') } });
      let out = Buffer.alloc(0);
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (out = Buffer.concat([out, d])));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const kill = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not exit; stderr: ${stderr}`));
      }, endAfterMs);
      child.on('exit', (code) => {
        clearTimeout(kill);
        const replies = [];
        for (let rest = out; ; ) {
          const head = rest.indexOf('\r\n\r\n');
          if (head < 0) break;
          const len = Number(/Content-Length: (\d+)/i.exec(rest.subarray(0, head).toString())![1]);
          replies.push(JSON.parse(rest.subarray(head + 4, head + 4 + len).toString('utf8')));
          rest = rest.subarray(head + 4 + len);
        }
        resolveRun({ code, replies, stderr });
      });
      steps.forEach((step, i) => setTimeout(() => child.stdin.write(step), 1000 * i));
    });
  }

  it('a message that is not JSON gets a parse error (id null) and the server reads on', async () => {
    const r = await session([initialize + frame('{"jsonrpc":"2.0","id":2,"method":'), request(3, 'shutdown'), frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' }))]);
    expect(r.replies.filter((m) => m.id === null)).toEqual([expect.objectContaining({ id: null, error: expect.objectContaining({ code: -32700 }) })]);
    expect(r.replies.find((m) => m.id === 3)).toEqual(expect.objectContaining({ result: null }));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^dockhand lsp: a message is not JSON \(/);
  });

  it('a header it cannot read (no Content-Length, or garbage): says so on stderr and exits 1, never stays up deaf', async () => {
    for (const broken of ['Content-Type: text/plain\r\n\r\n{}', 'hello, this is not LSP\r\n\r\n', Buffer.from([0, 1, 0xff, 13, 10, 13, 10]).toString('latin1')]) {
      // The stream stays open: only the broken header can end the server.
      const r = await session([initialize + broken, request(3, 'shutdown')]);
      expect(r.code, JSON.stringify(broken)).toBe(1);
      expect(r.stderr, JSON.stringify(broken)).toMatch(/^dockhand lsp: cannot read the client's messages \(.*\); stopping, as nothing after it can be read\n$/);
      // What came before the broken header was answered.
      expect(r.replies.find((m) => m.id === 1), JSON.stringify(broken)).toEqual(expect.objectContaining({ result: expect.objectContaining({ capabilities: expect.any(Object) }) }));
    }
  });

  it('a header announcing more than 256 MiB (or no byte count): says so on stderr and exits 1, never waits for the body nor keeps what follows', async () => {
    const cases: [string, RegExp][] = [
      ['Content-Length: 1000000000000\r\n\r\n{"jsonrpc":"2.0"', /\(a message of 1000000000000 bytes announced, over the 256 MiB this server reads\)/],
      [`Content-Length: ${256 * 1024 * 1024 + 1}\r\n\r\n`, /\(a message of 268435457 bytes announced, over the 256 MiB this server reads\)/],
      ['Content-Length: -5\r\n\r\n{}', /\(Content-Length "-5" is not a number of bytes\)/],
    ];
    for (const [header, reason] of cases) {
      // The stream stays open: only the header can end the server.
      const r = await session([initialize + header, request(3, 'shutdown')]);
      expect(r.code, header).toBe(1);
      expect(r.stderr, header).toMatch(/^dockhand lsp: cannot read the client's messages \(.*\); stopping, as nothing after it can be read\n$/);
      expect(r.stderr, header).toMatch(reason);
      expect(r.replies.find((m) => m.id === 1), header).toEqual(expect.objectContaining({ result: expect.objectContaining({ capabilities: expect.any(Object) }) }));
    }
  });

  it('initialize without params gets InvalidParams; without capabilities (null, absent) it is served as a client that has none', async () => {
    const exit = frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' }));
    const r = await session([
      request(1, 'initialize', null) + frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize' })) + request(3, 'initialize', [1]),
      request(4, 'initialize', { processId: null, rootUri: null, capabilities: null }) + request(5, 'initialize', { processId: null, rootUri: null }),
      request(6, 'shutdown') + exit,
    ]);
    for (const id of [1, 2, 3]) {
      expect(r.replies.find((m) => m.id === id), `id ${id}`).toEqual({ jsonrpc: '2.0', id, error: { code: -32602, message: "initialize needs its params: an object with the client's capabilities" } });
    }
    for (const id of [4, 5]) {
      expect(r.replies.find((m) => m.id === id), `id ${id}`).toEqual(expect.objectContaining({ result: expect.objectContaining({ capabilities: expect.objectContaining({ hoverProvider: true }) }) }));
    }
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe.skipIf(!built)('config files that would end the process', () => {
  it('a .hadolint.yaml or .dockhand.yaml nested 1,000 levels deep: one line naming it, exit 2 (it used to end Node with a fatal error)', () => {
    const n = 1000;
    const cases: [string, string][] = [
      ['deepflow/.hadolint.yaml', `${'['.repeat(n)}${']'.repeat(n)}\n`],
      ['deepblock/.dockhand.yaml', `${'- '.repeat(n)}x\n`],
    ];
    for (const [config, text] of cases) {
      const dir = config.split('/')[0]!;
      put(config, text);
      put(`${dir}/Dockerfile`, 'FROM alpine:3.20\n');
      const r = sane(dh(['lint', '--no-shellcheck', `${dir}/Dockerfile`]));
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }, config).toEqual({ status: 2, stdout: '', stderr: `dockhand: invalid config ${join(tmp, config)}:1:101: nested more than 100 levels deep\n` });
    }
  });
});

describe.skipIf(!built)('output that cannot be written', () => {
  const hasDevFull = existsSync('/dev/full');
  if (!hasDevFull) console.warn('robustness-bin: no /dev/full here; the full-device tests are skipped');

  /** Runs with standard output (or error) on /dev/full: every write fails with ENOSPC. */
  const toFull = (args: string[], which: 'stdout' | 'stderr' = 'stdout') => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bin, ...args], {
        cwd: tmp,
        encoding: 'utf8',
        timeout: 30_000,
        stdio: which === 'stdout' ? ['ignore', full, 'pipe'] : ['ignore', 'pipe', full],
        env: { PATH: process.env.PATH, HOME: tmp, XDG_CACHE_HOME: join(tmp, '.cache') },
      });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' };
    } finally {
      closeSync(full);
    }
  };

  it.skipIf(!hasDevFull)('stdout on a full device (> /dev/full): every command says so in one line and exits 2, never a stack trace', () => {
    put('full/Dockerfile', 'FROM alpine:3.20\nRUN apt-get install curl\n');
    const runs: string[][] = [
      ['rules'],
      ['lint', '--no-shellcheck', 'full/Dockerfile'],
      ['lint', '--no-shellcheck', '-f', 'json', 'full/Dockerfile'],
      ['parse', 'full/Dockerfile'],
      ['plan', 'full/Dockerfile'],
      ['context', 'full'],
      ['format', 'full/Dockerfile'],
      ['explain', 'full/Dockerfile', '--changed', 'x'],
    ];
    for (const args of runs) {
      const r = toFull(args);
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect({ status: r.status, stderr: r.stderr }, args.join(' ')).toEqual({ status: 2, stderr: 'dockhand: cannot write the output: no space left on device\n' });
    }
  });

  it.skipIf(!hasDevFull)('stderr on a full device: the run goes on, its output and exit code unchanged', () => {
    put('full/Dockerfile', 'FROM alpine:3.20\nRUN apt-get install curl\n');
    const r = toFull(['lint', '--no-shellcheck', '-f', 'gnu', 'full/Dockerfile', 'missing'], 'stderr');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('full/Dockerfile:2:');
  });

  it('a file-size limit on stdout (ulimit -f): one line, exit 2', () => {
    const out = join(tmp, 'limited.json');
    const r = spawnSync('sh', ['-c', `ulimit -f 1 && exec "${process.execPath}" "${bin}" rules --format json > "${out}"`], { cwd: tmp, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, HOME: tmp } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dockhand: cannot write the output: file too large\n');
    // The limit is 1 block (512 or 1,024 bytes, depending on the shell): some output, not all.
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(statSync(out).size).toBeLessThanOrEqual(1024);
    expect(readFileSync(out, 'utf8').startsWith('[')).toBe(true);
  });
});

describe.skipIf(!built)('stdin through a real pipe', () => {
  it('lint - and parse - read the pipe', () => {
    const lint = sane(dh(['lint', '--no-shellcheck', '-f', 'gnu', '-'], { input: 'FROM alpine\n' }));
    expect(lint).toMatchObject({ status: 1, stdout: '-:1:6: warning: Always tag the version of an image explicitly [DL3006]\n', stderr: '' });
    const parse = sane(dh(['parse', '-', '--format', 'buildkit'], { input: 'FROM alpine:3\r\nRUN echo hi\r\n' }));
    expect(parse).toMatchObject({ status: 0, stdout: '(from "alpine:3")\n(run "echo hi")\n', stderr: '' });
  });

  it('an empty pipe is an empty Dockerfile: exit 1, a syntax error, no hang', () => {
    const r = sane(dh(['lint', '--no-shellcheck', '-f', 'gnu', '-'], { input: '' }));
    expect(r).toMatchObject({ status: 1, stdout: '-:1:1: error: file with no instructions [syntax]\n', stderr: '' });
    const p = sane(dh(['parse', '-', '--format', 'buildkit'], { input: '' }));
    expect(p).toMatchObject({ status: 1, stdout: '', stderr: '<stdin>:1:1: error: file with no instructions\n' });
  });

  it('--stdin-filename names the pipe', () => {
    const r = sane(dh(['lint', '--no-shellcheck', '-f', 'gnu', '--stdin-filename', 'web/Dockerfile', '-'], { input: 'FROM alpine\n' }));
    expect(r.stdout).toBe('web/Dockerfile:1:6: warning: Always tag the version of an image explicitly [DL3006]\n');
  });
});

describe.skipIf(!built)('streams: machine output on stdout, stderr quiet, colour only on a TTY', () => {
  beforeAll(() => {
    put('app/Dockerfile', 'FROM alpine:3.20 AS build\nRUN apt-get install curl\nFROM alpine:3.20\nCOPY --from=build /x /x\n');
    put('app/.dockerignore', '*.tmp\n');
  });

  it('every command, default format, no TTY: no escape codes; nothing on stderr', () => {
    const cwd = join(tmp, 'app');
    const runs: [string, Ran, number][] = [
      ['lint', dh(['lint', '--no-shellcheck'], { cwd }), 1],
      ['parse', dh(['parse', 'Dockerfile'], { cwd }), 0],
      ['plan', dh(['plan'], { cwd }), 0],
      ['context', dh(['context'], { cwd }), 0],
      ['explain', dh(['explain', '--changed', 'x'], { cwd }), 0],
      ['rules', dh(['rules']), 0],
    ];
    for (const [name, r, status] of runs) {
      sane(r);
      expect(r.status, name).toBe(status);
      expect(r.stdout.length, name).toBeGreaterThan(0);
      expect(r.stdout, name).not.toMatch(/\x1b\[/);
      expect(r.stderr, name).toBe('');
    }
  });

  it('--color forces colour without a TTY; NO_COLOR is respected otherwise', () => {
    const cwd = join(tmp, 'app');
    expect(sane(dh(['lint', '--no-shellcheck', '--color'], { cwd })).stdout).toMatch(/\x1b\[/);
    expect(sane(dh(['lint', '--no-shellcheck'], { cwd, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
  });
});

// Root reads everything, so permission errors are produced as the unprivileged user `nobody`.
const canDropPrivileges = built && typeof process.getuid === 'function' && process.getuid() === 0;
if (!canDropPrivileges) console.warn('robustness-bin: not running as root; the unreadable-file tests are skipped (chmod 000 cannot be tested as this user)');

describe.skipIf(!canDropPrivileges)('unreadable files and directories (as nobody)', () => {
  const NOBODY = 65534;
  const asNobody = (args: string[], cwd?: string) => dh(args, { uid: NOBODY, cwd, env: { HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent' } });

  beforeAll(() => {
    chmodSync(put('unr/Dockerfile', 'FROM alpine:3\n'), 0o000);
    put('unrsub/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    put('unrsub/sub/f', 'x');
    chmodSync(join(tmp, 'unrsub/sub'), 0o000);
    put('unrdir/Dockerfile', 'FROM alpine:3\n');
    chmodSync(join(tmp, 'unrdir'), 0o000);
    put('unrig/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    chmodSync(put('unrig/.dockerignore', 'x\n'), 0o000);
    put('unrcfg/Dockerfile', 'FROM alpine\n');
    chmodSync(put('unrcfg/.hadolint.yaml', 'ignored: [DL3006]\n'), 0o000);
  });

  it('an unreadable Dockerfile: lint, parse, plan exit 2 with "permission denied" and the file', () => {
    failsWith(asNobody(['lint', '--no-shellcheck', 'unr/Dockerfile']), 'dockhand: cannot read unr/Dockerfile: permission denied');
    failsWith(asNobody(['parse', 'unr/Dockerfile']), 'dockhand: cannot read unr/Dockerfile: permission denied');
    failsWith(asNobody(['plan', 'unr/Dockerfile']), /^dockhand: .*unr\/Dockerfile: permission denied$/);
  });

  it('an unreadable directory given to lint: exit 2, names it', () => {
    failsWith(asNobody(['lint', '--no-shellcheck', 'unrdir']), /^dockhand: cannot read directory .*unrdir: permission denied$/);
    failsWith(asNobody(['context', 'unrdir']), /^dockhand: cannot read directory .*: permission denied$/);
  });

  it('an unreadable directory inside the context: plan, context exit 2 (BuildKit fails too); lint still lints', () => {
    failsWith(asNobody(['plan', 'unrsub/Dockerfile']), 'dockhand: cannot read directory sub: permission denied');
    failsWith(asNobody(['context', 'unrsub']), 'dockhand: cannot read directory sub: permission denied');
    const lint = sane(asNobody(['lint', '--no-shellcheck', '-f', 'json', 'unrsub/Dockerfile']));
    expect(lint.status).toBe(1);
    expect(JSON.parse(lint.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['DH001']);
  });

  it('an unreadable .dockerignore: context and plan exit 2 naming it', () => {
    failsWith(asNobody(['context', 'unrig']), `dockhand: ${tmp}/unrig/.dockerignore: cannot read: permission denied`);
    failsWith(asNobody(['plan', 'unrig/Dockerfile']), /^dockhand: .*unrig\/\.dockerignore: .*permission denied/);
  });

  it('lint with an unreadable .dockerignore: exit 2 naming it (never a false "without a .dockerignore")', () => {
    const r = asNobody(['lint', '--no-shellcheck', '-f', 'json', 'unrig/Dockerfile']);
    sane(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dockhand: unrig/.dockerignore: cannot read: permission denied\n');
    expect(r.stdout).not.toContain('DH001');
  });

  it('lint --context with a directory it may not read: exit 2 naming it, never a false DH001', () => {
    put('ctxno/Dockerfile', 'FROM alpine:3\nCOPY . /app\n');
    mkdirSync(join(tmp, 'ctxno/ctx'));
    chmodSync(join(tmp, 'ctxno/ctx'), 0o000);
    const r = sane(asNobody(['lint', '--no-shellcheck', '-f', 'json', '--context', 'ctxno/ctx', 'ctxno/Dockerfile']));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`dockhand: cannot read directory ${join(tmp, 'ctxno/ctx')}: permission denied\n`);
    expect(r.stdout).not.toContain('DH001');
  });

  it('an unreadable .hadolint.yaml: exit 2, names it', () => {
    failsWith(asNobody(['lint', '--no-shellcheck', 'unrcfg/Dockerfile']), `dockhand: cannot read config ${tmp}/unrcfg/.hadolint.yaml: permission denied`);
  });

  it('a --cache-location it may not write, or where a save fails: one warning line, the same report and exit code', () => {
    put('rocache/Dockerfile', 'FROM alpine:3\nRUN apt-get install curl\n');
    mkdirSync(join(tmp, 'rocache/ro'));
    chmodSync(join(tmp, 'rocache/ro'), 0o555);
    const plain = sane(asNobody(['lint', '--no-shellcheck', '--no-cache', '-f', 'gnu', 'rocache/Dockerfile']));
    expect(plain.status).toBe(1);
    const ro = sane(asNobody(['lint', '--no-shellcheck', '-f', 'gnu', '--cache-location', 'rocache/ro', 'rocache/Dockerfile']));
    expect({ status: ro.status, stdout: ro.stdout, stderr: ro.stderr }).toEqual({ status: 1, stdout: plain.stdout, stderr: 'dockhand: warning: results cache off: --cache-location rocache/ro: permission denied\n' });
    // A sticky folder anyone may write to, whose cache files belong to root: nobody's saves cannot replace them.
    const sticky = join(tmp, 'rocache/sticky');
    mkdirSync(sticky);
    chmodSync(sticky, 0o1777);
    for (let i = 0; i < 16; i++) writeFileSync(join(sticky, `lint-${i.toString(16)}.bin`), '');
    const saved = sane(asNobody(['lint', '--no-shellcheck', '-f', 'gnu', '--cache-location', 'rocache/sticky', 'rocache/Dockerfile']));
    expect(saved.status).toBe(1);
    expect(saved.stdout).toBe(plain.stdout);
    expect(saved.stderr).toMatch(/^dockhand: warning: cannot write the results cache in .*rocache\/sticky: permission denied$/m);
  });

  it('--fix on a read-only file: exit 2, "cannot write", the report still printed', () => {
    const p = put('ro/Dockerfile', 'FROM alpine:3\nRUN apt-get install curl\n');
    chmodSync(p, 0o444);
    const r = sane(asNobody(['lint', '--no-shellcheck', '--fix', '-f', 'gnu', 'ro/Dockerfile']));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dockhand: cannot write ro/Dockerfile: permission denied\n');
    expect(r.stdout).toContain('ro/Dockerfile:2:');
  });
});

describe.skipIf(!built)('big inputs finish', () => {
  it('10 MB of comments and one RUN: lint is clean (exit 0)', () => {
    const lines = ['FROM alpine:3.20'];
    const filler = '# a comment line that is here only to make this Dockerfile very big';
    for (let n = 0; n < 10_000_000; n += filler.length + 1) lines.push(filler);
    lines.push('RUN echo hi', '');
    put('big/comments.Dockerfile', lines.join('\n'));
    const r = sane(dh(['lint', '--no-shellcheck', '-f', 'json', 'big/comments.Dockerfile'], { timeout: 60_000 }));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ file: 'big/comments.Dockerfile', diagnostics: [] }]);
  });

  it('a 10 MB Dockerfile of 180,000 RUNs: parse dumps it (exit 0)', () => {
    const run = 'RUN echo hello world this is a line of text && ls -la /tmp';
    const n = Math.ceil(10_000_000 / (run.length + 1));
    put('big/runs.Dockerfile', `FROM alpine:3.20\n${`${run}\n`.repeat(n)}`);
    const r = sane(dh(['parse', 'big/runs.Dockerfile', '--format', 'buildkit'], { timeout: 60_000 }));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').length).toBe(n + 2);
  });

  it('the same file as JSON: too big for one JSON text, said in one line (exit 2), no internal error', () => {
    const r = sane(dh(['parse', 'big/runs.Dockerfile', '--format', 'json'], { timeout: 60_000 }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('dockhand: big/runs.Dockerfile: the AST is too large for JSON output (over 128 M characters); use --format buildkit\n');
  });
});

describe.skipIf(!built)('a run that cannot finish says so', () => {
  it('WebAssembly compilation that never settles (seen on Node 24 with a V8 flag): exit 2 and one line, never a silent exit 0', () => {
    // The lint awaits tree-sitter's wasm, which never arrives; nothing else keeps the process
    // alive, so Node would end it with status 0 and no output.
    const hook = put('hang/never-compile.cjs', 'WebAssembly.instantiate = () => new Promise(() => {});\nWebAssembly.compile = () => new Promise(() => {});\n');
    put('hang/Dockerfile', 'FROM debian:12\nRUN echo `uname -m` `id -u` && sudo make\n');
    const r = dh(['lint', '--no-shellcheck', '--no-cache', 'hang/Dockerfile'], { env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('dockhand: internal error: the run stopped before it finished (something it waited for never completed)\n');
  });
});
