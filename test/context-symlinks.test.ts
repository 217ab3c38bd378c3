// Symbolic links in a build context, as BuildKit follows a COPY source: every link on the path, the
// last one included, resolved inside the context (an absolute target from its root, `..` never above
// it). The linter's view, the results cache's record of what it asked, the planner, and the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBuildContext } from '../src/context/index.js';
import { resolveInside, type LinkLookup, type OutsideLink } from '../src/core/symlinks.js';
import { ContextAnswers, recordingView, type ContextRead } from '../src/cli/context-reads.js';
import { parse } from '../src/parser/index.js';
import { memoryContext } from '../src/planner/context.js';
import { explain } from '../src/planner/explain.js';
import { plan } from '../src/planner/plan.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-links-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const bin = resolve(__dirname, '..', 'bin', 'dockhand.js');
let n = 0;

/** A tree from `{ 'a/b.txt': 'content', 'link': { link: 'target' } }` under a fresh directory; returns the context root (`ctx`). */
function tree(spec: Record<string, string | { link: string }>): string {
  const top = join(base, `t${++n}`);
  const root = join(top, 'ctx');
  mkdirSync(root, { recursive: true });
  for (const [p, v] of Object.entries(spec)) {
    const abs = join(top, p);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof v === 'string') writeFileSync(abs, v);
    else symlinkSync(v.link, abs);
  }
  return root;
}

describe('resolveInside', () => {
  // A context as a map: a string is a link's target, true a directory, false a file.
  const lookupOf = (spec: Record<string, string | boolean>): LinkLookup => (p) => {
    const v = spec[p];
    if (v === undefined) return null;
    return typeof v === 'string' ? { dir: false, link: v } : { dir: v };
  };

  it('follows relative, absolute and chained links inside the context, the last one too', () => {
    const lookup = lookupOf({ src: true, 'src/a': false, lib: 'src', abs: '/src', chain: 'lib/a', up: '../../src', conf: true });
    expect(resolveInside('lib/a', lookup)).toBe('src/a');
    expect(resolveInside('abs/a', lookup)).toBe('src/a');
    expect(resolveInside('chain', lookup)).toBe('src/a');
    // `..` stops at the root: two levels up from the root is the root.
    expect(resolveInside('up/a', lookup)).toBe('src/a');
    expect(resolveInside('src/../conf', lookup)).toBe('conf');
    expect(resolveInside('lib/../conf', lookup)).toBe('conf'); // `..` after a link: from where it led
  });

  it('leads nowhere for a missing entry, a file with more path after it, a dangling link, or a loop', () => {
    const lookup = lookupOf({ f: false, dang: 'nowhere', a: 'b', b: 'a', self: 'self/x', unreadable: null as unknown as string });
    for (const p of ['missing', 'f/x', 'dang', 'a', 'self']) expect(resolveInside(p, lookup), p).toBeNull();
  });

  it('names the links whose targets leave the context', () => {
    const lookup = lookupOf({ etc: '/etc', sub: true, 'sub/up': '../../outside', 'sub/in': '../etc', outside: true, 'outside/x': false });
    const outside: OutsideLink[] = [];
    expect(resolveInside('sub/up/x', lookup, outside)).toBe('outside/x');
    expect(outside).toEqual([{ link: 'sub/up', target: '../../outside' }]);
    const more: OutsideLink[] = [];
    // sub/in stays inside (it leads to etc); etc is the link that leaves, and in the context it
    // leads to itself: a loop, named once.
    expect(resolveInside('sub/in/passwd', lookup, more)).toBeNull();
    expect(more).toEqual([{ link: 'etc', target: '/etc' }]);
  });
});

