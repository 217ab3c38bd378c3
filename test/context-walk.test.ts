// The context walker and openBuildContext on real temporary trees: back-fill and pruning,
// symlinks (never followed, loops harmless), special files, unreadable directories, and the
// `<Dockerfile>.dockerignore` override.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextError, openBuildContext, parseDockerignore, summarizeContext, walkContext, type ContextEntry } from '../src/context/index.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-walk-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

/** Creates a tree from `{ 'a/b.txt': 'content', 'dir/': null }`; returns its root. */
function tree(spec: Record<string, string | null>): string {
  const root = join(base, `t${++n}`);
  mkdirSync(root);
  for (const [p, content] of Object.entries(spec)) {
    const abs = join(root, p);
    if (p.endsWith('/')) mkdirSync(abs, { recursive: true });
    else {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content ?? '');
    }
  }
  return root;
}

const paths = (entries: ContextEntry[]) => entries.map((e) => `${e.path}${e.type === 'dir' ? '/' : ''}`);

describe('walkContext', () => {
  it('visits in Go name order, directories before their contents', () => {
    const root = tree({ 'b.txt': '', 'a/z': '', 'a.txt': '', 'A/x': '', '_': '' });
    expect(paths([...walkContext(root)])).toEqual(['A/', 'A/x', '_', 'a/', 'a/z', 'a.txt', 'b.txt']);
  });

  it('prunes an excluded directory and back-fills one with a re-included child', () => {
    const root = tree({ 'docs/a.md': '', 'docs/keep/README.md': '', 'docs/keep/x': '', 'node_modules/m/i.js': '', 'src/i.ts': '' });
    const excluded: string[] = [];
    const got = [...walkContext(root, { matcher: parseDockerignore('docs\n!docs/keep\nnode_modules\n'), onExcluded: (p) => excluded.push(p) })];
    expect(paths(got)).toEqual(['docs/', 'docs/keep/', 'docs/keep/README.md', 'docs/keep/x', 'src/', 'src/i.ts']);
    expect(got.find((e) => e.path === 'docs')?.backfilled).toBe(true);
    expect(excluded).toEqual(['docs/a.md', 'node_modules']);
  });

  it('does not send an excluded directory whose children are all excluded', () => {
    const root = tree({ 'd/a': '', 'd/b': '' });
    // A wildcard exception disables pruning, so `d` is entered but nothing in it comes back.
    expect(paths([...walkContext(root, { matcher: parseDockerignore('d\n!d/*.keep\n') })])).toEqual([]);
  });

  it('never follows symlinks: targets outside the root and loops are just links', () => {
    const root = tree({ 'dir/f': 'x' });
    symlinkSync('/etc', join(root, 'etc-link'));
    symlinkSync('..', join(root, 'dir', 'up'));
    symlinkSync('loop', join(root, 'loop'));
    symlinkSync('dir', join(root, 'dirlink'));
    const got = [...walkContext(root)];
    expect(paths(got)).toEqual(['dir/', 'dir/f', 'dir/up', 'dirlink', 'etc-link', 'loop']);
    const link = got.find((e) => e.path === 'etc-link')!;
    expect(link).toMatchObject({ type: 'symlink', linkTarget: '/etc', size: 4 });
  });

  it('skips special files with a warning', () => {
    const root = tree({ 'a.txt': '' });
    try {
      execFileSync('mkfifo', [join(root, 'fifo')]);
    } catch {
      console.warn('mkfifo is not available: FIFO case skipped');
      return;
    }
    const warnings: string[] = [];
    const got = [...walkContext(root, { onWarning: (w) => warnings.push(w.message) })];
    expect(paths(got)).toEqual(['a.txt']);
    expect(warnings).toEqual(['skipped fifo: a named pipe is not sent']);
  });

  it('warns about (and skips) a file name that is not UTF-8', () => {
    const root = tree({ 'ok.txt': '' });
    writeFileSync(Buffer.concat([Buffer.from(`${root}/bad`), Buffer.from([0xff]), Buffer.from('.txt')]), 'x');
    const warnings: string[] = [];
    expect(paths([...walkContext(root, { onWarning: (w) => warnings.push(w.message) })])).toEqual(['ok.txt']);
    expect(warnings).toEqual(['skipped bad\uFFFD.txt: the file name is not valid UTF-8']);
  });

  it('fails with a clear error naming an unreadable directory', () => {
    if (process.getuid?.() === 0) {
      console.warn('running as root: chmod 000 does not stop reads, unreadable-directory case skipped');
      return;
    }
    const root = tree({ 'locked/secret': 'x' });
    chmodSync(join(root, 'locked'), 0);
    try {
      expect(() => [...walkContext(root)]).toThrow(/cannot read directory locked: permission denied/);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
  });

  it('does not read excluded directories at all', () => {
    // An excluded, pruned directory is never listed: a special file inside raises no warning.
    const root = tree({ 'ok.txt': '', 'cache/x': '' });
    try {
      execFileSync('mkfifo', [join(root, 'cache', 'fifo')]);
    } catch {
      /* without mkfifo the listing check below still holds */
    }
    const warnings: string[] = [];
    const got = [...walkContext(root, { matcher: parseDockerignore('cache\n'), onWarning: (w) => warnings.push(w.message) })];
    expect(paths(got)).toEqual(['ok.txt']);
    expect(warnings).toEqual([]);
  });

  it('streams: a consumer can stop early', () => {
    const spec: Record<string, string> = {};
    for (let i = 0; i < 200; i++) spec[`d${i % 10}/f${i}`] = '';
    const root = tree(spec);
    let k = 0;
    for (const _ of walkContext(root)) if (++k === 5) break;
    expect(k).toBe(5);
  });
});

describe('openBuildContext', () => {
  it('rejects a missing root and a file root with one-line errors', () => {
    expect(() => openBuildContext(join(base, 'nope'))).toThrow(ContextError);
    expect(() => openBuildContext(join(base, 'nope'))).toThrow(/no such file or directory/);
    const root = tree({ f: '' });
    expect(() => openBuildContext(join(root, 'f'))).toThrow(/not a directory/);
  });

  it('answers rule questions lazily', () => {
    const root = tree({ '.dockerignore': '*.log\nbuild/\n!build/keep\n', '.gitignore': 'dist\n', 'a.log': '', 'src/main.go': '', 'src/util.go': '', 'build/x': '' });
    const ctx = openBuildContext(root);
    expect(ctx.dockerignore).toEqual({ path: '.dockerignore', text: '*.log\nbuild/\n!build/keep\n' });
    expect(ctx.gitignore).toBe('dist\n');
    expect(ctx.exists('src/main.go')).toBe(true);
    expect(ctx.exists('./src/../src/main.go')).toBe(true);
    expect(ctx.exists('../etc/passwd')).toBe(false);
    expect(ctx.isDirectory('src')).toBe(true);
    expect(ctx.isExcluded('a.log')).toBe(true);
    expect(ctx.isExcluded('/build/x')).toBe(true);
    expect(ctx.isExcluded('build/keep')).toBe(false);
    expect(ctx.isExcluded('src/a.log')).toBe(false);
    expect(ctx.glob('src/*.go')).toEqual(['src/main.go', 'src/util.go']);
    expect(ctx.glob('*')).toEqual(['.dockerignore', '.gitignore', 'a.log', 'build', 'src']);
    expect(ctx.glob('nothing*')).toEqual([]);
    expect(ctx.topLevel().sort()).toEqual(['.dockerignore', '.gitignore', 'a.log', 'build', 'src']);
    expect(ctx.topLevelMatching(/^\.|\.LOG$/i).sort()).toEqual(['.dockerignore', '.gitignore', 'a.log']);
    expect(ctx.topLevelMatching(/^nothing/)).toEqual([]);
    // A global pattern's lastIndex does not carry from one name to the next.
    expect(ctx.topLevelMatching(/\.log$|^src$/g).sort()).toEqual(['a.log', 'src']);
  });

  it('a context without a .gitignore (or whose .gitignore is a directory) has none; a link to one is read', () => {
    const root = tree({ 'Dockerfile': 'FROM a\n' });
    expect(openBuildContext(root).gitignore).toBeNull();
    mkdirSync(join(root, '.gitignore'));
    expect(openBuildContext(root).gitignore).toBeNull();
    rmSync(join(root, '.gitignore'), { recursive: true });
    writeFileSync(join(root, 'ignored.txt'), 'node_modules\n');
    symlinkSync('ignored.txt', join(root, '.gitignore'));
    expect(openBuildContext(root).gitignore).toBe('node_modules\n');
  });

  it('isSent agrees with the walk: what the build sends, re-included directories included', () => {
    const spec = {
      'README.md': '', LICENSE: '', 'docs/a.md': '', 'docs/keep/README.md': '', 'docs/keep/x': '', 'src/i.ts': '',
      'build/out/app.bin': '', 'build/tmp/x.o': '', 'd/a': '', 'd/b': '', 'empty/': null,
    };
    const ignores = ['*\n!README.md\n!docs/keep\n', 'docs\n!docs/keep\nbuild\n!build/out/app.bin\n', 'd\n!d/*.keep\n', 'LICENSE\n', '**/*.md\n!docs/**\n'];
    for (const ignore of ignores) {
      const root = tree({ ...spec, '.dockerignore': ignore });
      const sent = new Set(paths([...walkContext(root, { matcher: parseDockerignore(ignore) })]).map((p) => p.replace(/\/$/, '')));
      const ctx = openBuildContext(root);
      const all = ['README.md', 'LICENSE', 'docs', 'docs/a.md', 'docs/keep', 'docs/keep/x', 'src', 'src/i.ts', 'build', 'build/out', 'build/tmp', 'build/tmp/x.o', 'd', 'd/a', 'empty'];
      for (const p of all) expect(ctx.isSent(p), `${p} with ${JSON.stringify(ignore)}`).toBe(sent.has(p));
      expect(ctx.isSent('missing')).toBe(false);
      expect(ctx.isSent('.')).toBe(true);
    }
  });

  it('prefers <Dockerfile>.dockerignore next to the Dockerfile (replacing, not merging)', () => {
    const root = tree({ '.dockerignore': 'a\n', 'docker/app.Dockerfile': 'FROM x\n', 'docker/app.Dockerfile.dockerignore': 'b\n', a: '', b: '' });
    const plain = openBuildContext(root);
    expect(plain.isExcluded('a')).toBe(true);
    const specific = openBuildContext(root, { dockerfile: 'docker/app.Dockerfile' });
    expect(specific.dockerignore?.path).toBe('docker/app.Dockerfile.dockerignore');
    expect(specific.isExcluded('a')).toBe(false);
    expect(specific.isExcluded('b')).toBe(true);
    const other = openBuildContext(root, { dockerfile: 'docker/other.Dockerfile' });
    expect(other.dockerignore?.path).toBe('.dockerignore');
  });

  it('reports an invalid .dockerignore without throwing from rule questions', () => {
    const root = tree({ '.dockerignore': 'ok\n!\n', f: '' });
    const ctx = openBuildContext(root);
    expect(ctx.isExcluded('ok')).toBe(false);
    expect(ctx.dockerignoreError()?.message).toMatch(/line 2: illegal exclusion pattern/);
    expect(() => ctx.matcher()).toThrow(/line 2/);
  });
});

describe('summarizeContext', () => {
  it('counts, lists largest, flags likely mistakes', () => {
    const root = tree({ '.git/HEAD': 'ref', 'node_modules/m/index.js': 'x', '.env': 'A=1', '.env.example': 'A=', 'big.bin': 'x'.repeat(5000), 'src/a.ts': 'a', '.dockerignore': '*.log\n', 'x.log': '' });
    symlinkSync('/etc/passwd', join(root, 'pw'));
    const s = summarizeContext(root, { keepFiles: true });
    expect(s.files!.map((f) => f.path)).toEqual(['.dockerignore', '.env', '.env.example', '.git/HEAD', 'big.bin', 'node_modules/m/index.js', 'pw', 'src/a.ts']);
    expect(s.totalBytes).toBe(6 + 3 + 2 + 3 + 5000 + 1 + 11 + 1);
    expect(s.excluded).toBe(1);
    expect(s.largestFiles[0]).toEqual({ path: 'big.bin', size: 5000 });
    const w = s.warnings.join('\n');
    expect(w).toMatch(/`\.git` is sent/);
    expect(w).toMatch(/`node_modules` is sent/);
    expect(w).toMatch(/possible secrets are sent: `\.env`;/);
    expect(w).toMatch(/pw -> \/etc\/passwd/);
  });
});
