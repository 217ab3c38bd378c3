// Persistent stat cache: (path, size, mtime, ctime, inode) → content sha256, in a compact binary
// file per context root, written atomically (temp file + rename) and merged when another process
// wrote it meanwhile, so two concurrent runs never corrupt it or lose each other's work.
import { existsSync, mkdirSync } from 'node:fs';
import { readRegular } from '../core/read-regular.js';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Listings, racy, validListingText, type LoadedListings } from './listings.js';
import { createHash } from '../core/lazy-crypto.js';
import { lock, stamp, writeAtomically } from '../core/atomic-file.js';

/** The stat fields a cache entry is keyed on. */
export interface StatKey {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * File layout (little endian): magic `DHSC0004`, u32 count, u32 byte length of the path block,
 * u32 listing count, u32 byte length of the listing block; then count × 4 float64 (size,
 * mtimeMs, ctimeMs, ino), listings × 4 float64 (the same of each directory), count × 32 bytes
 * of sha256, the path block (every path in UTF-8 followed by a NUL; names cannot contain NUL),
 * and the listing block (see listings.ts). The numbers sit in aligned blocks so a lookup is four
 * typed-array reads; the paths decode as ONE string, so loading allocates no string per entry,
 * and lookups in file order compare in place.
 */
const MAGIC = Buffer.from('DHSC0004');
const HEAD = MAGIC.length + 16;

/**
 * A loaded cache file: `text` is the decoded path block (paths each followed by `\0`, in row
 * order); rows index the number and digest blocks.
 */
interface Loaded {
  count: number;
  text: string;
  nums: Float64Array;
  digests: Buffer;
  listings: LoadedListings;
}

/** Lower-case hex digits of every byte value, as two char codes (for writing digests into buffers). */
const HEX = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const h = b.toString(16).padStart(2, '0');
  HEX[b * 2] = h.charCodeAt(0);
  HEX[b * 2 + 1] = h.charCodeAt(1);
}

/**
 * Where dockhand keeps caches: `$XDG_CACHE_HOME/dockhand` when set, else
 * `<project>/node_modules/.cache/dockhand` when `start` is inside a project with a node_modules
 * directory, else `~/.cache/dockhand`. `$DOCKHAND_CACHE_DIR` overrides all of these.
 */
export function defaultCacheDir(start: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOCKHAND_CACHE_DIR) return resolve(env.DOCKHAND_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'dockhand');
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) {
      return join(dir, 'node_modules', '.cache', 'dockhand');
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(homedir(), '.cache', 'dockhand');
}

/** The cache file of one context root inside a cache directory. */
export function statCacheFile(cacheDir: string, root: string): string {
  const id = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 24);
  return join(cacheDir, `stat-${id}.bin`);
}

/**
 * The cache of one context. Keys are context-relative paths. `get` answers only when every stat
 * field is unchanged; `set` refuses "racy" entries (modified too recently for their timestamps
 * to prove a later change), like Git's index does.
 */
export class StatCache {
  /**
   * path → slot: `i >= 0` is row i of the loaded file's blocks, `-(j + 1)` row j of the fresh
   * blocks (entries set in this session). Rows are plain numbers and bytes, no object per entry,
   * so a million entries cost little more than their path strings.
   */
  private entries = new Map<string, number>();
  private fresh = { nums: new Float64Array(1024), digests: Buffer.alloc(256 * 32), count: 0 };
  private readonly storing: boolean;
  private loaded: Loaded = {
    count: 0,
    text: '',
    nums: new Float64Array(0),
    digests: Buffer.alloc(0),
    listings: { count: 0, nums: new Float64Array(0), text: '' },
  };
  /** Directory listings, valid while each directory's own stat is unchanged. */
  private readonly listings = new Listings();
  /**
   * The map is built on first need. Until then lookups that arrive in file order (a walk in the
   * same order as the walk that wrote the file) are answered by a cursor, without hashing paths.
   */
  private mapBuilt = true;
  /** Next row for an in-order lookup, and where its path starts in `loaded.text`. */
  private cursor = 0;
  private cursorPos = 0;
  private dirty = false;
  private loadedStamp = '';
  /** Loaded rows looked up this session (hit or not): after a complete walk, the others are gone. */
  private visited = new Uint8Array(0);
  /** Loaded rows the next save drops (paths a complete walk showed are no longer in the context). */
  private doomed: Uint8Array | null = null;
  /**
   * Slots of stat objects that never change (see get's `stable`). A slot stays valid for its
   * object: a path's newer digest comes with a newer stat, hence a new object.
   */
  private bySource = new WeakMap<StatKey, number>();
  /** Lookups that returned a digest / that did not. */
  hits = 0;
  misses = 0;

