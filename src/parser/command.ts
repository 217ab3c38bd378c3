// Splits one logical line into keyword, flags and arguments exactly as BuildKit's splitCommand,
// extractBuilderFlags and per-instruction line parsers do (parser/split_command.go, line_parsers.go).
// Positions are offsets into the logical line; to-ast maps them back to the source.
import type { EscapeChar } from './ast.js';
import { heredocsFromLine, HeredocError, type HeredocMarker } from './heredoc.js';
import { goLower, goQuote, isGoSpace, isSplitSpace, skipGoSpace, splitWhitespace, trimGoSpaceEnd } from './text.js';

/** A flag word as extracted by BuildKit (quotes/escapes removed), with where it was written. */
export interface RawFlag {
  raw: string;
  start: number;
  end: number;
  /** Logical offset of the `=` separating name and value, or -1. */
  eq: number;
}

/** One node of BuildKit's Next list with its logical span. */
export interface RawArg {
  value: string;
  start: number;
  end: number;
}

/** An ENV/LABEL key/value triple. */
export interface RawPair {
  key: RawArg;
  value: RawArg;
  sep: '=' | '';
  start: number;
  end: number;
}

/** A parse error with its logical span. */
export interface RawError {
  message: string;
  start: number;
  end: number;
}

/** Everything BuildKit's parser derives from one logical line. */
export interface RawInstruction {
  keywordRaw: string;
  /** Go-lower-cased keyword, used for dispatch. */
  lower: string;
  start: number;
  keywordStart: number;
  keywordEnd: number;
  flags: RawFlag[];
  argsText: string;
  argsStart: number;
  argsEnd: number;
  args: RawArg[];
  json: boolean;
  pairs: RawPair[];
  trigger?: RawInstruction;
  errors: RawError[];
}

/** Instructions BuildKit's parser dispatches (everything else is parsed as "ignore"). */
export const KNOWN_INSTRUCTIONS: readonly string[] = [
  'add', 'arg', 'cmd', 'copy', 'entrypoint', 'env', 'expose', 'from', 'healthcheck', 'label',
  'maintainer', 'onbuild', 'run', 'shell', 'stopsignal', 'user', 'volume', 'workdir',
];
const KNOWN = new Set(KNOWN_INSTRUCTIONS);

/** True when BuildKit's parser knows this (lower-cased) keyword. */
export function isKnownInstruction(lower: string): boolean {
  return KNOWN.has(lower);
}

// Keywords repeat a lot (RUN, COPY, run...): remember their lower-cased forms.
const lowerCache = new Map<string, string>();
function lowerKeyword(k: string): string {
  let v = lowerCache.get(k);
  if (v === undefined) {
    v = goLower(k);
    if (k.length <= 16 && lowerCache.size < 4096) lowerCache.set(k, v);
  }
  return v;
}

const MAX_ONBUILD_DEPTH = 200;

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

