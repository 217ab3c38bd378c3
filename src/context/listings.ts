// Remembered directory listings, the stat cache's second table: a directory whose own stat
// (mtime, ctime, inode, size) is unchanged has the same names, so a warm walk skips readdir.
// Files are still lstat'ed one by one; a directory's mtime never vouches for file contents.
import type { StatKey } from './stat-cache.js';

/** A fresh (this session) listing; names joined by NUL (one string, not one per name). */
interface Fresh {
  key: [number, number, number, number];
  joined: string;
}

/**
 * Listing rows loaded from a cache file: `nums` holds 4 float64 per row (size, mtimeMs, ctimeMs,
 * ino of the directory) and `text` every row as `dir NUL (name NUL)* NUL`. Names are never empty,
 * so the doubled NUL ends a row unambiguously, also for the root (`''`) and empty directories.
 */
export interface LoadedListings {
  count: number;
  nums: Float64Array;
  text: string;
}

/** Whether a stat is too recent to prove a later change would alter it (Git's racy-clean rule). */
export function racy(st: StatKey, startMs: number): boolean {
  const coarse = st.mtimeMs % 1000 === 0 && st.ctimeMs % 1000 === 0;
  return Math.max(st.mtimeMs, st.ctimeMs) > startMs - (coarse ? 2000 : 50);
}

/**
 * Directory → sorted names, valid while the directory's stat is unchanged: creating, removing or
 * renaming an entry updates its directory's mtime and ctime (POSIX), which Git's untracked cache
 * relies on too. Lookups in stored order (a walk like the one that stored them) use a cursor.
 */
export class Listings {
  private loaded: LoadedListings = { count: 0, nums: new Float64Array(0), text: '' };
  private cursor = 0;
  private cursorPos = 0;
  /** dir → loaded row (its names span is found on demand), built on the first out-of-order lookup. */
  private rows: Map<string, number> | null = null;
  private starts: Int32Array = new Int32Array(0);
  private fresh = new Map<string, Fresh>();
  /** Loaded rows asked about this session, and whether encode drops the others. */
  private visited = new Uint8Array(0);
  private forgetting = false;
  /** Some directory's stat no longer matched its remembered listing. */
  private changed = false;
  dirty = false;

  load(loaded: LoadedListings): void {
    this.loaded = loaded;
    this.visited = new Uint8Array(loaded.count);
    this.forgetting = false;
    this.changed = false;
    this.cursor = 0;
    this.cursorPos = 0;
    this.rows = null;
  }

  /** The remembered names of `dir` when its stat is unchanged, else undefined. */
  get(dir: string, st: StatKey): string[] | undefined {
    const f = this.fresh.get(dir);
    if (f) return sameKey(f.key, 0, st) ? (f.joined === '' ? [] : f.joined.split('\0')) : undefined;
    const { text, count } = this.loaded;
    let row: number;
    let pos: number;
    // Walks ask in the order the rows were written: try the row after the last one asked about
    // first, and after a look-up elsewhere (a directory added or re-listed) go on from there.
    // (A newer listing of the same directory is in `fresh`, checked above.)
    if (this.cursor < count && text.charCodeAt(this.cursorPos + dir.length) === 0 && text.startsWith(dir, this.cursorPos)) {
      row = this.cursor;
      pos = this.cursorPos;
    } else {
      const r = this.index().get(dir);
      if (r === undefined) return undefined;
      row = r;
      pos = this.starts[r]!;
    }
    const start = pos + dir.length + 1;
    const end = namesEnd(text, start);
    this.visited[row] = 1;
    this.cursor = row + 1;
    this.cursorPos = rowEnd(text, start);
    if (!sameKey(this.loaded.nums, row * 4, st)) {
      this.changed = true;
      return undefined;
    }
    return end === start ? [] : text.slice(start, end).split('\0');
  }

  /** Remembers a listing made at `listStartMs` unless the directory changed too recently to trust. */
  set(dir: string, st: StatKey, names: string[], listStartMs: number): boolean {
    if (racy(st, listStartMs)) return false;
    this.fresh.set(dir, { key: [st.size, st.mtimeMs, st.ctimeMs, st.ino], joined: names.join('\0') });
    this.dirty = true;
    return true;
  }

