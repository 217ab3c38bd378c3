// A context monitor for long-running processes (`--watch`, editors): inotify watches (through
// fs.watch, one per directory) say which names changed, so a later walk of the same context
// lstats only those and takes everything else from what it saw last time. Like Git's fsmonitor,
// it replaces the one-lstat-per-file floor of a stat cache, and it never guesses: whenever it
// cannot vouch for a directory (new, renamed, events possibly lost, root replaced), that part of
// the walk reads the disk as a walk without a monitor would.
import { mkdtempSync, readFileSync, rmSync, statSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContextEntry } from './walk.js';

/**
 * What the walk learned of one name: its entry, the kind of special file it is (a string), or
 * undefined when it must be looked at again (new, changed, or excluded last time).
 */
export type KnownEntry = ContextEntry | string | undefined;

/** One watched directory: its names and what was known of each, as of the last walk. */
export class WatchedDir {
  /** Sorted names as last listed. */
  names: string[] = [];
  /** Aligned with `names`. */
  known: KnownEntry[] = [];
  /** A name was added, removed or renamed: list again before the next walk uses `names`. */
  stale = true;
  /** Names with events since the last walk looked at this directory. */
  dirty = new Set<string>();

  constructor(readonly watcher: FSWatcher) {}

  /**
   * The directory's names for this walk. Listed again (`list`) when its names may have changed;
   * names with events lose what was known of them. Call once per walk, when entering.
   */
  enter(list: () => string[]): string[] {
    if (this.stale) {
      const old = new Map<string, KnownEntry>();
      for (let i = 0; i < this.known.length; i++) if (this.known[i] !== undefined) old.set(this.names[i]!, this.known[i]);
      this.names = list();
      this.known = this.names.map((n) => old.get(n));
      this.stale = false;
    }
    if (this.dirty.size > 0) {
      const names = this.names;
      for (let i = 0; i < names.length; i++) if (this.dirty.has(names[i]!)) this.known[i] = undefined;
      this.dirty.clear();
    }
    return this.names;
  }
}

/** Options of ContextMonitor. */
export interface MonitorOptions {
  /**
   * Events delivered in one turn of the event loop beyond which some may have been dropped (the
   * kernel queue overflowed, which fs.watch does not report); the next walk then trusts nothing.
   * Default: half of /proc/sys/fs/inotify/max_queued_events.
   */
  burstLimit?: number;
  /** Called (synchronously, from the event loop) after each file-system event in the context. */
  onEvent?(): void;
}

/** Counters, for callers and tests. */
export interface MonitorStats {
  /** Directories watched now. */
  watched: number;
  /** File-system events seen. */
  events: number;
  /** Times the monitor threw everything away (overflow, root replaced). */
  resets: number;
}

/**
 * Watches one context root. Use: `await monitor.settle()` (all changes made before it are then
 * known), then walk or hash with `{ monitor }`; repeat. `close()` when done. When watching is
 * impossible (the system's watch limit, an unwatchable directory), `broken` says why and walks
 * read the disk in full.
 */
export class ContextMonitor {
  private dirs = new Map<string, WatchedDir>();
  private rootId = '';
  private lost = false;
  private burst = 0;
  private readonly burstLimit: number;
  private readonly cookieDir: string;
  private readonly cookieWatcher: FSWatcher | null;
  private cookieSeq = 0;
  private waiting = new Map<string, () => void>();
  private closed = false;
  /** Why the monitor cannot vouch for anything, or null while it works. */
  broken: string | null = null;
  readonly stats: MonitorStats = { watched: 0, events: 0, resets: 0 };

  constructor(
    readonly root: string,
    private readonly options: MonitorOptions = {},
  ) {
    this.burstLimit = options.burstLimit ?? Math.max(1, Math.floor(maxQueuedEvents() / 2));
    // Cookies: a file created here after some changes produces its event after theirs (one
    // inotify queue per process, in order), so seeing it proves theirs were delivered. Without
    // them the monitor cannot promise anything, and walks read the disk in full.
    let cookieDir = '';
    let cookieWatcher: FSWatcher | null = null;
    try {
      cookieDir = mkdtempSync(join(tmpdir(), 'dockhand-monitor-'));
      cookieWatcher = watch(cookieDir, { persistent: false }, (_type, name) => {
        const done = name ? this.waiting.get(String(name)) : undefined;
        if (done) {
          this.waiting.delete(String(name));
          done();
        }
      });
      cookieWatcher.on('error', () => this.breakWith('the monitor lost the watch on its temporary directory'));
    } catch (e) {
      if (cookieDir) rmSync(cookieDir, { recursive: true, force: true });
      cookieDir = '';
      this.broken = `cannot watch a temporary directory (${(e as Error).message})`;
    }
    this.cookieDir = cookieDir;
    this.cookieWatcher = cookieWatcher;
  }

