// Opens a real build context for the planner: walks it once with the .dockerignore in effect and
// digests entries lazily (only what COPY/ADD/mounts select), through the persistent stat cache.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ContextError,
  ContextHasher,
  DockerignoreError,
  defaultCacheDir,
  findDockerignore,
  parseDockerignore,
  StatCache,
  statCacheFile,
  unreadableFolderOf,
  walkContext,
  type ContextEntry,
  type ContextMonitor,
} from '../context/index.js';
import type { ContextReader } from '../planner/context.js';
import { CliError, type Io } from './io.js';
import { displayPath } from './plan-input.js';
import { describeError } from './read-file.js';

/**
 * What a watching process keeps between plans of the same context: the stat cache, loaded once,
 * and a monitor that spares the walk an lstat of every unchanged file.
 */
export interface ContextSession {
  cache: StatCache;
  monitor: ContextMonitor;
}

/** The persistent stat cache of a context (in memory only when the cache file cannot be used). */
export function openStatCache(dir: string, io: Io): StatCache {
  try {
    return StatCache.open(statCacheFile(defaultCacheDir(dir, io.env), dir));
  } catch {
    return StatCache.memory();
  }
}

/** Work done between two yields to the event loop when a walk or prefetch shares its thread. */
const SLICE_MS = 8;
/** Files larger than this are hashed with asynchronous reads when prefetched. */
const LARGE_FILE = 1 << 20;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A .dockerignore to apply instead of the one on disk (`explain --since`: the one of a revision);
 * `path` null when there was none. `path` is how messages show it.
 */
export interface IgnoreOverride {
  path: string | null;
  text: Buffer | null;
}

/**
 * A ContextReader over a directory; call `close()` to persist the stat cache. `shared`: the thread
 * serves other work (the language server's diagnostics), so the walk yields to it every few
 * milliseconds; either way the entries are the same.
 */
export async function openPlannerContext(
  dir: string,
  dockerfile: string,
  io: Io,
  session?: ContextSession,
  shared = false,
  ignore?: IgnoreOverride,
): Promise<ContextReader & { close(): void }> {
  const ignorePath = ignore ? ignore.path : findDockerignore(dir, dockerfile);
  let matcher = null;
  if (ignorePath) {
    const shown = ignore ? ignorePath : displayPath(io.cwd, ignorePath);
    try {
      matcher = parseDockerignore(ignore ? ignore.text! : readFileSync(ignorePath));
    } catch (err) {
      if (err instanceof DockerignoreError) throw new CliError(`${shown}: ${err.message}`);
      const folder = unreadableFolderOf(ignorePath, err);
      throw new CliError(folder ? `cannot read directory ${folder}: permission denied` : `${shown}: cannot read: ${describeError(err)}`);
    }
  }
  // Opened before the walk: its remembered listings let a warm walk skip reading unchanged directories.
  const cache = session?.cache ?? openStatCache(dir, io);
  const byPath = new Map<string, ContextEntry>();
  // Entries the walk could not send (special files, names that are not UTF-8) change what the
  // build sees, so they go into the plan's warnings rather than only onto a terminal.
  const walkWarnings: string[] = [];
  try {
    let slice = performance.now();
    for (const e of walkContext(dir, { matcher, listings: cache, monitor: session?.monitor, onWarning: (w) => { walkWarnings.push(w.message); } })) {
      byPath.set(e.path, e);
      if (shared && performance.now() - slice > SLICE_MS) {
        await nextTurn();
        slice = performance.now();
      }
    }
  } catch (err) {
    if (err instanceof ContextError) throw new CliError(err.message);
    throw err;
  }
  const entries = [...byPath.values()]
    .map((e) => (e.type === 'symlink' ? { path: e.path, type: e.type, size: e.size, target: e.linkTarget } : { path: e.path, type: e.type, size: e.size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hasher = new ContextHasher(dir, cache, session !== undefined);
  const digests = new Map<string, string>();
  const root = displayPath(io.cwd, dir);
  // What BuildKit's record covers (type, permission bits, symlink target, content; uid/gid are 0
  // for context files, mtime never counts), without hashing the record a second time.
  const record = (e: ContextEntry, content: string) => {
    const perm = (e.mode & 0o7777).toString(8);
    return e.type === 'file' ? `f${perm}:${content}` : e.type === 'dir' ? `d${perm}` : `l:${e.linkTarget ?? ''}`;
  };
  // A directory the walk did not send (explain's baseline may hold one, the parent of a file sent
  // then and deleted since): its record from disk when it is still there.
  const unsentDirectory = (path: string): string | undefined => {
    try {
      const st = lstatSync(join(dir, path));
      return st.isDirectory() ? `d${(st.mode & 0o7777).toString(8)}` : undefined;
    } catch {
      return undefined;
    }
  };
  const digest = (path: string): string => {
    let d = digests.get(path);
    if (d === undefined) {
      const e = byPath.get(path);
      if (!e) return unsentDirectory(path) ?? 'sha256:absent';
      try {
        d = record(e, e.type === 'file' ? hasher.content(e) : '');
      } catch (err) {
        throw new CliError(`${path}: cannot read (${(err as Error).message})`);
      }
      digests.set(path, d);
    }
    return d;
  };
  return {
    root,
    warnings: walkWarnings,
    entries: () => entries,
    digest,
    excluded: (path) => matcher?.excludedInWalk(path) ?? false,
    // Only files are read to be hashed; a directory's or symlink's digest is its lstat record.
    known: (path) => digests.get(path) ?? (byPath.get(path)?.type === 'file' ? undefined : digest(path)),
    prefetch: async (paths) => {
      let slice = performance.now();
      for (const path of paths) {
        const e = byPath.get(path);
        try {
          // A large file is read a megabyte at a time, letting other work run between reads.
          if (e?.type === 'file' && e.size > LARGE_FILE && !digests.has(path)) digests.set(path, record(e, await hasher.contentAsync(e)));
          else digest(path);
        } catch {
          // Unreadable: the plan's own digest() reports it.
        }
        if (performance.now() - slice > SLICE_MS) {
          await nextTurn();
          slice = performance.now();
        }
      }
    },
    close: () => {
      try {
        // The walk listed the whole context: entries of paths it did not find are of deleted files
        // (not so under another .dockerignore: they may be files it excluded).
        if (!ignore) cache.forgetAllBut((path) => byPath.has(path));
        cache.save(); // writes only when a digest or a listing changed, or something was forgotten
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}
