// `dockhand explain --watch`: re-explains on every change of the context or the Dockerfile,
// survives a Dockerfile mid-edit, and stops cleanly on SIGINT.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { watchExplain } from '../src/cli/explain-watch.js';
import { renderExplanation } from '../src/cli/commands/explain.js';
import { capturedIo, runCaptured } from './cli-io.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const base = mkdtempSync(join(tmpdir(), 'dockhand-watch-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function project(): string {
  const dir = join(base, `p${++n}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY src ./src\n');
  writeFileSync(join(dir, 'package.json'), '{"name":"a"}\n');
  writeFileSync(join(dir, 'src/main.js'), 'console.log(1)\n');
  return dir;
}

/** Polls until `check` holds (the watcher reacts asynchronously), failing after 5 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('dockhand explain --watch', () => {
  it('explains each change against the build as it was when watching started', async () => {
    const dir = project();
    const io = capturedIo({ cwd: dir, env: { DOCKHAND_CACHE_DIR: join(base, 'cache') } });
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = watchExplain({}, io, { format: 'text', pull: false, render: renderExplanation, stop: stopped, debounceMs: 20 });
    await until(() => io.out.includes('0 steps rebuild, 4 cached'), 'the first explanation');

    writeFileSync(join(dir, 'src/main.js'), 'console.log(2)\n');
    await until(() => io.out.includes('src/main.js modified'), 'the edit to src/main.js');
    expect(io.out).toMatch(/REBUILD +5 +COPY src \.\/src/);
    expect(io.out).toContain('1 step rebuild, 3 cached');

    // Put back as it was: nothing rebuilds any more.
    writeFileSync(join(dir, 'src/main.js'), 'console.log(1)\n');
    const before = io.out.length;
    await until(() => io.out.slice(before).includes('0 steps rebuild, 4 cached'), 'the revert');

    // A new file under a copied folder.
    writeFileSync(join(dir, 'src/extra.js'), 'x\n');
    await until(() => io.out.includes('src/extra.js added'), 'the new file');

    // The Dockerfile mid-edit: the error is shown once, and watching goes on.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUNN npm install\n');
    await until(() => io.err.includes('(still watching)'), 'the error');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY src ./src\n');
    await until(() => io.out.includes('line 4 edited'), 'the Dockerfile edit');

    stop();
    expect(await done).toBe(0);
  });

  it('prints one JSON document per line with --format json', async () => {
    const dir = project();
    const io = capturedIo({ cwd: dir, env: { DOCKHAND_CACHE_DIR: join(base, 'cache') } });
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = watchExplain({}, io, { format: 'json', pull: false, render: renderExplanation, stop: stopped, debounceMs: 20 });
    await until(() => io.out.split('\n').filter(Boolean).length === 1, 'the first document');
    writeFileSync(join(dir, 'package.json'), '{"name":"b"}\n');
    await until(() => io.out.split('\n').filter(Boolean).length === 2, 'the second document');
    stop();
    await done;
    const docs = io.out.trim().split('\n').map((l) => JSON.parse(l) as { summary: { rebuild: number; cached: number } });
    expect(docs.map((d) => d.summary)).toEqual([
      { rebuild: 0, cached: 4 },
      { rebuild: 3, cached: 1 },
    ]);
  });

  it('ends (exit 0) once the reader of its output has gone, at the next explanation it prints', async () => {
    const dir = project();
    let readerGone = false;
    const io = { ...capturedIo({ cwd: dir, env: { DOCKHAND_CACHE_DIR: join(base, 'cache') } }), stdoutClosed: () => readerGone };
    let printed = 0;
    const write = io.stdout;
    io.stdout = (t: string) => {
      printed++;
      write.call(io, t);
    };
    // Never stopped otherwise: only the reader going away can end it.
    const done = watchExplain({}, io, { format: 'text', pull: false, render: renderExplanation, stop: new Promise<void>(() => undefined), debounceMs: 20 });
    await until(() => printed === 1, 'the first explanation');
    readerGone = true;
    writeFileSync(join(dir, 'src/main.js'), 'console.log(2)\n');
    expect(await done).toBe(0);
    expect(printed).toBe(2);
  });

  it('refuses modes it cannot watch', async () => {
    const dir = project();
    const env = { DOCKHAND_CACHE_DIR: join(base, 'cache') };
    const changed = await runCaptured(['explain', '--watch', '--changed', 'src/main.js'], { cwd: dir, env });
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/--watch compares with the build as it is now/);
    const stdin = await runCaptured(['explain', '-', '--watch'], { cwd: dir, env, stdin: 'FROM a\n' });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/--watch needs a Dockerfile on disk/);
  });

  it('stops with exit code 0 on SIGINT (the real binary)', async () => {
    const dir = project();
    const child = spawn(process.execPath, [join(repoRoot, 'bin/dockhand.js'), 'explain', '--watch'], {
      cwd: dir,
      env: { ...process.env, DOCKHAND_CACHE_DIR: join(base, 'cache') },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => out.includes('4 cached'), 'the first explanation');
    writeFileSync(join(dir, 'package.json'), '{"name":"c"}\n');
    await until(() => out.includes('package.json modified'), 'the edit');
    const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    child.kill('SIGINT');
    expect(await code).toBe(0);
  });
});
