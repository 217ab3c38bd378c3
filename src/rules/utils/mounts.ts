// RUN --mount as the rules read it: each mount's type, target and `from=`, and whether a cache or
// tmpfs mount keeps a directory out of the layer. A quick reading of the flag's `key=value,...`
// fields (one pair of quotes around a value is dropped); BuildKit's own parsing and validation of
// mounts is src/semantic/mount.ts.
import type { Flag, Instruction } from '../../parser/ast.js';
import { stripQuotes } from './quotes.js';

/** One `--mount=...` of a RUN. */
export interface Mount {
  /** Lower-cased; `bind` when not given. */
  type: string;
  /** `target=`, `dst=` or `destination=`; null when not given. */
  target: string | null;
  from: string | null;
  /** `source=` or `src=`; null when not given. */
  source: string | null;
  /** The first `env=` field's [start, end) in the flag's value; null when not given. */
  envField: { start: number; end: number } | null;
  flag: Flag;
}

/** The mounts of a RUN instruction (`--mount=type=cache,target=/x,...`). */
export function mountsOf(run: Instruction): Mount[] {
  const mounts: Mount[] = [];
  for (const flag of run.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const m: Mount = { type: 'bind', target: null, from: null, source: null, envField: null, flag };
    let start = 0;
    for (const field of flag.value.split(',')) {
      const end = start + field.length;
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? '' : stripQuotes(field.slice(eq + 1).trim());
      if (key === 'type') m.type = value.toLowerCase();
      else if (key === 'target' || key === 'dst' || key === 'destination') m.target = value;
      else if (key === 'from') m.from = value;
      else if (key === 'source' || key === 'src') m.source = value;
      else if (key === 'env' && !m.envField) m.envField = { start, end };
      start = end + 1;
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

/** hadolint's cache-mount exemption: a cache or tmpfs mount whose target contains one of `fragments`. */
export function hasCacheMount(run: Instruction, ...fragments: string[]): boolean {
  if (run.flags.length === 0) return false;
  return mountsOf(run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && fragments.some((f) => m.target!.includes(f)));
}