/** Parses the logical line `line[from, to)` (BuildKit's newNodeFromLine). */
export function parseCommandLine(line: string, from: number, to: number, escapeChar: EscapeChar, depth = 0): RawInstruction {
  const a = skipGoSpace(line, from, to);
  const b = trimGoSpaceEnd(line, a, to);
  let k = a;
  while (k < b && !isSplitSpace(line.charCodeAt(k))) k++;
  const keywordRaw = line.slice(a, k);
  const lower = lowerKeyword(keywordRaw);
  const ins: RawInstruction = {
    keywordRaw, lower, start: a, keywordStart: a, keywordEnd: k, flags: [],
    argsText: '', argsStart: k, argsEnd: k, args: [], json: false, pairs: [], errors: [],
  };
  if (k < b) {
    let r = k;
    while (r < b && isSplitSpace(line.charCodeAt(r))) r++;
    const restStart = extractBuilderFlags(line, r, b, ins.flags);
    const as = skipGoSpace(line, restStart, b);
    const ae = trimGoSpaceEnd(line, as, b);
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

function dispatch(ins: RawInstruction, line: string, escapeChar: EscapeChar, depth: number): void {
  const { argsStart: s, argsEnd: e } = ins;
  switch (ins.lower) {
    case 'add':
    case 'copy':
    case 'volume':
      if (!parseJSON(ins, line, s, e)) whitespaceList(ins, line, s, e);
      return;
    case 'run':
    case 'cmd':
    case 'entrypoint':
    case 'shell':
      maybeJSON(ins, line, s, e);
      return;
    case 'from':
    case 'expose':
      whitespaceList(ins, line, s, e);
      return;
    case 'arg':
      for (const w of parseWords(line, s, e, escapeChar.charCodeAt(0))) ins.args.push(w);
      return;
    case 'env':
      parseNameVal(ins, line, s, e, 'ENV', escapeChar.charCodeAt(0));
      return;
    case 'label':
      parseNameVal(ins, line, s, e, 'LABEL', escapeChar.charCodeAt(0));
      return;
    case 'healthcheck':
      parseHealthConfig(ins, line, s, e);
      return;
    case 'onbuild':
      if (s < e) {
        // Go recurses without limit; a JS stack does not, so absurd ONBUILD chains stop here.
        if (depth >= MAX_ONBUILD_DEPTH) {
          ins.errors.push({ message: `ONBUILD nested more than ${MAX_ONBUILD_DEPTH} levels deep`, start: s, end: e });
          return;
        }
        ins.trigger = parseCommandLine(line, s, e, escapeChar, depth + 1);
        ins.errors.push(...ins.trigger.errors);
      }
      return;
    case 'maintainer':
    case 'user':
    case 'workdir':
    case 'stopsignal':
      if (s < e) ins.args.push({ value: ins.argsText, start: s, end: e });
      return;
    default:
      // parseIgnore: an empty node, dumped as `""`.
      ins.args.push({ value: '', start: s, end: s });
  }
}

/**
 * BuildKit's extractBuilderFlags over `line[from, to)`. It reads bytes, so non-ASCII characters are
 * re-encoded as Latin-1 runes and bytes 0x85/0xA0 count as spaces; ASCII input takes the fast path.
 * Its escape character is always `\`: splitCommand is not told about the `# escape=` directive.
 * Returns the logical offset where the arguments start (`to` when everything was flags).
 */
function extractBuilderFlags(line: string, from: number, to: number, out: RawFlag[]): number {
  const escape = 0x5c;
  if (!startsFlag(line, from, to)) return from;
  // ASCII fast path on the string itself; the byte-wise variant only when non-ASCII text shows up.
  const n0 = out.length;
  const r = scanFlagsAscii(line, from, to, escape, out);
  if (r >= 0) return r;
  out.length = n0;
  const { units, src } = toByteUnits(line, from, to);
  const bytes: Units = { n: units.length, at: (p) => units[p]!, src: (p) => src[p]!, strict: false };
  return scanFlags(line, bytes, to, escape, out);
}

/**
 * extractBuilderFlags on ASCII text, building words from slices of the line (a flag can be as long
 * as a logical line). Returns -1 on a non-ASCII character: then the byte-wise scan must run.
 */
function scanFlagsAscii(line: string, from: number, to: number, escape: number, out: RawFlag[]): number {
  const isSp = (c: number): boolean => (c >= 9 && c <= 13) || c === 0x20;
  let phase = 0; // 0 inSpaces, 1 inWord, 2 inQuote
  let word = '';
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
      // A non-ASCII character's first byte is neither a space nor `-`: the arguments start here.
      if (ch > 0x7f) return pos;
      if (ch !== 0x2d || pos + 1 === to || line.charCodeAt(pos + 1) !== 0x2d) return pos;
      phase = 1;
      wordStart = pos;
      run = pos;
      word = '';
      eq = -1;
    }
    if (pos === to) {
      word += line.slice(run, pos);
      if (word !== '--' && (blankOK || word.length > 0)) out.push({ raw: word, start: wordStart, end: pos, eq });
      break;
    }
    if (ch > 0x7f) return -1;
    if (phase === 1) {
      if (isSp(ch)) {
        word += line.slice(run, pos);
        phase = 0;
        if (word === '--') return pos;
        if (blankOK || word.length > 0) out.push({ raw: word, start: wordStart, end: pos, eq });
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
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
    if (ch === escape) {
      word += line.slice(run, pos);
      if (pos + 1 === to) {
        // A trailing escape is dropped (inside quotes it also ends the quote).
        run = pos + 1;
        if (phase === 2) phase = 1;
        continue;
      }
      run = pos + 1;
      pos++;
      const next = line.charCodeAt(pos);
      if (next > 0x7f) return -1;
      if (next === 0x3d && eq < 0) eq = pos;
      continue;
    }
    if (ch === 0x3d && eq < 0) eq = pos;
  }
  return to;
}

/** A view of the flag text as BuildKit's byte loop sees it. */
interface Units {
  n: number;
  at(p: number): number;
  src(p: number): number;
  /** Give up (return -1) on a non-ASCII unit inside a flag word. */
  strict: boolean;
}

function scanFlags(line: string, u: Units, to: number, escape: number, out: RawFlag[]): number {
  const n = u.n;
  const srcAt = (p: number): number => (p < n ? u.src(p) : to);
  const isSp = (c: number): boolean => (c >= 9 && c <= 13) || c === 0x20 || c === 0x85 || c === 0xa0;
  let phase = 0; // 0 inSpaces, 1 inWord, 2 inQuote
  let word = '';
  let quote = 0;
  let blankOK = false;
  let wordStart = 0;
  let eq = -1;
  const push = (endPos: number): void => {
    out.push({ raw: word, start: srcAt(wordStart), end: srcAt(endPos), eq });
  };
  for (let pos = 0; pos <= n; pos++) {
    let ch = pos < n ? u.at(pos) : -1;
    if (u.strict && ch > 0x7f) return -1;
    if (phase === 0) {
      if (pos === n) break;
      if (isSp(ch)) continue;
      if (ch !== 0x2d || pos + 1 === n || u.at(pos + 1) !== 0x2d) return nextCharBoundary(line, srcAt(pos), u, pos);
      phase = 1;
      wordStart = pos;
      eq = -1;
    }
    if (pos === n) {
      if (word !== '--' && (blankOK || word.length > 0)) push(pos);
      break;
    }
    if (phase === 1) {
      if (isSp(ch)) {
        phase = 0;
        if (word === '--') return srcAt(pos);
        if (blankOK || word.length > 0) push(pos);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        blankOK = true;
        phase = 2;
        continue;
      }
      if (ch === escape) {
        if (pos + 1 === n) continue;
        pos++;
        ch = u.at(pos);
        if (u.strict && ch > 0x7f) return -1;
      }
      if (ch === 0x3d && eq < 0) eq = srcAt(pos);
      word += String.fromCharCode(ch);
      continue;
    }
    // phase === 2 (inQuote)
    if (ch === quote) {
      phase = 1;
      continue;
    }
    if (ch === escape) {
      if (pos + 1 === n) {
        phase = 1;
        continue;
      }
      pos++;
      ch = u.at(pos);
      if (u.strict && ch > 0x7f) return -1;
    }
    if (ch === 0x3d && eq < 0) eq = srcAt(pos);
    word += String.fromCharCode(ch);
  }
  return to;
}

function startsFlag(line: string, from: number, to: number): boolean {
  return from + 1 < to && line.charCodeAt(from) === 0x2d && line.charCodeAt(from + 1) === 0x2d;
}

/** UTF-8 bytes of `line[from,to)` as Latin-1 units, each remembering its source character. */
function toByteUnits(line: string, from: number, to: number): { units: number[]; src: number[] } {
  const units: number[] = [];
  const src: number[] = [];
  for (let i = from; i < to; i++) {
    const cp = line.codePointAt(i)!;
    const at = i;
    if (cp < 0x80) units.push(cp), src.push(at);
    else if (cp < 0x800) units.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)), src.push(at, at);
    else if (cp < 0x10000) units.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)), src.push(at, at, at);
    else {
      units.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
      src.push(at, at, at, at);
      i++;
    }
  }
  return { units, src };
}

