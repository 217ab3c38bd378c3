// A hand-written reader for the common shape of RUN scripts: simple commands joined by `&&`,
// `||`, `;`, `&` and pipes, subshells, quotes, expansions and `$(...)`. It builds the same command
// model as the tree-sitter path (parse.ts) in a fraction of the time, and declines (returns
// undefined) on anything it does not model exactly, which then goes to tree-sitter.
import type { RangeMapper } from './parse.js';
import type { ShellCommand, ShellOperator, ShellScript, ShellWord } from './types.js';
import { ansiC, NO_WORDS, shellCommand } from './words.js';

/** Thrown (and caught in {@link parseShellFast}) when the script needs the full grammar. */
const DECLINE = Symbol('decline');
let lastReason = '';

function decline(reason: string): never {
  lastReason = reason;
  throw DECLINE;
}

/** Why the last {@link parseShellFast} call returned undefined (for tests and tuning). */
export function lastDeclineReason(): string {
  return lastReason;
}

/** Words after `!` that begin a compound command this reader reads (`(` is checked apart). */
const NEGATABLE_COMPOUNDS = new Set(['{', 'if', 'for', 'while', 'until', 'case', '[', '[[']);

/** Words that start compound commands or are otherwise grammar at command position. */
const RESERVED = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac',
  'function', 'select', 'time', 'coproc', '{', '}', '!', '[', ']', '[[', ']]', '((', '))',
]);
/** Declaration builtins: tree-sitter reads their operands as assignments and names. */
const DECLARATIONS = new Set(['export', 'declare', 'local', 'readonly', 'typeset', 'unset', 'unsetenv']);
/**
 * The words peekWord can name, by first character and length: reserved words and declaration
 * builtins are all its callers compare with, so it finds them without slicing every command name.
 */
const PEEKABLE = new Map<number, string[]>();
for (const w of [...RESERVED, ...DECLARATIONS]) {
  const key = w.charCodeAt(0) * 64 + w.length;
  PEEKABLE.set(key, [...(PEEKABLE.get(key) ?? []), w]);
}

/** What a word at command position is, by one look-up: reserved word, declaration builtin, or neither. */
const RESERVED_WORD = 1;
const DECLARATION = 2;
const NAME_KINDS = new Map<string, number>([...[...RESERVED].map((w) => [w, RESERVED_WORD] as const), ...[...DECLARATIONS].map((w) => [w, DECLARATION] as const)]);

const THEN = new Set(['then']);
const IF_BRANCH = new Set(['elif', 'else', 'fi']);
const FI = new Set(['fi']);
const DO = new Set(['do']);
const DONE = new Set(['done']);
const ESAC = new Set(['esac']);
const CLOSE_BRACE = new Set(['}']);
/** Bracket and brace words that tree-sitter may join with their neighbours outside a test. */
const BRACKET_WORDS = new Set(['[[', ']]', '[', ']', '{', '}']);
/** Characters in a command name that tree-sitter reads as grammar or errors on. */
const UNUSUAL_NAME = /[[\]{}*?!#%^\\]/;
/** A plain braced expansion, `${NAME}`. */
const BRACED_NAME = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
/** Characters in a declaration operand (`export X`) that tree-sitter splits or errors on. */
const UNUSUAL_OPERAND = /[[\]{}:#%\\]/;

/** Nesting of lists (subshells, `$(...)`, compound commands) read here before declining. */
const MAX_DEPTH = 100;

/** Binary test operators. */
const TEST_BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** `x`, `-f x`, `! x`, `a = b`, `! -f x`, `! a = b`: the test shapes taken here; others decline. */
function checkTestOperand(words: string[]): void {
  let w = words;
  if (w[0] === '!' && w.length > 1) w = w.slice(1);
  const ok = w.length === 1 ? w[0] !== '!' && w[0] !== '-' && w[0] !== '--'
    : w.length === 2 ? /^-[a-zA-Z]$/.test(w[0]!)
    : w.length === 3 && TEST_BINARY.has(w[1]!) && w[0] !== '!';
  if (!ok) decline('an unusual test expression');
}

/** A word as read: offsets in the script and its value. */
interface RawWord {
  start: number;
  end: number;
  value: string;
  /** True when the word is a bare literal (no quotes, escapes or expansions). */
  plain: boolean;
  /**
   * An unbraced `$NAME` that is not the word's first part is followed by more of the word, or an
   * unquoted backslash follows a quote: tree-sitter splits such assignment values (arguments are
   * re-joined in parse.ts).
   */
  splitRisk: boolean;
  /** An unquoted backslash follows a bare `]` or `}` (tree-sitter splits such assignment values). */
  slashAfterClose: boolean;
}

/**
 * Parse `text` when it uses only the constructs this reader models; undefined otherwise.
 * The result equals what {@link parseShellTreeSitter} produces.
 */
export function parseShellFast(text: string, map: RangeMapper): ShellScript | undefined {
  const p = new FastReader(text, map);
  try {
    p.list(-1);
    if (p.pos < text.length) decline('unexpected text');
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
  lastReason = '';
  return { text, commands: p.commands, hasErrors: false, operators: p.operators, memo: undefined };
}

// Character codes.
const TAB = 9, NL = 10, CR = 13, SP = 32, BANG = 33, DQ = 34, HASH = 35, DOLLAR = 36, AMP = 38, SQ = 39;
const LP = 40, RP = 41, STAR = 42, MINUS = 45, SEMI = 59, LT = 60, EQ = 61, GT = 62, QM = 63, AT = 64;
const LB = 91, BS = 92, RB = 93, BQ = 96, LC = 123, PIPE = 124, RC = 125;

/** Classes of ASCII characters inside a bare run of a word (see FastReader.word). */
const ENDS = 1;
const SPECIAL = 2;
const BARE_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (endsBare(c)) t[c] = ENDS;
    else if (c === CR || c === HASH || c === LB || c === RB || c === LC || c === RC || c === STAR || c === QM || c === BANG) t[c] = SPECIAL;
  }
  return t;
})();

