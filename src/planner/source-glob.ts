// COPY/ADD source patterns: Go filepath.Match semantics per path segment (`*`, `?`, `[...]`, `\`).
import { goPathMatch, isBadGlob } from '../context/go-compat.js';

/** True when the source contains a wildcard BuildKit would expand. */
export function hasWildcard(source: string): boolean {
  return /[*?[]/.test(source.replace(/\\./g, ''));
}

/**
 * Normalises a COPY source to a context-relative path: strips leading `/` and `./`, resolves `.`
 * and `..` segments. Returns null when the path leaves the context (`../x`).
 */
export function normaliseSource(source: string): string | null {
  const { path, climbs } = cleanSource(source);
  return climbs ? null : path;
}

/**
 * A COPY source as BuildKit reads it from the context: normalised like {@link normaliseSource}, but
 * `..` at the root stays at the root (`../x` is `x`), as BuildKit cleans the path from `/`.
 */
export function clampedSource(source: string): string {
  return cleanSource(source).path;
}

/** The source cleaned from the context's root, and whether a `..` tried to climb above it. */
function cleanSource(source: string): { path: string; climbs: boolean } {
  const out: string[] = [];
  let climbs = false;
  for (const seg of source.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > 0) out.pop();
    else climbs = true;
  }
  return { path: out.join('/'), climbs };
}

/** Matches a whole context-relative path against a normalised source pattern, segment by segment. */
export function matchSource(pattern: string, path: string): boolean {
  const ps = pattern.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return false;
  return ps.every((p, i) => goPathMatch(p, xs[i]!));
}

/** Throws for a pattern Go's filepath.Match rejects (checked once, before matching any path). */
export function checkSourcePattern(pattern: string): void {
  for (const seg of pattern.split('/')) if (isBadGlob(seg)) throw new Error(`syntax error in pattern: ${seg}`);
}