// When the byte scanner stops inside a multi-byte character, arguments start at the next character.
function nextCharBoundary(line: string, at: number, u: Units, pos: number): number {
  if (pos > 0 && u.src(pos - 1) === at) {
    const cp = line.codePointAt(at)!;
    return at + (cp > 0xffff ? 2 : 1);
  }
  return at;
}

function whitespaceList(ins: RawInstruction, line: string, s: number, e: number): void {
  if (s >= e) return;
  for (const p of splitWhitespace(line, s, e)) ins.args.push(p);
}

function maybeJSON(ins: RawInstruction, line: string, s: number, e: number): void {
  if (s >= e) return;
  if (!parseJSON(ins, line, s, e)) ins.args.push({ value: line.slice(s, e), start: s, end: e });
}

/**
 * BuildKit's parseJSON: the whole rest must be a JSON array; all strings → exec form. A non-string
 * element is a hard error; any other failure means "not JSON" (returns false).
 */
function parseJSON(ins: RawInstruction, line: string, s: number, e: number): boolean {
  if (s >= e || line.charCodeAt(s) !== 0x5b /* [ */) return false;
  // Most exec forms are arrays of plain strings: read those directly (JSON.parse says the same).
  if (plainStringArray(ins, line, s, e)) return true;
  const src = line.slice(s, e);
  // Go's decoder gives up beyond 10,000 levels of nesting: then it is not JSON, and shell form.
  if (src.length > 10000 && nestingDepth(src) > 10000) return false; // deeper needs more characters
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch {
    return false;
  }
  if (!Array.isArray(value)) return false;
  for (const v of value) {
    if (typeof v === 'string') continue;
    // Go fails to decode out-of-range numbers (1e400) instead of reporting non-strings.
    if (hasInfinity(value, 0)) return false;
    ins.errors.push({ message: NOT_STRINGS, start: s, end: e });
    return true;
  }
  const fix = MAYBE_SURROGATE.test(src);
  // The array is valid JSON of strings: find each literal's span with a plain scan.
  let i = s + 1;
  let k = 0;
  while (i < e && k < value.length) {
    const c = line.charCodeAt(i);
    if (c !== 0x22) {
      i++;
      continue;
    }
    const start = i++;
    for (;;) {
      const d = line.charCodeAt(i);
      if (d === 0x5c) i += 2;
      else if (d === 0x22) break;
      else i++;
    }
    i++;
    const v = value[k++] as string;
    ins.args.push({ value: fix ? wellFormed(v) : v, start, end: i });
  }
  ins.json = true;
  return true;
}

