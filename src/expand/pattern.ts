// Shell patterns of `${v#p}`, `${v%p}` and `${v/p/r}`, matched the way BuildKit's regexp translation does
// (`*` → `.*`/`.*?`, `?` → `.`, neither crossing a newline), but by an NFA simulation: O(value × pattern), never backtracking.
import { codePoints, fromCodePoints, isDigit, isLetter } from './unicode.js';

/** Token of a compiled pattern: a literal code point (≥ 0), ANY (`?`) or STAR (`*`). */
type Token = number;
const ANY = -1;
const STAR = -2;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

/** A pattern that BuildKit's converter rejects; `message` is Go's text (`invalid escape '\x'`). */
export class PatternSyntaxError extends Error {}

/**
 * Compiles a pattern word (already processed with raw escapes) like BuildKit's
 * convertShellPatternToRegex: `\*`, `\?`, `\\` are literals, `\}` and `\/` drop the backslash,
 * any other escape is an error; `[...]` classes are not supported (brackets are literal).
 */
export function compilePattern(pattern: string): Token[] {
  const cps = codePoints(pattern);
  const out: Token[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (cp === 0x2a) {
      // Consecutive stars match the same strings as one.
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else if (cp === 0x3f) {
      out.push(ANY);
    } else if (cp === BACKSLASH) {
      const next = i + 1 < cps.length ? cps[i + 1]! : -1;
      if (next === 0x7d || next === 0x2f) continue; // `\}` / `\/`: the next char is literal
      i++;
      if (next !== 0x2a && next !== 0x3f && next !== BACKSLASH) {
        // Go prints EOF (rune -1) with %c as U+FFFD.
        const shown = next < 0 ? '\ufffd' : String.fromCodePoint(next);
        throw new PatternSyntaxError(`invalid escape '\\${shown}'`);
      }
      out.push(next);
    } else {
      out.push(cp);
    }
  }
  return out;
}

/**
 * Reverses a pattern keeping each `\x` pair in order (`a\*c` → `c\*a`), as BuildKit does to turn a
 * suffix match into a prefix match.
 */
export function reversePattern(pattern: string): string {
  const cps = codePoints(pattern);
  const out = new Array<number>(cps.length);
  const last = cps.length - 1;
  for (let i = 0; i <= last; ) {
    const at = last - i;
    if (cps[i] === BACKSLASH && i !== last) {
      out[at - 1] = BACKSLASH;
      out[at] = cps[i + 1]!;
      i += 2;
    } else {
      out[at] = cps[i]!;
      i++;
    }
  }
  return fromCodePoints(out);
}

/** One list of NFA states, each with the leftmost start position that reached it. */
class StateList {
  readonly states: Int32Array;
  readonly starts: Int32Array;
  readonly mark: Int32Array;
  count = 0;
  generation = 1;
  constructor(size: number) {
    this.states = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.mark = new Int32Array(size);
  }
  clear(): void {
    this.count = 0;
    this.generation++;
  }
  has(state: number): boolean {
    return this.mark[state] === this.generation;
  }
}

/** A compiled pattern with Thompson-NFA matching over code points. */
export class PatternMatcher {
  private readonly tokens: Token[];
  private readonly accept: number;
  private cur: StateList;
  private next: StateList;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
    this.accept = tokens.length;
    this.cur = new StateList(tokens.length + 1);
    this.next = new StateList(tokens.length + 1);
  }

  private add(list: StateList, state: number, start: number): void {
    // The loop covers chains of epsilon moves (a STAR may match nothing).
    for (;;) {
      if (list.mark[state] === list.generation) {
        if (list.starts[state]! <= start) return;
        list.starts[state] = start;
      } else {
        list.mark[state] = list.generation;
        list.starts[state] = start;
        list.states[list.count++] = state;
      }
      if (state < this.accept && this.tokens[state] === STAR) state++;
      else return;
    }
  }

  /** Advances every thread of `cur` over `cp` into `next`, dropping threads that started after `maxStart`. */
  private step(cp: number, maxStart: number): void {
    const { cur, next, tokens } = this;
    next.clear();
    for (let k = 0; k < cur.count; k++) {
      const state = cur.states[k]!;
      if (state === this.accept) continue;
      const start = cur.starts[state]!;
      if (start > maxStart) continue;
      const tok = tokens[state]!;
      if (tok === STAR) {
        if (cp !== NEWLINE) this.add(next, state, start);
      } else if (tok === ANY) {
        if (cp !== NEWLINE) this.add(next, state + 1, start);
      } else if (tok === cp) {
        this.add(next, state + 1, start);
      }
    }
    this.cur = next;
    this.next = cur;
  }

  /**
   * Matches at position 0 of `cps` and returns the end of the shortest (`greedy` false, like `.*?`)
   * or longest (`greedy` true, like `.*`) match, or -1.
   */
  matchPrefix(cps: ArrayLike<number>, greedy: boolean): number {
    this.cur.clear();
    this.add(this.cur, 0, 0);
    let end = -1;
    for (let i = 0; ; i++) {
      if (this.cur.has(this.accept)) {
        end = i;
        if (!greedy) return end;
      }
      if (i === cps.length || this.cur.count === 0) return end;
      this.step(cps[i]!, 0);
    }
  }

  /**
   * Leftmost match at or after `from` with greedy stars (Go's FindStringIndex semantics for
   * these patterns: leftmost start, then longest end). Returns [start, end] or null.
   */
  search(cps: ArrayLike<number>, from: number): [number, number] | null {
    this.cur.clear();
    let bestStart = -1;
    let bestEnd = -1;
    for (let i = from; ; i++) {
      if (bestStart < 0) this.add(this.cur, 0, i);
      if (this.cur.has(this.accept)) {
        const start = this.cur.starts[this.accept]!;
        if (bestStart < 0 || start < bestStart) {
          bestStart = start;
          bestEnd = i;
        } else if (start === bestStart) {
          bestEnd = i;
        }
      }
      if (i === cps.length) break;
      if (bestStart >= 0 && this.cur.count === 0) break;
      this.step(cps[i]!, bestStart < 0 ? Number.MAX_SAFE_INTEGER : bestStart);
      if (bestStart >= 0 && this.cur.count === 0) break;
    }
    return bestStart < 0 ? null : [bestStart, bestEnd];
  }
}

