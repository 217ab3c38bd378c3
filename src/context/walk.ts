// The build-context walker: yields what BuildKit's context transfer (tonistiigi/fsutil) would send,
// in its order, streaming with memory bounded by the directory depth, never following symlinks.
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { errnoReason } from '../core/errno.js';
import type { DockerignoreMatcher, MatchInfo } from './dockerignore.js';
import type { ContextMonitor, WatchedDir } from './monitor.js';
import type { StatKey } from './stat-cache.js';

/** One entry the build would send. Paths are relative to the root and `/`-separated. */
export interface ContextEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Bytes for files; the target's length for symlinks; 0 for directories. */
  size: number;
  /** st_mode (type and permission bits). */
  mode: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  nlink: number;
  /** The symlink's target string (never followed). */
  linkTarget?: string;
  /** A directory that .dockerignore excludes, sent only as the parent of a re-included entry. */
  backfilled?: boolean;
}

/** Something odd but not fatal: a special file left out. */
export interface WalkWarning {
  path: string;
  message: string;
}

/** The context cannot be walked: missing root, unreadable directory or file. */
export class ContextError extends Error {
  constructor(message: string, readonly path?: string) {
    super(shortenPaths(message));
  }
}

/** Keeps a one-line error readable when a path in it is enormous (a 3,000-level deep tree). */
function shortenPaths(message: string): string {
  return message.replace(/[^\s:]{200,}/g, (p) => `${p.slice(0, 60)}…${p.slice(-60)} (${p.length.toLocaleString('en-US')} characters)`);
}

/** Options of walkContext. */
export interface WalkOptions {
  /** The .dockerignore in effect; null/undefined sends everything. */
  matcher?: DockerignoreMatcher | null;
  /** Called for each special file (FIFO, socket, device) that is skipped. */
  onWarning?(warning: WalkWarning): void;
  /** Called for each path .dockerignore cuts off: an excluded file, or a directory not entered. */
  onExcluded?(path: string, isDir: boolean): void;
  /** Return false to not enter a directory (it is still yielded unless excluded). Default: enter all. */
  descend?(path: string): boolean;
  /**
   * Remembered listings (a StatCache): a directory whose own stat is unchanged is not read again.
   * Every entry is still lstat'ed, so changed, added or removed files are seen as before.
   */
  listings?: ListingStore | null;
  /**
   * A monitor watching this root (settled by the caller): names without events since the last
   * walk are taken from it without an lstat. Overrides `listings`.
   */
  monitor?: ContextMonitor | null;
}

/** Where walkContext can remember directory listings (StatCache implements it). */
export interface ListingStore {
  getListing(dir: string, st: StatKey): string[] | undefined;
  setListing(dir: string, st: StatKey, names: string[], listStartMs: number): boolean;
}

interface Frame {
  /** Relative path of this directory ('' for the root). */
  rel: string;
  abs: string;
  names: string[];
  next: number;
  info: MatchInfo | undefined;
  /** Excluded directory entered only because an exception may re-include something below. */
  excluded: boolean;
  /** Pending directory entry to emit before the first included descendant. */
  pending: ContextEntry | null;
  /** What the monitor knows of this directory's names, when a monitor is in use. */
  watched: WatchedDir | null;
}

/** Byte-wise (UTF-8) order of names, which is the order Go's WalkDir visits them in. */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in UTF-8 order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Resolves and checks a context root; throws ContextError with a one-line reason. */
export function resolveRoot(root: string): string {
  let real: string;
  try {
    real = realpathSync(root);
  } catch (e) {
    throw new ContextError(`${root}: ${errnoReason(e)}`, root);
  }
  let st: Stats;
  try {
    st = statSync(real);
  } catch (e) {
    throw new ContextError(`${root}: ${errnoReason(e)}`, root);
  }
  if (!st.isDirectory()) throw new ContextError(`${root}: not a directory`, root);
  return real;
}


const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
const groups = new Set<number>(typeof process.getgroups === 'function' ? process.getgroups() : []);
if (typeof process.getgid === 'function') groups.add(process.getgid());

/** Whether the permission bits let this process read (root reads everything). */
export function canRead(st: { uid: number; gid: number; mode: number }, bit: 'r' | 'rx' = 'r'): boolean {
  if (uid === 0 || uid === -1) return true;
  const need = bit === 'r' ? 4 : 5;
  const shift = st.uid === uid ? 6 : groups.has(st.gid) ? 3 : 0;
  return ((st.mode >> shift) & need) === need;
}

function entryOf(rel: string, abs: string, st: Stats): ContextEntry | null {
  let type: ContextEntry['type'];
  let size = 0;
  let linkTarget: string | undefined;
  if (st.isFile()) {
    type = 'file';
    size = st.size;
  } else if (st.isDirectory()) type = 'dir';
  else if (st.isSymbolicLink()) {
    type = 'symlink';
    try {
      linkTarget = readlinkSync(abs);
    } catch (e) {
      throw new ContextError(`cannot read symlink ${rel}: ${errnoReason(e)}`, rel);
    }
    size = Buffer.byteLength(linkTarget);
  } else return null;
  const entry: ContextEntry = {
    path: rel,
    type,
    size,
    mode: st.mode,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
    ino: st.ino,
    dev: st.dev,
    nlink: st.nlink,
  };
  if (linkTarget !== undefined) entry.linkTarget = linkTarget;
  return entry;
}

function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'named pipe';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'special file';
}

function listDir(abs: string, rel: string): string[] {
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch (e) {
    throw new ContextError(`cannot read directory ${rel || abs}: ${errnoReason(e)}`, rel || '.');
  }
  // UTF-16 order equals UTF-8 byte order unless surrogates meet U+E000..U+FFFF; only then pay
  // for the careful comparison.
  return names.some((n) => /[\ud800-\udfff]/.test(n)) ? names.sort(compareNames) : names.sort();
}

