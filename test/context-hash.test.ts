// Content digests (what changes them and what does not) and the persistent stat cache: exactly
// the changed files are re-hashed, and concurrent writers never corrupt or drop entries.
import { spawn, spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  ContextHasher,
  defaultCacheDir,
  hashContext,
  hashSelection,
  recordDigest,
  selectionPlan,
  sha256File,
  StatCache,
  statCacheFile,
  walkContext,
} from '../src/context/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const base = mkdtempSync(join(tmpdir(), 'dockhand-hash-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function tree(spec: Record<string, string>): string {
  const root = join(base, `t${++n}`);
  for (const [p, content] of Object.entries(spec)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}

/** Lets freshly written files age past the stat cache's "racy" window (Git's racy-clean rule). */
const settle = () => new Promise((r) => setTimeout(r, 150));
const digest = (root: string, sources: string[] | null = null) => hashSelection(root, sources).digest;

describe('content digests', () => {
  it('sha256File matches a known digest', () => {
    const root = tree({ f: 'hello\n' });
    expect(sha256File(join(root, 'f'))).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
  });

  it('changes with content, mode, names and symlink targets; not with mtime or owner', () => {
    const root = tree({ 'a/x.txt': 'one', 'b.txt': 'two' });
    symlinkSync('a/x.txt', join(root, 'l'));
    const d0 = digest(root);
    utimesSync(join(root, 'b.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(digest(root)).toBe(d0);
    if (process.getuid?.() === 0) {
      chownSync(join(root, 'b.txt'), 1234, 5678);
      expect(digest(root)).toBe(d0);
    }
    chmodSync(join(root, 'b.txt'), 0o755);
    const d1 = digest(root);
    expect(d1).not.toBe(d0);
    chmodSync(join(root, 'b.txt'), 0o644);
    expect(digest(root)).toBe(d0);
    writeFileSync(join(root, 'b.txt'), 'TWO');
    expect(digest(root)).not.toBe(d0);
    writeFileSync(join(root, 'b.txt'), 'two');
    expect(digest(root)).toBe(d0);
    unlinkSync(join(root, 'l'));
    symlinkSync('b.txt', join(root, 'l'));
    expect(digest(root)).not.toBe(d0);
  });

  it('a selection covers only its sources (and wildcards per segment)', () => {
    const root = tree({ 'src/a.go': 'a', 'src/b.go': 'b', 'docs/r.md': 'r', 'go.mod': 'm' });
    const sel = digest(root, ['src']);
    writeFileSync(join(root, 'docs/r.md'), 'changed');
    expect(digest(root, ['src'])).toBe(sel);
    expect(digest(root, ['./src/'])).toBe(sel);
    const mods = hashSelection(root, ['*.mod']);
    expect(mods.count).toBe(1);
    writeFileSync(join(root, 'src/b.go'), 'B');
    expect(digest(root, ['src'])).not.toBe(sel);
  });
});

describe('stat cache', () => {
  it('lives under XDG_CACHE_HOME, else a project node_modules/.cache, else ~/.cache', () => {
    expect(defaultCacheDir('/x', { XDG_CACHE_HOME: '/c' })).toBe('/c/dockhand');
    expect(defaultCacheDir(repoRoot, {})).toBe(join(repoRoot, 'node_modules/.cache/dockhand'));
    expect(defaultCacheDir('/', { HOME: '/h' })).toMatch(/\.cache\/dockhand$/);
  });

  it('re-hashes exactly the changed file', async () => {
    const spec: Record<string, string> = {};
    for (let i = 0; i < 40; i++) spec[`d${i % 4}/f${i}.txt`] = `content ${i}`;
    const root = tree(spec);
    const file = statCacheFile(join(base, 'cache'), root);
    await settle();
    const cold = hashContext(root, { cache: StatCache.open(file) });
    expect(cold.stats.hashed).toBe(40);
    // save happens through the caller
    const c1 = StatCache.open(file);
    hashContext(root, { cache: c1 });
    c1.save();
    const c2 = StatCache.open(file);
    expect(c2.size).toBe(40);
    const warm = hashContext(root, { cache: c2 });
    expect(warm.stats).toMatchObject({ hashed: 0, cached: 40 });
    expect(warm.digest).toBe(cold.digest);
    writeFileSync(join(root, 'd1/f5.txt'), 'content X'); // same size, new content
    const c3 = StatCache.open(file);
    const after = hashContext(root, { cache: c3 });
    expect(after.stats).toMatchObject({ hashed: 1, cached: 39 });
    expect(after.digest).not.toBe(cold.digest);
  });

  it('forgets deleted files and directories after a full walk, but not after a selection', async () => {
    const root = tree({ 'keep/a': 'a', 'keep/b': 'b', 'gone/c': 'c', 'gone/sub/d': 'd', 'top': 't' });
    const file = statCacheFile(join(base, 'forget'), root);
    await settle();
    const run = (sources: string[] | null) => {
      const c = StatCache.open(file);
      const r = hashSelection(root, sources, { cache: c });
      c.save();
      return r;
    };
    run(null);
    const full = StatCache.open(file);
    expect([full.size, full.listingCount]).toEqual([5, 4]); // root, keep, gone, gone/sub
    rmSync(join(root, 'gone'), { recursive: true });
    unlinkSync(join(root, 'keep/b'));
    // A selection looks at part of the context: it cannot tell deleted from unvisited.
    run(['keep/a']);
    expect(StatCache.open(file).size).toBe(5);
    const r = run(null);
    expect(r.stats.hashed).toBe(0);
    const after = StatCache.open(file);
    expect([after.size, after.listingCount]).toEqual([2, 2]);
    // What is left still answers: nothing is re-hashed, and the digest is the uncached one.
    const again = run(null);
    expect(again.stats).toMatchObject({ hashed: 0, cached: 2 });
    expect(again.digest).toBe(hashContext(root).digest);
  });

  it('forgetAllBut drops entries of paths a listing walk did not find, keeping unhashed live ones', async () => {
    const root = tree({ x: '1', y: '2', z: '3' });
    const file = statCacheFile(join(base, 'forget-all-but'), root);
    await settle();
    const c = StatCache.open(file);
    hashContext(root, { cache: c });
    c.save();
    unlinkSync(join(root, 'y'));
    // Like the planner: a walk lists every directory but looks up no file's digest.
    const listed = (c: StatCache) => new Set([...walkContext(root, { listings: c })].map((e) => e.path));
    const c2 = StatCache.open(file);
    const live = listed(c2);
    c2.forgetAllBut((p) => live.has(p));
    c2.save();
    const c3 = StatCache.open(file);
    expect([c3.size, c3.listingCount]).toEqual([2, 1]);
    expect(hashContext(root, { cache: c3 }).stats).toMatchObject({ hashed: 0, cached: 2 });
    c3.save();
    // Every listing served unchanged: nothing can have been deleted, and nothing is written.
    await settle();
    const relist = StatCache.open(file); // the root changed too recently to be remembered before
    listed(relist);
    relist.save();
    const st = statSync(file);
    const c4 = StatCache.open(file);
    const live4 = listed(c4);
    c4.forgetAllBut((p) => live4.has(p));
    c4.save();
    expect(statSync(file).mtimeMs).toBe(st.mtimeMs);
  });

  it('StatCache.none() (the default) never stores, so memory stays flat on huge contexts', () => {
    const c = StatCache.none();
    expect(c.set('a', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, '00'.repeat(32))).toBe(false);
    expect(c.size).toBe(0);
    const m = StatCache.memory();
    expect(m.set('a', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 }, 'ab'.repeat(32))).toBe(true);
    expect(m.get('a', { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 })).toBe('ab'.repeat(32));
    expect(m.get('a', { size: 2, mtimeMs: 1, ctimeMs: 1, ino: 1 })).toBeUndefined();
  });

  it('remembers directory listings, and any added, removed, renamed or retyped entry is still seen', async () => {
    const spec: Record<string, string> = { 'top.txt': 't' };
    for (let i = 0; i < 12; i++) spec[`d${i % 3}/f${i}.txt`] = `content ${i}`;
    spec['empty/.keep'] = '';
    const root = tree(spec);
    rmSync(join(root, 'empty/.keep'));
    const file = join(base, 'listings', 'stat.bin');
    await settle();
    // Reference: the same walk without any cache.
    const fresh = () => hashContext(root, { cache: StatCache.none() });
    const warmRun = () => {
      const c = StatCache.open(file);
      const r = hashContext(root, { cache: c });
      c.save();
      return { r, c };
    };
    const first = warmRun();
    expect(first.c.listingCount).toBe(5); // root, d0, d1, d2, empty
    const again = warmRun();
    expect(again.r.digest).toBe(fresh().digest);
    expect(again.r.stats.hashed).toBe(0);
    const steps: [string, () => void][] = [
      ['add a file', () => writeFileSync(join(root, 'd1/new.txt'), 'new')],
      ['remove a file', () => unlinkSync(join(root, 'd2/f5.txt'))],
      ['rename within a directory', () => renameSync(join(root, 'd0/f0.txt'), join(root, 'd0/g0.txt'))],
      ['move between directories', () => renameSync(join(root, 'd0/f3.txt'), join(root, 'd1/f3.txt'))],
      ['replace a file by a directory', () => {
        unlinkSync(join(root, 'd1/f1.txt'));
        mkdirSync(join(root, 'd1/f1.txt'));
        writeFileSync(join(root, 'd1/f1.txt/inner'), 'x');
      }],
      ['fill an empty directory', () => writeFileSync(join(root, 'empty/now'), 'n')],
      ['add at the root', () => symlinkSync('top.txt', join(root, 'a-link'))],
    ];
    for (const [what, change] of steps) {
      const before = warmRun().r.digest;
      change();
      const after = warmRun().r;
      expect(after.digest, what).not.toBe(before);
      expect(after.digest, what).toBe(fresh().digest);
      await settle();
    }
  });

  it('refuses listings of directories changed too recently, and follows a symlinked root', async () => {
    const root = tree({ 'real/a': 'a' });
    const st = statSync(join(root, 'real'));
    const m = StatCache.memory();
    expect(m.setListing('real', st, ['a'], Date.now())).toBe(false);
    expect(m.getListing('real', st)).toBeUndefined();
    expect(m.setListing('real', st, ['a'], Date.now() + 1000)).toBe(true);
    expect(m.getListing('real', st)).toEqual(['a']);
    expect(m.getListing('real', { ...st, mtimeMs: st.mtimeMs + 1 })).toBeUndefined();
    expect(StatCache.none().setListing('real', st, ['a'], Date.now() + 1000)).toBe(false);
    // A root reached through a symlink is keyed on the directory it points to.
    symlinkSync('real', join(root, 'via'));
    await settle();
    const c = StatCache.memory();
    const viaLink = join(root, 'via');
    expect(hashContext(viaLink, { cache: c }).count).toBe(1);
    writeFileSync(join(root, 'real/b'), 'b');
    expect(hashContext(viaLink, { cache: c }).count).toBe(2);
  });

  it('ignores a damaged cache file', () => {
    const file = join(base, 'damaged.bin');
    writeFileSync(file, 'DHSC0004garbage');
    expect(StatCache.open(file).size).toBe(0);
    // A well-formed file whose path block lost a separator would shift rows: rejected too.
    const good = join(base, 'good.bin');
    const c = StatCache.open(good);
    const st = { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1 };
    c.set('a', st, 'aa'.repeat(32));
    c.set('b', st, 'bb'.repeat(32));
    c.save();
    expect(StatCache.open(good).get('b', st)).toBe('bb'.repeat(32));
    const bytes = readFileSync(good);
    bytes[bytes.length - 3] = 0x78; // the NUL after 'a'
    writeFileSync(file, bytes);
    expect(StatCache.open(file).size).toBe(0);
  });

  it('answers lookups in file order, out of order, for new and for deleted paths alike', () => {
    const file = join(base, 'order.bin');
    const st = (i: number) => ({ size: i, mtimeMs: 1000 + i, ctimeMs: 2000 + i, ino: 3000 + i });
    const hex = (i: number) => i.toString(16).padStart(64, '0');
    const names = ['a', 'a/b', 'ab', 'caf\u00e9', '\u{1F600}', 'z z'];
    const c = StatCache.open(file);
    names.forEach((p, i) => c.set(p, st(i), hex(i)));
    c.save();
    // In order (the cursor path), including a prefix of the next name ('a' before 'a/b').
    const inOrder = StatCache.open(file);
    names.forEach((p, i) => expect(inOrder.get(p, st(i))).toBe(hex(i)));
    // A changed stat misses without derailing the rest.
    const changed = StatCache.open(file);
    expect(changed.get('a', st(9))).toBeUndefined();
    names.slice(1).forEach((p, i) => expect(changed.get(p, st(i + 1))).toBe(hex(i + 1)));
    // A new path in the middle, a deleted one skipped, then reversed order.
    const mixed = StatCache.open(file);
    expect(mixed.get('a', st(0))).toBe(hex(0));
    expect(mixed.get('aa', st(0))).toBeUndefined();
    expect(mixed.get('caf\u00e9', st(3))).toBe(hex(3));
    [...names].reverse().forEach((p) => expect(mixed.get(p, st(names.indexOf(p)))).toBe(hex(names.indexOf(p))));
    expect(mixed.size).toBe(names.length);
    const buf = Buffer.alloc(70, 0x2e);
    expect(mixed.writeHex('ab', st(2), buf, 3)).toBe(true);
    expect(buf.toString('latin1', 3, 67)).toBe(hex(2));
    expect(buf[2]).toBe(0x2e);
    expect(buf[67]).toBe(0x2e);
    expect(mixed.writeHex('ab', st(3), buf, 3)).toBe(false);
  });

  it('stores listings (root, empty, unicode) and answers them in order, out of order and after a merge', () => {
    const file = join(base, 'listing-order.bin');
    const key = (i: number) => ({ size: 4096, mtimeMs: 5000 + i, ctimeMs: 6000 + i, ino: 7000 + i });
    const dirs: [string, string[]][] = [
      ['', ['a', 'b', 'caf\u00e9']],
      ['a', []],
      ['b', ['x', '\u{1F600}']],
      ['caf\u00e9', ['a', 'ab']],
    ];
    const later = Date.now() + 60_000;
    const c = StatCache.open(file);
    dirs.forEach(([d, names], i) => expect(c.setListing(d, key(i), names, later)).toBe(true));
    c.save();
    const inOrder = StatCache.open(file);
    expect(inOrder.listingCount).toBe(4);
    dirs.forEach(([d, names], i) => expect(inOrder.getListing(d, key(i))).toEqual(names));
    const outOfOrder = StatCache.open(file);
    [...dirs].reverse().forEach(([d, names], i) => expect(outOfOrder.getListing(d, key(dirs.length - 1 - i))).toEqual(names));
    expect(outOfOrder.getListing('b', key(0))).toBeUndefined();
    expect(outOfOrder.getListing('nope', key(0))).toBeUndefined();
    // Another process adds a listing meanwhile: both survive the next save.
    const mine = StatCache.open(file);
    const theirs = StatCache.open(file);
    theirs.setListing('theirs', key(9), ['t'], later);
    theirs.save();
    mine.setListing('b', key(8), ['y'], later);
    mine.save();
    const merged = StatCache.open(file);
    expect(merged.listingCount).toBe(5);
    expect(merged.getListing('theirs', key(9))).toEqual(['t']);
    expect(merged.getListing('b', key(8))).toEqual(['y']);
    expect(merged.getListing('caf\u00e9', key(3))).toEqual(['a', 'ab']);
    // A listing block that lost its final NUL is damage: the whole file is ignored.
    const bytes = readFileSync(file);
    writeFileSync(join(base, 'listing-damaged.bin'), bytes.subarray(0, bytes.length - 1));
    expect(StatCache.open(join(base, 'listing-damaged.bin')).listingCount).toBe(0);
  });

  it('a named pipe in the place of the cache file is not waited on: `plan` hashes without it, and the next save replaces it', () => {
    const root = tree({ 'a.txt': 'a', Dockerfile: 'FROM alpine\nCOPY . /app\n' });
    const cacheDir = join(base, 'fifo-cache');
    mkdirSync(cacheDir, { recursive: true });
    const file = statCacheFile(cacheDir, root);
    // (Through the executable: a plain open of a pipe would block this test's own thread.)
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    const bin = join(repoRoot, 'bin/dockhand.js');
    const r = spawnSync(process.execPath, [bin, 'plan', join(root, 'Dockerfile')], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, DOCKHAND_CACHE_DIR: cacheDir } });
    expect(r.error).toBeUndefined();
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(statSync(file).isFile()).toBe(true);
    expect(StatCache.open(file).size).toBeGreaterThan(0);
  });

  it('two processes saving at once keep the file valid and end with the union of their entries', async () => {
    const spec: Record<string, string> = {};
    for (let i = 0; i < 200; i++) spec[`p${i % 2}/f${i}`] = `x${i}`;
    const root = tree(spec);
    await settle();
    const file = join(base, 'concurrent', 'stat.bin');
    const script = join(base, 'writer.mjs');
    await build({
      stdin: {
        contents: `import { StatCache, hashSelection } from ${JSON.stringify(join(repoRoot, 'src/context/index.ts'))};
const [root, file, part, rounds] = process.argv.slice(2);
for (let r = 0; r < Number(rounds); r++) {
  const c = StatCache.open(file);
  hashSelection(root, [part], { cache: c });
  c.save();
}`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    const run = (part: string) =>
      new Promise<number>((res) => {
        const p = spawn(process.execPath, [script, root, file, part, '15'], { stdio: 'inherit' });
        p.on('exit', (code) => res(code ?? 1));
      });
    const codes = await Promise.all([run('p0'), run('p1')]);
    expect(codes).toEqual([0, 0]);
    // Savers take a lock and merge what the other saved, so both halves survive.
    const final = StatCache.open(file);
    expect(final.size).toBe(200);
    expect(readFileSync(file).subarray(0, 8).toString()).toBe('DHSC0004');
    expect(hashContext(root, { cache: final }).stats).toMatchObject({ hashed: 0, cached: 200 });
  });
});

describe('record bytes', () => {
  // hashSelection writes records as bytes into a buffer (digits, hex and UTF-8 by hand); they
  // must equal the record strings byte for byte, or warm, cold and per-entry digests would drift.
  it('the streamed digest equals the digest of the record strings, for odd names, sizes and modes', async () => {
    const spec: Record<string, string> = { 'empty': '', 'nine.txt': 'x'.repeat(9), 'ten': 'x'.repeat(10), 'big.bin': 'y'.repeat(100_000) };
    spec['caf\u00e9/na\u00efve \u{1F600}.txt'] = 'emoji';
    spec['\u4e2d\u6587/\u6587\u4ef6'] = 'cjk';
    spec['sp ace/tab\tname'] = 'tab';
    const root = tree(spec);
    symlinkSync('caf\u00e9/../\u00fc-target', join(root, 'link-\u00fc'));
    symlinkSync('x'.repeat(300), join(root, 'long-link'));
    chmodSync(join(root, 'ten'), 0o4755);
    chmodSync(join(root, 'nine.txt'), 0o600);
    await settle();
    const expected = createHash('sha256');
    const recs = new ContextHasher(root);
    let count = 0;
    for (const e of walkContext(root)) {
      expected.update(`${e.path}\0${recs.record(e)}\n`);
      count++;
    }
    const perEntry = new Map<string, string>();
    const cache = StatCache.memory();
    const cold = hashContext(root, { cache, onEntry: (e, d) => perEntry.set(e.path, d) });
    expect(cold.count).toBe(count);
    expect(cold.digest).toBe(`sha256:${expected.digest('hex')}`);
    for (const e of walkContext(root)) {
      expect(perEntry.get(e.path)).toBe(recordDigest(e, e.type === 'file' ? sha256File(join(root, e.path)) : null));
    }
    // Warm: every digest copied from the cache's bytes, same result.
    const warm = hashContext(root, { cache });
    expect(warm.stats.cached).toBe(Object.keys(spec).length);
    expect(warm.digest).toBe(cold.digest);
  });
});

describe('selection walks', () => {
  it('never enters directories a selection cannot reach', () => {
    const root = tree({ 'go.mod': 'm', 'src/a.go': 'a', 'vendor/x/y.go': 'y' });
    const seen: string[] = [];
    const r = hashSelection(root, ['go.mod', 'src/*.go'], { onEntry: (e) => seen.push(e.path) });
    expect(seen).toEqual(['go.mod', 'src/a.go']);
    expect(r.count).toBe(2);
    const plan = selectionPlan(['go.mod', 'src/*.go']);
    expect(plan.mayContain('vendor')).toBe(false);
    expect(plan.mayContain('src')).toBe(true);
    expect(plan.selects('src')).toBe(false);
    expect(plan.selects('src/a.go')).toBe(true);
  });
});
