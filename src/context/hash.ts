// Content digests of context files and of COPY/ADD selections, covering what BuildKit's content
// checksum covers (content, size, mode bits, names, symlink targets; uid/gid as 0; never mtime).
import type { Hash } from 'node:crypto';
import { closeSync, openSync, promises, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerignoreMatcher } from './dockerignore.js';
import type { ContextMonitor } from './monitor.js';
import { goPathMatch } from './go-compat.js';
import { StatCache } from './stat-cache.js';
import { errnoReason } from '../core/errno.js';
import { ContextError, walkContext, type ContextEntry } from './walk.js';
import { createHash } from '../core/lazy-crypto.js';

/** Read buffer: large reads keep syscalls per byte low for big files. */
const BUF_SIZE = 1 << 20;
let sharedBuf: Buffer | null = null;

/** Counters of one hashing run. */
export interface HashStats {
  /** Entries digested. */
  entries: number;
  /** Files whose content was read and hashed. */
  hashed: number;
  /** Files whose content digest came from the stat cache. */
  cached: number;
  bytesHashed: number;
}

/** sha256 (hex) of a file's bytes, read with one reused 1 MiB buffer. */
export function sha256File(absPath: string, displayPath = absPath): string {
  const buf = (sharedBuf ??= Buffer.allocUnsafe(BUF_SIZE));
  const h = createHash('sha256');
  let fd: number;
  try {
    fd = openSync(absPath, 'r');
  } catch (e) {
    throw new ContextError(`cannot read file ${displayPath}: ${errnoReason(e)}`, displayPath);
  }
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, BUF_SIZE, null);
      if (n <= 0) break;
      h.update(n === BUF_SIZE ? buf : buf.subarray(0, n));
    }
  } catch (e) {
    throw new ContextError(`cannot read file ${displayPath}: ${errnoReason(e)}`, displayPath);
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/**
 * sha256File without holding the thread: each megabyte is read asynchronously, so other work runs
 * between reads (a language server hashing a large file of its build context).
 */
async function sha256FileAsync(absPath: string, displayPath = absPath): Promise<string> {
  const buf = Buffer.allocUnsafe(BUF_SIZE);
  const h = createHash('sha256');
  let file;
  try {
    // fs.promises loads node:fs/promises on first use: a lint reads no file this way (~2 ms saved).
    file = await promises.open(absPath, 'r');
  } catch (e) {
    throw new ContextError(`cannot read file ${displayPath}: ${errnoReason(e)}`, displayPath);
  }
  try {
    for (;;) {
      const { bytesRead: n } = await file.read(buf, 0, BUF_SIZE, null);
      if (n <= 0) break;
      h.update(n === BUF_SIZE ? buf : buf.subarray(0, n));
    }
  } catch (e) {
    throw new ContextError(`cannot read file ${displayPath}: ${errnoReason(e)}`, displayPath);
  } finally {
    await file.close();
  }
  return h.digest('hex');
}

const TYPEFLAG = { file: '0', symlink: '2', dir: '5' } as const;
/** The bytes of headerText around the size, built once per permission value / entry type. */
const MODE_PREFIX: (Buffer | undefined)[] = [];
const TYPE_SUFFIX = {
  file: Buffer.from('\0type=0\0link='),
  symlink: Buffer.from('\0type=2\0link='),
  dir: Buffer.from('\0type=5\0link='),
} as const;

/**
 * The digest of one entry's tar-style header record plus its content digest, in BuildKit's field
 * order: mode (permission + setuid/setgid/sticky bits; symlinks 0777), uid 0, gid 0, size,
 * typeflag, link target, then content. The name is not part of it (names come from the listing).
 */
export function recordDigest(entry: ContextEntry, contentHex: string | null): string {
  return `sha256:${createHash('sha256').update(recordText(entry, contentHex)).digest('hex')}`;
}

/** The header fields and content digest that recordDigest hashes. */
function recordText(entry: ContextEntry, contentHex: string | null): string {
  return `${headerText(entry)}${entry.linkTarget ?? ''}\0${contentHex ?? ''}`;
}

/** The record's ASCII fields up to the link target: `mode=…\0uid=0\0gid=0\0size=…\0type=…\0link=`. */
function headerText(entry: ContextEntry): string {
  const perm = entry.type === 'symlink' ? 0o777 : entry.mode & 0o7777;
  const size = entry.type === 'file' ? entry.size : 0;
  return `mode=${perm.toString(8)}\0uid=0\0gid=0\0size=${size}\0type=${TYPEFLAG[entry.type]}\0link=`;
}

/** Digests entries of one context, consulting and filling a stat cache. */
export class ContextHasher {
  readonly stats: HashStats = { entries: 0, hashed: 0, cached: 0, bytesHashed: 0 };

  /**
   * `stableEntries`: the entries given are kept and given again unchanged in later runs (a
   * context monitor's), so the cache can remember its answers by entry.
   */
  constructor(
    readonly root: string,
    readonly cache: StatCache = StatCache.none(),
    private readonly stableEntries = false,
  ) {}

  /** sha256 (hex) of a regular file's content, from the cache when its stat is unchanged. */
  content(entry: ContextEntry): string {
    const hit = this.cache.get(entry.path, entry, this.stableEntries);
    if (hit) {
      this.stats.cached++;
      return hit;
    }
    return this.hashContent(entry);
  }

  /** content(), reading the file asynchronously when the cache does not have it. */
  async contentAsync(entry: ContextEntry): Promise<string> {
    const hit = this.cache.get(entry.path, entry, this.stableEntries);
    if (hit) {
      this.stats.cached++;
      return hit;
    }
    const start = Date.now();
    const hex = await sha256FileAsync(join(this.root, entry.path), entry.path);
    this.stats.hashed++;
    this.stats.bytesHashed += entry.size;
    this.cache.set(entry.path, entry, hex, start);
    return hex;
  }

  /** The text recordDigest hashes for this entry (content digest from the cache when possible). */
  record(entry: ContextEntry): string {
    this.stats.entries++;
    return recordText(entry, entry.type === 'file' ? this.content(entry) : null);
  }

  /**
   * Writes `path NUL record` into `out` (the record byte for byte what record() returns, as
   * UTF-8) and returns where the record starts. A stat-cache hit copies the digest's hex digits
   * straight from the cache's bytes, so the warm path allocates no string per file.
   */
  writeRecord(entry: ContextEntry, out: RecordBuffer): number {
    this.stats.entries++;
    const link = entry.linkTarget ?? '';
    // UTF-8 needs at most 3 bytes per UTF-16 unit; the rest is under 100 ASCII bytes + 64 hex.
    out.reserve(3 * (entry.path.length + link.length) + 192);
    out.text(entry.path);
    out.byte(0);
    const recStart = out.off;
    // headerText's bytes, from per-mode and per-type constants plus the size's digits.
    const perm = entry.type === 'symlink' ? 0o777 : entry.mode & 0o7777;
    out.bytes(MODE_PREFIX[perm] ??= Buffer.from(`mode=${perm.toString(8)}\0uid=0\0gid=0\0size=`, 'latin1'));
    out.decimal(entry.type === 'file' ? entry.size : 0);
    out.bytes(TYPE_SUFFIX[entry.type]);
    if (link !== '') out.text(link);
    out.byte(0);
    if (entry.type === 'file') {
      if (this.cache.writeHex(entry.path, entry, out.buf, out.off, this.stableEntries)) {
        this.stats.cached++;
        out.off += 64;
      } else out.ascii(this.hashContent(entry));
    }
    return recStart;
  }

  /** Reads and hashes a file whose digest the cache did not have, and offers it to the cache. */
  private hashContent(entry: ContextEntry): string {
    const start = Date.now();
    const hex = sha256File(join(this.root, entry.path), entry.path);
    this.stats.hashed++;
    this.stats.bytesHashed += entry.size;
    this.cache.set(entry.path, entry, hex, start);
    return hex;
  }
}

/** Folds (path, digest) pairs, sorted by path, into one digest. Order-independent for callers. */
export function combineDigests(items: Iterable<{ path: string; digest: string }>): string {
  const list = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const h = createHash('sha256');
  for (const it of list) h.update(`${it.path}\0${it.digest}\n`);
  return `sha256:${h.digest('hex')}`;
}

/** Options of hashContext / hashSelection. */
export interface HashContextOptions {
  matcher?: DockerignoreMatcher | null;
  cache?: StatCache;
  /** A settled monitor of this root: only names with events since the last walk are looked at. */
  monitor?: ContextMonitor | null;
  /** Called after each entry with its record digest (costs one extra sha256 per entry). */
  onEntry?(entry: ContextEntry, digest: string): void;
}

/** Result of hashing a whole context or a selection. */
export interface HashResult {
  /** Combined digest over every selected entry's path and record digest. */
  digest: string;
  /** Number of entries covered. */
  count: number;
  stats: HashStats;
}

/**
 * Digests every entry the build would send (after .dockerignore), streaming: memory stays
 * bounded by the directory depth plus the running hash.
 */
export function hashContext(root: string, options: HashContextOptions = {}): HashResult {
  return hashSelection(root, null, options);
}

/**
 * The content digest of what a COPY/ADD with these sources selects from the context: every
 * entry equal to a source, below a selected directory, or matching a wildcard source (Go
 * filepath.Match per path segment). `sources` null selects everything. Paths are relative to the
 * root (leading `/` and `./` ignored).
 */
export function hashSelection(root: string, sources: string[] | null, options: HashContextOptions = {}): HashResult {
  const hasher = new ContextHasher(root, options.cache, !!options.monitor);
  const plan = sources ? selectionPlan(sources) : null;
  // Entries stream in the walk's deterministic order; each one's record is written as UTF-8
  // straight into one reused buffer that is fed to a single running hash every ~128 KiB (no
  // string per record, no per-entry digest unless a caller asks for it), so memory stays flat.
  const out = new RecordBuffer(createHash('sha256'));
  let count = 0;
  const onEntry = options.onEntry;
  for (const entry of walkContext(root, { matcher: options.matcher, descend: plan?.mayContain, listings: hasher.cache, monitor: options.monitor })) {
    if (plan && !plan.selects(entry.path)) continue;
    const recStart = hasher.writeRecord(entry, out);
    if (onEntry) onEntry(entry, `sha256:${createHash('sha256').update(out.buf.subarray(recStart, out.off)).digest('hex')}`);
    out.byte(0x0a);
    count++;
  }
  // The walk looked up every file of the context: cache rows it did not ask about are of files gone.
  if (!plan) hasher.cache.forgetUnvisited();
  return { digest: `sha256:${out.finish()}`, count, stats: hasher.stats };
}

/**
 * The bytes hashSelection hashes: per entry `path NUL record LF`, where record is exactly
 * recordText's UTF-8. Flushed into the hash when full; an entry never straddles a flush.
 */
class RecordBuffer {
  buf = Buffer.allocUnsafe(1 << 17);
  off = 0;

  constructor(private readonly hash: Hash) {}

  /** Makes room for `n` more bytes, flushing (and growing for huge names) as needed. */
  reserve(n: number): void {
    if (this.off + n <= this.buf.length) return;
    this.hash.update(this.buf.subarray(0, this.off));
    this.off = 0;
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /**
   * UTF-8 of a string (room reserved by the caller). Names are nearly always ASCII, which a
   * plain loop copies faster than a call into Buffer.write for strings this short.
   */
  text(s: string): void {
    const buf = this.buf;
    const start = this.off;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.off = start + buf.write(s, start, 'utf8');
        return;
      }
      buf[start + i] = c;
    }
    this.off = start + n;
  }

  /** Short constant bytes. */
  bytes(b: Uint8Array): void {
    const buf = this.buf;
    let o = this.off;
    for (let i = 0; i < b.length; i++) buf[o++] = b[i]!;
    this.off = o;
  }

  /** A non-negative integer in decimal, as `${n}` would print it. */
  decimal(n: number): void {
    if (n > Number.MAX_SAFE_INTEGER) {
      this.ascii(String(n));
      return;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    const buf = this.buf;
    let o = this.off + digits;
    this.off = o;
    do {
      const q = Math.floor(n / 10);
      buf[--o] = 0x30 + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** A string known to be ASCII. */
  ascii(s: string): void {
    this.off += this.buf.write(s, this.off, 'latin1');
  }

  byte(b: number): void {
    this.buf[this.off++] = b;
  }

  finish(): string {
    this.hash.update(this.buf.subarray(0, this.off));
    this.off = 0;
    return this.hash.digest('hex');
  }
}

/** A predicate for "is this path selected by one of these COPY sources". */
export function selector(sources: string[]): (path: string) => boolean {
  return selectionPlan(sources).selects;
}

/**
 * COPY sources as a selection: `selects(path)` for entries in it (a source, or anything below a
 * selected directory) and `mayContain(dir)` for directories worth entering, so a walk for
 * `COPY go.mod ./` never lists the rest of the context.
 */
export function selectionPlan(sources: string[]): { selects(path: string): boolean; mayContain(dir: string): boolean } {
  const pats = sources.map((s) => {
    let p = s.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
    if (p === '.' || p === '') p = '';
    return p.split('/').filter((x) => x !== '' && x !== '.');
  });
  const prefixMatches = (pat: string[], segs: string[], n: number): boolean => {
    for (let i = 0; i < n; i++) if (!goPathMatch(pat[i]!, segs[i]!)) return false;
    return true;
  };
  const selects = (path: string): boolean => {
    const segs = path.split('/');
    return pats.some((pat) => pat.length === 0 || (segs.length >= pat.length && prefixMatches(pat, segs, pat.length)));
  };
  const mayContain = (dir: string): boolean => {
    const segs = dir.split('/');
    return pats.some((pat) => pat.length === 0 || prefixMatches(pat, segs, Math.min(pat.length, segs.length)));
  };
  return { selects, mayContain };
}
