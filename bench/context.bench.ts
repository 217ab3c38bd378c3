// Build-context hashing benchmark: cold hashing throughput against `sha256sum` over the same
// files, warm (stat cache hit) against cold, and peak RSS of a 100,000-file walk + hash.
// Trees are generated once under bench/.work/context (gitignored) and reused between runs.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContextMonitor, hashContext, StatCache, walkContext } from '../src/context/index.js';

const WORK = resolve('bench/.work/context');
const MAIN = { name: 'main', files: 50_000, version: 2 };
const MANY = { name: 'many', files: 100_000, version: 2 };

/** Deterministic size mix: mostly small files, some medium, a few large (about 1.1 GB in all). */
function sizeOf(i: number): number {
  const r = (Math.imul(i + 1, 2654435761) >>> 0) / 4294967296;
  if (i % 500 === 7) return 2_000_000 + Math.floor(r * 8_000_000);
  if (i % 10 === 3) return 16_000 + Math.floor(r * 112_000);
  return 200 + Math.floor(r * 8_000);
}

function ensureTree(spec: { name: string; files: number; version: number }, size: (i: number) => number): string {
  const root = join(WORK, spec.name);
  const marker = join(WORK, `${spec.name}.ok`);
  const want = JSON.stringify(spec);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return root;
  rmSync(root, { recursive: true, force: true });
  const t0 = Date.now();
  process.stdout.write(`generating ${spec.name} (${spec.files.toLocaleString('en-US')} files)… `);
  const pool = randomBytes(12 << 20);
  for (let i = 0; i < spec.files; i++) {
    const dir = join(root, `d${i % 50}`, `s${Math.floor(i / 50) % 20}`);
    if (i < 1000) mkdirSync(dir, { recursive: true });
    const n = size(i);
    const off = (i * 7919) % (pool.length - 1);
    let buf: Buffer;
    if (n <= pool.length - off) buf = Buffer.from(pool.subarray(off, off + n));
    else {
      buf = Buffer.allocUnsafe(n);
      for (let o = 0; o < n; o += pool.length) pool.copy(buf, o, 0, Math.min(pool.length, n - o));
    }
    buf.writeUInt32LE(i, 0); // every file distinct
    writeFileSync(join(dir, `f${i}.dat`), buf);
  }
  writeFileSync(marker, want);
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return root;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const fmt = (s: number) => `${s.toFixed(3)} s`;
const mbps = (bytes: number, s: number) => `${(bytes / 1e6 / s).toFixed(0)} MB/s`;

async function rssChild(root: string, cacheFile: string, withMonitor: boolean): Promise<void> {
  rmSync(cacheFile, { force: true });
  const cache = StatCache.open(cacheFile);
  const monitor = withMonitor ? new ContextMonitor(root) : null;
  let r = hashContext(root, { cache, monitor });
  if (monitor) {
    await monitor.settle();
    r = hashContext(root, { cache, monitor });
    monitor.close();
  }
  cache.save();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ entries: r.count, hashed: r.stats.hashed, maxRss }));
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const df = spawnSync('df', ['-B1', '--output=avail', WORK], { encoding: 'utf8' });
  const avail = Number(df.stdout.split('\n')[1]);
  if (avail && avail < 4e9) {
    console.log(`context bench skipped: only ${(avail / 1e9).toFixed(1)} GB free in ${WORK}`);
    return;
  }
  const root = ensureTree(MAIN, sizeOf);
  const many = ensureTree(MANY, () => 512);

  // The file list both hashers get (everything the context sends).
  const files: string[] = [];
  let bytes = 0;
  for (const e of walkContext(root)) {
    if (e.type !== 'file') continue;
    files.push(e.path);
    bytes += e.size;
  }
  const list = join(WORK, 'main.list');
  writeFileSync(list, files.join('\0') + '\0');
  const sha256sum = () => {
    const r = spawnSync('xargs', ['-0', '-a', list, 'sha256sum', '--'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('sha256sum failed');
  };
  const cold = () => {
    hashContext(root, { cache: StatCache.none() });
  };
  // Warm the page cache once so both sides read from memory.
  sha256sum();
  const coldTimes: number[] = [];
  const peerTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    peerTimes.push(time(sha256sum));
    coldTimes.push(time(cold));
  }
  const cacheFile = join(WORK, 'main.statcache');
  rmSync(cacheFile, { force: true });
  const c = StatCache.open(cacheFile);
  hashContext(root, { cache: c });
  c.save();
  // The floors warm is compared with, measured interleaved with the warm runs so that load from
  // other processes on the machine hits all of them alike.
  // (1) Any stat-based cache's floor: list every directory and lstat every entry, nothing else.
  const bare = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = `${dir}/${name}`;
      if (lstatSync(p).isDirectory()) bare(p);
    }
  };
  // (2) With directory listings remembered, a warm walk only lstats: that floor.
  const everything: string[] = [];
  const collect = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = `${dir}/${name}`;
      everything.push(p);
      if (lstatSync(p).isDirectory()) collect(p);
    }
  };
  collect(root);
  // (3) The same in C: find(1) lstats every entry (no Node at all), the kernel's share.
  const find = () => {
    const r = spawnSync('find', ['.', '-printf', '%s %T@ %C@ %i %m\\n'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('find failed');
  };
  const warmTimes: number[] = [];
  const floorTimes: number[] = [];
  const lstatTimes: number[] = [];
  const findTimes: number[] = [];
  let warmHashed = 0;
  for (let i = 0; i < 7; i++) {
    warmTimes.push(
      time(() => {
        const r = hashContext(root, { cache: StatCache.open(cacheFile) });
        warmHashed = r.stats.hashed;
      }),
    );
    floorTimes.push(time(() => bare(root)));
    lstatTimes.push(time(() => everything.forEach((p) => lstatSync(p))));
    findTimes.push(time(find));
  }
  // (4) Warm with a context monitor, as `--watch` uses it: inotify says what changed, so nothing
  // else is lstat'ed. Each run is settle() (every earlier change seen) plus the hash; the monitor
  // and the stat cache stay in memory between runs, as in a watching process.
  const monitor = new ContextMonitor(root);
  const monCache = StatCache.open(cacheFile);
  const monFirst = time(() => hashContext(root, { cache: monCache, monitor }));
  const watchedDirs = monitor.stats.watched;
  const monTimes: number[] = [];
  const monEditTimes: number[] = [];
  let monHashed = 0;
  const edited = join(root, files.find((f) => lstatSync(join(root, f)).size < 10_000)!);
  const original = readFileSync(edited);
  try {
    for (let i = 0; i < 7; i++) {
      const t0 = process.hrtime.bigint();
      await monitor.settle();
      hashContext(root, { cache: monCache, monitor });
      monTimes.push(Number(process.hrtime.bigint() - t0) / 1e9);
      // One small file edited (same size, new bytes) between runs: the run re-hashes just it.
      const changed = Buffer.from(original);
      changed[changed.length - 1] ^= i + 1;
      writeFileSync(edited, changed);
      const t1 = process.hrtime.bigint();
      await monitor.settle();
      monHashed = hashContext(root, { cache: monCache, monitor }).stats.hashed;
      monEditTimes.push(Number(process.hrtime.bigint() - t1) / 1e9);
    }
  } finally {
    writeFileSync(edited, original);
    monitor.close();
  }
  const cold50 = median(coldTimes);
  const peer50 = median(peerTimes);
  const warm50 = median(warmTimes);

  const rssOf = (mode: string) => {
    const child = spawnSync(process.execPath, [process.argv[1]!, mode, many, join(WORK, 'many.statcache')], { encoding: 'utf8' });
    if (child.status !== 0) console.log(`  peak RSS child failed: ${child.stderr}`);
    return child.status === 0 ? (JSON.parse(child.stdout.trim().split('\n').pop()!) as { entries: number; maxRss: number }) : null;
  };
  const rss = rssOf('--rss-child');
  const rssMon = rssOf('--rss-child-monitor');

  console.log(`context: ${files.length.toLocaleString('en-US')} files, ${(bytes / 1e9).toFixed(2)} GB (${root})`);
  console.log(`  cold hash, dockhand (no stat cache)  median ${fmt(cold50)}  ${mbps(bytes, cold50)}   runs: ${coldTimes.map(fmt).join(', ')}`);
  console.log(`  sha256sum, same files                median ${fmt(peer50)}  ${mbps(bytes, peer50)}   runs: ${peerTimes.map(fmt).join(', ')}`);
  console.log(`  throughput ratio dockhand/sha256sum: ${(peer50 / cold50).toFixed(2)}x   (target >= 0.8x)`);
  console.log(`  warm hash (stat cache hit, ${warmHashed} re-hashed) median ${fmt(warm50)}  runs: ${warmTimes.map(fmt).join(', ')}`);
  console.log(`  warm vs cold: ${(cold50 / warm50).toFixed(1)}x faster   (target >= 20x)`);
  const mon50 = median(monTimes);
  const monEdit50 = median(monEditTimes);
  console.log(`  warm hash with a context monitor (inotify, as --watch uses; settle + hash) median ${fmt(mon50)}  runs: ${monTimes.map(fmt).join(', ')}  (first pass, watching ${watchedDirs.toLocaleString('en-US')} directories: ${fmt(monFirst)})`);
  console.log(`  warm (monitor) vs cold: ${(cold50 / mon50).toFixed(1)}x faster   (target >= 20x)`);
  console.log(`  one small file edited between runs, monitor: median ${fmt(monEdit50)} (${monHashed} re-hashed); vs cold ${(cold50 / monEdit50).toFixed(1)}x faster`);
  const floor50 = median(floorTimes);
  const find50 = median(findTimes);
  console.log(`  bare readdir + lstat of the same tree (floor for a stat cache): median ${fmt(floor50)}; cold / floor = ${(cold50 / floor50).toFixed(1)}x; warm - floor = ${fmt(warm50 - floor50)}`);
  const lstat50 = median(lstatTimes);
  console.log(`  lstat of every entry, no listing (floor with remembered listings): median ${fmt(lstat50)}; cold / that = ${(cold50 / lstat50).toFixed(1)}x; warm - that = ${fmt(warm50 - lstat50)}`);
  console.log(`  find -printf (C, stat of every entry, no Node): median ${fmt(find50)}; cold / find = ${(cold50 / find50).toFixed(1)}x   runs: ${findTimes.map(fmt).join(', ')}`);
  if (rss) {
    console.log(`  peak RSS, walk + hash + stat cache of ${rss.entries.toLocaleString('en-US')} entries (${MANY.files.toLocaleString('en-US')} files): ${(rss.maxRss / 1e6).toFixed(0)} MB   (target <= 200 MB)`);
  }
  if (rssMon) {
    console.log(`  peak RSS, the same with a context monitor (two passes): ${(rssMon.maxRss / 1e6).toFixed(0)} MB`);
  }
}

if (process.argv[2]?.startsWith('--rss-child')) await rssChild(process.argv[3]!, process.argv[4]!, process.argv[2] === '--rss-child-monitor');
else await main();
