// COPY/ADD source patterns: Go filepath.Match semantics per path segment (`*`, `?`, `[...]`, `\`).

/** True when the source contains a wildcard BuildKit would expand. */
export function hasWildcard(source: string): boolean {
  return /[*?[]/.test(source.replace(/\\./g, ''));
}

/**
 * Normalises a COPY source to a context-relative path: strips leading `/` and `./`, resolves `.`
 * and `..` segments. Returns null when the path leaves the context (`../x`).
 */
export function normaliseSource(source: string): string | null {
  const out: string[] = [];
  for (const seg of source.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return out.join('/');
}

/** Compiles one path segment pattern to a RegExp (anchored). Throws on a malformed class. */
export function segmentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new Error(`syntax error in pattern: ${pattern}`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^') || body.startsWith('!');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else {
      re += escapeRe(c);
    }
  }
  return new RegExp(`^${re}$`, 'u');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Matches a whole context-relative path against a normalised source pattern, segment by segment. */
export function matchSource(pattern: string, path: string): boolean {
  const ps = pattern.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return false;
  return ps.every((p, i) => segmentRegExp(p).test(xs[i]!));
}
