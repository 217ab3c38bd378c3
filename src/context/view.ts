// openBuildContext: the lazy, read-only view of a build context that context-aware lint rules and
// the planner use (BuildContextView). Each question costs a stat or a directory read at most.
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Dirent, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { BuildContextView } from '../rules/types.js';
import { compileDockerignore, DockerignoreError, findDockerignore, normalizeQuery, readDockerignore, unreadableFolderOf, type DockerignoreMatcher } from './dockerignore.js';
import { goClean, goPathMatcher, nameBytes } from './go-compat.js';
import { errnoReason } from '../core/errno.js';
import { compareNames, resolveRoot } from './walk.js';
import { resolveInside, type LinkLookup, type OutsideLink } from '../core/symlinks.js';

/** The view plus what the CLI and planner need beyond the rules' interface. */
export interface BuildContext extends BuildContextView {
  /** Absolute, resolved context root. */
  root: string;
  /** Absolute path of the .dockerignore in effect, or null. */
  dockerignorePath: string | null;
  /** The compiled matcher (null when there is no .dockerignore); throws DockerignoreError when invalid. */
  matcher(): DockerignoreMatcher | null;
  /** The .dockerignore's error, if it cannot be compiled (Moby would fail the build). */
  dockerignoreError(): DockerignoreError | null;
  /**
   * How many times a question so far went through a symbolic link: an answer that did depends on
   * more than the entry it names (cli/context-reads.ts then never takes it as read from the root alone).
   */
  linksFollowed(): number;
}

/** Options of openBuildContext. */
export interface OpenContextOptions {
  /** The Dockerfile (absolute, or relative to the root): selects `<Dockerfile>.dockerignore`. */
  dockerfile?: string;
}