/** listDir, through remembered listings when there are any. */
function listVia(store: ListingStore | null | undefined, abs: string, rel: string, st: StatKey | undefined): string[] {
  if (!store || !st) return listDir(abs, rel);
  const hit = store.getListing(rel, st);
  if (hit) return hit;
  const start = Date.now();
  const names = listDir(abs, rel);
  store.setListing(rel, st, names, start);
  return names;
}

function rootStat(root: string): Stats | undefined {
  try {
    return statSync(root); // the root itself may be a symlink; its target's stat is what counts
  } catch {
    return undefined; // listDir reports the problem
  }
}

/**
 * Walks the context at `root` (already resolved with resolveRoot, or a plain path) and yields every
 * entry the build would send, depth first in Go's name order: directories before their contents,
 * an excluded directory only as the parent of a re-included entry (back-filled), excluded
 * directories pruned when no exception can re-include anything below them. Symlinks are yielded as
 * links; nothing outside the root is read. Throws ContextError for unreadable directories/files.
 */
export function* walkContext(root: string, options: WalkOptions = {}): Generator<ContextEntry> {
  const matcher = options.matcher && !options.matcher.empty ? options.matcher : null;
  // Excluded directories waiting to be back-filled; most walks have none, so skip the scan.
  let pendingCount = 0;
  const monitor = options.monitor ?? null;
  const rootWatched = monitor ? monitor.begin(root) : null;
  const stack: Frame[] = [
    {
      rel: '',
      abs: root,
      names: rootWatched
        ? rootWatched.enter(() => listDir(root, ''))
        : listVia(options.listings, root, '', options.listings ? rootStat(root) : undefined),
      next: 0,
      info: undefined,
      excluded: false,
      pending: null,
      watched: rootWatched,
    },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.names.length) {
      stack.pop();
      if (top.pending) pendingCount--;
      continue;
    }
    const index = top.next++;
    const name = top.names[index]!;
    const rel = top.rel === '' ? name : `${top.rel}/${name}`;
    const abs = `${top.abs}/${name}`;
    const watched = top.watched;
    // From the monitor: the entry as last seen (a string: a special file of that kind), when no
    // event touched the name since. Otherwise the disk is read.
    const known = watched ? watched.known[index] : undefined;
    let st: Stats | undefined;
    let isDir: boolean;
    if (known !== undefined) isDir = typeof known !== 'string' && known.type === 'dir';
    else {
      try {
        st = lstatSync(abs);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          // A name that is not UTF-8 comes back from readdir with U+FFFD and cannot be opened by it.
          if (name.includes('\uFFFD')) options.onWarning?.({ path: rel, message: `skipped ${rel}: the file name is not valid UTF-8` });
          // Otherwise it was removed while we walked: fsutil skips vanished entries too.
          continue;
        }
        throw new ContextError(`cannot stat ${rel}: ${errnoReason(e)}`, rel);
      }
      isDir = st.isDirectory();
    }
    let excluded = false;
    let info: MatchInfo | undefined;
    if (matcher) {
      const r = matcher.matchesWithParent(rel, top.info);
      excluded = r.excluded;
      info = r.info;
      if (excluded && (!isDir || !matcher.mayReincludeBelow(rel))) {
        options.onExcluded?.(rel, isDir);
        continue;
      }
    }
    const entry = st ? entryOf(rel, abs, st) : typeof known === 'string' ? null : known!;
    if (!entry) {
      const kind = st ? specialKind(st) : (known as string);
      if (watched && st) watched.known[index] = kind;
      if (!excluded) options.onWarning?.({ path: rel, message: `skipped ${rel}: a ${kind} is not sent` });
      continue;
    }
    if (isDir && options.descend && !options.descend(rel)) {
      if (watched && st) watched.known[index] = entry;
      if (!excluded) {
        if (pendingCount > 0) pendingCount -= yield* flushPending(stack);
        yield entry;
      }
      continue;
    }
    if (isDir) {
      if (st && !canRead(st, 'rx')) throw new ContextError(`cannot read directory ${rel}: permission denied`, rel);
      if (watched && st) watched.known[index] = entry;
      // A remembered entry is shared between walks: the back-fill mark goes on a copy.
      const sent = excluded ? { ...entry, backfilled: true } : entry;
      // The monitor watches a directory before listing it, so later changes in it raise events.
      const childWatched = watched && monitor ? monitor.enterDir(rel, abs) : null;
      const frame: Frame = {
        rel,
        abs,
        // (Without a fresh stat, remembered listings cannot be validated: read the directory.)
        names: childWatched ? childWatched.enter(() => listDir(abs, rel)) : st ? listVia(options.listings, abs, rel, st) : listDir(abs, rel),
        next: 0,
        info,
        excluded,
        pending: excluded ? sent : null,
        watched: childWatched,
      };
      if (excluded) pendingCount++;
      if (!excluded) {
        if (pendingCount > 0) pendingCount -= yield* flushPending(stack);
        yield sent;
      }
      stack.push(frame);
      continue;
    }
    if (st && entry.type === 'file' && !canRead(st)) throw new ContextError(`cannot read file ${rel}: permission denied`, rel);
    if (watched && st) watched.known[index] = entry;
    if (pendingCount > 0) pendingCount -= yield* flushPending(stack);
    yield entry;
  }
}

/** Emits the excluded ancestors of an included entry that have not been sent yet (fsutil back-fill). */
function* flushPending(stack: Frame[]): Generator<ContextEntry, number> {
  let n = 0;
  for (const f of stack) {
    if (f.pending) {
      const e = f.pending;
      f.pending = null;
      n++;
      yield e;
    }
  }
  return n;
}
