// Character classes with Go's `unicode` package semantics, which BuildKit's shell lexer relies on.
// JS's `\s` differs from Go's unicode.IsSpace (U+FEFF vs U+0085), so spaces are listed explicitly.
import { lazy } from '../core/lazy.js';

/** End of input marker for code-point scanners. */
export const EOF = -1;

// Unicode-property classes, built on first use (only non-ASCII text needs them).
const letterClass = lazy(() => /^\p{L}$/u);
const digitClass = lazy(() => /^\p{Nd}$/u);
const nonPrintableClass = lazy(() => /^[\p{C}\p{Z}]$/u);

/** Go's `unicode.IsSpace`: Latin-1 blanks, NEL, NBSP and the Unicode White_Space set. */
export function isSpace(cp: number): boolean {
  if (cp <= 0xff) {
    return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  }
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Go's `unicode.IsLetter` (general category L). */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return letterClass().test(String.fromCodePoint(cp));
}

/** Go's `unicode.IsDigit` (general category Nd). */
export function isDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return digitClass().test(String.fromCodePoint(cp));
}

/** The code points of `s` (lone surrogates are kept as their own code units). */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    out.push(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/** Builds a string from code points without hitting argument-count limits. */
export function fromCodePoints(cps: ArrayLike<number>, start = 0, end = cps.length): string {
  let out = '';
  const CHUNK = 4096;
  for (let i = start; i < end; i += CHUNK) {
    const stop = Math.min(end, i + CHUNK);
    const part: number[] = [];
    for (let j = i; j < stop; j++) part.push(cps[j]!);
    out += String.fromCodePoint(...part);
  }
  return out;
}

/**
 * Quotes `s` the way Go's `%q` (strconv.Quote) does, so error messages match BuildKit's:
 * `\a \b \f \n \r \t \v \\ \"` escapes, other non-printable characters as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (cp) {
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x22: out += '\\"'; continue;
    }
    if (cp === 0x20 || (cp < 0x7f && cp > 0x20)) {
      out += ch;
    } else if (cp < 0x20 || cp === 0x7f) {
      out += '\\x' + cp.toString(16).padStart(2, '0');
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate would be invalid UTF-8 in Go, which decodes it as U+FFFD.
      out += '\\ufffd';
    } else if (isPrintable(ch)) {
      out += ch;
    } else if (cp <= 0xffff) {
      out += '\\u' + cp.toString(16).padStart(4, '0');
    } else {
      out += '\\U' + cp.toString(16).padStart(8, '0');
    }
  }
  return out + '"';
}

/** Go's `strconv.IsPrint` for non-ASCII: letters, marks, numbers, punctuation and symbols. */
function isPrintable(ch: string): boolean {
  return !nonPrintableClass().test(ch);
}
