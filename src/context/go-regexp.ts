// Translates the Go (RE2) regular expressions that moby/patternmatcher builds from .dockerignore
// patterns into equivalent JavaScript RegExps, so odd patterns (`[[:alpha:]]`, `\d`, `a^b*`, a class
// swallowing a generated `[^/]`) match exactly as they do in Go.

/** A Go regexp syntax error, worded like Go's regexp/syntax messages. */
export class GoRegexpError extends Error {}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Perl classes as Go defines them (ASCII only; Go's \s has no \v). */
const PERL: Record<string, string> = { d: '0-9', s: '\\t\\n\\f\\r ', w: '0-9A-Za-z_' };

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** Reads an escape that denotes one character (Go's parseEscape); returns [codePoint, nextIndex]. */
function parseEscape(cps: number[], i: number, src: string): [number, number] {
  // cps[i] is the backslash
  if (i + 1 >= cps.length) throw new GoRegexpError('trailing backslash at end of expression');
  const c = cps[i + 1]!;
  let j = i + 2;
  const ch = String.fromCodePoint(c);
  if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return [c, j];
  const isOct = (k: number) => k < cps.length && cps[k]! >= 0x30 && cps[k]! <= 0x37;
  if ((c >= 0x31 && c <= 0x37 && isOct(j)) || c === 0x30) {
    let r = c - 0x30;
    for (let n = 1; n < 3 && isOct(j); n++) r = r * 8 + (cps[j++]! - 0x30);
    return [r, j];
  }
  if (c === 0x78 /* x */) {
    if (j >= cps.length) throw new GoRegexpError(`invalid escape sequence: ${src}`);
    if (cps[j] === 0x7b) {
      let k = j + 1;
      let digits = '';
      while (k < cps.length && cps[k] !== 0x7d) digits += String.fromCodePoint(cps[k++]!);
      if (k >= cps.length || !/^[0-9A-Fa-f]+$/.test(digits) || parseInt(digits, 16) > 0x10ffff) {
        throw new GoRegexpError(`invalid escape sequence: ${src}`);
      }
      return [parseInt(digits, 16), k + 1];
    }
    const two = String.fromCodePoint(...cps.slice(j, j + 2));
    if (!/^[0-9A-Fa-f]{2}$/.test(two)) throw new GoRegexpError(`invalid escape sequence: ${src}`);
    return [parseInt(two, 16), j + 2];
  }
  const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  if (ch in simple) return [simple[ch]!, j];
  throw new GoRegexpError(`invalid escape sequence: \\${ch}`);
}

/** Parses a Go character class starting at cps[i] === '['; returns [jsClass, nextIndex]. */
function parseClass(cps: number[], i: number, src: string): [string, number] {
  let j = i + 1;
  let negated = false;
  if (cps[j] === 0x5e) {
    negated = true;
    j++;
  }
  const parts: string[] = [];
  let first = true;
  for (;;) {
    if (j >= cps.length) throw new GoRegexpError(`missing closing ]: ${src.slice(0)}`);
    if (cps[j] === 0x5d && !first) {
      j++;
      break;
    }
    first = false;
    // POSIX [:name:] and [:^name:]
    if (cps[j] === 0x5b && cps[j + 1] === 0x3a && j + 2 < cps.length) {
      const rest = String.fromCodePoint(...cps.slice(j + 2));
      const end = rest.indexOf(':]');
      if (end >= 0) {
        let name = rest.slice(0, end);
        const neg = name.startsWith('^');
        if (neg) name = name.slice(1);
        const body = POSIX[name];
        if (body === undefined) throw new GoRegexpError(`invalid character class range: [:${rest.slice(0, end)}:]`);
        parts.push(neg ? complement(body) : body);
        j += 2 + [...rest.slice(0, end)].length + 2;
        continue;
      }
    }
    if (cps[j] === 0x5c && j + 1 < cps.length) {
      const e = String.fromCodePoint(cps[j + 1]!);
      if (e === 'p' || e === 'P') throw new GoRegexpError(`unsupported Unicode class escape \\${e}`);
      const lower = e.toLowerCase();
      if (lower in PERL) {
        parts.push(e === lower ? PERL[lower]! : complement(PERL[lower]!));
        j += 2;
        continue;
      }
    }
    let lo: number;
    [lo, j] = classChar(cps, j, src);
    let hi = lo;
    if (j + 1 < cps.length && cps[j] === 0x2d && cps[j + 1] !== 0x5d) {
      [hi, j] = classChar(cps, j + 1, src);
      if (hi < lo) throw new GoRegexpError('invalid character class range');
    }
    parts.push(lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`);
  }
  return [`[${negated ? '^' : ''}${parts.join('')}]`, j];
}

/** A class body written as the complement of `body`, usable inside another class via a lookahead-free trick. */
function complement(body: string): string {
  // JS has no class subtraction without the v flag; express [^body] as the ranges outside body.
  const ranges = expandRanges(body);
  const out: string[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push(next === lo - 1 ? hex(next) : `${hex(next)}-${hex(lo - 1)}`);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push(`${hex(next)}-${hex(0x10ffff)}`);
  return out.join('');
}

/** Parses our own small class bodies (from POSIX/PERL above) into sorted code-point ranges. */
function expandRanges(body: string): [number, number][] {
  const cps: number[] = [];
  for (let k = 0; k < body.length; k++) {
    if (body[k] === '\\') {
      const e = body[k + 1]!;
      if (e === 'x') {
        cps.push(parseInt(body.slice(k + 2, k + 4), 16));
        k += 3;
      } else {
        const map: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
        cps.push(map[e] ?? e.charCodeAt(0));
        k += 1;
      }
    } else cps.push(body.charCodeAt(k));
    // mark range dashes with -1
    if (body[k + 1] === '-' && k + 2 < body.length) {
      cps.push(-1);
      k++;
    }
  }
  const ranges: [number, number][] = [];
  for (let k = 0; k < cps.length; k++) {
    if (cps[k + 1] === -1) {
      ranges.push([cps[k]!, cps[k + 2]!]);
      k += 2;
    } else ranges.push([cps[k]!, cps[k]!]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function classChar(cps: number[], j: number, src: string): [number, number] {
  if (j >= cps.length) throw new GoRegexpError(`missing closing ]: ${src}`);
  if (cps[j] === 0x5c) return parseEscape(cps, j, src);
  return [cps[j]!, j + 1];
}

/** Parses `{n}`, `{n,}` or `{n,m}` at cps[i]; null when it is not a repeat (then `{` is a literal in Go). */
function parseRepeat(cps: number[], i: number): { min: number; max: number; end: number } | null {
  let j = i + 1;
  const num = (): number | null => {
    const st = j;
    while (j < cps.length && cps[j]! >= 0x30 && cps[j]! <= 0x39) j++;
    if (j === st) return null;
    return Number(String.fromCodePoint(...cps.slice(st, j)));
  };
  const min = num();
  if (min === null) return null;
  let max = min;
  if (cps[j] === 0x2c) {
    j++;
    if (cps[j] === 0x7d) max = -1;
    else {
      const m = num();
      if (m === null) return null;
      max = m;
    }
  }
  if (cps[j] !== 0x7d) return null;
  return { min, max, end: j + 1 };
}

/**
 * Compiles the Go regexp source `src` (as patternmatcher generates it) into a JS RegExp with the
 * same matches. Throws GoRegexpError where Go's regexp.Compile would fail (or for the rare Unicode
 * class escapes \p, \P that this translator does not support).
 */
export function compileGoRegexp(src: string): RegExp {
  const cps = [...src].map((c) => c.codePointAt(0)!);
  let out = '';
  // Where the last repeatable item starts in `out` (null at the start, after `(` or `|`), whether
  // it is an empty-width assertion (JS cannot repeat those bare), and whether it was just repeated.
  let atom: number | null = null;
  let assertion = false;
  let repeated = false;
  let lazy = false;
  const groups: number[] = [];
  const emit = (text: string, isAssertion = false) => {
    atom = out.length;
    out += text;
    assertion = isAssertion;
    repeated = false;
    lazy = false;
  };
  const quantify = (q: string, name: string) => {
    if (atom === null) throw new GoRegexpError(`missing argument to repetition operator: \`${name}\``);
    if (repeated) {
      // Perl syntax allows one `?` after a repetition (non-greedy), nothing else.
      if (q === '?' && !lazy) {
        out += '?';
        lazy = true;
        return;
      }
      throw new GoRegexpError(`invalid nested repetition operator: \`${name}\``);
    }
    if (assertion) {
      out = `${out.slice(0, atom)}(?:${out.slice(atom)})`;
      assertion = false;
    }
    out += q;
    repeated = true;
  };
  let i = 0;
  while (i < cps.length) {
    const c = cps[i]!;
    const ch = String.fromCodePoint(c);
    if (c === 0x5b) {
      const [cls, j] = parseClass(cps, i, src);
      emit(cls);
      i = j;
    } else if (c === 0x5c) {
      const e = i + 1 < cps.length ? String.fromCodePoint(cps[i + 1]!) : '';
      if (e === 'A' || e === 'z') {
        emit(e === 'A' ? '^' : '$', true);
        i += 2;
      } else if (e === 'b' || e === 'B') {
        emit(`\\${e}`, true);
        i += 2;
      } else if (e !== '' && e.toLowerCase() in PERL) {
        const body = PERL[e.toLowerCase()]!;
        emit(e === e.toLowerCase() ? `[${body}]` : `[^${body}]`);
        i += 2;
      } else if (e === 'Q') {
        let j = i + 2;
        while (j < cps.length && !(cps[j] === 0x5c && cps[j + 1] === 0x45)) emit(hex(cps[j++]!));
        i = j < cps.length ? j + 2 : j;
      } else if (e === 'p' || e === 'P' || e === 'C') {
        throw new GoRegexpError(`unsupported escape \\${e}`);
      } else {
        const [r, j] = parseEscape(cps, i, src);
        emit(hex(r));
        i = j;
      }
    } else if (ch === '.') {
      // Go's . (no s flag) excludes only \n; JS's would also exclude \r, U+2028 and U+2029.
      emit('[^\\n]');
      i++;
    } else if (ch === '^' || ch === '$') {
      emit(ch, true);
      i++;
    } else if (ch === '(') {
      groups.push(out.length);
      out += '(';
      atom = null;
      i++;
    } else if (ch === ')') {
      if (groups.length === 0) throw new GoRegexpError('unexpected )');
      const start = groups.pop()!;
      out += ')';
      atom = start;
      assertion = false;
      repeated = false;
      lazy = false;
      i++;
    } else if (ch === '|') {
      out += '|';
      atom = null;
      i++;
    } else if (ch === '*' || ch === '+' || ch === '?') {
      quantify(ch, ch);
      i++;
    } else if (ch === '{') {
      const rep = parseRepeat(cps, i);
      if (!rep) {
        emit(hex(c));
        i++;
        continue;
      }
      if (rep.min > 1000 || rep.max > 1000 || (rep.max >= 0 && rep.max < rep.min)) {
        throw new GoRegexpError(`invalid repeat count: \`${String.fromCodePoint(...cps.slice(i, rep.end))}\``);
      }
      quantify(rep.max < 0 ? `{${rep.min},}` : rep.max === rep.min ? `{${rep.min}}` : `{${rep.min},${rep.max}}`, String.fromCodePoint(...cps.slice(i, rep.end)));
      i = rep.end;
    } else {
      emit(hex(c));
      i++;
    }
  }
  if (groups.length) throw new GoRegexpError('missing closing )');
  try {
    return new RegExp(out, 'u');
  } catch (e) {
    throw new GoRegexpError(`invalid regular expression: ${(e as Error).message}`);
  }
}
