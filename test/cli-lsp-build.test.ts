// The language server's build inputs on a real disk (src/cli/lsp-build.ts): the context through a
// monitor, the baseline from a saved plan or git HEAD, and the call when files change.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BuildWorkspace, watchConfig } from '../src/cli/lsp-build.js';
import { openPlannerContext } from '../src/cli/planner-context.js';
import { parse } from '../src/parser/index.js';
import { withoutReading } from '../src/planner/context.js';
import { plan } from '../src/planner/plan.js';
import { planLenses, planLensesIfRead } from '../src/service/index.js';
import { capturedIo, runCaptured } from './cli-io.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-lsp-build-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let open: BuildWorkspace | undefined;
afterEach(() => open?.close());

const DOCKERFILE = 'FROM alpine:3.20\nCOPY app.sh /app.sh\nRUN sh /app.sh\n';

function project(name: string): { dir: string; path: string; workspace: BuildWorkspace } {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(dir, 'app.sh'), 'echo one\n');
  // The stat cache goes to a folder of the test's own.
  open = new BuildWorkspace(capturedIo({ cwd: dir, env: { DOCKHAND_CACHE_DIR: join(base, 'cache') } }));
  return { dir, path: join(dir, 'Dockerfile'), workspace: open };
}

const titles = (text: string, inputs: Parameters<typeof planLenses>[1]) => planLenses(text, inputs).map((l) => l.title.replace(/(key|base) [0-9a-f]{12}/, '$1 K'));