  private constructor(readonly file: string, storing = true) {
    this.storing = storing;
  }

  /** Opens (and loads, when present and valid) the cache file; a damaged file is treated as empty. */
  static open(file: string): StatCache {
    const c = new StatCache(file);
    c.loadedStamp = stamp(file);
    const loaded = readCacheFile(file);
    if (loaded) {
      c.loaded = loaded;
      c.visited = new Uint8Array(loaded.count);
      c.mapBuilt = false;
      c.listings.load(loaded.listings);
    }
    return c;
  }

  /** An in-memory cache that is never saved. */
  static memory(): StatCache {
    return new StatCache('');
  }

  /** A cache that never remembers anything: every file is hashed, memory stays flat. */
  static none(): StatCache {
    return new StatCache('', false);
  }

  get size(): number {
    return this.map().size;
  }

  private map(): Map<string, number> {
    if (!this.mapBuilt) {
      const paths = pathsOf(this.loaded);
      for (let i = 0; i < paths.length; i++) this.entries.set(paths[i]!, i);
      this.mapBuilt = true;
    }
    return this.entries;
  }

  /**
   * The cached content digest (hex) of `path` when its stat is unchanged. `stable`: `st` is an
   * object that is never changed and will be asked about again (a monitor's entries), so its
   * answer is remembered by identity and later look-ups skip the path.
   */
  get(path: string, st: StatKey, stable = false): string | undefined {
    const r = this.slotOf(path, st, stable);
    if (r === undefined) return undefined;
    const block = r >= 0 ? this.loaded : this.fresh;
    const row = r >= 0 ? r : -r - 1;
    return block.digests.toString('hex', row * 32, row * 32 + 32);
  }

  /**
   * Like get, but writes the 64 hex digits straight into `out` at `offset` (no string per hit);
   * false, writing nothing, on a miss. The hashing fast path uses this.
   */
  writeHex(path: string, st: StatKey, out: Buffer, offset: number, stable = false): boolean {
    const r = this.slotOf(path, st, stable);
    if (r === undefined) return false;
    const d = r >= 0 ? this.loaded.digests : this.fresh.digests;
    let i = (r >= 0 ? r : -r - 1) * 32;
    const end = i + 32;
    for (let o = offset; i < end; i++, o += 2) {
      const b = d[i]! * 2;
      out[o] = HEX[b]!;
      out[o + 1] = HEX[b + 1]!;
    }
    return true;
  }

  /** The slot of `path` when its stat is unchanged (counting the hit or miss), else undefined. */
  private slotOf(path: string, st: StatKey, stable: boolean): number | undefined {
    if (stable) {
      const known = this.bySource.get(st);
      if (known !== undefined) {
        this.hits++;
        return known;
      }
    }
    let r: number | undefined;
    const text = this.loaded.text;
    const pos = this.cursorPos;
    if (!this.mapBuilt && this.cursor < this.loaded.count && text.charCodeAt(pos + path.length) === 0 && text.startsWith(path, pos)) {
      r = this.cursor++;
      this.cursorPos = pos + path.length + 1;
    } else r = this.map().get(path);
    if (r !== undefined) {
      if (r >= 0) this.visited[r] = 1;
      const f = r >= 0 ? this.loaded.nums : this.fresh.nums;
      const k = (r >= 0 ? r : -r - 1) * 4;
      if (f[k] === st.size && f[k + 1] === st.mtimeMs && f[k + 2] === st.ctimeMs && f[k + 3] === st.ino) {
        this.hits++;
        if (stable) this.bySource.set(st, r);
        return r;
      }
    }
    this.misses++;
    return undefined;
  }