describe('the linter\'s view of a context with links', () => {
  const root = tree({
    'ctx/src/a.txt': 'a', 'ctx/conf/x': 'x', 'outside/o': 'o', 'outside/passwd': 'p',
    'ctx/lib': { link: 'src' }, 'ctx/etc': { link: '/conf' }, 'ctx/up': { link: '../outside' }, 'ctx/dang': { link: 'nowhere' },
    'ctx/loop1': { link: 'loop2' }, 'ctx/loop2': { link: 'loop1' }, 'ctx/one': { link: 'src/a.txt' },
  });
  const view = openBuildContext(root);

  it('answers through links as the builder resolves them, never from outside the context', () => {
    expect(view.exists('lib/a.txt')).toBe(true);
    expect(view.exists('etc/x')).toBe(true); // /conf from the context's root
    expect(view.exists('one')).toBe(true);
    // isDirectory is about the entry itself, as `COPY . .` sends it: a link to a directory is a link.
    expect(view.isDirectory('lib')).toBe(false);
    expect(view.isDirectory('src')).toBe(true);
    // On this machine ../outside/o exists; in the builder, up leads to <context>/outside.
    for (const p of ['up/o', 'up', 'dang', 'loop1', 'one/x']) expect(view.exists(p), p).toBe(false);
    expect(view.glob('lib/*.txt')).toEqual(['lib/a.txt']);
    expect(view.glob('up/*')).toEqual([]);
    expect(view.isSent('lib/a.txt')).toBe(true);
    expect(view.isSent('up/o')).toBe(false);
  });

  it('names the link that leaves the context', () => {
    expect(view.linkOutside!('up/o')).toEqual({ link: 'up', target: '../outside' });
    expect(view.linkOutside!('lib/a.txt')).toBeNull();
    expect(view.linkOutside!('etc/passwd')).toEqual({ link: 'etc', target: '/conf' });
  });

  it('a source whose link target .dockerignore excludes is not sent', () => {
    const r = tree({ 'ctx/src/a.txt': 'a', 'ctx/lib': { link: 'src' }, 'ctx/.dockerignore': 'src\n' });
    const v = openBuildContext(r);
    expect(v.exists('lib/a.txt')).toBe(true);
    expect(v.isSent('lib/a.txt')).toBe(false);
    // Excluding the link itself: the builder never receives it.
    const r2 = tree({ 'ctx/src/a.txt': 'a', 'ctx/lib': { link: 'src' }, 'ctx/.dockerignore': 'lib\n' });
    expect(openBuildContext(r2).isSent('lib/a.txt')).toBe(false);
    expect(openBuildContext(r2).isSent('src/a.txt')).toBe(true);
  });
});