  /**
   * Resolves once every change made before the call has been seen. Walks after it reflect them.
   * (Waits at most 2 s; if the cookie's event has not come by then, the next walk trusts nothing.)
   */
  settle(): Promise<void> {
    if (this.closed || this.broken) return Promise.resolve();
    const name = `c${process.pid}-${this.cookieSeq++}`;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(name);
        this.lost = true;
        resolve();
      }, 2000);
      this.waiting.set(name, () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        const path = join(this.cookieDir, name);
        writeFileSync(path, '');
        rmSync(path, { force: true });
      } catch {
        this.waiting.delete(name);
        clearTimeout(timer);
        this.lost = true;
        resolve();
      }
    });
  }

  /** Stops watching and removes the monitor's temporary directory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropAll();
    this.cookieWatcher?.close();
    if (this.cookieDir) rmSync(this.cookieDir, { recursive: true, force: true });
    for (const done of this.waiting.values()) done();
    this.waiting.clear();
  }

  /**
   * Starts a walk of `root` (the resolved path the monitor watches): the root's WatchedDir, or
   * null when this walk must read the disk in full (monitor broken or closed).
   */
  begin(root: string): WatchedDir | null {
    if (root !== this.root) throw new Error(`this monitor watches ${this.root}, not ${root}`);
    if (this.closed || this.broken) return null;
    // A root that is no longer the same directory (moved away and replaced) invalidates all.
    let id = '';
    try {
      // The birth time tells a directory re-created at the same path apart, even with the same inode number.
      const st = statSync(root);
      id = `${st.dev}:${st.ino}:${st.birthtimeMs}`;
    } catch {
      /* the walk reports it */
    }
    if (this.lost || id !== this.rootId) {
      if (this.dirs.size > 0 || this.lost) this.stats.resets++;
      this.dropAll();
      this.lost = false;
      this.rootId = id;
    }
    return this.enterDir('', root);
  }

  /**
   * The WatchedDir of a directory the walk enters, watching it first when new (so that anything
   * changed after it is listed produces an event); null when it cannot be watched.
   */
  enterDir(rel: string, abs: string): WatchedDir | null {
    if (this.broken || this.closed) return null;
    const known = this.dirs.get(rel);
    if (known) return known;
    let watcher: FSWatcher;
    try {
      watcher = watch(abs, { persistent: false }, (type, name) => this.event(rel, type, name));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE') {
        this.breakWith(
          code === 'ENOSPC'
            ? 'the system limit on watched directories is reached (fs.inotify.max_user_watches)'
            : 'too many open files to watch the context',
        );
      }
      return null; // vanished or unreadable: the walk reads it (and reports any error) itself
    }
    watcher.on('error', () => this.drop(rel, true));
    const dir = new WatchedDir(watcher);
    this.dirs.set(rel, dir);
    this.stats.watched++;
    return dir;
  }

  private event(rel: string, type: string, name: string | Buffer | null): void {
    this.stats.events++;
    if (this.burst++ === 0) setImmediate(() => (this.burst = 0));
    else if (this.burst >= this.burstLimit) this.lost = true;
    this.options.onEvent?.();
    const dir = this.dirs.get(rel);
    if (!dir) return;
    if (name === null || name === undefined) {
      // No name: anything in the directory may have changed.
      dir.stale = true;
      dir.known = [];
      this.touchParent(rel);
      return;
    }
    const n = String(name);
    dir.dirty.add(n);
    if (type === 'rename') {
      // Names added, removed or moved: list again, and look at the directory's own entry again.
      dir.stale = true;
      this.touchParent(rel);
      // A watched directory moved away keeps its watch (inotify follows the inode): forget it
      // and everything below, so a directory now at that path is watched afresh.
      const child = rel === '' ? n : `${rel}/${n}`;
      if (this.dirs.has(child)) this.drop(child, false);
    }
  }

  /** Marks a directory's own entry in its parent as changed (its mtime moved). */
  private touchParent(rel: string): void {
    if (rel === '') return;
    const slash = rel.lastIndexOf('/');
    const parent = this.dirs.get(slash === -1 ? '' : rel.slice(0, slash));
    parent?.dirty.add(slash === -1 ? rel : rel.slice(slash + 1));
  }

  /** Forgets a directory and everything below it (closing their watches). */
  private drop(rel: string, touch: boolean): void {
    const prefix = rel === '' ? '' : `${rel}/`;
    for (const [key, dir] of this.dirs) {
      if (key === rel || key.startsWith(prefix)) {
        dir.watcher.close();
        this.dirs.delete(key);
        this.stats.watched--;
      }
    }
    if (rel === '') this.lost = true;
    else if (touch) this.touchParent(rel);
  }

  private dropAll(): void {
    for (const dir of this.dirs.values()) dir.watcher.close();
    this.dirs.clear();
    this.stats.watched = 0;
  }

  private breakWith(why: string): void {
    if (this.broken) return;
    this.broken = why;
    this.dropAll();
  }
}

/** The kernel's per-instance inotify queue length (events beyond it are dropped). */
function maxQueuedEvents(): number {
  try {
    const n = Number(readFileSync('/proc/sys/fs/inotify/max_queued_events', 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : 16384;
  } catch {
    return 16384;
  }
}