  /** Appends a row to the fresh blocks; returns its slot. */
  private append(size: number, mtimeMs: number, ctimeMs: number, ino: number, digest: Buffer | string, from = 0): number {
    const fr = this.fresh;
    if ((fr.count + 1) * 4 > fr.nums.length) {
      const nums = new Float64Array(fr.nums.length * 2);
      nums.set(fr.nums);
      fr.nums = nums;
      const digests = Buffer.alloc(fr.digests.length * 2);
      fr.digests.copy(digests);
      fr.digests = digests;
    }
    const j = fr.count++;
    fr.nums[j * 4] = size;
    fr.nums[j * 4 + 1] = mtimeMs;
    fr.nums[j * 4 + 2] = ctimeMs;
    fr.nums[j * 4 + 3] = ino;
    if (typeof digest === 'string') fr.digests.write(digest, j * 32, 32, 'hex');
    else digest.copy(fr.digests, j * 32, from, from + 32);
    return -(j + 1);
  }

  /**
   * Records a digest computed from content read at `readStartMs`. Skipped when the file changed
   * within the timestamp granularity before the read (a later edit could keep the same stat).
   */
  set(path: string, st: StatKey, digestHex: string, readStartMs = Date.now()): boolean {
    if (!this.storing || racy(st, readStartMs)) return false;
    this.map().set(path, this.append(st.size, st.mtimeMs, st.ctimeMs, st.ino, digestHex));
    this.dirty = true;
    return true;
  }

  /**
   * The sorted names of directory `dir` (context-relative, `''` for the root) as listed before,
   * when the directory's own stat is unchanged; undefined otherwise. The caller still lstats
   * every name: this only answers "which names are there", never "what is in them".
   */
  getListing(dir: string, st: StatKey): string[] | undefined {
    return this.storing ? this.listings.get(dir, st) : undefined;
  }

  /** Remembers a listing made at `listStartMs` (refused when the directory changed too recently). */
  setListing(dir: string, st: StatKey, names: string[], listStartMs = Date.now()): boolean {
    return this.storing && this.listings.set(dir, st, names, listStartMs);
  }

  /**
   * Call after a walk that looked up every file of the context (a full hash): entries it did not
   * look up are of files deleted (or now excluded) since, and listings it did not ask for are of
   * directories gone; the next save drops them, so the file does not grow with every rename.
   */
  forgetUnvisited(): void {
    this.forgetRows(() => false);
  }

  /**
   * Like forgetUnvisited, for a walk that listed every directory but looked up only some files
   * (the planner digests what COPY selects): entries whose path `exists` denies are dropped.
   */
  forgetAllBut(exists: (path: string) => boolean): void {
    // A file is deleted or renamed only with its directory's listing: when the walk was served
    // every remembered listing unchanged, there is nothing to look for (and no path to compare).
    if (this.listings.unchanged()) return;
    this.forgetRows(exists);
  }

  /** Marks for the next save the loaded rows not looked up this session that `exists` denies, and unasked listings. */
  private forgetRows(exists: (path: string) => boolean): void {
    if (!this.storing) return;
    const { count, text } = this.loaded;
    let doomed: Uint8Array | null = null;
    if (this.visited.includes(0)) {
      for (let i = 0, pos = 0; i < count; i++) {
        const nul = text.indexOf('\0', pos);
        if (!this.visited[i] && !exists(text.slice(pos, nul))) (doomed ??= new Uint8Array(count))[i] = 1;
        pos = nul + 1;
      }
    }
    this.doomed = doomed;
    if (this.listings.forgetUnvisited() || doomed) this.dirty = true;
  }

  /** Number of remembered directory listings. */
  get listingCount(): number {
    return this.listings.size;
  }

  /**
   * Writes the cache atomically when it changed. If another process replaced the file since we
   * loaded it, its entries are merged in first (ours win for paths we both know).
   */
  save(): void {
    if (!this.file || !(this.dirty || this.listings.dirty)) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const unlock = lock(`${this.file}.lock`);
    try {
      this.mergeAndWrite();
    } finally {
      unlock();
    }
  }