const MAYBE_SURROGATE = /\\u|[\ud800-\udfff]/;

/** JSON's whitespace (what JSON.parse and Go's decoder skip between tokens). */
function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * `[` `"..."` (`,` `"..."`)* `]` with JSON whitespace between tokens, whose strings hold no
 * backslash, control character or surrogate: those parse to exactly their text, so the args are
 * their spans. False (nothing added) for anything else, which goes through JSON.parse.
 */
function plainStringArray(ins: RawInstruction, line: string, s: number, e: number): boolean {
  const found: { value: string; start: number; end: number }[] = [];
  let i = s + 1;
  while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
  if (i >= e) return false;
  if (line.charCodeAt(i) !== 0x5d /* ] */) {
    for (;;) {
      if (i >= e || line.charCodeAt(i) !== 0x22 /* " */) return false;
      const start = i++;
      for (;;) {
        if (i >= e) return false;
        const c = line.charCodeAt(i);
        if (c === 0x22) break;
        if (c === 0x5c || c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) return false;
        i++;
      }
      found.push({ value: line.slice(start + 1, i), start, end: ++i });
      while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
      if (i >= e) return false;
      const c = line.charCodeAt(i);
      if (c === 0x5d) break;
      if (c !== 0x2c /* , */) return false;
      i++;
      while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
    }
  }
  i++;
  while (i < e && isJsonSpace(line.charCodeAt(i))) i++;
  if (i !== e) return false;
  for (const a of found) ins.args.push(a);
  ins.json = true;
  return true;
}

/** Deepest bracket nesting outside strings (a linear scan: no recursion on hostile input). */
function nestingDepth(src: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** True when any number in the value is out of range (Go fails to decode those). Iterative. */
function hasInfinity(root: unknown, _depth: number): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) stack.push(x);
    }
  }
  return false;
}