  /**
   * After a walk that asked about every directory of the context: the loaded rows it did not ask
   * about are of directories gone (or now excluded), and encode drops them. True when there are any.
   */
  forgetUnvisited(): boolean {
    this.forgetting = this.visited.includes(0);
    return this.forgetting;
  }

  /** True when every loaded row was asked about and matched, and none was listed again or added. */
  unchanged(): boolean {
    return !this.changed && this.fresh.size === 0 && !this.visited.includes(0);
  }

  /** Whether encode keeps loaded row `row`. */
  private kept(row: number): boolean {
    return !this.forgetting || this.visited[row] === 1;
  }

  /** Adds another file's rows for directories this table does not know (ours win). */
  mergeFrom(other: LoadedListings): void {
    const theirs = new Listings();
    theirs.load(other);
    for (const [dir, row] of theirs.index()) {
      if (this.fresh.has(dir) || this.index().has(dir)) continue;
      const names = theirs.get(dir, keyOf(other.nums, row));
      if (names) this.fresh.set(dir, { key: [...keyOf(other.nums, row).tuple], joined: names.join('\0') });
      this.dirty = true;
    }
  }

  /** Every current row, for writing: numbers and the text block. */
  encode(): { count: number; nums: Float64Array; text: string } {
    const out: string[] = [];
    const nums: number[] = [];
    const { text } = this.loaded;
    for (const [dir, row] of this.index()) {
      if (this.fresh.has(dir) || !this.kept(row)) continue;
      const pos = this.starts[row]!;
      const start = pos + dir.length + 1;
      out.push(text.slice(pos, rowEnd(text, start)));
      for (let k = 0; k < 4; k++) nums.push(this.loaded.nums[row * 4 + k]!);
    }
    for (const [dir, f] of this.fresh) {
      out.push(f.joined === '' ? `${dir}\0\0` : `${dir}\0${f.joined}\0\0`);
      nums.push(...f.key);
    }
    return { count: out.length, nums: Float64Array.from(nums), text: out.join('') };
  }

  get size(): number {
    let n = this.fresh.size;
    for (const [d, row] of this.index()) if (!this.fresh.has(d) && this.kept(row)) n++;
    return n;
  }

  /** dir → row over the loaded rows (one scan of the text block), recording where each row starts. */
  private index(): Map<string, number> {
    if (this.rows) return this.rows;
    const { text, count } = this.loaded;
    const rows = new Map<string, number>();
    const starts = new Int32Array(count);
    let pos = 0;
    for (let r = 0; r < count; r++) {
      const nul = text.indexOf('\0', pos);
      starts[r] = pos;
      rows.set(text.slice(pos, nul), r);
      const start = nul + 1;
      pos = rowEnd(text, start);
    }
    this.rows = rows;
    this.starts = starts;
    return rows;
  }
}

/** Checks that a listing block holds exactly `count` well-formed rows. */
export function validListingText(text: string, count: number): boolean {
  let pos = 0;
  for (let r = 0; r < count; r++) {
    const nul = text.indexOf('\0', pos);
    if (nul < 0) return false;
    const start = nul + 1;
    if (start >= text.length) return false;
    const end = rowEnd(text, start);
    if (end < 2) return false;
    pos = end;
  }
  return pos === text.length;
}

/**
 * Where the names of a row end (before its terminator), given where they start: a row is
 * `dir NUL name NUL ... name NUL NUL`, or `dir NUL NUL` for an empty directory. -1 when unterminated.
 */
function namesEnd(text: string, start: number): number {
  return text.charCodeAt(start) === 0 ? start : text.indexOf('\0\0', start);
}

/** Offset just past the row whose names start at `start` (1 when unterminated: callers check `< 2`). */
function rowEnd(text: string, start: number): number {
  const end = namesEnd(text, start);
  return end === start ? start + 1 : end + 2;
}

function sameKey(nums: ArrayLike<number>, k: number, st: StatKey): boolean {
  return nums[k] === st.size && nums[k + 1] === st.mtimeMs && nums[k + 2] === st.ctimeMs && nums[k + 3] === st.ino;
}

function keyOf(nums: Float64Array, row: number): StatKey & { tuple: [number, number, number, number] } {
  const k = row * 4;
  const tuple: [number, number, number, number] = [nums[k]!, nums[k + 1]!, nums[k + 2]!, nums[k + 3]!];
  return { size: tuple[0], mtimeMs: tuple[1], ctimeMs: tuple[2], ino: tuple[3], tuple };
}