  private mergeAndWrite(): void {
    if (stamp(this.file) !== this.loadedStamp) {
      const theirs = readCacheFile(this.file);
      const mine = this.map();
      if (theirs) {
        pathsOf(theirs).forEach((k, i) => {
          if (mine.has(k)) return;
          const f = theirs.nums;
          mine.set(k, this.append(f[i * 4]!, f[i * 4 + 1]!, f[i * 4 + 2]!, f[i * 4 + 3]!, theirs.digests, i * 32));
        });
        this.listings.mergeFrom(theirs.listings);
      }
    }
    const doomed = this.doomed;
    if (doomed) {
      const map = this.map();
      for (const [path, slot] of map) if (slot >= 0 && doomed[slot]) map.delete(path);
      this.doomed = null;
    }
    writeAtomically(this.file, encode(this.map(), this.loaded, this.fresh, this.listings.encode()));
    this.loadedStamp = stamp(this.file);
    this.dirty = false;
    this.listings.dirty = false;
  }
}

/** Paths of a loaded file in row order. */
function pathsOf(loaded: Loaded): string[] {
  if (loaded.count === 0) return [];
  const paths = loaded.text.split('\0');
  paths.pop(); // after the last NUL
  return paths;
}

function encode(
  entries: Map<string, number>,
  loaded: Loaded,
  fresh: { nums: Float64Array; digests: Buffer },
  listings: { count: number; nums: Float64Array; text: string },
): Buffer {
  const n = entries.size;
  let pathBytes = 0;
  for (const k of entries.keys()) pathBytes += 1 + Buffer.byteLength(k);
  const listingBytes = Buffer.byteLength(listings.text);
  const m = listings.count;
  const out = Buffer.alloc(HEAD + n * 64 + m * 32 + pathBytes + listingBytes);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(n, MAGIC.length);
  out.writeUInt32LE(pathBytes, MAGIC.length + 4);
  out.writeUInt32LE(m, MAGIC.length + 8);
  out.writeUInt32LE(listingBytes, MAGIC.length + 12);
  const nums = new Float64Array(out.buffer, out.byteOffset + HEAD, n * 4);
  new Float64Array(out.buffer, out.byteOffset + HEAD + n * 32, m * 4).set(listings.nums);
  const dOff = HEAD + n * 32 + m * 32;
  let pOff = dOff + n * 32;
  let i = 0;
  for (const [path, slot] of entries) {
    const block = slot >= 0 ? loaded : fresh;
    const row = slot >= 0 ? slot : -slot - 1;
    nums.set(block.nums.subarray(row * 4, row * 4 + 4), i * 4);
    block.digests.copy(out, dOff + i * 32, row * 32, row * 32 + 32);
    pOff += out.write(path, pOff);
    out[pOff++] = 0;
    i++;
  }
  out.write(listings.text, pOff);
  return out;
}

/** Parses a cache file; null when missing or damaged (a damaged cache only costs re-hashing). */
function readCacheFile(file: string): Loaded | null {
  let buf: Buffer;
  try {
    buf = readRegular(file);
  } catch {
    return null;
  }
  if (buf.length < HEAD || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const n = buf.readUInt32LE(MAGIC.length);
  const pathBytes = buf.readUInt32LE(MAGIC.length + 4);
  const m = buf.readUInt32LE(MAGIC.length + 8);
  const listingBytes = buf.readUInt32LE(MAGIC.length + 12);
  const dOff = HEAD + n * 32 + m * 32;
  const pOff = dOff + n * 32;
  const lOff = pOff + pathBytes;
  if (lOff + listingBytes !== buf.length) return null;
  // The block must hold exactly n NUL-terminated paths, or lookups would read the wrong rows.
  if (n > 0 && buf[lOff - 1] !== 0) return null;
  let nuls = 0;
  for (let at = buf.indexOf(0, pOff); at >= 0 && at < lOff; at = buf.indexOf(0, at + 1)) nuls++;
  if (nuls !== n) return null;
  const listingText = buf.toString('utf8', lOff);
  if (!validListingText(listingText, m)) return null;
  // Typed arrays need 8-byte alignment; pooled buffers may not have it.
  if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
  const nums = new Float64Array(buf.buffer, buf.byteOffset + HEAD, n * 4);
  const listingNums = new Float64Array(buf.buffer, buf.byteOffset + HEAD + n * 32, m * 4);
  const digests = buf.subarray(dOff, dOff + n * 32);
  return { count: n, text: buf.toString('utf8', pOff, lOff), nums, digests, listings: { count: m, nums: listingNums, text: listingText } };
}
