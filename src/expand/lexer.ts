// BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) re-implemented: quote removal, escapes,
// `$name` / `${name...}` expansion and optional word splitting, scanning code points left to right once.
import { envGetter, type EnvGetter, type EnvLookup } from './env.js';
import { ExpansionError } from './errors.js';
import { PatternSyntaxError, replaceAll, replaceFirst, reversePattern, trimPrefix, trimSuffix } from './pattern.js';
import { EOF, isDigit, isLetter, isSpace } from './unicode.js';

/** Lexer options, named after BuildKit's `Lex` fields. */
export interface ExpandOptions {
  /** The file's escape token (`# escape=`); default `\`. */
  escapeToken?: '\\' | '`';
  /** Keep quote characters in the output (quoted text is still not expanded inside `'...'`). */
  rawQuotes?: boolean;
  /** Keep escape tokens in the output. */
  rawEscapes?: boolean;
  /** Leave `$x` / `${x...}` as written when `x` is unset. */
  skipUnsetEnv?: boolean;
  /** Treat quotes as ordinary characters (COPY/ADD heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Look variables up case-insensitively, as BuildKit does on Windows. */
  caseInsensitiveEnv?: boolean;
}

/** What {@link processWordWithMatches} returns. */
export interface ProcessResult {
  /** The expanded word. */
  result: string;
  /** Names that were looked up and found (as written in the word). */
  matched: Set<string>;
  /** Names that were looked up and not found. */
  unmatched: Set<string>;
}

const DOLLAR = 0x24;
const SINGLE = 0x27;
const DOUBLE = 0x22;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;
const SLASH = 0x2f;
const LT = 0x3c;

/** A reason BuildKit gives for refusing a word (wrapped into an ExpansionError at the top). */
class LexError extends Error {}

/** Word splitting state (BuildKit's wordsStruct): unquoted whitespace separates words. */
class Words {
  word = '';
  readonly words: string[] = [];
  private inWord = false;

