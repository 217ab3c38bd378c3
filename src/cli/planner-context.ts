// Opens a real build context for the planner: walks it once with the .dockerignore in effect and
// digests entries lazily (only what COPY/ADD/mounts select), through the persistent stat cache.
import { readFileSync } from 'node:fs';
import {
  ContextError,
  ContextHasher,
  DockerignoreError,
  defaultCacheDir,
  findDockerignore,
  parseDockerignore,
  StatCache,
  statCacheFile,
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

/** A ContextReader over a directory; call `close()` to persist the stat cache. */
export async function openPlannerContext(dir: string, dockerfile: string, io: Io, session?: ContextSession): Promise<ContextReader & { close(): void }> {
  const ignorePath = findDockerignore(dir, dockerfile);
  let matcher = null;
  if (ignorePath) {
    const shown = displayPath(io.cwd, ignorePath);
    try {
      matcher = parseDockerignore(readFileSync(ignorePath));
    } catch (err) {
      if (err instanceof DockerignoreError) throw new CliError(`${shown}: ${err.message}`);
      throw new CliError(`${shown}: cannot read (${describeError(err)})`);
    }
  }
  // Opened before the walk: its remembered listings let a warm walk skip reading unchanged directories.
  const cache = session?.cache ?? openStatCache(dir, io);
  const byPath = new Map<string, ContextEntry>();
  // Entries the walk could not send (special files, names that are not UTF-8) change what the
  // build sees, so they go into the plan's warnings rather than only onto a terminal.
  const walkWarnings: string[] = [];
  try {
    for (const e of walkContext(dir, { matcher, listings: cache, monitor: session?.monitor, onWarning: (w) => { walkWarnings.push(w.message); } })) {
      byPath.set(e.path, e);
    }
  } catch (err) {
    if (err instanceof ContextError) throw new CliError(err.message);
    throw err;
  }
  const entries = [...byPath.values()]
    .map((e) => ({ path: e.path, type: e.type, size: e.size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hasher = new ContextHasher(dir, cache, session !== undefined);
  const digests = new Map<string, string>();
  const root = displayPath(io.cwd, dir);
  return {
    root,
    warnings: walkWarnings,
    entries: () => entries,
    digest: (path) => {
      let d = digests.get(path);
      if (d === undefined) {
        const e = byPath.get(path);
        if (!e) return 'sha256:absent';
        try {
          // What BuildKit's record covers (type, permission bits, symlink target, content; uid/gid
          // are 0 for context files, mtime never counts), without hashing the record a second time.
          const perm = (e.mode & 0o7777).toString(8);
          d = e.type === 'file' ? `f${perm}:${hasher.content(e)}` : e.type === 'dir' ? `d${perm}` : `l:${e.linkTarget ?? ''}`;
        } catch (err) {
          throw new CliError(`${path}: cannot read (${(err as Error).message})`);
        }
        digests.set(path, d);
      }
      return d;
    },
    close: () => {
      try {
        // The walk listed the whole context: entries of paths it did not find are of deleted files.
        cache.forgetAllBut((path) => byPath.has(path));
        cache.save(); // writes only when a digest or a listing changed, or something was forgotten
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}