// Go's JSON decoder turns unpaired surrogate escapes into U+FFFD.
function wellFormed(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return (s as unknown as { toWellFormed(): string }).toWellFormed();
  }
  return s;
}

/**
 * BuildKit's parseWords (ENV, LABEL, ARG): splits on unicode spaces, quotes group and are kept, the
 * escape token and the next character are both kept, a trailing escape token is dropped.
 */
export function parseWords(line: string, s: number, e: number, escape: number): RawArg[] {
  // Works on UTF-16 units: surrogate halves are never spaces, quotes or escapes, so this splits
  // exactly like the rune loop of the Go code.
  const words: RawArg[] = [];
  let phase = 0;
  let quote = 0;
  let blankOK = false;
  let start = 0;
  let pos = s;
  for (;;) {
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
      if (ch === 0x27 || ch === 0x22) {
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
    if (ch === escape && (phase === 1 || quote !== 0x27)) {
      if (pos + 1 === e) {
        // An escape token at the very end is dropped.
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

/** BuildKit's parseNameVal for ENV / LABEL, producing key/value/sep triples and pairs. */
function parseNameVal(ins: RawInstruction, line: string, s: number, e: number, key: string, escape: number): void {
  const words = parseWords(line, s, e, escape);
  if (words.length === 0) return;
  if (!words[0]!.value.includes('=')) {
    const parts = splitWhitespace(line, s, e, 2);
    if (parts.length < 2) {
      ins.errors.push({ message: `${key} must have two arguments`, start: s, end: e });
      return;
    }
    const k = parts[0]!;
    const v = parts[1]!;
    ins.args.push(k, v, { value: '', start: v.end, end: v.end });
    ins.pairs.push({ key: k, value: v, sep: '', start: k.start, end: v.end });
    return;
  }
  for (const w of words) {
    const eq = w.value.indexOf('=');
    if (eq < 0) {
      ins.errors.push({
        message: `Syntax error - can't find = in ${goQuote(w.value)}. Must be of the form: name=value`,
        start: w.start,
        end: w.end,
      });
      return;
    }
    const k = { value: w.value.slice(0, eq), start: w.start, end: w.start + eq };
    const v = { value: w.value.slice(eq + 1), start: w.start + eq + 1, end: w.start + w.value.length };
    ins.args.push(k, v, { value: '=', start: k.end, end: k.end + 1 });
    ins.pairs.push({ key: k, value: v, sep: '=', start: w.start, end: v.end });
  }
}

/** BuildKit's parseHealthConfig: the type word, then parseMaybeJSON of the rest. */
function parseHealthConfig(ins: RawInstruction, line: string, s: number, e: number): void {
  // The Go code tests bytes with unicode.IsSpace; U+0085/U+00A0 stand in for those bytes here.
  const sp = (c: number): boolean => (c >= 9 && c <= 13) || c === 0x20 || c === 0x85 || c === 0xa0;
  let sep = s;
  while (sep < e && !sp(line.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < e && sp(line.charCodeAt(next))) next++;
  if (sep === s) return;
  ins.args.push({ value: line.slice(s, sep), start: s, end: sep });
  maybeJSON(ins, line, next, e);
}

/** Heredocs BuildKit reads after an instruction line, or the delimiter error it would raise. */
export interface HeredocDetection {
  markers: HeredocMarker[];
  error?: string;
}

/**
 * BuildKit's `canContainHeredoc` + `heredocsFromLine`: only RUN, COPY, ADD (also as ONBUILD
 * triggers), never in JSON form or after a parse error, and only when the line contains `<<`.
 */
export function detectHeredocs(raw: RawInstruction, line: string): HeredocDetection {
  const target = raw.lower === 'onbuild' ? raw.trigger : raw;
  if (!target || raw.errors.length > 0 || target.json || !line.includes('<<')) return { markers: [] };
  if (target.lower !== 'run' && target.lower !== 'copy' && target.lower !== 'add') return { markers: [] };
  try {
    return { markers: heredocsFromLine(line, 0, line.length) };
  } catch (e) {
    if (e instanceof HeredocError) return { markers: [], error: e.message };
    throw e;
  }
}
