// Heredoc detection as BuildKit does it: the logical line is word-split by its shell lexer (raw quotes,
// raw escapes, unset variables kept), and each word is matched against `^(\d*)<<(-?)\s*([^<]*)$`.
// Only the subset of the lexer that detection needs lives here (empty environment, escape always `\`).
import { isGoSpace } from './text.js';

/** A heredoc found on an instruction line (positions are offsets in that line). */
export interface HeredocMarker {
  name: string;
  fileDescriptor: number;
  expand: boolean;
  chomp: boolean;
  start: number;
  end: number;
}

/** A word produced by the shell word splitter, with where it came from. */
export interface LexWord {
  value: string;
  start: number;
  end: number;
}

class LexError extends Error {}

const EOF = -1;

/** Collects words the way BuildKit's `wordsStruct` does, remembering positions. */
class Words {
  words: LexWord[] = [];
  word = '';
  inWord = false;
  start = 0;
  end = 0;
  afterHeredocOp = false;

  addChar(ch: string, at: number): void {
    const c = ch.charCodeAt(0);
    if (isGoSpace(c)) {
      // `<<` keeps following blanks in the same word (`<<  EOF` is one word).
      if (this.inWord && this.afterHeredocOp && (c === 0x20 || c === 9 || c === 13)) {
        this.word += ch;
        this.tail = (this.tail + ch).slice(-2);
        this.end = at + 1;
        return;
      }
      if (this.inWord && this.word.length !== 0) {
        this.words.push({ value: this.word, start: this.start, end: this.end });
        this.word = '';
        this.tail = '';
        this.inWord = false;
        this.afterHeredocOp = false;
      }
      return;
    }
    this.addRaw(ch, at, at + 1);
  }

  /** The word's last two characters (asking the word itself would flatten a long rope each time). */
  private tail = '';

  addRaw(str: string, from: number, to: number): void {
    if (!this.inWord) this.start = from;
    this.word += str;
    this.inWord = true;
    this.end = to;
    this.tail = str.length >= 2 ? str.slice(-2) : (this.tail + str).slice(-2);
    this.afterHeredocOp = this.tail === '<<';
  }

  addString(str: string, from: number, to: number): void {
    // Expansion results are split on spaces; positions are approximate (the whole `$...` span).
    for (const ch of str) {
      if (isGoSpace(ch.charCodeAt(0))) this.addChar(ch, to);
      else this.addRaw(ch, this.inWord ? this.start : from, to);
    }
  }

  finish(): LexWord[] {
    if (this.word.length > 0) {
      this.words.push({ value: this.word, start: this.start, end: this.end });
      this.word = '';
      this.tail = '';
      this.inWord = false;
    }
    return this.words;
  }
}

/** BuildKit's shell lexer restricted to an empty environment with SkipUnsetEnv. */
class ShellWordLexer {
  private pos = 0;
  private rawEscapes: boolean;

  constructor(
    private readonly s: string,
    private readonly endPos: number,
    start: number,
    private readonly rawQuotes: boolean,
    rawEscapes: boolean,
  ) {
    this.pos = start;
    this.rawEscapes = rawEscapes;
  }

  private peek(): number {
    if (this.pos >= this.endPos) return EOF;
    return this.s.codePointAt(this.pos)!;
  }

