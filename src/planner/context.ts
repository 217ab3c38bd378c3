// The planner's view of a build context: which entries a build sends, and their content digests.
// Real contexts come from src/context (walker + hasher + stat cache); tests use memoryContext().
import { createHash } from '../core/lazy-crypto.js';
import { digestBytes, digestOf } from './hash.js';
import { compileDockerignore, DockerignoreError, type DockerignoreMatcher } from '../context/dockerignore.js';
import { checkSourcePattern, clampedSource, hasWildcard, matchSource, normaliseSource } from './source-glob.js';
import type { FileInput } from './types.js';
import { resolveInside, type LinkLookup, type OutsideLink } from '../core/symlinks.js';

/** One entry the build would send. */
export interface ContextEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  /** Bytes the entry takes in the transfer (lstat's size; a symlink's is its target's length); unknown when absent. */
  size?: number;
  /** A symlink's target as written (COPY follows it inside the context); unknown when absent. */
  target?: string;
}

/** What the planner needs from a build context. Paths are `/`-separated and relative to the root. */
export interface ContextReader {
  /** Display name of the root (for plan output). */
  readonly root: string;
  /** Every entry that would be sent (after .dockerignore), sorted by path: the same list on every call, never changed. */
  entries(): readonly ContextEntry[];
  /** Content digest of one entry (BuildKit's rules: content, mode, type, symlink target; not mtime). */
  digest(path: string): string;
  /** What the walk left out or found odd (special files, undecodable names): shown with the plan. */
  readonly warnings?: readonly string[];
  /**
   * A reader that hashes files on demand: the digest of `path` when it needs no reading (hashed
   * already, or not a file), else undefined. With `prefetch`, lets a long-running caller hash what
   * a plan reads without holding its thread (see `withoutReading`).
   */
  known?(path: string): string | undefined;
  /** Hashes `paths` ahead of `digest`, in slices that let other work run between them. */
  prefetch?(paths: readonly string[]): Promise<void>;
  /** Whether the context's .dockerignore keeps `path` from the builder (for a path not on disk). */
  excluded?(path: string): boolean;
}

/** What `withoutReading` answers for a path it would have to read (never a real digest). */
const UNREAD_DIGEST = 'sha256:unread';

/**
 * `ctx` as a plan sees it without reading the disk: digests `ctx` knows already, and for the others
 * a placeholder, their paths added to `unread`. A plan made with it is the real plan when `unread`
 * stays empty; otherwise the caller prefetches those paths and plans again.
 */
export function withoutReading(ctx: ContextReader, unread: Set<string>): ContextReader {
  if (!ctx.known) return ctx;
  return {
    root: ctx.root,
    entries: () => ctx.entries(),
    digest: (path) => {
      const d = ctx.known!(path);
      if (d !== undefined) return d;
      unread.add(path);
      return UNREAD_DIGEST;
    },
    ...(ctx.warnings ? { warnings: ctx.warnings } : {}),
  };
}

/** The directories above a `/`-separated context path, innermost first (`a/b/c`: `a/b`, `a`). */
export function* parentsOf(path: string): Generator<string> {
  for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) yield path.slice(0, at);
}

/** The member of `set` that `path` is or lies under, if any. */
export function memberAbove(set: ReadonlySet<string>, path: string): string | undefined {
  if (set.has(path)) return path;
  for (const dir of parentsOf(path)) if (set.has(dir)) return dir;
  return undefined;
}

/** The result of resolving one COPY/ADD source or bind-mount source. */
export interface Selection {
  files: FileInput[];
  /** False when nothing in the context matched. */
  found: boolean;
  /** True when the source climbs out of the context (`../x`): BuildKit reads it from the context's root (`x`). */
  outside: boolean;
  /** When nothing matched: the first symbolic link on the source path whose target leaves the context. */
  link?: OutsideLink;
  /**
   * Links BuildKit follows for this source that lead to nothing in the context: its checksum then
   * fails ("not found"), and so does the build. Only a source with a wildcard or `--exclude`
   * follows the links among what it copies (see `pick`).
   */
  broken?: readonly OutsideLink[];
  /**
   * Links inside what a source with a wildcard or --exclude copies (not the matches themselves),
   * with where they lead: BuildKit follows them too, and the builder has their targets only when
   * some source selects them (FollowPaths resolves the matches alone).
   */
  nested?: readonly { link: string; to: string }[];
  /** Where the matches that are links lead: FollowPaths sends those targets with the source. */
  linkTargets?: readonly string[];
}