const GLOB_META = /[*?[\\]/;
/** Entries read at most when looking for a re-included file below an excluded directory. */
const SENT_BELOW_BUDGET = 20_000;

/**
 * Opens the build context at `root`. Throws ContextError when the root is missing or not a
 * directory; everything else is read on demand.
 */
export function openBuildContext(root: string, options: OpenContextOptions = {}): BuildContext {
  const realRoot = resolveRoot(root);
  const ignorePath = findDockerignore(realRoot, options.dockerfile);
  const displayIgnore = ignorePath ? displayPath(realRoot, ignorePath) : null;
  let ignoreText: string | null = null;
  let readError: DockerignoreError | null = null;
  if (ignorePath) {
    try {
      ignoreText = readFileSync(ignorePath, 'utf8');
    } catch (e) {
      // BuildKit fails the build when it cannot read the file; say so instead of ignoring it.
      const folder = unreadableFolderOf(ignorePath, e);
      readError = new DockerignoreError(folder ? `cannot read directory ${folder}: permission denied` : `${ignorePath}: cannot read: ${errnoReason(e)}`);
    }
  }
  let compiled: DockerignoreMatcher | null | undefined;
  let compileError: DockerignoreError | null = null;
  const matcher = (): DockerignoreMatcher | null => {
    if (compiled !== undefined) return compiled;
    compiled = null;
    compileError = readError;
    if (ignoreText !== null) {
      try {
        compiled = compileDockerignore(readDockerignore(ignoreText));
      } catch (e) {
        if (!(e instanceof DockerignoreError)) throw e;
        compileError = new DockerignoreError(`${ignorePath}: ${e.message}`, e.line, e.pattern);
      }
    }
    return compiled;
  };
  let gitignore: string | null | undefined;
  const stats = new Map<string, Stats | null>();
  const lstat = (rel: string): Stats | null => {
    let st = stats.get(rel);
    if (st !== undefined) return st;
    try {
      // Most paths asked about are missing: no error (with its stack trace) made for those.
      st = lstatSync(rel === '' ? realRoot : join(realRoot, rel), { throwIfNoEntry: false }) ?? null;
    } catch {
      st = null;
    }
    if (stats.size > 10_000) stats.clear();
    stats.set(rel, st);
    return st;
  };
  // Sorted names per directory, listed once: a glob of every Dockerfile in a large directory
  // would otherwise list (and sort) it once per pattern.
  // Each name's UTF-8 bytes are made once too, when a pattern first needs them.
  const listings = new Map<string, { names: string[]; bytes: (Uint8Array | undefined)[] } | null>();
  const listing = (rel: string) => {
    let l = listings.get(rel);
    if (l !== undefined) return l;
    try {
      const names = readdirSync(rel ? join(realRoot, rel) : realRoot).sort(compareNames);
      l = { names, bytes: new Array<Uint8Array | undefined>(names.length) };
    } catch {
      l = null;
    }
    if (listings.size > 1000) listings.clear();
    listings.set(rel, l);
    return l;
  };
  // Symbolic links: followed inside the context, as the builder follows them (core/symlinks.ts);
  // each entry's lstat is kept above, each link's target here.
  const targets = new Map<string, string | null>();
  let followed = 0;
  const entry: LinkLookup = (rel) => {
    const st = lstat(rel);
    // A named pipe, socket or device is never sent (walk.ts): the builder has no such entry.
    if (!st || !sendable(st)) return null;
    if (!st.isSymbolicLink()) return { dir: st.isDirectory() };
    followed++;
    let link = targets.get(rel);
    if (link === undefined) {
      try {
        link = readlinkSync(join(realRoot, rel));
      } catch {
        link = null;
      }
      targets.set(rel, link);
    }
    return { dir: false, link };
  };
  /** `rel` (clean, inside the context) with every link on it followed, or null (see resolveInside). */
  const resolve = (rel: string, outside?: OutsideLink[], via?: string[]): string | null => (rel === '' ? '' : resolveInside(rel, entry, outside, via));
  /** isSent for a path with no symbolic link on it, whose stat is `st`. */
  const sentAsIs = (c: string, st: Stats | null): boolean => {
    if (!st) return false;
    const m = matcher();
    if (!m || !m.excludedInWalk(c)) return true;
    return st.isDirectory() && m.mayReincludeBelow(c) && sentBelow(c, m);
  };

  const clean = (p: string): string | null => {
    const c = normalizeQuery(p);
    if (c === '.' || c === '') return '';
    // Never look outside the context.
    if (c === '..' || c.startsWith('../')) return null;
    return c;
  };

  // exists, isDirectory and glob of one path segment, and topLevel(Matching), read nothing but the root's own
  // entries: cli/context-reads.ts (rootOnly) relies on it to keep their answers while the root's
  // stat is unchanged.
  return {
    root: realRoot,
    dockerignorePath: ignorePath,
    dockerignore: ignorePath && ignoreText !== null ? { path: displayIgnore!, text: ignoreText } : null,
    get gitignore(): string | null {
      if (gitignore === undefined) {
        // Most contexts have none: an lstat says so without the error (and its stack trace) a
        // failed read makes, up to a few ms cold. A symbolic link is read as before (followed).
        gitignore = null;
        if (lstat('.gitignore') !== null) {
          try {
            gitignore = readFileSync(join(realRoot, '.gitignore'), 'utf8');
          } catch {
            // unreadable, or a directory: none
          }
        }
      }
      return gitignore;
    },
    matcher() {
      const m = matcher();
      if (compileError) throw compileError;
      return m;
    },
    dockerignoreError() {
      matcher();
      return compileError;
    },
    linksFollowed: () => followed,
    exists(path) {
      const c = clean(path);
      return c !== null && resolve(c) !== null;
    },
    isDirectory(path) {
      // The entry itself, as `COPY . .` sends it: a link to a directory is a link.
      const c = clean(path);
      return c !== null && (lstat(c)?.isDirectory() ?? false);
    },
    linkOutside(path) {
      const c = clean(path);
      const outside: OutsideLink[] = [];
      if (c !== null) resolve(c, outside);
      return outside[0] ?? null;
    },
    linksOutOf(path) {
      const c = clean(path);
      const dir = c === null ? null : resolve(c);
      if (dir === null || (dir !== '' && !lstat(dir)?.isDirectory())) return [];
      const m = matcher();
      const out: { link: string; target: string; to: string | null }[] = [];
      const shown = (rel: string) => (dir === '' ? below(c!, rel) : c + rel.slice(dir.length));
      const queue = [dir];
      let budget = SENT_BELOW_BUDGET;
      for (let q = 0; q < queue.length; q++) {
        const cur = queue[q]!;
        let list: Dirent[];
        try {
          // With each entry's type: only directories and links need more than their name (no lstat
          // per file: a copied directory may hold thousands, and this runs at every lint of an editor).
          list = readdirSync(cur ? join(realRoot, cur) : realRoot, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const d of list) {
          if (--budget < 0) return out.sort((a, b) => compareNames(a.link, b.link));
          const known = d.isDirectory() || d.isSymbolicLink() || d.isFile() || d.isFIFO() || d.isSocket() || d.isCharacterDevice() || d.isBlockDevice();
          const rel = below(cur, d.name);
          // A file system that gives no types (DT_UNKNOWN): ask lstat.
          const st = known ? null : lstat(rel);
          const isDir = known ? d.isDirectory() : !!st?.isDirectory();
          const isLink = known ? d.isSymbolicLink() : !!st?.isSymbolicLink();
          if (!isDir && !isLink) continue;
          const excluded = m?.excludedInWalk(rel) ?? false;
          if (isDir) {
            if (!excluded || m!.mayReincludeBelow(rel)) queue.push(rel);
            continue;
          }
          if (excluded) continue;
          const via: string[] = [];
          const to = resolve(rel, undefined, via);
          const sent = to !== null && (to === '' || sentAsIs(to, lstat(to))) && (!m || via.every((link) => !m.excludedInWalk(link)));
          // Within the directory (the whole context is one): sent with it.
          if (sent && (dir === '' || to === dir || to.startsWith(`${dir}/`))) continue;
          out.push({ link: shown(rel), target: targets.get(rel) ?? '', to: sent ? to : null });
        }
      }
      return out.sort((a, b) => compareNames(a.link, b.link));
    },
    isExcluded(path) {
      const c = clean(path);
      if (c === null || c === '') return false;
      return matcher()?.matches(c) ?? false;
    },
    isSent(path) {
      const c = clean(path);
      if (c === null) return false;
      if (c === '') return true;
      const via: string[] = [];
      const r = resolve(c, undefined, via);
      if (r === null || !sentAsIs(r, lstat(r))) return false;
      // Each link on the way is an entry the client sends as it is, unless .dockerignore leaves it out.
      const m = via.length ? matcher() : null;
      return !m || via.every((link) => !m.excludedInWalk(link));
    },
    glob(pattern) {
      const c = clean(goClean(pattern.replace(/^\/+/, '')));
      if (c === null) return [];
      if (c === '') return ['.'];
      const segs = c.split('/');
      const first = segs.findIndex((seg) => GLOB_META.test(seg));
      // No wildcard: the path itself, followed as a named source is.
      if (first === -1) return resolve(c) === null ? [] : [c];
      // As BuildKit matches a wildcard source: the directories before the first wildcard are
      // followed like a named source; below them only real entries match (its walk does not follow
      // links), and a match that is a link is followed when copied (exists, isSent).
      const literal = segs.slice(0, first).join('/');
      const dir = resolve(literal);
      if (dir === null) return [];
      const out: string[] = [];
      expand(dir, literal, segs, first, out);
      return out.sort(compareNames);
    },
    topLevel,
    topLevelMatching(pattern) {
      // test(), not search(): over 4,000 names cold, ~1 ms against ~4-11 ms. Without g and y, test()
      // keeps no state between names.
      const re = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
      return topLevel().filter((name) => re.test(name));
    },
  };

  function topLevel(): string[] {
    try {
      // Unsorted: a large context has thousands of names, and callers sort what they keep.
      return readdirSync(realRoot);
    } catch {
      return [];
    }
  }

  /**
   * Whether the walk of an excluded directory finds something an exception re-includes. Reads at
   * most SENT_BELOW_BUDGET entries; beyond that it answers yes, which only ever spares a finding.
   */
  function sentBelow(dir: string, m: DockerignoreMatcher): boolean {
    const queue = [dir];
    let budget = SENT_BELOW_BUDGET;
    for (let q = 0; q < queue.length; q++) {
      const cur = queue[q]!;
      let names: string[];
      try {
        names = readdirSync(join(realRoot, cur));
      } catch {
        continue;
      }
      for (const n of names) {
        if (--budget < 0) return true;
        const rel = `${cur}/${n}`;
        if (!m.excludedInWalk(rel)) return true;
        if (lstat(rel)?.isDirectory() && m.mayReincludeBelow(rel)) queue.push(rel);
      }
    }
    return false;
  }

  /** Matches `segs` from `i` below `real` (a path with no link on it), naming each match from `shown`. */
  function expand(real: string, shown: string, segs: string[], i: number, out: string[]): void {
    if (out.length >= 100_000) return;
    if (i === segs.length) {
      const st = lstat(real);
      if (st && sendable(st)) out.push(shown);
      return;
    }
    // Only a directory is walked into: here a link to one is an entry like any other.
    if (!lstat(real)?.isDirectory()) return;
    const seg = segs[i]!;
    if (!GLOB_META.test(seg)) {
      expand(below(real, seg), below(shown, seg), segs, i + 1, out);
      return;
    }
    const l = listing(real);
    if (!l) return;
    const maybe = quickReject(seg);
    const match = goPathMatcher(seg);
    for (let k = 0; k < l.names.length; k++) {
      const n = l.names[k]!;
      if (maybe && !maybe(n)) continue;
      let ok = false;
      try {
        ok = match((l.bytes[k] ??= nameBytes(n)));
      } catch {
        return;
      }
      if (ok) expand(below(real, n), below(shown, n), segs, i + 1, out);
    }
  }
}

/** `name` in the directory `dir` ('' is the root). */
function below(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Whether the client sends an entry of this type: files, directories and symbolic links, not special files. */
function sendable(st: Stats): boolean {
  return st.isFile() || st.isDirectory() || st.isSymbolicLink();
}

/**
 * For a pattern segment made of literal characters, `*` and `?` only (no class, no escape: it
 * cannot be malformed), a test that rejects names without its literal head or tail, which cannot
 * match; undefined for other segments (every name then goes to goPathMatch, errors included).
 */
function quickReject(seg: string): ((name: string) => boolean) | undefined {
  if (/[[\\]/.test(seg)) return undefined;
  const first = seg.search(/[*?]/);
  const head = seg.slice(0, first);
  const star = seg.lastIndexOf('*');
  const tail = star !== -1 && !seg.slice(star + 1).includes('?') ? seg.slice(star + 1) : '';
  if (!head && !tail) return undefined;
  return (name) => name.startsWith(head) && name.endsWith(tail) && name.length >= head.length + tail.length;
}

function displayPath(root: string, p: string): string {
  const rel = relative(root, p);
  if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return p;
}