describe('special files', () => {
  it('a named pipe is not in the context the builder gets, named or matched (the walk skips it too)', () => {
    const root = tree({ 'ctx/pipe.txt': 'placeholder', 'ctx/real.txt': 'r', 'ctx/to-pipe': { link: 'pipe.txt' } });
    rmSync(join(root, 'pipe.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const view = openBuildContext(root);
    expect(view.exists('pipe.txt')).toBe(false);
    expect(view.exists('to-pipe')).toBe(false);
    expect(view.isSent('pipe.txt')).toBe(false);
    expect(view.glob('*.txt')).toEqual(['real.txt']);
  });
});

describe('the results cache and links', () => {
  it('marks an answer that went through a link, and asks it again even when the root is unchanged', () => {
    const root = tree({ 'ctx/sub/file': 'f', 'ctx/one': { link: 'sub/file' }, 'ctx/plain': 'p' });
    // Answers whose root stat vouches for the root's entries: wait out the timestamp granularity.
    let answers = new ContextAnswers(openBuildContext(root), root);
    for (const deadline = Date.now() + 5000; !answers.rootStamp && Date.now() < deadline; ) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      answers = new ContextAnswers(openBuildContext(root), root);
    }
    const stamp = answers.rootStamp;
    expect(stamp).toBeDefined();
    const { view, reads } = recordingView(answers);
    expect(view.exists('one')).toBe(true);
    expect(view.exists('plain')).toBe(true);
    expect(view.linkOutside!('one')).toBeNull();
    expect(view.linkOutside!('plain')).toBeNull();
    expect(reads).toEqual([['exists', 'one', '~=true'], ['exists', 'plain', '=true'], ['linkOutside', 'one', '~=null'], ['linkOutside', 'plain', '=null']]);
    // The link's target goes; the root's own entries (and so its stat) stay as they were.
    rmSync(join(root, 'sub', 'file'));
    expect(new ContextAnswers(openBuildContext(root), root).holds(reads, stamp)).toBe(false);
    expect(new ContextAnswers(openBuildContext(root), root).holds(reads.filter((r) => r[1] === 'plain'), stamp)).toBe(true);
    // Taken as they are (not asked again) only when they read no link: a forged answer shows which.
    const forged = reads.map(([op, arg, a]): ContextRead => [op, arg, a.replace('null', '{"link":"x","target":"/x"}')]);
    expect(new ContextAnswers(openBuildContext(root), root).holds(forged.filter((r) => r[1] === 'plain'), stamp)).toBe(true);
    expect(new ContextAnswers(openBuildContext(root), root).holds(forged.filter((r) => r[0] === 'linkOutside' && r[1] === 'one'), stamp)).toBe(false);
  });
});

describe('the results cache and links inside a directory', () => {
  it('records the links out of a directory with a lint, and asks again even when the root is unchanged', () => {
    const root = tree({ 'ctx/app/x': { link: '../lib/x' }, 'ctx/app/a': 'a', 'ctx/lib/other': 'o' });
    const { view, reads } = recordingView(new ContextAnswers(openBuildContext(root), root));
    expect(view.linksOutOf!('app')).toEqual([{ link: 'app/x', target: '../lib/x', to: null }]);
    expect(reads.map((r) => r[0])).toEqual(['linksOutOf']);
    const stamp = ['not', 'a', 'stamp', 0];
    expect(new ContextAnswers(openBuildContext(root), root).holds(reads, stamp)).toBe(true);
    // The target appears below lib/: the root's own entries (and stat) stay as they were.
    writeFileSync(join(root, 'lib', 'x'), 'x');
    const now = new ContextAnswers(openBuildContext(root), root);
    expect(now.holds(reads, now.rootStamp ?? stamp)).toBe(false);
  });
});

describe('the planner and links', () => {
  const files = {
    'src/a.txt': 'a\n', 'src/b.txt': 'b\n', 'conf/x': 'x\n',
    lib: { content: '', symlink: 'src' }, etc: { content: '', symlink: '/conf' }, one: { content: '', symlink: 'src/a.txt' },
    up: { content: '', symlink: '../outside' }, all: { content: '', symlink: '.' },
  };
  const text = 'FROM a\nCOPY lib/a.txt /1\nCOPY etc/x /2\nCOPY one /3\nCOPY lib/*.txt /4\nCOPY up/o /5\nCOPY all /6\n';
  const mk = (f: typeof files) => plan(parse(text), { context: memoryContext(f) });

  it('selects what a link points to inside the context', () => {
    const steps = mk(files).stages[0]!.steps;
    expect(steps.map((s) => s.inputs)).toEqual([
      ['src/a.txt'], ['conf/x'], ['src/a.txt'], ['src/a.txt', 'src/b.txt'], [],
      // A link to the root selects the whole context, links and all.
      ['all', 'conf', 'conf/x', 'etc', 'lib', 'one', 'src', 'src/a.txt', 'src/b.txt', 'up'],
    ]);
  });

  it('a COPY through a link is rebuilt when the file it points to changes, and only then', () => {
    const changed = { ...files, 'src/a.txt': 'changed\n' };
    const rebuilt = (source: string) => {
      const one = (f: typeof files) => plan(parse(`FROM a\nCOPY ${source} /x\n`), { context: memoryContext(f) });
      return explain(one(files), one(changed)).steps[0]!.status !== 'cached';
    };
    for (const source of ['lib/a.txt', 'one', 'lib/*.txt', 'all']) expect(rebuilt(source), source).toBe(true);
    for (const source of ['etc/x', 'lib/b.txt', 'up/o']) expect(rebuilt(source), source).toBe(false);
  });

  it('says which link leaves the context when a source matches nothing', () => {
    expect(mk(files).warnings).toContain('line 6: up/o matches nothing in the build context (up is a symbolic link to ../outside, outside the context; the builder resolves it inside the context)');
  });
});

describe('the planner and links inside what a wildcard or --exclude source copies', () => {
  // BuildKit checksums such a source entry by entry and follows every link among the entries
  // (contenthash's includedPaths, then lazyChecksum with FollowLinks); a plain source is
  // checksummed as a whole, its links as links.
  const files = {
    'src/app.js': 'app\n', 'src/shared': { content: '', symlink: '../common' }, 'src/cfg': { content: '', symlink: '/conf/app.yaml' },
    'common/util.js': 'u\n', 'conf/app.yaml': 'y\n', 'conf/other.yaml': 'o\n', 'twin.yaml': 'y\n',
  };
  const status = (source: string, change: Record<string, string | { content: string; symlink: string }>) => {
    const one = (f: Record<string, string | { content: string; symlink: string }>) => plan(parse(`FROM a\nCOPY ${source} /x\n`), { context: memoryContext(f) });
    return explain(one(files), one({ ...files, ...change })).steps[0]!.status;
  };

  it('a file or directory behind a nested link changes the key of a wildcard or --exclude source, not of a plain one', () => {
    for (const source of ['sr*', 'src/*', '--exclude=*.md src', '--exclude=*.md .']) {
      expect(status(source, { 'common/util.js': 'changed\n' }), source).toBe('rebuild');
      expect(status(source, { 'conf/app.yaml': 'changed\n' }), source).toBe('rebuild');
      expect(status(source, { 'conf/other.yaml': 'changed\n' }), source).toBe(source.endsWith(' .') ? 'rebuild' : 'cached');
      // The link counts as what it leads to: pointed at an identical file, nothing changes.
      expect(status(source, { 'src/cfg': { content: '', symlink: '../twin.yaml' } }), source).toBe('cached');
    }
    expect(status('src', { 'common/util.js': 'changed\n' })).toBe('cached');
    expect(status('src', { 'src/cfg': { content: '', symlink: '../twin.yaml' } })).toBe('rebuild');
  });

  it('warns when such a link leads to nothing in the context: the build fails', () => {
    const broken = { ...files, 'src/gone': { content: '', symlink: 'missing.txt' }, 'top': { content: '', symlink: '/etc/passwd' } };
    const warnings = (source: string) => plan(parse(`FROM a\nCOPY ${source} /x\n`), { context: memoryContext(broken) }).warnings;
    const nested = 'line 2: src*: src/gone is a symbolic link to missing.txt, which leads to nothing in the build context; a source with a wildcard or --exclude has every link it copies followed, so the build fails ("not found")';
    // src/cfg and src/shared lead to files of the context, but no source selects them, so the builder
    // does not have them either (fsutil's FollowPaths resolves a source's own path, not nested links).
    const unsent = (link: string, to: string) =>
      `line 2: src*: ${link} is a symbolic link to ${to}, which the builder does not receive (no source selects it); a source with a wildcard or --exclude has every link it copies followed, so the build fails ("not found")`;
    const inSrc = [nested, unsent('src/cfg', 'conf/app.yaml'), unsent('src/shared', 'common')];
    expect(warnings('src*')).toEqual(inSrc);
    expect(warnings('to*')).toEqual([nested.replace('src*: src/gone', 'to*: top').replace('to missing.txt', 'to /etc/passwd')]);
    expect(warnings('--exclude=x src')).toEqual(inSrc.map((w) => w.replace('src*:', 'src:')));
    expect(warnings('src')).toEqual([]);
    // Selected by another source, or by the link being a match itself (its target is sent with it).
    const more = (extra: string) => plan(parse(`FROM a\nCOPY src* /x\n${extra}`), { context: memoryContext(broken) }).warnings;
    expect(more('COPY conf/app.yaml common /y/\n')).toEqual([nested]);
    expect(more('COPY . /all\n')).toEqual([nested]);
  });
});

describe('links inside what a source copies (DH003 agrees with BuildKit)', () => {
  // What BuildKit does with a symbolic link inside a directory a COPY sends: fsutil's copy copies it
  // as a link and never follows it, wherever it points, and a plain source's checksum hashes it as a
  // link (its target as written). With a wildcard or --exclude the checksum goes entry by entry
  // (contenthash's includedPaths) and follows each link it meets, nested ones included: one that
  // leads to nothing the builder received fails with "not found". The builder receives only what
  // the sources select (fsutil's FollowPaths resolves the links on each source's own path, never
  // those inside the directories it sends), everything when one source is the whole context.
  const dh003 = (root: string) => {
    const r = spawnSync(process.execPath, [bin, 'lint', '--no-cache', '--format', 'json', '--no-shellcheck', join(root, 'Dockerfile')], { encoding: 'utf8' });
    expect(r.status, r.stderr).not.toBe(2);
    return (JSON.parse(r.stdout) as { diagnostics: { code: string; message: string; line: number }[] }[])[0]!.diagnostics.filter((d) => d.code === 'DH003').map((d) => [d.line, d.message] as const);
  };
  const nested = {
    'outside/secret': 's', 'ctx/app/main.sh': 'm', 'ctx/app/docs/a.md': 'd', 'ctx/common/util.sh': 'u',
    'ctx/app/gone': { link: '../missing' }, 'ctx/app/docs/up': { link: '../../../outside/secret' }, 'ctx/app/abs': { link: '/etc/passwd' },
    'ctx/app/sibling': { link: 'main.sh' }, 'ctx/app/self': { link: '.' }, 'ctx/app/common': { link: '../common/util.sh' },
  };

  it('a plain source keeps its links as links: none is reported, dangling, outside or not', () => {
    const root = tree({ ...nested, 'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY app /srv/\nCOPY app/docs /docs/\nADD app /add/\n' });
    expect(dh003(root)).toEqual([]);
  });

  it('the linter\'s view lists the links leading out of a directory, and where they lead in what the build sends', () => {
    const root = tree({ ...nested, 'ctx/app/ignored': { link: '../nowhere' }, 'ctx/app/hidden': { link: 'private/key' }, 'ctx/app/private/key': 'k', 'ctx/.dockerignore': 'app/ignored\napp/private\n' });
    const view = openBuildContext(root);
    expect(view.linksOutOf!('app')).toEqual([
      { link: 'app/abs', target: '/etc/passwd', to: null },
      { link: 'app/common', target: '../common/util.sh', to: 'common/util.sh' },
      { link: 'app/docs/up', target: '../../../outside/secret', to: null },
      { link: 'app/gone', target: '../missing', to: null },
      // Its target is in the directory, but .dockerignore keeps it from the builder.
      { link: 'app/hidden', target: 'private/key', to: null },
    ]);
    expect(view.linksOutOf!('app/docs')).toEqual([{ link: 'app/docs/up', target: '../../../outside/secret', to: null }]);
    expect(view.linksOutOf!('app/main.sh')).toEqual([]);
    expect(view.linksOutOf!('missing')).toEqual([]);
    // The whole context: only the links that lead nowhere it sends.
    expect(view.linksOutOf!('.').map((l) => l.link)).toEqual(['app/abs', 'app/docs/up', 'app/gone', 'app/hidden']);
  });

  it('a wildcard or --exclude source follows them: one that leads to nothing the builder receives is reported, once per source', () => {
    const root = tree({
      ...nested,
      'ctx/Dockerfile': [
        'FROM alpine:3.20',
        'COPY ap* /a/',
        'COPY --exclude=*.md app /b/',
        'COPY --exclude=gone --exclude=abs --exclude=docs app /c/',
        'COPY --exclude=gone --exclude=abs --exclude=docs --exclude=common app /d/',
        'COPY --exclude=nothing . /e/',
        '',
      ].join('\n'),
    });
    const tail = 'BuildKit follows every link the source copies to checksum it, and fails ("not found")';
    expect(dh003(root)).toEqual([
      [2, `COPY source "ap*" copies "app/abs", a symbolic link to "/etc/passwd" that leads to nothing in the build context (and 2 more such links); with a wildcard ${tail}`],
      [3, `COPY source "app" copies "app/abs", a symbolic link to "/etc/passwd" that leads to nothing in the build context (and 2 more such links); with --exclude ${tail}`],
      // common/util.sh is received: line 6 sends the whole context.
      [6, `COPY source "." copies "app/abs", a symbolic link to "/etc/passwd" that leads to nothing in the build context (and 2 more such links); with --exclude ${tail}`],
    ]);
  });

  it('a link whose target no source selects leads to nothing the builder receives', () => {
    const root = tree({ ...nested, 'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY --exclude=gone --exclude=abs --exclude=docs app /c/\n' });
    expect(dh003(root)).toEqual([
      [2, 'COPY source "app" copies "app/common", a symbolic link to "../common/util.sh" that leads to "common/util.sh", which the builder does not receive (no source selects it); with --exclude BuildKit follows every link the source copies to checksum it, and fails ("not found")'],
    ]);
    const selected = tree({ ...nested, 'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY --exclude=gone --exclude=abs --exclude=docs app /c/\nCOPY common/util.sh /u\n' });
    expect(dh003(selected)).toEqual([]);
    // plan says the same: the link inside is followed, and nothing sends what it leads to.
    const planWarnings = (root: string) => {
      const r = spawnSync(process.execPath, [bin, 'plan', join(root, 'Dockerfile')], { encoding: 'utf8' });
      return (r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('warning:'));
    };
    expect(planWarnings(root)).toEqual([
      'warning: line 2: app: app/common is a symbolic link to common/util.sh, which the builder does not receive (no source selects it); a source with a wildcard or --exclude has every link it copies followed, so the build fails ("not found")',
    ]);
    expect(planWarnings(selected)).toEqual([]);
    // A match that is a link has its target sent with it (FollowPaths): a nested link may lead there.
    const viaMatch = tree({ ...nested, 'ctx/lib': { link: 'common' }, 'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY --exclude=gone --exclude=abs --exclude=docs app /c/\nCOPY li* /l/\n' });
    expect(planWarnings(viaMatch)).toEqual([]);
  });

  it('a source path through a directory link leaving the context is resolved inside it: found there, it is no error', () => {
    // `etc -> /conf` is <context>/conf in the builder: there. `up -> ../ctx/conf` is <context>/ctx/conf
    // (`..` stops at the root): missing, although it exists on this machine.
    const root = tree({ 'ctx/conf/x': 'x', 'ctx/etc': { link: '/conf' }, 'ctx/up': { link: '../ctx/conf' }, 'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY etc/x /1\nCOPY up/x /2\n' });
    expect(dh003(root)).toEqual([
      [3, 'COPY source "up/x" does not exist in the build context ("up" is a symbolic link to "../ctx/conf", outside the context; the builder resolves it inside the context)'],
    ]);
  });

  it('fixtures/context/nested-links: lint and plan agree', () => {
    const dir = resolve(__dirname, '..', 'fixtures', 'context', 'nested-links');
    expect(dh003(dir)).toEqual([
      [3, 'COPY source "app" copies "app/cache", a symbolic link to "/var/cache/app" that leads to nothing in the build context (and 1 more such link); with --exclude BuildKit follows every link the source copies to checksum it, and fails ("not found")'],
    ]);
    const planned = spawnSync(process.execPath, [bin, 'plan', join(dir, 'Dockerfile')], { encoding: 'utf8' });
    expect((planned.stdout + planned.stderr).split('\n').filter((l) => l.startsWith('warning:')).map((l) => l.slice(0, l.indexOf(' is a symbolic link')))).toEqual(['warning: line 3: app: app/cache', 'warning: line 3: app: app/current']);
  });
});

describe('dockhand lint and plan on a context with a link out of it', () => {
  it('lint reports the source as missing and names the link; plan warns the same', () => {
    const root = tree({ 'outside/passwd': 'p', 'ctx/out': { link: '../outside' }, 'ctx/src/a.txt': 'a', 'ctx/lib': { link: 'src' }, 'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY out/passwd /x\nCOPY lib/a.txt /y\n' });
    const lint = spawnSync(process.execPath, [bin, 'lint', '--no-cache', '--format', 'json', '--no-shellcheck', join(root, 'Dockerfile')], { encoding: 'utf8' });
    expect(lint.status).toBe(1);
    const found = (JSON.parse(lint.stdout) as { diagnostics: { code: string; message: string; line: number }[] }[])[0]!.diagnostics.filter((d) => d.code === 'DH003');
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [2, 'COPY source "out/passwd" does not exist in the build context ("out" is a symbolic link to "../outside", outside the context; the builder resolves it inside the context)'],
    ]);
    const planned = spawnSync(process.execPath, [bin, 'plan', join(root, 'Dockerfile')], { encoding: 'utf8' });
    expect(planned.status).toBe(0);
    expect(planned.stdout + planned.stderr).toContain('out/passwd matches nothing in the build context (out is a symbolic link to ../outside');
    expect(planned.stdout).toContain('src/a.txt (1 file');
  });

  it('a wildcard that matches a link leading nowhere in the context: lint reports it, plan warns, and so for links inside what it copies', () => {
    const root = tree({
      'ctx/top': { link: '/etc/passwd' }, 'ctx/src/a.js': 'a', 'ctx/src/shared': { link: '../common/x.js' }, 'ctx/common/y.js': 'y',
      'ctx/Dockerfile': 'FROM alpine:3.20\nCOPY to* /x\nCOPY src/* /y/\nCOPY sr* /z/\nCOPY src /w/\n',
    });
    const lint = spawnSync(process.execPath, [bin, 'lint', '--no-cache', '--format', 'json', '--no-shellcheck', join(root, 'Dockerfile')], { encoding: 'utf8' });
    expect(lint.status).toBe(1);
    const found = (JSON.parse(lint.stdout) as { diagnostics: { code: string; message: string; line: number }[] }[])[0]!.diagnostics.filter((d) => d.code === 'DH003');
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [2, 'COPY source "to*" matches "top", a symbolic link to "/etc/passwd" that leads to nothing in the build context; the builder follows it and fails ("not found")'],
      [3, 'COPY source "src/*" matches "src/shared", a symbolic link that leads to nothing in the build context; the builder follows it and fails ("not found")'],
      // `sr*` matches the directory src, and BuildKit follows the links inside it; a plain `src` (line 5) keeps them as links.
      [4, 'COPY source "sr*" copies "src/shared", a symbolic link to "../common/x.js" that leads to nothing in the build context; with a wildcard BuildKit follows every link the source copies to checksum it, and fails ("not found")'],
    ]);
    const planned = spawnSync(process.execPath, [bin, 'plan', join(root, 'Dockerfile')], { encoding: 'utf8' });
    expect(planned.status).toBe(0);
    const warned = (planned.stdout + planned.stderr).split('\n').filter((l) => l.includes('leads to nothing'));
    // `sr*` matches the directory src and follows the link inside it; a plain `src` keeps it as a link.
    expect(warned.map((l) => l.replace(/, which leads.*/, ''))).toEqual([
      'warning: line 2: to*: top is a symbolic link to /etc/passwd',
      'warning: line 3: src/*: src/shared is a symbolic link to ../common/x.js',
      'warning: line 4: sr*: src/shared is a symbolic link to ../common/x.js',
    ]);
  });
});