/**
 * Resolves a source as BuildKit does: exact path or wildcard (per-segment), directories expand to
 * everything below them; `.` selects the whole context. `exclude`: COPY/ADD `--exclude` patterns,
 * matched (as .dockerignore patterns are) against each path relative to the source it is under;
 * an invalid one throws.
 */
export function selectSource(ctx: ContextReader, source: string, exclude: readonly string[] = []): Selection {
  // A source that climbs out of the context (`../x`) is read from its root (`x`), as BuildKit does.
  const outside = normaliseSource(source) === null;
  const norm = clampedSource(source);
  const all = ctx.entries();
  const { picked, found, followed, broken, roots } = pickedPaths(all, norm, exclude);
  const files = picked.map((path) => {
    const to = followed?.get(path);
    return { path, digest: to === undefined ? ctx.digest(path) : targetDigest(ctx, all, to) };
  });
  if (!found && !hasWildcard(norm)) {
    const links: OutsideLink[] = [];
    followLinks(all, norm, links);
    if (links[0]) return { files, found, outside, link: links[0] };
  }
  const sel: Selection = broken?.length ? { files, found, outside, broken } : { files, found, outside };
  if (followed) {
    const nested: { link: string; to: string }[] = [];
    const linkTargets: string[] = [];
    for (const [link, to] of followed) {
      if (roots?.has(link)) linkTargets.push(to);
      else nested.push({ link, to });
    }
    if (nested.length) sel.nested = nested;
    if (linkTargets.length) sel.linkTargets = linkTargets;
  }
  return sel;
}

/**
 * The digest BuildKit's checksum gives a link it follows: that of what it leads to (`to`, a path
 * without links; '' is the root): a file's own digest, or a directory's over everything below it
 * (whose links are not followed in turn).
 */
function targetDigest(ctx: ContextReader, all: readonly ContextEntry[], to: string): string {
  const entry = to === '' ? undefined : entryAt(all, to);
  if (entry && entry.type !== 'dir') return ctx.digest(to);
  const below = to === '' ? all : subtreeOf(all, to);
  const prefix = to === '' ? 0 : to.length + 1;
  return selectionDigest([{ path: '.', digest: to === '' ? 'root' : ctx.digest(to) }, ...below.map((e) => ({ path: e.path.slice(prefix), digest: ctx.digest(e.path) }))]);
}

/**
 * Which paths of a context a normalised source picks, sorted, remembered per entry list (a reader
 * gives the same list each time, and so do wrappers over it): an editor plans the same context
 * again on every edit, and `COPY . .` over a large one is otherwise most of the plan's time.
 */
const picks = new WeakMap<readonly ContextEntry[], Map<string, Picked>>();

/** What a source picks: its paths, sorted; the links among them BuildKit follows, by path, to where they lead; those that lead nowhere. */
interface Picked {
  picked: readonly string[];
  found: boolean;
  followed?: ReadonlyMap<string, string>;
  /** The paths the source names or its wildcard matches (absent for the whole context). */
  roots?: ReadonlySet<string>;
  broken?: readonly OutsideLink[];
}

function pickedPaths(all: readonly ContextEntry[], norm: string, exclude: readonly string[]): Picked {
  let known = picks.get(all);
  if (!known) picks.set(all, (known = new Map()));
  const key = exclude.length ? `${norm}\u0000${exclude.join('\u0000')}` : norm;
  let hit = known.get(key);
  if (!hit) {
    hit = pick(all, norm, exclude.length ? compileExcludes(exclude) : null);
    known.set(key, hit);
  }
  return hit;
}