  private next(): number {
    if (this.pos >= this.endPos) return EOF;
    const cp = this.s.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  words(): LexWord[] {
    return this.processStopOn(EOF, this.rawEscapes).words;
  }

  private processStopOn(stop: number, rawEscapes: boolean): { result: string; words: LexWord[] } {
    let result = '';
    const words = new Words();
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        const ch = this.peek();
        if (stop !== EOF && ch === stop) {
          this.next();
          return { result, words: words.finish() };
        }
        const at = this.pos;
        if (ch === 0x24 /* $ */ || ch === 0x27 /* ' */ || ch === 0x22 /* " */) {
          const tmp = ch === 0x24 ? this.processDollar() : ch === 0x27 ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          if (ch === 0x24) words.addString(tmp, at, this.pos);
          else words.addRaw(tmp, at, this.pos);
          continue;
        }
        let c = this.next();
        if (c === 0x5c /* \ */) {
          if (this.rawEscapes) {
            words.addRaw('\\', at, this.pos);
            result += '\\';
          }
          const escAt = this.pos;
          c = this.next();
          if (c === EOF) break;
          const chs = String.fromCodePoint(c);
          words.addRaw(chs, escAt, this.pos);
          result += chs;
          continue;
        }
        const chs = String.fromCodePoint(c);
        words.addChar(chs, at);
        result += chs;
      }
      if (stop !== EOF) throw new LexError('unexpected end of statement while looking for matching ' + String.fromCodePoint(stop));
      return { result, words: words.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    let result = '';
    const open = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(open);
    for (;;) {
      const c = this.next();
      if (c === EOF) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (c === 0x27) {
        if (this.rawQuotes) result += "'";
        return result;
      }
      result += String.fromCodePoint(c);
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    this.next();
    if (this.rawQuotes) result += '"';
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === 0x22) {
        this.next();
        if (this.rawQuotes) result += '"';
        return result;
      }
      if (p === 0x24) {
        result += this.processDollar();
        continue;
      }
      let c = this.next();
      if (c === 0x5c) {
        if (this.rawEscapes) result += '\\';
        const q = this.peek();
        if (q === EOF) continue;
        if (q === 0x22 || q === 0x24 || q === 0x5c) c = this.next();
      }
      result += String.fromCodePoint(c);
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += String.fromCodePoint(this.next());
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) return String.fromCodePoint(this.next());
      if (!isLetter(ch) && !isDigit(ch) && ch !== 0x5f) break;
      name += String.fromCodePoint(this.next());
    }
    return name;
  }

  // Every variable is unset here and SkipUnsetEnv is on, so each form re-creates its own text.
  private processDollar(): string {
    this.next();
    if (this.peek() !== 0x7b /* { */) {
      const name = this.processName();
      return name === '' ? '$' : '$' + name;
    }
    this.next();
    const p = this.peek();
    if (p === EOF) throw new LexError("syntax error: missing '}'");
    if (p === 0x7b || p === 0x7d || p === 0x3a) throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch === EOF ? '\ufffd' : String.fromCodePoint(ch);
    switch (ch) {
      case 0x7d:
        return '${' + name + '}';
      case 0x3a: /* : */
      case 0x2b: /* + */
      case 0x2d: /* - */
      case 0x3f: /* ? */
      case 0x23: /* # */
      case 0x25: /* % */ {
        if (ch === 0x3a) {
          ch = this.next();
          chs += ch === EOF ? '\ufffd' : String.fromCodePoint(ch);
        }
        const word = this.stopOnOrMissing(0x7d, ch === 0x23 || ch === 0x25, "syntax error: missing '}'");
        return '${' + name + chs + word + '}';
      }
      case 0x2f: /* / */ {
        if (this.peek() === 0x2f) this.next();
        const pattern = this.stopOnOrMissing(0x2f, true, "syntax error: missing '/' in ${}");
        const replacement = this.stopOnOrMissing(0x7d, true, "syntax error: missing '}'");
        return '${' + name + '/' + pattern + '/' + replacement + '}';
      }
      default:
        throw new LexError('unsupported modifier (' + chs + ') in substitution');
    }
  }

  private stopOnOrMissing(stop: number, rawEscapes: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (e) {
      if (this.peek() === EOF) throw new LexError(missing);
      throw e;
    }
  }
}

function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c > 0x7f && /\p{Nd}/u.test(String.fromCodePoint(c)));
}

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return /\p{L}/u.test(String.fromCodePoint(c));
}

function isSpecialParam(c: number): boolean {
  return c === 0x40 || c === 0x2a || c === 0x23 || c === 0x3f || c === 0x2d || c === 0x24 || c === 0x21 || c === 0x30;
}

/** Splits `s[from,to)` into shell words; null when the lexer reports an error (as BuildKit ignores it). */
export function shellWords(s: string, from: number, to: number, rawQuotes: boolean, rawEscapes: boolean): LexWord[] | null {
  try {
    return new ShellWordLexer(s, to, from, rawQuotes, rawEscapes).words();
  } catch (e) {
    if (e instanceof LexError) return null;
    throw e;
  }
}

