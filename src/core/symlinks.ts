// Symbolic links inside a build context, as BuildKit resolves a COPY source: the client sends each
// link as a link, and the builder follows every link on the source path, the last one included,
// inside the context: an absolute target is taken from the context's root, and `..` never climbs
// above it. The kernel would follow the same links out of the context instead.

/** What a path without links on it is: null when missing, else whether it is a directory or a link (with its target; null when unreadable). */
export type LinkLookup = (path: string) => { dir: boolean; link?: string | null } | null;

/** A link whose target leaves the context: its path in the context and its target as written. */
export interface OutsideLink {
  link: string;
  target: string;
}

/** Links followed at most while resolving one path (as Go's scoped path resolution does); more is a loop. */
const MAX_LINKS = 255;

/**
 * `path` (relative to the context root, `/`-separated) with every link on it followed inside the
 * context; '' is the root. Null when it leads to nothing: a missing entry, a non-directory with more
 * path after it, an unreadable link, or a loop. `outside` collects the links met whose targets
 * leave the context; `via` every link gone through, by its own path (each is an entry the client
 * sends, or, excluded by .dockerignore, does not).
 */
export function resolveInside(path: string, lookup: LinkLookup, outside?: OutsideLink[], via?: string[]): string | null {
  let parts = path.split('/');
  let done = '';
  let hops = 0;
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i]!;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      done = done.slice(0, Math.max(0, done.lastIndexOf('/')));
      continue;
    }
    const cur = done ? `${done}/${seg}` : seg;
    const e = lookup(cur);
    if (!e) return null;
    if (e.link !== undefined) {
      const target = e.link;
      if (target === null || ++hops > MAX_LINKS) return null;
      via?.push(cur);
      if (outside && linkLeavesContext(cur, target) && !outside.some((o) => o.link === cur)) outside.push({ link: cur, target });
      if (target.startsWith('/')) done = '';
      parts = [...target.split('/'), ...parts.slice(i + 1)];
      i = -1;
      continue;
    }
    if (i < parts.length - 1 && !e.dir) return null;
    done = cur;
  }
  return done;
}

/**
 * True when the target of the link at `path` leaves the context: an absolute target, or one with
 * more `..` than the link has directories above it.
 */
export function linkLeavesContext(path: string, target: string): boolean {
  if (target.startsWith('/')) return true;
  let depth = path.split('/').length - 1;
  for (const seg of target.split('/')) {
    if (seg === '..') depth--;
    else if (seg !== '' && seg !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}