/** Ends a word: blanks, newline, control and redirection characters. */
function endsBareOrBlank(c: number): boolean {
  return c === SP || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LP || c === RP || c === LT || c === GT;
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** A blank, a newline or the end of the text. */
function isBlankOrEnd(c: number): boolean {
  return c === SP || c === TAB || c === NL || c === -1;
}
/**
 * Whether `$` followed by `c` inside double quotes is a plain `$` as tree-sitter reads it: printable
 * ASCII that starts no parameter, substitution or arithmetic (checked against tree-sitter for each).
 */
function literalDollarInQuotes(c: number): boolean {
  if (c < 32 || c > 126 || isNameChar(c)) return false;
  return !(c === AT || c === STAR || c === HASH || c === QM || c === DOLLAR || c === BANG || c === MINUS
    || c === LC || c === LP || c === LB || c === BS || c === BQ);
}
/** Ends a bare word: blanks, newline, control and redirection characters, and quotes/expansions (parts). */
function endsBare(c: number): boolean {
  return c === SP || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LP || c === RP || c === LT || c === GT
    || c === SQ || c === DQ || c === DOLLAR || c === BQ || c === BS;
}

class FastReader {
  pos = 0;
  /** True while reading the words of `[ ... ]` or `[[ ... ]]`, where brackets are expected. */
  inTest = false;
  /** True while reading inside `"..."` (nested quotes in `${...}` are then left to tree-sitter). */
  private inDouble = false;
  /** True while reading a `` `...` `` command substitution, whose closing backtick ends words and lists. */
  private inBacktick = false;
  /** True for the simple command after `!`. */
  private negated = false;
  /** What {@link word} returns, reused. */
  private readonly rw: RawWord = { start: 0, end: 0, value: '', plain: false, splitRisk: false, slashAfterClose: false };
  /** False when the script has no `()` (with or without blanks inside), so it defines no function. */
  private readonly mayDefineFunctions: boolean;
  private depth = 0;

  readonly commands: ShellCommand[] = [];
  readonly operators: ShellOperator[] = [];

  constructor(
    private readonly text: string,
    private readonly map: RangeMapper,
  ) {
    this.mayDefineFunctions = text.includes('()') || /\([ \t]+\)/.test(text);
  }

  private code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  private op(op: ShellOperator['op'], start: number): void {
    this.operators.push({ op, range: this.map(start, start + op.length) });
  }

  /** Spaces, tabs and backslash-newlines between words. A carriage return is left to the full grammar. */
  private blanks(): void {
    for (;;) {
      const c = this.code();
      if (c === SP || c === TAB) this.pos++;
      else if (c === BS && this.code(this.pos + 1) === NL) {
        // tree-sitter reports an error for a continuation that ends the script.
        if (this.text.slice(this.pos + 2).trim() === '') decline('a trailing backslash-newline');
        // ...and joins a continuation line that starts with one to the line before.
        if (this.pos === 0 || this.code(this.pos - 1) === NL) decline('a backslash-newline starting a line');
        this.pos += 2;
      }
      else if (c === CR) decline('a carriage return');
      else return;
    }
  }

  /** Blanks, newlines and comments (where a new statement may start). */
  private gap(): void {
    for (;;) {
      this.blanks();
      const c = this.code();
      if (c === NL) this.pos++;
      else if (c === HASH) this.comment();
      else return;
    }
  }

  private comment(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl;
  }

  /**
   * Statements until the end of the text, or until `close` (a `)` ending a subshell or `$(`).
   * Statements are pipelines joined by `&&`/`||` and ended by `;`, `&` or a newline.
   */
  list(close: number, stops?: ReadonlySet<string>, inCase = false): number {
    // Deep nesting goes to tree-sitter, whose walk does not recurse.
    if (++this.depth > MAX_DEPTH) decline('deep nesting');
    const n = this.listBody(close, stops, inCase);
    this.depth--;
    return n;
  }

  private listBody(close: number, stops: ReadonlySet<string> | undefined, inCase: boolean): number {
    let statements = 0;
    for (;;) {
      this.gap();
      const c = this.code();
      if (c === -1 || c === close) return statements;
      if (stops && stops.has(this.peekWord())) return statements;
      if (inCase && c === SEMI && this.code(this.pos + 1) === SEMI) return statements;
      statements++;
      this.pipeline();
      for (;;) {
        this.blanks();
        const d = this.code();
        const e = this.code(this.pos + 1);
        if ((d === AMP && e === AMP) || (d === PIPE && e === PIPE)) {
          this.op(d === AMP ? '&&' : '||', this.pos);
          this.pos += 2;
          this.gap();
          this.pipeline();
          continue;
        }
        break;
      }
      const d = this.code();
      if (d === SEMI) {
        if (this.code(this.pos + 1) === SEMI) {
          if (inCase) return statements;
          decline('`;;` outside case');
        }
        this.op(';', this.pos);
        this.pos++;
      } else if (d === AMP) {
        if (this.code(this.pos + 1) === GT) decline('`&>` after a statement');
        this.op('&', this.pos);
        this.pos++;
      } else if (d === NL) {
        this.pos++;
      } else if (d === HASH) {
        this.comment();
      } else if (d === -1 || d === close) {
        return statements;
      } else {
        decline('unexpected character after a statement');
      }
    }
  }

  private pipeline(): void {
    this.command();
    for (;;) {
      this.blanks();
      if (this.code() !== PIPE || this.code(this.pos + 1) === PIPE) return;
      if (this.code(this.pos + 1) === AMP) {
        this.op('|&', this.pos);
        this.pos += 2;
      } else {
        this.op('|', this.pos);
        this.pos++;
      }
      this.gap();
      this.command();
    }
  }

  private command(): void {
    this.blanks();
    const c = this.code();
    if (c === LP) {
      if (this.code(this.pos + 1) === LP) decline('`((` arithmetic');
      this.pos++;
      if (this.list(RP) === 0) decline('an empty subshell');
      if (this.code() !== RP) decline('an unclosed subshell');
      this.pos++;
      this.afterCompound();
      return;
    }
    const w = this.peekWord();
    if (w === '!') {
      // `! cmd`: the negation is no command of its own, and a negated compound reads as the compound
      // (parse.ts reads tree-sitter's tree of `! {`, `! if`... the same way). A negated simple
      // command with a redirect or an assignment is left to tree-sitter.
      this.pos++;
      this.blanks();
      const c = this.code();
      const next = this.peekWord();
      if (c === LP || NEGATABLE_COMPOUNDS.has(next)) {
        if (this.atFunctionDefinition()) decline('an unusual negation');
        this.command();
        return;
      }
      if (c === -1 || RESERVED.has(next) || this.atFunctionDefinition()) decline('an unusual negation');
      this.negated = true;
      this.simpleCommand();
      this.negated = false;
      return;
    }
    if (this.atFunctionDefinition()) return this.functionDefinition();
    switch (w) {
      case 'if': return this.ifClause();
      case 'for': return this.forClause();
      case 'while':
      case 'until': return this.whileClause();
      case 'case': return this.caseClause();
      case '{': return this.group();
      case '[': return this.test(']');
      case '[[': return this.test(']]');
      default: this.simpleCommand();
    }
  }

  /** `name() {` at the current position (the name a plain word). */
  private atFunctionDefinition(): boolean {
    if (!this.mayDefineFunctions) return false;
    let i = this.pos;
    if (!isNameStart(this.code(i))) return false;
    while (isNameChar(this.code(i)) || this.code(i) === MINUS) i++;
    while (this.code(i) === SP || this.code(i) === TAB) i++;
    return this.code(i) === LP && this.code(i + 1) === RP;
  }

  /** `name() { ...; }`: the body's commands are read; the name is no command. */
  private functionDefinition(): void {
    if (RESERVED.has(this.peekWord()) || DECLARATIONS.has(this.peekWord())) decline('a reserved function name');
    this.pos = this.text.indexOf(')', this.pos) + 1;
    this.gap();
    if (this.peekWord() !== '{') decline('a function body that is not a group');
    this.group();
  }

  /** After a compound command only a control operator, newline, comment or the end may follow. */
  private afterCompound(): void {
    this.blanks();
    // `done > log 2>&1`: redirects of the whole compound command, one word each.
    while (this.atRedirect(this.code())) {
      this.redirectOp();
      this.blanks();
      if (!this.atWordStart(this.code()) || this.code() === HASH) decline('a redirect without a destination');
      this.word();
      this.blanks();
    }
    const d = this.code();
    if (d !== -1 && d !== NL && d !== SEMI && d !== AMP && d !== PIPE && d !== RP && d !== HASH) decline('a redirect or word after a compound command');
  }

  /**
   * The reserved word or declaration builtin at the current position when it is a whole word
   * (followed by a delimiter), else ''.
   */
  private peekWord(): string {
    let i = this.pos;
    for (;;) {
      const k = this.code(i);
      if ((k >= 97 && k <= 122) || k === LC || k === RC || k === LB || k === RB || k === BANG) i++;
      else break;
    }
    if (i === this.pos) return '';
    const k = this.code(i);
    if (k !== -1 && k !== SP && k !== TAB && k !== NL && k !== SEMI && k !== AMP && k !== PIPE && k !== LP && k !== RP && k !== LT && k !== GT) return '';
    const candidates = PEEKABLE.get(this.text.charCodeAt(this.pos) * 64 + (i - this.pos));
    if (candidates) for (const w of candidates) if (this.text.startsWith(w, this.pos)) return w;
    return '';
  }

  /** Consume the reserved word `w` (which {@link peekWord} must show), or decline. */
  private keyword(w: string): void {
    this.gap();
    if (this.peekWord() !== w) decline(`expected ${w}`);
    this.pos += w.length;
  }

  /** A list that must hold at least one statement, ended by one of `stops`. */
  private body(stops: ReadonlySet<string>): void {
    if (this.list(-1, stops) === 0) decline('an empty compound body');
  }

  private ifClause(): void {
    this.pos += 2;
    this.body(THEN);
    this.keyword('then');
    this.body(IF_BRANCH);
    for (;;) {
      const w = this.peekWord();
      this.pos += w.length;
      if (w === 'fi') break;
      if (w === 'elif') {
        this.body(THEN);
        this.keyword('then');
        this.body(IF_BRANCH);
      } else if (w === 'else') {
        this.body(FI);
        this.keyword('fi');
        break;
      } else decline('an unfinished if');
    }
    this.afterCompound();
  }

  private whileClause(): void {
    this.pos += this.peekWord().length;
    this.body(DO);
    this.doGroup();
  }

  private doGroup(): void {
    this.keyword('do');
    this.body(DONE);
    this.keyword('done');
    this.afterCompound();
  }

  /** `for NAME in WORDS; do ...; done` (the forms without `in` and `for ((...))` decline). */
  private forClause(): void {
    this.pos += 3;
    this.blanks();
    if (!isNameStart(this.code())) decline('a for without a plain name');
    while (isNameChar(this.code())) this.pos++;
    this.blanks();
    if (this.peekWord() !== 'in') decline('a for without in');
    this.pos += 2;
    for (;;) {
      this.blanks();
      const c = this.code();
      if (c === SEMI) {
        if (this.code(this.pos + 1) === SEMI) decline('`;;` in for');
        this.op(';', this.pos);
        this.pos++;
        break;
      }
      if (c === NL) break;
      if (!this.atWordStart(c) || c === HASH) decline('an unusual for word list');
      this.word();
    }
    this.doGroup();
  }

  private group(): void {
    this.pos++;
    this.body(CLOSE_BRACE);
    this.keyword('}');
    this.afterCompound();
  }

  /** `case WORD in PATTERN) LIST ;; ... esac`. */
  private caseClause(): void {
    this.pos += 4;
    this.blanks();
    if (!this.atWordStart(this.code())) decline('a case without a word');
    this.word();
    this.blanks();
    if (this.peekWord() !== 'in') decline('a case without in');
    this.pos += 2;
    for (;;) {
      this.gap();
      if (this.peekWord() === 'esac') break;
      if (this.code() === LP) this.pos++;
      // Patterns: words separated by `|`, closed by `)`.
      for (;;) {
        this.blanks();
        if (!this.atWordStart(this.code()) || this.code() === HASH) decline('an unusual case pattern');
        this.word();
        this.blanks();
        const c = this.code();
        if (c === RP) break;
        if (c !== PIPE) decline('an unusual case pattern');
        this.pos++;
      }
      this.pos++;
      this.list(-1, ESAC, true);
      if (this.code() === SEMI && this.code(this.pos + 1) === SEMI) {
        if (this.code(this.pos + 2) === AMP) decline('`;;&`');
        this.pos += 2;
      } else if (this.peekWord() !== 'esac') decline('an unusual case item end');
    }
    this.pos += 4;
    this.afterCompound();
  }

  /** `[ ... ]` and `[[ ... ]]`: no command of their own, but `$(...)` inside them is read. */
  private test(close: string): void {
    const double = close === ']]';
    this.pos += double ? 2 : 1;
    const outer = this.inTest;
    this.inTest = true;
    // Raw words of the current `&&`/`||` operand, checked against the shapes tree-sitter parses cleanly.
    let operand: string[] = [];
    for (;;) {
      this.blanks();
      const c = this.code();
      if (double && ((c === AMP && this.code(this.pos + 1) === AMP) || (c === PIPE && this.code(this.pos + 1) === PIPE))) {
        checkTestOperand(operand);
        operand = [];
        this.pos += 2;
        continue;
      }
      if (!this.atWordStart(c) || c === HASH) decline('an unusual test expression');
      if (this.peekWord() === close) {
        checkTestOperand(operand);
        this.pos += close.length;
        break;
      }
      const w = this.word();
      const raw = this.text.slice(w.start, w.end);
      if (double && raw.startsWith('=~')) decline('a regex test');
      if (w.plain && RESERVED.has(raw)) decline('a reserved word in a test');
      operand.push(raw);
    }
    this.inTest = outer;
    this.afterCompound();
  }

  private simpleCommand(): void {
    // Reserve the command's slot now: commands inside its words come after it (pre-order).
    const slot = this.commands.length;
    this.commands.push(undefined as unknown as ShellCommand);
    // Most commands have no leading assignment: they share one empty list (the model is read-only).
    let assignments: ShellWord[] = NO_WORDS;
    let start = -1;
    let end = -1;
    let leadingRedirect = false;
    for (;;) {
      this.blanks();
      if (!this.atAssignment()) break;
      const w = this.assignment();
      if (start < 0) start = w.start;
      end = w.end;
      if (assignments === NO_WORDS) assignments = [];
      assignments.push(this.shellWord(w));
    }
    let c = this.code();
    if (this.atRedirect(c)) {
      if (this.negated) decline('a redirect on a negated command');
      // Redirects before the name (`>&2 echo ...`) belong to the command: each takes one word.
      if (assignments.length > 0) decline('a redirect after assignments');
      start = this.pos;
      while (this.atRedirect(this.code())) {
        this.redirectOp();
        this.blanks();
        if (!this.atWordStart(this.code()) || this.code() === HASH) decline('a redirect without a destination');
        if (this.word().splitRisk) decline('a redirect target tree-sitter splits');
        this.blanks();
        if (this.atRedirect(this.code())) decline('two redirects before the command name');
      }
      c = this.code();
      if (!this.atWordStart(c) || c === HASH || this.atAssignment()) decline('a redirect without a command name');
      leadingRedirect = true;
    }
    if (!this.atWordStart(c)) {
      if (assignments.length === 0) decline('an empty command or a leading redirect');
      if (this.negated) decline('a negated assignment');
      if (c === LT || c === GT || isDigit(c)) decline('a redirect without a command name');
      // tree-sitter joins `A=1 B=2` and a command on the next line into one command.
      if (assignments.length > 1 && c === NL) decline('assignments alone before a newline');
      this.commands[slot] = this.build(undefined, NO_WORDS, assignments, start, end);
      return;
    }
    // The next word() reuses the object it returns: keep what is needed of the name now.
    const nw = this.word();
    const nameStart = nw.start;
    const nameEnd = nw.end;
    const namePlain = nw.plain;
    // A plain word's value is its text: one string, hashed once here and reused by every later look-up.
    const nameRaw = namePlain ? nw.value : this.text.slice(nameStart, nameEnd);
    const kind = NAME_KINDS.get(nameRaw);
    if (kind === RESERVED_WORD) decline(`reserved word ${nameRaw}`);
    // The braces of a plain `${NAME}` (`${JAVA_HOME}/bin/java`) are the expansion's, not grammar.
    if (UNUSUAL_NAME.test(nameRaw) && UNUSUAL_NAME.test(nameRaw.replace(BRACED_NAME, ''))) decline('an unusual character in a command name');
    if (assignments.length > 0 && nameRaw.includes(':')) decline('a colon in a command name after assignments');
    // After a leading redirect tree-sitter takes only a plain name (and no declaration builtin).
    if (leadingRedirect && (!namePlain || nameRaw.includes(':') || kind === DECLARATION)) decline('an unusual command name after a redirect');
    if (nameRaw.charCodeAt(0) === MINUS) decline('a command name starting with -');
    let lead = 0;
    while (lead < nameRaw.length && isLowerAscii(nameRaw.charCodeAt(lead))) lead++;
    if (lead > 0 && lead < nameRaw.length && !isNameChar(nameRaw.charCodeAt(lead)) && NAME_KINDS.has(nameRaw.slice(0, lead))) decline('a reserved word glued to more text');
    // Mapped before the arguments: words are mapped in order (see script-of.ts).
    const name = this.shellWord(nw);
    if (start < 0) start = nameStart;
    end = nameEnd;
    // (`start` may already be a leading redirect's.) A declaration builtin is one only when plain.
    if (kind === DECLARATION && namePlain) {
      if (assignments.length > 0) decline('assignments before a declaration builtin');
      this.declaration(slot, name, nameStart, nameEnd);
      return;
    }
    const args: ShellWord[] = [];
    let extra: ShellWord[] | undefined;
    for (;;) {
      this.blanks();
      const d = this.code();
      if (this.atRedirect(d)) {
        if (this.negated) decline('a redirect on a negated command');
        extra ??= [];
        this.redirect(extra);
        continue;
      }
      if (d === HASH) break; // a comment ends the command
      if (!this.atWordStart(d)) break;
      const w = this.word();
      if (extra) extra.push(this.shellWord(w));
      else {
        args.push(this.shellWord(w));
        end = w.end;
      }
    }
    if (extra) for (const w of extra) args.push(w);
    this.commands[slot] = this.build(name, args, assignments, start, end);
  }

  /** `export A=1 B`: tree-sitter's declaration_command; operands that look like assignments are assignments. */
  private declaration(slot: number, keyword: ShellWord, keywordStart: number, keywordEnd: number): void {
    const args: ShellWord[] = [];
    let end = keywordEnd;
    for (;;) {
      this.blanks();
      const d = this.code();
      if (d === LT || d === GT || (isDigit(d) && this.atRedirect(d))) decline('a redirect on a declaration builtin');
      if (d === HASH) break;
      if (!this.atWordStart(d)) break;
      const isAssignment = this.atAssignment();
      const w = isAssignment ? this.assignment() : this.word();
      const raw = this.text.slice(w.start, w.end);
      if (isAssignment ? raw.includes('[') || raw.includes('=(') : UNUSUAL_OPERAND.test(raw)) decline('an unusual declaration operand');
      if (raw === '-') decline('a lone - in a declaration');
      if (raw.charCodeAt(raw.length - 1) === DOLLAR) decline('a declaration operand ending in `$`');
      args.push(this.shellWord(w));
      end = w.end;
    }
    this.commands[slot] = this.build(keyword, args, NO_WORDS, keywordStart, end);
  }

  private build(name: ShellWord | undefined, args: ShellWord[], assignments: ShellWord[], start: number, end: number): ShellCommand {
    return shellCommand(name, args, assignments, this.map(start, end), name ? undefined : this.map(start, start));
  }

  private shellWord(w: RawWord): ShellWord {
    // A plain word is its own raw text: no second copy of it.
    return { value: w.value, raw: w.plain ? w.value : this.text.slice(w.start, w.end), range: this.map(w.start, w.end) };
  }

  private atWordStart(c: number): boolean {
    if (c === BQ && this.inBacktick) return false;
    if (c === -1 || c === SP || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LP || c === RP || c === LT || c === GT) return false;
    return true;
  }

  /** `NAME=` or `NAME+=` at the current position. */
  private atAssignment(): boolean {
    let i = this.pos;
    if (!isNameStart(this.code(i))) return false;
    i++;
    while (isNameChar(this.code(i))) i++;
    let c = this.code(i);
    if (c === 43 /* + */) c = this.code(++i);
    return c === EQ;
  }

  /** An assignment word: the head `NAME=` kept as written, the value as a word's value. */
  private assignment(): RawWord {
    const start = this.pos;
    const eq = this.text.indexOf('=', start);
    this.pos = eq + 1;
    const c = this.code();
    const head = this.text.slice(start, this.pos);
    if (c === LP) return this.array(start, head);
    if (!this.atWordStart(c) || c === HASH) {
      if (c !== -1 && c !== SP && c !== TAB && c !== NL && c !== SEMI) decline('an empty assignment value before an operator');
      return { start, end: this.pos, value: head, plain: false, splitRisk: false, slashAfterClose: false };
    }
    const v = this.word();
    // tree-sitter splits some values (`A=$X-$Y.z`, `A="x"\;`) into a value and a command name.
    if (v.splitRisk) decline('an assignment value tree-sitter splits');
    // `n=a]\x`, `n=a}\x`: tree-sitter ends the value at a backslash after a closing bracket or
    // brace and reads the rest as a command.
    if (v.slashAfterClose) decline('a backslash after `]` or `}` in an assignment value');
    return { start, end: v.end, value: head + v.value, plain: false, splitRisk: false, slashAfterClose: false };
  }

  /**
   * `NAME=(a "b c" $(d))`: the elements are read as words (their substitutions' commands count);
   * the value is the array as written, as tree-sitter gives it.
   */
  private array(start: number, head: string): RawWord {
    const open = this.pos;
    this.pos++;
    for (;;) {
      const c = this.code();
      if (c === SP || c === TAB || c === NL) {
        this.pos++;
        continue;
      }
      if (c === RP) break;
      if (!this.atWordStart(c) || c === HASH || c === LB) decline('an unusual array');
      const w = this.word();
      if (w.splitRisk || w.slashAfterClose) decline('an unusual array element');
    }
    this.pos++;
    if (!isBlankOrEnd(this.code()) && this.code() !== SEMI) decline('an array glued to more text');
    return { start, end: this.pos, value: head + this.text.slice(open, this.pos), plain: false, splitRisk: false, slashAfterClose: false };
  }

  private atRedirect(c: number): boolean {
    if (c === LT || c === GT) return true;
    if (c === AMP) return this.code(this.pos + 1) === GT;
    if (isDigit(c)) {
      let i = this.pos + 1;
      while (isDigit(this.code(i))) i++;
      const d = this.code(i);
      return d === LT || d === GT;
    }
    return false;
  }

  /** A file redirect; words after its destination are the command's arguments (`extra`). */
  private redirect(extra: ShellWord[]): void {
    this.redirectOp();
    this.blanks();
    if (!this.atWordStart(this.code()) || this.code() === HASH) decline('a redirect without a destination');
    this.word();
    // Further words until the next redirect are extra destinations in tree-sitter: arguments.
    for (;;) {
      this.blanks();
      const e = this.code();
      if (this.atRedirect(e) || e === HASH || !this.atWordStart(e)) return;
      const w = this.word();
      // tree-sitter loses the end of a word with a backtick substitution and a later split here.
      if (w.splitRisk && this.text.lastIndexOf('`', w.end - 1) >= w.start) decline('a backtick word after a redirect');
      // tree-sitter drops a lone `-` before `2>` here (parse.ts restores it only before the first redirect).
      if (w.end - w.start === 1 && this.text.charCodeAt(w.start) === MINUS) {
        this.blanks();
        if (isDigit(this.code()) && this.atRedirect(this.code())) decline('a lone - between redirects');
      }
      extra.push(this.shellWord(w));
    }
  }

  /** A redirection operator with its descriptor (`2>`, `>>`, `&>`, `<&`...). */
  private redirectOp(): void {
    while (isDigit(this.code())) this.pos++;
    const c = this.code();
    const d = this.code(this.pos + 1);
    if (c === GT) {
      this.pos += d === GT || d === AMP || d === PIPE ? 2 : 1;
      if (d === LP) decline('process substitution');
    } else if (c === LT) {
      if (d === LT || d === GT || d === LP) decline('heredoc, herestring, <>, <(');
      this.pos += d === AMP ? 2 : 1;
    } else {
      // &> or &>>
      this.pos += this.code(this.pos + 2) === GT ? 3 : 2;
    }
    if (this.code() === MINUS) decline('`>&-`: its destination is optional');
  }

  /** One word: bare text, quotes and expansions with no blank between them. */
  private word(): RawWord {
    const text = this.text;
    const start = this.pos;
    let value = '';
    let plain = true;
    let pendingSimple = false;
    let splitRisk = false;
    let quoted = false;
    let closed = false;
    let slashAfterClose = false;
    for (;;) {
      const c = this.code();
      if (c === -1) break;
      if (pendingSimple && !endsBareOrBlank(c)) splitRisk = true;
      pendingSimple = false;
      if (c === SQ) {
        plain = false;
        const close = text.indexOf("'", this.pos + 1);
        if (close < 0) decline('an unclosed single quote');
        value += text.slice(this.pos + 1, close);
        this.pos = close + 1;
        quoted = true;
      } else if (c === DQ) {
        plain = false;
        value += this.doubleQuoted();
        quoted = true;
      } else if (c === DOLLAR) {
        plain = false;
        const at = this.pos;
        if (this.code(at + 1) === SQ) {
          const close = this.ansiEnd(at + 2);
          this.pos = close;
          value += ansiC(text.slice(at, close));
          quoted = true;
        } else if (at > start && isBlankOrEnd(this.code(at + 1))) {
          // A `$` ending a word (`-run=^$ .`) is literal; a lone `$` word tree-sitter drops, and
          // `-ab$` too (it reads `-ab` as a test operator).
          if (/^-[A-Za-z]*$/.test(text.slice(start, at))) decline('a `-x$` word');
          // After an expansion glued to more text tree-sitter splits the word, and may drop its end.
          if (splitRisk) decline('a literal `$` in a word tree-sitter splits');
          value += '$';
          this.pos = at + 1;
        } else {
          this.dollar();
          value += text.slice(at, this.pos);
          pendingSimple = at > start && this.code(at + 1) !== LC && this.code(at + 1) !== LP;
        }
      } else if (c === BS) {
        plain = false;
        if (quoted) splitRisk = true;
        if (closed) slashAfterClose = true;
        if (this.inTest || text.lastIndexOf('{', this.pos) >= start) decline('a backslash after a brace or in a test');
        const n = this.code(this.pos + 1);
        if (n === -1 || n === NL || n === CR) decline('a backslash-newline or trailing backslash');
        // tree-sitter skips some backslash-blanks as if they were line continuations.
        if (n === SP || n === TAB) decline('a backslash-blank');
        value += text[this.pos + 1];
        this.pos += 2;
      } else if (c === BQ) {
        if (this.inBacktick) break; // the closing backtick
        plain = false;
        const at = this.pos;
        this.backtick();
        value += text.slice(at, this.pos);
        // A backtick substitution glued to more text is split by tree-sitter in an assignment value.
        if (at > start || !endsBareOrBlank(this.code())) splitRisk = true;
      } else if (endsBare(c)) {
        break;
      } else {
        const from = this.pos;
        const len = text.length;
        let i = from;
        for (; i < len; i++) {
          const k = text.charCodeAt(i);
          const cls = k < 128 ? BARE_CLASS[k]! : 0;
          if (cls === 0) continue; // the common case: an ordinary character
          if (cls === ENDS) break;
          if (k === CR) decline('a carriage return');
          if (k === HASH) {
            if (i === start) decline('a word starting with #');
            continue;
          }
          plain = false; // a bracket, brace, glob or bang
          if (k === RB || k === RC) closed = true;
          if ((k === LC || k === RC) && this.inTest) decline('a brace in a test');
        }
        value += text.slice(from, i);
        this.pos = i;
      }
    }
    if (this.pos === start) decline('an empty word');
    const next = this.code();
    if ((next === LT || next === GT) && isDigit(this.code(this.pos - 1))) decline('a word ending in a digit glued to a redirect');
    // `[`/`]` words outside a test, and any bracket word inside one but its closer, are left to tree-sitter.
    if (this.pos - start <= 2 && BRACKET_WORDS.has(text.slice(start, this.pos))) decline('a bracket word');
    // One object for every word (callers read it at once, or copy it): a word is not worth an allocation.
    const r = this.rw;
    r.start = start;
    r.end = this.pos;
    r.value = value;
    r.plain = plain;
    r.splitRisk = splitRisk;
    r.slashAfterClose = slashAfterClose;
    return r;
  }

  /** `"..."`: literal parts lose `\\`, `\"`, `\$` and `` \` `` escapes; expansions stay as written. */
  private doubleQuoted(): string {
    const outer = this.inDouble;
    this.inDouble = true;
    const v = this.doubleQuotedBody();
    this.inDouble = outer;
    return v;
  }

  private doubleQuotedBody(): string {
    const text = this.text;
    this.pos++;
    let value = '';
    let from = this.pos;
    for (;;) {
      const c = this.code();
      if (c === -1 || c === CR) decline('an unclosed double quote');
      if (c === BQ) {
        if (this.inBacktick) decline('a backtick inside quotes inside backticks');
        value += text.slice(from, this.pos);
        const at = this.pos;
        this.backtick();
        value += text.slice(at, this.pos);
        from = this.pos;
        continue;
      }
      if (c === DQ) {
        value += text.slice(from, this.pos);
        this.pos++;
        return value;
      }
      if (c === BS) {
        const n = this.code(this.pos + 1);
        if (n === NL || n === -1 || n === CR) decline('a backslash-newline or trailing backslash');
        if (n === BS || n === DQ || n === DOLLAR || n === BQ) {
          value += text.slice(from, this.pos);
          from = this.pos + 1;
        }
        this.pos += 2;
      } else if (c === DOLLAR) {
        const n = this.code(this.pos + 1);
        if (literalDollarInQuotes(n)) {
          // `"mysql$|dump$"`: a `$` that starts no expansion is itself.
          this.pos++;
          continue;
        }
        value += text.slice(from, this.pos);
        const at = this.pos;
        this.dollar();
        value += text.slice(at, this.pos);
        from = this.pos;
      } else {
        this.pos++;
      }
    }
  }

  /** End (past the closing quote) of `$'...'` whose body starts at `i`. */
  private ansiEnd(i: number): number {
    for (;;) {
      const c = this.code(i);
      if (c === -1) decline('an unclosed `$\'`');
      if (c === BS) i += 2;
      else if (c === SQ) return i + 1;
      else i++;
    }
  }

  /** `$NAME`, `$1`, `$?`..., `${...}` and `$(...)` (whose commands are read too). */
  private dollar(): void {
    const at = this.pos;
    const c = this.code(at + 1);
    if (isNameStart(c)) {
      let i = at + 2;
      while (isNameChar(this.code(i))) i++;
      this.pos = i;
    } else if (isDigit(c)) {
      if (isDigit(this.code(at + 2))) decline('`$` with two digits');
      this.pos = at + 2;
    } else if (c === AT || c === STAR || c === HASH || c === QM || c === DOLLAR || c === BANG || c === MINUS) {
      this.pos = at + 2;
    } else if (c === LC) {
      this.braced(at + 2);
    } else if (c === LP) {
      if (this.code(at + 2) === LP) decline('`$((` arithmetic');
      this.pos = at + 2;
      const outer = this.inTest;
      const outerDouble = this.inDouble;
      this.inTest = false;
      this.inDouble = false;
      this.list(RP);
      this.inTest = outer;
      this.inDouble = outerDouble;
      if (this.code() !== RP) decline('an unclosed `$(`');
      this.pos++;
    } else {
      decline('a bare `$`');
    }
  }

  /**
   * `` `...` ``: its commands are read like `$(...)`'s. Backslashes inside (whose meaning differs
   * there) and nesting are left to tree-sitter.
   */
  private backtick(): void {
    if (this.inBacktick) decline('nested backticks');
    const close = this.text.indexOf('`', this.pos + 1);
    if (close < 0) decline('an unclosed backtick');
    // tree-sitter pairs the backticks of a second substitution wrongly (`a` `b` reads as "a` `b").
    if (this.text.indexOf('`', close + 1) >= 0 || this.text.lastIndexOf('`', this.pos - 1) >= 0) decline('more than one backtick substitution');
    if (this.text.lastIndexOf('\\', close) > this.pos) decline('a backslash inside backticks');
    this.pos++;
    const outer = { test: this.inTest, double: this.inDouble };
    this.inTest = false;
    this.inDouble = false;
    this.inBacktick = true;
    this.list(BQ);
    this.inBacktick = false;
    this.inTest = outer.test;
    this.inDouble = outer.double;
    if (this.pos !== close) decline('an unusual backtick substitution');
    this.pos++;
  }

  /**
   * `${NAME}`, `${#NAME}` and `${NAME<op>word}` whose operand may hold double quotes, `$NAME`,
   * `${...}` and `$(...)` (whose commands are read); anything else declines.
   */
  private braced(i: number): void {
    if (this.code(i) === HASH && isNameStart(this.code(i + 1))) {
      i++;
      while (isNameChar(this.code(i))) i++;
      if (this.code(i) !== RC) decline('a complex `${#...}`');
      this.pos = i + 1;
      return;
    }
    if (isDigit(this.code(i))) {
      // A positional parameter: `${1}`, `${10}`, `${1:-default}`.
      while (isDigit(this.code(i))) i++;
    } else {
      if (!isNameStart(this.code(i))) decline('`${` without a name');
      while (isNameChar(this.code(i))) i++;
      // An array element or all of them: `${A[@]}`, `${A[*]}`, `${A[0]}`.
      if (this.code(i) === LB) {
        const k = this.code(i + 1);
        if (!(k === AT || k === STAR || isDigit(k)) || this.code(i + 2) !== RB) decline('a complex `${...[...]}`');
        i += 3;
      }
    }
    this.pos = i;
    for (;;) {
      const c = this.code();
      if (c === RC) {
        this.pos++;
        return;
      }
      if (c === DQ && !this.inDouble) {
        this.doubleQuoted();
      } else if (c === DOLLAR) {
        const n = this.code(this.pos + 1);
        if (n === SQ || n === DQ) decline('a quoted `$` inside `${...}`');
        this.dollar();
      } else if (c === -1 || c === LC || c === DQ || c === SQ || c === BQ || c === BS || c === NL || c === CR || c === LB || c === RB || c === SP || c === TAB) {
        decline('a complex `${...}`');
      } else {
        this.pos++;
      }
    }
  }

}