/** `--exclude` patterns as BuildKit's patternmatcher reads them (.dockerignore's matcher); throws for an invalid one. */
function compileExcludes(patterns: readonly string[]): DockerignoreMatcher {
  try {
    return compileDockerignore(patterns);
  } catch (err) {
    if (err instanceof DockerignoreError) throw new Error(`invalid --exclude pattern: ${err.message}`);
    throw err;
  }
}

function pick(all: readonly ContextEntry[], norm: string, exclude: DockerignoreMatcher | null): Picked {
  const roots = new Set<string>();
  // The whole context: a source of '.', or a link to the root.
  let whole = false;
  const add = (path: string) => {
    if (path !== '') roots.add(path);
    else whole = true;
  };
  if (norm === '') {
    add('');
  } else if (hasWildcard(norm)) {
    checkSourcePattern(norm);
    // The literal directories before the first wildcard are followed like any source path.
    const segs = norm.split('/');
    const first = segs.findIndex((seg) => hasWildcard(seg));
    const literal = segs.slice(0, first).join('/');
    const dir = first === 0 ? '' : followLinks(all, literal);
    if (dir !== null) {
      const pattern = dir === literal ? norm : [...(dir ? [escapeGlob(dir)] : []), ...segs.slice(first)].join('/');
      for (const e of all) {
        if (!matchSource(pattern, e.path)) continue;
        // A match that is a link is copied as what it points to, as a named source is, and counts as
        // that (it is followed below with the links inside matched directories).
        add(e.path);
      }
    }
  } else {
    const to = followLinks(all, norm);
    if (to !== null) add(to);
  }
  // An entry is picked when it or one of its ancestors is a selected root (O(entries × depth)),
  // unless an --exclude pattern matches its path below that root (a root itself never is).
  const picked: string[] = [];
  for (const e of all) {
    if (whole) {
      if (!exclude || !exclude.excludedInWalk(e.path)) picked.push(e.path);
      continue;
    }
    let p = e.path;
    for (;;) {
      if (roots.has(p)) {
        if (!exclude || p === e.path || !exclude.excludedInWalk(e.path.slice(p.length + 1))) picked.push(e.path);
        break;
      }
      const slash = p.lastIndexOf('/');
      if (slash === -1) break;
      p = p.slice(0, slash);
    }
  }
  picked.sort();
  const found = whole || roots.size > 0;
  // With a wildcard or --exclude, BuildKit checksums the entries a source copies one by one
  // (contenthash's includedPaths) and then follows every link among them, nested ones included:
  // such a link counts as what it leads to, and one that leads nowhere fails the checksum. A plain
  // source is checksummed as a whole, its links as links.
  if (!hasWildcard(norm) && !exclude) return { picked, found };
  const followed = new Map<string, string>();
  const broken: OutsideLink[] = [];
  for (const path of picked) {
    const e = entryAt(all, path);
    if (e?.type !== 'symlink') continue;
    const to = followLinks(all, path);
    if (to === null) broken.push({ link: path, target: e.target ?? '' });
    else followed.set(path, to);
  }
  // A match that is a link leading nowhere is not something the source found.
  const reached = found && (whole || broken.length === 0 || [...roots].some((r) => !broken.some((b) => b.link === r)));
  return { picked, found: reached, roots, ...(followed.size ? { followed } : {}), ...(broken.length ? { broken } : {}) };
}

const byPathOf = new WeakMap<readonly ContextEntry[], Map<string, ContextEntry>>();

/** The entry at `path`, if any. */
function entryAt(all: readonly ContextEntry[], path: string): ContextEntry | undefined {
  let byPath = byPathOf.get(all);
  if (!byPath) byPathOf.set(all, (byPath = new Map(all.map((e) => [e.path, e]))));
  return byPath.get(path);
}

const subtrees = new WeakMap<readonly ContextEntry[], Map<string, [number, number]>>();

/**
 * The entries below directory `dir`. The list is sorted by path, so they are one run of it: where
 * each directory's run starts and ends is found in one pass, the first time it is asked.
 */
