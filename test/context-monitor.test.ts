// The context monitor: after settle(), a walk or hash with the monitor must equal one that reads
// the whole disk, whatever happened to the tree in between; and it must actually skip the disk
// for names without events (entries are the very objects of the walk before).
import fc from 'fast-check';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ContextMonitor,
  hashContext,
  hashSelection,
  parseDockerignore,
  StatCache,
  walkContext,
  type ContextEntry,
  type DockerignoreMatcher,
} from '../src/context/index.js';

const base = mkdtempSync(join(tmpdir(), 'dockhand-monitor-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;

function tree(spec: Record<string, string>): string {
  const root = join(base, `t${++n}`);
  mkdirSync(root, { recursive: true });
  for (const [p, content] of Object.entries(spec)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}

/** What a walk yields, as plain data: every field, times and inode numbers included. */
function listing(entries: Iterable<ContextEntry>): string[] {
  return [...entries].map(
    (e) => `${e.path} ${e.type} ${e.size} ${e.mode.toString(8)} ${e.mtimeMs} ${e.ctimeMs} ${e.ino} ${e.nlink} ${e.linkTarget ?? ''}${e.backfilled ? ' backfilled' : ''}`,
  );
}

/** The monitored view and a fresh full read must agree, for a walk and for a hash. */
function expectSame(root: string, monitor: ContextMonitor, cache: StatCache, matcher: DockerignoreMatcher | null = null): void {
  const watched = listing(walkContext(root, { monitor, matcher }));
  expect(watched).toEqual(listing(walkContext(root, { matcher })));
  const viaMonitor = hashContext(root, { monitor, cache, matcher });
  expect(viaMonitor.digest).toBe(hashContext(root, { cache: StatCache.none(), matcher }).digest);
}

describe('ContextMonitor', () => {
  it('skips the disk for names without events and sees every kind of change', async () => {
    const root = tree({ 'a/f': 'one', 'a/b/g': 'two', h: 'three', 'x/y/z': 'deep' });
    const monitor = new ContextMonitor(root);
    const cache = StatCache.memory();
    try {
      const first = new Map([...walkContext(root, { monitor })].map((e) => [e.path, e]));
      await monitor.settle();
      // Nothing changed: every entry comes from memory, the same objects as before.
      for (const e of walkContext(root, { monitor })) expect(e).toBe(first.get(e.path));

      writeFileSync(join(root, 'a/f'), 'ONE');
      await monitor.settle();
      const second = new Map([...walkContext(root, { monitor })].map((e) => [e.path, e]));
      expect(second.get('a/f')).not.toBe(first.get('a/f'));
      expect(second.get('h')).toBe(first.get('h'));
      expect(second.get('a/b/g')).toBe(first.get('a/b/g'));
      expectSame(root, monitor, cache);

      const steps: [string, () => void][] = [
        ['chmod', () => chmodSync(join(root, 'h'), 0o600)],
        ['new file', () => writeFileSync(join(root, 'a/b/new'), 'n')],
        ['delete', () => rmSync(join(root, 'a/b/g'))],
        ['rename file', () => renameSync(join(root, 'a/b/new'), join(root, 'a/renamed'))],
        ['new directory with files', () => (mkdirSync(join(root, 'n/m'), { recursive: true }), writeFileSync(join(root, 'n/m/k'), 'k'))],
        ['rename directory', () => renameSync(join(root, 'x'), join(root, 'x2'))],
        ['write in the moved directory', () => writeFileSync(join(root, 'x2/y/z'), 'changed')],
        ['a directory back at the old path', () => (mkdirSync(join(root, 'x/y'), { recursive: true }), writeFileSync(join(root, 'x/q'), 'again'), writeFileSync(join(root, 'x/y/z'), 'again'))],
        ['move a directory out of the context', () => renameSync(join(root, 'x2'), join(base, `out${n}`))],
        ['and back in elsewhere', () => renameSync(join(base, `out${n}`), join(root, 'a/back'))],
        ['symlink', () => symlinkSync('a/f', join(root, 'link'))],
        ['retarget the symlink', () => (rmSync(join(root, 'link')), symlinkSync('h', join(root, 'link')))],
        ['file replaced by a directory', () => (rmSync(join(root, 'h')), mkdirSync(join(root, 'h')), writeFileSync(join(root, 'h/i'), 'i'))],
        ['chmod a directory', () => chmodSync(join(root, 'a/b'), 0o700)],
        ['remove a tree', () => rmSync(join(root, 'a'), { recursive: true })],
      ];
      for (const [what, change] of steps) {
        change();
        await monitor.settle();
        try {
          expectSame(root, monitor, cache);
        } catch (e) {
          throw new Error(`after "${what}": ${(e as Error).message}`);
        }
      }
    } finally {
      monitor.close();
    }
  });

  it('gives each walk its own back-fill marks when .dockerignore changes between walks', async () => {
    const root = tree({ 'logs/keep.txt': 'k', 'logs/x.log': 'x', 'src/a': 'a' });
    const monitor = new ContextMonitor(root);
    try {
      const cache = StatCache.memory();
      const reinclude = parseDockerignore('logs\n!logs/keep.txt\n');
      expectSame(root, monitor, cache, reinclude);
      await monitor.settle();
      expectSame(root, monitor, cache, null);
      await monitor.settle();
      expectSame(root, monitor, cache, reinclude);
    } finally {
      monitor.close();
    }
  });

  it('trusts nothing after a burst that may have overflowed the kernel queue', async () => {
    const root = tree({ f: '1' });
    const monitor = new ContextMonitor(root, { burstLimit: 5 });
    try {
      [...walkContext(root, { monitor })];
      for (let i = 0; i < 20; i++) writeFileSync(join(root, `f${i}`), String(i));
      await monitor.settle();
      const before = monitor.stats.resets;
      expectSame(root, monitor, StatCache.memory());
      expect(monitor.stats.resets).toBe(before + 1);
      await monitor.settle();
      // A quiet period after the reset: trusted again.
      const again = new Map([...walkContext(root, { monitor })].map((e) => [e.path, e]));
      await monitor.settle();
      for (const e of walkContext(root, { monitor })) expect(e).toBe(again.get(e.path));
    } finally {
      monitor.close();
    }
  });

  it('notices a root that was moved away and replaced', async () => {
    const root = tree({ f: 'old', 'd/g': 'old' });
    const monitor = new ContextMonitor(root);
    try {
      [...walkContext(root, { monitor })];
      renameSync(root, `${root}-old`);
      mkdirSync(join(root, 'd'), { recursive: true });
      writeFileSync(join(root, 'd/g'), 'new content');
      await monitor.settle();
      expectSame(root, monitor, StatCache.memory());
    } finally {
      monitor.close();
    }
  });

  it('after close(), walks read the disk and settle() returns at once', async () => {
    const root = tree({ f: '1' });
    const monitor = new ContextMonitor(root);
    [...walkContext(root, { monitor })];
    monitor.close();
    writeFileSync(join(root, 'g'), '2');
    await monitor.settle();
    expect(listing(walkContext(root, { monitor }))).toEqual(listing(walkContext(root)));
    expect(() => [...walkContext(`${root}/.`, { monitor })]).toThrow(/watches/);
  });

  it('never serves a remembered digest for a file that changed since', async () => {
    const root = tree({ 'a/f': 'same-size-1', 'a/g': 'other', h: 'third' });
    // Old timestamps, so that the stat cache keeps these digests (fresh files are "racy").
    const old = new Date(Date.now() - 3_600_000);
    for (const p of ['a/f', 'a/g', 'h']) utimesSync(join(root, p), old, old);
    await new Promise((r) => setTimeout(r, 150)); // and let their ctimes age too
    const monitor = new ContextMonitor(root);
    try {
      const cache = StatCache.memory();
      expectSame(root, monitor, cache);
      await monitor.settle();
      expect(hashContext(root, { monitor, cache }).stats).toMatchObject({ hashed: 0, cached: 3 });
      // Same size, same mtime put back: only the monitor's event (and the ctime) tell.
      writeFileSync(join(root, 'a/f'), 'same-size-2');
      utimesSync(join(root, 'a/f'), old, old);
      await monitor.settle();
      expectSame(root, monitor, cache);
      writeFileSync(join(root, 'h'), 'a longer third file');
      await monitor.settle();
      expectSame(root, monitor, cache);
    } finally {
      monitor.close();
    }
  });

  it('serves selections (COPY sources) as well as whole contexts', async () => {
    const root = tree({ 'app/a': '1', 'app/b/c': '2', 'lib/d': '3' });
    const monitor = new ContextMonitor(root);
    try {
      const cache = StatCache.memory();
      const sel = () => hashSelection(root, ['app'], { monitor, cache }).digest;
      expect(sel()).toBe(hashSelection(root, ['app']).digest);
      writeFileSync(join(root, 'app/b/c'), 'changed');
      await monitor.settle();
      expect(sel()).toBe(hashSelection(root, ['app']).digest);
      expectSame(root, monitor, cache);
    } finally {
      monitor.close();
    }
  });

  it('matches a full read after random sequences of changes', async () => {
    const names = ['a', 'b', 'c'];
    const op = fc.record({
      kind: fc.constantFrom('write', 'grow', 'chmod', 'mkdir', 'rm', 'rename', 'symlink', 'moveOut', 'moveIn'),
      from: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
      to: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
      settle: fc.boolean(),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.boolean(), async (ops, useIgnore) => {
        const root = tree({ 'a/a': 'x', 'b/c/a': 'y', c: 'z' });
        const outside = join(base, `outside-${n}-${run++}`);
        const matcher = useIgnore ? parseDockerignore('b\n!b/c/a\n*/c\n') : null;
        const monitor = new ContextMonitor(root);
        const cache = StatCache.memory();
        try {
          expectSame(root, monitor, cache, matcher);
          for (const o of ops) {
            const p = join(root, ...o.from);
            const q = join(root, ...o.to);
            try {
              switch (o.kind) {
                case 'write': writeFileSync(p, 'w'); break;
                case 'grow': writeFileSync(p, `grown ${o.to.join('')}`); break;
                case 'chmod': chmodSync(p, 0o700); break;
                case 'mkdir': mkdirSync(p, { recursive: true }); writeFileSync(join(p, 'new'), 'n'); break;
                case 'rm': rmSync(p, { recursive: true }); break;
                case 'rename': renameSync(p, q); break;
                case 'symlink': symlinkSync(o.to.join('/'), p); break;
                case 'moveOut': renameSync(p, outside); break;
                case 'moveIn': renameSync(outside, p); break;
              }
            } catch {
              // Not applicable to the tree as it is now (missing, exists, not a directory).
            }
            if (o.settle) {
              await monitor.settle();
              expectSame(root, monitor, cache, matcher);
            }
          }
          await monitor.settle();
          expectSame(root, monitor, cache, matcher);
        } finally {
          monitor.close();
          rmSync(outside, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('says why when it cannot work, and walks then read the disk in full', async () => {
    const root = tree({ f: '1' });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(base, 'no-such-dir');
    let monitor: ContextMonitor;
    try {
      monitor = new ContextMonitor(root);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(monitor.broken).toMatch(/cannot watch a temporary directory/);
    [...walkContext(root, { monitor })];
    writeFileSync(join(root, 'f'), 'changed');
    await monitor.settle();
    expectSame(root, monitor, StatCache.memory());
    expect(monitor.stats.watched).toBe(0);
    monitor.close();
  });

  it('leaves no temporary directory behind', () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('dockhand-monitor-') && !f.includes('test')).length;
    new ContextMonitor(tree({ f: '1' })).close();
    const after = readdirSync(tmpdir()).filter((f) => f.startsWith('dockhand-monitor-') && !f.includes('test')).length;
    expect(after).toBe(before);
  });
});