describe('build inputs of the language server', () => {
  it('says why there is no baseline outside git, and links to the context', async () => {
    const { dir, path, workspace } = project('plain');
    const inputs = await workspace.inputs(path, {}, null, () => undefined);
    expect(inputs.baseline).toEqual({ plan: null, reason: expect.stringMatching(/^no baseline: not in a git repository \(set dockhand\.plan\.baseline/) });
    expect(inputs.contextUri).toBe(`file://${dir}`);
    expect(inputs.has('app.sh')).toBe(true);
    expect(inputs.has('nope')).toBe(false);
    // The same object while nothing changed (the service's plan is memoised on it).
    expect(await workspace.inputs(path, {}, null, () => undefined)).toBe(inputs);
  });

  it('links a COPY source through a symbolic link that leads somewhere in the context, as the builder follows it', async () => {
    const { dir, path, workspace } = project('links');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'main.sh'), 'echo\n');
    symlinkSync('src', join(dir, 'lib'));
    symlinkSync('/src', join(dir, 'abs')); // the context's src/, in the builder
    symlinkSync('../outside', join(dir, 'out'));
    mkdirSync(join(base, 'outside'), { recursive: true });
    writeFileSync(join(base, 'outside', 'x'), 'x');
    const inputs = await workspace.inputs(path, {}, null, () => undefined);
    expect(['lib/main.sh', 'abs/main.sh', 'out/x', 'lib/nope'].map((p) => inputs.has(p))).toEqual([true, true, false, false]);
  });

  it('takes a saved plan as the baseline when one is configured, and hears of changed files', async () => {
    const { dir, path, workspace } = project('saved');
    // Saved the way a user saves one.
    const saved = await runCaptured(['plan', '--save', 'before.json'], { cwd: dir, env: { DOCKHAND_CACHE_DIR: join(base, 'cache') } });
    expect(saved.code, saved.stderr).toBe(0);
    let changed = 0;
    const inputs = await workspace.inputs(path, { baseline: 'before.json' }, dir, () => changed++);
    expect(titles(DOCKERFILE, inputs)).toEqual(['stage #0 · 2 steps, all cached (vs before.json)', 'cached · key K', 'cached · key K']);
    writeFileSync(join(dir, 'app.sh'), 'echo two\n');
    for (let i = 0; i < 300 && changed === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(changed).toBeGreaterThan(0);
    const after = await workspace.inputs(path, { baseline: 'before.json' }, dir, () => changed++);
    expect(after).not.toBe(inputs);
    expect(titles(DOCKERFILE, after)[1]).toBe('rebuild: app.sh modified (selected by app.sh) · key K');
    // A configured plan that is not there: git HEAD, else no baseline, and the reason names it.
    const missing = await workspace.inputs(path, { baseline: 'gone.json' }, dir, () => undefined);
    expect(missing.baseline).toMatchObject({ plan: null, reason: expect.stringMatching(/gone\.json does not exist; not in a git repository/) });
  });

  it('compares with git HEAD: the Dockerfile as committed, files changed since marked', async () => {
    const git = spawnSync('git', ['--version']);
    if (git.error) return console.warn('SKIPPED: git is not installed');
    const { dir, path, workspace } = project('git');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1', HOME: base };
    for (const a of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'one']]) expect(spawnSync('git', a, { cwd: dir, env }).status).toBe(0);
    writeFileSync(join(dir, 'app.sh'), 'echo two\n');
    const inputs = await workspace.inputs(path, {}, null, () => undefined);
    expect(inputs.baseline).toMatchObject({ label: 'HEAD' });
    // The editor's text, one line edited, against HEAD's Dockerfile and files.
    const edited = DOCKERFILE.replace('RUN sh /app.sh', 'RUN sh -x /app.sh');
    expect(titles(edited, inputs)).toEqual([
      'stage #0 · 2 of 2 steps rebuild from line 2 (vs HEAD)',
      'rebuild: app.sh modified (selected by app.sh) · key K',
      'rebuild: parent step rebuilt (line 2 rebuilt); also line 3 edited: RUN sh /app.sh → RUN sh -x /app.sh · key K',
    ]);
  });

  it('compares with git HEAD under HEAD\'s .dockerignore when it differs from today\'s', async () => {
    const git = spawnSync('git', ['--version']);
    if (git.error) return console.warn('SKIPPED: git is not installed');
    const { dir, path, workspace } = project('git-ignore');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . /app\n');
    writeFileSync(join(dir, '.dockerignore'), '.dockerignore\nDockerfile\n');
    writeFileSync(join(dir, 'debug.log'), 'log\n');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1', HOME: base };
    for (const a of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'one']]) expect(spawnSync('git', a, { cwd: dir, env }).status).toBe(0);
    // The .dockerignore excludes itself, so only the files it now excludes tell the COPY changed.
    writeFileSync(join(dir, '.dockerignore'), '.dockerignore\nDockerfile\n*.log\n');
    const inputs = await workspace.inputs(path, {}, null, () => undefined);
    expect(titles('FROM alpine:3.20\nCOPY . /app\n', inputs)).toEqual([
      'stage #0 · 1 of 1 step rebuild from line 2 (vs HEAD)',
      'rebuild: debug.log removed (selected by .) · key K',
    ]);
  });

  it('says on a step\'s lens what it reads that git cannot compare with HEAD (files git ignores), as explain --since notes', async () => {
    const git = spawnSync('git', ['--version']);
    if (git.error) return console.warn('SKIPPED: git is not installed');
    const { dir, path, workspace } = project('git-ignored');
    const text = 'FROM alpine:3.20\nCOPY app.sh /app.sh\nCOPY dist /app/dist\nRUN sh /app.sh\n';
    writeFileSync(join(dir, 'Dockerfile'), text);
    writeFileSync(join(dir, '.gitignore'), 'dist/\n');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1', HOME: base };
    for (const a of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'one']]) expect(spawnSync('git', a, { cwd: dir, env }).status).toBe(0);
    // Built locally after the commit: git has no version of it at HEAD.
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'main.js'), 'x\n');
    const inputs = await workspace.inputs(path, {}, null, () => undefined);
    expect(titles(text, inputs)).toEqual([
      'stage #0 · 3 steps, all cached (vs HEAD)',
      'cached · key K',
      'cached · key K · not compared with HEAD: dist (git ignores it)',
      'cached · key K',
    ]);
  });

  it('hashes the files a plan reads ahead of it (large ones a megabyte at a time), with the digests a plain read gives', async () => {
    const { dir, path, workspace } = project('prefetch');
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, 'src', `f${i}.txt`), `file ${i}\n`);
    writeFileSync(join(dir, 'src/deep/big.bin'), Buffer.alloc(3 << 20, 7)); // read in 3 slices
    const text = 'FROM alpine:3.20\nCOPY app.sh /app.sh\nCOPY src/ /src/\nRUN --mount=type=bind,source=src/deep,target=/d ls /d\n';
    const inputs = await workspace.inputs(path, {}, null, () => undefined);
    const context = inputs.context!;
    // Nothing is hashed yet: the lenses wait for the files the plan reads.
    const first = planLensesIfRead(text, inputs);
    expect('unread' in first && [...first.unread].sort()).toEqual(['app.sh', ...Array.from({ length: 50 }, (_, i) => `src/f${i}.txt`), 'src/deep/big.bin'].sort());
    expect(context.known!('src/deep/big.bin')).toBeUndefined();
    expect(context.known!('src')).toMatch(/^d/); // a directory's digest needs no read
    await context.prefetch!('unread' in first ? first.unread : []);
    const second = planLensesIfRead(text, inputs);
    expect(second).toEqual({ lenses: planLenses(text, inputs) });
    // The same plan as one whose reader hashes on demand, as `dockhand plan` reads a context.
    const plain = await openPlannerContext(dir, path, capturedIo({ cwd: dir, env: { DOCKHAND_CACHE_DIR: join(base, 'cache-plain') } }));
    const file = parse(text);
    const unread = new Set<string>();
    expect(plan(file, { context: withoutReading(context, unread) })).toEqual(plan(file, { context: plain }));
    expect(unread.size).toBe(0);
    plain.close();
  });

  it('watches config and ignore files beside the Dockerfile and above it, up to the workspace root', async () => {
    const { dir, path } = project('config');
    let heard = 0;
    const stop = watchConfig(path, base, () => heard++);
    try {
      writeFileSync(join(dir, 'unrelated.txt'), 'x');
      writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: []\n');
      for (let i = 0; i < 300 && heard === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toBeGreaterThan(0);
      const before = heard;
      writeFileSync(join(base, '.dockhand.yaml'), 'rules: {}\n');
      for (let i = 0; i < 300 && heard === before; i++) await new Promise((r) => setTimeout(r, 10));
      expect(heard).toBeGreaterThan(before);
    } finally {
      stop();
      rmSync(join(base, '.dockhand.yaml'), { force: true });
    }
  });
});