function subtreeOf(all: readonly ContextEntry[], dir: string): readonly ContextEntry[] {
  let runs = subtrees.get(all);
  if (!runs) {
    runs = new Map();
    for (let i = 0; i < all.length; i++) {
      const path = all[i]!.path;
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        const run = runs.get(path.slice(0, slash));
        if (run) run[1] = i + 1;
        else runs.set(path.slice(0, slash), [i, i + 1]);
      }
    }
    subtrees.set(all, runs);
  }
  const run = runs.get(dir);
  return run ? all.slice(run[0], run[1]).filter((e) => e.path.startsWith(`${dir}/`)) : [];
}

/**
 * `path` with every symbolic link on it followed, the last one included, inside the context, as
 * BuildKit resolves a COPY source (core/symlinks.ts); '' is the root. Null when it leads to nothing
 * among the entries, or through a link whose target is not known. `outside` collects the links
 * met whose targets leave the context.
 */
export function followLinks(all: readonly ContextEntry[], path: string, outside?: OutsideLink[]): string | null {
  const lookup: LinkLookup = (p) => {
    const e = entryAt(all, p);
    if (!e) return null;
    return e.type === 'symlink' ? { dir: false, link: e.target ?? null } : { dir: e.type === 'dir' };
  };
  return resolveInside(path, lookup, outside);
}

/** `path` with Go's pattern characters escaped, to match only itself. */
function escapeGlob(path: string): string {
  return path.replace(/[*?[\\]/g, (c) => `\\${c}`);
}

/**
 * Files (and symlinks) among `paths` and their bytes, as `dockhand context` counts what it sends;
 * directories only group them. `entries` maps every entry's path to its entry.
 */
export function sizeOf(paths: Iterable<string>, entries: ReadonlyMap<string, ContextEntry>): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const p of paths) {
    const e = entries.get(p);
    if (!e || e.type === 'dir') continue;
    files++;
    bytes += e.size ?? 0;
  }
  return { files, bytes };
}

/** Digest over a selection (sorted by path), as the content checksum BuildKit compares. */
export function selectionDigest(files: readonly FileInput[]): string {
  const h = createHash('sha256');
  // The same bytes fed a few hundred lines at a time: one call per line costs more than the hashing.
  let chunk = '';
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    chunk += `${f.path}\0${f.digest}\n`;
    if (i % 256 === 255) {
      h.update(chunk);
      chunk = '';
    }
  }
  if (chunk) h.update(chunk);
  return `sha256:${h.digest('hex')}`;
}

const utf8 = new TextEncoder();

/** A file in an in-memory context. */
export interface MemoryFile {
  content: string;
  mode?: number;
  symlink?: string;
}

/**
 * An in-memory context for tests and for `explain --changed` simulations. Directories are implied
 * by file paths; `excluded` says which paths .dockerignore drops.
 */
export function memoryContext(
  files: Record<string, string | MemoryFile>,
  excluded: (path: string) => boolean = () => false,
  root = '.',
): ContextReader {
  const map = new Map<string, MemoryFile>();
  for (const [p, v] of Object.entries(files)) map.set(p, typeof v === 'string' ? { content: v } : v);
  const entries = new Map<string, ContextEntry>();
  for (const [p, f] of map) {
    if (excluded(p)) continue;
    const size = utf8.encode(f.symlink ?? f.content).length;
    entries.set(p, f.symlink !== undefined ? { path: p, type: 'symlink', size, target: f.symlink } : { path: p, type: 'file', size });
    const segs = p.split('/');
    for (let i = 1; i < segs.length; i++) {
      const d = segs.slice(0, i).join('/');
      if (!entries.has(d)) entries.set(d, { path: d, type: 'dir' });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    root,
    entries: () => sorted,
    digest: (path) => {
      const f = map.get(path);
      if (!f) return digestOf({ type: 'dir', mode: 0o755 });
      if (f.symlink !== undefined) return digestOf({ type: 'symlink', target: f.symlink });
      return digestOf({ type: 'file', mode: f.mode ?? 0o644, content: digestBytes(f.content) });
    },
  };
}