  addChar(cp: number): void {
    if (isSpace(cp)) {
      if (this.inWord && this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
      return;
    }
    this.addRawChar(cp);
  }

  addRawChar(cp: number): void {
    this.word += String.fromCodePoint(cp);
    this.inWord = true;
  }

  addString(s: string): void {
    for (const ch of s) this.addChar(ch.codePointAt(0)!);
  }

  addRawString(s: string): void {
    this.word += s;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

/** Is `cp` one of the shell's special parameters (`$@ $* $# $? $- $$ $! $0`)? */
function isSpecialParam(cp: number): boolean {
  switch (cp) {
    case 0x40: case 0x2a: case 0x23: case 0x3f: case 0x2d: case 0x24: case 0x21: case 0x30:
      return true;
    default:
      return false;
  }
}

/** Go's string(rune): EOF (-1) becomes U+FFFD. */
function runeString(cp: number): string {
  return cp < 0 ? '\ufffd' : String.fromCodePoint(cp);
}

/** One run of the lexer over one word. */
class ShellWord {
  private pos: number;
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private readonly escape: number;
  private readonly rawQuotes: boolean;
  private readonly skipUnset: boolean;
  private readonly skipQuotes: boolean;

  constructor(
    private readonly src: string,
    private readonly env: EnvGetter,
    opts: ExpandOptions,
  ) {
    // Go's text/scanner drops a byte order mark at the very start of its input.
    this.pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.escape = (opts.escapeToken ?? '\\').codePointAt(0)!;
    this.rawEscapes = opts.rawEscapes ?? false;
    this.rawQuotes = opts.rawQuotes ?? false;
    this.skipUnset = opts.skipUnsetEnv ?? false;
    this.skipQuotes = opts.skipProcessQuotes ?? false;
  }

  private peek(): number {
    return this.pos < this.src.length ? this.src.codePointAt(this.pos)! : EOF;
  }

  private next(): number {
    if (this.pos >= this.src.length) return EOF;
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** Processes the whole word (top level), optionally splitting it into words. */
  run(words: Words | null): string {
    return this.processStopOn(EOF, this.rawEscapes, words);
  }

  /**
   * The characters from the current one (which starts no expansion, quote or escape) up to the
   * next `$`, escape token, `stop` or, when `quotes`, quote, consumed. All of those are ASCII, so
   * the run ends on a code point boundary and slicing it equals reading it code point by code point.
   */
  private literalRun(stop: number, quotes: boolean): string {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === DOLLAR || c === this.escape || c === stop || (quotes && (c === SINGLE || c === DOUBLE))) break;
    }
    this.pos = i;
    return src.slice(start, i);
  }

  /** Processes up to (and consuming) `stop`, or to the end of input when `stop` is EOF. */
  private processStopOn(stop: number, rawEscapes: boolean, words: Words | null): string {
    let result = '';
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      for (;;) {
        let ch = this.peek();
        if (ch === EOF) break;
        if (stop !== EOF && ch === stop) {
          this.next();
          return result;
        }
        if (ch === DOLLAR) {
          const value = this.processDollar();
          result += value;
          words?.addString(value);
        } else if (words !== null && ch === LT) {
          // Only word splitting can tell: the text is copied unchanged either way.
          const value = this.processPossibleHeredoc();
          result += value;
          words.addRawString(value);
        } else if (!this.skipQuotes && (ch === SINGLE || ch === DOUBLE)) {
          const value = ch === SINGLE ? this.processSingleQuote() : this.processDoubleQuote();
          result += value;
          words?.addRawString(value);
        } else if (words === null && ch !== this.escape) {
          // Without word splitting, a run of ordinary characters is copied at once.
          result += this.literalRun(stop, !this.skipQuotes);
        } else {
          ch = this.next();
          if (ch === this.escape) {
            if (this.rawEscapes) {
              words?.addRawChar(ch);
              result += String.fromCodePoint(ch);
            }
            // The escape token escapes the next character, except at the end of the input.
            ch = this.next();
            if (ch === EOF) break;
            words?.addRawChar(ch);
          } else {
            words?.addChar(ch);
          }
          result += String.fromCodePoint(ch);
        }
      }
    } finally {
      this.rawEscapes = saved;
    }
    if (stop !== EOF) {
      throw new LexError(`unexpected end of statement while looking for matching ${runeString(stop)}`);
    }
    return result;
  }

  /**
   * A `<` of the word itself (not quoted, escaped or expanded). `<<` keeps the blanks after it in the
   * same word, so heredoc detection sees `<<  EOF` as one word.
   */
  private processPossibleHeredoc(): string {
    this.next(); // `<`
    if (this.peek() !== LT) return '<';
    this.next();
    const start = this.pos;
    for (let c = this.peek(); c === 0x20 || c === 0x09 || c === 0x0d; c = this.peek()) this.next();
    return '<<' + this.src.slice(start, this.pos);
  }

  private processSingleQuote(): string {
    // Everything up to the next `'` is literal; a single quote cannot be escaped inside.
    let result = '';
    const open = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(open);
    const close = this.src.indexOf("'", this.pos);
    if (close < 0) throw new LexError('unexpected end of statement while looking for matching single-quote');
    result += this.src.slice(this.pos, close);
    this.pos = close + 1;
    if (this.rawQuotes) result += "'";
    return result;
  }

  private processDoubleQuote(): string {
    // Literal except `$`, and the escape token before `"`, `$` or itself.
    let result = '';
    const open = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(open);
    for (;;) {
      const peeked = this.peek();
      if (peeked === EOF) {
        throw new LexError('unexpected end of statement while looking for matching double-quote');
      }
      if (peeked === DOUBLE) {
        this.next();
        if (this.rawQuotes) result += '"';
        return result;
      }
      if (peeked === DOLLAR) {
        result += this.processDollar();
        continue;
      }
      if (peeked !== this.escape) {
        // Literal characters up to the closing quote, a `$` or the escape token, at once.
        result += this.literalRun(DOUBLE, false);
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) result += String.fromCodePoint(ch);
        const after = this.peek();
        // An escape at the very end is dropped (the missing quote is reported next round).
        if (after === EOF) continue;
        if (after === DOUBLE || after === DOLLAR || after === this.escape) ch = this.next();
        // Otherwise the escape token itself is kept (BuildKit writes it again even with raw escapes).
      }
      result += String.fromCodePoint(ch);
    }
  }

