// Small re-implementations of the Go standard-library behaviour that .dockerignore handling depends
// on: strings.TrimSpace, path.Clean, and the error result of filepath.Match (Go 1.19 semantics).

/** Code points Go's unicode.IsSpace accepts (strings.TrimSpace trims these; JS trim() differs on U+0085 and U+FEFF). */
const GO_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && GO_SPACE.has(s.charCodeAt(start))) start++;
  while (end > start && GO_SPACE.has(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Go's path.Clean (equal to filepath.Clean on Unix): collapses `//`, `.`, `..` and trailing `/`. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

const encoder = new TextEncoder();

/** Go's utf8.DecodeRune on a byte array: invalid sequences decode as U+FFFD with width 1. */
function decodeRune(b: Uint8Array, i: number): [rune: number, width: number] {
  const c = b[i]!;
  if (c < 0x80) return [c, 1];
  const need = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
  if (need === 0 || i + need > b.length) return [0xfffd, 1];
  let r = c & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (let k = 1; k < need; k++) {
    const cc = b[i + k]!;
    if ((cc & 0xc0) !== 0x80) return [0xfffd, 1];
    r = (r << 6) | (cc & 0x3f);
  }
  const min = need === 2 ? 0x80 : need === 3 ? 0x800 : 0x10000;
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return [0xfffd, 1];
  return [r, need];
}

class BadPattern extends Error {}

/** One possibly escaped character inside a class (Go's getEsc). Returns the rune and the new index. */
function getEsc(p: Uint8Array, i: number, end: number): [number, number] {
  if (i >= end || p[i] === 0x2d || p[i] === 0x5d) throw new BadPattern();
  if (p[i] === 0x5c) {
    i++;
    if (i >= end) throw new BadPattern();
  }
  const [r, n] = decodeRune(p, i);
  if (r === 0xfffd && n === 1 && p[i] !== undefined && p[i]! >= 0x80) throw new BadPattern();
  if (i + n >= end) throw new BadPattern();
  return [r, i + n];
}

/** Go's matchChunk over chunk p[cs, ce) against name bytes s from si; returns the rest index or -1. */
function matchChunk(p: Uint8Array, cs: number, ce: number, s: Uint8Array, si: number): number {
  let failed = false;
  let i = cs;
  while (i < ce) {
    if (!failed && si >= s.length) failed = true;
    const c = p[i]!;
    if (c === 0x5b) {
      let r = -1;
      if (!failed) {
        const [rr, n] = decodeRune(s, si);
        r = rr;
        si += n;
      }
      i++;
      let negated = false;
      if (i < ce && p[i] === 0x5e) {
        negated = true;
        i++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (i < ce && p[i] === 0x5d && nrange > 0) {
          i++;
          break;
        }
        let lo: number;
        let hi: number;
        [lo, i] = getEsc(p, i, ce);
        hi = lo;
        if (p[i] === 0x2d) [hi, i] = getEsc(p, i + 1, ce);
        if (lo <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === 0x3f) {
      if (!failed) {
        if (s[si] === 0x2f) failed = true;
        si += decodeRune(s, si)[1];
      }
      i++;
    } else {
      if (c === 0x5c) {
        i++;
        if (i >= ce) throw new BadPattern();
      }
      if (!failed) {
        if (p[i] !== s[si]) failed = true;
        si++;
      }
      i++;
    }
  }
  return failed ? -1 : si;
}

/** Go's scanChunk: returns [star, chunkStart, chunkEnd]; the rest starts at chunkEnd. */
function scanChunk(p: Uint8Array, i: number): [boolean, number, number] {
  let star = false;
  while (i < p.length && p[i] === 0x2a) {
    i++;
    star = true;
  }
  let inrange = false;
  let j = i;
  for (; j < p.length; j++) {
    const c = p[j];
    if (c === 0x5c) {
      if (j + 1 < p.length) j++;
    } else if (c === 0x5b) inrange = true;
    else if (c === 0x5d) inrange = false;
    else if (c === 0x2a && !inrange) break;
  }
  return [star, i, j];
}

/**
 * Go 1.19's filepath.Match(pattern, name) on Unix. Throws BadPattern for a malformed pattern
 * (only for the parts of the pattern Match actually reaches, as Go does).
 */
function goMatch(pattern: Uint8Array, name: Uint8Array): boolean {
  let pi = 0;
  let ni = 0;
  outer: while (pi < pattern.length) {
    const [star, cs, ce] = scanChunk(pattern, pi);
    pi = ce;
    if (star && cs === ce) return name.indexOf(0x2f, ni) < 0;
    const t = matchChunk(pattern, cs, ce, name, ni);
    if (t >= 0 && (t === name.length || pi < pattern.length)) {
      ni = t;
      continue;
    }
    if (star) {
      for (let k = ni; k < name.length && name[k] !== 0x2f; k++) {
        const t2 = matchChunk(pattern, cs, ce, name, k + 1);
        if (t2 >= 0) {
          if (pi === pattern.length && t2 < name.length) continue;
          ni = t2;
          continue outer;
        }
      }
    }
    return false;
  }
  return ni === name.length;
}

/**
 * True when `filepath.Match(pattern, ".")` reports ErrBadPattern, which is the syntax check
 * patternmatcher.New applies to every pattern.
 */
export function isBadGlob(pattern: string): boolean {
  try {
    goMatch(encoder.encode(pattern), encoder.encode('.'));
    return false;
  } catch (e) {
    if (e instanceof BadPattern) return true;
    throw e;
  }
}

/**
 * Go's filepath.Match(pattern, name) on Unix: `*`, `?`, classes and `\` escapes, never crossing `/`.
 * Throws an Error for a malformed pattern (when Match would return ErrBadPattern).
 */
export function goPathMatch(pattern: string, name: string): boolean {
  return goPathMatcher(pattern)(name);
}

/** {@link goPathMatch} for one pattern and many names (the pattern is encoded once). */
export function goPathMatcher(pattern: string): (name: string | Uint8Array) => boolean {
  const pat = encoder.encode(pattern);
  return (name) => {
    try {
      return goMatch(pat, typeof name === 'string' ? encoder.encode(name) : name);
    } catch (e) {
      if (e instanceof BadPattern) throw new Error(`syntax error in pattern ${JSON.stringify(pattern)}`);
      throw e;
    }
  };
}

/** The UTF-8 bytes of a name, as the matchers take them. */
export function nameBytes(name: string): Uint8Array {
  return encoder.encode(name);
}