const PLAIN_DELIMITER = /^[^'"\\$\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;

const HEREDOC_WORD = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/** Error raised for a heredoc delimiter the lexer cannot read (e.g. unbalanced quotes). */
export class HeredocError extends Error {}

/**
 * BuildKit's `ParseHeredoc`: the heredoc a single word denotes, or null. Throws HeredocError when the
 * delimiter cannot be lexed.
 */
export function parseHeredocWord(word: string): Omit<HeredocMarker, 'start' | 'end'> | null {
  const m = HEREDOC_WORD.exec(word);
  if (!m) return null;
  const rest = m[3]!;
  if (rest.length === 0) return null;
  // A delimiter without quotes, escapes, `$` or spaces is one word, itself, and expands.
  if (PLAIN_DELIMITER.test(rest)) return { name: rest, fileDescriptor: parseFd(m[1]!), expand: true, chomp: m[2] === '-' };
  let plain: LexWord[];
  let raw: LexWord[];
  try {
    plain = new ShellWordLexer(rest, rest.length, 0, false, false).words();
    if (plain.length !== 1) return null;
    raw = new ShellWordLexer(rest, rest.length, 0, true, false).words();
  } catch (e) {
    if (e instanceof LexError) throw new HeredocError(e.message);
    throw e;
  }
  if (raw.length !== plain.length) throw new HeredocError('internal lexing of heredoc produced inconsistent results: ' + rest);
  const name = plain[0]!.value;
  const expand = countQuotes(name) === countQuotes(raw[0]!.value);
  return { name, fileDescriptor: parseFd(m[1]!), expand, chomp: m[2] === '-' };
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 || c === 0x22) n++;
  }
  return n;
}

function parseFd(digits: string): number {
  if (digits === '') return 0;
  // Go's ParseUint fails on overflow and BuildKit then keeps 0.
  if (digits.length > 20 || BigInt(digits) > 0xffffffffffffffffn) return 0;
  return Number(digits);
}

/** BuildKit's `heredocsFromLine` over `s[from,to)`; throws HeredocError like BuildKit does. */
export function heredocsFromLine(s: string, from: number, to: number): HeredocMarker[] {
  const words = (isPlain(s, from, to) ? plainWords(s, from, to) : shellWords(s, from, to, true, true)) ?? [];
  const out: HeredocMarker[] = [];
  for (const w of words) {
    if (!w.value.includes('<<')) continue;
    const h = parseHeredocWord(w.value);
    if (h) out.push({ ...h, start: w.start, end: w.end });
  }
  return out;
}

/**
 * Whether the lexer's words of `s[from,to)` are plain substrings split on spaces: no quote and no
 * escape, and no `${` (a `$` not followed by `{` comes out as written, since variables are unset
 * and kept; inside `${...}` a space does not split). RUN lines full of `--mount=...$TARGETPLATFORM`
 * take this path instead of the character-by-character lexer.
 */
function isPlain(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 || c === 0x22 || c === 0x5c) return false;
    if (c === 0x24 && i + 1 < to && s.charCodeAt(i + 1) === 0x7b) return false;
  }
  return true;
}

/** The shell lexer's words for a line {@link isPlain} accepts (same rules, no copying). */
function plainWords(s: string, from: number, to: number): LexWord[] {
  const out: LexWord[] = [];
  let start = -1;
  let end = -1;
  let afterOp = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (isGoSpace(c)) {
      if (start >= 0 && afterOp && (c === 0x20 || c === 9 || c === 13)) {
        end = i + 1;
        continue;
      }
      if (start >= 0) {
        out.push({ value: s.slice(start, end), start, end });
        start = -1;
        afterOp = false;
      }
      continue;
    }
    if (start < 0) start = i;
    end = i + 1;
    afterOp = c === 0x3c && i - 1 >= start && s.charCodeAt(i - 1) === 0x3c;
  }
  if (start >= 0) out.push({ value: s.slice(start, end), start, end });
  return out;
}

/**
 * A heredoc's body as BuildKit's ChompHeredocContent gives it: for `<<-`, the leading tabs of every
 * line removed; otherwise as written.
 */
export function chompedBody(doc: { content: string; chomp: boolean }): string {
  return doc.chomp ? doc.content.replace(/^\t+/gm, '') : doc.content;
}