  private processDollar(): string {
    this.next(); // `$`
    if (this.peek() !== OPEN_BRACE) {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined) return this.skipUnset ? '$' + name : '';
      return value;
    }

    this.next(); // `{`
    const first = this.peek();
    if (first === EOF) throw new LexError("syntax error: missing '}'");
    if (first === OPEN_BRACE || first === CLOSE_BRACE || first === COLON) {
      throw new LexError('syntax error: bad substitution');
    }
    const name = this.processName();
    let ch = this.next();
    let modifier = runeString(ch);

    if (ch === CLOSE_BRACE) {
      const value = this.getEnv(name);
      if (value === undefined) return this.skipUnset ? `\${${name}}` : '';
      return value;
    }
    if (ch === SLASH) return this.processReplace(name);

    let nullIsUnset = false;
    if (ch === COLON) {
      nullIsUnset = true;
      ch = this.next();
      modifier += runeString(ch);
    } else if (ch !== 0x2b && ch !== 0x2d && ch !== 0x3f && ch !== 0x23 && ch !== 0x25) {
      throw new LexError(`unsupported modifier (${modifier}) in substitution`);
    }

    const isPatternOp = ch === 0x23 || ch === 0x25; // `#` or `%`
    if (nullIsUnset && isPatternOp) throw new LexError(`unsupported modifier (${modifier}) in substitution`);
    let word = this.processUntilBrace(isPatternOp);

    const value = this.getEnv(name);
    if (value === undefined && this.skipUnset) return `\${${name}${modifier}${word}}`;
    const unset = value === undefined || (nullIsUnset && value === '');

