// .x.ts
import { readdirSync, readFileSync } from "node:fs";

// src/core/line-index.ts
var LineIndex = class {
  constructor(text) {
    this.text = text;
    this.bom = text.charCodeAt(0) === 65279 ? 1 : 0;
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }
  text;
  /** Offset of the first character of each line (line n is lineStarts[n-1]). */
  lineStarts;
  /**
   * 1 when the text starts with a byte-order mark: BuildKit (and every editor) drops it, so line 1's
   * columns count from the character after it; offsets still include it.
   */
  bom;
  /** Number of lines (a trailing newline starts an empty last line). */
  get lineCount() {
    return this.lineStarts.length;
  }
  /** 1-based line and column of an offset (clamped into the text). */
  position(offset) {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const l = this.lineAt(o);
    return { line: l + 1, column: o - this.columnBase(l, o) + 1 };
  }
  // Lookups mostly move forward through the text (the parser builds ranges in order), so the line
  // of the previous lookup is tried before a binary search.
  hint = 0;
  /** 0-based line of a clamped offset. */
  lineAt(o) {
    const starts = this.lineStarts;
    const n = starts.length;
    const h = this.hint;
    if (starts[h] <= o && (h + 1 === n || starts[h + 1] > o)) return h;
    if (h + 1 < n && starts[h + 1] <= o && (h + 2 === n || starts[h + 2] > o)) return this.hint = h + 1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return this.hint = lo;
  }
  /** Offset where column 1 of 0-based line `l` is (after a BOM on the first line). */
  columnBase(l, o) {
    return l === 0 ? Math.min(this.bom, o) : this.lineStarts[l];
  }
  /** Offset of a 1-based line/column (clamped to the line's end, newline excluded). */
  offset(line, column) {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    const start = this.lineStarts[l - 1] + (l === 1 ? this.bom : 0);
    const end = this.lineEnd(l);
    return Math.min(start + Math.max(0, column - 1), end);
  }
  /** Offset just past the last character of a line, before its `\r\n` or `\n`. */
  lineEnd(line) {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    let end = l < this.lineStarts.length ? this.lineStarts[l] - 1 : this.text.length;
    if (end > this.lineStarts[l - 1] && this.text.charCodeAt(end - 1) === 13 && l < this.lineStarts.length) end--;
    return end;
  }
  /** The text of a 1-based line without its line terminator. */
  lineText(line) {
    const l = Math.max(1, Math.min(line, this.lineStarts.length));
    return this.text.slice(this.lineStarts[l - 1] + (l === 1 ? this.bom : 0), this.lineEnd(l));
  }
  /** Build a full SourceRange from half-open offsets. */
  range(start, end) {
    const len = this.text.length;
    const e0 = Math.max(start, end);
    const so = Math.max(0, Math.min(start, len));
    const eo = Math.max(0, Math.min(e0, len));
    const sl = this.lineAt(so);
    const el = this.lineAt(eo);
    return {
      start,
      end: e0,
      startLine: sl + 1,
      startColumn: so - this.columnBase(sl, so) + 1,
      endLine: el + 1,
      endColumn: eo - this.columnBase(el, eo) + 1
    };
  }
  /** The range covering whole lines `from`..`to` (1-based, inclusive), terminators excluded. */
  linesRange(from, to) {
    return this.range(this.lineStarts[Math.max(1, from) - 1] ?? this.text.length, this.lineEnd(to));
  }
};

// src/parser/decode.ts
var decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

// src/core/lazy.ts
function lazy(make) {
  let made = false;
  let value;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

// src/parser/text.ts
function isGoSpace(c) {
  if (c <= 32) return c === 32 || c >= 9 && c <= 13;
  if (c < 133) return false;
  return c === 133 || c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288;
}
function isSplitSpace(c) {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}
function skipGoSpace(s, from, to) {
  let i = from;
  while (i < to && isGoSpace(s.charCodeAt(i))) i++;
  return i;
}
function trimGoSpaceEnd(s, from, to) {
  let j = to;
  while (j > from && isGoSpace(s.charCodeAt(j - 1))) j--;
  return j;
}
function goTrimSpace(s) {
  const a2 = skipGoSpace(s, 0, s.length);
  const b2 = trimGoSpaceEnd(s, a2, s.length);
  return a2 === 0 && b2 === s.length ? s : s.slice(a2, b2);
}
function splitWhitespace(s, from, to, n = -1) {
  const out = [];
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
function goLower(s) {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  let out = "";
  for (const ch of s) out += ch === "\u0130" ? "i" : ch.toLowerCase();
  return out;
}
function goUpper(s) {
  let out = "";
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += [...u].length === 1 ? u : ch;
  }
  return out;
}
var printableClass = lazy(() => /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u);
var SHORT_ESCAPES = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
function goQuote(s) {
  let out = '"';
  let runStart = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c < 127 && c !== 34 && c !== 92) continue;
    out += s.slice(runStart, i);
    if (c === 34 || c === 92) {
      out += "\\" + s[i];
    } else if (c < 128) {
      out += SHORT_ESCAPES[c] ?? "\\x" + c.toString(16).padStart(2, "0");
    } else {
      const cp = s.codePointAt(i);
      const isPair = cp > 65535;
      if (cp >= 55296 && cp <= 57343) {
        out += "\\x" + (224 | cp >> 12).toString(16) + "\\x" + (128 | cp >> 6 & 63).toString(16) + "\\x" + (128 | cp & 63).toString(16);
      } else {
        const ch = String.fromCodePoint(cp);
        if (printableClass().test(ch)) out += ch;
        else if (cp < 65536) out += "\\u" + cp.toString(16).padStart(4, "0");
        else out += "\\U" + cp.toString(16).padStart(8, "0");
      }
      if (isPair) i++;
    }
    runStart = i + 1;
  }
  out += s.slice(runStart);
  return out + '"';
}
function utf8Length(s, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) n += 1;
    else if (c < 2048) n += 2;
    else if (c >= 55296 && c <= 56319 && i + 1 < to && (s.charCodeAt(i + 1) & 64512) === 56320) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// src/parser/lexer.ts
import { Lexer as Lexer2 } from "chevrotain";

// src/parser/tokens.ts
import { createToken, Lexer } from "chevrotain";

// src/parser/heredoc.ts
var LexError = class extends Error {
};
var EOF = -1;
var Words = class {
  words = [];
  word = "";
  inWord = false;
  start = 0;
  end = 0;
  afterHeredocOp = false;
  addChar(ch, at) {
    const c = ch.charCodeAt(0);
    if (isGoSpace(c)) {
      if (this.inWord && this.afterHeredocOp && (c === 32 || c === 9 || c === 13)) {
        this.word += ch;
        this.tail = (this.tail + ch).slice(-2);
        this.end = at + 1;
        return;
      }
      if (this.inWord && this.word.length !== 0) {
        this.words.push({ value: this.word, start: this.start, end: this.end });
        this.word = "";
        this.tail = "";
        this.inWord = false;
        this.afterHeredocOp = false;
      }
      return;
    }
    this.addRaw(ch, at, at + 1);
  }
  /** The word's last two characters (asking the word itself would flatten a long rope each time). */
  tail = "";
  addRaw(str, from, to) {
    if (!this.inWord) this.start = from;
    this.word += str;
    this.inWord = true;
    this.end = to;
    this.tail = str.length >= 2 ? str.slice(-2) : (this.tail + str).slice(-2);
    this.afterHeredocOp = this.tail === "<<";
  }
  addString(str, from, to) {
    for (const ch of str) {
      if (isGoSpace(ch.charCodeAt(0))) this.addChar(ch, to);
      else this.addRaw(ch, this.inWord ? this.start : from, to);
    }
  }
  finish() {
    if (this.word.length > 0) {
      this.words.push({ value: this.word, start: this.start, end: this.end });
      this.word = "";
      this.tail = "";
      this.inWord = false;
    }
    return this.words;
  }
};
var ShellWordLexer = class {
  constructor(s, endPos, start, rawQuotes, rawEscapes) {
    this.s = s;
    this.endPos = endPos;
    this.rawQuotes = rawQuotes;
    this.pos = start;
    this.rawEscapes = rawEscapes;
  }
  s;
  endPos;
  rawQuotes;
  pos = 0;
  rawEscapes;
  peek() {
    if (this.pos >= this.endPos) return EOF;
    return this.s.codePointAt(this.pos);
  }
  next() {
    if (this.pos >= this.endPos) return EOF;
    const cp = this.s.codePointAt(this.pos);
    this.pos += cp > 65535 ? 2 : 1;
    return cp;
  }
  words() {
    return this.processStopOn(EOF, this.rawEscapes).words;
  }
  processStopOn(stop, rawEscapes) {
    let result = "";
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
        if (ch === 36 || ch === 39 || ch === 34) {
          const tmp = ch === 36 ? this.processDollar() : ch === 39 ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          if (ch === 36) words.addString(tmp, at, this.pos);
          else words.addRaw(tmp, at, this.pos);
          continue;
        }
        let c = this.next();
        if (c === 92) {
          if (this.rawEscapes) {
            words.addRaw("\\", at, this.pos);
            result += "\\";
          }
          const escAt = this.pos;
          c = this.next();
          if (c === EOF) break;
          const chs2 = String.fromCodePoint(c);
          words.addRaw(chs2, escAt, this.pos);
          result += chs2;
          continue;
        }
        const chs = String.fromCodePoint(c);
        words.addChar(chs, at);
        result += chs;
      }
      if (stop !== EOF) throw new LexError("unexpected end of statement while looking for matching " + String.fromCodePoint(stop));
      return { result, words: words.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }
  processSingleQuote() {
    let result = "";
    const open = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(open);
    for (; ; ) {
      const c = this.next();
      if (c === EOF) throw new LexError("unexpected end of statement while looking for matching single-quote");
      if (c === 39) {
        if (this.rawQuotes) result += "'";
        return result;
      }
      result += String.fromCodePoint(c);
    }
  }
  processDoubleQuote() {
    let result = "";
    this.next();
    if (this.rawQuotes) result += '"';
    for (; ; ) {
      const p = this.peek();
      if (p === EOF) throw new LexError("unexpected end of statement while looking for matching double-quote");
      if (p === 34) {
        this.next();
        if (this.rawQuotes) result += '"';
        return result;
      }
      if (p === 36) {
        result += this.processDollar();
        continue;
      }
      let c = this.next();
      if (c === 92) {
        if (this.rawEscapes) result += "\\";
        const q = this.peek();
        if (q === EOF) continue;
        if (q === 34 || q === 36 || q === 92) c = this.next();
      }
      result += String.fromCodePoint(c);
    }
  }
  processName() {
    let name = "";
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += String.fromCodePoint(this.next());
        return name;
      }
      if (name.length === 0 && isSpecialParam(ch)) return String.fromCodePoint(this.next());
      if (!isLetter(ch) && !isDigit(ch) && ch !== 95) break;
      name += String.fromCodePoint(this.next());
    }
    return name;
  }
  // Every variable is unset here and SkipUnsetEnv is on, so each form re-creates its own text.
  processDollar() {
    this.next();
    if (this.peek() !== 123) {
      const name2 = this.processName();
      return name2 === "" ? "$" : "$" + name2;
    }
    this.next();
    const p = this.peek();
    if (p === EOF) throw new LexError("syntax error: missing '}'");
    if (p === 123 || p === 125 || p === 58) throw new LexError("syntax error: bad substitution");
    const name = this.processName();
    let ch = this.next();
    let chs = ch === EOF ? "\uFFFD" : String.fromCodePoint(ch);
    switch (ch) {
      case 125:
        return "${" + name + "}";
      case 58:
      /* : */
      case 43:
      /* + */
      case 45:
      /* - */
      case 63:
      /* ? */
      case 35:
      /* # */
      case 37: {
        if (ch === 58) {
          ch = this.next();
          chs += ch === EOF ? "\uFFFD" : String.fromCodePoint(ch);
        }
        const word = this.stopOnOrMissing(125, ch === 35 || ch === 37, "syntax error: missing '}'");
        return "${" + name + chs + word + "}";
      }
      case 47: {
        if (this.peek() === 47) this.next();
        const pattern = this.stopOnOrMissing(47, true, "syntax error: missing '/' in ${}");
        const replacement2 = this.stopOnOrMissing(125, true, "syntax error: missing '}'");
        return "${" + name + "/" + pattern + "/" + replacement2 + "}";
      }
      default:
        throw new LexError("unsupported modifier (" + chs + ") in substitution");
    }
  }
  stopOnOrMissing(stop, rawEscapes, missing) {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (e) {
      if (this.peek() === EOF) throw new LexError(missing);
      throw e;
    }
  }
};
function isDigit(c) {
  return c >= 48 && c <= 57 || c > 127 && /\p{Nd}/u.test(String.fromCodePoint(c));
}
function isLetter(c) {
  if (c < 128) return c >= 65 && c <= 90 || c >= 97 && c <= 122;
  return /\p{L}/u.test(String.fromCodePoint(c));
}
function isSpecialParam(c) {
  return c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33 || c === 48;
}
function shellWords(s, from, to, rawQuotes, rawEscapes) {
  try {
    return new ShellWordLexer(s, to, from, rawQuotes, rawEscapes).words();
  } catch (e) {
    if (e instanceof LexError) return null;
    throw e;
  }
}
var PLAIN_DELIMITER = /^[^'"\\$\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/;
var HEREDOC_WORD = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;
var HeredocError = class extends Error {
};
function parseHeredocWord(word) {
  const m = HEREDOC_WORD.exec(word);
  if (!m) return null;
  const rest = m[3];
  if (rest.length === 0) return null;
  if (PLAIN_DELIMITER.test(rest)) return { name: rest, fileDescriptor: parseFd(m[1]), expand: true, chomp: m[2] === "-" };
  let plain;
  let raw2;
  try {
    plain = new ShellWordLexer(rest, rest.length, 0, false, false).words();
    if (plain.length !== 1) return null;
    raw2 = new ShellWordLexer(rest, rest.length, 0, true, false).words();
  } catch (e) {
    if (e instanceof LexError) throw new HeredocError(e.message);
    throw e;
  }
  if (raw2.length !== plain.length) throw new HeredocError("internal lexing of heredoc produced inconsistent results: " + rest);
  const name = plain[0].value;
  const expand = countQuotes(name) === countQuotes(raw2[0].value);
  return { name, fileDescriptor: parseFd(m[1]), expand, chomp: m[2] === "-" };
}
function countQuotes(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 39 || c === 34) n++;
  }
  return n;
}
function parseFd(digits) {
  if (digits === "") return 0;
  if (digits.length > 20 || BigInt(digits) > 0xffffffffffffffffn) return 0;
  return Number(digits);
}
function heredocsFromLine(s, from, to) {
  const words = (isPlain(s, from, to) ? plainWords(s, from, to) : shellWords(s, from, to, true, true)) ?? [];
  const out = [];
  for (const w of words) {
    if (!w.value.includes("<<")) continue;
    const h = parseHeredocWord(w.value);
    if (h) out.push({ ...h, start: w.start, end: w.end });
  }
  return out;
}
function isPlain(s, from, to) {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 39 || c === 34 || c === 92) return false;
    if (c === 36 && i + 1 < to && s.charCodeAt(i + 1) === 123) return false;
  }
  return true;
}
function plainWords(s, from, to) {
  const out = [];
  let start = -1;
  let end = -1;
  let afterOp = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (isGoSpace(c)) {
      if (start >= 0 && afterOp && (c === 32 || c === 9 || c === 13)) {
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
    afterOp = c === 60 && i - 1 >= start && s.charCodeAt(i - 1) === 60;
  }
  if (start >= 0) out.push({ value: s.slice(start, end), start, end });
  return out;
}

// src/parser/command.ts
var KNOWN_INSTRUCTIONS = [
  "add",
  "arg",
  "cmd",
  "copy",
  "entrypoint",
  "env",
  "expose",
  "from",
  "healthcheck",
  "label",
  "maintainer",
  "onbuild",
  "run",
  "shell",
  "stopsignal",
  "user",
  "volume",
  "workdir"
];
var KNOWN = new Set(KNOWN_INSTRUCTIONS);
var lowerCache = /* @__PURE__ */ new Map();
function lowerKeyword(k) {
  let v = lowerCache.get(k);
  if (v === void 0) {
    v = goLower(k);
    if (k.length <= 16 && lowerCache.size < 4096) lowerCache.set(k, v);
  }
  return v;
}
var MAX_ONBUILD_DEPTH = 200;
var NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only";
function parseCommandLine(line, from, to, escapeChar, depth = 0) {
  const escape2 = escapeChar.charCodeAt(0);
  const a2 = skipGoSpace(line, from, to);
  const b2 = trimGoSpaceEnd(line, a2, to);
  let k = a2;
  while (k < b2 && !isSplitSpace(line.charCodeAt(k))) k++;
  const keywordRaw = line.slice(a2, k);
  const lower = lowerKeyword(keywordRaw);
  const ins = {
    keywordRaw,
    lower,
    start: a2,
    keywordStart: a2,
    keywordEnd: k,
    flags: [],
    argsText: "",
    argsStart: k,
    argsEnd: k,
    args: [],
    json: false,
    pairs: [],
    errors: []
  };
  if (k < b2) {
    let r = k;
    while (r < b2 && isSplitSpace(line.charCodeAt(r))) r++;
    const restStart = extractBuilderFlags(line, r, b2, escape2, ins.flags);
    const as = skipGoSpace(line, restStart, b2);
    const ae = trimGoSpaceEnd(line, as, b2);
    ins.argsStart = as;
    ins.argsEnd = ae;
    ins.argsText = line.slice(as, ae);
    if (as === ae) {
      const last = ins.flags[ins.flags.length - 1];
      ins.argsStart = ins.argsEnd = last ? last.end : k;
    }
  }
  dispatch(ins, line, escapeChar, depth);
  return ins;
}
function dispatch(ins, line, escapeChar, depth) {
  const { argsStart: s, argsEnd: e } = ins;
  switch (ins.lower) {
    case "add":
    case "copy":
    case "volume":
      if (!parseJSON(ins, line, s, e)) whitespaceList(ins, line, s, e);
      return;
    case "run":
    case "cmd":
    case "entrypoint":
    case "shell":
      maybeJSON(ins, line, s, e);
      return;
    case "from":
    case "expose":
      whitespaceList(ins, line, s, e);
      return;
    case "arg":
      for (const w of parseWords(line, s, e, escapeChar.charCodeAt(0))) ins.args.push(w);
      return;
    case "env":
      parseNameVal(ins, line, s, e, "ENV", escapeChar.charCodeAt(0));
      return;
    case "label":
      parseNameVal(ins, line, s, e, "LABEL", escapeChar.charCodeAt(0));
      return;
    case "healthcheck":
      parseHealthConfig(ins, line, s, e);
      return;
    case "onbuild":
      if (s < e) {
        if (depth >= MAX_ONBUILD_DEPTH) {
          ins.errors.push({ message: `ONBUILD nested more than ${MAX_ONBUILD_DEPTH} levels deep`, start: s, end: e });
          return;
        }
        ins.trigger = parseCommandLine(line, s, e, escapeChar, depth + 1);
        ins.errors.push(...ins.trigger.errors);
      }
      return;
    case "maintainer":
    case "user":
    case "workdir":
    case "stopsignal":
      if (s < e) ins.args.push({ value: ins.argsText, start: s, end: e });
      return;
    default:
      ins.args.push({ value: "", start: s, end: s });
  }
}
function extractBuilderFlags(line, from, to, escape2, out) {
  if (!startsFlag(line, from, to)) return from;
  const n0 = out.length;
  const r = scanFlagsAscii(line, from, to, escape2, out);
  if (r >= 0) return r;
  out.length = n0;
  const { units, src } = toByteUnits(line, from, to);
  const bytes = { n: units.length, at: (p) => units[p], src: (p) => src[p], strict: false };
  return scanFlags(line, bytes, to, escape2, out);
}
function scanFlagsAscii(line, from, to, escape2, out) {
  const isSp = (c) => c >= 9 && c <= 13 || c === 32;
  let phase = 0;
  let word = "";
  let run = 0;
  let quote = 0;
  let blankOK = false;
  let wordStart = 0;
  let eq = -1;
  for (let pos = from; pos <= to; pos++) {
    const ch = pos < to ? line.charCodeAt(pos) : -1;
    if (phase === 0) {
      if (pos === to) break;
      if (isSp(ch)) continue;
      if (ch > 127) return pos;
      if (ch !== 45 || pos + 1 === to || line.charCodeAt(pos + 1) !== 45) return pos;
      phase = 1;
      wordStart = pos;
      run = pos;
      word = "";
      eq = -1;
    }
    if (pos === to) {
      word += line.slice(run, pos);
      if (word !== "--" && (blankOK || word.length > 0)) out.push({ raw: word, start: wordStart, end: pos, eq });
      break;
    }
    if (ch > 127) return -1;
    if (phase === 1) {
      if (isSp(ch)) {
        word += line.slice(run, pos);
        phase = 0;
        if (word === "--") return pos;
        if (blankOK || word.length > 0) out.push({ raw: word, start: wordStart, end: pos, eq });
        blankOK = false;
        continue;
      }
      if (ch === 39 || ch === 34) {
        word += line.slice(run, pos);
        run = pos + 1;
        quote = ch;
        blankOK = true;
        phase = 2;
        continue;
      }
    } else if (ch === quote) {
      word += line.slice(run, pos);
      run = pos + 1;
      phase = 1;
      continue;
    }
    if (ch === escape2) {
      word += line.slice(run, pos);
      if (pos + 1 === to) {
        run = pos + 1;
        if (phase === 2) phase = 1;
        continue;
      }
      run = pos + 1;
      pos++;
      const next = line.charCodeAt(pos);
      if (next > 127) return -1;
      if (next === 61 && eq < 0) eq = pos;
      continue;
    }
    if (ch === 61 && eq < 0) eq = pos;
  }
  return to;
}
function scanFlags(line, u, to, escape2, out) {
  const n = u.n;
  const srcAt = (p) => p < n ? u.src(p) : to;
  const isSp = (c) => c >= 9 && c <= 13 || c === 32 || c === 133 || c === 160;
  let phase = 0;
  let word = "";
  let quote = 0;
  let blankOK = false;
  let wordStart = 0;
  let eq = -1;
  const push = (endPos) => {
    out.push({ raw: word, start: srcAt(wordStart), end: srcAt(endPos), eq });
  };
  for (let pos = 0; pos <= n; pos++) {
    let ch = pos < n ? u.at(pos) : -1;
    if (u.strict && ch > 127) return -1;
    if (phase === 0) {
      if (pos === n) break;
      if (isSp(ch)) continue;
      if (ch !== 45 || pos + 1 === n || u.at(pos + 1) !== 45) return nextCharBoundary(line, srcAt(pos), u, pos);
      phase = 1;
      wordStart = pos;
      eq = -1;
    }
    if (pos === n) {
      if (word !== "--" && (blankOK || word.length > 0)) push(pos);
      break;
    }
    if (phase === 1) {
      if (isSp(ch)) {
        phase = 0;
        if (word === "--") return srcAt(pos);
        if (blankOK || word.length > 0) push(pos);
        word = "";
        blankOK = false;
        continue;
      }
      if (ch === 39 || ch === 34) {
        quote = ch;
        blankOK = true;
        phase = 2;
        continue;
      }
      if (ch === escape2) {
        if (pos + 1 === n) continue;
        pos++;
        ch = u.at(pos);
        if (u.strict && ch > 127) return -1;
      }
      if (ch === 61 && eq < 0) eq = srcAt(pos);
      word += String.fromCharCode(ch);
      continue;
    }
    if (ch === quote) {
      phase = 1;
      continue;
    }
    if (ch === escape2) {
      if (pos + 1 === n) {
        phase = 1;
        continue;
      }
      pos++;
      ch = u.at(pos);
      if (u.strict && ch > 127) return -1;
    }
    if (ch === 61 && eq < 0) eq = srcAt(pos);
    word += String.fromCharCode(ch);
  }
  return to;
}
function startsFlag(line, from, to) {
  return from + 1 < to && line.charCodeAt(from) === 45 && line.charCodeAt(from + 1) === 45;
}
function toByteUnits(line, from, to) {
  const units = [];
  const src = [];
  for (let i = from; i < to; i++) {
    const cp = line.codePointAt(i);
    const at = i;
    if (cp < 128) units.push(cp), src.push(at);
    else if (cp < 2048) units.push(192 | cp >> 6, 128 | cp & 63), src.push(at, at);
    else if (cp < 65536) units.push(224 | cp >> 12, 128 | cp >> 6 & 63, 128 | cp & 63), src.push(at, at, at);
    else {
      units.push(240 | cp >> 18, 128 | cp >> 12 & 63, 128 | cp >> 6 & 63, 128 | cp & 63);
      src.push(at, at, at, at);
      i++;
    }
  }
  return { units, src };
}
function nextCharBoundary(line, at, u, pos) {
  if (pos > 0 && u.src(pos - 1) === at) {
    const cp = line.codePointAt(at);
    return at + (cp > 65535 ? 2 : 1);
  }
  return at;
}
function whitespaceList(ins, line, s, e) {
  if (s >= e) return;
  for (const p of splitWhitespace(line, s, e)) ins.args.push(p);
}
function maybeJSON(ins, line, s, e) {
  if (s >= e) return;
  if (!parseJSON(ins, line, s, e)) ins.args.push({ value: line.slice(s, e), start: s, end: e });
}
function parseJSON(ins, line, s, e) {
  if (s >= e || line.charCodeAt(s) !== 91) return false;
  if (plainStringArray(ins, line, s, e)) return true;
  const src = line.slice(s, e);
  if (src.length > 1e4 && nestingDepth(src) > 1e4) return false;
  let value;
  try {
    value = JSON.parse(src);
  } catch {
    return false;
  }
  if (!Array.isArray(value)) return false;
  for (const v of value) {
    if (typeof v === "string") continue;
    if (hasInfinity(value, 0)) return false;
    ins.errors.push({ message: NOT_STRINGS, start: s, end: e });
    return true;
  }
  const fix = MAYBE_SURROGATE.test(src);
  let i = s + 1;
  let k = 0;
  while (i < e && k < value.length) {
    const c = line.charCodeAt(i);
    if (c !== 34) {
      i++;
      continue;
    }
    const start = i++;
    for (; ; ) {
      const d = line.charCodeAt(i);
      if (d === 92) i += 2;
      else if (d === 34) break;
      else i++;
    }
    i++;
    const v = value[k++];
    ins.args.push({ value: fix ? wellFormed(v) : v, start, end: i });
  }
  ins.json = true;
  return true;
}
var MAYBE_SURROGATE = /\\u|[\ud800-\udfff]/;
function isJsonSpace(c) {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function plainStringArray(ins, line, s, e) {
  const found = [];
  let i = s + 1;
  while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
  if (i >= e) return false;
  if (line.charCodeAt(i) !== 93) {
    for (; ; ) {
      if (i >= e || line.charCodeAt(i) !== 34) return false;
      const start = i++;
      for (; ; ) {
        if (i >= e) return false;
        const c2 = line.charCodeAt(i);
        if (c2 === 34) break;
        if (c2 === 92 || c2 < 32 || c2 >= 55296 && c2 <= 57343) return false;
        i++;
      }
      found.push({ value: line.slice(start + 1, i), start, end: ++i });
      while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
      if (i >= e) return false;
      const c = line.charCodeAt(i);
      if (c === 93) break;
      if (c !== 44) return false;
      i++;
      while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
    }
  }
  i++;
  while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
  if (i !== e) return false;
  for (const a2 of found) ins.args.push(a2);
  ins.json = true;
  return true;
}
function nestingDepth(src) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}
function hasInfinity(root, _depth) {
  const stack = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v && typeof v === "object") {
      for (const x of Object.values(v)) stack.push(x);
    }
  }
  return false;
}
function wellFormed(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 55296 && c <= 57343) return s.toWellFormed();
  }
  return s;
}
function parseWords(line, s, e, escape2) {
  const words = [];
  let phase = 0;
  let quote = 0;
  let blankOK = false;
  let start = 0;
  let pos = s;
  for (; ; ) {
    if (phase === 0) {
      while (pos < e && isGoSpace(line.charCodeAt(pos))) pos++;
      if (pos >= e) break;
      phase = 1;
      start = pos;
      blankOK = false;
    }
    if (pos >= e) {
      if (blankOK || e > start) words.push({ value: line.slice(start, e), start, end: e });
      break;
    }
    const ch = line.charCodeAt(pos);
    if (phase === 1) {
      if (isGoSpace(ch)) {
        words.push({ value: line.slice(start, pos), start, end: pos });
        phase = 0;
        pos++;
        continue;
      }
      if (ch === 39 || ch === 34) {
        quote = ch;
        blankOK = true;
        phase = 2;
        pos++;
        continue;
      }
    } else if (ch === quote) {
      phase = 1;
      pos++;
      continue;
    }
    if (ch === escape2 && (phase === 1 || quote !== 39)) {
      if (pos + 1 === e) {
        if (blankOK || pos > start) words.push({ value: line.slice(start, pos), start, end: pos });
        break;
      }
      pos += 2;
      continue;
    }
    pos++;
  }
  return words;
}
function parseNameVal(ins, line, s, e, key, escape2) {
  const words = parseWords(line, s, e, escape2);
  if (words.length === 0) return;
  if (!words[0].value.includes("=")) {
    const parts = splitWhitespace(line, s, e, 2);
    if (parts.length < 2) {
      ins.errors.push({ message: `${key} must have two arguments`, start: s, end: e });
      return;
    }
    const k = parts[0];
    const v = parts[1];
    ins.args.push(k, v, { value: "", start: v.end, end: v.end });
    ins.pairs.push({ key: k, value: v, sep: "", start: k.start, end: v.end });
    return;
  }
  for (const w of words) {
    const eq = w.value.indexOf("=");
    if (eq < 0) {
      ins.errors.push({
        message: `Syntax error - can't find = in ${goQuote(w.value)}. Must be of the form: name=value`,
        start: w.start,
        end: w.end
      });
      return;
    }
    const k = { value: w.value.slice(0, eq), start: w.start, end: w.start + eq };
    const v = { value: w.value.slice(eq + 1), start: w.start + eq + 1, end: w.start + w.value.length };
    ins.args.push(k, v, { value: "=", start: k.end, end: k.end + 1 });
    ins.pairs.push({ key: k, value: v, sep: "=", start: w.start, end: v.end });
  }
}
function parseHealthConfig(ins, line, s, e) {
  const sp = (c) => c >= 9 && c <= 13 || c === 32 || c === 133 || c === 160;
  let sep = s;
  while (sep < e && !sp(line.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < e && sp(line.charCodeAt(next))) next++;
  if (sep === s) return;
  ins.args.push({ value: line.slice(s, sep), start: s, end: sep });
  maybeJSON(ins, line, next, e);
}
function detectHeredocs(raw2, line) {
  const target = raw2.lower === "onbuild" ? raw2.trigger : raw2;
  if (!target || raw2.errors.length > 0 || target.json || !line.includes("<<")) return { markers: [] };
  if (target.lower !== "run" && target.lower !== "copy" && target.lower !== "add") return { markers: [] };
  try {
    return { markers: heredocsFromLine(line, 0, line.length) };
  } catch (e) {
    if (e instanceof HeredocError) return { markers: [], error: e.message };
    throw e;
  }
}

// src/parser/directives.ts
var DIRECTIVE_KEYS = ["syntax", "escape", "check"];
var DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/ds;
function parseDirectiveLine(text, start, cEnd) {
  let i = start;
  while (i < cEnd && isGoSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 35) return null;
  const hash = i;
  i++;
  while (i < cEnd && isGoSpace(text.charCodeAt(i))) i++;
  const body = text.slice(i, Math.min(cEnd, i + 4096));
  if (cEnd - i > 4096) return null;
  const m = DIRECTIVE.exec(body);
  if (!m) return null;
  const name = m[1].toLowerCase();
  if (!DIRECTIVE_KEYS.includes(name)) return null;
  const value = m[2];
  const nameStart = i;
  const nameEnd = i + m[1].length;
  const valueStart = i + m.indices[2][0];
  return { name, value, hash, nameStart, nameEnd, valueStart, valueEnd: valueStart + value.length };
}

// src/parser/lines.ts
function contentEnd(text, start, end) {
  let j = end;
  while (j > start) {
    const c = text.charCodeAt(j - 1);
    if (c !== 10 && c !== 13) break;
    j--;
  }
  return j;
}
function lineEndAt(text, start) {
  const nl = text.indexOf("\n", start);
  return nl === -1 ? text.length : nl + 1;
}
function continuationIndex(text, start, cEnd, escape2) {
  let j = cEnd;
  while (j > start) {
    const c = text.charCodeAt(j - 1);
    if (c !== 32 && c !== 9) break;
    j--;
  }
  if (j === start || text.charCodeAt(j - 1) !== escape2) return -1;
  if (j - 1 === start || text.charCodeAt(j - 2) !== escape2) return j - 1;
  return -1;
}
function classifyLine(text, start, cEnd, escape2) {
  const first = skipGoSpace(text, start, cEnd);
  if (first === cEnd) return 0 /* Blank */;
  if (text.charCodeAt(first) === 35) return 1 /* Comment */;
  return continuationIndex(text, start, cEnd, escape2) >= 0 ? 2 /* Continuation */ : 3 /* Text */;
}
function joinLines(text, start, escapeChar, firstEnd = -1, firstCEnd = -1) {
  const escape2 = escapeChar.charCodeAt(0);
  const segments = [];
  const commentLines = [];
  let original = "";
  let emptyContinuation = false;
  let pos = start;
  let first = true;
  let lastLineStart = start;
  let lastLineEnd = start;
  let trimmedStart = start;
  const n = text.length;
  while (pos < n) {
    const known = first && firstEnd >= 0;
    const lEnd = known ? firstEnd : lineEndAt(text, pos);
    const cEnd = known ? firstCEnd : contentEnd(text, pos, lEnd);
    lastLineStart = pos;
    lastLineEnd = cEnd;
    let from = pos;
    let to = cEnd;
    if (first) {
      from = skipGoSpace(text, pos, cEnd);
      trimmedStart = from;
    } else {
      const kind = classifyLine(text, pos, cEnd, escape2);
      if (kind === 1 /* Comment */) {
        commentLines.push(pos);
        pos = lEnd;
        continue;
      }
      if (kind === 0 /* Blank */) {
        emptyContinuation = true;
        pos = lEnd;
        continue;
      }
    }
    const cont = continuationIndex(text, pos, cEnd, escape2);
    if (cont >= 0) to = cont;
    if (to > from) {
      segments.push({ logicalStart: original.length, sourceStart: from, length: to - from });
      original += text.slice(from, to);
    }
    first = false;
    pos = lEnd;
    if (cont < 0) break;
  }
  return { original, segments, commentLines, emptyContinuation, start: trimmedStart, lastLineStart, lastLineEnd, end: pos };
}
function mapStart(segments, offset, fallback, hint) {
  const n = segments.length;
  if (n === 0) return fallback;
  let lo = hint ? hint.index : 0;
  if (!hint || lo >= n || segments[lo].logicalStart > offset || lo + 1 < n && segments[lo + 1].logicalStart <= offset) {
    lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (segments[mid].logicalStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    if (hint) hint.index = lo;
  }
  const seg = segments[lo];
  if (offset < seg.logicalStart) return seg.sourceStart;
  const within = offset - seg.logicalStart;
  if (within < seg.length) return seg.sourceStart + within;
  const next = segments[lo + 1];
  return next ? next.sourceStart : seg.sourceStart + seg.length;
}
function mapEnd(segments, offset, fallback) {
  const n = segments.length;
  if (n === 0) return fallback;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (segments[mid].logicalStart < offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  if (offset <= seg.logicalStart) return seg.sourceStart;
  return seg.sourceStart + Math.min(offset - seg.logicalStart, seg.length);
}

// src/parser/tokens.ts
var memo = { bs: { offset: -1, value: null }, bt: { offset: -1, value: null } };
function resetLineMemo() {
  memo.bs.offset = -1;
  memo.bt.offset = -1;
}
function scanAt(text, offset, escape2) {
  if (offset >= text.length) return null;
  const slot = escape2 === "\\" ? memo.bs : memo.bt;
  if (slot.offset === offset) return slot.value;
  const value = scanStatement(text, offset, escape2);
  slot.offset = offset;
  slot.value = value;
  return value;
}
function scanStatement(text, offset, escape2) {
  const esc = escape2.charCodeAt(0);
  const end = lineEndAt(text, offset);
  const cEnd = contentEnd(text, offset, end);
  const kind = classifyLine(text, offset, cEnd, esc);
  if (kind === 1 /* Comment */ || kind === 0 /* Blank */) {
    let e = end;
    while (e < text.length) {
      const le = lineEndAt(text, e);
      const k = classifyLine(text, e, contentEnd(text, e, le), esc);
      if (k !== 1 /* Comment */ && k !== 0 /* Blank */) break;
      e = le;
    }
    return { kind: 0 /* Trivia */, end: e, firstEnd: end, cEnd, comment: kind === 1 /* Comment */ };
  }
  const joined = joinLines(text, offset, escape2, end, cEnd);
  const line = joined.original;
  if (!line.includes("<<")) return { kind: 1 /* Instruction */, end: joined.end, firstEnd: end, cEnd, payload: { joined, heredocs: null } };
  const raw2 = parseCommandLine(line, 0, line.length, escape2);
  const found = detectHeredocs(raw2, line);
  const heredocs = found.markers.length > 0 ? found.markers : null;
  return {
    kind: heredocs ? 2 /* HeredocInstruction */ : 1 /* Instruction */,
    end: joined.end,
    firstEnd: end,
    cEnd,
    payload: { joined, heredocs, raw: raw2, heredocError: found.error }
  };
}
function matchTo(text, offset, end, payload) {
  const m = [text.slice(offset, end)];
  if (payload !== void 0) m.payload = payload;
  return m;
}
function isDirectiveToken(t) {
  return t !== void 0 && (t.tokenType === DirectiveBs || t.tokenType === DirectiveBt || t.tokenType === EscapeBacktick);
}
function directivePattern(escape2, onlyBacktick) {
  return (text, offset, tokens) => {
    const prev = tokens[tokens.length - 1];
    if (prev !== void 0 && !isDirectiveToken(prev)) return null;
    const s = scanAt(text, offset, escape2);
    if (!s || !s.comment) return null;
    const d = parseDirectiveLine(text, offset, s.cEnd);
    if (!d) return null;
    const seen = prev !== void 0 && prev.payload.escapeSeen;
    const isEscape = d.name === "escape";
    if (onlyBacktick !== (isEscape && !seen && d.value === "`")) return null;
    return matchTo(text, offset, s.firstEnd, { escapeSeen: seen || isEscape });
  };
}
function stmtPattern(escape2, kind) {
  return (text, offset) => {
    const s = scanAt(text, offset, escape2);
    if (!s || s.kind !== kind) return null;
    return matchTo(text, offset, s.end, s.payload);
  };
}
function isTerminator(text, offset, cEnd, doc) {
  let s = offset;
  if (doc.chomp) while (s < cEnd && text.charCodeAt(s) === 9) s++;
  return cEnd - s === doc.name.length && text.startsWith(doc.name, s);
}
function pendingHeredoc(tokens) {
  let index = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.tokenType === HeredocBody) {
      index++;
      continue;
    }
    const p = t.payload;
    return p?.heredocs ? { docs: p.heredocs, index } : null;
  }
  return null;
}
function heredocPattern(last) {
  return (text, offset, tokens) => {
    if (offset >= text.length) return null;
    const pending = pendingHeredoc(tokens);
    if (!pending) return null;
    const doc = pending.docs[pending.index];
    if (!doc) return null;
    if (last !== (pending.index === pending.docs.length - 1)) return null;
    let pos = offset;
    while (pos < text.length) {
      const end = lineEndAt(text, pos);
      if (isTerminator(text, pos, contentEnd(text, pos, end), doc)) {
        return matchTo(text, offset, end, { terminator: pos });
      }
      pos = end;
    }
    return matchTo(text, offset, text.length, { terminator: -1 });
  };
}
function lineToken(name, pattern, categories = [], extra = {}) {
  return createToken({ name, pattern: { exec: pattern }, line_breaks: true, categories, ...extra });
}
var DirectiveLine = createToken({ name: "DirectiveLine", pattern: Lexer.NA });
var Trivia = createToken({ name: "Trivia", pattern: Lexer.NA });
var Instruction = createToken({ name: "Instruction", pattern: Lexer.NA });
var HeredocInstruction = createToken({ name: "HeredocInstruction", pattern: Lexer.NA });
var Bom = createToken({
  name: "Bom",
  pattern: { exec: ((text, offset) => offset === 0 && text.charCodeAt(0) === 65279 ? ["\uFEFF"] : null) },
  group: Lexer.SKIPPED
});
var EscapeBacktick = lineToken("EscapeBacktick", directivePattern("\\", true), [DirectiveLine], { push_mode: "backtick" });
var DirectiveBs = lineToken("DirectiveBs", directivePattern("\\", false), [DirectiveLine]);
var DirectiveBt = lineToken("DirectiveBt", directivePattern("`", false), [DirectiveLine]);
var TriviaBs = lineToken("TriviaBs", stmtPattern("\\", 0 /* Trivia */), [Trivia]);
var TriviaBt = lineToken("TriviaBt", stmtPattern("`", 0 /* Trivia */), [Trivia]);
var InstructionBs = lineToken("InstructionBs", stmtPattern("\\", 1 /* Instruction */), [Instruction]);
var InstructionBt = lineToken("InstructionBt", stmtPattern("`", 1 /* Instruction */), [Instruction]);
var HeredocInstructionBs = lineToken("HeredocInstructionBs", stmtPattern("\\", 2 /* HeredocInstruction */), [HeredocInstruction], { push_mode: "heredoc" });
var HeredocInstructionBt = lineToken("HeredocInstructionBt", stmtPattern("`", 2 /* HeredocInstruction */), [HeredocInstruction], { push_mode: "heredoc" });
var HeredocBody = lineToken("HeredocBody", heredocPattern(false));
var HeredocLastBody = lineToken("HeredocLastBody", heredocPattern(true), [], { pop_mode: true });
var lexerDefinition = {
  modes: {
    backslash: [Bom, EscapeBacktick, DirectiveBs, InstructionBs, TriviaBs, HeredocInstructionBs],
    backtick: [DirectiveBt, InstructionBt, TriviaBt, HeredocInstructionBt],
    heredoc: [HeredocBody, HeredocLastBody]
  },
  defaultMode: "backslash"
};
var allTokens = [
  DirectiveLine,
  Trivia,
  Instruction,
  HeredocInstruction,
  Bom,
  EscapeBacktick,
  DirectiveBs,
  DirectiveBt,
  TriviaBs,
  TriviaBt,
  InstructionBs,
  InstructionBt,
  HeredocInstructionBs,
  HeredocInstructionBt,
  HeredocBody,
  HeredocLastBody
];

// src/parser/lexer.ts
var lexer;
function tokenize(text) {
  lexer ??= new Lexer2(lexerDefinition, { positionTracking: "onlyOffset", ensureOptimizations: false, skipValidations: true });
  resetLineMemo();
  const result = lexer.tokenize(text);
  resetLineMemo();
  return result;
}

// src/parser/parser.ts
import { CstParser } from "chevrotain";
var DockerfileCstParser = class extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }
  dockerfile = this.RULE("dockerfile", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(DirectiveLine) },
        { ALT: () => this.CONSUME(Trivia) },
        { ALT: () => this.CONSUME(Instruction) },
        {
          ALT: () => {
            this.CONSUME(HeredocInstruction);
            this.MANY2(() => {
              this.OR2([
                { ALT: () => this.CONSUME(HeredocBody) },
                { ALT: () => this.CONSUME(HeredocLastBody) }
              ]);
            });
          }
        }
      ]);
    });
  });
};
var parser;
function parseTokens(tokens) {
  parser ??= new DockerfileCstParser();
  parser.input = tokens;
  const cst = parser.dockerfile();
  return { cst, errors: parser.errors };
}

// src/parser/to-ast.ts
var NO_EMPTY_CONTINUATION_URL = "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/";
function tokenEnd(t) {
  return t.startOffset + t.image.length;
}
function syntax(ctx, message2, start, end) {
  ctx.diagnostics.push({ code: "syntax", severity: "error", message: message2, range: ctx.li.range(start, end) });
}
function toAst(text, cst, li) {
  const ch = cst.children;
  const directives = ch.DirectiveLine ?? [];
  const trivia = ch.Trivia ?? [];
  const plain = ch.Instruction ?? [];
  const withHeredocs = ch.HeredocInstruction ?? [];
  const bodies = mergeByOffset(ch.HeredocBody ?? [], ch.HeredocLastBody ?? []);
  const escape2 = directives.some((t) => t.tokenType === EscapeBacktick) ? "`" : "\\";
  const ctx = { failed: /* @__PURE__ */ new Set(), text, li, escape: escape2, diagnostics: [], comments: [] };
  const out = {
    text,
    lineIndex: li,
    escapeChar: escape2,
    directives: [],
    comments: ctx.comments,
    instructions: [],
    globalArgs: [],
    stages: [],
    diagnostics: ctx.diagnostics
  };
  readDirectives(ctx, directives, out.directives);
  const prev = { comments: [] };
  let ti = 0;
  let pi = 0;
  let hi = 0;
  let bi = 0;
  for (; ; ) {
    const t = trivia[ti];
    const p = plain[pi];
    const h = withHeredocs[hi];
    const tOff = t ? t.startOffset : Infinity;
    const pOff = p ? p.startOffset : Infinity;
    const hOff = h ? h.startOffset : Infinity;
    if (tOff === Infinity && pOff === Infinity && hOff === Infinity) break;
    if (tOff < pOff && tOff < hOff) {
      ti++;
      readTrivia(ctx, t, prev);
      continue;
    }
    let head;
    let own = NO_TOKENS;
    if (pOff < hOff) {
      head = p;
      pi++;
    } else {
      head = h;
      hi++;
      const wanted = head.payload.heredocs?.length ?? 0;
      let at = tokenEnd(head);
      own = [];
      while (bi < bodies.length && own.length < wanted && bodies[bi].startOffset === at) {
        at = tokenEnd(bodies[bi]);
        own.push(bodies[bi++]);
      }
    }
    out.instructions.push(buildInstruction(ctx, head, own, prev.comments));
    prev.comments = [];
  }
  if (out.instructions.length === 0) {
    ctx.diagnostics.push({ code: "syntax", severity: "error", message: "file with no instructions", range: li.range(0, 0) });
  }
  groupStages(out);
  return { file: out, failed: ctx.failed };
}
var NO_TOKENS = [];
function mergeByOffset(a2, b2) {
  if (b2.length === 0) return a2;
  if (a2.length === 0) return b2;
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a2.length || j < b2.length) {
    if (j >= b2.length || i < a2.length && a2[i].startOffset < b2[j].startOffset) out.push(a2[i++]);
    else out.push(b2[j++]);
  }
  return out;
}
function readTrivia(ctx, tok, prev) {
  const { text } = ctx;
  const end = tokenEnd(tok);
  let pos = tok.startOffset;
  while (pos < end) {
    const lEnd = Math.min(lineEndAt(text, pos), end);
    const cEnd = contentEnd(text, pos, lEnd);
    if (skipGoSpace(text, pos, cEnd) < cEnd) {
      addComment(ctx, pos, lEnd);
      const t = goTrimSpace(text.slice(pos + 1, lEnd));
      if (t === "") prev.comments = [];
      else prev.comments.push(t);
    }
    pos = lEnd;
  }
}
function readDirectives(ctx, tokens, out) {
  const seen = /* @__PURE__ */ new Set();
  for (const t of tokens) {
    const cEnd = contentEnd(ctx.text, t.startOffset, tokenEnd(t));
    const d = parseDirectiveLine(ctx.text, t.startOffset, cEnd);
    if (!d) continue;
    const range = ctx.li.range(d.hash, cEnd);
    if (seen.has(d.name)) {
      syntax(ctx, `only one ${d.name} parser directive can be used`, d.hash, cEnd);
      continue;
    }
    seen.add(d.name);
    if (d.name === "escape" && d.value !== "\\" && d.value !== "`") {
      syntax(ctx, `invalid escape token '${d.value}' does not match \` or \\`, d.valueStart, d.valueEnd);
    }
    out.push({
      name: d.name,
      value: d.value,
      range,
      nameRange: ctx.li.range(d.nameStart, d.nameEnd),
      valueRange: ctx.li.range(d.valueStart, d.valueEnd)
    });
  }
}
function addComment(ctx, start, end) {
  const cEnd = contentEnd(ctx.text, start, Math.min(end, lineEndAt(ctx.text, start)));
  const hash = skipGoSpace(ctx.text, start, cEnd);
  const comment = { text: goTrimSpace(ctx.text.slice(hash + 1, cEnd)), range: ctx.li.range(hash, cEnd) };
  ctx.comments.push(comment);
  return comment;
}
function buildInstruction(ctx, head, bodies, prevComment) {
  const { text, li } = ctx;
  const { joined } = head.payload;
  const innerComments = joined.commentLines.map((pos) => addComment(ctx, pos, joined.end));
  const { original, segments, start } = joined;
  const payload = head.payload;
  const raw2 = payload.raw ?? parseCommandLine(original, 0, original.length, ctx.escape);
  const markers = payload.heredocs ?? [];
  if (payload.heredocError) raw2.errors.push({ message: payload.heredocError, start: raw2.argsStart, end: raw2.argsEnd });
  let end = joined.lastLineEnd;
  const heredocs = [];
  let cursor = joined.end;
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i];
    const body = bodies[i];
    const bodyStart = cursor;
    const term = body ? body.payload.terminator : -1;
    const bodyEnd = term >= 0 ? term : body ? tokenEnd(body) : cursor;
    if (body) cursor = tokenEnd(body);
    const markerRange = li.range(mapStart(segments, m.start, start), mapEnd(segments, m.end, start));
    const termEnd = term >= 0 ? contentEnd(text, term, cursor) : -1;
    heredocs.push({
      name: m.name,
      fileDescriptor: m.fileDescriptor,
      expand: m.expand,
      chomp: m.chomp,
      content: text.slice(bodyStart, bodyEnd),
      markerRange,
      bodyRange: li.range(bodyStart, bodyEnd),
      terminatorRange: term >= 0 ? li.range(term, termEnd) : null
    });
    if (term >= 0) {
      end = termEnd;
    } else {
      if (body) end = contentEnd(text, bodyStart, cursor);
      syntax(ctx, "unterminated heredoc", start, Math.max(end, joined.lastLineEnd));
      break;
    }
  }
  if (joined.emptyContinuation) {
    ctx.diagnostics.push({
      code: "NoEmptyContinuation",
      severity: "warning",
      message: "Empty continuation line",
      range: li.range(joined.lastLineStart, joined.lastLineEnd),
      url: NO_EMPTY_CONTINUATION_URL
    });
  }
  const ins = materialize(ctx, raw2, original, segments, 0, start, end, heredocs, prevComment);
  ins.comments = innerComments;
  if (raw2.errors.length > 0 || heredocs.some((h) => h.terminatorRange === null)) ctx.failed.add(ins);
  for (const e of raw2.errors) {
    const a2 = mapStart(segments, e.start, start);
    syntax(ctx, e.message, a2, Math.max(mapEnd(segments, e.end, start), a2));
  }
  return ins;
}
function materialize(ctx, raw2, line, segments, base2, start, end, heredocs, prevComment) {
  const { li } = ctx;
  const fallback = start;
  const ms = (o) => mapStart(segments, o, fallback);
  const range = (s, e) => {
    const a2 = ms(s);
    if (e <= s) return li.range(a2, a2);
    return li.range(a2, Math.max(a2, mapEnd(segments, e, fallback)));
  };
  const flags = raw2.flags.map((f) => {
    const eq = f.eq >= 0 ? f.eq : -1;
    const name = eq >= 0 ? f.raw.slice(2, f.raw.indexOf("=")) : f.raw.slice(2);
    const value = eq >= 0 ? f.raw.slice(f.raw.indexOf("=") + 1) : null;
    return {
      name,
      value,
      raw: f.raw,
      range: range(f.start, f.end),
      nameRange: range(f.start + 2, eq >= 0 ? eq : f.end),
      valueRange: eq >= 0 ? range(eq + 1, f.end) : null
    };
  });
  let args;
  const pairs2 = [];
  if (raw2.pairs.length > 0) {
    args = [];
    for (let i = 0; i < raw2.pairs.length; i++) {
      const p = raw2.pairs[i];
      const keyRange = range(p.key.start, p.key.end);
      const valueRange2 = range(p.value.start, p.value.end);
      pairs2.push({ key: p.key.value, value: p.value.value, sep: p.sep, range: range(p.start, p.end), keyRange, valueRange: valueRange2 });
      const sep = raw2.args[i * 3 + 2];
      args.push({ value: p.key.value, range: keyRange }, { value: p.value.value, range: valueRange2 }, { value: sep.value, range: range(sep.start, sep.end) });
    }
  } else {
    args = raw2.lower === "onbuild" ? [] : raw2.args.map((a2) => ({ value: a2.value, range: range(a2.start, a2.end) }));
  }
  const original = base2 === 0 && raw2.start === 0 ? line : line.slice(base2);
  const segs = base2 === 0 ? segments : rebase(segments, base2, line.length);
  const ins = {
    type: "instruction",
    keyword: canonicalKeyword(raw2),
    keywordRaw: raw2.keywordRaw,
    keywordRange: range(raw2.keywordStart, raw2.keywordEnd),
    range: li.range(start, Math.max(start, end)),
    original,
    segments: segs,
    flags,
    args,
    argsText: raw2.argsText,
    argsOffset: raw2.argsStart - base2,
    argsRange: range(raw2.argsStart, raw2.argsEnd),
    json: raw2.json,
    heredocs,
    prevComment,
    comments: [],
    pairs: pairs2,
    stageIndex: -1
  };
  if (raw2.trigger) {
    const t = raw2.trigger;
    const tStart = ms(t.keywordStart);
    const trig = materialize(ctx, t, line.slice(0, raw2.argsEnd), segments, raw2.argsStart, tStart, end, heredocs, []);
    ins.trigger = trig;
  }
  return ins;
}
function rebase(segments, base2, end) {
  const out = [];
  for (const s of segments) {
    const sEnd = Math.min(s.logicalStart + s.length, end);
    if (sEnd <= base2 || s.logicalStart >= end) continue;
    const cut = Math.max(0, base2 - s.logicalStart);
    out.push({ logicalStart: s.logicalStart + cut - base2, sourceStart: s.sourceStart + cut, length: sEnd - s.logicalStart - cut });
  }
  return out;
}
var UPPER = new Map(KNOWN_INSTRUCTIONS.map((k) => [k, k.toUpperCase()]));
function canonicalKeyword(raw2) {
  return UPPER.get(raw2.lower) ?? goUpper(raw2.keywordRaw);
}
function groupStages(file) {
  let stage = null;
  const close = () => {
    if (!stage) return;
    const last = stage.instructions[stage.instructions.length - 1];
    if (last) stage.range = file.lineIndex.range(stage.from.range.start, last.range.end);
  };
  for (const ins of file.instructions) {
    if (ins.keyword === "FROM") {
      close();
      const a2 = ins.args;
      const hasName = a2.length === 3 && isAs(a2[1].value);
      const platform = ins.flags.find((f) => f.name === "platform");
      stage = {
        index: file.stages.length,
        name: hasName ? goLower(a2[2].value) : null,
        nameRaw: hasName ? a2[2].value : null,
        nameRange: hasName ? a2[2].range : null,
        base: a2[0]?.value ?? "",
        baseRange: a2[0]?.range ?? file.lineIndex.range(ins.argsRange.start, ins.argsRange.start),
        platform: platform ? platform.value : null,
        from: ins,
        instructions: [],
        range: ins.range
      };
      file.stages.push(stage);
      ins.stageIndex = stage.index;
      continue;
    }
    if (!stage) {
      if (ins.keyword === "ARG") file.globalArgs.push(ins);
      continue;
    }
    ins.stageIndex = stage.index;
    if (ins.trigger) setStage(ins.trigger, stage.index);
    stage.instructions.push(ins);
  }
  close();
}
function setStage(ins, index) {
  ins.stageIndex = index;
  if (ins.trigger) setStage(ins.trigger, index);
}
function isAs(s) {
  if (s.length !== 2) return false;
  const a2 = s.charCodeAt(0);
  const b2 = s.charCodeAt(1);
  return (a2 === 97 || a2 === 65) && (b2 === 115 || b2 === 83 || b2 === 383);
}

// src/parser/validate.ts
var NO_FLAGS = {};
var HEALTH_FLAGS = { interval: "string", timeout: "string", "start-period": "string", "start-interval": "string", retries: "string" };
var FLAGS = {
  add: { chown: "string", chmod: "string", checksum: "string", link: "bool", "keep-git-dir": "bool", unpack: "bool", exclude: "strings" },
  copy: { from: "string", chown: "string", chmod: "string", link: "bool", parents: "bool", exclude: "strings" },
  from: { platform: "string" },
  // --device is accepted: whether it is usable depends on the frontend version (# syntax=...-labs).
  run: { mount: "strings", network: "string", security: "string", device: "strings" }
};
var VALID_STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;
var ParseError = class {
  constructor(message2, range) {
    this.message = message2;
    this.range = range;
  }
  message;
  range;
};
function validate(file, skip) {
  let seenFrom = false;
  for (const ins of file.instructions) {
    if (skip.has(ins)) {
      if (ins.keyword === "FROM") seenFrom = true;
      continue;
    }
    try {
      check(ins);
      if (ins.keyword === "FROM") seenFrom = true;
      else if (!seenFrom && ins.keyword !== "ARG") throw new ParseError("no build stage in current context");
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      file.diagnostics.push({ code: "syntax", severity: "error", message: e.message, range: e.range ?? ins.range });
    }
  }
}
function check(ins) {
  const args = { length: ins.trigger ? 1 : ins.args.length };
  switch (ins.keyword) {
    case "ENV":
    case "LABEL":
      parseFlags(ins, NO_FLAGS);
      if (args.length === 0) throw new ParseError(`${ins.keyword} requires at least one argument`, ins.keywordRange);
      for (const p of ins.pairs) if (p.key === "") throw new ParseError(`${ins.keyword} names can not be blank`, p.range);
      return;
    case "MAINTAINER":
    case "WORKDIR":
    case "USER":
      if (args.length !== 1) throw new ParseError(`${ins.keyword} requires exactly one argument`, ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      return;
    case "STOPSIGNAL":
      if (args.length !== 1) throw new ParseError(`${ins.keyword} requires exactly one argument`, ins.keywordRange);
      return;
    case "ADD":
    case "COPY": {
      if (args.length < 2) {
        throw new ParseError(`${ins.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`, ins.range);
      }
      parseFlags(ins, FLAGS[ins.keyword.toLowerCase()]);
      const dest = ins.args[ins.args.length - 1];
      if (isHeredocWord(dest.value)) throw new ParseError(`${ins.keyword} cannot accept a heredoc as a destination`, dest.range);
      return;
    }
    case "FROM":
      checkStageName(ins);
      parseFlags(ins, FLAGS.from);
      return;
    case "ONBUILD": {
      if (!ins.trigger) throw new ParseError("ONBUILD requires at least one argument", ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      const trigger = goUpper(goTrimSpace(ins.trigger.keywordRaw));
      if (trigger === "ONBUILD") throw new ParseError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", ins.trigger.keywordRange);
      if (trigger === "MAINTAINER" || trigger === "FROM") throw new ParseError(`${trigger} isn't allowed as an ONBUILD trigger`, ins.trigger.keywordRange);
      return;
    }
    case "RUN":
      parseFlags(ins, FLAGS.run);
      return;
    case "CMD":
    case "ENTRYPOINT":
      parseFlags(ins, NO_FLAGS);
      return;
    case "HEALTHCHECK":
      checkHealthcheck(ins, nodeArgs(ins));
      return;
    case "EXPOSE":
      if (args.length === 0) throw new ParseError("EXPOSE requires at least one argument", ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      return;
    case "VOLUME":
      if (args.length === 0) throw new ParseError("VOLUME requires at least one argument", ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      for (const a2 of ins.args) if (goTrimSpace(a2.value) === "") throw new ParseError("VOLUME specified can not be an empty string", a2.range);
      return;
    case "ARG":
      if (args.length === 0) throw new ParseError("ARG requires at least one argument", ins.keywordRange);
      for (const a2 of ins.args) if (a2.value.startsWith("=")) throw new ParseError("ARG names can not be blank", a2.range);
      return;
    case "SHELL":
      parseFlags(ins, NO_FLAGS);
      if (args.length === 0) throw new ParseError("SHELL requires at least one argument", ins.keywordRange);
      if (!ins.json) throw new ParseError("SHELL requires the arguments to be in JSON form", ins.argsRange);
      return;
    default:
      throw new ParseError(unknownInstruction(ins.keywordRaw), ins.keywordRange);
  }
}
function nodeArgs(ins) {
  if (ins.trigger) return [ins.trigger.keywordRaw, ...nodeArgs(ins.trigger)];
  const out = new Array(ins.args.length);
  for (let i = 0; i < out.length; i++) out[i] = ins.args[i].value;
  return out;
}
function isHeredocWord(word) {
  try {
    return parseHeredocWord(word) !== null;
  } catch (e) {
    if (e instanceof HeredocError) return false;
    throw e;
  }
}
function checkStageName(ins) {
  const a2 = ins.args;
  if (a2.length === 3 && isAs2(a2[1].value)) {
    const name = goLower(a2[2].value);
    if (!VALID_STAGE_NAME.test(name)) {
      throw new ParseError(`invalid name for build stage: ${goQuote(a2[2].value)}, name can't start with a number or contain symbols`, a2[2].range);
    }
  } else if (a2.length !== 1) {
    throw new ParseError("FROM requires either one or three arguments", a2.length > 0 ? ins.argsRange : ins.keywordRange);
  }
}
function isAs2(s) {
  return s.length === 2 && /^[aA][sS\u017f]$/.test(s);
}
var NO_FLAGS_USED = /* @__PURE__ */ new Map();
function parseFlags(ins, defined) {
  if (ins.flags.length === 0) return NO_FLAGS_USED;
  const used = /* @__PURE__ */ new Map();
  for (const f of ins.flags) {
    const type = Object.prototype.hasOwnProperty.call(defined, f.name) ? defined[f.name] : void 0;
    if (!type) throw new ParseError(`unknown flag: --${f.name}`, f.range);
    if (used.has(f.name) && type !== "strings") throw new ParseError(`duplicate flag specified: --${f.name}`, f.range);
    const values = used.get(f.name) ?? [];
    used.set(f.name, values);
    if (type === "bool") {
      if (f.value === "") throw new ParseError(`missing a value on flag: --${f.name}`, f.range);
      const v = (f.value ?? "").toLowerCase();
      if (v !== "" && v !== "true" && v !== "false") throw new ParseError(`expecting boolean value for flag --${f.name}, not: ${f.value}`, f.valueRange ?? f.range);
      values.push(v === "false" ? "false" : "true");
    } else {
      if (f.value === null) throw new ParseError(`missing a value on flag: --${f.name}`, f.range);
      values.push(f.value);
    }
  }
  return used;
}
function checkHealthcheck(ins, args) {
  if (args.length === 0) throw new ParseError("HEALTHCHECK requires at least one argument", ins.keywordRange);
  const typ = goUpper(args[0]);
  const rest = args.slice(1);
  if (typ === "NONE") {
    if (rest.length !== 0) throw new ParseError("HEALTHCHECK NONE takes no arguments", ins.argsRange);
    return;
  }
  const used = parseFlags(ins, HEALTH_FLAGS);
  if (typ !== "CMD") throw new ParseError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`, ins.args[0].range);
  if (rest.length === 0) throw new ParseError("Missing command after HEALTHCHECK CMD", ins.argsRange);
  for (const name of ["interval", "timeout", "start-period", "start-interval"]) {
    const v = used.get(name)?.[0];
    if (v === void 0 || v === "") continue;
    const range = ins.flags.find((f) => f.name === name)?.range;
    const d = parseGoDuration(v);
    if (typeof d === "string") throw new ParseError(d, range);
    if (d !== 0 && Math.abs(d) < 1e6) throw new ParseError(`Interval ${goQuote(name)} cannot be less than 1ms`, range);
  }
  const retries = used.get("retries")?.[0];
  if (retries !== void 0 && retries !== "") {
    const range = ins.flags.find((f) => f.name === "retries")?.range;
    if (!/^[+-]?[0-9]+$/.test(retries)) throw new ParseError(`strconv.ParseInt: parsing ${goQuote(retries)}: invalid syntax`, range);
    const n = Number(retries);
    if (n > 2147483647 || n < -2147483648) throw new ParseError(`strconv.ParseInt: parsing ${goQuote(retries)}: value out of range`, range);
    if (n < 0) throw new ParseError(`--retries cannot be negative (${n})`, range);
  }
}
var UNITS = { ns: 1, us: 1e3, "\xB5s": 1e3, "\u03BCs": 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 36e11 };
function parseGoDuration(s) {
  const orig = s;
  const invalid = `time: invalid duration ${goQuote(orig)}`;
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return invalid;
  let total = 0;
  while (s !== "") {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s);
    const whole = m[1];
    const frac = m[3];
    if (whole === "" && (frac === void 0 || frac === "")) return invalid;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)[0];
    if (u === "") return `time: missing unit in duration ${goQuote(orig)}`;
    const unit = UNITS[u];
    if (unit === void 0) return `time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`;
    s = s.slice(u.length);
    total += Number(whole || "0") * unit + (frac ? Number("0." + frac) * unit : 0);
    if (total > 9223372036854776e3) return invalid;
  }
  return neg ? -total : total;
}
function unknownInstruction(keyword) {
  const msg = `unknown instruction: ${keyword}`;
  const val = goLower(keyword);
  let match = "";
  let min = 3;
  const runes = [...val].length;
  for (const opt of KNOWN_INSTRUCTIONS) {
    if (val === opt) return msg;
    if (Math.abs(runes - opt.length) >= min) continue;
    const d = levenshtein(val, opt);
    if (d < min) {
      min = d;
      match = keyword === goLower(keyword) ? opt : keyword === goUpper(keyword) ? opt.toUpperCase() : opt;
    }
  }
  return match ? `${msg} (did you mean ${match}?)` : msg;
}
function levenshtein(a2, b2) {
  const x = [...a2];
  const y = [...b2];
  if (x.length > 64) return 99;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

// src/parser/index.ts
var MAX_LINE_BYTES = 65535;
function parse(text, options = {}) {
  const li = new LineIndex(text);
  try {
    const { tokens } = tokenize(text);
    const { cst } = parseTokens(tokens);
    const { file, failed } = toAst(text, cst, li);
    checkLineLengths(file);
    if (options.instructionChecks !== false) validate(file, failed);
    file.diagnostics.sort((a2, b2) => a2.range.start - b2.range.start);
    return file;
  } catch (err) {
    const message2 = `internal parser error: ${err instanceof Error ? err.message : String(err)}`;
    return {
      text,
      lineIndex: li,
      escapeChar: "\\",
      directives: [],
      comments: [],
      instructions: [],
      globalArgs: [],
      stages: [],
      diagnostics: [{ code: "syntax", severity: "error", message: message2, range: li.range(0, 0) }]
    };
  }
}
function checkLineLengths(file) {
  const { text, lineIndex: li } = file;
  if (text.length * 3 <= MAX_LINE_BYTES) return;
  const starts = li.lineStarts;
  for (let l = 0; l < starts.length; l++) {
    const s = starts[l];
    const e = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
    if ((e - s) * 3 <= MAX_LINE_BYTES) continue;
    if (utf8Length(text, s, e) > MAX_LINE_BYTES) {
      file.diagnostics.push({
        code: "syntax",
        severity: "error",
        message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
        range: li.range(s, li.lineEnd(l + 1))
      });
    }
  }
}

// src/rules/types.ts
function defineRule(rule) {
  return rule;
}

// src/shell/words.ts
function wordValue(node2, text) {
  switch (node2.type) {
    case "word":
      return unescapeBare(text.slice(node2.start, node2.end));
    case "raw_string": {
      const raw2 = text.slice(node2.start, node2.end);
      return raw2.length >= 2 && raw2.endsWith("'") ? raw2.slice(1, -1) : raw2.slice(1);
    }
    case "string":
    case "translated_string":
      return doubleQuoted(node2, text);
    case "ansi_c_string":
      return ansiC(text.slice(node2.start, node2.end));
    case "concatenation":
      return joinParts(node2, text, node2.start, node2.end, (n) => wordValue(n, text), unescapeBare);
    default:
      return text.slice(node2.start, node2.end);
  }
}
function doubleQuoted(node2, text) {
  const open = text.startsWith('$"', node2.start) ? 2 : 1;
  const closed = node2.end - node2.start > open && text.charCodeAt(node2.end - 1) === 34 && !lastChildMissing(node2);
  const start = node2.start + open;
  const end = closed ? node2.end - 1 : node2.end;
  const parts = node2.children.filter((c) => c.named && c.type !== "string_content" && c.start >= start && c.end <= end);
  return joinParts({ ...node2, children: parts }, text, start, end, (n) => text.slice(n.start, n.end), unescapeDouble);
}
function lastChildMissing(node2) {
  const last = node2.children[node2.children.length - 1];
  return last !== void 0 && last.end === last.start;
}
function joinParts(node2, text, start, end, part, literal) {
  let out = "";
  let at = start;
  for (const child of node2.children) {
    if (child.start < at || child.end > end) continue;
    if (child.start > at) out += literal(text.slice(at, child.start));
    out += part(child);
    at = child.end;
  }
  if (at < end) out += literal(text.slice(at, end));
  return out;
}
function unescapeBare(s) {
  if (!s.includes("\\")) return s;
  return s.replace(/\\(\r?\n|[\s\S])?/g, (_m, ch) => ch === void 0 || ch.endsWith("\n") ? "" : ch);
}
function unescapeDouble(s) {
  if (!s.includes("\\")) return s;
  return s.replace(/\\(\r?\n|[\\"$`])/g, (_m, ch) => ch.endsWith("\n") ? "" : ch);
}
var C_ESCAPES = {
  n: "\n",
  t: "	",
  r: "\r",
  a: "\x07",
  b: "\b",
  e: "\x1B",
  E: "\x1B",
  f: "\f",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?"
};
function ansiC(raw2) {
  const inner = raw2.endsWith("'") && raw2.length >= 3 ? raw2.slice(2, -1) : raw2.slice(2);
  return inner.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[\s\S])/g, (m, esc) => {
    if (esc[0] === "x") return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 255);
    return C_ESCAPES[esc] ?? m;
  });
}
var NO_FLAGS2 = Object.freeze([]);
var NO_WORDS = Object.freeze([]);
function shellCommand(name, args, assignments, range, emptyNameRange = range) {
  const { flags, rest } = splitFlags(args);
  return { name: name?.value ?? "", nameRange: name?.range ?? emptyNameRange, args, flags, argsNoFlags: rest, assignments, range };
}
function splitFlags(args) {
  let dash = false;
  for (let i2 = 0; i2 < args.length; i2++) {
    if (args[i2].value.charCodeAt(0) === 45) {
      dash = true;
      break;
    }
  }
  if (!dash) return { flags: NO_FLAGS2, rest: args };
  const flags = [];
  const rest = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i];
    const v = word.value;
    if (v === "--") break;
    if (v.length < 2 || v.charCodeAt(0) !== 45) {
      rest.push(word);
      continue;
    }
    if (v.charCodeAt(1) === 45) {
      const eq = v.indexOf("=");
      flags.push({ name: eq < 0 ? v.slice(2) : v.slice(2, eq), value: eq < 0 ? null : v.slice(eq + 1), word });
    } else {
      for (let k = 1; k < v.length; k++) {
        const c = v.charCodeAt(k);
        const pair = c >= 55296 && c <= 56319 && k + 1 < v.length && (v.charCodeAt(k + 1) & 64512) === 56320;
        flags.push({ name: pair ? v.slice(k, k + 2) : v[k], value: null, word });
        if (pair) k++;
      }
    }
  }
  for (; i < args.length; i++) rest.push(args[i]);
  return { flags, rest };
}

// src/shell/query.ts
function baseName(name) {
  const slash = name.lastIndexOf("/");
  return slash < 0 ? name : name.slice(slash + 1);
}
function isCommand(cmd, ...names) {
  const name = cmd.name;
  if (names.includes(name)) return true;
  const slash = name.lastIndexOf("/");
  return slash >= 0 && names.includes(name.slice(slash + 1));
}
function findCommands(script, opts = {}) {
  const all = namedCommandList(script, opts.throughWrappers === true);
  const names = opts.names;
  if (!names) return all.slice();
  const out = [];
  for (const cmd of all) if (names.includes(cmd.name) || names.includes(baseName(cmd.name))) out.push(cmd);
  return out;
}
function memoOf(script) {
  return script.memo ??= {};
}
function namedCommandList(script, throughWrappers = false) {
  const memo2 = memoOf(script);
  let list = throughWrappers ? memo2.launchers : memo2.named;
  if (!list) {
    list = [];
    const all = throughWrappers ? unwrappedCommandList(script) : void 0;
    const raw2 = script.commands;
    for (let i = 0; i < raw2.length; i++) {
      const c = raw2[i];
      if (c.name === "") continue;
      list.push(all ? all[i] : effectiveCommand(c));
    }
    if (throughWrappers) memo2.launchers = list;
    else memo2.named = list;
  }
  return list;
}
function unwrappedCommandList(script) {
  const memo2 = memoOf(script);
  let list = memo2.launchersAll;
  if (!list) {
    list = script.commands.map(unwrapCommand);
    memo2.launchersAll = list;
  }
  return list;
}
function commandsAfter(script, cmd) {
  return namedCommandList(script).filter((c) => c.range.start > cmd.range.start || c.range.start === cmd.range.start && c.range.end < cmd.range.end);
}
var strip = (name) => name.replace(/^-+/, "");
function wantedNames(names) {
  for (const n of names) if (n.charCodeAt(0) === 45) return names.map(strip);
  return names;
}
function hasFlag(cmd, ...names) {
  const flags = cmd.flags;
  if (flags.length === 0) return false;
  const wanted = wantedNames(names);
  for (const f of flags) if (wanted.includes(f.name)) return true;
  return false;
}
function positionalArgs(cmd, valueFlags = []) {
  if (valueFlags.length === 0) return cmd.argsNoFlags;
  const wanted = wantedNames(valueFlags);
  const dropped = /* @__PURE__ */ new Set();
  for (let i = 0; i < cmd.flags.length; i++) {
    const f = cmd.flags[i];
    if (!wanted.includes(f.name) || f.value !== null) continue;
    if (cmd.flags[i + 1]?.word === f.word) continue;
    const next = cmd.args[cmd.args.indexOf(f.word) + 1];
    if (next && !dropped.has(next)) dropped.add(next);
  }
  return cmd.argsNoFlags.filter((w) => !dropped.has(w));
}
var HADOLINT_WRAPPER_SPECS = {
  command: { valueFlags: [] },
  builtin: { valueFlags: [] },
  busybox: { valueFlags: [] },
  exec: { valueFlags: ["a"] }
};
var LAUNCHER_SPECS = {
  ...HADOLINT_WRAPPER_SPECS,
  sudo: { valueFlags: ["u", "user", "g", "group", "C", "close-from", "D", "chdir", "h", "host", "p", "prompt", "r", "role", "t", "type", "U", "other-user", "T", "command-timeout", "R", "chroot"] },
  doas: { valueFlags: ["u", "C"] },
  env: { valueFlags: ["u", "unset", "C", "chdir", "S", "split-string"], assignments: true },
  xargs: { valueFlags: ["a", "arg-file", "d", "delimiter", "E", "I", "L", "n", "max-args", "P", "max-procs", "s", "max-chars", "process-slot-var"] },
  nice: { valueFlags: ["n", "adjustment"] },
  ionice: { valueFlags: ["c", "class", "n", "classdata", "p", "pid", "P", "pgid", "u", "uid"] },
  nohup: { valueFlags: [] },
  time: { valueFlags: ["f", "format", "o", "output"] },
  timeout: { valueFlags: ["s", "signal", "k", "kill-after"], positionals: 1 },
  stdbuf: { valueFlags: ["i", "input", "o", "output", "e", "error"] },
  chronic: { valueFlags: [] }
};
var HADOLINT_WRAPPERS = new Map(Object.entries(HADOLINT_WRAPPER_SPECS));
var LAUNCHERS = new Map(Object.entries(LAUNCHER_SPECS));
function effectiveCommand(cmd) {
  return unwrapWith(cmd, HADOLINT_WRAPPERS, true);
}
function unwrapCommand(cmd) {
  return unwrapWith(cmd, LAUNCHERS, false);
}
function unwrapWith(cmd, table, firstArgOnly) {
  let current = cmd;
  for (let depth = 0; depth < 8; depth++) {
    const spec = table.get(baseName(current.name));
    if (!spec) return current;
    const inner = firstArgOnly && spec.valueFlags.length === 0 ? firstArgUnwrap(current) : optionUnwrap(current, spec);
    if (!inner) return current;
    current = inner;
  }
  return current;
}
function firstArgUnwrap(cmd) {
  const first = cmd.args[0];
  if (!first || first.value.startsWith("-")) return void 0;
  return derive(cmd, first, cmd.args.slice(1), cmd.assignments);
}
function optionUnwrap(cmd, spec) {
  const values = new Set(spec.valueFlags);
  const assignments = [...cmd.assignments];
  let positionals = spec.positionals ?? 0;
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i];
    const v = w.value;
    if (v === "--") {
      const name = cmd.args[i + 1 + positionals];
      return name ? derive(cmd, name, cmd.args.slice(i + 2 + positionals), assignments) : void 0;
    }
    if (v.startsWith("--") && v.length > 2) {
      if (!v.includes("=") && values.has(v.slice(2))) i++;
      continue;
    }
    if (v.startsWith("-") && v.length > 1) {
      for (let k = 1; k < v.length; k++) {
        if (!values.has(v[k])) continue;
        if (k === v.length - 1) i++;
        break;
      }
      continue;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      assignments.push(w);
      continue;
    }
    if (positionals > 0) {
      positionals--;
      continue;
    }
    return derive(cmd, w, cmd.args.slice(i + 1), assignments);
  }
  return void 0;
}
function derive(outer, name, args, assignments) {
  return shellCommand(name, args, assignments, outer.range);
}
function execFormCommand(args) {
  if (args.length === 0 || args[0].value === "") return [];
  const words = args.map((a2) => ({ value: a2.value, raw: a2.value, range: a2.range }));
  const [name, ...rest] = words;
  return [shellCommand(name, rest, [], { start: words[0].range.start, end: words[words.length - 1].range.end })];
}

// src/rules/utils/lint-scratch.ts
var scratchCtx;
var scratchFile;
var scratch = /* @__PURE__ */ new Map();
var fileMemoFile;
var fileMemo = /* @__PURE__ */ new Map();
function lintScratch(ctx) {
  if (ctx !== scratchCtx || ctx.file !== scratchFile) {
    scratchCtx = ctx;
    scratchFile = ctx.file;
    scratch = /* @__PURE__ */ new Map();
  }
  return scratch;
}
function fileScratch(file) {
  if (file !== fileMemoFile) {
    fileMemoFile = file;
    fileMemo = /* @__PURE__ */ new Map();
  }
  return fileMemo;
}
function keywordsOf(file) {
  const memo2 = fileScratch(file);
  let set = memo2.get("keywords");
  if (!set) {
    set = /* @__PURE__ */ new Set();
    for (const ins of file.instructions) {
      set.add(ins.keyword);
      if (ins.trigger) set.add(ins.trigger.keyword);
    }
    memo2.set("keywords", set);
  }
  return set;
}

// src/rules/utils/hadolint-a-run.ts
function runSites(file, opts) {
  const memo2 = fileScratch(file);
  const key = opts.onbuild ? "a-run:sites+onbuild" : "a-run:sites";
  let out = memo2.get(key);
  if (out) return out;
  out = [];
  for (const ins of file.instructions) {
    if (ins.keyword === "RUN") out.push({ run: ins, top: ins, onbuild: false });
    else if (opts.onbuild && ins.keyword === "ONBUILD" && ins.trigger?.keyword === "RUN") {
      out.push({ run: ins.trigger, top: ins, onbuild: true });
    }
  }
  memo2.set(key, out);
  return out;
}
function commandsOf(ctx, site, unwrap = "launchers") {
  return siteCommands(ctx, site, unwrap).cmds;
}
function siteCommandNames(ctx, site, unwrap = "launchers") {
  const entry = siteCommands(ctx, site, unwrap);
  return entry.names ??= namesOf(entry.cmds);
}
function siteCommands(ctx, site, unwrap) {
  const scratch2 = lintScratch(ctx);
  const key = unwrap === "launchers" ? "a-run:launchers" : "a-run:hadolint";
  let bySite = scratch2.get(key);
  if (!bySite) scratch2.set(key, bySite = /* @__PURE__ */ new Map());
  let entry = bySite.get(site.run);
  if (!entry) {
    entry = { cmds: computeCommands(ctx, site, unwrap), names: void 0 };
    bySite.set(site.run, entry);
  }
  return entry;
}
function computeCommands(ctx, site, unwrap) {
  if (site.run.json) return unwrapAll(execFormCommand(site.run.args), unwrap);
  const script = ctx.shell(site.run) ?? (site.onbuild ? ctx.shell(site.top) : void 0);
  return script ? namedCommandList(script, unwrap === "launchers") : NO_COMMANDS;
}
var NO_COMMANDS = [];
function namesOf(cmds) {
  const names = /* @__PURE__ */ new Set();
  for (const c of cmds) names.add(commandName(c));
  return names;
}
function unwrapAll(cmds, unwrap) {
  const out = [];
  for (const c of cmds) {
    if (c.name === "") continue;
    out.push(unwrap === "launchers" ? unwrapCommand(c) : effectiveCommand(c));
  }
  return out;
}
function commandName(cmd) {
  const slash = cmd.name.lastIndexOf("/");
  return slash < 0 ? cmd.name : cmd.name.slice(slash + 1);
}
function spanOf(ranges) {
  return { start: ranges[0].start, end: ranges[ranges.length - 1].end };
}
function isDynamic(word) {
  const v = typeof word === "string" ? word : word.value;
  return v.includes("$") || v.includes("`");
}
function insertAfter(file, range, text) {
  return { range: file.lineIndex.range(range.end, range.end), text };
}

// src/rules/utils/run-names.ts
function anyRunNames(ctx) {
  const scratch2 = lintScratch(ctx);
  let names = scratch2.get("run-names");
  if (names) return names;
  names = /* @__PURE__ */ new Set();
  for (const ins of ctx.file.instructions) {
    let run;
    if (ins.keyword === "RUN") run = ins;
    else if (ins.keyword === "ONBUILD" && ins.trigger?.keyword === "RUN") run = ins.trigger;
    else continue;
    if (run.json) {
      for (const c of execFormCommand(run.args)) {
        addCommandName(names, c);
        addCommandName(names, unwrapCommand(c));
        addCommandName(names, effectiveCommand(c));
      }
    }
    const script = ctx.shell(run) ?? (run !== ins ? ctx.shell(ins) : void 0);
    if (!script) continue;
    const raw2 = script.commands;
    const launched = unwrappedCommandList(script);
    const effective = namedCommandList(script);
    let k = 0;
    for (let i = 0; i < raw2.length; i++) {
      const c = raw2[i];
      addCommandName(names, c);
      const l = launched[i];
      if (l !== c) addCommandName(names, l);
      if (c.name === "") continue;
      const e = effective[k++];
      if (e !== c) addCommandName(names, e);
    }
  }
  scratch2.set("run-names", names);
  return names;
}
function mayRunAny(ctx, names) {
  return hasAny(anyRunNames(ctx), names);
}
function hasAny(have, names) {
  if (have.size === 0) return false;
  for (const n of names) if (have.has(n)) return true;
  return false;
}
function someName(names, test) {
  for (const n of names) if (test(n)) return true;
  return false;
}
function addCommandName(names, c) {
  const name = c.name;
  names.add(name);
  if (name.includes("/")) names.add(baseName(name));
}

// src/rules/apt-get-update-alone.ts
var MANAGERS = [
  { names: ["apt-get", "apt"], uses: ["install", "upgrade", "dist-upgrade", "full-upgrade", "source", "build-dep", "reinstall"] },
  { names: ["apk"], uses: ["add", "upgrade", "fix"] }
];
var NAMES = MANAGERS.flatMap((m) => m.names);
var BY_NAME = new Map(MANAGERS.flatMap((m) => m.names.map((n) => [n, m])));
var apt_get_update_alone_default = defineRule({
  code: "DH005",
  name: "apt-get-update-alone",
  aliases: ["DS017", "CKV_DOCKER_5"],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "`apt-get update` (or `apk update`) should run in the same RUN as the install that needs it.",
    why: "A RUN that updates the package index and installs nothing after it is cached with that index. When a later RUN installs packages, it silently reuses the stale cached index, and the install fails or gets outdated versions.",
    bad: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    fix: "Join the update with the install: `RUN apt-get update && apt-get install -y ...` (`apk add --no-cache` needs no update at all).",
    notes: "A finding is an `apt-get`/`apt` or `apk` `update` with no install, upgrade or `apk add` of the same manager after it in the same RUN, when that RUN does nothing but update or a later RUN of the stage installs with that manager (exec form too; through `sudo`, and tonistiigi/xx's `xx-apt-get`/`xx-apk`). Trivy's DS017 also flags `yum`, `dnf` and `zypper` `update`/`up`; for those, `update` upgrades the installed packages (they refresh their metadata on their own), so dockhand does not. An update followed only by other work (`apt-get purge`, `apt download`) with no later install is not flagged, as nothing reuses its index."
  },
  check(ctx) {
    if (!mayRunAny(ctx, NAMES) && !hasXx(anyRunNames(ctx))) return;
    const sites = runSites(ctx.file, { onbuild: false });
    for (let s = 0; s < sites.length; s++) {
      const site = sites[s];
      if (site.run.heredocs.length === 0 && !site.run.original.includes("update")) continue;
      const names = siteCommandNames(ctx, site);
      if (!hasAny(names, NAMES) && !hasXx(names)) continue;
      const cmds = commandsOf(ctx, site);
      const named = cmds.filter((c) => c.name !== "");
      for (let i = 0; i < cmds.length; i++) {
        const cmd = cmds[i];
        const manager = managerOf(cmd);
        if (!manager || !hasWord(cmd, ["update"])) continue;
        if (cmds.slice(i + 1).some((c) => managerOf(c) === manager && hasWord(c, manager.uses))) continue;
        const onlyUpdates = named.every((c) => managerOf(c) !== void 0 && hasWord(c, ["update"]));
        const laterUse = sites.slice(s + 1).some((later) => later.top.stageIndex === site.top.stageIndex && commandsOf(ctx, later).some((c) => managerOf(c) === manager && hasWord(c, manager.uses)));
        if (!onlyUpdates && !laterUse) continue;
        const name = commandName(cmd);
        ctx.report({
          range: cmd.range,
          message: `'${name} update' with no install after it in the same RUN: later installs reuse its cached index; run it in the same RUN as the install`
        });
      }
    }
  }
});
function managerOf(cmd) {
  const name = commandName(cmd);
  return BY_NAME.get(name) ?? (name.startsWith("xx-") ? BY_NAME.get(name.slice(3)) : void 0);
}
function hasXx(names) {
  return names.has("xx-apt-get") || names.has("xx-apt") || names.has("xx-apk");
}
function hasWord(cmd, words) {
  return cmd.argsNoFlags.some((w) => words.includes(w.value));
}

// src/rules/chpasswd-in-run.ts
var chpasswd_in_run_default = defineRule({
  code: "DH015",
  name: "chpasswd-in-run",
  aliases: ["CKV2_DOCKER_17"],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "Do not set passwords with `chpasswd` in a RUN.",
    why: "The command line of every RUN is kept in the image history (`docker history`), and the password hash in /etc/shadow in a layer: anyone who can pull the image can read or crack it, and every container shares it.",
    bad: 'FROM debian:12\nRUN useradd app && echo "app:s3cret" | chpasswd\n',
    good: "FROM debian:12\nRUN useradd --no-log-init app\nUSER app\n",
    fix: "Do not give image users passwords; run as an unprivileged USER, and pass secrets at run time."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["chpasswd"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      for (const cmd of commandsOf(ctx, site)) {
        if (commandName(cmd) === "chpasswd") ctx.report({ range: cmd.nameRange, message: "`chpasswd` in a RUN: the password ends up in the image's history and layers" });
      }
    }
  }
});

// src/rules/utils/buildkit-common.ts
function buildkitUrl(checkName) {
  const kebab = checkName.replace(/JSON/g, "Json").replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}
function isLower(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
    if (c >= 128) return s.toLowerCase() === s;
  }
  return true;
}
function isUpper(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return s.toUpperCase() === s;
  }
  return true;
}
function parentStage(file, stage) {
  const base2 = stage.base.toLowerCase();
  for (let i = stage.index - 1; i >= 0; i--) {
    const s = file.stages[i];
    if (s && s.name !== null && s.name === base2) return s;
  }
  return void 0;
}
function stageChain(file, stage) {
  const chain = [];
  const seen = /* @__PURE__ */ new Set();
  let cur = stage;
  while (cur && !seen.has(cur.index)) {
    chain.push(cur);
    seen.add(cur.index);
    cur = parentStage(file, cur);
  }
  return chain;
}
function originalToSource(ins, offset, isEnd = false) {
  return isEnd ? mapEnd(ins.segments, offset, ins.range.start) : mapStart(ins.segments, offset, ins.range.start);
}
function levenshtein2(a2, b2) {
  if (a2 === b2) return 0;
  let prev = Array.from({ length: b2.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a2.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b2.length; j++) {
      const cost = a2[i - 1] === b2[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost));
    }
    prev = cur;
  }
  return prev[b2.length];
}
function suggest(value, options, caseSensitive) {
  if (value === "") return "";
  const v = caseSensitive ? value : value.toLowerCase();
  let match = "";
  let min = 3;
  for (const option of options) {
    const o = caseSensitive ? option : option.toLowerCase();
    if (o === v) return "";
    if (Math.abs(o.length - v.length) >= min) continue;
    const d = levenshtein2(v, o);
    if (d < min) {
      min = d;
      match = caseSensitive ? o : matchCase(o, value);
    }
  }
  return match;
}
function matchCase(val, orig) {
  if (isLower(orig)) return val.toLowerCase();
  if (isUpper(orig)) return val.toUpperCase();
  return val;
}
var AUTOMATIC_PLATFORM_ARGS = [
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDOSVERSION",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETOSVERSION",
  "TARGETARCH",
  "TARGETVARIANT",
  "TARGETSTAGE"
];

// src/rules/utils/dockhand-package-caches.ts
var sub = (cmd) => positionalArgs(cmd)[0]?.value ?? "";
var secondArg = (cmd) => positionalArgs(cmd)[1]?.value;
function cacheKind(k) {
  const removes = (c) => positionalArgs(c).some((a2) => k.removed.test(a2.value));
  return {
    id: k.id,
    what: k.what,
    fillers: new Set(k.fillers),
    cleaners: /* @__PURE__ */ new Set([...k.cleaners, "rm"]),
    fills: (c) => isCommand(c, ...k.fillers) && k.fills(c),
    cleans: (c) => isCommand(c, "rm") && removes(c) || isCommand(c, ...k.cleaners) && k.cleans(c),
    fillsNamed: k.fills,
    cleansNamed: (c, isRm) => isRm ? removes(c) : k.cleans(c)
  };
}
var CACHE_KINDS = [
  cacheKind({
    id: "apt",
    what: "the apt package lists and archives",
    fillers: ["apt-get", "apt", "aptitude"],
    fills: (c) => ["update", "install", "upgrade", "dist-upgrade"].includes(sub(c)),
    cleaners: ["apt-get", "apt"],
    cleans: (c) => ["clean", "autoclean"].includes(sub(c)),
    removed: /^\/var\/(lib\/apt\/lists|cache\/apt)/
  }),
  cacheKind({
    id: "apk",
    what: "the apk cache",
    fillers: ["apk"],
    fills: (c) => ["add", "update", "upgrade"].includes(sub(c)) && !c.flags.some((f) => f.name === "no-cache"),
    cleaners: ["apk"],
    cleans: (c) => sub(c) === "cache" && secondArg(c) === "clean",
    removed: /^\/var\/cache\/apk/
  }),
  cacheKind({
    id: "yum",
    what: "the yum/dnf cache",
    fillers: ["yum", "dnf", "microdnf"],
    fills: (c) => ["install", "update", "upgrade", "groupinstall", "makecache"].includes(sub(c)),
    cleaners: ["yum", "dnf", "microdnf"],
    cleans: (c) => sub(c) === "clean",
    removed: /^\/var\/cache\/(yum|dnf|libdnf5)/
  }),
  cacheKind({
    id: "zypper",
    what: "the zypper cache",
    fillers: ["zypper"],
    fills: (c) => ["install", "in", "refresh", "ref", "update", "up"].includes(sub(c)),
    cleaners: ["zypper"],
    cleans: (c) => ["clean", "cc"].includes(sub(c)),
    removed: /^\/var\/cache\/zypp/
  }),
  cacheKind({
    id: "pip",
    what: "the pip cache",
    fillers: ["pip", "pip3"],
    fills: (c) => sub(c) === "install" && !c.flags.some((f) => f.name === "no-cache-dir"),
    cleaners: ["pip", "pip3"],
    cleans: (c) => sub(c) === "cache" && secondArg(c) === "purge",
    removed: /(^|\/)\.cache\/pip/
  }),
  cacheKind({
    id: "npm",
    what: "the npm cache",
    fillers: ["npm"],
    fills: (c) => ["install", "i", "ci", "add"].includes(sub(c)),
    cleaners: ["npm"],
    cleans: (c) => sub(c) === "cache" && secondArg(c) === "clean",
    removed: /(^|\/)\.npm(\/|$)/
  }),
  cacheKind({
    id: "yarn",
    what: "the yarn cache",
    fillers: ["yarn"],
    fills: (c) => ["", "install", "add"].includes(sub(c)),
    cleaners: ["yarn"],
    cleans: (c) => sub(c) === "cache" && secondArg(c) === "clean",
    removed: /(^|\/)(\.cache\/yarn|\.yarn\/cache|share\/\.cache\/yarn)/
  })
];
var CACHE_COMMAND_NAMES = [...new Set(CACHE_KINDS.flatMap((k) => [...k.fillers, ...k.cleaners]))];
var KINDS_BY_NAME = new Map(
  CACHE_COMMAND_NAMES.map((n) => [n, { fills: CACHE_KINDS.filter((k) => k.fillers.has(n)), cleans: CACHE_KINDS.filter((k) => k.cleaners.has(n)) }])
);
var RM = KINDS_BY_NAME.get("rm");
var NO_ACTIVITY = { fills: /* @__PURE__ */ new Set(), cleans: /* @__PURE__ */ new Map(), cleanedAfterFill: /* @__PURE__ */ new Set() };
function mayRemoveCache(cmd) {
  for (const a2 of positionalArgs(cmd)) {
    const v = a2.value;
    if (v.startsWith("/var/") || v.includes(".cache/") || v.includes(".npm") || v.includes(".yarn/")) return true;
  }
  return false;
}
function cacheActivity(script) {
  const cmds = namedCommandList(script);
  let fills;
  let cleans;
  let lastFill;
  let lastClean;
  for (let i = 0; i < cmds.length; i++) {
    const cmd = cmds[i];
    const name = cmd.name;
    const kinds = KINDS_BY_NAME.get(name) ?? (name.includes("/") ? KINDS_BY_NAME.get(baseName(name)) : void 0);
    if (!kinds) continue;
    const isRm = kinds === RM;
    if (isRm && !mayRemoveCache(cmd)) continue;
    for (const k of kinds.fills) {
      if (!k.fillsNamed(cmd)) continue;
      (fills ??= /* @__PURE__ */ new Set()).add(k.id);
      (lastFill ??= /* @__PURE__ */ new Map()).set(k.id, cmd.range.start);
    }
    for (const k of isRm ? CACHE_KINDS : kinds.cleans) {
      if (!k.cleansNamed(cmd, isRm)) continue;
      cleans ??= /* @__PURE__ */ new Map();
      if (!cleans.has(k.id)) cleans.set(k.id, cmd);
      (lastClean ??= /* @__PURE__ */ new Map()).set(k.id, cmd.range.start);
    }
  }
  if (!fills && !cleans) return NO_ACTIVITY;
  const cleanedAfterFill = /* @__PURE__ */ new Set();
  if (fills) {
    for (const id of fills) if ((lastClean?.get(id) ?? -1) > (lastFill?.get(id) ?? -1)) cleanedAfterFill.add(id);
  }
  return { fills: fills ?? /* @__PURE__ */ new Set(), cleans: cleans ?? /* @__PURE__ */ new Map(), cleanedAfterFill };
}

// src/rules/cleanup-in-later-layer.ts
var cleanup_in_later_layer_default = defineRule({
  code: "DH008",
  name: "cleanup-in-later-layer",
  aliases: [],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "Clean package caches in the same RUN that created them.",
    why: "Every RUN is a layer. Deleting files in a later layer only hides them: the bytes stay in the image. `RUN rm -rf /var/lib/apt/lists/*` on its own line costs an extra layer and saves nothing.",
    bad: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    fix: "Move the cleanup into the RUN that downloads the packages (`... && rm -rf /var/lib/apt/lists/*`).",
    notes: "Knows apt, apk, yum/dnf, zypper, pip, npm and yarn: reported when a RUN cleans up after a package manager it does not itself run, and an earlier RUN of the stage (or of a stage it is built FROM) did run it."
  },
  check(ctx) {
    if (!mayRunAny(ctx, CACHE_COMMAND_NAMES)) return;
    const file = ctx.file;
    const activities = /* @__PURE__ */ new Map();
    const activityOf = (script) => {
      let act = activities.get(script);
      if (!act) activities.set(script, act = cacheActivity(script));
      return act;
    };
    const replay = (ins, dirty) => {
      const script = ins.keyword === "RUN" ? ctx.shell(ins) : void 0;
      if (!script) return;
      const act = activityOf(script);
      const { fills, cleans } = act;
      for (const id of cleans.keys()) if (!fills.has(id)) dirty.delete(id);
      for (const id of fills) {
        if (act.cleanedAfterFill.has(id)) dirty.delete(id);
        else dirty.set(id, ins);
      }
    };
    for (const stage of file.stages) {
      const ancestors = stageChain(file, stage).slice(1).reverse();
      const before = /* @__PURE__ */ new Map();
      for (const a2 of ancestors) for (const i of a2.instructions) replay(i, before);
      for (const ins of stage.instructions) {
        if (ins.keyword !== "RUN") continue;
        const script = ctx.shell(ins);
        if (!script) continue;
        const act = activityOf(script);
        const { fills, cleans } = act;
        for (const [id, cmd] of cleans) {
          const creator = before.get(id);
          if (fills.has(id) || !creator) continue;
          before.delete(id);
          const kind = CACHE_KINDS.find((k) => k.id === id);
          ctx.report({
            range: cmd.range,
            message: `This cleanup of ${kind.what} runs in a later layer than the RUN at line ${creator.range.startLine} that created them, so it cannot shrink the image`
          });
        }
        for (const id of fills) {
          if (act.cleanedAfterFill.has(id)) before.delete(id);
          else before.set(id, ins);
        }
      }
    }
  }
});

// src/rules/utils/run-append.ts
var WORD_BREAK = /* @__PURE__ */ new Set([" ", "	", ";", "&", "|", "(", ")", "<", ">", "\n"]);
function trailingShellComment(run) {
  const s = run.argsText;
  let quote = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (quote !== null) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "#" && (i === 0 || WORD_BREAK.has(s[i - 1]))) return i;
  }
  return void 0;
}
function runAppendRange(run) {
  if (run.json || run.heredocs.length > 0 || run.argsText === "") return void 0;
  const r = run.argsRange;
  const hash = trailingShellComment(run);
  let at = run.argsText.length;
  if (hash !== void 0) {
    at = hash;
    while (at > 0 && (run.argsText[at - 1] === " " || run.argsText[at - 1] === "	")) at--;
    if (at === 0) return void 0;
    const logical = run.argsOffset + at;
    const end = run.argsOffset + run.argsText.length;
    const last = run.segments.find((g) => g.logicalStart < end && end <= g.logicalStart + g.length);
    if (!last || logical < last.logicalStart) return void 0;
  }
  const back = run.argsText.length - at;
  const start = r.end - back;
  const column = r.endColumn - back;
  return { start, end: start, startLine: r.endLine, startColumn: column, endLine: r.endLine, endColumn: column };
}

// src/rules/utils/hadolint-b-shell.ts
function runSites2(file, onbuild) {
  const memo2 = fileScratch(file);
  const key = onbuild ? "b-shell:sites+onbuild" : "b-shell:sites";
  let out = memo2.get(key);
  if (out) return out;
  out = [];
  for (const ins of file.instructions) {
    if (ins.keyword === "RUN") out.push({ run: ins, host: ins, onbuild: false });
    else if (onbuild && ins.keyword === "ONBUILD" && ins.trigger?.keyword === "RUN") {
      out.push({ run: ins.trigger, host: ins, onbuild: true });
    }
  }
  memo2.set(key, out);
  return out;
}
function commandsOf2(ctx, site) {
  return siteCommands2(ctx, site).cmds;
}
function siteCommandNames2(ctx, site) {
  const entry = siteCommands2(ctx, site);
  return entry.names ??= namesOf2(entry.cmds);
}
function siteCommands2(ctx, site) {
  const scratch2 = lintScratch(ctx);
  let bySite = scratch2.get("b-shell:commands");
  if (!bySite) scratch2.set("b-shell:commands", bySite = /* @__PURE__ */ new Map());
  let entry = bySite.get(site.run);
  if (!entry) {
    entry = { cmds: computeCommands2(ctx, site), names: void 0 };
    bySite.set(site.run, entry);
  }
  return entry;
}
function computeCommands2(ctx, site) {
  const { run, host } = site;
  if (run.json && run.heredocs.length === 0) return execFormCommand(run.args).map(unwrapCommand);
  const script = ctx.shell(run) ?? (host !== run ? ctx.shell(host) : void 0);
  if (!script) return [];
  return unwrappedCommandList(script);
}
function namesOf2(cmds) {
  const names = /* @__PURE__ */ new Set();
  for (const c of cmds) addCommandName(names, c);
  return names;
}
function isFlagWord(w) {
  return w.value.startsWith("-") && w.value !== "-" && w.value !== "--";
}
function cmdHasArgs(cmd, names, values) {
  const ns = typeof names === "string" ? [names] : names;
  return ns.includes(cmd.name) && cmd.args.some((a2) => values.includes(a2.value));
}
function argsWithoutFlagValues(cmd, valueFlags) {
  const out = [];
  let skip = false;
  for (const w of cmd.args) {
    if (skip) {
      skip = false;
      continue;
    }
    if (isFlagWord(w)) {
      if (takesNextWord(w.value, valueFlags)) skip = true;
      continue;
    }
    out.push(w);
  }
  return out;
}
function takesNextWord(v, valueFlags) {
  if (v.startsWith("--")) return !v.includes("=") && valueFlags.includes(v.slice(2));
  const n = v.length;
  const c = v.charCodeAt(n - 1);
  const pair = n >= 3 && c >= 56320 && c <= 57343 && (v.charCodeAt(n - 2) & 64512) === 55296;
  return valueFlags.includes(pair ? v.slice(n - 2) : v.slice(n - 1));
}
function runMounts(run) {
  const out = [];
  if (run.flags.length === 0) return out;
  for (const f of run.flags) {
    if (f.name !== "mount" || f.value === null) continue;
    let type = "bind";
    let target = "";
    for (const part of f.value.split(",")) {
      const eq = part.indexOf("=");
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const val = eq < 0 ? "" : part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
      if (key === "type") type = val.toLowerCase();
      else if (key === "target" || key === "dst" || key === "destination") target = val;
    }
    out.push({ type, target });
  }
  return out;
}
function hasCacheMount(run, ...fragments) {
  return runMounts(run).some((m) => (m.type === "cache" || m.type === "tmpfs") && fragments.some((f) => m.target.includes(f)));
}
function appendToRun(run, command) {
  const range = runAppendRange(run);
  return range && { range, text: ` && ${command}` };
}

// src/rules/consecutive-runs.ts
var consecutive_runs_default = defineRule({
  code: "DL3059",
  name: "consecutive-runs",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "Multiple consecutive `RUN` instructions that could be consolidated.",
    why: "Each RUN creates a layer. Consecutive simple RUNs with the same options are usually one step split by accident; merging them makes fewer layers and lets a cleanup in the same RUN actually shrink the image.",
    bad: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl",
    good: "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl",
    fix: "Join the commands with `&&` in one RUN.",
    fixSafety: "Unsafe: the commands then share one shell, so a `cd` or `export` in the first one now affects the second, and the layer cache is split differently. Only offered for shell-form RUNs in a POSIX shell, without heredocs and with nothing but whitespace between them.",
    notes: "Like hadolint: comments between the RUNs do not separate them, RUNs with different flags (e.g. different `--mount`s) are not reported, and a RUN that already chains several commands is taken as a deliberate split. ONBUILD RUN is not checked. Under a PowerShell or cmd SHELL, statements are counted by `;`, `&&`, `||` and line breaks."
  },
  check(ctx) {
    const list = ctx.file.instructions;
    const countOf = (ins, posix) => posix || ins.json ? namedCount(commandsOf2(ctx, { run: ins, host: ins })) : statementCount(ins.argsText);
    for (let i = 1; i < list.length; i++) {
      const ins = list[i];
      const before = list[i - 1];
      if (ins.keyword !== "RUN" || before.keyword !== "RUN" || flagKey(before) !== flagKey(ins)) continue;
      const prevPosix = !before.json && ctx.shell(before) !== void 0;
      if (countOf(before, prevPosix) > 1) continue;
      const posix = !ins.json && ctx.shell(ins) !== void 0;
      if (countOf(ins, posix) > 1) continue;
      const fix = prevPosix && posix ? mergeFix(ctx.file, before, ins) : void 0;
      ctx.report({ range: ins.keywordRange, message: "Multiple consecutive `RUN` instructions. Consider consolidation.", ...fix && { fix } });
    }
  }
});
function statementCount(text) {
  return text.split(/;|&&|\|\||\n/).filter((s) => s.trim() !== "").length;
}
function flagKey(ins) {
  return ins.flags.length === 0 ? "" : ins.flags.map((f) => f.raw).join("\0");
}
function mergeFix(file, prev, cur) {
  const plain = (i) => !i.json && i.heredocs.length === 0 && i.argsText !== "";
  if (!plain(prev) || !plain(cur) || prev.range.end > cur.range.start) return void 0;
  if (trailingShellComment(prev) !== void 0) return void 0;
  const gap = file.text.slice(prev.range.end, cur.range.start);
  if (gap.trim() !== "") return void 0;
  const text = ` && ${file.escapeChar}${gap.includes("\r\n") ? "\r\n" : "\n"}    `;
  return { title: "Merge into the previous RUN", safety: "unsafe", edits: [{ range: file.lineIndex.range(prev.argsRange.end, cur.argsRange.start), text }] };
}
function namedCount(cmds) {
  let n = 0;
  for (const c of cmds) if (c.name !== "") n++;
  return n;
}

// src/rules/consistent-instruction-casing.ts
var consistent_instruction_casing_default = defineRule({
  code: "ConsistentInstructionCasing",
  name: "consistent-instruction-casing",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "safe",
  url: buildkitUrl("ConsistentInstructionCasing"),
  docs: {
    summary: "All instructions should use the same casing (all upper-case or all lower-case).",
    why: "Keywords are case-insensitive, but a file mixing `RUN` and `run` (or using `Run`) is harder to read and grep.",
    bad: "FROM alpine\nrun echo hello\nCOPY . /app\n",
    good: "FROM alpine\nRUN echo hello\nCOPY . /app\n",
    fix: "Write every keyword in the case most of the file already uses (upper-case on a tie).",
    fixSafety: "Safe: only the keyword spelling changes.",
    notes: "As in BuildKit, ARGs before the first FROM and ONBUILD trigger keywords are neither counted nor checked. dockhand's DH007 (instruction-not-uppercase, off by default) additionally asks for upper-case everywhere."
  },
  check(ctx) {
    const keywords = [];
    for (const stage of ctx.file.stages) {
      keywords.push(stage.from);
      for (const i of stage.instructions) keywords.push(i);
    }
    let lower = 0;
    let upper = 0;
    for (const ins of keywords) {
      const kw = ins.keywordRaw;
      if (isLower(kw)) lower++;
      else if (isUpper(kw)) upper++;
    }
    const majorityLower = lower > upper;
    for (const ins of keywords) {
      const kw = ins.keywordRaw;
      if (majorityLower ? isLower(kw) : isUpper(kw)) continue;
      const want = majorityLower ? kw.toLowerCase() : kw.toUpperCase();
      ctx.report({
        range: ins.keywordRange,
        message: `Command '${kw}' should match the case of the command majority (${majorityLower ? "lowercase" : "uppercase"})`,
        fix: { title: `Write '${want}'`, safety: "safe", edits: [{ range: ins.keywordRange, text: want }] }
      });
    }
  }
});

// src/rules/utils/dockhand-context-files.ts
import ignore from "ignore";

// src/expand/env.ts
function envGetter(env, caseInsensitive = false) {
  if (typeof env === "function") {
    return env;
  }
  if (env instanceof Map) {
    const map = env;
    if (!caseInsensitive) return (name) => map.get(name);
    return upperIndex(map.entries());
  }
  const record = env;
  if (!caseInsensitive) {
    return (name) => Object.prototype.hasOwnProperty.call(record, name) ? record[name] : void 0;
  }
  return upperIndex(Object.entries(record));
}
function upperIndex(entries) {
  const index = /* @__PURE__ */ new Map();
  for (const [k, v] of entries) index.set(k.toUpperCase(), v);
  return (name) => index.get(name.toUpperCase());
}

// src/expand/unicode.ts
var EOF2 = -1;
var letterClass = lazy(() => /^\p{L}$/u);
var digitClass = lazy(() => /^\p{Nd}$/u);
var nonPrintableClass = lazy(() => /^[\p{C}\p{Z}]$/u);
function isSpace(cp) {
  if (cp <= 255) {
    return cp === 32 || cp >= 9 && cp <= 13 || cp === 133 || cp === 160;
  }
  return cp === 5760 || cp >= 8192 && cp <= 8202 || cp === 8232 || cp === 8233 || cp === 8239 || cp === 8287 || cp === 12288;
}
function isLetter2(cp) {
  if (cp < 128) return cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122;
  return letterClass().test(String.fromCodePoint(cp));
}
function isDigit2(cp) {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return digitClass().test(String.fromCodePoint(cp));
}
function codePoints(s) {
  const out = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i);
    out.push(cp);
    i += cp > 65535 ? 2 : 1;
  }
  return out;
}
function fromCodePoints(cps, start = 0, end = cps.length) {
  let out = "";
  const CHUNK = 4096;
  for (let i = start; i < end; i += CHUNK) {
    const stop = Math.min(end, i + CHUNK);
    const part = [];
    for (let j = i; j < stop; j++) part.push(cps[j]);
    out += String.fromCodePoint(...part);
  }
  return out;
}
function goQuote2(s) {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    switch (cp) {
      case 7:
        out += "\\a";
        continue;
      case 8:
        out += "\\b";
        continue;
      case 12:
        out += "\\f";
        continue;
      case 10:
        out += "\\n";
        continue;
      case 13:
        out += "\\r";
        continue;
      case 9:
        out += "\\t";
        continue;
      case 11:
        out += "\\v";
        continue;
      case 92:
        out += "\\\\";
        continue;
      case 34:
        out += '\\"';
        continue;
    }
    if (cp === 32 || cp < 127 && cp > 32) {
      out += ch;
    } else if (cp < 32 || cp === 127) {
      out += "\\x" + cp.toString(16).padStart(2, "0");
    } else if (cp >= 55296 && cp <= 57343) {
      out += "\\ufffd";
    } else if (isPrintable(ch)) {
      out += ch;
    } else if (cp <= 65535) {
      out += "\\u" + cp.toString(16).padStart(4, "0");
    } else {
      out += "\\U" + cp.toString(16).padStart(8, "0");
    }
  }
  return out + '"';
}
function isPrintable(ch) {
  return !nonPrintableClass().test(ch);
}

// src/expand/errors.ts
var ExpansionError = class extends Error {
  /** The word that was being processed, as given. */
  word;
  /** BuildKit's inner message, e.g. `syntax error: bad substitution`. */
  reason;
  /** Names found before the error (BuildKit still reports lookups made before failing). */
  matched;
  /** Names not found before the error. */
  unmatched;
  constructor(word, reason, matched = /* @__PURE__ */ new Set(), unmatched = /* @__PURE__ */ new Set()) {
    super(`failed to process ${goQuote2(word)}: ${reason}`);
    this.name = "ExpansionError";
    this.word = word;
    this.reason = reason;
    this.matched = matched;
    this.unmatched = unmatched;
  }
};

// src/expand/pattern.ts
var ANY = -1;
var STAR = -2;
var NEWLINE = 10;
var BACKSLASH = 92;
var PatternSyntaxError = class extends Error {
};
function compilePattern(pattern) {
  const cps = codePoints(pattern);
  const out = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    if (cp === 42) {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else if (cp === 63) {
      out.push(ANY);
    } else if (cp === BACKSLASH) {
      const next = i + 1 < cps.length ? cps[i + 1] : -1;
      if (next === 125 || next === 47) continue;
      i++;
      if (next !== 42 && next !== 63 && next !== BACKSLASH) {
        const shown = next < 0 ? "\uFFFD" : String.fromCodePoint(next);
        throw new PatternSyntaxError(`invalid escape '\\${shown}'`);
      }
      out.push(next);
    } else {
      out.push(cp);
    }
  }
  return out;
}
function reversePattern(pattern) {
  const cps = codePoints(pattern);
  const out = new Array(cps.length);
  const last = cps.length - 1;
  for (let i = 0; i <= last; ) {
    const at = last - i;
    if (cps[i] === BACKSLASH && i !== last) {
      out[at - 1] = BACKSLASH;
      out[at] = cps[i + 1];
      i += 2;
    } else {
      out[at] = cps[i];
      i++;
    }
  }
  return fromCodePoints(out);
}
var StateList = class {
  states;
  starts;
  mark;
  count = 0;
  generation = 1;
  constructor(size) {
    this.states = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.mark = new Int32Array(size);
  }
  clear() {
    this.count = 0;
    this.generation++;
  }
  has(state) {
    return this.mark[state] === this.generation;
  }
};
var PatternMatcher = class {
  tokens;
  accept;
  cur;
  next;
  constructor(tokens) {
    this.tokens = tokens;
    this.accept = tokens.length;
    this.cur = new StateList(tokens.length + 1);
    this.next = new StateList(tokens.length + 1);
  }
  add(list, state, start) {
    for (; ; ) {
      if (list.mark[state] === list.generation) {
        if (list.starts[state] <= start) return;
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
  step(cp, maxStart) {
    const { cur, next, tokens } = this;
    next.clear();
    for (let k = 0; k < cur.count; k++) {
      const state = cur.states[k];
      if (state === this.accept) continue;
      const start = cur.starts[state];
      if (start > maxStart) continue;
      const tok = tokens[state];
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
  matchPrefix(cps, greedy) {
    this.cur.clear();
    this.add(this.cur, 0, 0);
    let end = -1;
    for (let i = 0; ; i++) {
      if (this.cur.has(this.accept)) {
        end = i;
        if (!greedy) return end;
      }
      if (i === cps.length || this.cur.count === 0) return end;
      this.step(cps[i], 0);
    }
  }
  /**
   * Leftmost match at or after `from` with greedy stars (Go's FindStringIndex semantics for
   * these patterns: leftmost start, then longest end). Returns [start, end] or null.
   */
  search(cps, from) {
    this.cur.clear();
    let bestStart = -1;
    let bestEnd = -1;
    for (let i = from; ; i++) {
      if (bestStart < 0) this.add(this.cur, 0, i);
      if (this.cur.has(this.accept)) {
        const start = this.cur.starts[this.accept];
        if (bestStart < 0 || start < bestStart) {
          bestStart = start;
          bestEnd = i;
        } else if (start === bestStart) {
          bestEnd = i;
        }
      }
      if (i === cps.length) break;
      if (bestStart >= 0 && this.cur.count === 0) break;
      this.step(cps[i], bestStart < 0 ? Number.MAX_SAFE_INTEGER : bestStart);
      if (bestStart >= 0 && this.cur.count === 0) break;
    }
    return bestStart < 0 ? null : [bestStart, bestEnd];
  }
};
function offsetsOf(s, count) {
  const offs = new Int32Array(count + 1);
  let k = 0;
  for (let i = 0; i < s.length; ) {
    offs[k++] = i;
    i += s.codePointAt(i) > 65535 ? 2 : 1;
  }
  offs[k] = s.length;
  return offs;
}
function trimPrefix(pattern, value, greedy) {
  const matcher = new PatternMatcher(compilePattern(pattern));
  const cps = codePoints(value);
  const end = matcher.matchPrefix(cps, greedy);
  if (end <= 0) return value;
  return value.slice(offsetsOf(value, cps.length)[end]);
}
function trimSuffix(reversedPattern, value, greedy) {
  const matcher = new PatternMatcher(compilePattern(reversedPattern));
  const cps = codePoints(value);
  const reversed = cps.slice().reverse();
  const cut = matcher.matchPrefix(reversed, greedy);
  if (cut <= 0) return value;
  return value.slice(0, offsetsOf(value, cps.length)[cps.length - cut]);
}
function replaceFirst(pattern, value, replacement2) {
  const matcher = new PatternMatcher(compilePattern(pattern));
  const cps = codePoints(value);
  const m = matcher.search(cps, 0);
  if (!m) return value;
  const offs = offsetsOf(value, cps.length);
  return value.slice(0, offs[m[0]]) + replacement2 + value.slice(offs[m[1]]);
}
function replaceAll(pattern, value, replacement2) {
  const matcher = new PatternMatcher(compilePattern(pattern));
  const cps = codePoints(value);
  const offs = offsetsOf(value, cps.length);
  let out = "";
  let lastEnd = 0;
  let pos = 0;
  while (pos <= cps.length) {
    const m = matcher.search(cps, pos);
    if (!m) break;
    out += value.slice(offs[lastEnd], offs[m[0]]);
    if (m[1] > lastEnd || m[0] === 0) {
      out += expandTemplate(replacement2, value.slice(offs[m[0]], offs[m[1]]));
    }
    lastEnd = m[1];
    pos = Math.max(pos + 1, m[1]);
  }
  return out + value.slice(offs[lastEnd]);
}
function isNameChar(cp) {
  return isLetter2(cp) || isDigit2(cp) || cp === 95;
}
function expandTemplate(template, match) {
  if (!template.includes("$")) return template;
  let out = "";
  let rest = template;
  for (; ; ) {
    const dollar = rest.indexOf("$");
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const ref = extractReference(rest);
    if (!ref) {
      out += "$";
      continue;
    }
    rest = ref.rest;
    if (ref.num === 0) out += match;
  }
  return out + rest;
}
function extractReference(s) {
  let i = 0;
  const brace = s.startsWith("{");
  if (brace) i = 1;
  const nameStart = i;
  while (i < s.length) {
    const cp = s.codePointAt(i);
    if (!isNameChar(cp)) break;
    i += cp > 65535 ? 2 : 1;
  }
  if (i === nameStart) return null;
  const name = s.slice(nameStart, i);
  if (brace) {
    if (s[i] !== "}") return null;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 48 || c > 57 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 48);
  }
  if (name[0] === "0" && name.length > 1) num = -1;
  return { num, rest: s.slice(i) };
}

// src/expand/lexer.ts
var DOLLAR = 36;
var SINGLE = 39;
var DOUBLE = 34;
var OPEN_BRACE = 123;
var CLOSE_BRACE = 125;
var COLON = 58;
var SLASH = 47;
var LT = 60;
var LexError2 = class extends Error {
};
var Words2 = class {
  word = "";
  words = [];
  inWord = false;
  // 0: no `<` tail; 1: ends with one `<`; 2: ends with `<<`; 3: ends with `<<` then blanks.
  heredocTail = 0;
  addChar(cp) {
    if (isSpace(cp)) {
      if (!this.inWord) return;
      if (this.heredocTail >= 2 && (cp === 32 || cp === 9 || cp === 13)) {
        this.addRawChar(cp);
        return;
      }
      if (this.word.length !== 0) {
        this.words.push(this.word);
        this.word = "";
        this.inWord = false;
        this.heredocTail = 0;
      }
      return;
    }
    this.addRawChar(cp);
  }
  addRawChar(cp) {
    this.word += String.fromCodePoint(cp);
    this.inWord = true;
    this.track(cp);
  }
  addString(s) {
    for (const ch of s) this.addChar(ch.codePointAt(0));
  }
  addRawString(s) {
    this.word += s;
    this.inWord = true;
    for (const ch of s) this.track(ch.codePointAt(0));
  }
  finish() {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = "";
      this.inWord = false;
    }
    return this.words;
  }
  track(cp) {
    if (cp === LT) this.heredocTail = this.heredocTail === 1 || this.heredocTail === 2 ? 2 : 1;
    else if (this.heredocTail >= 2 && (cp === 32 || cp === 9 || cp === 13)) this.heredocTail = 3;
    else this.heredocTail = 0;
  }
};
function isSpecialParam2(cp) {
  switch (cp) {
    case 64:
    case 42:
    case 35:
    case 63:
    case 45:
    case 36:
    case 33:
    case 48:
      return true;
    default:
      return false;
  }
}
function runeString(cp) {
  return cp < 0 ? "\uFFFD" : String.fromCodePoint(cp);
}
var ShellWord = class {
  constructor(src, env, opts) {
    this.src = src;
    this.env = env;
    this.pos = src.charCodeAt(0) === 65279 ? 1 : 0;
    this.escape = (opts.escapeToken ?? "\\").codePointAt(0);
    this.rawEscapes = opts.rawEscapes ?? false;
    this.rawQuotes = opts.rawQuotes ?? false;
    this.skipUnset = opts.skipUnsetEnv ?? false;
    this.skipQuotes = opts.skipProcessQuotes ?? false;
  }
  src;
  env;
  pos;
  rawEscapes;
  matched = /* @__PURE__ */ new Set();
  unmatched = /* @__PURE__ */ new Set();
  escape;
  rawQuotes;
  skipUnset;
  skipQuotes;
  peek() {
    return this.pos < this.src.length ? this.src.codePointAt(this.pos) : EOF2;
  }
  next() {
    if (this.pos >= this.src.length) return EOF2;
    const cp = this.src.codePointAt(this.pos);
    this.pos += cp > 65535 ? 2 : 1;
    return cp;
  }
  /** Processes the whole word (top level), optionally splitting it into words. */
  run(words) {
    return this.processStopOn(EOF2, this.rawEscapes, words);
  }
  /**
   * The characters from the current one (which starts no expansion, quote or escape) up to the
   * next `$`, escape token, `stop` or, when `quotes`, quote, consumed. All of those are ASCII, so
   * the run ends on a code point boundary and slicing it equals reading it code point by code point.
   */
  literalRun(stop, quotes) {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    for (; i < src.length; i++) {
      const c = src.charCodeAt(i);
      if (c === DOLLAR || c === this.escape || c === stop || quotes && (c === SINGLE || c === DOUBLE)) break;
    }
    this.pos = i;
    return src.slice(start, i);
  }
  /** Processes up to (and consuming) `stop`, or to the end of input when `stop` is EOF. */
  processStopOn(stop, rawEscapes, words) {
    let result = "";
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      for (; ; ) {
        let ch = this.peek();
        if (ch === EOF2) break;
        if (stop !== EOF2 && ch === stop) {
          this.next();
          return result;
        }
        if (ch === DOLLAR) {
          const value = this.processDollar();
          result += value;
          words?.addString(value);
        } else if (!this.skipQuotes && (ch === SINGLE || ch === DOUBLE)) {
          const value = ch === SINGLE ? this.processSingleQuote() : this.processDoubleQuote();
          result += value;
          words?.addRawString(value);
        } else if (words === null && ch !== this.escape) {
          result += this.literalRun(stop, !this.skipQuotes);
        } else {
          ch = this.next();
          if (ch === this.escape) {
            if (this.rawEscapes) {
              words?.addRawChar(ch);
              result += String.fromCodePoint(ch);
            }
            ch = this.next();
            if (ch === EOF2) break;
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
    if (stop !== EOF2) {
      throw new LexError2(`unexpected end of statement while looking for matching ${runeString(stop)}`);
    }
    return result;
  }
  processSingleQuote() {
    let result = "";
    const open = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(open);
    const close = this.src.indexOf("'", this.pos);
    if (close < 0) throw new LexError2("unexpected end of statement while looking for matching single-quote");
    result += this.src.slice(this.pos, close);
    this.pos = close + 1;
    if (this.rawQuotes) result += "'";
    return result;
  }
  processDoubleQuote() {
    let result = "";
    const open = this.next();
    if (this.rawQuotes) result += String.fromCodePoint(open);
    for (; ; ) {
      const peeked = this.peek();
      if (peeked === EOF2) {
        throw new LexError2("unexpected end of statement while looking for matching double-quote");
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
        result += this.literalRun(DOUBLE, false);
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) result += String.fromCodePoint(ch);
        const after = this.peek();
        if (after === EOF2) continue;
        if (after === DOUBLE || after === DOLLAR || after === this.escape) ch = this.next();
      }
      result += String.fromCodePoint(ch);
    }
  }
  processDollar() {
    this.next();
    if (this.peek() !== OPEN_BRACE) {
      const name2 = this.processName();
      if (name2 === "") return "$";
      const value2 = this.getEnv(name2);
      if (value2 === void 0) return this.skipUnset ? "$" + name2 : "";
      return value2;
    }
    this.next();
    const first = this.peek();
    if (first === EOF2) throw new LexError2("syntax error: missing '}'");
    if (first === OPEN_BRACE || first === CLOSE_BRACE || first === COLON) {
      throw new LexError2("syntax error: bad substitution");
    }
    const name = this.processName();
    let ch = this.next();
    let modifier = runeString(ch);
    if (ch === CLOSE_BRACE) {
      const value2 = this.getEnv(name);
      if (value2 === void 0) return this.skipUnset ? `\${${name}}` : "";
      return value2;
    }
    if (ch === SLASH) return this.processReplace(name);
    let nullIsUnset = false;
    if (ch === COLON) {
      nullIsUnset = true;
      ch = this.next();
      modifier += runeString(ch);
    } else if (ch !== 43 && ch !== 45 && ch !== 63 && ch !== 35 && ch !== 37) {
      throw new LexError2(`unsupported modifier (${modifier}) in substitution`);
    }
    const isPatternOp = ch === 35 || ch === 37;
    if (nullIsUnset && isPatternOp) throw new LexError2(`unsupported modifier (${modifier}) in substitution`);
    let word = this.processUntilBrace(isPatternOp);
    const value = this.getEnv(name);
    if (value === void 0 && this.skipUnset) return `\${${name}${modifier}${word}}`;
    const unset = value === void 0 || nullIsUnset && value === "";
    switch (ch) {
      case 45:
        return unset ? word : value;
      case 43:
        return unset ? "" : word;
      case 63:
        if (value === void 0) throw new LexError2(`${name}: ${word !== "" ? word : "is not allowed to be unset"}`);
        if (nullIsUnset && value === "") {
          throw new LexError2(`${name}: ${word !== "" ? word : "is not allowed to be empty"}`);
        }
        return value;
      case 35:
      // `#` / `##`
      case 37: {
        let greedy = false;
        if (word.length > 0 && word.codePointAt(0) === ch) {
          greedy = true;
          word = word.slice(1);
        }
        const subject = value ?? "";
        if (ch === 37) {
          const reversed = reversePattern(word);
          return this.withPattern(reversed, () => trimSuffix(reversed, subject, greedy));
        }
        return this.withPattern(word, () => trimPrefix(word, subject, greedy));
      }
      default:
        throw new LexError2(`unsupported modifier (${modifier}) in substitution`);
    }
  }
  /** `${name/pattern/replacement}` and `${name//pattern/replacement}`, after the first `/`. */
  processReplace(name) {
    const all = this.peek() === SLASH;
    if (all) this.next();
    let pattern;
    try {
      pattern = this.processStopOn(SLASH, true, null);
    } catch (err) {
      if (err instanceof LexError2 && this.peek() === EOF2) throw new LexError2("syntax error: missing '/' in ${}");
      throw err;
    }
    const replacement2 = this.processUntilBrace(true);
    const value = this.getEnv(name);
    if (value === void 0 && this.skipUnset) return `\${${name}/${pattern}/${replacement2}}`;
    const subject = value ?? "";
    return this.withPattern(
      pattern,
      () => all ? replaceAll(pattern, subject, replacement2) : replaceFirst(pattern, subject, replacement2)
    );
  }
  /** The word of a `${name<op>word}` form, up to the closing brace. */
  processUntilBrace(rawEscapes) {
    try {
      return this.processStopOn(CLOSE_BRACE, rawEscapes, null);
    } catch (err) {
      if (err instanceof LexError2 && this.peek() === EOF2) throw new LexError2("syntax error: missing '}'");
      throw err;
    }
  }
  withPattern(pattern, fn) {
    try {
      return fn();
    } catch (err) {
      if (err instanceof PatternSyntaxError) {
        throw new LexError2(`invalid pattern (${pattern}) in substitution: ${err.message}`);
      }
      throw err;
    }
  }
  /** A name: letters, digits and `_`; or all leading digits; or one special parameter character. */
  processName() {
    const start = this.pos;
    const first = this.peek();
    if (first === EOF2) return "";
    if (isDigit2(first)) {
      while (isDigit2(this.peek())) this.next();
      return this.src.slice(start, this.pos);
    }
    if (isSpecialParam2(first)) {
      this.next();
      return String.fromCodePoint(first);
    }
    for (; ; ) {
      const ch = this.peek();
      if (ch === EOF2 || !(isLetter2(ch) || isDigit2(ch) || ch === 95)) break;
      this.next();
    }
    return this.src.slice(start, this.pos);
  }
  getEnv(name) {
    const value = this.env(name);
    if (value === void 0) this.unmatched.add(name);
    else this.matched.add(name);
    return value;
  }
};
function runLexer(word, env, opts, fn) {
  const sw = new ShellWord(word, envGetter(env, opts.caseInsensitiveEnv), opts);
  try {
    return fn(sw);
  } catch (err) {
    if (err instanceof LexError2) throw new ExpansionError(word, err.message, sw.matched, sw.unmatched);
    if (err instanceof RangeError) {
      throw new ExpansionError(word, "substitution nested too deeply", sw.matched, sw.unmatched);
    }
    throw err;
  }
}
function processWords(word, env, opts = {}) {
  return runLexer(word, env, opts, (sw) => {
    const words = new Words2();
    sw.run(words);
    return words.finish();
  });
}
function processWordWithMatches(word, env, opts = {}) {
  return runLexer(word, env, opts, (sw) => {
    const result = sw.run(null);
    return { result, matched: sw.matched, unmatched: sw.unmatched };
  });
}
function needsLexer(word, escapeToken) {
  const esc = escapeToken.charCodeAt(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 36 || c === 39 || c === 34 || c === 65279 || c === esc) return true;
  }
  return false;
}

// src/semantic/csv.ts
function utf8Length2(s) {
  return new TextEncoder().encode(s).length;
}
function parseCsvRecord(input) {
  let line = input;
  if (line.endsWith("\r\n")) line = line.slice(0, -2);
  else if (line.endsWith("\n")) line = line.slice(0, -1);
  if (line === "") return { error: "EOF" };
  const err = (pos2, what) => ({
    error: `parse error on line 1, column ${utf8Length2(line.slice(0, pos2)) + 1}: ${what}`
  });
  const fields = [];
  let pos = 0;
  for (; ; ) {
    if (pos >= line.length || line[pos] !== '"') {
      const comma = line.indexOf(",", pos);
      const end = comma < 0 ? line.length : comma;
      const text2 = line.slice(pos, end);
      const quote = text2.indexOf('"');
      if (quote >= 0) return err(pos + quote, 'bare " in non-quoted-field');
      fields.push({ text: text2, start: pos, end });
      if (comma < 0) return { fields };
      pos = comma + 1;
      continue;
    }
    const start = pos;
    pos++;
    let text = "";
    for (; ; ) {
      const q = line.indexOf('"', pos);
      if (q < 0) return err(line.length, 'extraneous or missing " in quoted-field');
      text += line.slice(pos, q);
      pos = q + 1;
      const next = line[pos];
      if (next === '"') {
        text += '"';
        pos++;
        continue;
      }
      if (next === ",") {
        fields.push({ text, start, end: pos });
        pos++;
        break;
      }
      if (next === void 0) {
        fields.push({ text, start, end: pos });
        return { fields };
      }
      return err(pos - 1, 'extraneous or missing " in quoted-field');
    }
  }
}

// src/semantic/paths.ts
function cleanPath(p) {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}
function joinPath(...parts) {
  const nonEmpty = parts.filter((p) => p !== "");
  return nonEmpty.length === 0 ? "" : cleanPath(nonEmpty.join("/"));
}
function basePath(p) {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}
function resolveWorkdir(current, requested) {
  if (requested.startsWith("/")) return cleanPath(requested);
  return joinPath(current ?? "/", requested) || "/";
}

// src/semantic/mount.ts
var MOUNT_TYPES = /* @__PURE__ */ new Set(["bind", "cache", "tmpfs", "secret", "ssh"]);
var SHARING = /* @__PURE__ */ new Set(["shared", "private", "locked"]);
function parseBool(v) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return void 0;
}
function parseUint32(v, base2) {
  const re = base2 === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!re.test(v)) return void 0;
  const n = parseInt(v, base2);
  return n <= 4294967295 ? n : void 0;
}
function ramInBytes(v) {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(v);
  if (!m) return void 0;
  const size = parseFloat(m[1]);
  if (Number.isNaN(size)) return void 0;
  const unit = (m[2] ?? "").toLowerCase();
  const mult = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }[unit] ?? 1;
  return Math.trunc(size * mult);
}
function parseMount(spec, expand, workdir) {
  const csv = parseCsvRecord(spec);
  if ("error" in csv) return { error: `failed to parse csv mounts: ${csv.error}`, fields: [] };
  const fields = [];
  const m = { type: "bind", readonly: false, required: false, fields };
  let roAuto = true;
  const fail = (error2) => ({ error: error2, fields });
  for (const f of csv.fields) {
    const eq = f.text.indexOf("=");
    if (eq < 0 || f.text.slice(0, eq).toLowerCase() !== "from") continue;
    const value = f.text.slice(eq + 1);
    const dollar = value.indexOf("$");
    if (dollar >= 0 && dollar !== value.length - 1) {
      return fail("'from' doesn't support variable expansion, define alias stage instead");
    }
  }
  for (const f of csv.fields) {
    const field = toField(f, expand);
    if ("error" in field) return fail(field.error);
    fields.push(field);
    const { key, value } = field;
    if (value === null) {
      switch (key) {
        case "readonly":
        case "ro":
          m.readonly = true;
          roAuto = false;
          continue;
        case "readwrite":
        case "rw":
          m.readonly = false;
          roAuto = false;
          continue;
        case "required":
          if (m.type === "secret" || m.type === "ssh") {
            m.required = true;
            continue;
          }
          return fail(`unexpected key '${key}' for mount type '${m.type}'`);
        default:
          return fail(`invalid field '${f.text}' must be a key=value pair`);
      }
    }
    switch (key) {
      case "type": {
        const t = value.toLowerCase();
        if (!MOUNT_TYPES.has(t)) return fail(`unsupported mount type "${value}"`);
        m.type = t;
        break;
      }
      case "from":
        m.from = value;
        break;
      case "source":
      case "src":
        m.source = value;
        break;
      case "target":
      case "dst":
      case "destination":
        m.target = value;
        break;
      case "readonly":
      case "ro": {
        const b2 = parseBool(value);
        if (b2 === void 0) return fail(`invalid value for ${key}: ${value}`);
        m.readonly = b2;
        roAuto = false;
        break;
      }
      case "readwrite":
      case "rw": {
        const b2 = parseBool(value);
        if (b2 === void 0) return fail(`invalid value for ${key}: ${value}`);
        m.readonly = !b2;
        roAuto = false;
        break;
      }
      case "required": {
        if (m.type !== "secret" && m.type !== "ssh") return fail(`unexpected key '${key}' for mount type '${m.type}'`);
        const b2 = parseBool(value);
        if (b2 === void 0) return fail(`invalid value for ${key}: ${value}`);
        m.required = b2;
        break;
      }
      case "size": {
        if (m.type !== "tmpfs") return fail(`unexpected key '${key}' for mount type '${m.type}'`);
        const n = ramInBytes(value);
        if (n === void 0) return fail(`invalid value for ${key}: ${value}`);
        m.size = n;
        break;
      }
      case "id":
        m.id = value;
        break;
      case "sharing": {
        const s = value.toLowerCase();
        if (!SHARING.has(s)) return fail(`unsupported sharing value "${value}"`);
        m.sharing = s;
        break;
      }
      case "mode": {
        const n = parseUint32(value, 8);
        if (n === void 0) return fail(`invalid value ${value} for mode`);
        m.mode = n;
        break;
      }
      case "uid":
      case "gid": {
        const n = parseUint32(value, 10);
        if (n === void 0) return fail(`invalid value ${value} for ${key}`);
        m[key] = n;
        break;
      }
      case "env":
        m.env = value;
        break;
      default:
        return fail(`unexpected key '${key}' in '${f.text}'`);
    }
  }
  const error = validate2(m, roAuto);
  if (error) return fail(error);
  const targetError = applyDefaults(m, workdir);
  if (targetError) return fail(targetError);
  return { mount: m };
}
function toField(f, expand) {
  const eq = f.text.indexOf("=");
  if (eq < 0) return { key: f.text.toLowerCase(), value: null, rawValue: null, start: f.start, end: f.end };
  const rawValue = f.text.slice(eq + 1);
  const quoted = f.end - f.start !== f.text.length;
  const expanded = quoted ? expand(rawValue, f.start, f.end) : expand(rawValue, f.start + eq + 1, f.end);
  if ("error" in expanded) return expanded;
  return { key: f.text.slice(0, eq).toLowerCase(), value: expanded.value, rawValue, start: f.start, end: f.end };
}
function validate2(m, roAuto) {
  const fileInfoAllowed = m.type === "secret" || m.type === "ssh" || m.type === "cache";
  if (!fileInfoAllowed) {
    if (m.mode !== void 0) return `mode not allowed for "${m.type}" type mounts`;
    if (m.uid !== void 0) return `uid not allowed for "${m.type}" type mounts`;
    if (m.gid !== void 0) return `gid not allowed for "${m.type}" type mounts`;
  }
  if (roAuto) m.readonly = !(m.type === "cache" || m.type === "tmpfs");
  if (m.type === "secret") {
    if (m.from) return "secret mount should not have a from";
    if (m.sharing) return "secret mount should not define sharing";
    if (!m.source && !m.target && !m.id) return "invalid secret mount. one of source, target required";
    if (m.source && m.id) return "both source and id can't be set";
  }
  if (m.sharing && m.type !== "cache") return `invalid cache sharing set for ${m.type} mount`;
  return void 0;
}
function applyDefaults(m, workdir) {
  switch (m.type) {
    case "secret": {
      const id = m.source || m.id || basePath(m.target ?? "");
      m.effectiveId = id;
      m.effectiveTarget = m.target || (m.env === void 0 ? `/run/secrets/${basePath(id)}` : void 0);
      m.mode ??= 256;
      return void 0;
    }
    case "ssh":
      if (m.source) return "ssh does not support source";
      m.effectiveId = m.id || "default";
      m.effectiveTarget = m.target || void 0;
      m.mode ??= 384;
      return void 0;
    default: {
      const target = m.target ?? "";
      const abs = cleanPath(target).startsWith("/") ? target : joinPath("/", workdir ?? "/", target);
      m.effectiveTarget = cleanPath(abs);
      if (m.effectiveTarget === "/") return `invalid mount target "/"`;
      if (m.type === "cache") {
        m.effectiveId = m.id || cleanPath(target);
        m.sharing ??= "shared";
      }
      return void 0;
    }
  }
}

// src/semantic/platform.ts
function formatPlatform(p) {
  return `${p.os}/${p.arch}${p.variant ? `/${p.variant}` : ""}`;
}
function automaticArgs(target, build, targetStage, buildArgs) {
  const last = lastAutomatic;
  if (last && last.target === target && last.build === build && last.targetStage === targetStage && last.buildArgs === buildArgs) return last.map;
  const entries = [
    ["BUILDPLATFORM", formatPlatform(build)],
    ["BUILDOS", build.os],
    ["BUILDOSVERSION", ""],
    ["BUILDARCH", build.arch],
    ["BUILDVARIANT", build.variant ?? ""],
    ["TARGETPLATFORM", formatPlatform(target)],
    ["TARGETOS", target.os],
    ["TARGETOSVERSION", ""],
    ["TARGETARCH", target.arch],
    ["TARGETVARIANT", target.variant ?? ""],
    ["TARGETSTAGE", targetStage]
  ];
  const out = /* @__PURE__ */ new Map();
  for (const [k, v] of entries) out.set(k, Object.prototype.hasOwnProperty.call(buildArgs, k) ? buildArgs[k] : v);
  lastAutomatic = { target, build, targetStage, buildArgs, map: out };
  return out;
}
var lastAutomatic;
function defaultShell(os) {
  return os === "windows" ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"];
}
function defaultPath(os) {
  return os === "windows" ? null : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

// src/semantic/scope.ts
var VersionedMap = class {
  constructor(initial, norm) {
    this.norm = norm;
    for (const [k, v] of initial) this.base.set(norm(k), [k, v]);
  }
  norm;
  history = /* @__PURE__ */ new Map();
  base = /* @__PURE__ */ new Map();
  version = 0;
  get current() {
    return this.version;
  }
  set(key, value) {
    const nk = this.norm(key);
    let h = this.history.get(nk);
    if (!h) this.history.set(nk, h = { at: [], key: [], value: [] });
    h.at.push(this.version++);
    h.key.push(key);
    h.value.push(value);
  }
  /** The entry for `key` as of `version`. */
  lookup(key, version) {
    const nk = this.norm(key);
    const h = this.history.get(nk);
    if (h) {
      let lo = 0;
      let hi = h.at.length;
      while (lo < hi) {
        const mid = lo + hi >>> 1;
        if (h.at[mid] < version) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) return [h.key[lo - 1], h.value[lo - 1]];
    }
    return this.base.get(nk);
  }
  /** All entries as of `version`, in first-insertion order. */
  entriesAt(version) {
    const out = /* @__PURE__ */ new Map();
    for (const nk of this.base.keys()) {
      const e = this.lookup(nk, version);
      out.set(e[0], e[1]);
    }
    for (const [nk, h] of this.history) {
      if (this.base.has(nk) || h.at[0] >= version) continue;
      const e = this.lookup(nk, version);
      out.set(e[0], e[1]);
    }
    return out;
  }
  view() {
    return new MapView(this, this.version);
  }
};
var MapView = class {
  constructor(map, version) {
    this.map = map;
    this.version = version;
  }
  map;
  version;
  materialized;
  get(key) {
    return this.map.lookup(key, this.version)?.[1];
  }
  has(key) {
    return this.map.lookup(key, this.version) !== void 0;
  }
  all() {
    return this.materialized ??= this.map.entriesAt(this.version);
  }
  get size() {
    return this.all().size;
  }
  entries() {
    return this.all().entries();
  }
  keys() {
    return this.all().keys();
  }
  values() {
    return this.all().values();
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this.all()) fn.call(thisArg, v, k, this);
  }
  [Symbol.iterator]() {
    return this.entries();
  }
};
var StageState = class {
  env;
  args;
  shell;
  shellExplicit;
  workdir;
  user;
  labels;
  constructor(start, caseInsensitive) {
    this.env = new VersionedMap(start.env, caseInsensitive ? (k) => k.toUpperCase() : (k) => k);
    this.args = new VersionedMap(start.args, (k) => k);
    this.shell = start.shell;
    this.shellExplicit = start.shellExplicit;
    this.workdir = start.workdir;
    this.user = start.user;
    this.labels = new Map(start.labels);
  }
  /** Variable lookup for the lexer (case-insensitive for Windows targets). */
  lookup = (name) => this.env.lookup(name, this.env.current)?.[1];
  setEnv(key, value) {
    this.env.set(key, value);
  }
  declareArg(arg) {
    this.args.set(arg.name, arg);
  }
  /** Is `name` declared with ARG in this stage chain? */
  isDeclared(name) {
    return this.args.lookup(name, this.args.current) !== void 0;
  }
  snapshot() {
    const last = this.last;
    if (last && this.lastEnv === this.env.current && this.lastArgs === this.args.current && last.shell === this.shell && last.shellExplicit === this.shellExplicit && last.workdir === this.workdir && last.user === this.user) {
      return last;
    }
    const scope = {
      env: this.env.view(),
      args: this.args.view(),
      shell: this.shell,
      shellExplicit: this.shellExplicit,
      workdir: this.workdir,
      user: this.user
    };
    this.last = scope;
    this.lastEnv = this.env.current;
    this.lastArgs = this.args.current;
    return scope;
  }
  last;
  lastEnv = -1;
  lastArgs = -1;
};
function fixedScope(env, args, shell) {
  return { env, args, shell, shellExplicit: false, workdir: null, user: null };
}

// src/semantic/build-model.ts
var NON_ENV_ARGS = /* @__PURE__ */ new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);
var DEFAULT_PLATFORM = { os: "linux", arch: "amd64" };
var NO_BUILD_ARGS = Object.freeze({});
var NONE = Object.freeze([]);
var NO_UNDEFINED = Object.freeze([]);
var NO_ENTRIES = /* @__PURE__ */ new Map();
var DEFAULT_ENV = /* @__PURE__ */ new Map([["PATH", defaultPath("linux")]]);
var HEREDOC_WORD2 = /^(\d*)<<(-?)\s*([^<]*)$/;
function buildModel(file, options = {}) {
  return new ModelBuilder(file, options).build();
}
var ModelBuilder = class {
  constructor(file, options) {
    this.file = file;
    this.buildArgs = options.buildArgs ?? NO_BUILD_ARGS;
    this.buildPlatform = options.buildPlatform ?? DEFAULT_PLATFORM;
    this.target = options.platform ?? this.buildPlatform;
    const last = file.stages[file.stages.length - 1];
    this.targetStage = options.target ?? last?.name ?? "";
    this.windows = this.target.os === "windows";
    this.escapeToken = file.escapeChar;
    file.stages.forEach((s) => {
      if (s.name) this.allNames.set(s.name.toLowerCase(), s.index);
    });
  }
  file;
  buildArgs;
  target;
  buildPlatform;
  targetStage;
  windows;
  escapeToken;
  /**
   * Infos of top-level instructions by position in `file.instructions` (found by offset: hashing
   * every instruction into a Map cost more than the rest of the model), and of ONBUILD triggers.
   */
  topInfos = [];
  triggerInfos = /* @__PURE__ */ new Map();
  /** Where the next top-level instruction is expected: they are registered in file order. */
  topCursor = 0;
  dependencies = [];
  stages = [];
  globalEnv = /* @__PURE__ */ new Map();
  /** Automatic args plus meta ARG defaults, ignoring build args (InvalidDefaultArgInFrom's view). */
  defaultsEnv = /* @__PURE__ */ new Map();
  globalArgs = [];
  globalScope;
  /** Names of the global ARGs (FROM lines' declared names). */
  metaNames = /* @__PURE__ */ new Set();
  /** Lower-cased stage name → index, as registered so far (FROM sees only earlier stages). */
  namesSoFar = /* @__PURE__ */ new Map();
  /** Lower-cased stage name → last index with that name (COPY --from and mounts see every stage). */
  allNames = /* @__PURE__ */ new Map();
  build() {
    const automatic = automaticArgs(this.target, this.buildPlatform, this.targetStage, this.buildArgs);
    this.globalEnv = this.file.globalArgs.length === 0 ? automatic : new Map(automatic);
    this.buildGlobalArgs();
    for (const stage of this.file.stages) this.buildStage(stage);
    const instructions = [];
    for (const info of this.topInfos) if (info) instructions.push(info);
    const stagesByIndex = this.stages;
    const allNames = this.allNames;
    const tops = this.topInfos;
    const triggers = this.triggerInfos;
    const list = this.file.instructions;
    const infoOf = (ins) => {
      const at = topIndex(list, ins);
      return at >= 0 ? tops[at] : triggers.get(ins);
    };
    const opts = {
      buildArgs: { ...this.buildArgs },
      platform: this.target,
      buildPlatform: this.buildPlatform,
      target: this.targetStage
    };
    return {
      file: this.file,
      options: opts,
      automaticArgs: automatic,
      globalArgs: this.globalArgs,
      globalEnv: this.globalEnv,
      stages: stagesByIndex,
      instructions,
      dependencies: this.dependencies,
      infoOf,
      scopeBefore: (ins) => infoOf(ins)?.scope,
      resolveStageRef: (ref) => {
        if (typeof ref === "number") return Number.isInteger(ref) ? stagesByIndex[ref] : void 0;
        if (/^\d+$/.test(ref)) return stagesByIndex[Number(ref)];
        const index = allNames.get(ref.toLowerCase());
        return index === void 0 ? void 0 : stagesByIndex[index];
      },
      variableReferences: (ins) => infoOf(ins)?.expansions ?? [],
      undefinedVariables: (ins) => {
        const expansions = infoOf(ins)?.expansions;
        if (!expansions || !expansions.some((e) => e.undefinedNames.length > 0)) return NO_UNDEFINED;
        return expansions.flatMap((e) => e.undefinedNames.map((name) => ({ name, expansion: e })));
      }
    };
  }
  // ---- global (meta) ARGs -------------------------------------------------------------------
  buildGlobalArgs() {
    const declared = /* @__PURE__ */ new Map();
    const defaultsEnv = this.file.globalArgs.length === 0 ? this.globalEnv : new Map(this.globalEnv);
    this.defaultsEnv = defaultsEnv;
    for (const ins of this.file.globalArgs) {
      const info = this.newInfo(ins, -1, fixedScope(new Map(this.globalEnv), new Map(declared), defaultShell(this.target.os)));
      info.args = [];
      for (const arg of ins.args) {
        const { name, value: def } = splitArg(arg.value);
        const nameRange2 = this.subRange(arg, 0, name.length);
        let defaultValue;
        let value;
        let source = "none";
        if (def !== void 0) {
          const valueRange2 = this.subRange(arg, name.length + 1, arg.value.length);
          const withDefaults = this.expand("global-arg-default", def, valueRange2, (n) => defaultsEnv.get(n), { report: false });
          defaultValue = withDefaults.result;
          const hasBuildArg = Object.prototype.hasOwnProperty.call(this.buildArgs, name);
          if (!hasBuildArg) {
            const exp = this.expand("global-arg-default", def, valueRange2, (n) => this.globalEnv.get(n), { report: false });
            info.expansions.push(exp);
            if (exp.error) info.errors.push(exp.error);
            value = exp.result;
            source = "default";
          }
        }
        if (Object.prototype.hasOwnProperty.call(this.buildArgs, name)) {
          value = this.buildArgs[name];
          source = "build-arg";
        }
        if (value !== void 0) this.globalEnv.set(name, value);
        if (defaultValue !== void 0) defaultsEnv.set(name, defaultValue);
        this.globalArgs.push({ name, default: def, defaultValue, value, source, instruction: ins, range: arg.range, nameRange: nameRange2 });
        const scoped = { name, value, source, instruction: ins };
        declared.set(name, scoped);
        info.args.push(scoped);
      }
    }
    this.globalScope = fixedScope(this.globalEnv, declared, defaultShell(this.target.os));
    this.metaNames = new Set(this.globalArgs.map((a2) => a2.name));
  }
  // ---- stages -------------------------------------------------------------------------------
  buildStage(stage) {
    const fromInfo = this.newInfo(stage.from, stage.index, this.globalScope);
    const metaNames = this.metaNames;
    const declaredMeta = (n) => metaNames.has(n);
    const baseExpansion = this.expand("from-image", stage.base, stage.baseRange, (n) => this.globalEnv.get(n), {
      report: true,
      declared: declaredMeta
    });
    fromInfo.expansions.push(baseExpansion);
    let platform = null;
    if (stage.platform !== null) {
      const flag = stage.from.flags.find((f) => f.name === "platform");
      const range = flag?.valueRange ?? flag?.range ?? stage.from.range;
      const exp = this.expand("from-platform", stage.platform, range, (n) => this.globalEnv.get(n), {
        report: true,
        declared: declaredMeta
      });
      fromInfo.expansions.push(exp);
      platform = { raw: stage.platform, value: exp.result, expansion: exp };
      if (exp.error) fromInfo.errors.push(exp.error);
      else if (exp.result === "") fromInfo.errors.push(`empty platform value from expression ${stage.platform}`);
    }
    let baseWithDefaults = null;
    if (!needsLexer(stage.base, this.escapeToken)) baseWithDefaults = stage.base;
    else {
      try {
        baseWithDefaults = processWordWithMatches(stage.base, this.defaultsEnv, { escapeToken: this.escapeToken }).result;
      } catch (err) {
        if (!(err instanceof ExpansionError)) throw err;
      }
    }
    let base2;
    if (baseExpansion.error) {
      fromInfo.errors.push(baseExpansion.error);
      base2 = { kind: "image", ref: stage.base, raw: stage.base };
    } else {
      const name = baseExpansion.result;
      if (name === "") fromInfo.errors.push(`base name (${stage.base}) should not be blank`);
      const earlier = this.namesSoFar.get(name);
      if (earlier !== void 0) base2 = { kind: "stage", index: earlier, raw: stage.base };
      else if (name === "scratch") base2 = { kind: "scratch", raw: stage.base };
      else base2 = { kind: "image", ref: name, raw: stage.base };
    }
    if (stage.name) this.namesSoFar.set(stage.name.toLowerCase(), stage.index);
    this.dependencies.push({
      kind: "base",
      stageIndex: stage.index,
      instruction: stage.from,
      target: stripRaw(base2),
      raw: stage.base,
      range: stage.baseRange,
      viaOnbuild: false
    });
    const parent = base2.kind === "stage" ? this.stages[base2.index] : void 0;
    const start = parent ? this.parentStart(parent) : this.freshStart();
    const state = new StageState(start, this.windows);
    const info = {
      index: stage.index,
      name: stage.name,
      displayName: stage.name ?? `stage-${stage.index}`,
      stage,
      base: base2,
      baseExpansion,
      baseWithDefaults,
      platform,
      baseConfigKnown: parent ? parent.baseConfigKnown : base2.kind === "scratch",
      initialScope: state.snapshot(),
      finalScope: state.snapshot(),
      inheritedTriggers: [],
      instructions: [],
      labels: state.labels
    };
    this.stages.push(info);
    if (parent) {
      for (const ins of parent.stage.instructions) {
        if (ins.keyword !== "ONBUILD" || !ins.trigger) continue;
        const triggerInfo = this.dispatch(ins.trigger, info, state, ins);
        info.inheritedTriggers.push(triggerInfo);
      }
    }
    for (const ins of stage.instructions) info.instructions.push(this.dispatch(ins, info, state, void 0));
    info.finalScope = state.snapshot();
  }
  parentStart(parent) {
    const s = parent.finalScope;
    return {
      env: s.env,
      args: s.args,
      shell: s.shell,
      shellExplicit: s.shellExplicit,
      workdir: s.workdir,
      user: s.user,
      labels: parent.labels
    };
  }
  freshStart() {
    return {
      env: this.windows ? NO_ENTRIES : DEFAULT_ENV,
      args: NO_ENTRIES,
      shell: defaultShell(this.target.os),
      shellExplicit: false,
      workdir: null,
      user: null,
      labels: NO_ENTRIES
    };
  }
  // ---- instructions -------------------------------------------------------------------------
  dispatch(ins, stage, state, onbuild) {
    const info = this.newInfo(ins, stage.index, state.snapshot(), onbuild);
    try {
      this.dispatchInto(info, ins, stage, state, onbuild);
    } catch (err) {
      info.errors.push(`internal error: ${err instanceof Error ? err.message : String(err)}`);
    }
    return info;
  }
  dispatchInto(info, ins, stage, state, onbuild) {
    const lookup2 = state.lookup;
    const word = this.wordFor(state, info);
    switch (ins.keyword) {
      case "ENV": {
        const applied = ins.pairs.map((p) => ({
          key: word("env-key", p.key, p.keyRange).result,
          value: word("env-value", p.value, p.valueRange).result
        }));
        for (const { key, value } of applied) state.setEnv(key, value);
        info.env = applied;
        break;
      }
      case "LABEL":
        for (const p of ins.pairs) {
          const key = word("label-key", p.key, p.keyRange).result;
          state.labels.set(key, word("label-value", p.value, p.valueRange).result);
        }
        break;
      case "ARG":
        info.args = ins.args.map((arg) => this.dispatchArg(ins, arg, state, word));
        break;
      case "WORKDIR": {
        const [text, range] = this.singleArg(ins);
        const exp = word("workdir", text, range);
        state.workdir = resolveWorkdir(state.workdir, exp.result);
        break;
      }
      case "USER": {
        const [text, range] = this.singleArg(ins);
        state.user = word("user", text, range).result;
        break;
      }
      case "STOPSIGNAL": {
        const [text, range] = this.singleArg(ins);
        word("stopsignal", text, range);
        break;
      }
      case "VOLUME":
        for (const a2 of ins.args) word("volume", a2.value, a2.range);
        break;
      case "EXPOSE":
        for (const a2 of ins.args) {
          const exp = word("expose", a2.value, a2.range, { report: false });
          if (!exp.error) exp.words = this.splitWords(a2.value, lookup2);
        }
        break;
      case "SHELL":
        if (ins.json && ins.args.length > 0) {
          state.shell = ins.args.map((a2) => a2.value);
          state.shellExplicit = true;
        }
        break;
      case "COPY":
      case "ADD":
        this.dispatchCopy(ins, stage, info, word, onbuild !== void 0);
        break;
      case "RUN":
        this.dispatchRun(ins, stage, info, state, onbuild !== void 0);
        break;
      default:
        break;
    }
  }
  dispatchArg(ins, arg, state, word) {
    const { name, value: def } = splitArg(arg.value);
    const hasBuildArg = Object.prototype.hasOwnProperty.call(this.buildArgs, name);
    let value;
    let source = "none";
    if (hasBuildArg) {
      value = this.buildArgs[name];
      source = "build-arg";
    } else if (def !== void 0) {
      value = word("arg-default", def, this.subRange(arg, name.length + 1, arg.value.length)).result;
      source = "default";
    } else if (this.globalEnv.has(name)) {
      value = this.globalEnv.get(name);
      source = "global";
    }
    if (value !== void 0 && !NON_ENV_ARGS.has(name)) state.setEnv(name, value);
    const scoped = { name, value, source, instruction: ins };
    state.declareArg(scoped);
    return scoped;
  }
  dispatchCopy(ins, stage, info, word, viaOnbuild) {
    const flag = (name) => lastFlag(ins.flags, name);
    const from = flag("from");
    if (from && ins.keyword === "COPY") {
      const dep = this.copyFromDependency(ins, stage, from, viaOnbuild);
      info.copyFrom = dep;
      if (dep.error) info.errors.push(dep.error);
      this.dependencies.push(dep);
    }
    for (const name of ["chown", "chmod", "checksum"]) {
      if (name === "checksum" && ins.keyword !== "ADD") continue;
      const f = flag(name);
      if (f && f.value !== null) word(name, f.value, f.valueRange ?? f.range);
    }
    const args = ins.args;
    const bodies = [];
    args.forEach((a2, i) => {
      const isDest = i === args.length - 1 && args.length >= 2;
      if (!isDest && !ins.json && HEREDOC_WORD2.test(a2.value) && bodies.length < ins.heredocs.length) {
        bodies.push(ins.heredocs[bodies.length]);
        return;
      }
      word(isDest ? "copy-dest" : "copy-source", a2.value, a2.range);
    });
    for (const doc of bodies) if (doc.expand) expandHeredoc(doc, word);
  }
  copyFromDependency(ins, stage, from, viaOnbuild) {
    const raw2 = from.value ?? "";
    const range = from.valueRange ?? from.range;
    const dep = { kind: "copy", stageIndex: stage.index, instruction: ins, target: { kind: "image", ref: raw2 }, raw: raw2, range, viaOnbuild };
    let unchanged = false;
    try {
      unchanged = processWordWithMatches(raw2, /* @__PURE__ */ new Map(), { escapeToken: this.escapeToken }).result === raw2;
    } catch (err) {
      if (!(err instanceof ExpansionError)) throw err;
      dep.error = err.message;
      return dep;
    }
    if (!unchanged) {
      dep.error = "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround";
      return dep;
    }
    let index;
    if (/^[+-]?\d+$/.test(raw2)) {
      index = Number(raw2);
      if (index < 0 || index >= this.file.stages.length) {
        dep.error = `invalid stage index ${index}`;
        return dep;
      }
    } else {
      index = this.allNames.get(raw2.toLowerCase());
    }
    if (index === void 0) {
      dep.target = raw2 === "scratch" ? { kind: "scratch" } : { kind: "image", ref: raw2 };
      return dep;
    }
    dep.target = { kind: "stage", index };
    if (index === stage.index) dep.error = `circular dependency detected on stage: ${stage.displayName}`;
    else if (index > stage.index) {
      dep.error = `cannot copy from stage "${raw2}", it needs to be defined before current stage "${stage.displayName}"`;
    }
    return dep;
  }
  dispatchRun(ins, stage, info, state, viaOnbuild) {
    const mounts = [];
    for (const f of ins.flags) {
      if (f.name !== "mount") continue;
      const spec = f.value ?? "";
      const flagRange = f.valueRange ?? f.range;
      const exact = f.valueRange !== null && this.file.text.slice(f.valueRange.start, f.valueRange.end) === spec;
      const fieldRange = (start, end) => exact ? this.file.lineIndex.range(flagRange.start + start, flagRange.start + end) : flagRange;
      const parsed = parseMount(
        spec,
        (value, start, end) => {
          const range = fieldRange(start, end);
          const exp = this.expand("mount", value, range, state.lookup, { report: true, declared: (n) => state.isDeclared(n) });
          info.expansions.push(exp);
          return exp.error ? { error: exp.error } : { value: exp.result };
        },
        state.workdir
      );
      const mountInfo = { spec, range: flagRange };
      if ("error" in parsed) {
        mountInfo.error = parsed.error;
        info.errors.push(parsed.error);
      } else {
        mountInfo.mount = parsed.mount;
        const m = parsed.mount;
        if (m.from !== void 0 && m.from !== "" && m.type !== "tmpfs" && m.type !== "secret" && m.type !== "ssh") {
          const fromField = m.fields.find((x) => x.key === "from");
          const range = fromField ? fieldRange(fromField.start, fromField.end) : flagRange;
          const index = this.allNames.get(m.from.toLowerCase());
          const target = index !== void 0 ? { kind: "stage", index } : m.from === "scratch" ? { kind: "scratch" } : { kind: "image", ref: m.from };
          mountInfo.from = target;
          const dep = { kind: "mount", stageIndex: stage.index, instruction: ins, target, raw: m.from, range, viaOnbuild };
          if (index !== void 0 && index >= stage.index) {
            dep.error = index === stage.index ? `circular dependency detected on stage: ${stage.displayName}` : `mount from stage "${m.from}" needs it to be defined before current stage "${stage.displayName}"`;
            info.errors.push(dep.error);
          }
          this.dependencies.push(dep);
        }
      }
      mounts.push(mountInfo);
    }
    info.mounts = mounts;
  }
  // ---- helpers ------------------------------------------------------------------------------
  wordState;
  wordInfo;
  wordFn;
  /**
   * The function expanding one word of `info` in `state` (recording it in the info). Built once
   * per stage state, not per instruction: the instruction it records into is swapped in here.
   */
  wordFor(state, info) {
    this.wordInfo = info;
    if (this.wordState === state && this.wordFn) return this.wordFn;
    this.wordState = state;
    const lookup2 = state.lookup;
    const declared = (n) => state.isDeclared(n);
    const plain = { report: true, declared };
    const fn = (role, text, range, opts) => {
      const target = this.wordInfo;
      const exp = this.expand(role, text, range, lookup2, opts ? { report: true, declared, ...opts } : plain);
      target.expansions.push(exp);
      if (exp.error) target.errors.push(exp.error);
      return exp;
    };
    this.wordFn = fn;
    return fn;
  }
  newInfo(ins, stageIndex, scope, onbuild) {
    const info = { instruction: ins, stageIndex, scope, expansions: [], errors: [] };
    if (onbuild) info.onbuild = onbuild;
    const list = this.file.instructions;
    let at = list[this.topCursor] === ins ? this.topCursor : -1;
    if (at < 0) at = topIndex(list, ins);
    if (at >= 0) {
      if (at >= this.topCursor) this.topCursor = at + 1;
      if (this.topInfos[at] === void 0) this.topInfos[at] = info;
    } else if (!this.triggerInfos.has(ins)) this.triggerInfos.set(ins, info);
    return info;
  }
  /** The single argument of WORKDIR / USER / STOPSIGNAL (BuildKit's whole rest of line). */
  singleArg(ins) {
    const a2 = ins.args[0];
    return a2 ? [a2.value, a2.range] : [ins.argsText, ins.argsRange];
  }
  /** Range of `[from, to)` within an argument when its source text is the value verbatim. */
  subRange(arg, from, to) {
    const { start, end } = arg.range;
    if (this.file.text.slice(start, end) !== arg.value) return arg.range;
    return this.file.lineIndex.range(start + from, start + to);
  }
  splitWords(text, lookup2) {
    try {
      return processWords(text, lookup2, { escapeToken: this.escapeToken, caseInsensitiveEnv: this.windows });
    } catch {
      return [];
    }
  }
  expand(role, word, range, lookup2, opts) {
    if (!needsLexer(word, opts.lexer?.escapeToken ?? this.escapeToken)) {
      return { role, word, range, result: word, matched: NONE, unmatched: NONE, undefinedNames: NONE };
    }
    const lexer2 = { escapeToken: this.escapeToken, caseInsensitiveEnv: this.windows, ...opts.lexer };
    let result = word;
    let matched;
    let unmatched;
    let error;
    try {
      const r = processWordWithMatches(word, lookup2, lexer2);
      result = r.result;
      matched = r.matched;
      unmatched = r.unmatched;
    } catch (err) {
      if (!(err instanceof ExpansionError)) throw err;
      error = err.message;
      matched = err.matched;
      unmatched = err.unmatched;
    }
    const isDeclared = opts.declared ?? (() => false);
    const undefinedNames = opts.report === false ? [] : [...unmatched].filter((n) => !isDeclared(n) && !NON_ENV_ARGS.has(n));
    const exp = { role, word, range, result, matched: [...matched], unmatched: [...unmatched], undefinedNames };
    if (error !== void 0) exp.error = error;
    return exp;
  }
};
function topIndex(list, ins) {
  const start = ins.range.start;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = lo + hi >> 1;
    const s = list[mid].range.start;
    if (s < start) lo = mid + 1;
    else if (s > start) hi = mid - 1;
    else return list[mid] === ins ? mid : -1;
  }
  return -1;
}
function splitArg(word) {
  const eq = word.indexOf("=");
  return eq < 0 ? { name: word, value: void 0 } : { name: word.slice(0, eq), value: word.slice(eq + 1) };
}
function expandHeredoc(doc, word) {
  const content = doc.chomp ? doc.content.replace(/^\t+/gm, "") : doc.content;
  word("heredoc", content, doc.bodyRange, { lexer: { escapeToken: "\\", skipProcessQuotes: true } });
}
function lastFlag(flags, name) {
  for (let i = flags.length - 1; i >= 0; i--) if (flags[i].name === name) return flags[i];
  return void 0;
}
function stripRaw(base2) {
  switch (base2.kind) {
    case "stage":
      return { kind: "stage", index: base2.index };
    case "image":
      return { kind: "image", ref: base2.ref };
    default:
      return { kind: "scratch" };
  }
}

// src/rules/utils/buildkit-image-env.ts
var MINIMAL = [];
var TABLE = {
  scratch: MINIMAL,
  alpine: MINIMAL,
  busybox: MINIMAL,
  debian: MINIMAL,
  ubuntu: MINIMAL,
  fedora: ["DISTTAG", "FGC", "container"],
  centos: MINIMAL,
  rockylinux: MINIMAL,
  almalinux: MINIMAL,
  archlinux: ["LANG"],
  "amazonlinux": MINIMAL,
  golang: ["GOLANG_VERSION", "GOTOOLCHAIN", "GOPATH"],
  node: ["NODE_VERSION", "YARN_VERSION"],
  python: ["LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "PYTHON_SETUPTOOLS_VERSION"],
  ruby: ["LANG", "RUBY_VERSION", "RUBY_DOWNLOAD_URL", "RUBY_DOWNLOAD_SHA256", "GEM_HOME", "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG"],
  rust: ["RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"],
  nginx: ["NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE"],
  openjdk: ["JAVA_HOME", "LANG", "JAVA_VERSION"],
  "eclipse-temurin": ["JAVA_HOME", "LANG", "LANGUAGE", "LC_ALL", "JAVA_VERSION"],
  php: ["PHPIZE_DEPS", "PHP_INI_DIR", "APACHE_CONFDIR", "APACHE_ENVVARS", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "GPG_KEYS", "PHP_VERSION", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256"],
  postgres: ["GOSU_VERSION", "LANG", "PG_MAJOR", "PG_VERSION", "PGDATA"],
  redis: ["REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA", "REDIS_VERSION"],
  httpd: ["HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"]
};
function knownImageEnv(ref) {
  const keys = TABLE[repositoryName(ref)];
  if (!keys) return void 0;
  return new Map(keys.map((k) => [k, ""]));
}
var NO_ENTRYPOINT = /* @__PURE__ */ new Set([
  "scratch",
  "alpine",
  "busybox",
  "debian",
  "ubuntu",
  "fedora",
  "centos",
  "rockylinux",
  "almalinux",
  "amazonlinux",
  "archlinux",
  "golang",
  "python",
  "rust",
  "ruby",
  "openjdk",
  "eclipse-temurin"
]);
function knownWithoutEntrypoint(ref) {
  return NO_ENTRYPOINT.has(repositoryName(ref));
}
function repositoryName(ref) {
  return ref.replace(/@.*$/, "").replace(/:[^/]*$/, "").toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, "");
}

// src/rules/utils/buildkit-model.ts
function modelOf(file) {
  if (file !== lastFile || !lastModel) {
    lastModel = buildModel(file);
    lastFile = file;
  }
  return lastModel;
}
var lastFile;
var lastModel;
var EMPTY = /* @__PURE__ */ new Map();
function envBefore(file, ins) {
  return modelOf(file).scopeBefore(ins)?.env ?? EMPTY;
}
function rootImage(file, stageIndex) {
  const model = modelOf(file);
  const seen = /* @__PURE__ */ new Set();
  let info = model.stages[stageIndex];
  while (info && !seen.has(info.index)) {
    seen.add(info.index);
    const base2 = info.base;
    if (base2.kind === "stage") info = model.stages[base2.index];
    else return base2.kind === "image" ? { kind: "image", ref: base2.ref } : { kind: "scratch" };
  }
  return void 0;
}
function baseImageEnv(file, stageIndex) {
  const root = rootImage(file, stageIndex);
  if (!root) return void 0;
  return root.kind === "scratch" ? /* @__PURE__ */ new Map() : knownImageEnv(root.ref);
}

// src/rules/utils/buildkit-vars.ts
function expandWord(file, word, env) {
  const plain = plainResult(file, word);
  if (plain) return plain;
  try {
    return processWordWithMatches(word, lookup(env), { escapeToken: file.escapeChar });
  } catch {
    return null;
  }
}
function plainResult(file, word) {
  return needsLexer(word, file.escapeChar) ? void 0 : { result: word, matched: /* @__PURE__ */ new Set(), unmatched: /* @__PURE__ */ new Set() };
}
function expandWords(file, word, env) {
  try {
    return processWords(word, lookup(env), { escapeToken: file.escapeChar });
  } catch {
    return [];
  }
}
function lookup(env) {
  return (name) => env.get(name);
}
function argPairs(ins) {
  return ins.args.map((a2, index) => {
    const eq = a2.value.indexOf("=");
    return eq < 0 ? { key: a2.value, value: null, index } : { key: a2.value.slice(0, eq), value: a2.value.slice(eq + 1), index };
  });
}
function metaArgs(file) {
  const memo2 = fileScratch(file);
  let meta = memo2.get("buildkit-vars:meta");
  if (meta) return meta;
  const model = modelOf(file);
  const values = new Map(model.automaticArgs);
  const declared = /* @__PURE__ */ new Set();
  for (const g of model.globalArgs) {
    declared.add(g.name);
    if (g.defaultValue !== void 0) values.set(g.name, g.defaultValue);
  }
  meta = { declared, values };
  memo2.set("buildkit-vars:meta", meta);
  return meta;
}

// src/rules/utils/dockhand-copy-sources.ts
function isRemote(src) {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i.test(src) || /^[a-z0-9.-]+\.[a-z]+\/.+\.git(#.*)?$/i.test(src);
}
function contextSources(file) {
  const out = [];
  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      if (ins.flags.some((f) => f.name === "from")) continue;
      const heredocMarkers = ins.heredocs.length > 0 ? new Set(ins.heredocs.map((h) => h.markerRange.start)) : void 0;
      const args = ins.args;
      let env;
      for (let i = 0; i < args.length - 1; i++) {
        const a2 = args[i];
        if (heredocMarkers && (heredocMarkers.has(a2.range.start) || a2.value.startsWith("<<"))) continue;
        const add = ins.keyword === "ADD";
        if (add && isRemote(a2.value)) continue;
        const plain = !needsLexer(a2.value, file.escapeChar);
        const path = plain ? a2.value : expandWord(file, a2.value, env ??= envBefore(file, ins))?.result ?? a2.value;
        if (add && !plain && isRemote(path)) continue;
        out.push({ ins, path, raw: a2.value, range: a2.range });
      }
    }
  }
  return out;
}
function cleanPath2(p) {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const parts = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (!rooted) parts.push("..");
      continue;
    }
    parts.push(seg);
  }
  const out = (rooted ? "/" : "") + parts.join("/");
  return out === "" ? "." : out;
}
function dockerignorePatterns(text) {
  const out = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    if (rawLine.startsWith("#")) return;
    let p = rawLine.trim();
    if (p === "") return;
    const exception = p.startsWith("!");
    if (exception) p = p.slice(1).trim();
    if (p.length > 0) {
      p = cleanPath2(p);
      if (p.length > 1 && p.startsWith("/")) p = p.slice(1);
    }
    out.push({ pattern: p, exception, line: i + 1 });
  });
  return out;
}

// src/rules/utils/dockhand-context-files.ts
function isUnwantedName(name) {
  return name === ".git" || name === "node_modules" || name === ".env" || /^\.env\.(?!example$|sample$|template$|dist$)/.test(name) || /^id_(rsa|dsa|ecdsa|ed25519)$/.test(name) || /\.(pem|key|p12|pfx)$/i.test(name);
}
function wholeContextCopies(file) {
  return contextSources(file).filter((s) => {
    const p = cleanPath2(s.path);
    return p === "." || p === "/";
  }).map((s) => ({ ins: s.ins, range: s.range }));
}
function leakedEntries(bc) {
  const git = bc.gitignore ? ignore().add(bc.gitignore) : void 0;
  const out = [];
  for (const name of bc.topLevel()) {
    if (name === ".dockerignore" || name === ".gitignore") continue;
    if (!git && !isUnwantedName(name)) continue;
    const dir2 = bc.isDirectory(name);
    const gitIgnored = git ? git.ignores(dir2 ? `${name}/` : name) : false;
    if (!isUnwantedName(name) && !gitIgnored) continue;
    if (bc.isExcluded(name)) continue;
    out.push(dir2 ? `${name}/` : name);
  }
  return out.sort();
}
function listNames(names, max = 5) {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

// src/rules/copy-all-without-dockerignore.ts
var copy_all_without_dockerignore_default = defineRule({
  code: "DH001",
  name: "copy-all-without-dockerignore",
  aliases: [],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  needsContext: true,
  docs: {
    summary: "Copying the whole build context needs a .dockerignore.",
    why: "Without a .dockerignore, `COPY . .` puts everything into the image: `.git`, `node_modules`, local `.env` files and keys. The image grows, secrets leak, and every unrelated file change breaks the layer cache.",
    bad: "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
    good: "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
    setup: {
      bad: { context: [".git/", "node_modules/", "package.json", "server.js"] },
      good: { context: [".git/", "node_modules/", "package.json", "server.js"], dockerignore: ".git\nnode_modules\n" }
    },
    fix: "Add a .dockerignore next to the Dockerfile (or `<Dockerfile>.dockerignore`) listing what the image does not need.",
    notes: "Needs the build context (`--context`); skipped without it."
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || bc.dockerignore) return;
    const copies = wholeContextCopies(ctx.file);
    if (copies.length === 0) return;
    const leaked = leakedEntries(bc);
    for (const copy of copies) {
      ctx.report({
        range: copy.range,
        message: `${copy.ins.keyword} of the whole build context without a .dockerignore` + (leaked.length > 0 ? `: it includes ${listNames(leaked)}` : "")
      });
    }
  }
});

// src/rules/copy-ignored-file.ts
var copy_ignored_file_default = defineRule({
  code: "CopyIgnoredFile",
  name: "copy-ignored-file",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  needsContext: true,
  url: buildkitUrl("CopyIgnoredFile"),
  docs: {
    summary: "COPY/ADD should not name a file that .dockerignore excludes.",
    why: 'Excluded files are never sent to the builder, so the instruction fails ("not found") or silently copies less than it says.',
    bad: "FROM alpine\nCOPY prod.env /etc/app/\n",
    good: "FROM alpine\nCOPY config/ /etc/app/\n",
    setup: {
      bad: { context: ["prod.env", "config/app.yml"], dockerignore: "*.env\n" },
      good: { context: ["prod.env", "config/app.yml"], dockerignore: "*.env\n" }
    },
    fix: "Copy something else, or stop excluding the file in .dockerignore (for example with a `!file` line).",
    notes: "Needs the build context (`--context`). As in BuildKit, nothing is reported when .dockerignore has `!` exceptions, `COPY .` is reported only when a pattern excludes everything (`*`, `**`, `**/*`), and sources starting with `/` are not checked."
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || !bc.dockerignore) return;
    const patterns = dockerignorePatterns(bc.dockerignore.text);
    if (patterns.some((p) => p.exception)) return;
    const excludesAll = patterns.some((p) => p.pattern === "*" || p.pattern === "**" || p.pattern === "**/*");
    for (const src of contextSources(ctx.file)) {
      const path = cleanPath2(src.path);
      let excluded;
      if (path === "." || path === "/") excluded = excludesAll;
      else if (path.startsWith("/")) excluded = false;
      else excluded = bc.isExcluded(path);
      if (!excluded) continue;
      const verb = src.ins.keyword === "ADD" ? "Add" : "Copy";
      ctx.report({ range: src.range, message: `Attempting to ${verb} file ${JSON.stringify(path)} that is excluded by .dockerignore` });
    }
  }
});

// src/rules/copy-missing-source.ts
var copy_missing_source_default = defineRule({
  code: "DH003",
  name: "copy-missing-source",
  aliases: [],
  severity: "error",
  origin: "dockhand",
  fixable: "none",
  needsContext: true,
  docs: {
    summary: "COPY/ADD sources must exist in the build context.",
    why: 'A missing source fails the build with "not found" after everything before it has been built.',
    bad: "FROM node:22-alpine\nCOPY package-lock.json ./\n",
    good: "FROM node:22-alpine\nCOPY package.json ./\n",
    setup: { bad: { context: ["package.json"] }, good: { context: ["package.json"] } },
    fix: "Fix the path (it is relative to the build context, not to the Dockerfile), or add the file.",
    notes: "Sources with variables that cannot be resolved, sources outside the context (DH004) and remote ADD sources are not checked. Wildcards must match at least one path. Files excluded by .dockerignore exist here; CopyIgnoredFile reports those. Needs the build context."
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc) return;
    for (const src of contextSources(ctx.file)) {
      if (src.raw.includes("$")) {
        const r = expandWord(ctx.file, src.raw, envBefore(ctx.file, src.ins));
        if (!r || r.unmatched.size > 0) continue;
      }
      let path = cleanPath2(src.path);
      if (path.startsWith("/")) path = path === "/" ? "." : path.slice(1);
      if (path === "." || path === ".." || path.startsWith("../")) continue;
      const found = /[*?[\\]/.test(path) ? bc.glob(path).length > 0 : bc.exists(path);
      if (found) continue;
      ctx.report({ range: src.range, message: `${src.ins.keyword} source ${JSON.stringify(src.path)} does not exist in the build context` });
    }
  }
});

// src/rules/copy-outside-context.ts
var copy_outside_context_default = defineRule({
  code: "DH004",
  name: "copy-outside-context",
  aliases: [],
  severity: "error",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "COPY/ADD cannot reach outside the build context.",
    why: "Only the build context is sent to the builder. `COPY ../shared /x` does not copy the parent directory: BuildKit clamps `..` at the context root, so it copies `shared` from the context, or fails.",
    bad: "FROM alpine\nCOPY ../shared/config.yml /etc/app/\n",
    good: "FROM alpine\nCOPY shared/config.yml /etc/app/\n",
    fix: "Build from a higher directory (`docker build -f app/Dockerfile .`) and copy paths relative to it."
  },
  check(ctx) {
    for (const src of contextSources(ctx.file)) {
      if (!src.path.includes("..")) continue;
      const path = cleanPath2(src.path);
      if (path !== ".." && !path.startsWith("../")) continue;
      ctx.report({ range: src.range, message: `${src.ins.keyword} source ${JSON.stringify(src.path)} is outside the build context` });
    }
  }
});

// src/rules/utils/hadolint-b-labels.ts
import parseSpdx from "spdx-expression-parse";
function labelPairs(file, onbuild = false) {
  const memo2 = fileScratch(file);
  const key = onbuild ? "b-labels:pairs+onbuild" : "b-labels:pairs";
  let pairs2 = memo2.get(key);
  if (!pairs2) {
    pairs2 = collectLabelPairs(file, onbuild);
    memo2.set(key, pairs2);
  }
  return pairs2.slice();
}
function collectLabelPairs(file, onbuild) {
  const out = [];
  for (const top of file.instructions) {
    const ins = top.keyword === "LABEL" ? top : onbuild && top.trigger?.keyword === "LABEL" ? top.trigger : void 0;
    if (!ins) continue;
    for (const pair of ins.pairs) out.push({ key: unquote(pair.key), value: unquote(pair.value), pair, instruction: ins });
  }
  return out;
}
function unquote(s) {
  if (s.indexOf('"') < 0 && s.indexOf("'") < 0 && s.indexOf("\\") < 0) return s;
  let out = "";
  let quote = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (c === "\\" && i + 1 < s.length) {
      out += s[++i];
    } else if (quote === '"' && c === '"') {
      quote = null;
    } else if (!quote && (c === '"' || c === "'")) {
      quote = c;
    } else {
      out += c;
    }
  }
  return out;
}
function schemaType(schema, key) {
  if (!Object.prototype.hasOwnProperty.call(schema, key)) return void 0;
  return schema[key] || "text";
}
function valueRange(p) {
  return p.pair.valueRange.end > p.pair.valueRange.start ? p.pair.valueRange : p.pair.range;
}
function isUri(v) {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/.test(v) && !/%(?![0-9A-Fa-f]{2})/.test(v);
}
function isRfc3339(v) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 60) return false;
  return m[9] === void 0 || Number(m[9]) <= 23 && Number(m[10]) <= 59;
}
function isSpdx(v) {
  try {
    parseSpdx(v);
    return true;
  } catch {
    return false;
  }
}
function isGitHash(v) {
  return /^[0-9a-f]{7}$/.test(v) || /^[0-9a-f]{40}$/.test(v);
}
function isSemver(v) {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.test(v);
}
function isEmail(v) {
  const angle = /^[^<>]*<([^<>]+)>\s*$/.exec(v);
  const addr = angle ? angle[1] : v;
  const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  const dotAtom = `${atext}(?:\\.${atext})*`;
  const quoted = '"(?:[^"\\\\]|\\\\.)*"';
  const literal = "\\[[^\\[\\]\\\\]*\\]";
  return new RegExp(`^(?:${dotAtom}|${quoted})@(?:${dotAtom}|${literal})$`).test(addr);
}
function checkTypedLabels(ctx, type, valid2, message2) {
  if (Object.keys(ctx.options.labelSchema).length === 0) return;
  for (const p of labelPairs(ctx.file, true)) {
    if (schemaType(ctx.options.labelSchema, p.key) !== type || p.value === "" || expands(p.pair.value) || valid2(p.value)) continue;
    ctx.report({ range: valueRange(p), message: message2(p.key) });
  }
}
function expands(raw2) {
  let single = false;
  let double = false;
  for (let i = 0; i < raw2.length; i++) {
    const c = raw2[i];
    if (c === "\\" && !single) i++;
    else if (c === '"' && !single) double = !double;
    else if (c === "'" && !double) single = !single;
    else if (c === "$" && !single && /[A-Za-z_{]/.test(raw2[i + 1] ?? "")) return true;
  }
  return false;
}

// src/rules/utils/hadolint-b-stages.ts
function stageParents(file) {
  return file.stages.map((s) => parentOf(file, s));
}
function parentOf(file, stage) {
  const base2 = stage.base.toLowerCase();
  for (let i = stage.index - 1; i >= 0; i--) {
    if (file.stages[i].name === base2) return i;
  }
  return null;
}
function stageRef(file, ref, before) {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < before ? n : null;
  }
  const name = ref.toLowerCase();
  for (let i = Math.min(before, file.stages.length) - 1; i >= 0; i--) {
    if (file.stages[i].name === name) return i;
  }
  return null;
}
function stagesUsedAsBase(file) {
  const out = /* @__PURE__ */ new Set();
  for (const p of stageParents(file)) if (p !== null) out.add(p);
  return out;
}
function stagesCopiedFrom(file) {
  const out = /* @__PURE__ */ new Set();
  for (const ins of file.instructions) {
    const refs = [];
    if (ins.keyword === "COPY" || ins.keyword === "ADD") {
      for (const f of ins.flags) if (f.name === "from" && f.value) refs.push(f.value);
    } else if (ins.keyword === "RUN") {
      for (const f of ins.flags) {
        if (f.name !== "mount" || !f.value) continue;
        const m = /(?:^|,)from=([^,]+)/.exec(f.value);
        if (m) refs.push(m[1]);
      }
    }
    const before = ins.stageIndex < 0 ? 0 : ins.stageIndex;
    for (const r of refs) {
      const idx = stageRef(file, r, before);
      if (idx !== null) out.add(idx);
    }
  }
  return out;
}
function isShippedStage(file, stageIndex, usedAsBase) {
  if (file.stages.length === 0) return true;
  return stageIndex === file.stages.length - 1 || usedAsBase.has(stageIndex);
}

// src/rules/copy-relative-dest-without-workdir.ts
var copy_relative_dest_without_workdir_default = defineRule({
  code: "DL3045",
  name: "copy-relative-dest-without-workdir",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`COPY` to a relative destination while no `WORKDIR` is set in the stage.",
    why: "A relative destination is resolved against the working directory inherited from the base image, which you do not control: the files may land somewhere else when the base image changes.",
    bad: "FROM node:20\nCOPY package.json .",
    good: "FROM node:20\nWORKDIR /app\nCOPY package.json .",
    fix: "Set `WORKDIR` before the COPY, or use an absolute destination.",
    notes: "Like hadolint: destinations starting with `/`, a drive letter (`c:`) or a variable are fine; a WORKDIR in a parent stage (`FROM <stage>`) counts; ONBUILD COPY is not checked. Unlike hadolint, stages are told apart by position: a second `FROM debian` does not inherit the WORKDIR of an earlier, unrelated `FROM debian` stage."
  },
  check(ctx) {
    const parents = stageParents(ctx.file);
    const hasWorkdir = /* @__PURE__ */ new Map();
    for (const ins of ctx.file.instructions) {
      const stage = ins.stageIndex;
      if (ins.keyword === "FROM") {
        const p = parents[stage] ?? null;
        hasWorkdir.set(stage, p !== null && (hasWorkdir.get(p) ?? false));
      } else if (ins.keyword === "WORKDIR") {
        hasWorkdir.set(stage, true);
      } else if (ins.keyword === "COPY" && !hasWorkdir.get(stage)) {
        const dest = ins.args[ins.args.length - 1];
        if (!dest || ins.args.length < 2 && ins.heredocs.length === 0) continue;
        if (isAbsolute(unquote(dest.value))) continue;
        ctx.report({ range: dest.range, message: "`COPY` to a relative destination without `WORKDIR` set." });
      }
    }
  }
});
function isAbsolute(dest) {
  return dest.startsWith("/") || dest.startsWith("$") || /^[A-Za-z]:[\\/]/.test(dest);
}

// src/rules/copy-whole-filesystem.ts
var copy_whole_filesystem_default = defineRule({
  code: "DL3067",
  name: "copy-whole-filesystem",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`COPY --from=... / /` copies a whole filesystem into the stage.",
    why: "Copying `/` brings every file of the other stage (package databases, caches, /etc) over the current one: the image grows and files of the base image are silently replaced.",
    bad: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /",
    good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app",
    fix: "Copy only the paths you need."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "COPY" || !ins.flags.some((f) => f.name === "from") || ins.args.length < 2) continue;
      const dest = ins.args[ins.args.length - 1];
      if (unquote(dest.value) !== "/") continue;
      if (!ins.args.slice(0, -1).some((a2) => unquote(a2.value) === "/")) continue;
      ctx.report({ range: ins.argsRange, message: "Copying the whole filesystem of another stage (`COPY --from=... / /`) is discouraged." });
    }
  }
});

// src/rules/curl-and-wget.ts
var curl_and_wget_default = defineRule({
  code: "DL4001",
  name: "curl-and-wget",
  aliases: ["DS014"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Both `wget` and `curl` are used in the same stage.",
    why: "Two download tools do the same job; installing both makes the image bigger and gives two sets of behaviours (proxies, TLS, retries) to get right.",
    bad: "FROM debian:12\nRUN wget https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz",
    good: "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz",
    fix: "Pick one tool and use it for every download in the stage.",
    notes: "Like hadolint: tracked per stage (reset at FROM); once both have been seen, each RUN using either is reported, at its first curl/wget; ONBUILD RUNs are tracked separately from the stage's own RUNs."
  },
  check(ctx) {
    const names = anyRunNames(ctx);
    if (!names.has("curl") || !names.has("wget")) return;
    for (const onbuild of [false, true]) {
      let check3 = function(site) {
        const uses = commandsOf2(ctx, site).filter((c) => c.name === "curl" || c.name === "wget");
        for (const c of uses) seen.add(c.name);
        if (uses.length > 0 && seen.size === 2) {
          ctx.report({ range: uses[0].nameRange, message: "Either use Wget or Curl but not both." });
        }
      };
      var check2 = check3;
      const sites = runSites2(ctx.file, true).filter((s) => s.onbuild === onbuild);
      let stage = Number.NaN;
      const seen = /* @__PURE__ */ new Set();
      for (const site of sites) {
        if (site.host.stageIndex !== stage) {
          stage = site.host.stageIndex;
          seen.clear();
        }
        check3(site);
      }
    }
  }
});

// src/rules/utils/hadolint-b-packages.ts
var RPM_VALUE_FLAGS = ["c", "config", "d", "debuglevel", "e", "errorlevel", "x", "exclude", "enablerepo", "disablerepo", "repo", "repoid", "installroot", "releasever", "setopt", "R", "randomwait", "forcearch", "downloaddir", "destdir"];
function subcommand(cmd, subcommands, valueFlags = []) {
  return argsWithoutFlagValues(cmd, valueFlags).find((w) => subcommands.includes(w.value));
}
function packagesAfter(cmd, sub2, valueFlags) {
  const words = argsWithoutFlagValues(cmd, valueFlags);
  const i = words.indexOf(sub2);
  return i < 0 ? [] : words.slice(i + 1);
}
function knownVariables(file, ins, parents) {
  const lineage = /* @__PURE__ */ new Set();
  for (let s = ins.stageIndex; s !== null && s >= 0; s = parents[s] ?? null) lineage.add(s);
  lineage.add(-1);
  const out = /* @__PURE__ */ new Set();
  for (const other of file.instructions) {
    if (other.range.start >= ins.range.start) break;
    if (other.keyword === "ARG") {
      for (const a2 of other.args) out.add(a2.value.split("=")[0]);
    } else if (other.keyword === "ENV" && lineage.has(other.stageIndex)) {
      for (const p of other.pairs) out.add(p.key);
    }
  }
  return out;
}
var VAR_REF = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?#%/+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/;
function variableOf(part) {
  const m = VAR_REF.exec(part);
  return m ? m[1] ?? m[2] : void 0;
}
function isExpansionOnly(word) {
  return variableOf(word) !== void 0 || /^\$\([^]*\)$/.test(word) || /^`[^`]*`$/.test(word);
}
function rpmVersionPinned(pkg, known) {
  if (pkg.endsWith(".rpm")) return true;
  if (isExpansionOnly(pkg)) return true;
  const parts = pkg.split("-");
  if (parts.length <= 1) return false;
  const rest = parts.slice(1);
  let digit = false;
  for (const p of rest) {
    const v = variableOf(p);
    if (v !== void 0 && known.has(v)) {
      digit = true;
      continue;
    }
    if (!/^[0-9A-Za-z.~^_:+]*$/.test(p)) return false;
    if (/^[0-9]/.test(p)) digit = true;
  }
  return digit;
}
function uncleanedInstall(commands, isInstall, isClean) {
  let pending;
  for (const c of commands) {
    if (isInstall(c)) pending ??= c;
    else if (pending && isClean(c)) pending = void 0;
  }
  return pending;
}
function removesDir(cmd, dirs) {
  if (cmd.name !== "rm") return false;
  return cmd.argsNoFlags.some((w) => dirs.some((d) => w.value === d || w.value.startsWith(`${d}/`) || w.value.startsWith(`${d}*`)));
}
function commandHead(cmd, last) {
  return { start: cmd.nameRange.start, end: (last?.range ?? cmd.nameRange).end };
}

// src/rules/dnf-cache-not-cleaned.ts
var INSTALLS = ["install", "in", "upgrade", "up", "update", "upgrade-minimal", "up-min", "reinstall", "rei"];
var CACHE_DIRS = ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];
var dnf_cache_not_cleaned_default = defineRule({
  code: "DL3040",
  name: "dnf-cache-not-cleaned",
  aliases: ["DS019", "DS027"],
  severity: "warning",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`dnf install` (or upgrade/reinstall) without a later `dnf clean all` in the same RUN.",
    why: "dnf keeps repository metadata and downloaded packages in /var/cache. Unless they are removed in the same RUN, they are committed to the layer and bloat the image.",
    bad: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58",
    good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all",
    fix: "End the RUN with `dnf clean all` (or `microdnf clean all`), or mount the cache: `RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install ...`.",
    fixSafety: "Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.",
    notes: "Like hadolint, also checks ONBUILD RUN, accepts `rm -rf /var/cache/yum/*` and a cache/tmpfs mount on `/var/cache/libdnf5`. Unlike hadolint: the clean must come after the last install (hadolint compares the first install with the first clean), `clean` must be followed by `all` (hadolint accepts any command containing the word `clean` or `all`), the `rm` must remove the cache directory (hadolint accepts any `rm -rf`), dnf4's `/var/cache/dnf` counts as a cache directory too, and `dnf update` (an alias of `upgrade`) is checked."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["dnf", "microdnf"])) return;
    for (const site of runSites2(ctx.file, true)) {
      const names = siteCommandNames2(ctx, site);
      if (!names.has("dnf") && !names.has("microdnf")) continue;
      if (hasCacheMount(site.run, "/var/cache/libdnf5", ".cache/libdnf5", "/var/cache/dnf")) continue;
      const commands = commandsOf2(ctx, site);
      for (const tool of ["dnf", "microdnf"]) {
        const isInstall = (c) => c.name === tool && subcommand(c, INSTALLS, RPM_VALUE_FLAGS) !== void 0;
        const isClean = (c) => c.name === tool && cmdHasArgs(c, tool, ["clean"]) && cmdHasArgs(c, tool, ["all"]) || removesDir(c, CACHE_DIRS);
        const bad = uncleanedInstall(commands, isInstall, isClean);
        if (!bad) continue;
        const edit = appendToRun(site.run, `${tool} clean all`);
        ctx.report({
          range: commandHead(bad, subcommand(bad, INSTALLS, RPM_VALUE_FLAGS)),
          message: `\`${tool} clean all\` missing after ${tool} command.`,
          ...edit && { fix: { title: `Append \`${tool} clean all\``, safety: "unsafe", edits: [edit] } }
        });
      }
    }
  }
});

// src/rules/utils/hadolint-b-assume-yes.ts
function checkAssumeYes(ctx, spec) {
  if (!mayRunAny(ctx, spec.tools)) return;
  for (const site of runSites2(ctx.file, true)) {
    if (!hasAny(siteCommandNames2(ctx, site), spec.tools)) continue;
    for (const cmd of commandsOf2(ctx, site)) {
      const sub2 = interactiveCall(cmd, spec);
      if (!sub2) continue;
      ctx.report({
        range: commandHead(cmd, sub2),
        message: spec.message,
        // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
        ...!site.run.json && { fix: { title: `Add ${spec.insert}`, safety: "safe", edits: [insertAfter(ctx.file, cmd.nameRange, ` ${spec.insert}`)] } }
      });
    }
  }
}
function interactiveCall(cmd, spec) {
  if (!spec.tools.includes(cmd.name) || hasFlag(cmd, ...spec.yesFlags)) return void 0;
  return subcommand(cmd, spec.subcommands, RPM_VALUE_FLAGS);
}

// src/rules/dnf-without-assume-yes.ts
var dnf_without_assume_yes_default = defineRule({
  code: "DL3038",
  name: "dnf-without-assume-yes",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "safe",
  docs: {
    summary: "`dnf install` (or `microdnf install`) without `-y` / `--assumeyes`.",
    why: "A build has no one to answer dnf's confirmation prompt: dnf aborts the transaction and the build fails.",
    bad: "FROM fedora:40\nRUN dnf install httpd-2.4.58 && dnf clean all",
    good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all",
    fix: "Add `-y`.",
    fixSafety: "Safe: `-y` only answers the confirmation prompt, which a build cannot answer otherwise; when nothing needs confirming, it changes nothing.",
    notes: "Like hadolint: `install`, `groupinstall` and `localinstall` of dnf and microdnf are checked, ONBUILD RUN too. The finding points at `dnf install`."
  },
  check(ctx) {
    checkAssumeYes(ctx, {
      tools: ["dnf", "microdnf"],
      subcommands: ["install", "groupinstall", "localinstall"],
      yesFlags: ["y", "assumeyes"],
      message: "Use the -y switch to avoid manual input `dnf install -y <package>`",
      insert: "-y"
    });
  }
});

// src/rules/duplicate-stage-name.ts
var duplicate_stage_name_default = defineRule({
  code: "DL3024",
  name: "duplicate-stage-name",
  aliases: ["DuplicateStageName", "DS012", "CKV_DOCKER_11"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  url: buildkitUrl("DuplicateStageName"),
  docs: {
    summary: "Stage names should be unique.",
    why: "`COPY --from=name` and `FROM name` can only mean one stage; BuildKit refuses to build a file whose stage names collide (names are compared case-insensitively).",
    bad: "FROM alpine AS build\nRUN echo one\n\nFROM alpine AS build\nRUN echo two\n",
    good: "FROM alpine AS build-one\nRUN echo one\n\nFROM alpine AS build-two\nRUN echo two\n",
    fix: "Rename one of the stages and update the references that meant it.",
    notes: "Reported at the later FROM with BuildKit's message; also matches hadolint DL3024."
  },
  check(ctx) {
    const seen = /* @__PURE__ */ new Set();
    for (const stage of ctx.file.stages) {
      if (!stage.name) continue;
      if (seen.has(stage.name)) {
        ctx.report({
          range: stage.nameRange ?? stage.from.range,
          message: `Duplicate stage name ${JSON.stringify(stage.name)}, stage names should be unique`
        });
      }
      seen.add(stage.name);
    }
  }
});

// src/rules/empty-schema-label.ts
var empty_schema_label_default = defineRule({
  code: "DL3051",
  name: "empty-schema-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A label from `label-schema` has an empty value.",
    why: "An empty required label satisfies the presence check but carries no information; it usually means a build argument was not passed.",
    bad: 'FROM alpine:3.20\nLABEL version=""',
    good: 'FROM alpine:3.20\nLABEL version="1.4.2"',
    fix: "Give the label a value.",
    setup: { bad: { options: { labelSchema: { version: "semver" } } }, good: { options: { labelSchema: { version: "semver" } } } },
    notes: "Only active with `label-schema` configured. ONBUILD LABEL is checked too."
  },
  check(ctx) {
    if (Object.keys(ctx.options.labelSchema).length === 0) return;
    for (const p of labelPairs(ctx.file, true)) {
      if (schemaType(ctx.options.labelSchema, p.key) === void 0 || p.value !== "") continue;
      ctx.report({ range: p.pair.range, message: `Label \`${p.key}\` is empty.` });
    }
  }
});

// src/rules/env-self-reference.ts
var env_self_reference_default = defineRule({
  code: "DL3044",
  name: "env-self-reference",
  aliases: [],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "An `ENV` value refers to a variable defined in the same `ENV` instruction.",
    why: "All values of one ENV are expanded with the environment from before the instruction: in `ENV A=1 B=$A`, B does not see the new A and becomes empty.",
    bad: "FROM alpine:3.20\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin",
    good: "FROM alpine:3.20\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin",
    fix: "Split the ENV so the variable is defined in an earlier instruction.",
    notes: "Like hadolint: a variable already defined by an earlier ARG or ENV is fine (it has a value, if an old one), and only variables set by an earlier pair of the same ENV are reported (`ENV X=$X:...` is fine, `ENV P=/a:$P P=/b:$P` is not). Unlike hadolint, `$VAR` at the very end of a value is found too, and single-quoted or escaped `$` are not references."
  },
  check(ctx) {
    if (!ctx.file.instructions.some(mayReferToItself)) return;
    const defined = /* @__PURE__ */ new Set();
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "ARG") {
        for (const a2 of ins.args) defined.add(a2.value.split("=")[0]);
        continue;
      }
      if (ins.keyword !== "ENV") continue;
      const keys = ins.pairs.map((p) => p.key);
      ins.pairs.forEach((pair, i) => {
        if (i === 0 || !pair.value.includes("$")) return;
        for (const ref of references(pair)) {
          if (defined.has(ref.name) || !keys.slice(0, i).includes(ref.name)) continue;
          ctx.report({ range: ref.range, message: "Do not refer to an environment variable within the same `ENV` statement where it is defined." });
        }
      });
      for (const k of keys) defined.add(k);
    }
  }
});
function mayReferToItself(ins) {
  if (ins.keyword !== "ENV") return false;
  const pairs2 = ins.pairs;
  for (let i = 1; i < pairs2.length; i++) if (pairs2[i].value.includes("$")) return true;
  return false;
}
function references(pair) {
  const v = pair.value;
  const out = [];
  let single = false;
  let double = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === "\\" && !single) {
      i++;
      continue;
    }
    if (c === '"' && !single) double = !double;
    if (c === "'" && !double) single = !single;
    if (c !== "$" || single) continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/.exec(v.slice(i));
    if (!m) continue;
    const r = pair.valueRange;
    const start = r.start + i;
    const end = start + m[0].length + (m[1] !== void 0 && v[i + m[0].length] === "}" ? 1 : 0);
    const inside = end <= r.end && r.endLine === r.startLine;
    out.push({
      name: m[1] ?? m[2],
      range: inside ? { start, end, startLine: r.startLine, startColumn: r.startColumn + i, endLine: r.startLine, endColumn: r.startColumn + (end - r.start) } : r
    });
  }
  return out;
}

// src/rules/utils/buildkit-expose.ts
function exposePorts(file) {
  const out = [];
  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const arg of ins.args) {
        const literal = !arg.value.includes("$") && file.text.slice(arg.range.start, arg.range.end) === arg.value;
        if (literal) {
          out.push({ spec: arg.value, range: arg.range, literal });
          continue;
        }
        for (const spec of expandWords(file, arg.value, envBefore(file, ins))) out.push({ spec, range: arg.range, literal: false });
      }
    }
  }
  return out;
}

// src/rules/expose-invalid-format.ts
var expose_invalid_format_default = defineRule({
  code: "ExposeInvalidFormat",
  name: "expose-invalid-format",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("ExposeInvalidFormat"),
  docs: {
    summary: "EXPOSE should list container ports only, without an IP address or host-port mapping.",
    why: "EXPOSE documents which ports the container listens on; host ports and addresses are chosen at run time (`docker run -p`). BuildKit ignores them today and will reject them in a future release.",
    bad: "FROM alpine\nEXPOSE 8080:80\n",
    good: "FROM alpine\nEXPOSE 80\n",
    fix: "Keep only the container port (the part after the last `:`) and publish host ports with `docker run -p`."
  },
  check(ctx) {
    for (const port of exposePorts(ctx.file)) {
      if (!port.spec.includes(":")) continue;
      ctx.report({
        range: port.range,
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.spec}'`
      });
    }
  }
});

// src/rules/expose-proto-casing.ts
var expose_proto_casing_default = defineRule({
  code: "ExposeProtoCasing",
  name: "expose-proto-casing",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "safe",
  url: buildkitUrl("ExposeProtoCasing"),
  docs: {
    summary: "The protocol in EXPOSE should be lower-case (`80/tcp`, not `80/TCP`).",
    why: "The image config stores protocols lower-cased; writing them otherwise is inconsistent with every other tool.",
    bad: "FROM alpine\nEXPOSE 80/TCP 53/Udp\n",
    good: "FROM alpine\nEXPOSE 80/tcp 53/udp\n",
    fix: "Lower-case the protocol.",
    fixSafety: "Safe: BuildKit lower-cases the protocol itself, so the image is identical."
  },
  check(ctx) {
    for (const port of exposePorts(ctx.file)) {
      const slash = port.spec.lastIndexOf("/");
      if (slash < 0) continue;
      const proto = port.spec.slice(slash + 1);
      if (proto === proto.toLowerCase()) continue;
      const fix = port.literal ? {
        title: "Lower-case the protocol",
        safety: "safe",
        edits: [{ range: ctx.file.lineIndex.range(port.range.start + slash + 1, port.range.end), text: proto.toLowerCase() }]
      } : void 0;
      ctx.report({
        range: port.range,
        message: `Defined protocol '${port.spec}' in EXPOSE instruction should be lowercase`,
        fix
      });
    }
  }
});

// src/rules/expose-ssh-port.ts
function exposes22(item) {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(item);
  if (!m) return false;
  const low = Number(m[1]);
  const high = m[2] === void 0 ? low : Number(m[2]);
  return low <= 22 && 22 <= high;
}
var expose_ssh_port_default = defineRule({
  code: "DH010",
  name: "expose-ssh-port",
  aliases: ["DS004", "CKV_DOCKER_1"],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "Do not expose port 22 (SSH) from a container.",
    why: "Port 22 means an SSH server in the container: one more daemon to patch, credentials to manage, and a way in that bypasses the container runtime. `docker exec` (or `kubectl exec`) gives a shell without it.",
    bad: "FROM debian:12\nEXPOSE 22\n",
    good: "FROM debian:12\nEXPOSE 8080\n",
    fix: "Remove port 22 from EXPOSE and the SSH server from the image; use `docker exec` to get a shell.",
    notes: "Like Trivy, `22`, `22/tcp` and `22/udp` count; dockhand also counts the protocol in any case (`22/TCP`) and port ranges that contain 22 (`20-25`), which Trivy and Checkov let through. Checkov does not count `22/udp`."
  },
  check(ctx) {
    if (!keywordsOf(ctx.file).has("EXPOSE")) return;
    for (const top of ctx.file.instructions) {
      const ins = top.keyword === "ONBUILD" ? top.trigger : top;
      if (ins?.keyword !== "EXPOSE") continue;
      for (const arg of ins.args) {
        if (!exposes22(arg.value)) continue;
        ctx.report({ range: arg.range, message: `EXPOSE ${arg.value}: port 22 means an SSH server in the container; use \`docker exec\` for a shell instead` });
      }
    }
  }
});

// src/rules/from-as-casing.ts
var from_as_casing_default = defineRule({
  code: "FromAsCasing",
  name: "from-as-casing",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "safe",
  url: buildkitUrl("FromAsCasing"),
  docs: {
    summary: "The 'as' keyword should match the case of the 'from' keyword.",
    why: "Mixing `FROM` with `as` (or `from` with `AS`) reads as carelessness and hides the stage name when scanning a file.",
    bad: "FROM alpine as builder\nRUN echo hi\n",
    good: "FROM alpine AS builder\nRUN echo hi\n",
    fix: "Write `AS` in the same case as `FROM`.",
    fixSafety: "Safe: keywords are case-insensitive, so only the spelling changes.",
    notes: "When `FROM` itself is mixed-case (`From`) this rule stays silent; ConsistentInstructionCasing reports it."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const from = stage.from;
      if (from.args.length < 3) continue;
      const kw = from.keywordRaw;
      const as = from.args[1];
      let want;
      if (isLower(kw)) want = as.value.toLowerCase();
      else if (isUpper(kw)) want = as.value.toUpperCase();
      else continue;
      if (want === as.value) continue;
      const exact = ctx.file.text.slice(as.range.start, as.range.end) === as.value;
      ctx.report({
        range: as.range,
        message: `'${as.value}' and '${kw}' keywords' casing do not match`,
        fix: exact ? { title: `Write '${want}'`, safety: "safe", edits: [{ range: as.range, text: want }] } : void 0
      });
    }
  }
});

// src/rules/utils/buildkit-from.ts
function platformFlag(stage) {
  const flag = stage.from.flags.find((f) => f.name === "platform");
  if (!flag || flag.value === null) return void 0;
  return { value: flag.value, range: flag.valueRange ?? flag.range };
}
function expandBase(file, stage) {
  return plainResult(file, stage.base) ?? expandWord(file, stage.base, metaArgs(file).values);
}
function expandPlatform(file, stage) {
  const p = platformFlag(stage);
  return p ? plainResult(file, p.value) ?? expandWord(file, p.value, metaArgs(file).values) : null;
}
var KNOWN_OS = /* @__PURE__ */ new Set(["aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos"]);
var KNOWN_ARCH = /* @__PURE__ */ new Set(["386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm"]);
var COMPONENT = /^[A-Za-z0-9_.-]+$/;
function parsePlatform(spec) {
  const parts = spec.split("/");
  if (parts.length > 3 || parts.some((p) => !COMPONENT.test(p))) return null;
  if (parts.length === 1) {
    const one = parts[0].toLowerCase();
    if (KNOWN_OS.has(one)) return { os: one, arch: "amd64" };
    const arch = normalizeArch(one);
    if (KNOWN_ARCH.has(arch)) return { os: "linux", arch };
    return null;
  }
  return { os: parts[0].toLowerCase(), arch: normalizeArch(parts[1].toLowerCase()) };
}
function normalizeArch(arch) {
  switch (arch) {
    case "i386":
      return "386";
    case "x86_64":
    case "x86-64":
      return "amd64";
    case "aarch64":
      return "arm64";
    case "armhf":
    case "armel":
      return "arm";
    default:
      return arch;
  }
}

// src/rules/from-platform-flag-const-disallowed.ts
var from_platform_flag_const_disallowed_default = defineRule({
  code: "FromPlatformFlagConstDisallowed",
  name: "from-platform-flag-const-disallowed",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("FromPlatformFlagConstDisallowed"),
  docs: {
    summary: "FROM --platform should not be a constant value.",
    why: "A hard-coded platform forces that platform for every build, so `--platform` on the command line and multi-platform builds silently get the wrong architecture (often emulated).",
    bad: "FROM --platform=linux/amd64 alpine\nRUN uname -m\n",
    good: "FROM --platform=$BUILDPLATFORM alpine\nRUN uname -m\n",
    fix: "Use `$BUILDPLATFORM` (tools that run on the build host) or drop the flag. If the stage really is platform-specific, name it after the platform (`AS build-amd64`), which this check accepts."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const r = expandPlatform(ctx.file, stage);
      const flag = platformFlag(stage);
      if (!r || !flag || r.matched.size > 0 || r.unmatched.size > 0) continue;
      const p = parsePlatform(r.result);
      if (!p) continue;
      const name = stage.name ?? "";
      if (name.includes(p.os) || name.includes(p.arch)) continue;
      ctx.report({
        range: flag.range,
        message: `FROM --platform flag should not use constant value ${JSON.stringify(r.result)}`
      });
    }
  }
});

// src/rules/incomplete-dockerignore.ts
var incomplete_dockerignore_default = defineRule({
  code: "DH002",
  name: "incomplete-dockerignore",
  aliases: [],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  needsContext: true,
  docs: {
    summary: ".dockerignore should exclude VCS data, dependencies, env files, keys and what .gitignore ignores.",
    why: "Whatever .dockerignore lets through, `COPY . .` puts into the image: secrets from `.env` or `*.pem`, the whole `.git` history, host-built `node_modules`. It also busts the layer cache on every commit.",
    bad: "FROM node:22-alpine\nCOPY . /app\n",
    good: "FROM node:22-alpine\nCOPY . /app\n",
    setup: {
      bad: { context: [".git/", ".env", "dist/", "server.js"], dockerignore: "*.log\n", gitignore: "dist/\n" },
      good: { context: [".git/", ".env", "dist/", "server.js"], dockerignore: "*.log\n.git\n.env\ndist\n", gitignore: "dist/\n" }
    },
    fix: "Add the reported paths to .dockerignore (`.git`, `node_modules`, `.env*`, `*.pem`, ...).",
    notes: "Checks the context root's top-level entries only, for COPY/ADD of the whole context. `.gitignore` is read with gitignore semantics (the `ignore` package); `.dockerignore` with Moby's. `.env.example`-style templates are not reported. Needs the build context."
  },
  check(ctx) {
    const bc = ctx.buildContext;
    if (!bc || !bc.dockerignore) return;
    const copies = wholeContextCopies(ctx.file);
    if (copies.length === 0) return;
    const leaked = leakedEntries(bc);
    if (leaked.length === 0) return;
    for (const copy of copies) {
      ctx.report({
        range: copy.range,
        message: `${copy.ins.keyword} of the whole build context includes ${listNames(leaked)}: add ${leaked.length === 1 ? "it" : "them"} to ${bc.dockerignore.path}`
      });
    }
  }
});

// src/rules/inline-comment.ts
var SHELL_FORM = /* @__PURE__ */ new Set(["RUN", "CMD", "ENTRYPOINT"]);
var inline_comment_default = defineRule({
  code: "DH006",
  name: "inline-comment",
  aliases: [],
  severity: "warning",
  origin: "dockhand",
  fixable: "unsafe",
  docs: {
    summary: "A `#` after an instruction is not a comment.",
    why: "Only lines starting with `#` are comments. `EXPOSE 3000  # web port` exposes ports named `#`, `web` and `port` (and fails), `COPY . /app  # code` copies into the wrong places, and in a continued RUN a trailing `# note \\` turns the following lines into part of the comment.",
    bad: "FROM node:22-alpine\nWORKDIR /app  # the app directory\nEXPOSE 3000   # web port\n",
    good: "FROM node:22-alpine\n# the app directory\nWORKDIR /app\n# web port\nEXPOSE 3000\n",
    fix: "Move the comment to its own line above the instruction.",
    fixSafety: "Unsafe: the instruction's arguments change (that is the point, but the image changes too). Offered only for single-line instructions.",
    notes: "In shell-form RUN, CMD and ENTRYPOINT a trailing `#` is a shell comment and is only reported when more lines of the instruction follow it (they become part of the comment). Exec-form (JSON) arguments followed by `#` are reported: the JSON no longer parses and BuildKit falls back to shell form."
  },
  check(ctx) {
    for (const ins of allInstructions(ctx.file)) {
      const at = trailingHash(ins);
      if (at < 0) continue;
      const hashStart = originalToSource(ins, ins.argsOffset + at);
      const line = ctx.file.lineIndex.position(hashStart).line;
      const shellForm = isShellForm(ins);
      if (shellForm && line === ins.range.endLine) continue;
      if (ins.heredocs.length > 0 && line > ins.keywordRange.startLine) continue;
      const end = ctx.file.lineIndex.lineEnd(line);
      ctx.report({
        range: ctx.file.lineIndex.range(hashStart, end),
        message: shellForm ? `'#' here starts a shell comment that swallows the rest of this ${ins.keywordRaw}` : `'#' after ${ins.keywordRaw} is not a comment: it becomes part of the arguments`,
        fix: moveAbove(ctx.file, ins, hashStart, end)
      });
    }
  }
});
function allInstructions(file) {
  return file.instructions;
}
function isShellForm(ins) {
  const target = ins.trigger ?? ins;
  if (target.keyword === "HEALTHCHECK") return /^cmd\s+(?!\[)/i.test(target.argsText);
  return SHELL_FORM.has(target.keyword) && !target.argsText.startsWith("[");
}
function trailingHash(ins) {
  const s = ins.argsText;
  if (s.indexOf("#") < 0) return -1;
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && i > 0 && (s[i - 1] === " " || s[i - 1] === "	")) return i;
  }
  return -1;
}
function moveAbove(file, ins, hashStart, end) {
  if (ins.range.startLine !== ins.range.endLine) return void 0;
  let cut = hashStart;
  while (cut > 0 && (file.text[cut - 1] === " " || file.text[cut - 1] === "	")) cut--;
  const lineStart = file.lineIndex.lineStarts[ins.range.startLine - 1];
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart, ins.range.start))[0];
  const comment = file.text.slice(hashStart, end);
  return {
    title: "Move the comment to its own line",
    safety: "unsafe",
    edits: [
      { range: file.lineIndex.range(lineStart, lineStart), text: `${indent}${comment}${file.text.includes("\r\n") ? "\r\n" : "\n"}` },
      { range: file.lineIndex.range(cut, end), text: "" }
    ]
  };
}

// src/rules/instruction-before-from.ts
var instruction_before_from_default = defineRule({
  code: "DL3061",
  name: "instruction-before-from",
  aliases: [],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "An instruction other than `ARG` appears before the first `FROM`.",
    why: "Only ARG (and parser directives and comments) may precede the first FROM; the builder rejects anything else.",
    bad: 'LABEL org.opencontainers.image.authors="me"\nFROM alpine:3.20',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"',
    fix: "Move the instruction after the FROM.",
    notes: "Like hadolint, every offending instruction is reported (also in a file without any FROM)."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "FROM") return;
      if (ins.keyword === "ARG") continue;
      ctx.report({ range: ins.keywordRange, message: "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment." });
    }
  }
});

// src/rules/instruction-not-uppercase.ts
var instruction_not_uppercase_default = defineRule({
  code: "DH007",
  name: "instruction-not-uppercase",
  aliases: [],
  severity: "style",
  origin: "dockhand",
  fixable: "safe",
  docs: {
    summary: "Write instruction keywords in upper case.",
    why: "Upper-case keywords are the convention of the Dockerfile reference and nearly every Dockerfile; they separate instructions from their arguments at a glance.",
    bad: "from alpine\nrun echo hello\n",
    good: "FROM alpine\nRUN echo hello\n",
    fix: "Upper-case the keyword.",
    fixSafety: "Safe: keywords are case-insensitive.",
    notes: "Reports only what ConsistentInstructionCasing does not: every keyword of a file written consistently in lower case, and keywords that check ignores (ARGs before the first FROM, ONBUILD triggers). In a file with mixed casing, ConsistentInstructionCasing reports first; fix that, then this rule applies."
  },
  check(ctx) {
    const staged = [];
    for (const stage of ctx.file.stages) {
      staged.push(stage.from);
      for (const i of stage.instructions) staged.push(i);
    }
    const allLower = staged.length > 0 && staged.every((i) => isLower(i.keywordRaw));
    const mixed = staged.some((i) => !isUpper(i.keywordRaw)) && !allLower;
    const candidates = [...ctx.file.globalArgs];
    if (allLower) for (const i of staged) candidates.push(i);
    for (const i of staged) if (i.trigger) candidates.push(i.trigger);
    for (const ins of candidates) {
      const kw = ins.keywordRaw;
      if (isUpper(kw)) continue;
      if (mixed && staged.includes(ins)) continue;
      const want = kw.toUpperCase();
      ctx.report({
        range: ins.keywordRange,
        message: `Instruction '${kw}' should be written in upper case ('${want}')`,
        fix: { title: `Write '${want}'`, safety: "safe", edits: [{ range: ins.keywordRange, text: want }] }
      });
    }
  }
});

// src/rules/invalid-base-image-platform.ts
var invalid_base_image_platform_default = defineRule({
  code: "InvalidBaseImagePlatform",
  name: "invalid-base-image-platform",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  docs: {
    summary: "The base image should be available for the platform being built.",
    why: "When the image has no variant for the requested platform, the builder pulls another one; the result runs under emulation, or not at all.",
    bad: "FROM --platform=linux/amd64 example/arm-only:1\n",
    good: "FROM --platform=linux/arm64 example/arm-only:1\n",
    setup: {
      bad: { options: { settings: { InvalidBaseImagePlatform: { images: { "example/arm-only:1": "linux/arm64" } } } } },
      good: { options: { settings: { InvalidBaseImagePlatform: { images: { "example/arm-only:1": "linux/arm64" } } } } }
    },
    fix: "Pick a platform the image provides, or an image that provides the platform you build for.",
    notes: "Needs a registry in BuildKit, which resolves the image for the requested platform and compares the config's OS/architecture. dockhand never contacts a registry: it reports only for images whose platform is declared under `settings.InvalidBaseImagePlatform.images` (reference \u2192 `os/arch`), against the FROM's constant `--platform` or `settings.InvalidBaseImagePlatform.platform`. Without that configuration it never fires."
  },
  check(ctx) {
    const settings = ctx.options.settings["InvalidBaseImagePlatform"] ?? ctx.options.settings["invalid-base-image-platform"];
    const images = settings?.images;
    if (!images) return;
    for (const stage of ctx.file.stages) {
      if (parentStage(ctx.file, stage) || stage.base.toLowerCase() === "scratch") continue;
      const base2 = expandBase(ctx.file, stage)?.result;
      if (!base2) continue;
      const actualSpec = images[base2] ?? images[base2.replace(/^(docker\.io\/)?(library\/)?/, "")];
      if (!actualSpec) continue;
      const platform = expandPlatform(ctx.file, stage);
      const expectedSpec = platform && platform.matched.size === 0 && platform.unmatched.size === 0 ? platform.result : settings?.platform;
      if (!expectedSpec) continue;
      const actual = parsePlatform(actualSpec);
      const expected = parsePlatform(expectedSpec);
      if (!actual || !expected || actual.os === expected.os && actual.arch === expected.arch) continue;
      ctx.report({
        range: stage.baseRange,
        message: `Base image ${stage.base} was pulled with platform ${JSON.stringify(actualSpec)}, expected ${JSON.stringify(expectedSpec)} for current build`
      });
    }
  }
});

// src/semantic/reference.ts
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
var PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
var TAG = "[\\w][\\w.-]{0,127}";
var DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
var REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
var DIGEST_LENGTHS = { sha256: 64, sha384: 96, sha512: 128 };
function isValidImageReference(ref) {
  if (ref === "" || /^[a-f0-9]{64}$/.test(ref)) return false;
  const slash = ref.indexOf("/");
  let domain = "";
  let remainder = ref;
  if (slash >= 0) {
    const first = ref.slice(0, slash);
    if (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first) {
      domain = first;
      remainder = ref.slice(slash + 1);
    }
  }
  const pathPart = remainder.split(/[:@]/, 1)[0];
  if (pathPart.toLowerCase() !== pathPart) return false;
  const full = domain ? `${domain}/${remainder}` : remainder;
  const m = REFERENCE.exec(full);
  if (!m) return false;
  if (m[1].length > 255) return false;
  if (m[3]) {
    const [algo, hex] = m[3].split(":");
    if (DIGEST_LENGTHS[algo] !== hex.length) return false;
  }
  return true;
}

// src/rules/invalid-default-arg-in-from.ts
var invalid_default_arg_in_from_default = defineRule({
  code: "InvalidDefaultArgInFrom",
  name: "invalid-default-arg-in-from",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("InvalidDefaultArgInFrom"),
  docs: {
    summary: "Global ARGs used in FROM should have defaults that make a valid image name.",
    why: "Without `--build-arg`, `ARG TAG` + `FROM alpine:$TAG` becomes `alpine:`, which fails. A working default keeps plain `docker build` (and tools reading the Dockerfile) working.",
    bad: "ARG TAG\nFROM alpine:$TAG\n",
    good: "ARG TAG=3.20\nFROM alpine:$TAG\n",
    fix: "Give the ARG a default value, or use `${VAR:-default}` in the FROM line.",
    notes: "Build arguments passed at build time are ignored on purpose: the check is about the defaults."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      if (!stage.base.includes("$")) continue;
      const r = expandBase(ctx.file, stage);
      if (!r || isValidImageReference(r.result)) continue;
      ctx.report({
        range: stage.baseRange,
        message: `Default value for ARG ${stage.base} results in empty or invalid base image name`
      });
    }
  }
});

// src/rules/invalid-definition-description.ts
var invalid_definition_description_default = defineRule({
  code: "InvalidDefinitionDescription",
  name: "invalid-definition-description",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  experimental: true,
  url: buildkitUrl("InvalidDefinitionDescription"),
  docs: {
    summary: "A comment describing a build stage or ARG should read `# <name> <description>`.",
    why: "Tools (`docker buildx build --call=outline`) show these comments as the documentation of build arguments and targets; they only pick them up in that format.",
    bad: "# check=experimental=InvalidDefinitionDescription\nFROM alpine\n# the version to install\nARG VERSION=1.0\n",
    good: "# check=experimental=InvalidDefinitionDescription\nFROM alpine\n# VERSION the version to install\nARG VERSION=1.0\n",
    fix: "Start the comment with the name, or separate an unrelated comment from the instruction with a bare `#` line.",
    notes: "Experimental in BuildKit: runs only with `# check=experimental=InvalidDefinitionDescription` (or `all`). As in BuildKit's code, a blank line does not detach a comment from the instruction below it; a bare `#` does."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "ARG") check2(ins, "ARG", argPairs(ins).map((p) => p.key));
      else if (ins.keyword === "FROM") {
        const stage = ctx.file.stages.find((s) => s.from === ins);
        if (stage?.name) check2(ins, "FROM", [stage.name]);
      }
    }
    function check2(ins, kind, keys) {
      if (ins.prevComment.length === 0 || keys.length === 0) return;
      const first = ins.prevComment[ins.prevComment.length - 1].split(" ")[0];
      if (keys.includes(first)) return;
      const example = keys.length > 1 ? "<arg_key>" : keys[0];
      ctx.report({ range: ins.keywordRange, message: `Comment for ${kind} should follow the format: \`# ${example} <description>\`` });
    }
  }
});

// src/rules/invalid-email-label.ts
var invalid_email_label_default = defineRule({
  code: "DL3058",
  name: "invalid-email-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "An `email` label from `label-schema` is not a valid e-mail address.",
    why: "Contact labels are used to reach the image owner; a value that is not an address reaches no one.",
    bad: 'FROM alpine:3.20\nLABEL maintainer="team at example"',
    good: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"',
    fix: "Use an RFC 5322 address (`team@example.com`, or `Team <team@example.com>`).",
    setup: { bad: { options: { labelSchema: { maintainer: "email" } } }, good: { options: { labelSchema: { maintainer: "email" } } } },
    notes: "Only active with `label-schema` configured. Empty values are left to DL3051. ONBUILD LABEL is checked too. Unlike hadolint, a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time."
  },
  check(ctx) {
    checkTypedLabels(ctx, "email", isEmail, (key) => `Label \`${key}\` is not a valid email format - must conform to RFC5322.`);
  }
});

// src/rules/invalid-hash-label.ts
var invalid_hash_label_default = defineRule({
  code: "DL3055",
  name: "invalid-hash-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A `hash` label from `label-schema` is not a git commit hash.",
    why: "Revision labels link an image to the commit it was built from; a value that is not a commit hash cannot be looked up.",
    bad: 'FROM alpine:3.20\nLABEL revision="main"',
    good: 'FROM alpine:3.20\nLABEL revision="43c572f1272b6b3171dd1db9e41b7027128ce080"',
    fix: "Use the full (40) or short (7) lower-case hex commit hash, e.g. from `git rev-parse HEAD`.",
    setup: { bad: { options: { labelSchema: { revision: "hash" } } }, good: { options: { labelSchema: { revision: "hash" } } } },
    notes: "Only active with `label-schema` configured. Empty values are left to DL3051. ONBUILD LABEL is checked too. Unlike hadolint, a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time."
  },
  check(ctx) {
    checkTypedLabels(ctx, "hash", isGitHash, (key) => `Label \`${key}\` is not a valid git hash.`);
  }
});

// src/rules/invalid-label-key.ts
var RESERVED = ["com.docker.", "io.docker.", "org.dockerproject."];
var invalid_label_key_default = defineRule({
  code: "DL3048",
  name: "invalid-label-key",
  aliases: [],
  severity: "style",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "LABEL key does not follow the Docker label key format.",
    why: "Docker recommends lower-case, reverse-DNS keys (`org.opencontainers.image.source`) made of letters, digits, `.` and `-`, and reserves the `com.docker.`, `io.docker.` and `org.dockerproject.` namespaces. Other keys may clash with tools that read labels.",
    bad: 'FROM alpine:3.20\nLABEL Maintainer="me"',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"',
    fix: "Rename the key: start with a lower-case letter, end with a letter or digit, use only `a-z 0-9 . - _ /`, no `..` or `--`, and stay out of the reserved namespaces.",
    notes: "Like hadolint 2.15 (which also allows `_` and `/`). ONBUILD LABEL is checked too, and each invalid key is reported at its own position."
  },
  check(ctx) {
    for (const p of labelPairs(ctx.file, true)) {
      if (valid(p.key)) continue;
      ctx.report({ range: p.pair.keyRange, message: "Invalid label key." });
    }
  }
});
function valid(key) {
  return /^[a-z]/.test(key) && /[a-z0-9]$/.test(key) && /^[a-z0-9._/-]*$/.test(key) && !key.includes("..") && !key.includes("--") && !RESERVED.some((r) => key.startsWith(r));
}

// src/rules/invalid-rfc3339-label.ts
var invalid_rfc3339_label_default = defineRule({
  code: "DL3053",
  name: "invalid-rfc3339-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "An `rfc3339` label from `label-schema` is not an RFC 3339 date-time.",
    why: "Date labels such as `org.opencontainers.image.created` are compared and sorted by tools; any other format is ambiguous.",
    bad: 'FROM alpine:3.20\nLABEL created="10/03/2021"',
    good: 'FROM alpine:3.20\nLABEL created="2021-03-10T10:26:33Z"',
    fix: "Use an RFC 3339 timestamp, e.g. `$(date -u +%Y-%m-%dT%H:%M:%SZ)` passed in as a build argument.",
    setup: { bad: { options: { labelSchema: { created: "rfc3339" } } }, good: { options: { labelSchema: { created: "rfc3339" } } } },
    notes: "Only active with `label-schema` configured. Empty values are left to DL3051. ONBUILD LABEL is checked too. Unlike hadolint, a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time. Calendar fields are range-checked (no month 13, no 31 February)."
  },
  check(ctx) {
    checkTypedLabels(ctx, "rfc3339", isRfc3339, (key) => `Label \`${key}\` is not a valid time format - must conform to RFC3339.`);
  }
});

// src/rules/invalid-semver-label.ts
var invalid_semver_label_default = defineRule({
  code: "DL3056",
  name: "invalid-semver-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A `semver` label from `label-schema` is not a semantic version.",
    why: "Version labels are compared by tools; only a semantic version (`1.4.2`, `2.0.1-rc1`) orders reliably.",
    bad: 'FROM alpine:3.20\nLABEL version="v1.4"',
    good: 'FROM alpine:3.20\nLABEL version="1.4.2"',
    fix: "Use a Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH[-prerelease][+build]`.",
    setup: { bad: { options: { labelSchema: { version: "semver" } } }, good: { options: { labelSchema: { version: "semver" } } } },
    notes: "Only active with `label-schema` configured. Empty values are left to DL3051. ONBUILD LABEL is checked too. Unlike hadolint, a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time."
  },
  check(ctx) {
    checkTypedLabels(ctx, "semver", isSemver, (key) => `Label \`${key}\` does not conform to semantic versioning.`);
  }
});

// src/rules/invalid-spdx-label.ts
var invalid_spdx_label_default = defineRule({
  code: "DL3054",
  name: "invalid-spdx-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "An `spdx` label from `label-schema` is not an SPDX license expression.",
    why: "License scanners match SPDX identifiers exactly; `Apache 2` or `GPL` is not one and the image shows up as unlicensed.",
    bad: 'FROM alpine:3.20\nLABEL licenses="Apache 2"',
    good: 'FROM alpine:3.20\nLABEL licenses="Apache-2.0"',
    fix: "Use an SPDX identifier or expression (`MIT`, `Apache-2.0 OR MIT`).",
    setup: { bad: { options: { labelSchema: { licenses: "spdx" } } }, good: { options: { labelSchema: { licenses: "spdx" } } } },
    notes: "Only active with `label-schema` configured. Empty values are left to DL3051. ONBUILD LABEL is checked too. Unlike hadolint, a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time. Accepts SPDX license expressions (`MIT OR Apache-2.0`, `GPL-2.0-only WITH Classpath-exception-2.0`) using the SPDX license list."
  },
  check(ctx) {
    checkTypedLabels(ctx, "spdx", isSpdx, (key) => `Label \`${key}\` is not a valid SPDX license identifier.`);
  }
});

// src/rules/invalid-url-label.ts
var invalid_url_label_default = defineRule({
  code: "DL3052",
  name: "invalid-url-label",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A `url` label from `label-schema` is not a valid URL.",
    why: "Tools follow URL labels (source, documentation); a value that is not a URL breaks them.",
    bad: 'FROM alpine:3.20\nLABEL source="github.com/org/repo"',
    good: 'FROM alpine:3.20\nLABEL source="https://github.com/org/repo"',
    fix: "Use an absolute URL with a scheme, e.g. `https://...`.",
    setup: { bad: { options: { labelSchema: { source: "url" } } }, good: { options: { labelSchema: { source: "url" } } } },
    notes: "Only active with `label-schema` configured. Empty values are left to DL3051. ONBUILD LABEL is checked too. Unlike hadolint, a value built from a variable (`$BUILD_DATE`) is not judged, since it is only known at build time. A URL is an absolute URI: a scheme, `:`, and no spaces or characters RFC 3986 forbids."
  },
  check(ctx) {
    checkTypedLabels(ctx, "url", isUri, (key) => `Label \`${key}\` is not a valid URL.`);
  }
});

// src/rules/json-args-recommended.ts
var json_args_recommended_default = defineRule({
  code: "DL3025",
  name: "json-args-recommended",
  aliases: ["JSONArgsRecommended"],
  severity: "warning",
  origin: "hadolint",
  fixable: "sometimes-safe",
  url: buildkitUrl("JSONArgsRecommended"),
  docs: {
    summary: "Use the JSON (exec) form for CMD and ENTRYPOINT.",
    why: 'In shell form the command runs as `/bin/sh -c "..."`: the shell is PID 1 and does not forward SIGTERM, so `docker stop` waits and then kills your process without a clean shutdown.',
    bad: "FROM alpine\nCMD node server.js\n",
    good: 'FROM alpine\nCMD ["node", "server.js"]\n',
    fix: 'Write the command as a JSON array. If you need shell features, use `["/bin/sh", "-c", "exec ..."]` or set a SHELL explicitly.',
    fixSafety: 'Offered only when the command uses no shell syntax (quotes, variables, globs, operators, redirections). Safe for HEALTHCHECK CMD, and for CMD when no exec-form ENTRYPOINT can receive it (none in the stage chain and a base image known to have none, e.g. alpine or debian); unsafe otherwise, because the ENTRYPOINT then gets `node server.js` instead of `/bin/sh -c "node server.js"`. Unsafe for ENTRYPOINT: in exec form the image\'s CMD is appended as arguments, while the shell form ignored it.',
    notes: "As in BuildKit, nothing is reported when a SHELL instruction is in effect for the stage (its own or an ancestor stage's). As in hadolint 2.15, `HEALTHCHECK CMD` in shell form is reported too."
  },
  check(ctx) {
    const file = ctx.file;
    for (const ins of file.instructions) {
      if (ins.keyword !== "CMD" && ins.keyword !== "ENTRYPOINT" && ins.keyword !== "HEALTHCHECK") continue;
      if (hasShell(file, ins)) continue;
      if (ins.keyword === "HEALTHCHECK") {
        const cmd = healthcheckCommand(ins);
        if (!cmd || cmd.json) continue;
        ctx.report({
          range: ins.keywordRange,
          message: `JSON arguments recommended for ${ins.keywordRaw} CMD to prevent unintended behavior related to OS signals`,
          fix: execFormFix(file, ins, cmd.offset, "safe")
        });
        continue;
      }
      if (ins.json) continue;
      ctx.report({
        range: ins.keywordRange,
        message: `JSON arguments recommended for ${ins.keywordRaw} to prevent unintended behavior related to OS signals`,
        fix: execFormFix(file, ins, 0, ins.keyword === "CMD" && !entrypointMayTakeCmd(file, ins) ? "safe" : "unsafe")
      });
    }
  }
});
function hasShell(file, ins) {
  return ins.stageIndex >= 0 && modelOf(file).scopeBefore(ins)?.shellExplicit === true;
}
function entrypointMayTakeCmd(file, ins) {
  const stage = file.stages[ins.stageIndex];
  if (!stage) return true;
  const chain = stageChain(file, stage);
  const entrypoints = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === "ENTRYPOINT"));
  if (entrypoints.length > 0) return entrypoints.some((e) => e.json);
  const root = rootImage(file, stage.index);
  return !root || root.kind === "image" && !knownWithoutEntrypoint(root.ref);
}
function healthcheckCommand(ins) {
  const m = /^(cmd)(\s+)/i.exec(ins.argsText);
  if (!m) return void 0;
  const offset = m[0].length;
  const rest = ins.argsText.slice(offset);
  return { offset, json: isJsonArray(rest) };
}
function isJsonArray(s) {
  if (!s.trimStart().startsWith("[")) return false;
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === "string");
  } catch {
    return false;
  }
}
var PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;
var SHELL_ONLY = /* @__PURE__ */ new Set(["cd", "export", "source", ".", "set", "unset", "eval", "alias", "ulimit", "umask", "trap", "wait", "read", "shift", "exit", "return", "if", "for", "while", "until", "case", "function", "exec"]);
function execFormFix(file, ins, offset, safety) {
  if (ins.range.startLine !== ins.range.endLine || ins.heredocs.length > 0) return void 0;
  const text = ins.argsText.slice(offset);
  const words = text.split(/[ \t]+/).filter((w) => w !== "");
  if (words[0] === "exec") words.shift();
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w)) || SHELL_ONLY.has(words[0])) return void 0;
  const start = ins.argsRange.start + offset;
  if (file.text.slice(start, ins.argsRange.end) !== text) return void 0;
  return {
    title: "Convert to exec form",
    safety,
    edits: [{ range: file.lineIndex.range(start, ins.argsRange.end), text: `[${words.map((w) => JSON.stringify(w)).join(", ")}]` }]
  };
}

// src/rules/label-not-in-schema.ts
var label_not_in_schema_default = defineRule({
  code: "DL3050",
  name: "label-not-in-schema",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "With `strict-labels`, a label that is not in `label-schema`.",
    why: "A strict schema keeps image metadata uniform: labels outside it are usually typos of schema labels or ad-hoc metadata no tool reads.",
    bad: 'FROM alpine:3.20\nLABEL maintaner="team@example.com"',
    good: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"',
    fix: "Rename the label to a schema label, remove it, or add it to `label-schema`.",
    setup: { bad: { options: { labelSchema: { maintainer: "email" }, strictLabels: true } }, good: { options: { labelSchema: { maintainer: "email" }, strictLabels: true } } },
    notes: "Only active with `strict-labels: true`. Each extra key is reported at its position (hadolint reports the LABEL once). ONBUILD LABEL is checked too."
  },
  check(ctx) {
    if (!ctx.options.strictLabels) return;
    for (const p of labelPairs(ctx.file, true)) {
      if (schemaType(ctx.options.labelSchema, p.key) !== void 0) continue;
      ctx.report({ range: p.pair.keyRange, message: "Superfluous label(s) present." });
    }
  }
});

// src/rules/legacy-key-value-format.ts
var legacy_key_value_format_default = defineRule({
  code: "LegacyKeyValueFormat",
  name: "legacy-key-value-format",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "sometimes-safe",
  url: buildkitUrl("LegacyKeyValueFormat"),
  docs: {
    summary: "Use `ENV key=value` / `LABEL key=value`, not the legacy whitespace-separated form.",
    why: "In the legacy form everything after the key, spaces included, is one value, so `ENV A b C=d` sets A to `b C=d`. The `key=value` form is unambiguous and can set several variables at once.",
    bad: "FROM alpine\nENV APP_HOME /srv/app\nLABEL maintainer team@example.org\n",
    good: "FROM alpine\nENV APP_HOME=/srv/app\nLABEL maintainer=team@example.org\n",
    fix: "Put `=` between key and value, quoting the value when it contains spaces.",
    fixSafety: "Safe when the value is a single word (nothing to quote). When it contains spaces but no quotes or backslashes, an unsafe fix wraps it in double quotes. Otherwise, and for values continued over several lines, no fix is offered."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== "ENV" && ins.keyword !== "LABEL") continue;
        const legacy = ins.pairs.find((p) => p.sep === "");
        if (!legacy) continue;
        const kw = ins.keywordRaw;
        ctx.report({
          range: legacy.range,
          message: `"${kw} key=value" should be used instead of legacy "${kw} key value" format`,
          fix: toKeyValue(ctx.file, legacy)
        });
      }
    }
  }
});
function toKeyValue(file, pair) {
  if (pair.range.startLine !== pair.range.endLine) return void 0;
  const value = file.text.slice(pair.valueRange.start, pair.valueRange.end);
  const key = file.text.slice(pair.keyRange.start, pair.keyRange.end);
  if (key !== pair.key) return void 0;
  let text;
  let safety;
  if (!/\s/.test(value)) {
    text = `${key}=${value}`;
    safety = "safe";
  } else if (!/["'\\`]/.test(value)) {
    text = `${key}="${value}"`;
    safety = "unsafe";
  } else {
    return void 0;
  }
  const range = file.lineIndex.range(pair.keyRange.start, pair.valueRange.end);
  return { title: "Use key=value", safety, edits: [{ range, text }] };
}

// src/rules/ln-bin-sh.ts
var ln_bin_sh_default = defineRule({
  code: "DL4005",
  name: "ln-bin-sh",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`ln` replaces `/bin/sh` to change the default shell.",
    why: "Relinking /bin/sh changes the shell for everything in the image, including package scripts that expect the original; SHELL changes it only for the Dockerfile's own RUN, CMD and ENTRYPOINT.",
    bad: "FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh",
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]',
    fix: 'Use `SHELL ["/bin/bash", "-c"]` instead of the symlink.',
    notes: "Like hadolint, ONBUILD RUN is checked too. Unlike hadolint, `/bin/sh` must be the link being created (the last operand of `ln`); `ln -s /bin/sh /usr/local/bin/sh` only reads it."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["ln"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("ln")) continue;
      for (const cmd of commandsOf2(ctx, site)) {
        if (cmd.name !== "ln") continue;
        const target = cmd.argsNoFlags[cmd.argsNoFlags.length - 1];
        if (target?.value !== "/bin/sh") continue;
        ctx.report({ range: target.range, message: "Use SHELL to change the default shell" });
      }
    }
  }
});

// src/rules/maintainer-deprecated.ts
var maintainer_deprecated_default = defineRule({
  code: "DL4000",
  name: "maintainer-deprecated",
  aliases: ["MaintainerDeprecated", "DS022", "CKV_DOCKER_6"],
  severity: "error",
  origin: "hadolint",
  fixable: "unsafe",
  url: buildkitUrl("MaintainerDeprecated"),
  docs: {
    summary: "MAINTAINER is deprecated; use a label to name the image author.",
    why: "MAINTAINER only fills the legacy `Author` field of the image config. The OCI annotation `org.opencontainers.image.authors` is what registries and tools read today.",
    bad: "FROM alpine\nMAINTAINER Jane Doe <jane@example.org>\n",
    good: 'FROM alpine\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.org>"\n',
    fix: 'Replace `MAINTAINER x` with `LABEL org.opencontainers.image.authors="x"`.',
    fixSafety: "Unsafe: the image config changes (the `Author` field is no longer set and a label is added), which anything reading `docker inspect .Author` would notice."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "MAINTAINER") continue;
      ctx.report({
        range: ins.keywordRange,
        message: "Maintainer instruction is deprecated in favor of using label",
        fix: toLabel(ins)
      });
    }
  }
});
function toLabel(ins) {
  if (ins.range.startLine !== ins.range.endLine || ins.argsText === "") return void 0;
  const value = ins.argsText.replace(/[\\"$]/g, (c) => `\\${c}`);
  const label = ins.keywordRaw === ins.keywordRaw.toLowerCase() ? "label" : "LABEL";
  return {
    title: "Replace with LABEL org.opencontainers.image.authors",
    safety: "unsafe",
    edits: [{ range: ins.range, text: `${label} org.opencontainers.image.authors="${value}"` }]
  };
}

// src/rules/missing-healthcheck.ts
var missing_healthcheck_default = defineRule({
  code: "DL3057",
  name: "missing-healthcheck",
  aliases: ["DS026", "CKV_DOCKER_2"],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  disabledByDefault: true,
  docs: {
    summary: "A stage has no `HEALTHCHECK` instruction.",
    why: "Without a HEALTHCHECK, Docker and Swarm only know whether the process runs, not whether it works; a hung service is never restarted.",
    bad: "FROM nginx:1.27",
    good: "FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1",
    fix: "Add a `HEALTHCHECK CMD ...`, or `HEALTHCHECK NONE` to state that none is wanted.",
    notes: "Off by default (hadolint's severity `ignore`); enable it with a severity override. A HEALTHCHECK (or `HEALTHCHECK NONE`) is inherited through `FROM <stage>`, and a stage that another stage builds on is only reported through that stage. Reported on the FROM line. Unlike hadolint, a stage that is only read by `COPY --from` (a builder stage, never run as a container) is not reported."
  },
  check(ctx) {
    const { file } = ctx;
    const parents = stageParents(file);
    const own = file.stages.map((s) => s.instructions.some((i) => i.keyword === "HEALTHCHECK"));
    const has = [];
    const isBase = /* @__PURE__ */ new Set();
    for (const s of file.stages) {
      const p = parents[s.index] ?? null;
      has[s.index] = own[s.index] || p !== null && has[p];
      if (p !== null) isBase.add(p);
    }
    const copied = stagesCopiedFrom(file);
    for (const s of file.stages) {
      if (has[s.index] || isBase.has(s.index) || copied.has(s.index)) continue;
      ctx.report({ range: s.from.keywordRange, message: "`HEALTHCHECK` instruction missing." });
    }
  }
});

// src/rules/missing-schema-label.ts
var missing_schema_label_default = defineRule({
  code: "DL3049",
  name: "missing-schema-label",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A label required by `label-schema` is missing from a stage.",
    why: "Teams use a label schema so every image carries the same metadata (owner, source, version). An image without one of them cannot be traced by the tools that rely on it.",
    bad: "FROM alpine:3.20",
    good: 'FROM alpine:3.20\nLABEL maintainer="team@example.com"',
    fix: "Add the missing `LABEL` to the stage (or to a stage it is built `FROM`).",
    setup: { bad: { options: { labelSchema: { maintainer: "email" } } }, good: { options: { labelSchema: { maintainer: "email" } } } },
    notes: "Only active with `label-schema` configured; reported on the FROM line, once per missing label. Like hadolint: labels are inherited through `FROM <stage>`, and a stage that is only read by `COPY --from` is not reported. A stage that a later stage builds on is not reported when that later stage defines the label (hadolint does this only when the later stage has no alias of its own)."
  },
  check(ctx) {
    const required = Object.keys(ctx.options.labelSchema);
    if (required.length === 0) return;
    const { file } = ctx;
    const parents = stageParents(file);
    const own = file.stages.map(() => /* @__PURE__ */ new Set());
    for (const ins of file.instructions) {
      if (ins.keyword !== "LABEL" || ins.stageIndex < 0) continue;
      for (const p of ins.pairs) own[ins.stageIndex].add(unquote(p.key));
    }
    const copied = stagesCopiedFrom(file);
    for (const label of required) {
      const has = file.stages.map(() => false);
      for (const s of file.stages) has[s.index] = own[s.index].has(label) || parents[s.index] !== null && has[parents[s.index]];
      const covered = file.stages.map(() => false);
      for (let i = file.stages.length - 1; i >= 0; i--) {
        const p = parents[i];
        if (p !== null && p !== void 0 && (own[i].has(label) || covered[i])) covered[p] = true;
      }
      for (const s of file.stages) {
        if (has[s.index] || covered[s.index] || copied.has(s.index)) continue;
        ctx.report({ range: s.from.keywordRange, message: `Label \`${label}\` is missing.` });
      }
    }
  }
});

// src/rules/utils/buildkit-multiple.ts
function checkMultiple(ctx, keyword) {
  for (const stage of ctx.file.stages) {
    let previous;
    for (const ins of stage.instructions) {
      if (ins.keyword !== keyword) continue;
      if (previous) {
        ctx.report({
          range: previous.keywordRange,
          message: `Multiple ${ins.keywordRaw} instructions should not be used in the same stage because only the last one will be used`
        });
      }
      previous = ins;
    }
  }
}
var MULTIPLE_NOTES = "Reported at the overridden (earlier) instruction, as BuildKit does; hadolint reports the later one. `--ignore MultipleInstructionsDisallowed` silences DL4003, DL4004 and DL3012 together.";

// src/rules/multiple-cmd.ts
var multiple_cmd_default = defineRule({
  code: "DL4003",
  name: "multiple-cmd",
  aliases: ["MultipleInstructionsDisallowed", "DS016"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  url: buildkitUrl("MultipleInstructionsDisallowed"),
  docs: {
    summary: "Only one CMD per stage: every earlier one is silently overridden by the last.",
    why: "An earlier CMD that a later one replaces has no effect, so it misleads whoever reads the file.",
    bad: 'FROM alpine\nCMD ["./server", "--port", "80"]\nCMD ["./server", "--port", "8080"]\n',
    good: 'FROM alpine\nCMD ["./server", "--port", "8080"]\n',
    fix: "Delete the CMD instructions that are overridden, keeping the one you mean.",
    notes: MULTIPLE_NOTES
  },
  check(ctx) {
    checkMultiple(ctx, "CMD");
  }
});

// src/rules/multiple-entrypoint.ts
var multiple_entrypoint_default = defineRule({
  code: "DL4004",
  name: "multiple-entrypoint",
  aliases: ["MultipleInstructionsDisallowed", "DS007"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  url: buildkitUrl("MultipleInstructionsDisallowed"),
  docs: {
    summary: "Only one ENTRYPOINT per stage: every earlier one is silently overridden by the last.",
    why: "An earlier ENTRYPOINT that a later one replaces has no effect, so it misleads whoever reads the file.",
    bad: 'FROM alpine\nENTRYPOINT ["./server"]\nENTRYPOINT ["./server", "--verbose"]\n',
    good: 'FROM alpine\nENTRYPOINT ["./server", "--verbose"]\n',
    fix: "Delete the ENTRYPOINT instructions that are overridden, keeping the one you mean.",
    notes: MULTIPLE_NOTES
  },
  check(ctx) {
    checkMultiple(ctx, "ENTRYPOINT");
  }
});

// src/rules/multiple-healthcheck.ts
var multiple_healthcheck_default = defineRule({
  code: "DL3012",
  name: "multiple-healthcheck",
  aliases: ["MultipleInstructionsDisallowed", "DS023"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  url: buildkitUrl("MultipleInstructionsDisallowed"),
  docs: {
    summary: "Only one HEALTHCHECK per stage: every earlier one is silently overridden by the last.",
    why: "An earlier HEALTHCHECK that a later one replaces has no effect, so it misleads whoever reads the file.",
    bad: 'FROM alpine\nHEALTHCHECK CMD ["./probe"]\nHEALTHCHECK --interval=10s CMD ["./probe", "--deep"]\n',
    good: 'FROM alpine\nHEALTHCHECK --interval=10s CMD ["./probe", "--deep"]\n',
    fix: "Delete the HEALTHCHECK instructions that are overridden, keeping the one you mean.",
    notes: MULTIPLE_NOTES
  },
  check(ctx) {
    checkMultiple(ctx, "HEALTHCHECK");
  }
});

// src/rules/utils/hadolint-a-options.ts
function parseOptions(words, valueFlags = NO_FLAGS3) {
  const takesValue = valueSet(valueFlags);
  const options = [];
  const operands = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const v = word.value;
    if (v === "--") return { options, operands, afterDoubleDash: words.slice(i + 1) };
    if (v === "-" || !v.startsWith("-")) {
      operands.push(word);
      continue;
    }
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      if (eq >= 0) options.push({ name, value: v.slice(eq + 1), word, valueWord: null });
      else if (takesValue.has(name) && i + 1 < words.length) {
        const next = words[++i];
        options.push({ name, value: next.value, word, valueWord: next });
      } else options.push({ name, value: null, word, valueWord: null });
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const name = v[j];
      if (!takesValue.has(name)) {
        options.push({ name, value: null, word, valueWord: null });
        continue;
      }
      const rest = v.slice(j + 1);
      if (rest !== "") options.push({ name, value: rest.startsWith("=") ? rest.slice(1) : rest, word, valueWord: null });
      else if (i + 1 < words.length) {
        const next = words[++i];
        options.push({ name, value: next.value, word, valueWord: next });
      } else options.push({ name, value: null, word, valueWord: null });
      break;
    }
  }
  return { options, operands, afterDoubleDash: [] };
}
var NO_FLAGS3 = [];
var valueSets = /* @__PURE__ */ new WeakMap();
function valueSet(valueFlags) {
  if (typeof valueFlags !== "object" || valueFlags === null) return new Set(valueFlags);
  let set = valueSets.get(valueFlags);
  if (!set) {
    set = new Set(valueFlags);
    valueSets.set(valueFlags, set);
  }
  return set;
}
function hasOption(parsed, ...names) {
  return parsed.options.some((o) => names.includes(o.name));
}

// src/rules/utils/hadolint-a-apt.ts
var APT_GLOBAL_VALUE_FLAGS = ["o", "option", "c", "config-file", "t", "target-release"];
var APT_VALUE_FLAGS = [...APT_GLOBAL_VALUE_FLAGS, "default-release"];
function aptGetInstall(cmd) {
  if (commandName(cmd) !== "apt-get") return void 0;
  const parsed = parseOptions(cmd.args, APT_VALUE_FLAGS);
  const sub2 = parsed.operands[0];
  if (sub2?.value !== "install") return void 0;
  return { parsed, subcommand: sub2, packages: parsed.operands.slice(1) };
}
function aptSettings(parsed) {
  const out = /* @__PURE__ */ new Map();
  for (const o of parsed.options) {
    if (o.name !== "o" && o.name !== "option" || o.value === null) continue;
    const eq = o.value.indexOf("=");
    if (eq > 0) out.set(o.value.slice(0, eq).toLowerCase(), o.value.slice(eq + 1));
  }
  return out;
}
function aptBoolean(value) {
  if (value === void 0) return void 0;
  const v = value.trim().replace(/^["']|["']$/g, "").toLowerCase();
  if (["1", "true", "yes", "on", "with", "enable"].includes(v)) return true;
  if (["0", "false", "no", "off", "without", "disable"].includes(v)) return false;
  return void 0;
}

// src/rules/no-apt.ts
var EQUIVALENT = {
  install: "apt-get",
  remove: "apt-get",
  purge: "apt-get",
  update: "apt-get",
  autoremove: "apt-get",
  autoclean: "apt-get",
  clean: "apt-get",
  source: "apt-get",
  "build-dep": "apt-get",
  download: "apt-get",
  satisfy: "apt-get",
  search: "apt-cache",
  show: "apt-cache",
  policy: "apt-cache",
  depends: "apt-cache",
  rdepends: "apt-cache",
  showsrc: "apt-cache"
};
var no_apt_default = defineRule({
  code: "DL3027",
  name: "no-apt",
  aliases: ["CKV_DOCKER_9"],
  severity: "warning",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "RUN should use `apt-get` or `apt-cache`, not `apt`.",
    why: '`apt` is meant for people at a terminal: its output and defaults may change between releases and it warns that it "does not have a stable CLI interface" when used in scripts.',
    bad: "FROM debian:12\nRUN apt update && apt install -y curl\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
    fix: "Use `apt-get` for installing, removing and updating, and `apt-cache` for `search`, `show` and `policy`.",
    fixSafety: "Unsafe: apt and apt-get differ in defaults, notably apt deletes downloaded .deb files after installing (`Binary::apt::APT::Keep-Downloaded-Packages`) while apt-get keeps them, so the image can differ. The fix is offered for subcommands with a direct equivalent (not `upgrade`, `full-upgrade` or `list`), in shell-form RUNs.",
    notes: "As in hadolint, ONBUILD triggers are checked too."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["apt"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("apt")) continue;
      for (const cmd of cmds) {
        if (commandName(cmd) !== "apt") continue;
        ctx.report({
          range: cmd.nameRange,
          message: "Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead",
          fix: site.run.json ? void 0 : replacement(ctx.file, cmd)
        });
      }
    }
  }
});
function replacement(file, cmd) {
  if (cmd.name !== "apt") return void 0;
  const sub2 = parseOptions(cmd.args, APT_GLOBAL_VALUE_FLAGS).operands[0]?.value;
  const tool = sub2 === void 0 ? void 0 : EQUIVALENT[sub2];
  if (!tool) return void 0;
  const r = cmd.nameRange;
  if (file.text.slice(r.start, r.end) !== "apt") return void 0;
  return { title: `Replace apt with ${tool}`, safety: "unsafe", edits: [{ range: file.lineIndex.range(r.start, r.end), text: tool }] };
}

// src/rules/no-cd-in-run.ts
var no_cd_in_run_default = defineRule({
  code: "DL3003",
  name: "no-cd-in-run",
  aliases: ["DS013"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "RUN should not use `cd`; WORKDIR sets the directory.",
    why: "A `cd` lasts only for its own RUN, so the next instruction silently runs somewhere else; WORKDIR states the directory once, for every later instruction, and creates it if needed.",
    bad: "FROM alpine:3.20\nRUN cd /app && make\n",
    good: "FROM alpine:3.20\nWORKDIR /app\nRUN make\n",
    fix: "Put `WORKDIR <dir>` before the RUN and drop the `cd`, or pass the directory to the tool (`make -C /app`).",
    notes: "As in hadolint, every `cd` is reported (subshells included) and ONBUILD triggers are not checked."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["cd"])) return;
    for (const site of runSites(ctx.file, { onbuild: false })) {
      const cmds = commandsOf(ctx, site, "hadolint");
      if (!siteCommandNames(ctx, site, "hadolint").has("cd")) continue;
      for (const cmd of cmds) {
        if (commandName(cmd) === "cd") ctx.report({ range: cmd.nameRange, message: "Use WORKDIR to switch to a directory" });
      }
    }
  }
});

// src/rules/no-copy-from-self.ts
var no_copy_from_self_default = defineRule({
  code: "DL3023",
  name: "no-copy-from-self",
  aliases: ["DS006"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`COPY --from` cannot reference the stage it belongs to.",
    why: "A stage cannot copy from its own result while it is being built; the build fails with a circular dependency.",
    bad: "FROM node:22 AS web\nCOPY --from=web /app/dist /srv\n",
    good: "FROM node:22 AS build\nRUN npm run build\nFROM nginx:1.27 AS web\nCOPY --from=build /app/dist /srv\n",
    fix: "Copy from an earlier stage, or copy within the stage with RUN cp.",
    notes: "Deviations from hadolint: the stage's own index (`--from=2` inside the third stage) is reported too, and names match case-insensitively, as BuildKit does."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "COPY" || ins.stageIndex < 0) continue;
      const flag = ins.flags.find((f) => f.name === "from");
      if (!flag || flag.value === null) continue;
      const stage = ctx.file.stages[ins.stageIndex];
      if (!stage) continue;
      const v = flag.value.toLowerCase();
      if (stage.name !== null && stage.name.toLowerCase() === v || v === String(stage.index)) {
        ctx.report({ range: flag.valueRange ?? flag.range, message: "`COPY --from` cannot reference its own `FROM` alias" });
      }
    }
  }
});

// src/rules/no-empty-continuation.ts
var no_empty_continuation_default = defineRule({
  code: "NoEmptyContinuation",
  name: "no-empty-continuation",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("NoEmptyContinuation"),
  docs: {
    summary: "Empty continuation lines will become errors in a future release.",
    why: "An empty line inside a `\\`-continued instruction is skipped today, which makes it easy to miss that the instruction goes on; BuildKit plans to reject it.",
    bad: "FROM alpine\nRUN apk add \\\n\n    curl\n",
    good: "FROM alpine\nRUN apk add \\\n    curl\n",
    fix: "Delete the empty line, or end the instruction before it.",
    notes: "The parser detects the empty lines (comment lines do not count) and reports at the instruction's last line, as BuildKit does; this rule owns that finding, so config, pragmas and `--ignore` apply to it."
  },
  check() {
  }
});

// src/rules/no-from-platform.ts
var no_from_platform_default = defineRule({
  code: "DL3029",
  name: "no-from-platform",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "FROM should not force a platform with `--platform`, except `$BUILDPLATFORM` / `$TARGETPLATFORM`.",
    why: "A hard-coded `--platform=linux/amd64` makes the build ignore the platform it is asked for: multi-platform builds produce the same architecture under every label, and ARM hosts build slowly under emulation.",
    bad: "FROM --platform=linux/amd64 debian:12\n",
    good: "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
    fix: "Drop `--platform` and pass `--platform` to `docker build` instead, or use `$BUILDPLATFORM` for build stages.",
    notes: "As in hadolint, values mentioning BUILDPLATFORM or TARGETPLATFORM are accepted."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const flag = stage.from.flags.find((f) => f.name === "platform");
      if (!flag || flag.value === null || flag.value === "") continue;
      if (flag.value.includes("BUILDPLATFORM") || flag.value.includes("TARGETPLATFORM")) continue;
      ctx.report({ range: flag.range, message: "Do not use --platform flag with FROM" });
    }
  }
});

// src/linter/pragmas.ts
var PRAGMA = /^(hadolint|dockhand)[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=(.*)$/;
var CODE = /^[A-Za-z][A-Za-z0-9_-]*$/;
function parseIgnorePragma(text) {
  const m = PRAGMA.exec(text.trim());
  if (!m) return null;
  let list = m[3];
  const hash = list.indexOf("#");
  if (hash !== -1) list = list.slice(0, hash);
  const codes = list.split(",").map((c) => c.trim());
  if (codes.length === 0 || codes.some((c) => !CODE.test(c))) return null;
  return { tool: m[1], scope: m[2] ?? "next", codes };
}
function emptyCheckOptions() {
  return { skipAll: false, skip: [], experimentalAll: false, experimental: [], error: false };
}
var TRUE = /* @__PURE__ */ new Set(["1", "t", "true"]);
function parseCheckOptions(value) {
  const out = emptyCheckOptions();
  const first = value.trim().split(/\s/, 1)[0] ?? "";
  for (const part of first.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const items = part.slice(eq + 1).split(",").map((s) => s.trim()).filter(Boolean);
    if (key === "skip") {
      if (items.some((i) => i.toLowerCase() === "all")) out.skipAll = true;
      out.skip.push(...items.filter((i) => i.toLowerCase() !== "all"));
    } else if (key === "experimental") {
      if (items.some((i) => i.toLowerCase() === "all")) out.experimentalAll = true;
      out.experimental.push(...items.filter((i) => i.toLowerCase() !== "all"));
    } else if (key === "error") {
      out.error = TRUE.has((items[0] ?? "").toLowerCase());
    }
  }
  return out;
}
function checkOptionsError(value) {
  const first = value.trim().split(/\s/, 1)[0] ?? "";
  if (first === "") return null;
  for (const part of first.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) return `invalid check option "${part}"`;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key === "error") {
      if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(part.slice(eq + 1).trim())) return `failed to parse check option "${part}"`;
    } else if (key !== "skip" && key !== "experimental") {
      return `invalid check option "${part.slice(0, eq)}"`;
    }
  }
  return null;
}
var CHECK_COMMENT = /^check[ \t]*=(.*)$/i;
function checkOptionsFromComments(comments) {
  for (const c of comments) {
    const m = CHECK_COMMENT.exec(c.trim());
    if (m) return parseCheckOptions(m[1]);
  }
  return null;
}
var BUILDKIT_CHECKS = /* @__PURE__ */ new Set([
  "StageNameCasing",
  "FromAsCasing",
  "NoEmptyContinuation",
  "ConsistentInstructionCasing",
  "DuplicateStageName",
  "ReservedStageName",
  "JSONArgsRecommended",
  "MaintainerDeprecated",
  "UndefinedArgInFrom",
  "WorkdirRelativePath",
  "UndefinedVar",
  "MultipleInstructionsDisallowed",
  "LegacyKeyValueFormat",
  "InvalidBaseImagePlatform",
  "RedundantTargetPlatform",
  "SecretsUsedInArgOrEnv",
  "InvalidDefaultArgInFrom",
  "FromPlatformFlagConstDisallowed",
  "CopyIgnoredFile",
  "InvalidDefinitionDescription",
  "ExposeProtoCasing",
  "ExposeInvalidFormat"
]);
var FILE_LEVEL_CHECKS = /* @__PURE__ */ new Set([
  "ConsistentInstructionCasing",
  "DuplicateStageName",
  "ReservedStageName",
  "InvalidDefaultArgInFrom",
  "NoEmptyContinuation"
]);

// src/rules/no-inline-ignore-pragma.ts
var no_inline_ignore_pragma_default = defineRule({
  code: "DL1001",
  name: "no-inline-ignore-pragma",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  disabledByDefault: true,
  docs: {
    summary: "Inline `# hadolint ignore=...` (or `# dockhand ignore=...`) pragmas are not allowed.",
    why: "Teams that want every exception to be reviewed in one place can forbid silencing rules next to the code and keep the ignores in the config file instead.",
    bad: "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y curl\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10\n",
    fix: "Fix the finding, or move the code to `ignored:` in .hadolint.yaml / .dockhand.yaml.",
    notes: "Off by default (hadolint gives it the severity `ignore`); enable it with a severity override such as `override: {info: [DL1001]}`. Only pragmas for the next instruction are reported, not `global` or `stage` ones. Deviation: `# dockhand ignore=...` is reported like `# hadolint ignore=...`."
  },
  check(ctx) {
    for (const c of ctx.file.comments) {
      if (parseIgnorePragma(c.text)?.scope !== "next") continue;
      ctx.report({ range: c.range, message: "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`." });
    }
  }
});

// src/rules/utils/hadolint-a-refs.ts
function parseImageRef(ref) {
  const at = ref.indexOf("@");
  const name = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? null : ref.slice(at + 1);
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const hasTag = colon > slash;
  const path = hasTag ? name.slice(0, colon) : name;
  const firstSlash = path.indexOf("/");
  let registry = null;
  let repository = path;
  if (firstSlash > 0) {
    const first = path.slice(0, firstSlash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      repository = path.slice(firstSlash + 1);
    }
  }
  return {
    registry,
    repository,
    tag: hasTag ? name.slice(colon + 1) : null,
    tagOffset: hasTag ? colon + 1 : -1,
    digest
  };
}
function unquote2(s) {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}
function mountsOf(run) {
  const mounts = [];
  for (const flag of run.flags) {
    if (flag.name !== "mount" || flag.value === null) continue;
    const m = { type: "bind", target: null, from: null, flag };
    for (const field of flag.value.split(",")) {
      const eq = field.indexOf("=");
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? "" : unquote2(field.slice(eq + 1).trim());
      if (key === "type") m.type = value.toLowerCase();
      else if (key === "target" || key === "dst" || key === "destination") m.target = value;
      else if (key === "from") m.from = value;
    }
    mounts.push(m);
  }
  return mounts;
}
function normalizePath(p) {
  const parts = p.split("/").filter((s) => s !== "" && s !== ".");
  return (p.startsWith("/") ? "/" : "") + parts.join("/");
}
function hasVolatileMountOver(run, dir2) {
  if (run.flags.length === 0) return false;
  const wanted = normalizePath(dir2);
  return mountsOf(run).some((m) => {
    if (m.type !== "cache" && m.type !== "tmpfs" || !m.target) return false;
    const t = normalizePath(m.target);
    return t === wanted || t !== "" && wanted.startsWith(t === "/" ? "/" : `${t}/`);
  });
}

// src/rules/no-invalid-port.ts
var no_invalid_port_default = defineRule({
  code: "DL3011",
  name: "no-invalid-port",
  aliases: ["DS008"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "EXPOSE ports must lie between 0 and 65535.",
    why: "TCP and UDP port numbers are 16-bit; a larger number is a typo that makes `docker run -P` and tooling fail.",
    bad: "FROM nginx:1.27\nEXPOSE 80800\n",
    good: "FROM nginx:1.27\nEXPOSE 8080\n",
    fix: "Correct the port number (or both ends of a range).",
    notes: "As in hadolint, ports given by a variable are not checked; both ends of a range `from-to` are."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "EXPOSE") continue;
      for (const arg of ins.args) {
        const spec = unquote2(arg.value).split("/")[0];
        const ends = spec.split("-");
        if (ends.some((e) => /^\d+$/.test(e) && Number(e) > 65535)) {
          ctx.report({ range: arg.range, message: "Valid UNIX ports range from 0 to 65535" });
        }
      }
    }
  }
});

// src/rules/no-irrelevant-commands.ts
var COMMAND_LIST = ["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"];
var COMMANDS = new Set(COMMAND_LIST);
var no_irrelevant_commands_default = defineRule({
  code: "DL3001",
  name: "no-irrelevant-commands",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "RUN should not call interactive or system-management commands such as `ssh`, `vim`, `service` or `top`.",
    why: "A build step runs without a terminal, an init system or long-lived processes: editors and monitors hang or do nothing, `service` and `shutdown` have no services to manage, and whatever they change is not what the container will run with.",
    bad: "FROM debian:12\nRUN service nginx start\n",
    good: 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]\n',
    fix: "Remove the command; start services from CMD/ENTRYPOINT and edit files with COPY or non-interactive tools.",
    notes: "The commands are hadolint's list: free, kill, mount, ps, service, shutdown, ssh, top, vim. Deviation: they are also found behind launchers (`sudo service ...`, `env ... ssh`)."
  },
  check(ctx) {
    if (!mayRunAny(ctx, COMMAND_LIST)) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      for (const cmd of commandsOf(ctx, site)) {
        const name = commandName(cmd);
        if (!COMMANDS.has(name)) continue;
        ctx.report({
          range: cmd.nameRange,
          message: `For some bash commands it makes no sense running them in a Docker container like \`${name}\``
        });
      }
    }
  }
});

// src/rules/no-latest-tag.ts
var no_latest_tag_default = defineRule({
  code: "DL3007",
  name: "no-latest-tag",
  aliases: ["DS001", "CKV_DOCKER_7"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "FROM should not use the `latest` tag.",
    why: "`latest` is just the tag most recently pushed: the base image changes under an unchanged Dockerfile, builds stop being reproducible and an upstream major release can break the image.",
    bad: "FROM node:latest\n",
    good: "FROM node:22.11-bookworm\n",
    fix: "Replace `latest` with the release tag you build against (or pin a digest).",
    notes: "As in hadolint, `name:latest@sha256:...` is accepted: the digest pins the image."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const ref = parseImageRef(stage.base);
      if (ref.tag !== "latest" || ref.digest !== null) continue;
      const r = stage.baseRange;
      const exact = ctx.file.text.slice(r.start, r.end) === stage.base;
      const range = exact ? ctx.file.lineIndex.range(r.start + ref.tagOffset - 1, r.start + ref.tagOffset + 6) : r;
      ctx.report({
        range,
        message: "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag"
      });
    }
  }
});

// src/rules/no-root-user.ts
var no_root_user_default = defineRule({
  code: "DL3002",
  name: "no-root-user",
  aliases: ["DS002", "CKV_DOCKER_8"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "The last USER of a stage should not be root.",
    why: "A container whose process runs as root turns any compromise of that process, or a container escape, into root on the host. Switching to root for a few build steps is fine; ending the stage as root is not.",
    bad: "FROM debian:12\nUSER root\nRUN apt-get update\n",
    good: "FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n",
    fix: "After the steps that need root, switch to an unprivileged user with `USER <name or uid>`.",
    notes: "As in hadolint, every stage is checked on its own and `root`, `0`, `root:<group>` and `0:<group>` count as root; a stage that never sets USER is not reported."
  },
  check(ctx) {
    const last = /* @__PURE__ */ new Map();
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "USER" && ins.stageIndex >= 0) last.set(ins.stageIndex, ins);
    }
    for (const ins of last.values()) {
      const user = unquote2(ins.argsText.trim());
      if (user === "root" || user === "0" || user.startsWith("root:") || user.startsWith("0:")) {
        ctx.report({ range: ins.argsRange, message: "Last USER should not be root" });
      }
    }
  }
});

// src/rules/no-sudo.ts
var no_sudo_default = defineRule({
  code: "DL3004",
  name: "no-sudo",
  aliases: ["DS010", "CKV2_DOCKER_1"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "RUN should not use `sudo`.",
    why: "Build steps already run as the current USER; `sudo` adds a package, a tty and PAM configuration to the image, behaves differently across distributions, and hides which user really runs each step.",
    bad: "FROM debian:12\nUSER app\nRUN sudo apt-get update\n",
    good: "FROM debian:12\nRUN apt-get update\nUSER app\n",
    fix: "Run privileged steps before switching USER (or switch back with `USER root`); at run time use a tool like gosu.",
    notes: "As in hadolint, ONBUILD triggers are checked too."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["sudo"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site, "hadolint");
      if (!siteCommandNames(ctx, site, "hadolint").has("sudo")) continue;
      for (const cmd of cmds) {
        if (commandName(cmd) !== "sudo") continue;
        ctx.report({
          range: cmd.nameRange,
          message: "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root"
        });
      }
    }
  }
});

// src/rules/utils/hadolint-a-stages.ts
function earlierStageNamed(file, ref, beforeIndex) {
  const want = ref.toLowerCase();
  for (let i = 0; i < beforeIndex && i < file.stages.length; i++) {
    const s = file.stages[i];
    if (s.name !== null && s.name.toLowerCase() === want) return s;
  }
  return void 0;
}
function stagesReusedAsBase(file) {
  const out = /* @__PURE__ */ new Set();
  for (const stage of file.stages) {
    const base2 = earlierStageNamed(file, stage.base, stage.index);
    if (base2) out.add(base2.index);
  }
  return out;
}

// src/rules/no-unknown-copy-from.ts
var no_unknown_copy_from_default = defineRule({
  code: "DL3022",
  name: "no-unknown-copy-from",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`COPY --from` should reference a previously defined stage (or an image with a tag).",
    why: "A `--from` value that is not a stage name is pulled as an image. A typo in a stage name therefore silently fetches some image from Docker Hub instead of failing, and an untagged image changes under you.",
    bad: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n",
    good: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
    fix: "Name an earlier stage (or its index), or declare the image as a stage: `FROM image:tag AS name`.",
    notes: "As in hadolint, stage indexes up to the current stage and image references with a `:tag` are accepted. Deviations: values containing a variable (`--from=$BUILDER`) are not judged; stage names match case-insensitively, as BuildKit does."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "COPY") continue;
      const flag = ins.flags.find((f) => f.name === "from");
      if (!flag || flag.value === null) continue;
      const v = flag.value;
      const fromsSeen = ins.stageIndex + 1;
      if (v.includes("$") || v.includes(":")) continue;
      if (/^\d+$/.test(v) && Number(v) < fromsSeen) continue;
      if (earlierStageNamed(ctx.file, v, fromsSeen)) continue;
      ctx.report({
        range: flag.valueRange ?? flag.range,
        message: "`COPY --from` should reference a previously defined `FROM` alias"
      });
    }
  }
});

// src/rules/no-untrusted-registry.ts
var MESSAGE = "Use only an allowed registry in the FROM image";
var no_untrusted_registry_default = defineRule({
  code: "DL3026",
  name: "no-untrusted-registry",
  aliases: [],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Images must come from a registry listed in `trustedRegistries` (only checked when that list is set).",
    why: "Organisations that mirror or vet base images want every image to come from their own registries; an image pulled from anywhere else bypasses that review.",
    bad: "FROM quay.io/prometheus/busybox:latest\n",
    good: "FROM registry.example.com/base/busybox:1.36\n",
    fix: "Pull the image through a trusted registry, or add the registry to `trustedRegistries`.",
    setup: {
      bad: { options: { trustedRegistries: ["registry.example.com"] } },
      good: { options: { trustedRegistries: ["registry.example.com"] } }
    },
    notes: "As in hadolint, FROM images, `COPY --from` images and `RUN --mount=type=cache|bind,from=` images are checked; earlier stage names and `scratch` are fine; an image without a registry is a Docker Hub image, trusted when `docker.io` or `hub.docker.com` is. Patterns: `*` (any), `*.example.com` (subdomains), `prefix*`. Deviations: references containing a variable are not judged, registry names compare case-insensitively, and stage indexes (`--from=0`) and names of later stages (which BuildKit resolves too) are not images."
  },
  check(ctx) {
    const trusted = ctx.options.trustedRegistries.map((t) => t.toLowerCase());
    if (trusted.length === 0) return;
    const checkRef = (ref, range, beforeStage) => {
      if (ref === "" || ref.includes("$") || ref.toLowerCase() === "scratch") return;
      if (earlierStageNamed(ctx.file, ref, beforeStage)) return;
      if (!isTrusted(parseImageRef(ref).registry, trusted)) ctx.report({ range, message: MESSAGE });
    };
    const allStages = ctx.file.stages.length;
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "FROM") {
        const stage = ctx.file.stages[ins.stageIndex];
        if (stage) checkRef(stage.base, stage.baseRange, stage.index);
      } else if (ins.keyword === "COPY") {
        const flag = ins.flags.find((f) => f.name === "from");
        if (flag?.value && !/^\d+$/.test(flag.value)) checkRef(flag.value, flag.valueRange ?? flag.range, allStages);
      } else if (ins.keyword === "RUN") {
        for (const m of mountsOf(ins)) {
          if ((m.type === "cache" || m.type === "bind") && m.from && !/^\d+$/.test(m.from)) checkRef(m.from, m.flag.range, allStages);
        }
      }
    }
  }
});
function isTrusted(registry, trusted) {
  const names = registry === null ? ["docker.io", "hub.docker.com"] : [registry.toLowerCase()];
  return trusted.some((pattern) => names.some((name) => matches(pattern, name)));
}
function matches(pattern, name) {
  if (pattern === "*") return true;
  if (pattern.startsWith("*")) return name.endsWith(pattern.slice(1));
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

// src/rules/no-user.ts
var no_user_default = defineRule({
  code: "DH011",
  name: "no-user",
  aliases: ["DS002", "CKV_DOCKER_3"],
  severity: "info",
  origin: "dockhand",
  fixable: "none",
  disabledByDefault: true,
  docs: {
    summary: "The image should set a USER, so that it does not run as root by default.",
    why: "Without USER, a container runs as the base image's user, which for most images is root. A process that is compromised, or a volume mounted by mistake, then has root's rights inside the container.",
    bad: 'FROM node:22-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
    good: 'FROM node:22-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app/server.js"]\n',
    fix: "Add `USER <name>` (create the user first if the base image has none) before the final CMD/ENTRYPOINT.",
    notes: "Off by default (many base images already switch to an unprivileged user, which a Dockerfile cannot see); enable it in the config (`severity: { DH011: info }`, or `override` in a .hadolint.yaml). It looks at the stage that becomes the image and the stages it builds FROM, where Trivy and Checkov accept a USER anywhere in the file, even in a build stage the image does not inherit. `USER root` at the end is DL3002."
  },
  check(ctx) {
    const stages = ctx.file.stages;
    const last = stages[stages.length - 1];
    if (!last) return;
    const seen = /* @__PURE__ */ new Set();
    for (let s = last; s && !seen.has(s); s = baseStage(stages, s)) {
      seen.add(s);
      if (s.instructions.some((i) => i.keyword === "USER")) return;
    }
    ctx.report({
      range: last.from.keywordRange,
      message: "The image never sets USER, so it runs as the base image's user (root for most images); add `USER <name>`"
    });
  }
});
function baseStage(stages, s) {
  const ref = s.base.toLowerCase();
  return stages.find((t) => t.index < s.index && (t.name === ref || String(t.index) === ref));
}

// src/rules/non-numeric-user.ts
var non_numeric_user_default = defineRule({
  code: "DL3066",
  name: "non-numeric-user",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`USER` is a name rather than a numeric UID.",
    why: "Kubernetes `runAsNonRoot` can only verify a numeric UID; with a user name the pod is rejected or the check is skipped. A numeric UID also works in images without /etc/passwd.",
    bad: "FROM node:20\nUSER node",
    good: "FROM node:20\nUSER 1000:1000",
    fix: "Use the numeric UID (and GID): `USER 1000:1000`.",
    notes: "Like hadolint, only the part before `:` is checked. Unlike hadolint, which accepts only a variable declared by an earlier ARG, any variable is accepted: its value is unknown, and base images declare UIDs by ENV (`USER $APP_UID` in .NET images)."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "USER") continue;
      const user = unquote(ins.argsText).split(":")[0].trim();
      if (user === "" || /^\d+$/.test(user) || user.includes("$")) continue;
      const r = ins.argsRange;
      const colon = ins.argsText.indexOf(":");
      const range = colon > 0 && r.startLine === r.endLine ? ctx.file.lineIndex.range(r.start, r.start + colon) : r;
      ctx.report({ range, message: `Use a numeric UID instead of the user name \`${user}\` in USER.` });
    }
  }
});

// src/rules/npm-cache-not-cleaned.ts
var npm = CACHE_KINDS.find((k) => k.id === "npm");
var npm_cache_not_cleaned_default = defineRule({
  code: "DH009",
  name: "npm-cache-not-cleaned",
  aliases: [],
  severity: "info",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "Clean the npm cache in the RUN that installs packages (or use a cache mount).",
    why: "`npm install` and `npm ci` keep every downloaded tarball in ~/.npm. In an image that ships, that is dead weight, often as large as node_modules.",
    bad: "FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n",
    good: "FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci && npm cache clean --force\n",
    fix: "Add `&& npm cache clean --force` to the same RUN, or use `RUN --mount=type=cache,target=/root/.npm npm ci`.",
    notes: "Like hadolint's DL3060 for yarn, only the last stage and stages used as a base by a later FROM are checked: a stage that is only copied from does not ship its cache. A cache or tmpfs mount on `.npm` silences it."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["npm"])) return;
    const file = ctx.file;
    const last = file.stages[file.stages.length - 1];
    const reused = new Set(file.stages.map((s) => s.base.toLowerCase()));
    for (const stage of file.stages) {
      if (stage !== last && !(stage.name && reused.has(stage.name))) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== "RUN") continue;
        if (ins.flags.some((f) => f.name === "mount" && /type=(cache|tmpfs)/.test(f.value ?? "") && /\.npm/.test(f.value ?? ""))) continue;
        const script = ctx.shell(ins);
        if (!script) continue;
        for (const cmd of findCommands(script)) {
          if (!npm.fills(cmd)) continue;
          if (commandsAfter(script, cmd).some((c) => npm.cleans(c))) continue;
          ctx.report({ range: cmd.range, message: `'${cmd.name} ${cmd.argsNoFlags[0]?.value ?? ""}' leaves the npm cache in the layer; add 'npm cache clean --force' to this RUN` });
        }
      }
    }
  }
});

// src/rules/onbuild-forbidden-trigger.ts
var FORBIDDEN = /* @__PURE__ */ new Set(["ONBUILD", "FROM", "MAINTAINER"]);
var onbuild_forbidden_trigger_default = defineRule({
  code: "DL3043",
  name: "onbuild-forbidden-trigger",
  aliases: [],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`ONBUILD` triggering `ONBUILD`, `FROM` or `MAINTAINER`.",
    why: "The Dockerfile reference forbids these triggers: chaining ONBUILD is rejected, and FROM and MAINTAINER cannot run as triggers in a downstream build.",
    bad: "FROM alpine:3.20\nONBUILD FROM alpine:3.20",
    good: "FROM alpine:3.20\nONBUILD RUN echo building on me",
    fix: "Remove the trigger, or move the instruction out of ONBUILD."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "ONBUILD") continue;
      const trigger = ins.trigger;
      const keyword = trigger ? trigger.keyword : (ins.argsText.split(/\s+/, 1)[0] ?? "").toUpperCase();
      if (!FORBIDDEN.has(keyword)) continue;
      ctx.report({
        range: trigger ? trigger.keywordRange : ins.argsRange,
        message: "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction."
      });
    }
  }
});

// src/rules/utils/hadolint-a-apk.ts
var APK_VALUE_FLAGS = [
  "t",
  "virtual",
  "X",
  "repository",
  "p",
  "root",
  "repositories-file",
  "cache-dir",
  "keys-dir",
  "arch",
  "progress-fd",
  "wait",
  "cache-max-age",
  "timeout"
];
function apkAdd(cmd) {
  if (commandName(cmd) !== "apk") return void 0;
  const parsed = parseOptions(cmd.args, APK_VALUE_FLAGS);
  const sub2 = parsed.operands[0];
  if (sub2?.value !== "add") return void 0;
  return { parsed, subcommand: sub2, packages: parsed.operands.slice(1) };
}

// src/rules/pin-apk-versions.ts
var MESSAGE2 = "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`";
var pin_apk_versions_default = defineRule({
  code: "DL3018",
  name: "pin-apk-versions",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Packages installed with `apk add` should carry a version constraint.",
    why: "An unpinned package is whatever the Alpine mirror has at build time, so rebuilding the same Dockerfile can give a different image and break without any change to the file.",
    bad: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    fix: "Write `name=version`, or a constraint such as `name~1.2` or `name>=1.2`; local `.apk` files are fine.",
    notes: "As in hadolint, the values of `-t/--virtual` and `-X/--repository` are not packages. Each unpinned package is reported at its own word. Deviations: the values of other value-taking apk options (`--root`, `--cache-dir`, `--arch`...) are skipped too; packages given by a variable are not judged; launchers such as `sudo` are seen through."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["apk"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("apk")) continue;
      for (const cmd of cmds) {
        const add = apkAdd(cmd);
        if (!add) continue;
        for (const pkg of add.packages) {
          if (isDynamic(pkg) || /[=~<>]/.test(pkg.value) || pkg.value.endsWith(".apk")) continue;
          ctx.report({ range: pkg.range, message: MESSAGE2 });
        }
      }
    }
  }
});

// src/rules/pin-apt-versions.ts
var MESSAGE3 = "Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`";
var pin_apt_versions_default = defineRule({
  code: "DL3008",
  name: "pin-apt-versions",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Packages installed with `apt-get install` should be pinned to a version.",
    why: "An unpinned package resolves to whatever the mirror serves on the day of the build, so rebuilding an unchanged Dockerfile can produce a different image and break without warning.",
    bad: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n",
    fix: "Write each package as `name=version` (`apt-cache policy name` shows the candidates).",
    notes: "Like hadolint, a package naming a release (`name/bookworm-backports`) or a path, and `.deb` files, count as pinned, and the value of `-t/--target-release` is not a package. Each unpinned package is reported at its own word. Deviations: the values of `-o` and `-c` are not taken for packages either; packages given by a variable (`$PACKAGES`) are not judged (hadolint reports them); `sudo apt-get install` and similar launchers are checked."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["apt-get"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("apt-get")) continue;
      for (const cmd of cmds) {
        const install = aptGetInstall(cmd);
        if (!install) continue;
        for (const pkg of install.packages) {
          if (isDynamic(pkg) || isPinned(pkg.value)) continue;
          ctx.report({ range: pkg.range, message: MESSAGE3 });
        }
      }
    }
  }
});
function isPinned(pkg) {
  return pkg.includes("=") || pkg.includes("/") || pkg.endsWith(".deb");
}

// src/rules/pin-gem-versions.ts
var MESSAGE4 = "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`";
var pin_gem_versions_default = defineRule({
  code: "DL3028",
  name: "pin-gem-versions",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Gems installed with `gem install` should name a version.",
    why: "Without a version RubyGems installs the newest release at build time, so rebuilding the same Dockerfile can give a different image, and a new release can break it.",
    bad: "FROM ruby:3.3\nRUN gem install bundler\n",
    good: "FROM ruby:3.3\nRUN gem install bundler:2.5.22\n",
    fix: "Write `gem:version` for each gem, or give the version with `-v`/`--version`.",
    notes: "As in hadolint, `gem install` and `gem i` are checked, a `-v`/`--version` option exempts the command, option values are not gems, and everything after `--` (build options) is ignored. Each unpinned gem is reported at its own word. Deviations: gems given by a variable are not judged; local `.gem` files count as pinned."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["gem"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("gem")) continue;
      for (const cmd of cmds) {
        for (const word of unpinnedGems(cmd)) ctx.report({ range: word.range, message: MESSAGE4 });
      }
    }
  }
});
var VALUE_FLAGS = [
  "v",
  "version",
  "i",
  "install-dir",
  "n",
  "bindir",
  "s",
  "source",
  "P",
  "trust-policy",
  "platform",
  "g",
  "file",
  "build-root",
  "config-file",
  "target-rbconfig"
];
function unpinnedGems(cmd) {
  if (commandName(cmd) !== "gem") return [];
  const parsed = parseOptions(cmd.args, VALUE_FLAGS);
  const sub2 = parsed.operands[0]?.value;
  if (sub2 !== "install" && sub2 !== "i") return [];
  if (hasOption(parsed, "v", "version")) return [];
  return parsed.operands.slice(1).filter((w) => !isDynamic(w) && !w.value.includes(":") && !w.value.endsWith(".gem"));
}

// src/rules/pin-npm-versions.ts
var MESSAGE5 = "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`";
var pin_npm_versions_default = defineRule({
  code: "DL3016",
  name: "pin-npm-versions",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Packages installed with `npm install <pkg>` should name a version, tag or commit.",
    why: "Without a version npm installs the newest release at build time, so rebuilding the same Dockerfile can give a different image; a release of the package can break the build or the running container.",
    bad: "FROM node:22\nRUN npm install --global typescript\n",
    good: "FROM node:22\nRUN npm install --global typescript@5.6.3\n",
    fix: "Append `@<version>` (or a tag) to the package, `#<commit>` to a git URL, or install a tarball or local folder. A bare `npm install` (or `npm ci`) installs what package.json and the lock file say and is fine.",
    notes: "As in hadolint, the package list must follow `install` as the first non-option word; scoped packages need a second `@` (`@scope/pkg@1.2`), git URLs need `#ref`, tarballs (`.tar`, `.tar.gz`, `.tgz`) and paths (`/`, `./`, `../`, `~/`) are accepted. Each unpinned package is reported at its own word. Deviations: the aliases `npm i` and `npm add` are checked as well (hadolint only knows `install`); more value-taking options are understood (`--prefix dir`, `--tag t`, `-w ws`...), not only `--loglevel` and `--registry`; packages given by a variable are not judged; `user/repo#ref` GitHub shorthands count as pinned."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["npm"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("npm")) continue;
      for (const cmd of cmds) {
        for (const word of unpinnedNpmPackages(cmd)) ctx.report({ range: word.range, message: MESSAGE5 });
      }
    }
  }
});
var VALUE_FLAGS2 = [
  "loglevel",
  "registry",
  "prefix",
  "cache",
  "userconfig",
  "globalconfig",
  "tag",
  "workspace",
  "w",
  "omit",
  "include",
  "install-strategy",
  "save-prefix",
  "scope",
  "otp",
  "location",
  "before",
  "C"
];
var INSTALL = ["install", "i", "add"];
var GIT_PREFIXES = ["git://", "git+ssh://", "git+http://", "git+https://"];
var PATH_PREFIXES = ["/", "./", "../", "~/", "file:"];
var TARBALL = /\.(tar|tar\.gz|tgz)$/;
function unpinnedNpmPackages(cmd) {
  if (commandName(cmd) !== "npm") return [];
  const parsed = parseOptions(cmd.args, VALUE_FLAGS2);
  if (!INSTALL.includes(parsed.operands[0]?.value ?? "")) return [];
  return parsed.operands.slice(1).filter((w) => !isDynamic(w) && !isPinned2(w.value));
}
function isPinned2(pkg) {
  if (GIT_PREFIXES.some((p) => pkg.startsWith(p))) return pkg.includes("#");
  if (TARBALL.test(pkg)) return true;
  if (PATH_PREFIXES.some((p) => pkg.startsWith(p))) return true;
  const name = pkg.startsWith("@") ? pkg.slice(pkg.indexOf("/") + 1) : pkg;
  if (name.includes("@")) return true;
  return !pkg.startsWith("@") && pkg.includes("/") && pkg.includes("#");
}

// src/rules/pin-pip-versions.ts
var MESSAGE6 = "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`";
var pin_pip_versions_default = defineRule({
  code: "DL3013",
  name: "pin-pip-versions",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Packages installed with pip should carry a version specifier.",
    why: "An unpinned `pip install requests` installs whatever is newest on the day of the build, so two builds of the same Dockerfile can differ and a release of any dependency can break the image without a change to the file.",
    bad: "FROM python:3.12\nRUN pip install --no-cache-dir requests\n",
    good: "FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3\n",
    fix: "Add a specifier (`pkg==1.2.3`, `pkg>=1.2,<2`, `pkg~=1.2`), install a wheel or sdist file, pin a VCS URL to a ref (`git+https://host/repo.git@v1.2`), or install from a requirements or constraints file (`-r`, `-c`).",
    notes: "Like hadolint, `pip*` commands (not `pipenv`) and `python* -m pip` are checked, and the whole command is skipped when it uses `-r/--requirement`, `-c/--constraint` or installs `.`. Each unpinned package is reported at its own word. Deviations: options written `--opt=value` never swallow the following package (hadolint drops the next word after value-taking options whatever their spelling); a VCS URL counts as pinned only when the `@ref` follows the repository path (hadolint also accepts the `user@` of `git+ssh://git@host/...`); packages that are wholly or partly a variable (`$PKG`) are not judged; commands run through `sudo`, `env`, `xargs`... are checked too."
  },
  check(ctx) {
    if (!someName(anyRunNames(ctx), isPipOrPython)) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!someName(siteCommandNames(ctx, site), isPipOrPython)) continue;
      for (const cmd of cmds) {
        for (const word of unpinnedPipPackages(cmd)) ctx.report({ range: word.range, message: MESSAGE6 });
      }
    }
  }
});
var VALUE_FLAGS3 = [
  "abi",
  "b",
  "build",
  "c",
  "constraint",
  "e",
  "editable",
  "extra-index-url",
  "f",
  "find-links",
  "i",
  "index-url",
  "implementation",
  "no-binary",
  "only-binary",
  "platform",
  "prefix",
  "progress-bar",
  "proxy",
  "python-version",
  "r",
  "requirement",
  "root",
  "root-user-action",
  "src",
  "t",
  "target",
  "trusted-host",
  "upgrade-strategy",
  "log",
  "cache-dir",
  "timeout",
  "retries",
  "exists-action",
  "cert",
  "client-cert",
  "report",
  "python",
  "config-settings",
  "C",
  "global-option",
  "keyring-provider",
  "use-feature",
  "use-deprecated",
  "group"
];
var VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;
function unpinnedPipPackages(cmd) {
  const pipArgs = pipArguments(cmd);
  if (!pipArgs) return [];
  const parsed = parseOptions(pipArgs, VALUE_FLAGS3);
  if (parsed.operands[0]?.value !== "install") return [];
  if (hasOption(parsed, "r", "requirement", "c", "constraint")) return [];
  const packages = parsed.operands.slice(1);
  if (packages.some((w) => w.value === ".") || parsed.options.some((o) => o.value === ".")) return [];
  return packages.filter((w) => !isDynamic(w) && !isPinned3(w.value));
}
function isPipOrPython(name) {
  return name.startsWith("pip") || name.startsWith("python");
}
function pipArguments(cmd) {
  const name = commandName(cmd);
  if (name.startsWith("pip") && !name.startsWith("pipenv")) return cmd.args;
  if (!name.startsWith("python")) return void 0;
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i].value;
    if (v === "-m" && cmd.args[i + 1]?.value === "pip") return cmd.args.slice(i + 2);
    if (v === "-mpip") return cmd.args.slice(i + 1);
    if (v === "-W" || v === "-X") i++;
    if (!v.startsWith("-")) return void 0;
  }
  return void 0;
}
function isPinned3(pkg) {
  if (/[=<>!~]=|[<>]/.test(pkg)) return true;
  if (/\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/.test(pkg)) return true;
  if (VCS.test(pkg)) {
    const path = pkg.split("#")[0];
    return path.slice(path.lastIndexOf("/") + 1).includes("@");
  }
  return pkg.includes("/");
}

// src/rules/pip-cache-dir-kept.ts
var TRUTHY = /* @__PURE__ */ new Set(["1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES"]);
var pip_cache_dir_kept_default = defineRule({
  code: "DL3042",
  name: "pip-cache-dir-kept",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`pip install` without `--no-cache-dir`.",
    why: "pip keeps downloaded wheels in ~/.cache/pip. In an image they are never reused, but they are committed to the layer and make the image larger.",
    bad: "FROM python:3.12\nRUN pip install requests==2.32.3",
    good: "FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3",
    fix: "Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1` earlier in the stage, or mount the cache: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.",
    fixSafety: "Unsafe: it changes the image (the pip cache is no longer in the layer), which is the point but should be reviewed; a build that later relies on the cached wheels would download them again.",
    notes: "Like hadolint: `pip`, `pip3`, `pip3.12` and `python -m pip` are checked, pipx and pipenv are not; `ENV PIP_NO_CACHE_DIR=<truthy>` in the stage (inherited through `FROM <stage>`), `PIP_NO_CACHE_DIR=<truthy>` in the RUN, and a cache/tmpfs mount on `.cache/pip` silence it; ONBUILD RUN is checked. Unlike hadolint: `PIP_NO_CACHE_DIR` must be assigned exactly a truthy value (hadolint only checks its first occurrence in the RUN text as a prefix), a later `ENV PIP_NO_CACHE_DIR=0` turns the check back on, the finding points at the `pip install` words of each offending command, and stages are told apart by position (hadolint lets a second `FROM debian` inherit the ENV of an earlier, unrelated `FROM debian` stage)."
  },
  check(ctx) {
    if (!someName(anyRunNames(ctx), isPipOrPython2)) return;
    const envSet = pipEnvByInstruction(ctx.file);
    for (const site of runSites2(ctx.file, true)) {
      if (!someName(siteCommandNames2(ctx, site), isPipOrPython2)) continue;
      if (envSet.get(site.host) || hasCacheMount(site.run, ".cache/pip")) continue;
      const commands = commandsOf2(ctx, site);
      if (commands.some(setsNoCacheDir)) continue;
      for (const cmd of commands) {
        const install = pipInstallWord(cmd);
        if (!install || cmd.args.some((a2) => a2.value === "--no-cache-dir")) continue;
        ctx.report({
          range: commandHead(cmd, install),
          message: "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`",
          // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
          ...!site.run.json && { fix: { title: "Add --no-cache-dir", safety: "unsafe", edits: [insertAfter(ctx.file, install.range, " --no-cache-dir")] } }
        });
      }
    }
  }
});
function isPipOrPython2(name) {
  return name.startsWith("pip") || name.startsWith("python");
}
function pipInstallWord(cmd) {
  const name = cmd.name.slice(cmd.name.lastIndexOf("/") + 1);
  if (!name.startsWith("pip") && !name.startsWith("python")) return void 0;
  if (name.includes("pipx") || name.includes("pipenv")) return void 0;
  if (/^pip[0-9.]*$/.test(name)) return cmd.args.find((a2) => a2.value === "install");
  if (/^python[0-9.]*$/.test(name)) {
    const m = cmd.args.findIndex((a2, i) => a2.value === "-m" && cmd.args[i + 1]?.value === "pip");
    if (m < 0) return void 0;
    return cmd.args.slice(m + 2).find((a2) => a2.value === "install");
  }
  return void 0;
}
function setsNoCacheDir(cmd) {
  return cmd.assignments.some(setsNoCacheDirWord) || (cmd.name === "export" || cmd.name === "env") && cmd.args.some(setsNoCacheDirWord);
}
function setsNoCacheDirWord(w) {
  if (!w.value.startsWith("PIP_NO_CACHE_DIR=")) return false;
  const m = /^PIP_NO_CACHE_DIR=(.*)$/s.exec(w.value);
  return m !== null && TRUTHY.has(unquote(m[1]));
}
function pipEnvByInstruction(file) {
  const parents = stageParents(file);
  const stageValue = /* @__PURE__ */ new Map();
  const out = /* @__PURE__ */ new Map();
  let current = false;
  for (const ins of file.instructions) {
    if (ins.keyword === "FROM") {
      const p = parents[ins.stageIndex] ?? null;
      current = p !== null ? stageValue.get(p) ?? false : false;
    } else if (ins.keyword === "ENV") {
      for (const pair of ins.pairs) if (pair.key === "PIP_NO_CACHE_DIR") current = TRUTHY.has(unquote(pair.value));
    }
    stageValue.set(ins.stageIndex, current);
    out.set(ins, current);
  }
  return out;
}

// src/rules/pipe-without-pipefail.ts
var PIPEFAIL_SHELLS = /* @__PURE__ */ new Set(["bash", "zsh", "ash"]);
var NON_POSIX = ["pwsh", "powershell", "cmd"];
var pipe_without_pipefail_default = defineRule({
  code: "DL4006",
  name: "pipe-without-pipefail",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "RUN with a pipe, but the shell is not set to `-o pipefail`.",
    why: "A pipeline's exit status is that of its last command: `wget -O - url | tar x` succeeds even when the download fails, and the build goes on with a broken layer.",
    bad: "FROM debian:12\nRUN wget -O - https://example.com/install.sh | bash",
    good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/install.sh | bash',
    fix: 'Add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (on Alpine/BusyBox use `/bin/ash`), or start the script with `set -o pipefail`.',
    notes: "Like hadolint: only a SHELL of bash, zsh or ash with `-o pipefail` counts (plain `sh` may not support it), the SHELL is reset at FROM <image>, and a non-POSIX SHELL (pwsh, powershell, cmd) turns the check off. Unlike hadolint: a stage built `FROM <stage>` keeps that stage's SHELL (as the builder does; hadolint resets it), a script that runs `set -o pipefail` before the pipe is fine, pipes in RUN heredoc bodies are found, the finding points at the `|`, and shells are recognised by base name (`/usr/bin/pwsh`)."
  },
  check(ctx) {
    const parents = stageParents(ctx.file);
    const atEnd = /* @__PURE__ */ new Map();
    let shell = "plain";
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "FROM") {
        const p = parents[ins.stageIndex] ?? null;
        shell = p !== null ? atEnd.get(p) ?? "plain" : "plain";
        atEnd.set(ins.stageIndex, shell);
      } else if (ins.keyword === "SHELL") {
        shell = classify(ins);
        atEnd.set(ins.stageIndex, shell);
      } else if (ins.keyword === "RUN" && shell === "plain") {
        const pipe = firstUnguardedPipe(ctx.shell(ins));
        if (pipe) {
          ctx.report({
            range: pipe,
            message: "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check"
          });
        }
      }
    }
  }
});
function classify(ins) {
  const words = ins.args.map((a2) => a2.value);
  const exe = baseName(words[0] ?? "").toLowerCase();
  if (NON_POSIX.some((p) => exe.startsWith(p))) return "off";
  return PIPEFAIL_SHELLS.has(exe) && setsPipefail(words.slice(1)) ? "pipefail" : "plain";
}
function setsPipefail(words) {
  return words.some((w, i) => /^-[a-zA-Z]*o$/.test(w) && words[i + 1] === "pipefail");
}
function firstUnguardedPipe(script) {
  const pipe = script?.operators.find((o) => o.op === "|" || o.op === "|&");
  if (!script || !pipe) return void 0;
  const guarded = script.commands.some((c) => c.range.start < pipe.range.start && c.name === "set" && setsPipefail(c.args.map((w) => w.value)));
  return guarded ? void 0 : pipe.range;
}

// src/rules/utils/hadolint-a-copy.ts
function copyOperands(ins) {
  if (ins.args.length < 2) return void 0;
  return { sources: ins.args.slice(0, -1), dest: ins.args[ins.args.length - 1] };
}
function operandValue(arg) {
  const v = unquote2(arg.value);
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  if (first !== 34 && first !== 39 && last !== 34 && last !== 39) return v;
  return v.replace(/^["']|["']$/g, "");
}
function isHeredocSource(arg) {
  return arg.value.startsWith("<<");
}
var ARCHIVE_SUFFIXES = /* @__PURE__ */ new Set([".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz"]);
function isArchivePath(path) {
  const dot = path.lastIndexOf(".");
  return dot >= 0 && ARCHIVE_SUFFIXES.has(path.slice(dot));
}
function basename(path) {
  const trimmed = path.replace(/[/\\]+$/, "");
  const i = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

// src/rules/prefer-add-to-extract.ts
var UNPACKERS = /* @__PURE__ */ new Set(["unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"]);
var prefer_add_to_extract_default = defineRule({
  code: "DL3010",
  name: "prefer-add-to-extract",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A local archive that is COPYed only to be unpacked should be added with ADD, which unpacks it.",
    why: "COPY followed by `tar -x` stores the archive in one layer and its contents in another, so the image carries the data twice; `ADD archive.tar.gz /dest/` unpacks it in a single layer.",
    bad: "FROM debian:12\nCOPY app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz -C /opt\n",
    good: "FROM debian:12\nADD app.tar.gz /opt/\n",
    fix: "Replace the COPY with `ADD <archive> <dir>/` and drop the extraction from the RUN.",
    notes: "As in hadolint, archives are recognised by suffix, matched by file name (with `/` or `\\` separators), the state resets at every FROM, `COPY --from` is ignored, and the COPY line is reported. Extractions are `tar` with `-x`/`--extract`/`--get` and unzip, gunzip, bunzip2, unlzma, unxz, zgz, uncompress, zcat, gzcat. Deviations: old-style `tar xf file` and `--file=path` are recognised too."
  },
  check(ctx) {
    let copied = [];
    for (const ins of ctx.file.instructions) {
      if (ins.keyword === "FROM") copied = [];
      else if (ins.keyword === "COPY" && !ins.flags.some((f) => f.name === "from")) {
        const ops = copyOperands(ins);
        if (!ops) continue;
        const dest = operandValue(ops.dest);
        if (isArchivePath(dest)) copied.push({ name: basename(dest), range: ops.dest.range, reported: false });
        else {
          for (const src of ops.sources) {
            const v = operandValue(src);
            if (!isHeredocSource(src) && isArchivePath(v)) copied.push({ name: basename(v), range: src.range, reported: false });
          }
        }
      } else if (ins.keyword === "RUN" && copied.some((c) => !c.reported)) {
        const site = { run: ins, top: ins, onbuild: false };
        for (const cmd of commandsOf(ctx, site)) {
          if (!extracts(cmd)) continue;
          const names = new Set(pathArguments(cmd).map(basename));
          for (const c of copied) {
            if (c.reported || !names.has(c.name)) continue;
            c.reported = true;
            ctx.report({ range: c.range, message: "Use ADD for extracting archives into an image" });
          }
        }
      }
    }
  }
});
function extracts(cmd) {
  const name = commandName(cmd);
  if (UNPACKERS.has(name)) return true;
  if (name !== "tar") return false;
  return cmd.args.some((w, i) => {
    const v = w.value;
    if (v === "--extract" || v === "--get") return true;
    if (/^-[^-]/.test(v)) return v.includes("x");
    return i === 0 && /^[A-Za-z]+$/.test(v) && v.includes("x");
  });
}
function pathArguments(cmd) {
  const out = [];
  for (const w of cmd.args) {
    const v = w.value;
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      if (eq > 0) out.push(v.slice(eq + 1));
    } else if (!v.startsWith("-")) out.push(v);
  }
  return out;
}

// src/rules/prefer-copy-over-add.ts
var ADD_ONLY_FLAGS = /* @__PURE__ */ new Set(["checksum", "keep-git-dir", "unpack"]);
var prefer_copy_over_add_default = defineRule({
  code: "DL3020",
  name: "prefer-copy-over-add",
  aliases: ["DS005", "CKV_DOCKER_4"],
  severity: "error",
  origin: "hadolint",
  fixable: "sometimes-safe",
  docs: {
    summary: "Use COPY, not ADD, for files and folders.",
    why: "ADD also downloads URLs and unpacks local tar archives. Using it for plain files hides which of those a line relies on, and a file that happens to be an archive gets unpacked instead of copied.",
    bad: "FROM alpine:3.20\nADD app.conf /etc/app/\n",
    good: "FROM alpine:3.20\nCOPY app.conf /etc/app/\n",
    fix: "Replace ADD with COPY. Keep ADD only to fetch URLs or unpack archives.",
    fixSafety: "Safe when every source has a file extension or names a directory (trailing `/`): COPY copies exactly what ADD copied. Unsafe for extension-less sources, because ADD unpacks any local tar archive whatever its name. No fix when ADD-only flags (`--checksum`, `--keep-git-dir`, `--unpack`) are used.",
    notes: "As in hadolint, the instruction is reported when any source is neither an archive (by suffix) nor an http(s) URL. Deviations: git sources (`git@...`, `git://...`) count as URLs, and sources containing a variable are not judged, since the variable may hold a URL."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "ADD") continue;
      const ops = copyOperands(ins);
      if (!ops) continue;
      const sources = ops.sources.filter((a2) => !isHeredocSource(a2)).map(operandValue);
      if (sources.length === 0 || sources.some((s) => s.includes("$"))) continue;
      const plain = sources.filter((s) => !isArchivePath(s) && !isRemote2(s));
      if (plain.length === 0) continue;
      ctx.report({
        range: ins.keywordRange,
        message: "Use COPY instead of ADD for files and folders",
        fix: plain.length === sources.length ? toCopy(ins, sources) : void 0
      });
    }
  }
});
function isRemote2(src) {
  return /^(https?:\/\/|git@|git:\/\/)/.test(src);
}
function toCopy(ins, sources) {
  if (ins.flags.some((f) => ADD_ONLY_FLAGS.has(f.name))) return void 0;
  const lower = ins.keywordRaw === ins.keywordRaw.toLowerCase();
  const safe = sources.every((s) => s.endsWith("/") || /\.[A-Za-z0-9]+$/.test(s.split("/").pop() ?? ""));
  return {
    title: "Replace ADD with COPY",
    safety: safe ? "safe" : "unsafe",
    edits: [{ range: ins.keywordRange, text: lower ? "copy" : "COPY" }]
  };
}

// src/rules/redundant-target-platform.ts
var redundant_target_platform_default = defineRule({
  code: "DL3065",
  name: "redundant-target-platform",
  aliases: ["RedundantTargetPlatform"],
  severity: "warning",
  origin: "hadolint",
  fixable: "safe",
  docs: {
    summary: "`FROM --platform=$TARGETPLATFORM` is redundant.",
    why: "A stage is built for the target platform unless told otherwise, so the flag adds noise and suggests a cross-build that is not there.",
    bad: "FROM --platform=$TARGETPLATFORM alpine:3.20",
    good: "FROM alpine:3.20",
    fix: "Remove `--platform=$TARGETPLATFORM`.",
    fixSafety: "Safe: without the flag the stage is built for the target platform, exactly what `$TARGETPLATFORM` names.",
    notes: "BuildKit's RedundantTargetPlatform check has the same meaning and is an alias of this rule; the message is BuildKit's."
  },
  check(ctx) {
    const { text, lineIndex } = ctx.file;
    for (const s of ctx.file.stages) {
      const flag = s.from.flags.find((f) => f.name === "platform");
      if (!flag || flag.value !== "$TARGETPLATFORM" && flag.value !== "${TARGETPLATFORM}") continue;
      let end = flag.range.end;
      while (text[end] === " " || text[end] === "	") end++;
      ctx.report({
        range: flag.range,
        message: `Setting platform to predefined ${flag.value} in FROM is redundant as this is the default behavior`,
        fix: { title: "Remove --platform=$TARGETPLATFORM", safety: "safe", edits: [{ range: lineIndex.range(flag.range.start, end), text: "" }] }
      });
    }
  }
});

// src/rules/require-absolute-workdir.ts
var require_absolute_workdir_default = defineRule({
  code: "DL3000",
  name: "require-absolute-workdir",
  aliases: ["DS009", "CKV_DOCKER_10"],
  severity: "error",
  origin: "hadolint",
  fixable: "none",
  url: "https://github.com/hadolint/hadolint/wiki/DL3000",
  docs: {
    summary: "Use absolute WORKDIR paths.",
    why: "A relative WORKDIR depends on whatever directory was current before it, which makes the file harder to follow and fragile when instructions are reordered or the base image changes.",
    bad: "FROM alpine\nWORKDIR /srv\nWORKDIR app\n",
    good: "FROM alpine\nWORKDIR /srv\nWORKDIR /srv/app\n",
    fix: "Write the full path.",
    notes: "hadolint's meaning: every WORKDIR is checked, and a path starting with `$` (a variable) or a Windows drive (`C:`) is accepted. BuildKit's WorkdirRelativePath only checks the first WORKDIR after expansion, so the two are separate rules."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "WORKDIR") continue;
      const path = ins.argsText.replace(/^(["'])(.*)\1$/, "$2");
      if (path === "" || path.startsWith("/") || path.startsWith("$") || /^[A-Za-z]:/.test(path)) continue;
      ctx.report({ range: ins.argsRange, message: "Use absolute WORKDIR" });
    }
  }
});

// src/rules/require-apk-no-cache.ts
var MESSAGE7 = "Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages";
var CACHE = "/var/cache/apk";
var require_apk_no_cache_default = defineRule({
  code: "DL3019",
  name: "require-apk-no-cache",
  aliases: ["DS025"],
  severity: "info",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`apk add` should be given `--no-cache`.",
    why: "Without `--no-cache`, apk keeps its package index under /var/cache/apk in the layer: megabytes of data the running container never needs.",
    bad: "FROM alpine:3.20\nRUN apk update && apk add curl=8.9.1-r2\n",
    good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    fix: "Add `--no-cache` (it also makes a preceding `apk update` unnecessary), or mount a cache on /var/cache/apk.",
    fixSafety: "Unsafe: the image no longer holds the package index, so a later RUN that runs `apk add` without `--no-cache` or `apk update` can no longer find packages.",
    notes: "As in hadolint, a cache or tmpfs mount over /var/cache/apk silences the rule. Deviation: an `rm` of /var/cache/apk (or its contents) in the same RUN after the install silences it too, since the index then never reaches the layer; `apk add --no-network`, which fetches nothing, is not reported."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["apk"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      if (hasVolatileMountOver(site.run, CACHE)) continue;
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("apk")) continue;
      cmds.forEach((cmd, i) => {
        const add = apkAdd(cmd);
        if (!add || add.parsed.options.some((o) => o.name === "no-cache" || o.name === "no-network")) return;
        if (cmds.slice(i + 1).some(removesCache)) return;
        ctx.report({
          range: spanOf([cmd.nameRange, add.subcommand.range]),
          message: MESSAGE7,
          fix: site.run.json ? void 0 : { title: "Add --no-cache", safety: "unsafe", edits: [insertAfter(ctx.file, add.subcommand.range, " --no-cache")] }
        });
      });
    }
  }
});
function removesCache(cmd) {
  if (commandName(cmd) !== "rm") return false;
  return parseOptions(cmd.args).operands.some((w) => {
    const p = normalizePath(w.value.replace(/\/\*$/, ""));
    return p !== "" && p !== "/" && (p === CACHE || CACHE.startsWith(`${p}/`));
  });
}

// src/rules/require-apt-get-yes.ts
var MESSAGE8 = "Use the `-y` switch to avoid manual input `apt-get -y install <package>`";
var require_apt_get_yes_default = defineRule({
  code: "DL3014",
  name: "require-apt-get-yes",
  aliases: ["DS021"],
  severity: "warning",
  origin: "hadolint",
  fixable: "safe",
  docs: {
    summary: "`apt-get install` should be given `-y` so it never waits for a confirmation.",
    why: 'A build has no terminal to answer apt-get\'s "Do you want to continue?". Without `-y` the install aborts as soon as it needs more packages than were named, and the build fails.',
    bad: "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    fix: "Add `-y` (or `--yes`, `--assume-yes`, `-qq`) to the apt-get install command.",
    fixSafety: "Safe: `-y` only answers the confirmation prompt, which a build cannot answer anyway, so a build that succeeded before produces the same image. The fix is offered for shell-form RUNs.",
    notes: "Like hadolint, `-y`, `--yes`, `--assume-yes` and quiet level 2 (`-qq`, `-q -q`, `-q=2`, `--quiet --quiet`) count. Deviation: `-o APT::Get::Assume-Yes=true` counts too."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["apt-get"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("apt-get")) continue;
      for (const cmd of cmds) {
        const install = aptGetInstall(cmd);
        if (!install || answersYes(install)) continue;
        ctx.report({
          range: spanOf([cmd.nameRange, install.subcommand.range]),
          message: MESSAGE8,
          fix: site.run.json ? void 0 : { title: "Add -y", safety: "safe", edits: [insertAfter(ctx.file, install.subcommand.range, " -y")] }
        });
      }
    }
  }
});
function answersYes(install) {
  const { parsed } = install;
  if (parsed.options.some((o) => o.name === "y" || o.name === "yes" || o.name === "assume-yes")) return true;
  if (aptBoolean(aptSettings(parsed).get("apt::get::assume-yes")) === true) return true;
  let quiet = 0;
  const counted = /* @__PURE__ */ new Set();
  for (const o of parsed.options) {
    const level = /^-q=(\d+)$/.exec(o.word.value);
    if (level) {
      if (!counted.has(o.word)) quiet += Number(level[1]);
      counted.add(o.word);
    } else if (o.name === "q" || o.name === "quiet") quiet += o.value !== null && /^\d+$/.test(o.value) ? Number(o.value) : 1;
  }
  return quiet >= 2;
}

// src/rules/require-apt-lists-cleanup.ts
var MESSAGE9 = "Delete the apt-get lists after installing something";
var LISTS = "/var/lib/apt/lists";
var APT_NAMES = ["apt-get", "apt", "aptitude"];
var require_apt_lists_cleanup_default = defineRule({
  code: "DL3009",
  name: "require-apt-lists-cleanup",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`apt-get update` should be followed by `rm -rf /var/lib/apt/lists/*` in the same RUN.",
    why: "The package lists fetched by `apt-get update` take tens of megabytes. Deleting them in a later RUN does not shrink the image, because the earlier layer still holds them; and stale lists baked into an image make later `apt-get install`s without an update fail or install outdated packages.",
    bad: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    good: "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n",
    fix: "End the RUN with `&& rm -rf /var/lib/apt/lists/*` (or `apt-get dist-clean` with apt 2.7 and later), or keep the lists out of the layer with a cache or tmpfs mount (`RUN --mount=type=cache,target=/var/lib/apt/lists ...`).",
    notes: "As in hadolint, `apt-get`, `apt` and `aptitude` updates are checked, and only in stages whose layers ship: the last stage and stages another FROM builds on; ONBUILD triggers are always checked, since they run in whatever image is built on top. Deviations: any cache or tmpfs mount whose target is `/var/lib/apt/lists` or one of its parents (such as `/var/lib/apt`) keeps the lists out of the image and silences the rule (hadolint also wants `/var/cache/apt` mounted when only `/var/lib/apt` is); only an `rm` of the lists directory (or a parent) or `apt-get dist-clean` counts as the cleanup, where hadolint accepts any `rm -rf` and not dist-clean; stages are told apart by position, so two identical FROM lines are not confused; stage names match case-insensitively, as BuildKit does."
  },
  check(ctx) {
    if (!mayRunAny(ctx, APT_NAMES)) return;
    const reused = stagesReusedAsBase(ctx.file);
    const lastStage = ctx.file.stages.length - 1;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const stage = site.top.stageIndex;
      if (!site.onbuild && stage !== lastStage && !reused.has(stage)) continue;
      if (hasVolatileMountOver(site.run, LISTS)) continue;
      const cmds = commandsOf(ctx, site);
      const names = siteCommandNames(ctx, site);
      if (!names.has("apt-get") && !names.has("apt") && !names.has("aptitude")) continue;
      if (cmds.some((c) => removesLists(c) || isAptCommand(c, "dist-clean"))) continue;
      for (const cmd of cmds) if (isAptUpdate(cmd)) ctx.report({ range: cmd.range, message: MESSAGE9 });
    }
  }
});
function isAptUpdate(cmd) {
  return isAptCommand(cmd, "update");
}
function isAptCommand(cmd, sub2) {
  const name = commandName(cmd);
  if (name !== "apt-get" && name !== "apt" && name !== "aptitude") return false;
  return parseOptions(cmd.args, APT_GLOBAL_VALUE_FLAGS).operands[0]?.value === sub2;
}
function removesLists(cmd) {
  if (commandName(cmd) !== "rm") return false;
  return parseOptions(cmd.args).operands.some((w) => {
    const p = normalizePath(w.value.replace(/\/\*$/, ""));
    return p !== "" && p !== "/" && (LISTS === p || LISTS.startsWith(`${p}/`));
  });
}

// src/rules/require-copy-dest-slash.ts
var require_copy_dest_slash_default = defineRule({
  code: "DL3021",
  name: "require-copy-dest-slash",
  aliases: ["DS011"],
  severity: "error",
  origin: "hadolint",
  fixable: "safe",
  docs: {
    summary: "COPY with more than one source needs a destination ending in `/`.",
    why: 'Several sources can only go into a directory. The classic builder rejects the instruction ("the destination must be a directory and end with a /"), and a trailing slash makes the intent clear to readers and builders.',
    bad: "FROM node:22\nCOPY package.json package-lock.json /app\n",
    good: "FROM node:22\nCOPY package.json package-lock.json /app/\n",
    fix: "Add a trailing `/` to the destination.",
    fixSafety: "Safe: with several sources the destination is a directory either way; the slash only says so.",
    notes: "As in hadolint, `.` counts as lacking the slash (write `./`). Deviation: a destination ending in a variable (`$DEST`) is not judged, since the value may end with `/`."
  },
  check(ctx) {
    for (const ins of ctx.file.instructions) {
      if (ins.keyword !== "COPY") continue;
      const ops = copyOperands(ins);
      if (!ops || ops.sources.length < 2) continue;
      const dest = operandValue(ops.dest);
      if (dest.endsWith("/") || /\$(\w+|\{[^}]*\})$/.test(dest)) continue;
      const r = ops.dest.range;
      const raw2 = ctx.file.text.slice(r.start, r.end);
      const at = raw2.length >= 2 && (raw2.endsWith('"') || raw2.endsWith("'")) ? r.end - 1 : r.end;
      ctx.report({
        range: r,
        message: "COPY with more than 2 arguments requires the last argument to end with /",
        fix: { title: "Add a trailing /", safety: "safe", edits: [{ range: ctx.file.lineIndex.range(at, at), text: "/" }] }
      });
    }
  }
});

// src/rules/require-image-tag.ts
var require_image_tag_default = defineRule({
  code: "DL3006",
  name: "require-image-tag",
  aliases: ["DS001", "CKV_DOCKER_7"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "FROM should name an image tag (or digest) explicitly.",
    why: "Without a tag Docker uses `latest`, which moves whenever the publisher pushes: the same Dockerfile builds on a different base from one day to the next, and nobody can tell which one an image was built from.",
    bad: "FROM debian\n",
    good: "FROM debian:12.7\n",
    fix: "Add `:<tag>` for the release you test against, or `@sha256:<digest>` to pin the exact image.",
    notes: "As in hadolint, `scratch`, references to earlier stages and images with a digest are exempt. Deviation: any reference containing a variable is exempt (hadolint only exempts those starting with `$`), since the tag may come from the variable; stage names match case-insensitively, as BuildKit does."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const base2 = stage.base;
      if (base2 === "" || base2.toLowerCase() === "scratch" || base2.includes("$")) continue;
      if (earlierStageNamed(ctx.file, base2, stage.index)) continue;
      const ref = parseImageRef(base2);
      if (ref.tag !== null || ref.digest !== null) continue;
      ctx.report({ range: stage.baseRange, message: "Always tag the version of an image explicitly" });
    }
  }
});

// src/rules/require-no-install-recommends.ts
var MESSAGE10 = "Avoid additional packages by specifying `--no-install-recommends`";
var require_no_install_recommends_default = defineRule({
  code: "DL3015",
  name: "require-no-install-recommends",
  aliases: ["DS029"],
  severity: "info",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`apt-get install` should be given `--no-install-recommends`.",
    why: "By default apt also installs every package the requested ones merely recommend, which often doubles the size of the layer with documentation, GUIs and tools the image never uses.",
    bad: "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n",
    good: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*\n",
    fix: "Add `--no-install-recommends`, then install explicitly any recommended package the image does need.",
    fixSafety: "Unsafe: the image no longer contains the recommended packages, and software that relied on one of them (CA certificates, locales, a helper binary) can fail at run time.",
    notes: "Like hadolint, `-o APT::Install-Recommends=false` is accepted as well. Deviation: other spellings of a false value (`0`, `no`, `off`) and `--install-recommends=false` are accepted too."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["apt-get"])) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      const cmds = commandsOf(ctx, site);
      if (!siteCommandNames(ctx, site).has("apt-get")) continue;
      for (const cmd of cmds) {
        const install = aptGetInstall(cmd);
        if (!install || skipsRecommends(install)) continue;
        ctx.report({
          range: spanOf([cmd.nameRange, install.subcommand.range]),
          message: MESSAGE10,
          fix: site.run.json ? void 0 : {
            title: "Add --no-install-recommends",
            safety: "unsafe",
            edits: [insertAfter(ctx.file, install.subcommand.range, " --no-install-recommends")]
          }
        });
      }
    }
  }
});
function skipsRecommends({ parsed }) {
  if (parsed.options.some((o) => o.name === "no-install-recommends")) return true;
  const flag = parsed.options.find((o) => o.name === "install-recommends" && o.value !== null);
  if (flag && aptBoolean(flag.value) === false) return true;
  return aptBoolean(aptSettings(parsed).get("apt::install-recommends")) === false;
}

// src/rules/reserved-stage-name.ts
var RESERVED2 = /* @__PURE__ */ new Set(["scratch", "context"]);
var reserved_stage_name_default = defineRule({
  code: "DL3063",
  name: "reserved-stage-name",
  aliases: ["ReservedStageName"],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "A stage is named `scratch` or `context`.",
    why: "`scratch` is the empty image and `context` names the build context in `--from`/`--mount from=`; a stage with one of these names makes references to it ambiguous.",
    bad: "FROM golang:1.22 AS scratch\nRUN go build ./...",
    good: "FROM golang:1.22 AS build\nRUN go build ./...",
    fix: "Rename the stage (and every `FROM`/`--from` that refers to it).",
    notes: "BuildKit's ReservedStageName check has the same meaning and is an alias of this rule. Names are compared case-insensitively, as the builder lower-cases stage names. The message is BuildKit's."
  },
  check(ctx) {
    for (const s of ctx.file.stages) {
      if (s.name === null || !RESERVED2.has(s.name) || !s.nameRange) continue;
      ctx.report({ range: s.nameRange, message: `Stage name should not use the same name as reserved stage "${s.name}"` });
    }
  }
});

// src/rules/secret-in-arg-or-env.ts
var KNOWN2 = new Set(
  "ACCESS_TOKEN APPLICATION_KEY APP_SECRET AUTH_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY BITTREX_API_KEY BITTREX_API_SECRET CF_PASSWORD CF_USERNAME CIRCLE_TOKEN CI_DEPLOY_PASSWORD CI_DEPLOY_USER DOCKERHUB_PASSWORD DOCKER_EMAIL DOCKER_PASSWORD DOCKER_USERNAME FACEBOOK_ACCESS_TOKEN FACEBOOK_APP_ID FACEBOOK_APP_SECRET FIREBASE_API_TOKEN FIREBASE_TOKEN FOSSA_API_KEY GH_ENTERPRISE_TOKEN GH_TOKEN GITHUB_ENTERPRISE_TOKEN GITHUB_TOKEN HEROKU_API_KEY HEROKU_API_USER NPM_AUTH_TOKEN NPM_TOKEN OKTA_AUTHN_GROUPID OKTA_CLIENT_ORGURL OKTA_CLIENT_TOKEN OKTA_OAUTH2_CLIENTID OKTA_OAUTH2_CLIENTSECRET OPENAI_API_KEY OS_PASSWORD OS_USERNAME POSTGRES_PASSWORD SLACK_TOKEN STRIPE_API_KEY STRIPE_DEVICE_NAME TRAVIS_OS_NAME TRAVIS_SECURE_ENV_VARS TRAVIS_SUDO VAULT_CLIENT_KEY VAULT_TOKEN".split(" ")
);
var FRAGMENTS = ["api_key", "client_key", "password", "private", "secret", "token", "username"];
var secret_in_arg_or_env_default = defineRule({
  code: "DL3064",
  name: "secret-in-arg-or-env",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "ARG or ENV name suggests it carries a secret.",
    why: "ARG values are recorded in the image history and ENV values in the image config: anyone who can pull the image can read them.",
    bad: "FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo",
    good: "FROM alpine:3.20\nRUN --mount=type=secret,id=github_token \\\n    git clone https://$(cat /run/secrets/github_token)@github.com/org/repo",
    fix: "Pass secrets with `RUN --mount=type=secret` (`docker build --secret id=...`) instead of ARG or ENV.",
    notes: "hadolint's list of known credential names and its name fragments (`api_key`, `client_key`, `password`, `private`, `secret`, `token`, `username`). BuildKit's SecretsUsedInArgOrEnv check has the same intent but its own word list, so it is a separate rule. ONBUILD ARG/ENV is checked; each name is reported at its own position."
  },
  check(ctx) {
    for (const top of ctx.file.instructions) {
      const ins = top.keyword === "ONBUILD" && top.trigger ? top.trigger : top;
      if (ins.keyword === "ENV") {
        for (const p of ins.pairs) if (sensitive(unquote(p.key))) report(ctx, p.keyRange);
      } else if (ins.keyword === "ARG") {
        for (const a2 of ins.args) {
          const eq = a2.value.indexOf("=");
          if (sensitive(unquote(eq < 0 ? a2.value : a2.value.slice(0, eq)))) report(ctx, a2.range);
        }
      }
    }
  }
});
function report(ctx, range) {
  ctx.report({ range, message: "Potentially sensitive data should not be used in the `ARG` or `ENV` commands" });
}
var KNOWN_LOWER = new Set([...KNOWN2].map((k) => k.toLowerCase()));
var FRAGMENT = new RegExp(FRAGMENTS.join("|"));
var ASCII = /^[\x00-\x7f]*$/;
function sensitive(name) {
  const lower = name.toLowerCase();
  if (ASCII.test(name)) return KNOWN_LOWER.has(lower) || FRAGMENT.test(lower);
  return KNOWN2.has(name.toUpperCase()) || FRAGMENTS.some((f) => lower.includes(f));
}

// src/rules/secrets-used-in-arg-or-env.ts
var TOKENS = ["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"];
var DENY = new RegExp(`(?:_|^)(?:${TOKENS.join("|")})(?:_|$)`, "i");
var ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;
function isSecretName(key) {
  return DENY.test(key) && !ALLOW.test(key);
}
var secrets_used_in_arg_or_env_default = defineRule({
  code: "SecretsUsedInArgOrEnv",
  name: "secrets-used-in-arg-or-env",
  aliases: ["DS031"],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("SecretsUsedInArgOrEnv"),
  docs: {
    summary: "Sensitive data should not be passed in ARG or ENV.",
    why: "ARG and ENV values end up in the image: ENV in its config, ARG in the build history (`docker history`). Anyone who can pull the image can read them.",
    bad: "FROM alpine\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo\n",
    good: "FROM alpine\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\\n    git clone https://$GITHUB_TOKEN@github.com/org/repo\n",
    fix: "Pass secrets with `RUN --mount=type=secret` (or an SSH mount) instead.",
    notes: "A name is sensitive when one of its `_`-separated words is apikey, auth, credential(s), key, password, pword, passwd, secret or token, and none is public, file or version. ARGs before the first FROM are not checked (BuildKit does not dispatch them). hadolint DL3064 uses a different word list and stays separate."
  },
  check(ctx) {
    const file = ctx.file;
    for (const stage of file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword === "ARG") {
          for (const p of argPairs(ins)) {
            if (isSecretName(p.key)) ctx.report({ range: ins.args[p.index].range, message: message("ARG", p.key) });
          }
        } else if (ins.keyword === "ENV") {
          const applied = modelOf(file).infoOf(ins)?.env;
          ins.pairs.forEach((p, i) => {
            const key = applied?.[i]?.key ?? p.key;
            if (isSecretName(key)) ctx.report({ range: p.keyRange, message: message("ENV", key) });
          });
        }
      }
    }
  }
});
function message(kind, key) {
  return `Do not use ARG or ENV instructions for sensitive data (${kind} ${JSON.stringify(key)})`;
}

// src/rules/utils/insecure-hints.ts
var WORDS = /allow-untrusted|allow-unauthenticated|force-yes|allow-insecure-repositories|nogpgcheck|nosignature|nodigest|noverify|nofiledigest|no-check-certificate|trusted-host|TRUSTED_HOST|strict-ssl|strict_ssl|STRICT_SSL|sslverify|sslVerify|SSLVERIFY|SslVerify|HTTPSVERIFY|TLS_REJECT_UNAUTHORIZED|SSL_NO_VERIFY/;
function mayTurnOffChecks(file) {
  const memo2 = fileScratch(file);
  let hit = memo2.get("insecure-words");
  if (hit === void 0) memo2.set("insecure-words", hit = WORDS.test(file.text));
  return hit;
}

// src/rules/signature-check-disabled.ts
var UNSIGNED = {
  apk: ["allow-untrusted"],
  "apt-get": ["allow-unauthenticated", "force-yes", "allow-insecure-repositories"],
  apt: ["allow-unauthenticated", "force-yes", "allow-insecure-repositories"],
  yum: ["nogpgcheck"],
  dnf: ["nogpgcheck"],
  microdnf: ["nogpgcheck"],
  tdnf: ["nogpgcheck"],
  rpm: ["nosignature", "nodigest", "noverify", "nofiledigest"]
};
var NAMES2 = Object.keys(UNSIGNED);
function unsignedFlag(cmd) {
  const flags = UNSIGNED[commandName(cmd)];
  if (!flags) return null;
  return cmd.flags.find((f) => flags.includes(f.name))?.name ?? null;
}
var signature_check_disabled_default = defineRule({
  code: "DH014",
  name: "signature-check-disabled",
  aliases: ["CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "Do not turn off package signature checks (apk --allow-untrusted, apt-get --allow-unauthenticated, --nogpgcheck...).",
    why: "Package managers check each package's signature against the distribution's keys, which is what stops a tampered mirror or a man in the middle from installing their own code. These flags install whatever arrives.",
    bad: "FROM fedora:40\nRUN dnf install -y --nogpgcheck ./tool.rpm\n",
    good: "FROM fedora:40\nCOPY vendor.gpg /etc/pki/rpm-gpg/\nRUN rpm --import /etc/pki/rpm-gpg/vendor.gpg && dnf install -y ./tool.rpm\n",
    fix: "Import the repository's or vendor's signing key instead, and remove the flag.",
    notes: "Covers `apk --allow-untrusted`; `apt-get`/`apt` `--allow-unauthenticated`, `--force-yes` and `--allow-insecure-repositories`; `yum`/`dnf`/`microdnf`/`tdnf` `--nogpgcheck`; `rpm` `--nosignature`, `--nodigest`, `--noverify` and `--nofiledigest`; through `sudo` and other launchers too."
  },
  check(ctx) {
    if (!mayTurnOffChecks(ctx.file) || !mayRunAny(ctx, NAMES2)) return;
    for (const site of runSites(ctx.file, { onbuild: true })) {
      for (const cmd of commandsOf(ctx, site)) {
        const flag = unsignedFlag(cmd);
        if (flag) ctx.report({ range: cmd.range, message: `\`${commandName(cmd)} --${flag}\` installs packages without checking their signatures` });
      }
    }
  }
});

// src/rules/utils/buildkit-stage-refs.ts
function renameStageFix(file, stage, newName, title) {
  if (!stage.name || stage.from.args.length !== 3) return void 0;
  const edits = [];
  const nameArg = stage.from.args[2];
  if (file.text.slice(nameArg.range.start, nameArg.range.end) !== nameArg.value) return void 0;
  edits.push({ range: nameArg.range, text: newName });
  for (const ins of referencingInstructions(file, stage)) edits.push(...referenceEdits(file, ins, stage.name, newName));
  edits.sort((a2, b2) => a2.range.start - b2.range.start);
  return { title, safety: "safe", edits };
}
function referencingInstructions(file, stage) {
  const out = [];
  for (const later of file.stages.slice(stage.index + 1)) {
    out.push(later.from);
    if (later.name === stage.name) break;
    for (const ins of later.instructions) out.push(ins, ...ins.trigger ? [ins.trigger] : []);
  }
  for (const ins of stage.instructions) if (ins.trigger) out.push(ins.trigger);
  return out;
}
function referenceEdits(file, ins, name, newName) {
  const edits = [];
  if (ins.keyword === "FROM") {
    const base2 = ins.args[0];
    if (base2 && base2.value.toLowerCase() === name && file.text.slice(base2.range.start, base2.range.end) === base2.value) {
      edits.push({ range: base2.range, text: newName });
    }
  }
  for (const flag of ins.flags) {
    if (!flag.valueRange || flag.value === null) continue;
    const raw2 = file.text.slice(flag.valueRange.start, flag.valueRange.end);
    if (flag.name === "from" && (ins.keyword === "COPY" || ins.keyword === "ADD")) {
      if (raw2.toLowerCase() === name) edits.push({ range: flag.valueRange, text: newName });
    } else if (flag.name === "mount") {
      const re = /(^|,)from=([^,]*)/gi;
      for (let m = re.exec(raw2); m; m = re.exec(raw2)) {
        if (m[2].toLowerCase() !== name) continue;
        const start = flag.valueRange.start + m.index + m[1].length + 5;
        edits.push({ range: file.lineIndex.range(start, start + m[2].length), text: newName });
      }
    }
  }
  return edits;
}

// src/rules/stage-name-casing.ts
var stage_name_casing_default = defineRule({
  code: "StageNameCasing",
  name: "stage-name-casing",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "safe",
  url: buildkitUrl("StageNameCasing"),
  docs: {
    summary: "Stage names should be lowercase.",
    why: "BuildKit lower-cases stage names, so `AS Build` and `--from=build` are the same stage. Mixed-case names suggest a distinction that does not exist and make references harder to search for.",
    bad: 'FROM alpine AS BuilderBase\nRUN echo hi\n\nFROM BuilderBase\nCMD ["sh"]\n',
    good: 'FROM alpine AS builder-base\nRUN echo hi\n\nFROM builder-base\nCMD ["sh"]\n',
    fix: "Write the stage name in lower case, and every reference to it (`FROM`, `COPY --from`, `RUN --mount=from=`).",
    fixSafety: "Safe: BuildKit compares stage names case-insensitively, so lower-casing the name and its references in this file changes nothing in the build (`docker build --target` is case-insensitive too)."
  },
  check(ctx) {
    for (const stage of ctx.file.stages) {
      const args = stage.from.args;
      if (args.length !== 3) continue;
      const written = args[2];
      if (isLower(written.value)) continue;
      ctx.report({
        range: written.range,
        message: `Stage name '${written.value}' should be lowercase`,
        fix: renameStageFix(ctx.file, stage, written.value.toLowerCase(), "Lower-case the stage name and its references")
      });
    }
  }
});

// src/rules/utils/insecure-settings.ts
var FALSE = /^(0|false|no|off)$/i;
var VARIABLES = /* @__PURE__ */ new Map([
  ["PYTHONHTTPSVERIFY", { what: "Python's HTTPS certificate checks", disables: (v) => v === "0" }],
  ["NODE_TLS_REJECT_UNAUTHORIZED", { what: "Node.js's TLS certificate checks", disables: (v) => v === "0" }],
  ["NPM_CONFIG_STRICT_SSL", { what: "npm's TLS certificate checks", disables: (v) => FALSE.test(v) }],
  // git only asks whether it is set: any value, even 0 or false, turns verification off.
  ["GIT_SSL_NO_VERIFY", { what: "git's TLS certificate checks", disables: () => true }],
  // pip trusts the named hosts over plain HTTP and without certificate checks.
  ["PIP_TRUSTED_HOST", { what: "pip's certificate checks for the hosts it names", disables: (v) => v !== "" }]
]);
function insecureVariable(name, value) {
  const v = VARIABLES.get(name) ?? (name.length === 21 && name.toUpperCase() === "NPM_CONFIG_STRICT_SSL" ? VARIABLES.get("NPM_CONFIG_STRICT_SSL") : void 0);
  return v && v.disables(unquote3(value)) ? v.what : null;
}
function unquote3(value) {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

// src/rules/tls-verification-disabled.ts
var FALSE2 = /^["']?(0|false|no|off)["']?$/i;
function insecureCommand(cmd) {
  const name = commandName(cmd);
  const flag = (...names) => cmd.flags.some((f) => names.includes(f.name));
  switch (name) {
    case "curl":
      return flag("k", "insecure") ? "`curl -k`/`--insecure` skips the server's certificate check" : null;
    case "wget":
      return flag("no-check-certificate") ? "`wget --no-check-certificate` skips the server's certificate check" : null;
    case "pip":
    case "pip2":
    case "pip3":
      return flag("trusted-host") ? "`pip --trusted-host` downloads from that host without certificate checks" : null;
    case "npm":
    case "yarn":
    case "pnpm": {
      if (cmd.flags.some((f) => f.name === "strict-ssl" && f.value !== null && FALSE2.test(f.value))) return `\`${name} --strict-ssl=false\` skips certificate checks`;
      const words = cmd.argsNoFlags.map((w) => w.value);
      const at = words.indexOf("set");
      if (at < 0 || at > 0 && !["config", "c"].includes(words[at - 1])) return null;
      const [key, value] = (words[at + 1] ?? "").split("=");
      if (key?.replace(/^["']|["']$/g, "") !== "strict-ssl") return null;
      return FALSE2.test(value ?? words[at + 2] ?? "") ? `\`${name} config set strict-ssl false\` turns off certificate checks` : null;
    }
    case "git": {
      for (let i = 0; i < cmd.args.length; i++) {
        const w = cmd.args[i].value;
        const pair = cmd.args[i - 1]?.value === "-c" ? w : "";
        if (/^http\.(?:[^=]*\.)?sslverify=/i.test(pair) && FALSE2.test(pair.slice(pair.indexOf("=") + 1))) return "`git -c http.sslVerify=false` turns off certificate checks";
        if (/^http\.(?:.*\.)?sslverify$/i.test(w) && cmd.args.some((a2) => a2.value === "config") && FALSE2.test(cmd.args[i + 1]?.value ?? "")) {
          return "`git config http.sslVerify false` turns off certificate checks";
        }
      }
      return null;
    }
    case "yum-config-manager":
    case "dnf-config-manager":
    case "dnf": {
      if (name === "dnf" && !cmd.argsNoFlags.some((w) => w.value === "config-manager")) return null;
      const off = cmd.flags.some((f) => f.name === "setopt" && f.value !== null && /(?:^|\.)sslverify=["']?(0|false|no)["']?$/i.test(f.value.replace(/^["']|["']$/g, "")));
      return off ? "`config-manager --setopt=\u2026sslverify=0` turns off certificate checks for a repository" : null;
    }
    case "export":
      for (const w of cmd.args) {
        const eq = w.value.indexOf("=");
        const what = eq > 0 ? insecureVariable(w.value.slice(0, eq), w.value.slice(eq + 1)) : null;
        if (what) return `\`export ${w.value}\` turns off ${what}`;
      }
      return null;
    default:
      return null;
  }
}
var tls_verification_disabled_default = defineRule({
  code: "DH013",
  name: "tls-verification-disabled",
  aliases: ["CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16"],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "Do not turn off TLS certificate checks (curl -k, wget --no-check-certificate, strict-ssl false, NODE_TLS_REJECT_UNAUTHORIZED=0...).",
    why: "Without certificate checks anyone on the network path (a proxy, a rogue Wi-Fi, a compromised mirror) can answer in the server's place and hand the build their own packages or scripts, which then run in the image. Set in ENV, the setting also stays in every container started from the image.",
    bad: "FROM node:22-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -k https://example.com/install.sh | sh\n",
    good: "FROM node:22-slim\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/install.sh | sh\n",
    fix: "Install the CA certificate the server needs (a corporate proxy's, say) instead, and remove the flag or variable.",
    notes: "Covers `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, `npm`/`yarn`/`pnpm` `config set strict-ssl false` and `--strict-ssl=false`, `git -c http.sslVerify=false` and `git config http.sslVerify false`, `yum-config-manager`/`dnf config-manager`/`dnf-config-manager --setopt=\u2026sslverify=0`, and PYTHONHTTPSVERIFY=0, NODE_TLS_REJECT_UNAUTHORIZED=0, NPM_CONFIG_STRICT_SSL=false, GIT_SSL_NO_VERIFY and PIP_TRUSTED_HOST in ENV, ARG defaults, `export` and command prefixes. Checkov's checks read the RUN text with regular expressions; dockhand reads the commands, so a flag in a quoted string or a comment is not a finding. git only asks whether GIT_SSL_NO_VERIFY is set, so any value counts, `0` and `false` included."
  },
  check(ctx) {
    const words = mayTurnOffChecks(ctx.file);
    if (!words && !mayRunAny(ctx, ["curl"])) return;
    if (words) {
      for (const top of ctx.file.instructions) {
        const ins = top.keyword === "ONBUILD" ? top.trigger : top;
        if (ins?.keyword === "ENV") {
          for (const p of ins.pairs) {
            const what = insecureVariable(p.key, p.value);
            if (what) ctx.report({ range: p.range, message: `ENV ${p.key} turns off ${what}, in the build and in every container of the image` });
          }
        } else if (ins?.keyword === "ARG") {
          for (const a2 of ins.args) {
            const eq = a2.value.indexOf("=");
            const what = eq > 0 ? insecureVariable(a2.value.slice(0, eq), a2.value.slice(eq + 1)) : null;
            if (what) ctx.report({ range: a2.range, message: `ARG ${a2.value.slice(0, eq)}'s default turns off ${what} in the build` });
          }
        }
      }
    }
    for (const site of runSites(ctx.file, { onbuild: true })) {
      if (!words && !siteCommandNames(ctx, site).has("curl")) continue;
      for (const cmd of commandsOf(ctx, site)) {
        if (words) {
          for (const a2 of cmd.assignments) {
            const eq = a2.value.indexOf("=");
            const what2 = eq > 0 ? insecureVariable(a2.value.slice(0, eq), a2.value.slice(eq + 1)) : null;
            if (what2) ctx.report({ range: a2.range, message: `${a2.value} turns off ${what2} for \`${commandName(cmd)}\`` });
          }
        } else if (commandName(cmd) !== "curl") continue;
        const what = insecureCommand(cmd);
        if (what) ctx.report({ range: cmd.range, message: `${what}: a man in the middle can change what is downloaded` });
      }
    }
  }
});

// src/rules/undefined-arg-in-from.ts
var undefined_arg_in_from_default = defineRule({
  code: "UndefinedArgInFrom",
  name: "undefined-arg-in-from",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("UndefinedArgInFrom"),
  docs: {
    summary: "FROM may only use ARGs declared before the first FROM (or the automatic platform ARGs).",
    why: "A FROM line only sees global ARGs. An undeclared name expands to nothing, usually producing a wrong or invalid image name; `--build-arg` alone does not declare it.",
    bad: "FROM node:${NODE_VERSION}-alpine\n",
    good: "ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine\n",
    fix: "Declare the variable with ARG before the first FROM, or fix its spelling."
  },
  check(ctx) {
    const file = ctx.file;
    let known;
    for (const stage of file.stages) {
      const parts = [
        { result: expandBase(file, stage), range: stage.baseRange },
        { result: expandPlatform(file, stage), range: platformFlag(stage)?.range }
      ];
      for (const { result, range } of parts) {
        if (!result || !range || result.unmatched.size === 0) continue;
        known ??= /* @__PURE__ */ new Set([...metaArgs(file).declared, ...AUTOMATIC_PLATFORM_ARGS]);
        for (const name of [...result.unmatched].sort()) {
          if (known.has(name)) continue;
          const hint = suggest(name, known, true);
          ctx.report({
            range: nameRange(file, range, name),
            message: `FROM argument '${name}' is not declared${hint ? ` (did you mean ${hint}?)` : ""}`
          });
        }
      }
    }
  }
});
function nameRange(file, range, name) {
  const src = file.text.slice(range.start, range.end);
  const i = src.indexOf(name);
  return i < 0 ? range : file.lineIndex.range(range.start + i, range.start + i + name.length);
}

// src/rules/undefined-var.ts
var undefined_var_default = defineRule({
  code: "UndefinedVar",
  name: "undefined-var",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("UndefinedVar"),
  docs: {
    summary: "Variables should be defined (by ARG or ENV) before they are used.",
    why: "An undefined variable silently expands to an empty string: `COPY $SRC .` copies the whole context and `ENV PATH=$PAHT:/x` throws the PATH away. Most of these are typos.",
    bad: "FROM alpine\nARG APP_DIR=/srv\nCOPY . $APP_DRI\n",
    good: "FROM alpine\nARG APP_DIR=/srv\nCOPY . $APP_DIR\n",
    fix: "Declare the variable with ARG or ENV before this instruction, or correct its spelling.",
    notes: "Checked where BuildKit expands variables: ENV, LABEL, COPY/ADD (paths, --chown, --chmod, --checksum, expanded heredocs), WORKDIR, USER, VOLUME, STOPSIGNAL, RUN --mount and ARG defaults; never in RUN, CMD or ENTRYPOINT, where the shell expands them. BuildKit also knows the base image's environment from the registry; dockhand knows it for scratch and a list of official images. For other base images it reports a variable only when a defined name is close enough to suggest (a likely typo), since the image may define it."
  },
  check(ctx) {
    const file = ctx.file;
    const model = modelOf(file);
    for (const stage of file.stages) {
      let imageEnv = null;
      for (const ins of stage.instructions) {
        const undefinedHere = model.undefinedVariables(ins);
        if (undefinedHere.length === 0) continue;
        if (imageEnv === null) imageEnv = baseImageEnv(file, stage.index);
        const env = envBefore(file, ins);
        for (const { name, expansion } of undefinedHere) {
          if (imageEnv?.has(name)) continue;
          const hint = suggest(name, imageEnv ? [...env.keys(), ...imageEnv.keys()] : env.keys(), true);
          if (!imageEnv && hint === "") continue;
          ctx.report({
            range: variableRange(file, expansion.range, name),
            message: `Usage of undefined variable '$${name}'${hint ? ` (did you mean $${hint}?)` : ""}`
          });
        }
      }
    }
  }
});
function variableRange(file, range, name) {
  const src = file.text.slice(range.start, range.end);
  const re = new RegExp(`\\$(\\{${escape(name)}(?![A-Za-z0-9_])[^}]*\\}?|${escape(name)}(?![A-Za-z0-9_]))`);
  const m = re.exec(src);
  if (!m) return range;
  return file.lineIndex.range(range.start + m.index, range.start + m.index + m[0].length);
}
function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/rules/utils/hadolint-b-rpm.ts
function unpinnedRpms(ctx, tools) {
  const out = [];
  if (!mayRunAny(ctx, tools)) return out;
  const parents = stageParents(ctx.file);
  for (const site of runSites2(ctx.file, true)) {
    if (!hasAny(siteCommandNames2(ctx, site), tools)) continue;
    let known;
    for (const cmd of commandsOf2(ctx, site)) {
      if (!tools.includes(cmd.name)) continue;
      known ??= knownVariables(ctx.file, site.host, parents);
      out.push(...unpinnedIn(cmd, known));
    }
  }
  return out;
}
function unpinnedIn(cmd, known) {
  const install = subcommand(cmd, ["install"], RPM_VALUE_FLAGS);
  if (!install) return [];
  const before = subcommand(cmd, ["module", "group", "groupinstall"], RPM_VALUE_FLAGS);
  const pkgs = packagesAfter(cmd, install, RPM_VALUE_FLAGS);
  if (before && before.range.start < install.range.start) {
    if (before.value !== "module") return [];
    return pkgs.filter((w) => !w.value.includes(":")).map((word) => ({ word, module: true }));
  }
  return pkgs.filter((w) => !rpmVersionPinned(w.value, known)).map((word) => ({ word, module: false }));
}

// src/rules/unpinned-dnf-package.ts
var unpinned_dnf_package_default = defineRule({
  code: "DL3041",
  name: "unpinned-dnf-package",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Pin package versions in `dnf install` / `microdnf install` (`<package>-<version>`).",
    why: "Unpinned packages install whatever the repository serves on the day of the build, so rebuilds are not reproducible and can break without any change to the Dockerfile.",
    bad: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all",
    good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all",
    fix: "Write each package as `name-version` (e.g. `httpd-2.4.58`), a module as `name:stream` (`dnf module install nodejs:20`).",
    notes: "Like hadolint: a version is a `-`-separated part made of `[0-9A-Za-z.~^_:+]` with one part starting with a digit; `*.rpm` files are pinned; `${VAR}` parts count as versions when VAR is an earlier ARG or an ENV of the stage or its parents; groups are not checked; ONBUILD RUN is checked. Unlike hadolint: only words after `install` are packages (the value of `--enablerepo foo` and similar is skipped), and each package is reported at its own position. A package that is only an expansion (`$PKG`, `$(cat list)`) is not judged, since its value is unknown."
  },
  check(ctx) {
    for (const { word, module } of unpinnedRpms(ctx, ["dnf", "microdnf"])) {
      ctx.report({
        range: word.range,
        message: module ? "Specify version with `dnf module install -y <module>:<stream>`." : "Specify version with `dnf install -y <package>-<version>`."
      });
    }
  }
});

// src/rules/unpinned-go-package.ts
var VALUE_FLAGS4 = /* @__PURE__ */ new Set(["C", "p", "o", "asmflags", "buildmode", "buildvcs", "compiler", "gccgoflags", "gcflags", "installsuffix", "ldflags", "mod", "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec", "exec", "coverpkg", "covermode"]);
var unpinned_go_package_default = defineRule({
  code: "DL3062",
  name: "unpinned-go-package",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Pin the version of packages fetched by `go install`, `go get` and `go run`.",
    why: "Without `@version` (or with `@latest`) the build fetches whatever was published last, so two builds of the same Dockerfile can produce different binaries, or break.",
    bad: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest",
    good: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3",
    fix: "Append an exact version: `go install example.com/cmd@v1.2.3`.",
    notes: 'Like hadolint: local paths (`.`, `./x`, `/x`) are fine, only the first argument of `go run` is a package, and ONBUILD RUN is checked. Unlike hadolint: the value of a go build flag given as a separate word (`-tags netgo`, `-ldflags "-s"`) is not mistaken for a package, each unpinned package is reported at its own position, and a package that is only an expansion (`$PKG`, `$(cat list)`) is not judged.'
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["go"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("go")) continue;
      for (const cmd of commandsOf2(ctx, site)) {
        for (const pkg of unpinned(cmd)) {
          ctx.report({ range: pkg.range, message: "Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`" });
        }
      }
    }
  }
});
function unpinned(cmd) {
  if (cmd.name !== "go") return [];
  const words = positional(cmd.args);
  const verb = words[0]?.value;
  if (verb !== "install" && verb !== "get" && verb !== "run") return [];
  const pkgs = verb === "run" ? words.slice(1, 2) : words.slice(1);
  return pkgs.filter((w) => w.value !== "tool" && !isExpansionOnly(w.value) && isRemote3(w.value) && !pinned(w.value));
}
function positional(args) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (!isFlagWord(w)) {
      out.push(w);
      continue;
    }
    const name = w.value.replace(/^--?/, "");
    if (!name.includes("=") && VALUE_FLAGS4.has(name)) i++;
  }
  return out;
}
function isRemote3(pkg) {
  return !(pkg === "." || pkg.startsWith(".") || pkg.startsWith("/"));
}
function pinned(pkg) {
  const at = pkg.lastIndexOf("@");
  if (at < 0) return false;
  const version = pkg.slice(at + 1);
  return version !== "" && version !== "latest" && version !== "none";
}

// src/rules/unpinned-yum-package.ts
var unpinned_yum_package_default = defineRule({
  code: "DL3033",
  name: "unpinned-yum-package",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Pin package versions in `yum install` (`<package>-<version>`).",
    why: "Unpinned packages install whatever the repository serves on the day of the build, so rebuilds are not reproducible and can break without any change to the Dockerfile.",
    bad: "FROM centos:7\nRUN yum install -y httpd && yum clean all",
    good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all",
    fix: "Write each package as `name-version` (e.g. `httpd-2.4.6`), a module as `name:stream` (`yum module install nodejs:20`).",
    notes: "Like hadolint: a version is a `-`-separated part made of `[0-9A-Za-z.~^_:+]` with one part starting with a digit; `*.rpm` files are pinned; `${VAR}` parts count as versions when VAR is an earlier ARG or an ENV of the stage or its parents; ONBUILD RUN is checked. Unlike hadolint: `yum group install` is not checked (groups have no versions; hadolint reports the word `group`), only words after `install` are packages, and each package is reported at its own position. A package that is only an expansion (`$PKG`, `$(cat list)`) is not judged."
  },
  check(ctx) {
    for (const { word, module } of unpinnedRpms(ctx, ["yum"])) {
      ctx.report({
        range: word.range,
        message: module ? "Specify version with `yum module install -y <module>:<stream>`." : "Specify version with `yum install -y <package>-<version>`."
      });
    }
  }
});

// src/rules/unpinned-zypper-package.ts
var VALUE_FLAGS5 = ["t", "type", "r", "repo", "from", "R", "root"];
var unpinned_zypper_package_default = defineRule({
  code: "DL3037",
  name: "unpinned-zypper-package",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "Pin package versions in `zypper install` (`<package>=<version>`).",
    why: "Unpinned packages install whatever the repository serves on the day of the build, so rebuilds are not reproducible and can break without any change to the Dockerfile.",
    bad: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean",
    good: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean",
    fix: "Add a version constraint: `name=version`, `name>=version`, `name<version`... (escape or quote `<` and `>` for the shell), or install an `.rpm` file.",
    notes: "Like hadolint: `=`, `>=`, `>`, `<=`, `<` constraints and `*.rpm` files are pinned; ONBUILD RUN is checked. Unlike hadolint: only words after `install`/`in` are packages (values of `-r`, `--from` are skipped), non-package types (`-t pattern`) are not checked, each package is reported at its own position, and a package that is only an expansion (`$PKG`, `$(cat list)`) is not judged."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["zypper"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("zypper")) continue;
      for (const cmd of commandsOf2(ctx, site)) {
        if (cmd.name !== "zypper") continue;
        const sub2 = subcommand(cmd, ["install", "in"], VALUE_FLAGS5);
        if (!sub2 || nonPackageType(cmd)) continue;
        for (const pkg of packagesAfter(cmd, sub2, VALUE_FLAGS5)) {
          const v = pkg.value.replace(/\\/g, "");
          if (/[=<>]/.test(v) || v.endsWith(".rpm") || isExpansionOnly(v)) continue;
          ctx.report({ range: pkg.range, message: "Specify version with `zypper install -y <package>[=]<version>`." });
        }
      }
    }
  }
});
function nonPackageType(cmd) {
  if (!hasFlag(cmd, "t", "type")) return false;
  const words = cmd.args.map((a2) => a2.value);
  const i = words.findIndex((w) => w === "-t" || w === "--type");
  const type = i >= 0 ? words[i + 1] : cmd.flags.find((f) => f.name === "type")?.value;
  return type !== "package";
}

// src/rules/useradd-without-no-log-init.ts
var useradd_without_no_log_init_default = defineRule({
  code: "DL3046",
  name: "useradd-without-no-log-init",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`useradd` with a high UID (more than 5 digits) and without `-l` / `--no-log-init`.",
    why: "/var/log/lastlog and faillog are sparse files indexed by UID. A huge UID makes them huge, and image layers do not keep files sparse: the image grows by gigabytes.",
    bad: "FROM debian:12\nRUN useradd -u 123456 app",
    good: "FROM debian:12\nRUN useradd -l -u 123456 app",
    fix: "Add `-l` (`--no-log-init`).",
    fixSafety: "Unsafe: the user is then not added to the lastlog and faillog databases, which changes the image (by design, but review it).",
    notes: "Like hadolint, ONBUILD RUN is checked too; the finding points at the UID. Unlike hadolint, a UID given by a variable (`-u $APP_UID`) is not judged: its length says nothing about its value."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["useradd"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("useradd")) continue;
      for (const cmd of commandsOf2(ctx, site)) {
        if (cmd.name !== "useradd" || hasFlag(cmd, "l", "no-log-init")) continue;
        const uid = uidWord(cmd);
        if (!uid || uid.text.length <= 5 || uid.text.includes("$")) continue;
        ctx.report({
          range: uid.word.range,
          message: "`useradd` without flag `-l` and high UID will result in excessively large Image.",
          // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
          ...!site.run.json && { fix: { title: "Add -l", safety: "unsafe", edits: [insertAfter(ctx.file, cmd.nameRange, " -l")] } }
        });
      }
    }
  }
});
function uidWord(cmd) {
  for (let i = 0; i < cmd.args.length; i++) {
    const w = cmd.args[i];
    if ((w.value === "-u" || w.value === "--uid") && cmd.args[i + 1]) return { word: cmd.args[i + 1], text: cmd.args[i + 1].value };
    if (w.value.startsWith("--uid=")) return { word: w, text: w.value.slice(6) };
    if (/^-u\d+$/.test(w.value)) return { word: w, text: w.value.slice(2) };
  }
  return void 0;
}

// src/rules/wget-progress-bar.ts
var wget_progress_bar_default = defineRule({
  code: "DL3047",
  name: "wget-progress-bar",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`wget` without `--progress`, `-q`, `-nv`, `-o` or `-a`.",
    why: "Without a TTY, wget prints a progress line for every few kilobytes; large downloads bloat the build log to megabytes and bury the useful output.",
    bad: "FROM debian:12\nRUN wget https://example.com/app.tar.gz",
    good: "FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz",
    fix: "Add `--progress=dot:giga`, or `-q` / `-nv` to silence it, or `-o <file>` to log to a file.",
    fixSafety: "Unsafe: BusyBox wget (Alpine) does not know `--progress` and would fail the build.",
    notes: "Like hadolint, ONBUILD RUN is checked too."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["wget"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("wget")) continue;
      for (const cmd of commandsOf2(ctx, site)) {
        if (cmd.name !== "wget") continue;
        if (hasFlag(cmd, "progress", "q", "quiet", "o", "output-file", "a", "append-output", "no-verbose")) continue;
        if (cmd.args.some((a2) => a2.value === "-nv")) continue;
        ctx.report({
          range: cmd.nameRange,
          message: "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).",
          // An exec-form (JSON) RUN gets no fix: an inserted bare word would break the array.
          ...!site.run.json && { fix: { title: "Add --progress=dot:giga", safety: "unsafe", edits: [insertAfter(ctx.file, cmd.nameRange, " --progress=dot:giga")] } }
        });
      }
    }
  }
});

// src/rules/workdir-in-system-dir.ts
var SYSTEM = ["/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"];
function clean(path) {
  const out = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}
var workdir_in_system_dir_default = defineRule({
  code: "DH012",
  name: "workdir-in-system-dir",
  aliases: ["DS030"],
  severity: "warning",
  origin: "dockhand",
  fixable: "none",
  docs: {
    summary: "WORKDIR should not be inside a system directory such as /proc, /sys, /dev or /boot.",
    why: "At run time /proc, /sys and /dev are the kernel's and the runtime's own mounts, and /boot and /lost+found belong to the host's boot and file-system tools. Files an image writes there are hidden, lost or dangerous, and a process working there can reach the host's devices and kernel settings.",
    bad: "FROM alpine:3.20\nWORKDIR /proc/app\n",
    good: "FROM alpine:3.20\nWORKDIR /app\n",
    fix: "Use an application directory such as /app, /srv/app or /opt/<name>.",
    notes: "Trivy flags paths below /proc/, /boot/, /dev/, /initrd/ and /lost+found/; dockhand also flags /sys and the directories themselves (`WORKDIR /proc`), and folds `..` and `//` first. Relative and variable paths are not checked."
  },
  check(ctx) {
    if (!keywordsOf(ctx.file).has("WORKDIR")) return;
    for (const top of ctx.file.instructions) {
      const ins = top.keyword === "ONBUILD" ? top.trigger : top;
      if (ins?.keyword !== "WORKDIR" || ins.args.length === 0) continue;
      const raw2 = ins.args[0].value.replace(/^["']|["']$/g, "");
      if (!raw2.startsWith("/") || raw2.includes("$")) continue;
      const path = clean(raw2);
      const dir2 = SYSTEM.find((d) => path === d || path.startsWith(`${d}/`));
      if (!dir2) continue;
      ctx.report({ range: ins.args[0].range, message: `WORKDIR ${path} is inside ${dir2}, a system directory; use an application directory such as /app` });
    }
  }
});

// src/rules/workdir-relative-path.ts
var workdir_relative_path_default = defineRule({
  code: "WorkdirRelativePath",
  name: "workdir-relative-path",
  aliases: [],
  severity: "warning",
  origin: "buildkit",
  fixable: "none",
  url: buildkitUrl("WorkdirRelativePath"),
  docs: {
    summary: "The first WORKDIR of a build should be an absolute path.",
    why: "A relative WORKDIR is resolved against the base image's working directory, which you do not control: when the base image changes it, files land somewhere else.",
    bad: "FROM alpine\nWORKDIR app\nCOPY . .\n",
    good: "FROM alpine\nWORKDIR /app\nCOPY . .\n",
    fix: "Make the first WORKDIR absolute; later relative WORKDIRs are then resolved against it.",
    notes: "Only the first WORKDIR of a stage chain is checked (a stage built FROM another inherits its WORKDIR). Windows paths (`C:\\app`) count as absolute, since the target OS is not known without a registry. A path using a variable the base image may define (`WORKDIR $HOME`) is only judged when dockhand knows the image's environment (scratch and common official images). hadolint's DL3000 (require-absolute-workdir) checks every WORKDIR and is a separate rule."
  },
  check(ctx) {
    const file = ctx.file;
    const model = modelOf(file);
    for (const stage of file.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== "WORKDIR") continue;
        if (model.scopeBefore(ins)?.workdir != null) continue;
        const exp = model.infoOf(ins)?.expansions.find((e) => e.role === "workdir");
        const path = exp ? exp.result : ins.argsText;
        if (isAbsolute2(path)) continue;
        if (exp && exp.unmatched.length > 0 && !baseImageEnv(file, stage.index)) continue;
        ctx.report({
          range: ins.argsText === "" ? ins.keywordRange : ins.argsRange,
          message: `Relative workdir ${JSON.stringify(path)} can have unexpected results if the base image changes`
        });
      }
    }
  }
});
function isAbsolute2(path) {
  return /^([A-Za-z]:)?[\\/]/.test(path);
}

// src/rules/yarn-cache-not-cleaned.ts
var yarn_cache_not_cleaned_default = defineRule({
  code: "DL3060",
  name: "yarn-cache-not-cleaned",
  aliases: [],
  severity: "info",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`yarn install` without `yarn cache clean` afterwards in the same RUN.",
    why: "yarn keeps every downloaded package in its cache. Unless the cache is cleaned in the same RUN, it is committed to the layer and the image carries a second copy of node_modules.",
    bad: "FROM node:20\nRUN yarn install --frozen-lockfile",
    good: "FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean",
    fix: "Append `&& yarn cache clean`, or mount the cache: `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`.",
    fixSafety: "Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.",
    notes: "Like hadolint: only the last stage and stages used as a base by another stage are reported (build stages whose files are copied out selectively do not ship the cache); a cache/tmpfs mount on `.cache/yarn` silences it; ONBUILD RUN is checked. Unlike hadolint, the clean must come after the install."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["yarn"])) return;
    const used = stagesUsedAsBase(ctx.file);
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("yarn")) continue;
      if (!isShippedStage(ctx.file, site.host.stageIndex, used) || hasCacheMount(site.run, ".cache/yarn")) continue;
      report2(ctx, site);
    }
  }
});
function report2(ctx, site) {
  const commands = commandsOf2(ctx, site);
  const isInstall = (c) => c.name === "yarn" && c.argsNoFlags.some((w) => w.value === "install");
  const isClean = (c) => c.name === "yarn" && c.argsNoFlags.some((w, i) => w.value === "cache" && c.argsNoFlags[i + 1]?.value === "clean");
  const bad = uncleanedInstall(commands, isInstall, isClean);
  if (!bad) return;
  const edit = appendToRun(site.run, "yarn cache clean");
  ctx.report({
    range: commandHead(bad, bad.argsNoFlags.find((w) => w.value === "install")),
    message: "`yarn cache clean` missing after `yarn install` was run.",
    ...edit && { fix: { title: "Append `yarn cache clean`", safety: "unsafe", edits: [edit] } }
  });
}

// src/rules/yum-cache-not-cleaned.ts
var yum_cache_not_cleaned_default = defineRule({
  code: "DL3032",
  name: "yum-cache-not-cleaned",
  aliases: ["DS015"],
  severity: "warning",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`yum install` without a later `yum clean all` in the same RUN.",
    why: "yum keeps repository metadata and packages in /var/cache/yum. Unless they are removed in the same RUN, they are committed to the layer and bloat the image.",
    bad: "FROM centos:7\nRUN yum install -y httpd-2.4.6",
    good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all",
    fix: "End the RUN with `yum clean all` (or `rm -rf /var/cache/yum/*`), or mount the cache: `RUN --mount=type=cache,target=/var/cache/yum yum install ...`.",
    fixSafety: "Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.",
    notes: "Like hadolint: the clean must come after the install; `rm -rf /var/cache/yum/*` counts; ONBUILD RUN is checked. Unlike hadolint: `clean` must be followed by `all` (hadolint accepts a yum command containing either word), a cache/tmpfs mount on /var/cache/yum counts, and the clean must follow the last install."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["yum"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("yum")) continue;
      if (hasCacheMount(site.run, "/var/cache/yum")) continue;
      const commands = commandsOf2(ctx, site);
      const install = (c) => c.name === "yum" && subcommand(c, ["install"], RPM_VALUE_FLAGS) !== void 0;
      const clean2 = (c) => c.name === "yum" && cleanAll(c) || removesDir(c, ["/var/cache/yum"]);
      const bad = uncleanedInstall(commands, install, clean2);
      if (!bad) continue;
      const edit = appendToRun(site.run, "yum clean all");
      ctx.report({
        range: commandHead(bad, subcommand(bad, ["install"], RPM_VALUE_FLAGS)),
        message: "`yum clean all` missing after yum command.",
        ...edit && { fix: { title: "Append `yum clean all`", safety: "unsafe", edits: [edit] } }
      });
    }
  }
});
function cleanAll(c) {
  const words = c.argsNoFlags.map((w) => w.value);
  const i = words.indexOf("clean");
  return i >= 0 && words.slice(i + 1).includes("all");
}

// src/rules/yum-without-assume-yes.ts
var yum_without_assume_yes_default = defineRule({
  code: "DL3030",
  name: "yum-without-assume-yes",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "safe",
  docs: {
    summary: "`yum install` without `-y` / `--assumeyes`.",
    why: `A build has no one to answer yum's "Is this ok [y/N]" prompt: yum reads end-of-input, aborts, and the build fails.`,
    bad: "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all",
    good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all",
    fix: "Add `-y`.",
    fixSafety: "Safe: `-y` only answers the confirmation prompt, which a build cannot answer otherwise; when nothing needs confirming, it changes nothing.",
    notes: "Like hadolint: `install`, `groupinstall` and `localinstall` are checked, ONBUILD RUN too. The finding points at `yum install`."
  },
  check(ctx) {
    checkAssumeYes(ctx, {
      tools: ["yum"],
      subcommands: ["install", "groupinstall", "localinstall"],
      yesFlags: ["y", "assumeyes"],
      message: "Use the -y switch to avoid manual input `yum install -y <package>`",
      insert: "-y"
    });
  }
});

// src/rules/zypper-cache-not-cleaned.ts
var INSTALLS2 = ["install", "in"];
var zypper_cache_not_cleaned_default = defineRule({
  code: "DL3036",
  name: "zypper-cache-not-cleaned",
  aliases: ["DS020"],
  severity: "warning",
  origin: "hadolint",
  fixable: "unsafe",
  docs: {
    summary: "`zypper install` without a later `zypper clean` in the same RUN.",
    why: "zypper keeps repository metadata and packages in /var/cache/zypp. Unless they are removed in the same RUN, they are committed to the layer and bloat the image.",
    bad: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58",
    good: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean",
    fix: "End the RUN with `zypper clean` (or `zypper cc`), or mount the cache: `RUN --mount=type=cache,target=/var/cache/zypp zypper install ...`.",
    fixSafety: "Unsafe: it changes what the image contains (the cache is gone from the layer, which is the point), and a later step of the same RUN that expected the cache would have to download again. The cleanup is appended to the end of the RUN; RUNs in exec form or with heredocs get no fix.",
    notes: "Like hadolint: the clean must come after the install, a cache/tmpfs mount on /var/cache/zypp counts, ONBUILD RUN is checked. Unlike hadolint, the clean must follow the last install."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["zypper"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("zypper")) continue;
      if (hasCacheMount(site.run, "/var/cache/zypp")) continue;
      const commands = commandsOf2(ctx, site);
      const install = (c) => c.name === "zypper" && subcommand(c, INSTALLS2) !== void 0;
      const clean2 = (c) => c.name === "zypper" && subcommand(c, ["clean", "cc"]) !== void 0;
      const bad = uncleanedInstall(commands, install, clean2);
      if (!bad) continue;
      const edit = appendToRun(site.run, "zypper clean");
      ctx.report({
        range: commandHead(bad, subcommand(bad, INSTALLS2)),
        message: "`zypper clean` missing after zypper use.",
        ...edit && { fix: { title: "Append `zypper clean`", safety: "unsafe", edits: [edit] } }
      });
    }
  }
});

// src/rules/zypper-dist-upgrade.ts
var zypper_dist_upgrade_default = defineRule({
  code: "DL3035",
  name: "zypper-dist-upgrade",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "none",
  docs: {
    summary: "`zypper dist-upgrade` (`dup`) in a RUN.",
    why: "A distribution upgrade inside a build swaps the base image's packages for whatever is newest, so the result depends on the build date and drifts from the tested base. Update the base image tag instead.",
    bad: "FROM opensuse/leap:15.5\nRUN zypper dist-upgrade -y",
    good: "FROM opensuse/leap:15.6",
    fix: "Use a newer base image instead of upgrading the distribution in the build.",
    notes: "Like hadolint, ONBUILD RUN is checked too."
  },
  check(ctx) {
    if (!mayRunAny(ctx, ["zypper"])) return;
    for (const site of runSites2(ctx.file, true)) {
      if (!siteCommandNames2(ctx, site).has("zypper")) continue;
      for (const cmd of commandsOf2(ctx, site)) {
        if (cmd.name !== "zypper") continue;
        const sub2 = subcommand(cmd, ["dist-upgrade", "dup"]);
        if (sub2) ctx.report({ range: sub2.range, message: "Do not use `zypper dist-upgrade`." });
      }
    }
  }
});

// src/rules/zypper-without-non-interactive.ts
var zypper_without_non_interactive_default = defineRule({
  code: "DL3034",
  name: "zypper-without-non-interactive",
  aliases: [],
  severity: "warning",
  origin: "hadolint",
  fixable: "safe",
  docs: {
    summary: "`zypper install` (remove, source-install, patch) without `-n` / `--non-interactive` / `-y`.",
    why: "A build cannot answer zypper's prompts; without a non-interactive switch zypper aborts and the build fails.",
    bad: "FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean",
    good: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install httpd=2.4.58 && zypper clean",
    fix: "Add `--non-interactive` right after `zypper` (or `-y` after the subcommand).",
    fixSafety: "Safe: the switch only answers prompts with their defaults, which a build cannot answer otherwise.",
    notes: "Like hadolint: `install`/`in`, `remove`/`rm`, `source-install`/`si` and `patch` are checked, ONBUILD RUN too; `-n`, `--non-interactive`, `-y` and `--no-confirm` anywhere on the command count."
  },
  check(ctx) {
    checkAssumeYes(ctx, {
      tools: ["zypper"],
      subcommands: ["install", "in", "remove", "rm", "source-install", "si", "patch"],
      yesFlags: ["n", "non-interactive", "y", "no-confirm"],
      message: "Non-interactive switch missing from `zypper` command: `zypper install -y`",
      insert: "--non-interactive"
    });
  }
});

// src/rules/index.ts
var allRules = [
  apt_get_update_alone_default,
  chpasswd_in_run_default,
  cleanup_in_later_layer_default,
  consecutive_runs_default,
  consistent_instruction_casing_default,
  copy_all_without_dockerignore_default,
  copy_ignored_file_default,
  copy_missing_source_default,
  copy_outside_context_default,
  copy_relative_dest_without_workdir_default,
  copy_whole_filesystem_default,
  curl_and_wget_default,
  dnf_cache_not_cleaned_default,
  dnf_without_assume_yes_default,
  duplicate_stage_name_default,
  empty_schema_label_default,
  env_self_reference_default,
  expose_invalid_format_default,
  expose_proto_casing_default,
  expose_ssh_port_default,
  from_as_casing_default,
  from_platform_flag_const_disallowed_default,
  incomplete_dockerignore_default,
  inline_comment_default,
  instruction_before_from_default,
  instruction_not_uppercase_default,
  invalid_base_image_platform_default,
  invalid_default_arg_in_from_default,
  invalid_definition_description_default,
  invalid_email_label_default,
  invalid_hash_label_default,
  invalid_label_key_default,
  invalid_rfc3339_label_default,
  invalid_semver_label_default,
  invalid_spdx_label_default,
  invalid_url_label_default,
  json_args_recommended_default,
  label_not_in_schema_default,
  legacy_key_value_format_default,
  ln_bin_sh_default,
  maintainer_deprecated_default,
  missing_healthcheck_default,
  missing_schema_label_default,
  multiple_cmd_default,
  multiple_entrypoint_default,
  multiple_healthcheck_default,
  no_apt_default,
  no_cd_in_run_default,
  no_copy_from_self_default,
  no_empty_continuation_default,
  no_from_platform_default,
  no_inline_ignore_pragma_default,
  no_invalid_port_default,
  no_irrelevant_commands_default,
  no_latest_tag_default,
  no_root_user_default,
  no_sudo_default,
  no_unknown_copy_from_default,
  no_untrusted_registry_default,
  no_user_default,
  non_numeric_user_default,
  npm_cache_not_cleaned_default,
  onbuild_forbidden_trigger_default,
  pin_apk_versions_default,
  pin_apt_versions_default,
  pin_gem_versions_default,
  pin_npm_versions_default,
  pin_pip_versions_default,
  pip_cache_dir_kept_default,
  pipe_without_pipefail_default,
  prefer_add_to_extract_default,
  prefer_copy_over_add_default,
  redundant_target_platform_default,
  require_absolute_workdir_default,
  require_apk_no_cache_default,
  require_apt_get_yes_default,
  require_apt_lists_cleanup_default,
  require_copy_dest_slash_default,
  require_image_tag_default,
  require_no_install_recommends_default,
  reserved_stage_name_default,
  secret_in_arg_or_env_default,
  secrets_used_in_arg_or_env_default,
  signature_check_disabled_default,
  stage_name_casing_default,
  tls_verification_disabled_default,
  undefined_arg_in_from_default,
  undefined_var_default,
  unpinned_dnf_package_default,
  unpinned_go_package_default,
  unpinned_yum_package_default,
  unpinned_zypper_package_default,
  useradd_without_no_log_init_default,
  wget_progress_bar_default,
  workdir_in_system_dir_default,
  workdir_relative_path_default,
  yarn_cache_not_cleaned_default,
  yum_cache_not_cleaned_default,
  yum_without_assume_yes_default,
  zypper_cache_not_cleaned_default,
  zypper_dist_upgrade_default,
  zypper_without_non_interactive_default
];

// src/shell/loader.ts
import { createRequire } from "node:module";
var parser2;
var loading;
var raw;
function rawCursorApi() {
  return raw;
}
function initShellParser(opts = {}) {
  if (parser2) return Promise.resolve();
  if (!loading) {
    loading = load(opts).catch((err) => {
      loading = void 0;
      throw new Error(`cannot load the bash grammar (tree-sitter-bash): ${err?.message ?? String(err)}`);
    });
  }
  return loading;
}
function isShellParserReady() {
  return parser2 !== void 0;
}
function shellParser() {
  if (!parser2) throw new Error("the shell parser is not loaded: await initShellParser() first");
  return parser2;
}
async function load(opts) {
  if (opts.liftoffOnly) {
    process.getBuiltinModule("node:v8").setFlagsFromString("--liftoff-only");
    globalThis[/* @__PURE__ */ Symbol.for("dockhand.v8-flags-changed")] = true;
  }
  const { Parser, Language } = createRequire(import.meta.url)("web-tree-sitter");
  const moduleObject = {};
  await Parser.init(moduleObject);
  if (RAW_EXPORTS.every((k) => typeof moduleObject[k] === "function")) raw = moduleObject;
  const language = await Language.load(bashWasmPath());
  const p = new Parser();
  p.setLanguage(language);
  parser2 = p;
}
var RAW_EXPORTS = [
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_current_field_id_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_delete_wasm"
];
function bashWasmPath() {
  const require2 = createRequire(import.meta.url);
  return require2.resolve("tree-sitter-bash/tree-sitter-bash.wasm");
}

// src/shell/fast.ts
var DECLINE = /* @__PURE__ */ Symbol("decline");
var lastReason = "";
function decline(reason) {
  lastReason = reason;
  throw DECLINE;
}
var RESERVED3 = /* @__PURE__ */ new Set([
  "if",
  "then",
  "elif",
  "else",
  "fi",
  "for",
  "in",
  "do",
  "done",
  "while",
  "until",
  "case",
  "esac",
  "function",
  "select",
  "time",
  "coproc",
  "{",
  "}",
  "!",
  "[",
  "]",
  "[[",
  "]]",
  "((",
  "))"
]);
var DECLARATIONS = /* @__PURE__ */ new Set(["export", "declare", "local", "readonly", "typeset", "unset", "unsetenv"]);
var PEEKABLE = /* @__PURE__ */ new Map();
for (const w of [...RESERVED3, ...DECLARATIONS]) {
  const key = w.charCodeAt(0) * 64 + w.length;
  PEEKABLE.set(key, [...PEEKABLE.get(key) ?? [], w]);
}
var RESERVED_WORD = 1;
var DECLARATION = 2;
var NAME_KINDS = new Map([...[...RESERVED3].map((w) => [w, RESERVED_WORD]), ...[...DECLARATIONS].map((w) => [w, DECLARATION])]);
var THEN = /* @__PURE__ */ new Set(["then"]);
var IF_BRANCH = /* @__PURE__ */ new Set(["elif", "else", "fi"]);
var FI = /* @__PURE__ */ new Set(["fi"]);
var DO = /* @__PURE__ */ new Set(["do"]);
var DONE = /* @__PURE__ */ new Set(["done"]);
var ESAC = /* @__PURE__ */ new Set(["esac"]);
var CLOSE_BRACE2 = /* @__PURE__ */ new Set(["}"]);
var BRACKET_WORDS = /* @__PURE__ */ new Set(["[[", "]]", "[", "]", "{", "}"]);
var UNUSUAL_NAME = /[[\]{}*?!#%^\\]/;
var BRACED_NAME = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
var UNUSUAL_OPERAND = /[[\]{}:#%\\]/;
var MAX_DEPTH = 100;
var TEST_BINARY = /* @__PURE__ */ new Set(["=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef"]);
function checkTestOperand(words) {
  let w = words;
  if (w[0] === "!" && w.length > 1) w = w.slice(1);
  const ok = w.length === 1 ? w[0] !== "!" && w[0] !== "-" && w[0] !== "--" : w.length === 2 ? /^-[a-zA-Z]$/.test(w[0]) : w.length === 3 && TEST_BINARY.has(w[1]) && w[0] !== "!";
  if (!ok) decline("an unusual test expression");
}
function parseShellFast(text, map) {
  const p = new FastReader(text, map);
  try {
    p.list(-1);
    if (p.pos < text.length) decline("unexpected text");
  } catch (e) {
    if (e === DECLINE) return void 0;
    throw e;
  }
  lastReason = "";
  return { text, commands: p.commands, hasErrors: false, operators: p.operators, memo: void 0 };
}
var TAB = 9;
var NL = 10;
var CR = 13;
var SP = 32;
var BANG = 33;
var DQ = 34;
var HASH = 35;
var DOLLAR2 = 36;
var AMP = 38;
var SQ = 39;
var LP = 40;
var RP = 41;
var STAR2 = 42;
var MINUS = 45;
var SEMI = 59;
var LT2 = 60;
var EQ = 61;
var GT = 62;
var QM = 63;
var AT = 64;
var LB = 91;
var BS = 92;
var RB = 93;
var BQ = 96;
var LC = 123;
var PIPE = 124;
var RC = 125;
var ENDS = 1;
var SPECIAL = 2;
var BARE_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (endsBare(c)) t[c] = ENDS;
    else if (c === CR || c === HASH || c === LB || c === RB || c === LC || c === RC || c === STAR2 || c === QM || c === BANG) t[c] = SPECIAL;
  }
  return t;
})();
function endsBareOrBlank(c) {
  return c === SP || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LP || c === RP || c === LT2 || c === GT;
}
function isLowerAscii(c) {
  return c >= 97 && c <= 122;
}
function isNameStart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95;
}
function isNameChar2(c) {
  return isNameStart(c) || c >= 48 && c <= 57;
}
function isDigit3(c) {
  return c >= 48 && c <= 57;
}
function isBlankOrEnd(c) {
  return c === SP || c === TAB || c === NL || c === -1;
}
function literalDollarInQuotes(c) {
  if (c < 32 || c > 126 || isNameChar2(c)) return false;
  return !(c === AT || c === STAR2 || c === HASH || c === QM || c === DOLLAR2 || c === BANG || c === MINUS || c === LC || c === LP || c === LB || c === BS || c === BQ);
}
function endsBare(c) {
  return c === SP || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LP || c === RP || c === LT2 || c === GT || c === SQ || c === DQ || c === DOLLAR2 || c === BQ || c === BS;
}
var FastReader = class {
  constructor(text, map) {
    this.text = text;
    this.map = map;
    this.mayDefineFunctions = text.includes("()") || /\([ \t]+\)/.test(text);
  }
  text;
  map;
  pos = 0;
  /** True while reading the words of `[ ... ]` or `[[ ... ]]`, where brackets are expected. */
  inTest = false;
  /** True while reading inside `"..."` (nested quotes in `${...}` are then left to tree-sitter). */
  inDouble = false;
  /** True while reading a `` `...` `` command substitution, whose closing backtick ends words and lists. */
  inBacktick = false;
  /** True for the simple command after `!`. */
  negated = false;
  /** What {@link word} returns, reused. */
  rw = { start: 0, end: 0, value: "", plain: false, splitRisk: false, slashAfterClose: false };
  /** False when the script has no `()` (with or without blanks inside), so it defines no function. */
  mayDefineFunctions;
  depth = 0;
  commands = [];
  operators = [];
  code(at = this.pos) {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }
  op(op, start) {
    this.operators.push({ op, range: this.map(start, start + op.length) });
  }
  /** Spaces, tabs and backslash-newlines between words. A carriage return is left to the full grammar. */
  blanks() {
    for (; ; ) {
      const c = this.code();
      if (c === SP || c === TAB) this.pos++;
      else if (c === BS && this.code(this.pos + 1) === NL) {
        if (this.text.slice(this.pos + 2).trim() === "") decline("a trailing backslash-newline");
        if (this.pos === 0 || this.code(this.pos - 1) === NL) decline("a backslash-newline starting a line");
        this.pos += 2;
      } else if (c === CR) decline("a carriage return");
      else return;
    }
  }
  /** Blanks, newlines and comments (where a new statement may start). */
  gap() {
    for (; ; ) {
      this.blanks();
      const c = this.code();
      if (c === NL) this.pos++;
      else if (c === HASH) this.comment();
      else return;
    }
  }
  comment() {
    const nl = this.text.indexOf("\n", this.pos);
    this.pos = nl < 0 ? this.text.length : nl;
  }
  /**
   * Statements until the end of the text, or until `close` (a `)` ending a subshell or `$(`).
   * Statements are pipelines joined by `&&`/`||` and ended by `;`, `&` or a newline.
   */
  list(close, stops, inCase = false) {
    if (++this.depth > MAX_DEPTH) decline("deep nesting");
    const n = this.listBody(close, stops, inCase);
    this.depth--;
    return n;
  }
  listBody(close, stops, inCase) {
    let statements = 0;
    for (; ; ) {
      this.gap();
      const c = this.code();
      if (c === -1 || c === close) return statements;
      if (stops && stops.has(this.peekWord())) return statements;
      if (inCase && c === SEMI && this.code(this.pos + 1) === SEMI) return statements;
      statements++;
      this.pipeline();
      for (; ; ) {
        this.blanks();
        const d2 = this.code();
        const e = this.code(this.pos + 1);
        if (d2 === AMP && e === AMP || d2 === PIPE && e === PIPE) {
          this.op(d2 === AMP ? "&&" : "||", this.pos);
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
          decline("`;;` outside case");
        }
        this.op(";", this.pos);
        this.pos++;
      } else if (d === AMP) {
        if (this.code(this.pos + 1) === GT) decline("`&>` after a statement");
        this.op("&", this.pos);
        this.pos++;
      } else if (d === NL) {
        this.pos++;
      } else if (d === HASH) {
        this.comment();
      } else if (d === -1 || d === close) {
        return statements;
      } else {
        decline("unexpected character after a statement");
      }
    }
  }
  pipeline() {
    this.command();
    for (; ; ) {
      this.blanks();
      if (this.code() !== PIPE || this.code(this.pos + 1) === PIPE) return;
      if (this.code(this.pos + 1) === AMP) {
        this.op("|&", this.pos);
        this.pos += 2;
      } else {
        this.op("|", this.pos);
        this.pos++;
      }
      this.gap();
      this.command();
    }
  }
  command() {
    this.blanks();
    const c = this.code();
    if (c === LP) {
      if (this.code(this.pos + 1) === LP) decline("`((` arithmetic");
      this.pos++;
      if (this.list(RP) === 0) decline("an empty subshell");
      if (this.code() !== RP) decline("an unclosed subshell");
      this.pos++;
      this.afterCompound();
      return;
    }
    const w = this.peekWord();
    if (w === "!") {
      this.pos++;
      this.blanks();
      const c2 = this.code();
      if (c2 === -1 || c2 === LP || RESERVED3.has(this.peekWord()) || this.atFunctionDefinition()) decline("an unusual negation");
      this.negated = true;
      this.simpleCommand();
      this.negated = false;
      return;
    }
    if (this.atFunctionDefinition()) return this.functionDefinition();
    switch (w) {
      case "if":
        return this.ifClause();
      case "for":
        return this.forClause();
      case "while":
      case "until":
        return this.whileClause();
      case "case":
        return this.caseClause();
      case "{":
        return this.group();
      case "[":
        return this.test("]");
      case "[[":
        return this.test("]]");
      default:
        this.simpleCommand();
    }
  }
  /** `name() {` at the current position (the name a plain word). */
  atFunctionDefinition() {
    if (!this.mayDefineFunctions) return false;
    let i = this.pos;
    if (!isNameStart(this.code(i))) return false;
    while (isNameChar2(this.code(i)) || this.code(i) === MINUS) i++;
    while (this.code(i) === SP || this.code(i) === TAB) i++;
    return this.code(i) === LP && this.code(i + 1) === RP;
  }
  /** `name() { ...; }`: the body's commands are read; the name is no command. */
  functionDefinition() {
    if (RESERVED3.has(this.peekWord()) || DECLARATIONS.has(this.peekWord())) decline("a reserved function name");
    this.pos = this.text.indexOf(")", this.pos) + 1;
    this.gap();
    if (this.peekWord() !== "{") decline("a function body that is not a group");
    this.group();
  }
  /** After a compound command only a control operator, newline, comment or the end may follow. */
  afterCompound() {
    this.blanks();
    while (this.atRedirect(this.code())) {
      this.redirectOp();
      this.blanks();
      if (!this.atWordStart(this.code()) || this.code() === HASH) decline("a redirect without a destination");
      this.word();
      this.blanks();
    }
    const d = this.code();
    if (d !== -1 && d !== NL && d !== SEMI && d !== AMP && d !== PIPE && d !== RP && d !== HASH) decline("a redirect or word after a compound command");
  }
  /**
   * The reserved word or declaration builtin at the current position when it is a whole word
   * (followed by a delimiter), else ''.
   */
  peekWord() {
    let i = this.pos;
    for (; ; ) {
      const k2 = this.code(i);
      if (k2 >= 97 && k2 <= 122 || k2 === LC || k2 === RC || k2 === LB || k2 === RB || k2 === BANG) i++;
      else break;
    }
    if (i === this.pos) return "";
    const k = this.code(i);
    if (k !== -1 && k !== SP && k !== TAB && k !== NL && k !== SEMI && k !== AMP && k !== PIPE && k !== LP && k !== RP && k !== LT2 && k !== GT) return "";
    const candidates = PEEKABLE.get(this.text.charCodeAt(this.pos) * 64 + (i - this.pos));
    if (candidates) {
      for (const w of candidates) if (this.text.startsWith(w, this.pos)) return w;
    }
    return "";
  }
  /** Consume the reserved word `w` (which {@link peekWord} must show), or decline. */
  keyword(w) {
    this.gap();
    if (this.peekWord() !== w) decline(`expected ${w}`);
    this.pos += w.length;
  }
  /** A list that must hold at least one statement, ended by one of `stops`. */
  body(stops) {
    if (this.list(-1, stops) === 0) decline("an empty compound body");
  }
  ifClause() {
    this.pos += 2;
    this.body(THEN);
    this.keyword("then");
    this.body(IF_BRANCH);
    for (; ; ) {
      const w = this.peekWord();
      this.pos += w.length;
      if (w === "fi") break;
      if (w === "elif") {
        this.body(THEN);
        this.keyword("then");
        this.body(IF_BRANCH);
      } else if (w === "else") {
        this.body(FI);
        this.keyword("fi");
        break;
      } else decline("an unfinished if");
    }
    this.afterCompound();
  }
  whileClause() {
    this.pos += this.peekWord().length;
    this.body(DO);
    this.doGroup();
  }
  doGroup() {
    this.keyword("do");
    this.body(DONE);
    this.keyword("done");
    this.afterCompound();
  }
  /** `for NAME in WORDS; do ...; done` (the forms without `in` and `for ((...))` decline). */
  forClause() {
    this.pos += 3;
    this.blanks();
    if (!isNameStart(this.code())) decline("a for without a plain name");
    while (isNameChar2(this.code())) this.pos++;
    this.blanks();
    if (this.peekWord() !== "in") decline("a for without in");
    this.pos += 2;
    for (; ; ) {
      this.blanks();
      const c = this.code();
      if (c === SEMI) {
        if (this.code(this.pos + 1) === SEMI) decline("`;;` in for");
        this.op(";", this.pos);
        this.pos++;
        break;
      }
      if (c === NL) break;
      if (!this.atWordStart(c) || c === HASH) decline("an unusual for word list");
      this.word();
    }
    this.doGroup();
  }
  group() {
    this.pos++;
    this.body(CLOSE_BRACE2);
    this.keyword("}");
    this.afterCompound();
  }
  /** `case WORD in PATTERN) LIST ;; ... esac`. */
  caseClause() {
    this.pos += 4;
    this.blanks();
    if (!this.atWordStart(this.code())) decline("a case without a word");
    this.word();
    this.blanks();
    if (this.peekWord() !== "in") decline("a case without in");
    this.pos += 2;
    for (; ; ) {
      this.gap();
      if (this.peekWord() === "esac") break;
      if (this.code() === LP) this.pos++;
      for (; ; ) {
        this.blanks();
        if (!this.atWordStart(this.code()) || this.code() === HASH) decline("an unusual case pattern");
        this.word();
        this.blanks();
        const c = this.code();
        if (c === RP) break;
        if (c !== PIPE) decline("an unusual case pattern");
        this.pos++;
      }
      this.pos++;
      this.list(-1, ESAC, true);
      if (this.code() === SEMI && this.code(this.pos + 1) === SEMI) {
        if (this.code(this.pos + 2) === AMP) decline("`;;&`");
        this.pos += 2;
      } else if (this.peekWord() !== "esac") decline("an unusual case item end");
    }
    this.pos += 4;
    this.afterCompound();
  }
  /** `[ ... ]` and `[[ ... ]]`: no command of their own, but `$(...)` inside them is read. */
  test(close) {
    const double = close === "]]";
    this.pos += double ? 2 : 1;
    const outer = this.inTest;
    this.inTest = true;
    let operand = [];
    for (; ; ) {
      this.blanks();
      const c = this.code();
      if (double && (c === AMP && this.code(this.pos + 1) === AMP || c === PIPE && this.code(this.pos + 1) === PIPE)) {
        checkTestOperand(operand);
        operand = [];
        this.pos += 2;
        continue;
      }
      if (!this.atWordStart(c) || c === HASH) decline("an unusual test expression");
      if (this.peekWord() === close) {
        checkTestOperand(operand);
        this.pos += close.length;
        break;
      }
      const w = this.word();
      const raw2 = this.text.slice(w.start, w.end);
      if (double && raw2.startsWith("=~")) decline("a regex test");
      if (w.plain && RESERVED3.has(raw2)) decline("a reserved word in a test");
      operand.push(raw2);
    }
    this.inTest = outer;
    this.afterCompound();
  }
  simpleCommand() {
    const slot = this.commands.length;
    this.commands.push(void 0);
    let assignments = NO_WORDS;
    let start = -1;
    let end = -1;
    let leadingRedirect = false;
    for (; ; ) {
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
      if (this.negated) decline("a redirect on a negated command");
      if (assignments.length > 0) decline("a redirect after assignments");
      start = this.pos;
      while (this.atRedirect(this.code())) {
        this.redirectOp();
        this.blanks();
        if (!this.atWordStart(this.code()) || this.code() === HASH) decline("a redirect without a destination");
        if (this.word().splitRisk) decline("a redirect target tree-sitter splits");
        this.blanks();
        if (this.atRedirect(this.code())) decline("two redirects before the command name");
      }
      c = this.code();
      if (!this.atWordStart(c) || c === HASH || this.atAssignment()) decline("a redirect without a command name");
      leadingRedirect = true;
    }
    if (!this.atWordStart(c)) {
      if (assignments.length === 0) decline("an empty command or a leading redirect");
      if (this.negated) decline("a negated assignment");
      if (c === LT2 || c === GT || isDigit3(c)) decline("a redirect without a command name");
      if (assignments.length > 1 && c === NL) decline("assignments alone before a newline");
      this.commands[slot] = this.build(void 0, NO_WORDS, assignments, start, end);
      return;
    }
    const nw = this.word();
    const nameStart = nw.start;
    const nameEnd = nw.end;
    const namePlain = nw.plain;
    const nameRaw = namePlain ? nw.value : this.text.slice(nameStart, nameEnd);
    const kind = NAME_KINDS.get(nameRaw);
    if (kind === RESERVED_WORD) decline(`reserved word ${nameRaw}`);
    if (UNUSUAL_NAME.test(nameRaw) && UNUSUAL_NAME.test(nameRaw.replace(BRACED_NAME, ""))) decline("an unusual character in a command name");
    if (assignments.length > 0 && nameRaw.includes(":")) decline("a colon in a command name after assignments");
    if (leadingRedirect && (!namePlain || nameRaw.includes(":") || kind === DECLARATION)) decline("an unusual command name after a redirect");
    if (nameRaw.charCodeAt(0) === MINUS) decline("a command name starting with -");
    let lead = 0;
    while (lead < nameRaw.length && isLowerAscii(nameRaw.charCodeAt(lead))) lead++;
    if (lead > 0 && lead < nameRaw.length && !isNameChar2(nameRaw.charCodeAt(lead)) && NAME_KINDS.has(nameRaw.slice(0, lead))) decline("a reserved word glued to more text");
    const name = this.shellWord(nw);
    if (start < 0) start = nameStart;
    end = nameEnd;
    if (kind === DECLARATION && namePlain) {
      if (assignments.length > 0) decline("assignments before a declaration builtin");
      this.declaration(slot, name, nameStart, nameEnd);
      return;
    }
    const args = [];
    let extra;
    for (; ; ) {
      this.blanks();
      const d = this.code();
      if (this.atRedirect(d)) {
        if (this.negated) decline("a redirect on a negated command");
        extra ??= [];
        this.redirect(extra);
        continue;
      }
      if (d === HASH) break;
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
  declaration(slot, keyword, keywordStart, keywordEnd) {
    const args = [];
    let end = keywordEnd;
    for (; ; ) {
      this.blanks();
      const d = this.code();
      if (d === LT2 || d === GT || isDigit3(d) && this.atRedirect(d)) decline("a redirect on a declaration builtin");
      if (d === HASH) break;
      if (!this.atWordStart(d)) break;
      const isAssignment = this.atAssignment();
      const w = isAssignment ? this.assignment() : this.word();
      const raw2 = this.text.slice(w.start, w.end);
      if (isAssignment ? raw2.includes("[") || raw2.includes("=(") : UNUSUAL_OPERAND.test(raw2)) decline("an unusual declaration operand");
      if (raw2 === "-") decline("a lone - in a declaration");
      if (raw2.charCodeAt(raw2.length - 1) === DOLLAR2) decline("a declaration operand ending in `$`");
      args.push(this.shellWord(w));
      end = w.end;
    }
    this.commands[slot] = this.build(keyword, args, NO_WORDS, keywordStart, end);
  }
  build(name, args, assignments, start, end) {
    return shellCommand(name, args, assignments, this.map(start, end), name ? void 0 : this.map(start, start));
  }
  shellWord(w) {
    return { value: w.value, raw: w.plain ? w.value : this.text.slice(w.start, w.end), range: this.map(w.start, w.end) };
  }
  atWordStart(c) {
    if (c === BQ && this.inBacktick) return false;
    if (c === -1 || c === SP || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LP || c === RP || c === LT2 || c === GT) return false;
    return true;
  }
  /** `NAME=` or `NAME+=` at the current position. */
  atAssignment() {
    let i = this.pos;
    if (!isNameStart(this.code(i))) return false;
    i++;
    while (isNameChar2(this.code(i))) i++;
    let c = this.code(i);
    if (c === 43) c = this.code(++i);
    return c === EQ;
  }
  /** An assignment word: the head `NAME=` kept as written, the value as a word's value. */
  assignment() {
    const start = this.pos;
    const eq = this.text.indexOf("=", start);
    this.pos = eq + 1;
    const c = this.code();
    const head = this.text.slice(start, this.pos);
    if (c === LP) return this.array(start, head);
    if (!this.atWordStart(c) || c === HASH) {
      if (c !== -1 && c !== SP && c !== TAB && c !== NL && c !== SEMI) decline("an empty assignment value before an operator");
      return { start, end: this.pos, value: head, plain: false, splitRisk: false, slashAfterClose: false };
    }
    const v = this.word();
    if (v.splitRisk) decline("an assignment value tree-sitter splits");
    if (v.slashAfterClose) decline("a backslash after `]` or `}` in an assignment value");
    return { start, end: v.end, value: head + v.value, plain: false, splitRisk: false, slashAfterClose: false };
  }
  /**
   * `NAME=(a "b c" $(d))`: the elements are read as words (their substitutions' commands count);
   * the value is the array as written, as tree-sitter gives it.
   */
  array(start, head) {
    const open = this.pos;
    this.pos++;
    for (; ; ) {
      const c = this.code();
      if (c === SP || c === TAB || c === NL) {
        this.pos++;
        continue;
      }
      if (c === RP) break;
      if (!this.atWordStart(c) || c === HASH || c === LB) decline("an unusual array");
      const w = this.word();
      if (w.splitRisk || w.slashAfterClose) decline("an unusual array element");
    }
    this.pos++;
    if (!isBlankOrEnd(this.code()) && this.code() !== SEMI) decline("an array glued to more text");
    return { start, end: this.pos, value: head + this.text.slice(open, this.pos), plain: false, splitRisk: false, slashAfterClose: false };
  }
  atRedirect(c) {
    if (c === LT2 || c === GT) return true;
    if (c === AMP) return this.code(this.pos + 1) === GT;
    if (isDigit3(c)) {
      let i = this.pos + 1;
      while (isDigit3(this.code(i))) i++;
      const d = this.code(i);
      return d === LT2 || d === GT;
    }
    return false;
  }
  /** A file redirect; words after its destination are the command's arguments (`extra`). */
  redirect(extra) {
    this.redirectOp();
    this.blanks();
    if (!this.atWordStart(this.code()) || this.code() === HASH) decline("a redirect without a destination");
    this.word();
    for (; ; ) {
      this.blanks();
      const e = this.code();
      if (this.atRedirect(e) || e === HASH || !this.atWordStart(e)) return;
      const w = this.word();
      if (w.splitRisk && this.text.lastIndexOf("`", w.end - 1) >= w.start) decline("a backtick word after a redirect");
      if (w.end - w.start === 1 && this.text.charCodeAt(w.start) === MINUS) {
        this.blanks();
        if (isDigit3(this.code()) && this.atRedirect(this.code())) decline("a lone - between redirects");
      }
      extra.push(this.shellWord(w));
    }
  }
  /** A redirection operator with its descriptor (`2>`, `>>`, `&>`, `<&`...). */
  redirectOp() {
    while (isDigit3(this.code())) this.pos++;
    const c = this.code();
    const d = this.code(this.pos + 1);
    if (c === GT) {
      this.pos += d === GT || d === AMP || d === PIPE ? 2 : 1;
      if (d === LP) decline("process substitution");
    } else if (c === LT2) {
      if (d === LT2 || d === GT || d === LP) decline("heredoc, herestring, <>, <(");
      this.pos += d === AMP ? 2 : 1;
    } else {
      this.pos += this.code(this.pos + 2) === GT ? 3 : 2;
    }
    if (this.code() === MINUS) decline("`>&-`: its destination is optional");
  }
  /** One word: bare text, quotes and expansions with no blank between them. */
  word() {
    const text = this.text;
    const start = this.pos;
    let value = "";
    let plain = true;
    let pendingSimple = false;
    let splitRisk = false;
    let quoted = false;
    let closed = false;
    let slashAfterClose = false;
    for (; ; ) {
      const c = this.code();
      if (c === -1) break;
      if (pendingSimple && !endsBareOrBlank(c)) splitRisk = true;
      pendingSimple = false;
      if (c === SQ) {
        plain = false;
        const close = text.indexOf("'", this.pos + 1);
        if (close < 0) decline("an unclosed single quote");
        value += text.slice(this.pos + 1, close);
        this.pos = close + 1;
        quoted = true;
      } else if (c === DQ) {
        plain = false;
        value += this.doubleQuoted();
        quoted = true;
      } else if (c === DOLLAR2) {
        plain = false;
        const at = this.pos;
        if (this.code(at + 1) === SQ) {
          const close = this.ansiEnd(at + 2);
          this.pos = close;
          value += ansiC(text.slice(at, close));
          quoted = true;
        } else if (at > start && isBlankOrEnd(this.code(at + 1))) {
          if (/^-[A-Za-z]*$/.test(text.slice(start, at))) decline("a `-x$` word");
          if (splitRisk) decline("a literal `$` in a word tree-sitter splits");
          value += "$";
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
        if (this.inTest || text.lastIndexOf("{", this.pos) >= start) decline("a backslash after a brace or in a test");
        const n = this.code(this.pos + 1);
        if (n === -1 || n === NL || n === CR) decline("a backslash-newline or trailing backslash");
        if (n === SP || n === TAB) decline("a backslash-blank");
        value += text[this.pos + 1];
        this.pos += 2;
      } else if (c === BQ) {
        if (this.inBacktick) break;
        plain = false;
        const at = this.pos;
        this.backtick();
        value += text.slice(at, this.pos);
        if (at > start || !endsBareOrBlank(this.code())) splitRisk = true;
      } else if (endsBare(c)) {
        break;
      } else {
        const from = this.pos;
        const len = text.length;
        let i = from;
        for (; i < len; i++) {
          const k = text.charCodeAt(i);
          const cls = k < 128 ? BARE_CLASS[k] : 0;
          if (cls === 0) continue;
          if (cls === ENDS) break;
          if (k === CR) decline("a carriage return");
          if (k === HASH) {
            if (i === start) decline("a word starting with #");
            continue;
          }
          plain = false;
          if (k === RB || k === RC) closed = true;
          if ((k === LC || k === RC) && this.inTest) decline("a brace in a test");
        }
        value += text.slice(from, i);
        this.pos = i;
      }
    }
    if (this.pos === start) decline("an empty word");
    const next = this.code();
    if ((next === LT2 || next === GT) && isDigit3(this.code(this.pos - 1))) decline("a word ending in a digit glued to a redirect");
    if (this.pos - start <= 2 && BRACKET_WORDS.has(text.slice(start, this.pos))) decline("a bracket word");
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
  doubleQuoted() {
    const outer = this.inDouble;
    this.inDouble = true;
    const v = this.doubleQuotedBody();
    this.inDouble = outer;
    return v;
  }
  doubleQuotedBody() {
    const text = this.text;
    this.pos++;
    let value = "";
    let from = this.pos;
    for (; ; ) {
      const c = this.code();
      if (c === -1 || c === CR) decline("an unclosed double quote");
      if (c === BQ) {
        if (this.inBacktick) decline("a backtick inside quotes inside backticks");
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
        if (n === NL || n === -1 || n === CR) decline("a backslash-newline or trailing backslash");
        if (n === BS || n === DQ || n === DOLLAR2 || n === BQ) {
          value += text.slice(from, this.pos);
          from = this.pos + 1;
        }
        this.pos += 2;
      } else if (c === DOLLAR2) {
        const n = this.code(this.pos + 1);
        if (literalDollarInQuotes(n)) {
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
  ansiEnd(i) {
    for (; ; ) {
      const c = this.code(i);
      if (c === -1) decline("an unclosed `$'`");
      if (c === BS) i += 2;
      else if (c === SQ) return i + 1;
      else i++;
    }
  }
  /** `$NAME`, `$1`, `$?`..., `${...}` and `$(...)` (whose commands are read too). */
  dollar() {
    const at = this.pos;
    const c = this.code(at + 1);
    if (isNameStart(c)) {
      let i = at + 2;
      while (isNameChar2(this.code(i))) i++;
      this.pos = i;
    } else if (isDigit3(c)) {
      if (isDigit3(this.code(at + 2))) decline("`$` with two digits");
      this.pos = at + 2;
    } else if (c === AT || c === STAR2 || c === HASH || c === QM || c === DOLLAR2 || c === BANG || c === MINUS) {
      this.pos = at + 2;
    } else if (c === LC) {
      this.braced(at + 2);
    } else if (c === LP) {
      if (this.code(at + 2) === LP) decline("`$((` arithmetic");
      this.pos = at + 2;
      const outer = this.inTest;
      const outerDouble = this.inDouble;
      this.inTest = false;
      this.inDouble = false;
      this.list(RP);
      this.inTest = outer;
      this.inDouble = outerDouble;
      if (this.code() !== RP) decline("an unclosed `$(`");
      this.pos++;
    } else {
      decline("a bare `$`");
    }
  }
  /**
   * `` `...` ``: its commands are read like `$(...)`'s. Backslashes inside (whose meaning differs
   * there) and nesting are left to tree-sitter.
   */
  backtick() {
    if (this.inBacktick) decline("nested backticks");
    const close = this.text.indexOf("`", this.pos + 1);
    if (close < 0) decline("an unclosed backtick");
    if (this.text.indexOf("`", close + 1) >= 0 || this.text.lastIndexOf("`", this.pos - 1) >= 0) decline("more than one backtick substitution");
    if (this.text.lastIndexOf("\\", close) > this.pos) decline("a backslash inside backticks");
    this.pos++;
    const outer = { test: this.inTest, double: this.inDouble };
    this.inTest = false;
    this.inDouble = false;
    this.inBacktick = true;
    this.list(BQ);
    this.inBacktick = false;
    this.inTest = outer.test;
    this.inDouble = outer.double;
    if (this.pos !== close) decline("an unusual backtick substitution");
    this.pos++;
  }
  /**
   * `${NAME}`, `${#NAME}` and `${NAME<op>word}` whose operand may hold double quotes, `$NAME`,
   * `${...}` and `$(...)` (whose commands are read); anything else declines.
   */
  braced(i) {
    if (this.code(i) === HASH && isNameStart(this.code(i + 1))) {
      i++;
      while (isNameChar2(this.code(i))) i++;
      if (this.code(i) !== RC) decline("a complex `${#...}`");
      this.pos = i + 1;
      return;
    }
    if (isDigit3(this.code(i))) {
      while (isDigit3(this.code(i))) i++;
    } else {
      if (!isNameStart(this.code(i))) decline("`${` without a name");
      while (isNameChar2(this.code(i))) i++;
      if (this.code(i) === LB) {
        const k = this.code(i + 1);
        if (!(k === AT || k === STAR2 || isDigit3(k)) || this.code(i + 2) !== RB) decline("a complex `${...[...]}`");
        i += 3;
      }
    }
    this.pos = i;
    for (; ; ) {
      const c = this.code();
      if (c === RC) {
        this.pos++;
        return;
      }
      if (c === DQ && !this.inDouble) {
        this.doubleQuoted();
      } else if (c === DOLLAR2) {
        const n = this.code(this.pos + 1);
        if (n === SQ || n === DQ) decline("a quoted `$` inside `${...}`");
        this.dollar();
      } else if (c === -1 || c === LC || c === DQ || c === SQ || c === BQ || c === BS || c === NL || c === CR || c === LB || c === RB || c === SP || c === TAB) {
        decline("a complex `${...}`");
      } else {
        this.pos++;
      }
    }
  }
};

// src/shell/tree.ts
var FIELD_PARENTS = /* @__PURE__ */ new Set(["command", "variable_assignment", "redirected_statement", "file_redirect"]);
var LEAVES = /* @__PURE__ */ new Set(["word", "string_content", "variable_name", "raw_string", "ansi_c_string", "heredoc_start", "heredoc_content", "heredoc_end", "comment", "file_descriptor", "test_operator", "special_variable_name", "regex", "extglob_pattern"]);
var KEPT_TOKENS = /* @__PURE__ */ new Set(["&&", "||", ";", "|", "|&", "&", '"', "export", "declare", "local", "readonly", "typeset", "unset", "unsetenv"]);
var typeCache = /* @__PURE__ */ new WeakMap();
function typeInfo(language, id) {
  let table = typeCache.get(language);
  if (!table) typeCache.set(language, table = []);
  let info = table[id];
  if (!info) {
    const type = language.types[id] || "ERROR";
    const named = language.nodeTypeIsNamed(id);
    info = { type, named, kept: named || KEPT_TOKENS.has(type), leaf: !named || LEAVES.has(type), wantsFields: FIELD_PARENTS.has(type) };
    table[id] = info;
  }
  return info;
}
var NO_CHILDREN = Object.freeze([]);
function toSyntaxTree(tree) {
  const api = rawCursorApi();
  return api ? rawWalk(tree, api) : cursorWalk(tree);
}
function rawWalk(tree, api) {
  const language = tree.language;
  tree.walk();
  const t = tree[0];
  const node2 = (info, field) => ({
    type: info.type,
    named: info.named,
    field,
    start: api._ts_tree_cursor_start_index_wasm(t),
    end: api._ts_tree_cursor_end_index_wasm(t),
    children: info.leaf ? NO_CHILDREN : []
  });
  try {
    const rootInfo = typeInfo(language, api._ts_tree_cursor_current_node_type_id_wasm(t));
    const root = node2(rootInfo, null);
    if (rootInfo.leaf || !api._ts_tree_cursor_goto_first_child_wasm(t)) return root;
    const nodes = [root];
    const fieldsWanted = [rootInfo.wantsFields];
    let parent = root;
    let wantsFields = rootInfo.wantsFields;
    for (; ; ) {
      const info = typeInfo(language, api._ts_tree_cursor_current_node_type_id_wasm(t));
      if (info.kept) {
        const child = node2(info, wantsFields ? language.fields[api._ts_tree_cursor_current_field_id_wasm(t)] ?? null : null);
        parent.children.push(child);
        if (!info.leaf && api._ts_tree_cursor_goto_first_child_wasm(t)) {
          nodes.push(child);
          fieldsWanted.push(info.wantsFields);
          parent = child;
          wantsFields = info.wantsFields;
          continue;
        }
      }
      while (!api._ts_tree_cursor_goto_next_sibling_wasm(t)) {
        api._ts_tree_cursor_goto_parent_wasm(t);
        nodes.pop();
        fieldsWanted.pop();
        if (nodes.length === 0) return root;
        parent = nodes[nodes.length - 1];
        wantsFields = fieldsWanted[fieldsWanted.length - 1];
      }
    }
  } finally {
    api._ts_tree_cursor_delete_wasm(t);
  }
}
function cursorWalk(tree) {
  const language = tree.language;
  const c = tree.walk();
  try {
    const rootInfo = typeInfo(language, c.nodeTypeId);
    const root = node(c, rootInfo, null);
    if (rootInfo.leaf || !c.gotoFirstChild()) return root;
    const parents = [{ node: root, info: rootInfo }];
    for (; ; ) {
      const parent = parents[parents.length - 1];
      const info = typeInfo(language, c.nodeTypeId);
      if (info.kept) {
        const child = node(c, info, parent.info.wantsFields ? language.fields[c.currentFieldId] ?? null : null);
        parent.node.children.push(child);
        if (!info.leaf && c.gotoFirstChild()) {
          parents.push({ node: child, info });
          continue;
        }
      }
      while (!c.gotoNextSibling()) {
        c.gotoParent();
        parents.pop();
        if (parents.length === 0) return root;
      }
    }
  } finally {
    c.delete();
  }
}
function node(c, info, field) {
  return { type: info.type, named: info.named, field, start: c.startIndex, end: c.endIndex, children: [] };
}

// src/shell/parse.ts
function parseShellTreeSitter(text, map) {
  const parser3 = shellParser();
  let tree;
  if (text.length <= LONG_SCRIPT) tree = parser3.parse(text);
  else {
    const deadline = performance.now() + MAX_PARSE_MS;
    const progressCallback = (() => performance.now() > deadline);
    tree = parser3.parse(text, null, { progressCallback });
  }
  if (!tree) {
    parser3.reset();
    return { text, commands: [], hasErrors: true, operators: [], memo: void 0 };
  }
  try {
    const root = toSyntaxTree(tree);
    const out = new Extractor(text, map);
    out.visit(root);
    return { text, commands: out.commands, hasErrors: tree.rootNode.hasError, operators: out.operators, memo: void 0 };
  } finally {
    tree.delete();
  }
}
var LONG_SCRIPT = 4096;
var MAX_PARSE_MS = 2e3;
var DECLARATIONS2 = /* @__PURE__ */ new Set(["declaration_command", "unset_command"]);
var NON_COMMAND_PARENTS = /* @__PURE__ */ new Set([
  "binary_expression",
  "unary_expression",
  "ternary_expression",
  "parenthesized_expression",
  "test_command",
  "arithmetic_expansion",
  "c_style_for_statement",
  "file_redirect"
]);
var OPERATORS = /* @__PURE__ */ new Set(["&&", "||", ";", "|", "|&", "&"]);
var Extractor = class {
  constructor(text, map) {
    this.text = text;
    this.map = map;
  }
  text;
  map;
  commands = [];
  operators = [];
  strayArgs = /* @__PURE__ */ new Map();
  visit(node2, parent) {
    const stack = [node2];
    const parents = [parent];
    while (stack.length > 0) {
      const n = stack.pop();
      const p = parents.pop();
      this.handle(n, p);
      for (let i = n.children.length - 1; i >= 0; i--) {
        stack.push(n.children[i]);
        parents.push(n);
      }
    }
  }
  /** Records what `n` contributes; children are visited afterwards (pre-order, like ShellCheck). */
  handle(n, parent) {
    if (!n.named) {
      if (OPERATORS.has(n.type) && n.end > n.start && parent && this.isCommandOperator(n.type, parent.type)) {
        this.operators.push({ op: n.type, range: this.map(n.start, n.end) });
      }
      return;
    }
    switch (n.type) {
      case "command":
        this.commands.push(this.simpleCommand(n, this.strayArgs.get(n) ?? []));
        return;
      case "redirected_statement":
        this.collectStrayRedirectArgs(n);
        return;
      case "variable_assignment":
      case "variable_assignments":
        if (parent && (parent.type === "command" || DECLARATIONS2.has(parent.type) || parent.type === "variable_assignments")) return;
        this.commands.push(this.assignmentsOnly(n));
        return;
      default:
        if (DECLARATIONS2.has(n.type)) this.commands.push(this.declaration(n));
    }
  }
  isCommandOperator(op, parentType) {
    if (NON_COMMAND_PARENTS.has(parentType)) return false;
    if (op === "|" || op === "|&") return parentType === "pipeline";
    if (op === "&&" || op === "||") return parentType === "list";
    return true;
  }
  word(n) {
    const raw2 = this.text.slice(n.start, n.end);
    const value = n.type === "variable_assignment" ? this.assignmentValue(n) : wordValue(n, this.text);
    return { value, raw: raw2, range: this.map(n.start, n.end) };
  }
  assignmentValue(n) {
    const name = n.children.find((c) => c.field === "name");
    const value = n.children.find((c) => c.field === "value");
    const head = this.text.slice(n.start, value ? value.start : n.end);
    if (!name || !value) return head;
    return head + wordValue(value, this.text);
  }
  simpleCommand(n, extraArgs) {
    const assignments = [];
    const args = [];
    let nameWord;
    let prev;
    for (const c of n.children) {
      if (c.field === "name") {
        nameWord = this.word(c.children.find((k) => k.named) ?? c);
        prev = c;
      } else if (c.field === "argument") {
        if (prev && prev.end === c.start) {
          if (args.length > 0) args[args.length - 1] = this.joined(args[args.length - 1], prev, c);
          else if (nameWord) nameWord = this.joined(nameWord, prev, c);
        } else args.push(this.word(c));
        prev = c;
      } else if (!nameWord && c.type === "variable_assignment") assignments.push(this.word(c));
    }
    let end = n.end;
    for (const c of extraArgs) {
      args.push(this.word(c));
      if (c.field === "dropped") end = c.end;
    }
    return this.build(nameWord, args, assignments, n, end);
  }
  /** One word made of `a` (already read from `aNode`) and the node right after it. */
  joined(a2, aNode, b2) {
    const w = this.word(b2);
    return { value: a2.value + w.value, raw: a2.raw + w.raw, range: this.map(this.startOf(a2, aNode), b2.end) };
  }
  /** Script offset where word `w` (read from `node`, possibly joined) starts. */
  startOf(w, node2) {
    return node2.end - w.raw.length;
  }
  declaration(n) {
    const keyword = n.children.find((c) => !c.named);
    const args = [];
    let prev;
    for (const c of n.children) {
      if (!c.named || c.type === "comment") continue;
      if (prev && prev.end === c.start && args.length > 0) args[args.length - 1] = this.joined(args[args.length - 1], prev, c);
      else args.push(this.word(c));
      prev = c;
    }
    const nameWord = keyword ? this.word(keyword) : void 0;
    return this.build(nameWord, args, [], n);
  }
  assignmentsOnly(n) {
    const list = n.type === "variable_assignments" ? n.children.filter((c) => c.type === "variable_assignment") : [n];
    return this.build(void 0, [], list.map((c) => this.word(c)), n);
  }
  build(nameWord, args, assignments, n, end = n.end) {
    return shellCommand(nameWord, args, assignments, this.map(n.start, end), nameWord ? void 0 : this.map(n.start, n.start));
  }
  /**
   * tree-sitter-bash reads words after a redirect (`cmd >/dev/null 2>&1 more`) as extra redirect
   * destinations; bash (and ShellCheck) treat them as arguments of the (last) command.
   */
  collectStrayRedirectArgs(statement) {
    const body = statement.children.find((c) => c.field === "body");
    let target = body;
    while (target && (target.type === "pipeline" || target.type === "list")) target = lastNamed(target);
    if (!body || !target || target.type !== "command") return;
    const extra = [];
    const first = statement.children.find((c) => c.type === "file_redirect");
    if (first && target.end === body.end) {
      const gap = this.text.slice(body.end, first.start);
      const m = /^([ \t]+)(-)[ \t]+$/.exec(gap);
      if (m) extra.push({ type: "word", named: true, field: "dropped", start: body.end + m[1].length, end: body.end + m[1].length + 1, children: [] });
    }
    for (const r of statement.children) {
      if (r.type !== "file_redirect") continue;
      let prev;
      for (const c of r.children) {
        if (c.field !== "destination") continue;
        if (prev && prev.end === c.start) {
          const last = extra[extra.length - 1];
          if (last === prev) extra[extra.length - 1] = { ...prev, type: "concatenation", end: c.end, children: [prev, c] };
        } else if (prev) extra.push(c);
        prev = c;
      }
    }
    if (extra.length > 0) this.strayArgs.set(target, extra);
  }
};
function lastNamed(n) {
  for (let i = n.children.length - 1; i >= 0; i--) if (n.children[i].named) return n.children[i];
  return void 0;
}

// src/shell/shell-in-effect.ts
function shellInEffect(instruction, file) {
  const stage = file.stages[instruction.stageIndex];
  if (!stage) return null;
  return shellAt(stageShells(file, stage, 0), instruction.range.start);
}
var cachedFile;
var cachedStages = /* @__PURE__ */ new Map();
function stageShells(file, stage, depth) {
  if (cachedFile !== file) {
    cachedFile = file;
    cachedStages = /* @__PURE__ */ new Map();
  }
  const perFile = cachedStages;
  const hit = perFile.get(stage.index);
  if (hit) return hit;
  const parent = depth < 64 ? parentStage2(file, stage) : void 0;
  let initial = null;
  if (parent) {
    const p = stageShells(file, parent, depth + 1);
    initial = p.changes.length ? p.changes[p.changes.length - 1].shell : p.initial;
  } else if (isWindowsBase(stage, file)) initial = WINDOWS_DEFAULT;
  const changes = [];
  for (const ins of stage.instructions) {
    if (ins.keyword === "SHELL" && ins.json && ins.args.length > 0) changes.push({ start: ins.range.start, shell: ins.args.map((a2) => a2.value) });
  }
  const result = { initial, changes };
  perFile.set(stage.index, result);
  return result;
}
function shellAt(s, offset) {
  let lo = 0;
  let hi = s.changes.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (s.changes[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? s.initial : s.changes[lo - 1].shell;
}
function parentStage2(file, stage) {
  const base2 = stage.base.toLowerCase();
  for (let i = stage.index - 1; i >= 0; i--) {
    const s = file.stages[i];
    if (s.name !== null && s.name === base2) return s;
  }
  return void 0;
}
var WINDOWS_DEFAULT = ["cmd", "/S", "/C"];
function isWindowsBase(stage, file) {
  if (stage.platform && /^windows(\/|$)/i.test(stage.platform)) return true;
  const base2 = (file ? withGlobalDefaults(stage.base, file) : stage.base).toLowerCase();
  return /(^|\/)mcr\.microsoft\.com\/(windows([:/@]|$)|dotnet\/framework\/)/.test(base2) || /servercore|nanoserver/.test(base2);
}
function withGlobalDefaults(word, file) {
  if (!word.includes("$")) return word;
  const defaults = /* @__PURE__ */ new Map();
  for (const ins of file.globalArgs) {
    for (const a2 of ins.args) {
      const eq = a2.value.indexOf("=");
      if (eq > 0) defaults.set(a2.value.slice(0, eq), a2.value.slice(eq + 1).replace(/^(["'])(.*)\1$/, "$2"));
    }
  }
  return word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name) => defaults.get(name) ?? m);
}
var POSIX_SHELLS = /* @__PURE__ */ new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "pdksh", "ksh93", "yash", "posh", "lksh", "rbash"]);
function isPosixShell(shell) {
  if (shell === null) return true;
  let i = 0;
  let name = programName(shell[0]);
  if (name === "env") {
    i = 1;
    while (i < shell.length && (shell[i].startsWith("-") || shell[i].includes("="))) i++;
    name = programName(shell[i]);
  }
  if (name === "busybox") name = programName(shell[i + 1]);
  return POSIX_SHELLS.has(name);
}
function programName(word) {
  if (!word) return "";
  const base2 = word.trim().split(/[\\/]/).pop() ?? "";
  return base2.toLowerCase().replace(/\.exe$/, "");
}

// src/shell/script-of.ts
var cachedFile2;
var cachedScripts = /* @__PURE__ */ new Map();
function shellScriptOf(instruction, file) {
  if (cachedFile2 !== file) {
    cachedFile2 = file;
    cachedScripts = /* @__PURE__ */ new Map();
  }
  const scripts = cachedScripts;
  const hit = scripts.get(instruction);
  if (hit !== void 0) return hit ?? void 0;
  const source = runScriptSource(instruction, file);
  let script;
  if (source) {
    script = parseShellFast(source.text, source.map);
    if (!script) {
      if (!isShellParserReady()) return void 0;
      script = parseShellTreeSitter(source.text, source.map);
    }
  }
  scripts.set(instruction, script ?? null);
  return script;
}
function runScriptSource(instruction, file) {
  const run = instruction.keyword === "ONBUILD" ? instruction.trigger : instruction;
  if (!run || run.keyword !== "RUN" || run.json) return void 0;
  const shell = shellInEffect(instruction, file);
  if (!isPosixShell(shell)) return void 0;
  const built = buildPieces(run, file);
  if (!built) return void 0;
  const { text, pieces, heredocScript, interpreter } = built;
  if (heredocScript && !shebangIsPosix(text)) return void 0;
  const offsetOf = (o) => charSource(pieces, o, text.length, run);
  const map = pieces.length === 1 && pieces[0].length === text.length && text.length > 0 ? singlePieceMapper(pieces[0]) : (s, e) => rangeOf(pieces, s, e, text.length, run);
  return { run, text, map, offsetOf, shell, heredocScript, ...interpreter ? { interpreter } : {} };
}
function buildPieces(run, file) {
  const argsText = run.argsText;
  const hint = { index: 0 };
  const { segments, argsOffset } = run;
  const argsStart = run.argsRange.start;
  const seg = segments.length === 1 ? segments[0] : void 0;
  const contiguous = seg !== void 0 && argsOffset >= seg.logicalStart && argsOffset + argsText.length <= seg.logicalStart + seg.length;
  const argsPiece = {
    start: 0,
    length: argsText.length,
    source: contiguous ? seg.sourceStart + argsOffset - seg.logicalStart : (k) => mapStart(segments, argsOffset + k, argsStart + k, hint)
  };
  if (run.heredocs.length === 0) return { text: argsText, pieces: [argsPiece], heredocScript: false };
  const first = run.heredocs[0];
  const body = (h) => h.content.replace(/\r(?=\n)/g, " ");
  const marker = file.text.slice(first.markerRange.start, first.markerRange.end);
  if (run.heredocs.length === 1) {
    const bodyOnly = { text: body(first), pieces: [{ start: 0, length: first.content.length, source: first.bodyRange.start }], heredocScript: true };
    if (argsText.trim() === marker.trim()) return bodyOnly;
    const at = argsText.indexOf(marker.trim());
    const interpreter = at < 0 ? void 0 : stdinShell(argsText.slice(0, at) + " " + argsText.slice(at + marker.trim().length));
    if (interpreter) return { ...bodyOnly, interpreter };
  }
  let text = argsText;
  const pieces = [argsPiece];
  const push = (s, source) => {
    pieces.push({ start: text.length, length: s.length, source });
    text += s;
  };
  for (const h of run.heredocs) {
    push("\n", Math.max(0, h.bodyRange.start - 1));
    if (h.content.length > 0) push(body(h), h.bodyRange.start);
    if (h.terminatorRange) {
      const terminator = file.text.slice(h.terminatorRange.start, h.terminatorRange.end);
      if (text.length > 0 && !text.endsWith("\n")) push("\n", Math.max(0, h.terminatorRange.start - 1));
      push(terminator, h.terminatorRange.start);
    }
  }
  return { text, pieces, heredocScript: false };
}
function charSource(pieces, o, length, run) {
  if (length === 0) return run.argsRange.start;
  if (o >= length) return charSource(pieces, length - 1, length, run) + 1;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (pieces[mid].start <= o) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo];
  const k = Math.min(Math.max(0, o - p.start), Math.max(0, p.length - 1));
  return typeof p.source === "number" ? p.source + k : p.source(k);
}
function singlePieceMapper(p) {
  const last = p.length - 1;
  const src = p.source;
  const at = typeof src === "number" ? (k) => src + k : src;
  return (s, e) => {
    const start = at(s < 0 ? 0 : s > last ? last : s) + (s > last ? 1 : 0);
    let end = start;
    if (e > s) {
      const k = e - 1;
      end = at(k < 0 ? 0 : k > last ? last : k) + (k > last ? 1 : 0) + 1;
    }
    return { start, end: end > start ? end : start };
  };
}
function rangeOf(pieces, s, e, length, run) {
  const start = charSource(pieces, s, length, run);
  const end = e > s ? charSource(pieces, e - 1, length, run) + 1 : start;
  return { start, end: Math.max(start, end) };
}
function stdinShell(commandLine) {
  const words = commandLine.trim().split(/\s+/).filter(Boolean);
  const name = words[0];
  if (!name || !isPosixShell([name])) return void 0;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === "-o" || w === "+o") {
      i++;
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(w) || w.includes("c")) return void 0;
  }
  return name;
}
function shebangIsPosix(text) {
  if (!text.startsWith("#!")) return true;
  const line = text.slice(2, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n")).trim();
  return isPosixShell(line.split(/\s+/).filter(Boolean));
}

// src/linter/codes.ts
var RuleIndex = class {
  constructor(rules) {
    this.rules = rules;
    for (const r of rules) for (const k of [r.code, r.name]) this.add(k, r, true);
    for (const r of rules) for (const k of r.aliases) this.add(k, r, false);
  }
  rules;
  byKey = /* @__PURE__ */ new Map();
  add(k, r, primary) {
    const key = k.toLowerCase();
    const list = this.byKey.get(key);
    if (!list) this.byKey.set(key, [r]);
    else if (!primary && !list.includes(r) && !list.some((x) => x.code.toLowerCase() === key || x.name === key)) list.push(r);
  }
  /** The rule a code, name or alias refers to (the first, when an alias is shared). */
  get(key) {
    return this.byKey.get(key.trim().toLowerCase())?.[0];
  }
  /** Every rule a key refers to. */
  all(key) {
    return this.byKey.get(key.trim().toLowerCase()) ?? [];
  }
  /**
   * Canonical form of a diagnostic or rule code for set membership: the rule's code (lower-cased),
   * else the key itself lower-cased (ShellCheck's SC codes, parser codes, unknown codes).
   */
  canon(key) {
    let c = this.canonCache.get(key);
    if (c === void 0) {
      const r = this.get(key);
      c = r ? r.code.toLowerCase() : key.trim().toLowerCase();
      this.canonCache.set(key, c);
    }
    return c;
  }
  canonCache = /* @__PURE__ */ new Map();
  /** Canonical codes of everything a list of user-written keys names, as a set. */
  canonSet(keys) {
    const out = /* @__PURE__ */ new Set();
    for (const k of keys) {
      if (!k.trim()) continue;
      const rules = this.all(k);
      if (rules.length === 0) out.add(k.trim().toLowerCase());
      for (const r of rules) out.add(r.code.toLowerCase());
    }
    return out;
  }
};

// src/linter/config.ts
function defaultConfig() {
  return {
    ignored: [],
    severity: {},
    trustedRegistries: [],
    labelSchema: {},
    strictLabels: false,
    disableIgnorePragma: false,
    failureThreshold: "info",
    noFail: false,
    settings: {}
  };
}
function mergeConfig(...parts) {
  const out = defaultConfig();
  for (const p of parts) {
    if (!p) continue;
    if (p.ignored) out.ignored = [...out.ignored, ...p.ignored];
    if (p.severity) out.severity = { ...out.severity, ...p.severity };
    if (p.trustedRegistries) out.trustedRegistries = [...out.trustedRegistries, ...p.trustedRegistries];
    if (p.labelSchema) out.labelSchema = { ...out.labelSchema, ...p.labelSchema };
    if (p.settings) out.settings = { ...out.settings, ...p.settings };
    if (p.strictLabels !== void 0) out.strictLabels = p.strictLabels;
    if (p.disableIgnorePragma !== void 0) out.disableIgnorePragma = p.disableIgnorePragma;
    if (p.failureThreshold !== void 0) out.failureThreshold = p.failureThreshold;
    if (p.noFail !== void 0) out.noFail = p.noFail;
    if (p.format !== void 0) out.format = p.format;
    if (p.check !== void 0) out.check = p.check;
  }
  return out;
}
function ruleOptionsOf(config) {
  return {
    trustedRegistries: config.trustedRegistries,
    labelSchema: config.labelSchema,
    strictLabels: config.strictLabels,
    settings: config.settings
  };
}

// src/linter/docs.ts
var RULE_DOCS_BASE = "https://github.com/dockhand/dockhand/blob/main/docs/rules/";
function docsUrl(rule) {
  return `${RULE_DOCS_BASE}${rule.name}.md`;
}

// src/linter/suppress.ts
var factsCache = /* @__PURE__ */ new WeakMap();
function factsOfRules(rules) {
  let list = listFacts.get(rules);
  if (!list) listFacts.set(rules, list = rules.map(factsOf));
  return list;
}
var listFacts = /* @__PURE__ */ new WeakMap();
function factsOf(rule) {
  let f = factsCache.get(rule);
  if (!f) {
    const names = [rule.code, ...rule.aliases];
    f = {
      key: rule.code.toLowerCase(),
      buildkit: rule.origin === "buildkit" || names.some((n) => BUILDKIT_CHECKS.has(n)),
      fileLevel: names.some((n) => FILE_LEVEL_CHECKS.has(n))
    };
    factsCache.set(rule, f);
  }
  return f;
}
function isBuildkitCheck(rule, code) {
  return rule ? factsOf(rule).buildkit : BUILDKIT_CHECKS.has(code);
}
function isFileLevelCheck(rule, code) {
  return rule ? factsOf(rule).fileLevel : FILE_LEVEL_CHECKS.has(code);
}
function fileCheckOptions(file, config) {
  if (config.check !== void 0) return parseCheckOptions(config.check);
  const d = file.directives.find((x) => x.name === "check");
  return d ? parseCheckOptions(d.value) : emptyCheckOptions();
}
var canonFor;
var canonLast;
function canonConfig(config, index) {
  if (config === canonFor && canonLast && canonLast.index === index) return canonLast;
  const overrides = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(config.severity)) for (const c of index.canonSet([k])) overrides.set(c, v);
  const canon = { index, ignored: index.canonSet(config.ignored), overrides };
  canonFor = config;
  canonLast = canon;
  return canon;
}
var Suppressor = class {
  constructor(file, config, index) {
    this.file = file;
    this.config = config;
    this.index = index;
    this.check = fileCheckOptions(file, config);
    this.enablementFromConfigOnly = (config.check !== void 0 || !file.directives.some((d) => d.name === "check")) && !file.comments.some((c) => c.text.includes("check"));
    const canon = canonConfig(config, index);
    this.ignored = canon.ignored;
    this.overrides = canon.overrides;
    this.fileSkip = index.canonSet(this.check.skip);
    this.tops = file.instructions;
    if (!config.disableIgnorePragma) this.collectPragmas();
  }
  file;
  config;
  index;
  check;
  ignored;
  overrides;
  fileSkip;
  global = /* @__PURE__ */ new Set();
  regions = [];
  tops;
  instrCheck = /* @__PURE__ */ new Map();
  /**
   * Experimental checks enabled by some instruction's `# check=experimental=` comment (`all` when
   * one enables every check), computed on first need: every experimental rule asks for every file.
   */
  commentExperimental;
  /**
   * True when which rules run depends on the config alone: no `# check=` directive in effect and no
   * `check=` comment on any instruction (so lint can reuse one answer for every such file).
   */
  enablementFromConfigOnly;
  /** The configured severity override for a code, if any. */
  override(code) {
    return this.overrides.get(this.index.canon(code));
  }
  /** Whether a rule should run at all for this file (cheap pre-filter; `keep` still applies). */
  ruleEnabled(rule, hasContext, facts = factsOf(rule)) {
    const key = facts.key;
    if (this.ignored.size > 0 && this.ignored.has(key)) return false;
    const ov = this.overrides.size > 0 ? this.overrides.get(key) : void 0;
    if (ov === "off") return false;
    if (rule.disabledByDefault && ov === void 0) return false;
    if (rule.needsContext && !hasContext) return false;
    if (rule.experimental) {
      return this.experimentalOn(key) || ov !== void 0 || this.enabledByComment(key);
    }
    if (!this.config.disableIgnorePragma && facts.buildkit && this.check.skipAll) return false;
    if (!this.config.disableIgnorePragma && this.fileSkip.has(key)) return false;
    return true;
  }
  /** True when some instruction's `# check=` comment enables the experimental check `key`. */
  enabledByComment(key) {
    let c = this.commentExperimental;
    if (!c) {
      c = { all: false, keys: /* @__PURE__ */ new Set() };
      for (const ins of this.file.instructions) {
        if (ins.prevComment.length === 0) continue;
        const opts = checkOptionsFromComments(ins.prevComment);
        if (!opts) continue;
        if (opts.experimentalAll) c.all = true;
        for (const k of this.index.canonSet(opts.experimental)) c.keys.add(k);
      }
      this.commentExperimental = c;
    }
    return c.all || c.keys.has(key);
  }
  /**
   * Final severity and verdict for a diagnostic; returns null when it is suppressed.
   * `rule` is the rule the code resolves to (undefined for ShellCheck and unknown codes).
   */
  keep(d, rule) {
    const key = this.index.canon(d.code);
    if (this.ignored.has(key)) return null;
    const ov = this.overrides.get(key);
    if (ov === "off") return null;
    const buildkit = isBuildkitCheck(rule, d.code);
    const experimental = rule?.experimental === true;
    if (experimental && !this.experimentalOn(key) && ov === void 0) {
      const ins = this.instructionAt(d.range.start);
      if (!ins || !this.instructionCheck(ins)?.experimental(key)) return null;
    }
    if (!this.config.disableIgnorePragma) {
      if (!experimental && (this.fileSkip.has(key) || buildkit && this.check.skipAll)) return null;
      if (this.global.has(key)) return null;
      const ins = this.instructionAt(d.range.start);
      for (const r of this.regions) {
        if (!r.codes.has(key)) continue;
        if (ins ? ins.range.start >= r.start && ins.range.start < r.end : d.range.startLine === r.line) return null;
      }
      if (ins && !experimental && !isFileLevelCheck(rule, d.code)) {
        const ic = this.instructionCheck(ins);
        if (ic && (ic.skip.has(key) || buildkit && ic.skipAll)) return null;
      }
    }
    let severity = ov ?? d.severity;
    if (buildkit && this.check.error) severity = "error";
    return severity === d.severity ? d : { ...d, severity };
  }
  /** The top-level instruction whose range holds `offset`. */
  instructionAt(offset) {
    const list = this.tops;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (list[mid].range.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) return void 0;
    const ins = list[found];
    return offset <= ins.range.end ? ins : void 0;
  }
  experimentalOn(key) {
    return this.check.experimentalAll || this.index.canonSet(this.check.experimental).has(key);
  }
  /** The `# check=` comment config of an instruction (BuildKit's WithMergedConfigFromComments). */
  instructionCheck(ins) {
    if (ins.prevComment.length === 0) return void 0;
    if (this.instrCheck.has(ins)) return this.instrCheck.get(ins) ?? void 0;
    const opts = checkOptionsFromComments(ins.prevComment);
    let v = null;
    if (opts) {
      const exp = this.index.canonSet(opts.experimental);
      v = { skipAll: opts.skipAll, skip: this.index.canonSet(opts.skip), experimental: (k) => opts.experimentalAll || exp.has(k) };
    }
    this.instrCheck.set(ins, v);
    return v ?? void 0;
  }
  collectPragmas() {
    const { file } = this;
    let commentLines;
    for (const c of file.comments) {
      if (!c.text.includes("ignore")) continue;
      const p = parseIgnorePragma(c.text);
      if (!p) continue;
      const codes = this.index.canonSet(p.codes);
      if (p.scope === "global") {
        for (const k of codes) this.global.add(k);
        continue;
      }
      const inside = this.instructionAt(c.range.start);
      const target = inside ?? this.tops.find((i) => i.range.start > c.range.start);
      if (p.scope === "next") {
        if (!target) continue;
        if (!inside) {
          if (!commentLines) {
            commentLines = /* @__PURE__ */ new Set();
            for (const x of file.comments) commentLines.add(x.range.startLine);
          }
          if (!onlyCommentsBetween(commentLines, c.range.startLine, target.range.startLine)) continue;
        }
        this.regions.push({ start: target.range.start, end: target.range.start + 1, line: target.range.startLine, codes });
      } else {
        const after = target?.range.start ?? file.text.length;
        const next = this.tops.find((i) => i.keyword === "FROM" && i.range.start > after);
        this.regions.push({ start: c.range.start, end: next ? next.range.start : file.text.length + 1, line: c.range.startLine + 1, codes });
      }
    }
  }
};
function onlyCommentsBetween(commentLines, from, to) {
  for (let l = from + 1; l < to; l++) if (!commentLines.has(l)) return false;
  return true;
}

// src/linter/lint.ts
var RULE_CRASH_CODE = "internal-error";
var indexCache = /* @__PURE__ */ new WeakMap();
var mergedDefault;
var lastPartial;
var lastMerged;
function mergedConfig(partial) {
  if (!partial) return mergedDefault ??= merge(void 0);
  if (partial !== lastPartial || !lastMerged) {
    lastMerged = merge(partial);
    lastPartial = partial;
  }
  return lastMerged;
}
function merge(partial) {
  const config = mergeConfig(partial);
  return { config, ruleOptions: ruleOptionsOf(config) };
}
function ruleIndex(rules) {
  let idx = indexCache.get(rules);
  if (!idx) {
    idx = new RuleIndex(rules);
    indexCache.set(rules, idx);
  }
  return idx;
}
function enabledByConfig(rules, config, hasContext, sup, facts) {
  const last = lastEnabled;
  if (last && last.rules === rules && last.config === config && last.hasContext === hasContext) return last.enabled;
  const enabled = rules.map((r, i) => sup.ruleEnabled(r, hasContext, facts[i]));
  lastEnabled = { rules, config, hasContext, enabled };
  return enabled;
}
var lastEnabled;
function lintParsed(file, rules, options, shellOf) {
  const { config, ruleOptions } = mergedConfig(options.config);
  const index = ruleIndex(rules);
  const sup = new Suppressor(file, config, index);
  const raw2 = [];
  const hasContext = options.buildContext !== void 0;
  let current = rules[0];
  const ctx = {
    file,
    filename: options.filename ?? "Dockerfile",
    options: ruleOptions,
    buildContext: options.buildContext,
    // shellOf caches per file (shellScriptOf does): every rule asks for the same scripts.
    shell: (ins) => shellOf?.(ins, file),
    report(r) {
      raw2.push({ d: fromReport(current, r, file), rule: current });
    }
  };
  const facts = factsOfRules(rules);
  const enabled = sup.enablementFromConfigOnly ? enabledByConfig(rules, config, hasContext, sup, facts) : void 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (enabled ? !enabled[i] : !sup.ruleEnabled(rule, hasContext, facts[i])) continue;
    current = rule;
    try {
      rule.check(ctx);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      raw2.push({
        d: { code: RULE_CRASH_CODE, severity: "error", message: `rule ${rule.name} (${rule.code}) crashed: ${msg}`, range: file.lineIndex.range(0, 0), rule: rule.name },
        rule: void 0
      });
    }
  }
  let parserKeys;
  for (const d of file.diagnostics) {
    const rule = index.get(d.code);
    if (rule && !sup.ruleEnabled(rule, hasContext)) continue;
    (parserKeys ??= /* @__PURE__ */ new Set()).add(dedupeKey(d));
    raw2.push({ d: rule ? { ...d, rule: rule.name, url: d.url ?? rule.url } : d, rule });
  }
  const directive = file.directives.find((x) => x.name === "check");
  const directiveError = directive && config.check === void 0 ? checkOptionsError(directive.value) : null;
  if (directive && directiveError) {
    raw2.push({ d: { code: "syntax", severity: "error", message: `failed to parse check options: ${directiveError}`, range: directive.valueRange }, rule: void 0 });
  }
  const out = [];
  const seen = parserKeys ? /* @__PURE__ */ new Set() : void 0;
  for (const { d, rule } of raw2) {
    if (seen && parserKeys) {
      const key = dedupeKey(d);
      if (parserKeys.has(key)) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
    }
    const kept = sup.keep(d, rule);
    if (kept) out.push(kept);
  }
  return { file, diagnostics: sortDiagnostics(out) };
}
function dedupeKey(d) {
  return `${d.code}\0${d.range.start}\0${d.range.end}\0${d.message}`;
}
function sortDiagnostics(ds) {
  return ds.sort((a2, b2) => a2.range.start - b2.range.start || a2.range.end - b2.range.end || (a2.code < b2.code ? -1 : a2.code > b2.code ? 1 : 0));
}
function fromReport(rule, r, file) {
  const range = "startLine" in r.range ? r.range : file.lineIndex.range(r.range.start, r.range.end);
  const d = { code: rule.code, severity: r.severity ?? rule.severity, message: r.message, range, rule: rule.name };
  if (r.fix) d.fix = r.fix;
  d.url = rule.url ?? urlOf(rule);
  return d;
}
var urls = /* @__PURE__ */ new WeakMap();
function urlOf(rule) {
  let u = urls.get(rule);
  if (u === void 0) urls.set(rule, u = docsUrl(rule));
  return u;
}

// src/linter/index.ts
var loading2;
function initLinter(opts = {}) {
  loading2 ??= initShellParser(opts).catch((err) => {
    loading2 = void 0;
    throw err;
  });
  return loading2;
}
function lint(text, options = {}) {
  return lintFile(parse(text), options);
}
function lintFile(file, options = {}) {
  return lintParsed(file, options.rules ?? allRules, options, shellScriptOf);
}

// .x.ts
var dir = "/work/shared/corpus/files";
var texts = readdirSync(dir).sort().map((n) => readFileSync(`${dir}/${n}`, "utf8"));
await initLinter();
var NEW = (process.env.ONLY ?? "DH010,DH011,DH012,DH013,DH014,DH015").split(",");
var base = allRules.filter((r) => !NEW.includes(r.code));
var variants = [["base", base], ["all", allRules]];
for (const [, rules] of variants) for (const t of texts.slice(0, 1e3)) lint(t, { rules });
var times = /* @__PURE__ */ new Map();
for (let round = 0; round < 21; round++) {
  for (const [name, rules] of round % 2 ? [...variants].reverse() : variants) {
    const t0 = performance.now();
    for (const t of texts) lint(t, { rules });
    (times.get(name) ?? times.set(name, []).get(name)).push(performance.now() - t0);
  }
}
var med = (a2) => [...a2].sort((x, y) => x - y)[a2.length >> 1];
var b = med(times.get("base"));
var a = med(times.get("all"));
var pairs = times.get("all").map((x, i) => x / times.get("base")[i]);
console.log(`base ${b.toFixed(0)} all ${a.toFixed(0)} \u2192 ${((a / b - 1) * 100).toFixed(1)}%; paired median ${((med(pairs) - 1) * 100).toFixed(1)}%`);
