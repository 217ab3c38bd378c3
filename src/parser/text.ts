// Go-compatible string primitives the BuildKit parser relies on: unicode.IsSpace, strings.TrimSpace,
// the `[\t\v\f\r ]+` splitter, strings.ToLower and strconv.Quote. Kept exact so dumps match byte for byte.
import { lazy } from '../core/lazy.js';

/** Go's `unicode.IsSpace` for one UTF-16 code unit (every Go space is in the BMP). */
export function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Member of BuildKit's `reWhitespace` class `[\t\v\f\r ]`. */
export function isSplitSpace(c: number): boolean {
  return c === 0x20 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** Index of the first non-space character of `s[from, to)` (Go TrimLeftFunc(unicode.IsSpace)). */
export function skipGoSpace(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && isGoSpace(s.charCodeAt(i))) i++;
  return i;
}

/** End index after trimming trailing Go spaces from `s[from, to)`. */
export function trimGoSpaceEnd(s: string, from: number, to: number): number {
  let j = to;
  while (j > from && isGoSpace(s.charCodeAt(j - 1))) j--;
  return j;
}

/** Go `strings.TrimSpace`. */
export function goTrimSpace(s: string): string {
  const a = skipGoSpace(s, 0, s.length);
  const b = trimGoSpaceEnd(s, a, s.length);
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** A piece of a string with its half-open position. */
export interface Piece {
  value: string;
  start: number;
  end: number;
}

/**
 * Go `reWhitespace.Split(s[from,to), n)` with positions (n = -1: no limit). With n = 2 the second
 * piece runs to `to` verbatim.
 */
export function splitWhitespace(s: string, from: number, to: number, n = -1): Piece[] {
  const out: Piece[] = [];
  let start = from;
  let i = from;
  while (i < to) {
    if (isSplitSpace(s.charCodeAt(i))) {
      if (n > 0 && out.length === n - 1) break;
      out.push({ value: s.slice(start, i), start, end: i });
      while (i < to && isSplitSpace(s.charCodeAt(i))) i++;
      start = i;
      continue;
    }
    i++;
  }
  out.push({ value: s.slice(start, to), start, end: to });
  return out;
}

/** Go `strings.ToLower`: per code point (no context rules), with U+0130 mapping to plain `i`. */
export function goLower(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

/** Go `strings.ToUpper` (per code point). */
export function goUpper(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    // Go maps one rune to one rune; JS expands a few (ß → SS): keep the rune then.
    out += [...u].length === 1 ? u : ch;
  }
  return out;
}

const printableClass = lazy(() => /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u);
const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** Go `strconv.Quote`. Lone surrogates (impossible in Go) are printed as the bytes WTF-8 would use. */
export function goQuote(s: string): string {
  let out = '"';
  let runStart = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Fast path: printable ASCII other than `"` and `\` is copied in runs.
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(runStart, i);
    if (c === 0x22 || c === 0x5c) {
      out += '\\' + s[i];
    } else if (c < 0x80) {
      out += SHORT_ESCAPES[c] ?? '\\x' + c.toString(16).padStart(2, '0');
    } else {
      const cp = s.codePointAt(i)!;
      const isPair = cp > 0xffff;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        out += '\\x' + (0xe0 | (cp >> 12)).toString(16) + '\\x' + (0x80 | ((cp >> 6) & 0x3f)).toString(16) + '\\x' + (0x80 | (cp & 0x3f)).toString(16);
      } else {
        const ch = String.fromCodePoint(cp);
        if (printableClass().test(ch)) out += ch;
        else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
        else out += '\\U' + cp.toString(16).padStart(8, '0');
      }
      if (isPair) i++;
    }
    runStart = i + 1;
  }
  out += s.slice(runStart);
  return out + '"';
}

/** UTF-8 byte length of `s[from, to)` (lone surrogates count 3, as WTF-8). */
export function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