    switch (ch) {
      case 0x2d: // `-`
        return unset ? word : value!;
      case 0x2b: // `+`
        return unset ? '' : word;
      case 0x3f: // `?`
        if (value === undefined) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
        if (nullIsUnset && value === '') {
          throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
        }
        return value;
      case 0x23: // `#` / `##`
      case 0x25: { // `%` / `%%`
        let greedy = false;
        if (word.length > 0 && word.codePointAt(0) === ch) {
          greedy = true;
          word = word.slice(1);
        }
        const subject = value ?? '';
        if (ch === 0x25) {
          // The reversed pattern is what BuildKit compiles, and what its error message shows.
          const reversed = reversePattern(word);
          return this.withPattern(reversed, () => trimSuffix(reversed, subject, greedy));
        }
        return this.withPattern(word, () => trimPrefix(word, subject, greedy));
      }
      default:
        throw new LexError(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  /** `${name/pattern/replacement}` and `${name//pattern/replacement}`, after the first `/`. */
  private processReplace(name: string): string {
    const all = this.peek() === SLASH;
    if (all) this.next();
    let pattern: string;
    try {
      pattern = this.processStopOn(SLASH, true, null);
    } catch (err) {
      if (err instanceof LexError && this.peek() === EOF) throw new LexError("syntax error: missing '/' in ${}");
      throw err;
    }
    const replacement = this.processUntilBrace(true);
    const value = this.getEnv(name);
    if (value === undefined && this.skipUnset) return `\${${name}/${pattern}/${replacement}}`;
    const subject = value ?? '';
    return this.withPattern(pattern, () =>
      all ? replaceAll(pattern, subject, replacement) : replaceFirst(pattern, subject, replacement),
    );
  }

  /** The word of a `${name<op>word}` form, up to the closing brace. */
  private processUntilBrace(rawEscapes: boolean): string {
    try {
      return this.processStopOn(CLOSE_BRACE, rawEscapes, null);
    } catch (err) {
      if (err instanceof LexError && this.peek() === EOF) throw new LexError("syntax error: missing '}'");
      throw err;
    }
  }

  private withPattern(pattern: string, fn: () => string): string {
    try {
      return fn();
    } catch (err) {
      if (err instanceof PatternSyntaxError) {
        throw new LexError(`invalid pattern (${pattern}) in substitution: ${err.message}`);
      }
      throw err;
    }
  }

  /** A name: letters, digits and `_`; or all leading digits; or one special parameter character. */
  private processName(): string {
    const start = this.pos;
    const first = this.peek();
    if (first === EOF) return '';
    if (isDigit(first)) {
      while (isDigit(this.peek())) this.next();
      return this.src.slice(start, this.pos);
    }
    if (isSpecialParam(first)) {
      this.next();
      return String.fromCodePoint(first);
    }
    for (;;) {
      const ch = this.peek();
      if (ch === EOF || !(isLetter(ch) || isDigit(ch) || ch === 0x5f)) break;
      this.next();
    }
    return this.src.slice(start, this.pos);
  }

  private getEnv(name: string): string | undefined {
    const value = this.env(name);
    if (value === undefined) this.unmatched.add(name);
    else this.matched.add(name);
    return value;
  }
}

function runLexer<T>(word: string, env: EnvLookup, opts: ExpandOptions, fn: (sw: ShellWord) => T): T {
  const sw = new ShellWord(word, envGetter(env, opts.caseInsensitiveEnv), opts);
  try {
    return fn(sw);
  } catch (err) {
    if (err instanceof LexError) throw new ExpansionError(word, err.message, sw.matched, sw.unmatched);
    // Pathologically deep `${a:-${b:-...}}` nesting: report it instead of crashing.
    if (err instanceof RangeError) {
      throw new ExpansionError(word, 'substitution nested too deeply', sw.matched, sw.unmatched);
    }
    throw err;
  }
}

/**
 * Expands one word as BuildKit's `ProcessWord` does: quotes removed, escapes applied, variables
 * substituted, no word splitting.
 * @throws {ExpansionError} on a bad substitution, an unterminated quote or a failed `${v?msg}`.
 */
export function processWord(word: string, env: EnvLookup, opts: ExpandOptions = {}): string {
  return runLexer(word, env, opts, (sw) => sw.run(null));
}

/**
 * Expands and splits a word as BuildKit's `ProcessWords` does (EXPOSE, heredoc detection):
 * unquoted whitespace, including whitespace produced by unquoted `$x`, separates words; quoted
 * and escaped text never splits; empty words are dropped.
 * @throws {ExpansionError}
 */
export function processWords(word: string, env: EnvLookup, opts: ExpandOptions = {}): string[] {
  return runLexer(word, env, opts, (sw) => {
    const words = new Words();
    sw.run(words);
    return words.finish();
  });
}

/**
 * Like {@link processWord}, also returning every variable name looked up (found or not), including
 * the `v` of `${v:-default}`: the basis of BuildKit's UndefinedVar and UndefinedArgInFrom checks.
 * @throws {ExpansionError}
 */
export function processWordWithMatches(word: string, env: EnvLookup, opts: ExpandOptions = {}): ProcessResult {
  return runLexer(word, env, opts, (sw) => {
    const result = sw.run(null);
    return { result, matched: sw.matched, unmatched: sw.unmatched };
  });
}

/**
 * True when processing `word` would do more than copy it: it holds `$`, a quote, the escape
 * character or a BOM (which the lexer drops). Callers skip the lexer (and its environment) otherwise.
 */
export function needsLexer(word: string, escapeToken: string): boolean {
  const esc = escapeToken.charCodeAt(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 36 /* $ */ || c === 39 /* ' */ || c === 34 /* " */ || c === 0xfeff || c === esc) return true;
  }
  return false;
}
