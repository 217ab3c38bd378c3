// Image references and RUN --mount options as the hadolint-derived rules read them: registry,
// tag and digest of `FROM`/`--from` values, and the type/target/from of each mount.
import type { Flag, Instruction } from '../../parser/ast.js';

/** The parts of an image reference `[registry/]repository[:tag][@digest]` (offsets into the text). */
export interface ImageRef {
  /** Registry host (first path component with `.` or `:`, or `localhost`); null for Docker Hub. */
  registry: string | null;
  /** Repository path without registry, tag and digest. */
  repository: string;
  tag: string | null;
  /** Offset of the tag (after `:`) in the reference text; -1 when there is no tag. */
  tagOffset: number;
  digest: string | null;
}

/** Splits an image reference; quotes around the whole reference are ignored by the caller. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? null : ref.slice(at + 1);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  const path = hasTag ? name.slice(0, colon) : name;
  const firstSlash = path.indexOf('/');
  let registry: string | null = null;
  let repository = path;
  if (firstSlash > 0) {
    const first = path.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      repository = path.slice(firstSlash + 1);
    }
  }
  return {
    registry,
    repository,
    tag: hasTag ? name.slice(colon + 1) : null,
    tagOffset: hasTag ? colon + 1 : -1,
    digest,
  };
}

/** Removes one pair of matching surrounding quotes. */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** One `--mount=...` of a RUN. */
export interface Mount {
  type: string;
  target: string | null;
  from: string | null;
  flag: Flag;
}

/** The mounts of a RUN instruction (`--mount=type=cache,target=/x,...`; type defaults to bind). */
export function mountsOf(run: Instruction): Mount[] {
  const mounts: Mount[] = [];
  for (const flag of run.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const m: Mount = { type: 'bind', target: null, from: null, flag };
    for (const field of flag.value.split(',')) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? '' : unquote(field.slice(eq + 1).trim());
      if (key === 'type') m.type = value.toLowerCase();
      else if (key === 'target' || key === 'dst' || key === 'destination') m.target = value;
      else if (key === 'from') m.from = value;
    }
    mounts.push(m);
  }
  return mounts;
}

/** Normalises a path for comparison: no trailing slashes, no `/./`, no duplicate slashes. */
export function normalizePath(p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  return (p.startsWith('/') ? '/' : '') + parts.join('/');
}

/**
 * True when a cache or tmpfs mount of the RUN covers `dir` (the mount target is `dir` or one of
 * its ancestors), so whatever the command writes there never reaches the image layer.
 */
export function hasVolatileMountOver(run: Instruction, dir: string): boolean {
  if (run.flags.length === 0) return false; // most RUNs: no mounts, nothing to normalise
  const wanted = normalizePath(dir);
  return mountsOf(run).some((m) => {
    if ((m.type !== 'cache' && m.type !== 'tmpfs') || !m.target) return false;
    const t = normalizePath(m.target);
    return t === wanted || (t !== '' && wanted.startsWith(t === '/' ? '/' : `${t}/`));
  });
}