/** UTF-16 offsets of each code point of `s`, plus `s.length` at the end. */
function offsetsOf(s: string, count: number): Int32Array {
  const offs = new Int32Array(count + 1);
  let k = 0;
  for (let i = 0; i < s.length; ) {
    offs[k++] = i;
    i += s.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  offs[k] = s.length;
  return offs;
}

/** `${v#p}` / `${v##p}`: removes the shortest / longest prefix of `value` matching `pattern`. */
export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const matcher = new PatternMatcher(compilePattern(pattern));
  const cps = codePoints(value);
  const end = matcher.matchPrefix(cps, greedy);
  if (end <= 0) return value;
  return value.slice(offsetsOf(value, cps.length)[end]);
}

/** `${v%p}` / `${v%%p}`: removes the shortest / longest suffix, by matching reversed pattern and value. */
export function trimSuffix(reversedPattern: string, value: string, greedy: boolean): string {
  const matcher = new PatternMatcher(compilePattern(reversedPattern));
  const cps = codePoints(value);
  const reversed = cps.slice().reverse();
  const cut = matcher.matchPrefix(reversed, greedy);
  if (cut <= 0) return value;
  return value.slice(0, offsetsOf(value, cps.length)[cps.length - cut]);
}

/** `${v/p/r}`: replaces the first match; the replacement is inserted literally. */
export function replaceFirst(pattern: string, value: string, replacement: string): string {
  const matcher = new PatternMatcher(compilePattern(pattern));
  const cps = codePoints(value);
  const m = matcher.search(cps, 0);
  if (!m) return value;
  const offs = offsetsOf(value, cps.length);
  return value.slice(0, offs[m[0]]) + replacement + value.slice(offs[m[1]]);
}

/**
 * `${v//p/r}`: replaces every non-overlapping match with Go's ReplaceAllString loop (an empty match
 * right after a match is skipped) and Go's template expansion of the replacement (`$0` is the match).
 */
export function replaceAll(pattern: string, value: string, replacement: string): string {
  const matcher = new PatternMatcher(compilePattern(pattern));
  const cps = codePoints(value);
  const offs = offsetsOf(value, cps.length);
  let out = '';
  let lastEnd = 0;
  let pos = 0;
  while (pos <= cps.length) {
    const m = matcher.search(cps, pos);
    if (!m) break;
    out += value.slice(offs[lastEnd], offs[m[0]]);
    if (m[1] > lastEnd || m[0] === 0) {
      out += expandTemplate(replacement, value.slice(offs[m[0]], offs[m[1]]));
    }
    lastEnd = m[1];
    pos = Math.max(pos + 1, m[1]);
  }
  return out + value.slice(offs[lastEnd]);
}

function isNameChar(cp: number): boolean {
  return isLetter(cp) || isDigit(cp) || cp === 0x5f;
}

/**
 * Go's regexp template expansion with no capture groups: `$$` → `$`; `$0`/`${0}` → the match;
 * any other well-formed `$name`/`${name}` → empty; a malformed `$` stays literal.
 */
export function expandTemplate(template: string, match: string): string {
  if (!template.includes('$')) return template;
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractReference(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.num === 0) out += match;
  }
  return out + rest;
}

/** Parses `name`, `{name}` after a `$`; `num` is the group number or -1 for a name. */
function extractReference(s: string): { num: number; rest: string } | null {
  let i = 0;
  const brace = s.startsWith('{');
  if (brace) i = 1;
  const nameStart = i;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if (!isNameChar(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  if (i === nameStart) return null;
  const name = s.slice(nameStart, i);
  if (brace) {
    if (s[i] !== '}') return null;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 0x30 || c > 0x39 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 0x30);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { num, rest: s.slice(i) };
}
