// Instruction-level errors BuildKit raises in instructions.Parse that depend on nothing but the text:
// argument counts, stage names, unknown instructions, flag syntax, ONBUILD triggers, HEALTHCHECK
// options. Like BuildKit, each instruction reports only its first error, in BuildKit's order.
import type { SourceRange } from '../core/range.js';
import type { Dockerfile, Instruction } from './ast.js';
import { KNOWN_INSTRUCTIONS } from './command.js';
import { parseHeredocWord, HeredocError } from './heredoc.js';
import { suggest } from './suggest.js';
import { goLower, goQuote, goTrimSpace, goUpper } from './text.js';

type FlagType = 'bool' | 'string' | 'strings';
type FlagSet = Record<string, FlagType>;

const NO_FLAGS: FlagSet = {};
const HEALTH_FLAGS: FlagSet = { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' };
const FLAGS: Record<string, FlagSet> = {
  add: { chown: 'string', chmod: 'string', checksum: 'string', link: 'bool', 'keep-git-dir': 'bool', unpack: 'bool', exclude: 'strings' },
  copy: { from: 'string', chown: 'string', chmod: 'string', link: 'bool', parents: 'bool', exclude: 'strings' },
  from: { platform: 'string' },
  // Every flag the newest frontend accepts; whether the version a `# syntax=` pins knows it is DH020's.
  run: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
};

const VALID_STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;

// Thrown to stop at an instruction's first error; not an Error, so no stack trace is captured.
class ParseError {
  constructor(readonly message: string, readonly range?: SourceRange) {}
}

/**
 * Adds BuildKit's instruction-level parse errors to `file.diagnostics`. Instructions in `skip`
 * already failed at the parser level (BuildKit would have stopped there).
 */
export function validate(file: Dockerfile, skip: ReadonlySet<Instruction>): void {
  let seenFrom = false;
  for (const ins of file.instructions) {
    const from = ins.keyword === 'FROM';
    if (!skip.has(ins)) {
      try {
        check(ins);
        if (!from && !seenFrom && ins.keyword !== 'ARG') throw new ParseError('no build stage in current context');
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        file.diagnostics.push({ code: 'syntax', severity: 'error', message: e.message, range: e.range ?? ins.range });
      }
    }
    // A FROM with an error of its own still opens a stage: BuildKit would stop at that error, so
    // the instructions of the stage are not also "outside any stage".
    if (from) seenFrom = true;
  }
}

/**
 * The first error BuildKit's instruction parser raises for `ins` on its own, or undefined. For an
 * ONBUILD trigger, which BuildKit parses only when a build inherits it (initOnBuildTriggers).
 */
export function instructionError(ins: Instruction): { message: string; range: SourceRange } | undefined {
  try {
    check(ins);
    return undefined;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { message: e.message, range: e.range ?? ins.range };
  }
}

function check(ins: Instruction): void {
  // Only the count matters except for HEALTHCHECK (ONBUILD's Next holds its trigger).
  const args = { length: ins.trigger ? 1 : ins.args.length };
  switch (ins.keyword) {
    case 'ENV':
    case 'LABEL':
      parseFlags(ins, NO_FLAGS);
      if (args.length === 0) throw new ParseError(`${ins.keyword} requires at least one argument`, ins.keywordRange);
      for (const p of ins.pairs) if (p.key === '') throw new ParseError(`${ins.keyword} names can not be blank`, p.range);
      return;
    case 'MAINTAINER':
    case 'WORKDIR':
    case 'USER':
      if (args.length !== 1) throw new ParseError(`${ins.keyword} requires exactly one argument`, ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      return;
    case 'STOPSIGNAL':
      if (args.length !== 1) throw new ParseError(`${ins.keyword} requires exactly one argument`, ins.keywordRange);
      return;
    case 'ADD':
    case 'COPY': {
      if (args.length < 2) {
        throw new ParseError(`${ins.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`, ins.range);
      }
      parseFlags(ins, FLAGS[ins.keyword.toLowerCase()]!);
      const dest = ins.args[ins.args.length - 1]!;
      if (isHeredocWord(dest.value)) throw new ParseError(`${ins.keyword} cannot accept a heredoc as a destination`, dest.range);
      return;
    }
    case 'FROM':
      checkStageName(ins);
      parseFlags(ins, FLAGS.from!);
      return;
    case 'ONBUILD': {
      if (!ins.trigger) throw new ParseError('ONBUILD requires at least one argument', ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      const trigger = goUpper(goTrimSpace(ins.trigger.keywordRaw));
      if (trigger === 'ONBUILD') throw new ParseError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', ins.trigger.keywordRange);
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new ParseError(`${trigger} isn't allowed as an ONBUILD trigger`, ins.trigger.keywordRange);
      return;
    }
    case 'RUN':
      checkRunModes(ins, parseFlags(ins, FLAGS.run!));
      return;
    case 'CMD':
    case 'ENTRYPOINT':
      parseFlags(ins, NO_FLAGS);
      return;
    case 'HEALTHCHECK':
      checkHealthcheck(ins, nodeArgs(ins));
      return;
    case 'EXPOSE':
      if (args.length === 0) throw new ParseError('EXPOSE requires at least one argument', ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      return;
    case 'VOLUME':
      if (args.length === 0) throw new ParseError('VOLUME requires at least one argument', ins.keywordRange);
      parseFlags(ins, NO_FLAGS);
      for (const a of ins.args) if (goTrimSpace(a.value) === '') throw new ParseError('VOLUME specified can not be an empty string', a.range);
      return;
    case 'ARG':
      if (args.length === 0) throw new ParseError('ARG requires at least one argument', ins.keywordRange);
      for (const a of ins.args) if (a.value.startsWith('=')) throw new ParseError('ARG names can not be blank', a.range);
      return;
    case 'SHELL':
      parseFlags(ins, NO_FLAGS);
      if (args.length === 0) throw new ParseError('SHELL requires at least one argument', ins.keywordRange);
      if (!ins.json) throw new ParseError('SHELL requires the arguments to be in JSON form', ins.argsRange);
      return;
    default:
      throw new ParseError(unknownInstruction(ins.keywordRaw), ins.keywordRange);
  }
}

/** BuildKit's nodeArgs: the Next values, or for ONBUILD the trigger keyword followed by its args. */
function nodeArgs(ins: Instruction): string[] {
  if (ins.trigger) return [ins.trigger.keywordRaw, ...nodeArgs(ins.trigger)];
  const out = new Array<string>(ins.args.length);
  for (let i = 0; i < out.length; i++) out[i] = ins.args[i]!.value;
  return out;
}

function isHeredocWord(word: string): boolean {
  try {
    return parseHeredocWord(word) !== null;
  } catch (e) {
    if (e instanceof HeredocError) return false;
    throw e;
  }
}

function checkStageName(ins: Instruction): void {
  const a = ins.args;
  if (a.length === 3 && isAs(a[1]!.value)) {
    const name = goLower(a[2]!.value);
    if (!VALID_STAGE_NAME.test(name)) {
      throw new ParseError(`invalid name for build stage: ${goQuote(a[2]!.value)}, name can't start with a number or contain symbols`, a[2]!.range);
    }
  } else if (a.length !== 1) {
    throw new ParseError('FROM requires either one or three arguments', a.length > 0 ? ins.argsRange : ins.keywordRange);
  }
}

function isAs(s: string): boolean {
  return s.length === 2 && /^[aA][sS\u017f]$/.test(s);
}

/** What parseFlags returns for an instruction without flags (most of them); never modified. */
const NO_FLAGS_USED: ReadonlyMap<string, string[]> = new Map();

/** BFlags.Parse: validates the flag words of an instruction against its flag set. */
function parseFlags(ins: Instruction, defined: FlagSet): ReadonlyMap<string, string[]> {
  if (ins.flags.length === 0) return NO_FLAGS_USED;
  const used = new Map<string, string[]>();
  for (const f of ins.flags) {
    const type = Object.prototype.hasOwnProperty.call(defined, f.name) ? defined[f.name] : undefined;
    if (!type) throw new ParseError(unknownFlag(f.name, defined), f.range);
    if (used.has(f.name) && type !== 'strings') throw new ParseError(`duplicate flag specified: --${f.name}`, f.range);
    const values = used.get(f.name) ?? [];
    used.set(f.name, values);
    if (type === 'bool') {
      if (f.value === '') throw new ParseError(`missing a value on flag: --${f.name}`, f.range);
      const v = (f.value ?? '').toLowerCase();
      if (v !== '' && v !== 'true' && v !== 'false') throw new ParseError(`expecting boolean value for flag --${f.name}, not: ${f.value}`, f.valueRange ?? f.range);
      values.push(v === 'false' ? 'false' : 'true');
    } else {
      if (f.value === null) throw new ParseError(`missing a value on flag: --${f.name}`, f.range);
      values.push(f.value);
    }
  }
  return used;
}

const NETWORK_MODES = new Set(['default', 'none', 'host']);
const SECURITY_MODES = new Set(['sandbox', 'insecure']);

/** The post-parse hooks of RUN's --network and --security (in that order): values are case-sensitive. */
function checkRunModes(ins: Instruction, used: ReadonlyMap<string, string[]>): void {
  const network = used.get('network')?.[0];
  if (network !== undefined && !NETWORK_MODES.has(network)) {
    throw new ParseError(`invalid network mode ${goQuote(network)}`, flagValueRange(ins, 'network'));
  }
  const security = used.get('security')?.[0];
  if (security !== undefined && !SECURITY_MODES.has(security)) {
    throw new ParseError(`security ${goQuote(security)} is not valid`, flagValueRange(ins, 'security'));
  }
}

function flagValueRange(ins: Instruction, name: string): SourceRange | undefined {
  const f = ins.flags.find((x) => x.name === name);
  return f ? f.valueRange ?? f.range : undefined;
}

/** `unknown flag: --x`, with the "did you mean" BuildKit adds from the instruction's own flags (case-sensitive). */
function unknownFlag(name: string, defined: FlagSet): string {
  const msg = `unknown flag: --${name}`;
  const match = suggest(name, Object.keys(defined), true);
  return match ? `${msg} (did you mean ${match}?)` : msg;
}

function checkHealthcheck(ins: Instruction, args: string[]): void {
  if (args.length === 0) throw new ParseError('HEALTHCHECK requires at least one argument', ins.keywordRange);
  const typ = goUpper(args[0]!);
  const rest = args.slice(1);
  if (typ === 'NONE') {
    if (rest.length !== 0) throw new ParseError('HEALTHCHECK NONE takes no arguments', ins.argsRange);
    return;
  }
  const used = parseFlags(ins, HEALTH_FLAGS);
  if (typ !== 'CMD') throw new ParseError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`, ins.args[0]!.range);
  if (rest.length === 0) throw new ParseError('Missing command after HEALTHCHECK CMD', ins.argsRange);
  for (const name of ['interval', 'timeout', 'start-period', 'start-interval']) {
    const v = used.get(name)?.[0];
    if (v === undefined || v === '') continue;
    const range = ins.flags.find((f) => f.name === name)?.range;
    const d = parseGoDuration(v);
    if (typeof d === 'string') throw new ParseError(d, range);
    // Zero means unset; anything else below 1ms, negative durations included, is refused.
    if (d !== 0 && d < 1e6) throw new ParseError(`Interval ${goQuote(name)} cannot be less than 1ms`, range);
  }
  const retries = used.get('retries')?.[0];
  if (retries !== undefined && retries !== '') {
    const range = ins.flags.find((f) => f.name === 'retries')?.range;
    if (!/^[+-]?[0-9]+$/.test(retries)) throw new ParseError(`strconv.ParseInt: parsing ${goQuote(retries)}: invalid syntax`, range);
    const n = Number(retries);
    if (n > 2147483647 || n < -2147483648) throw new ParseError(`strconv.ParseInt: parsing ${goQuote(retries)}: value out of range`, range);
    if (n < 0) throw new ParseError(`--retries cannot be negative (${n})`, range);
  }
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * The quoting of Go's time package in its errors: like `strconv.Quote` for printable ASCII, but every
 * byte of a control or non-ASCII character is written as `\xNN`.
 */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of new TextEncoder().encode(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else {
      out += c === 0x22 || c === 0x5c ? '\\' + ch : ch;
    }
  }
  return out + '"';
}

/** Go `time.ParseDuration`: nanoseconds, or the Go error message. */
export function parseGoDuration(s: string): number | string {
  const orig = s;
  const invalid = `time: invalid duration ${timeQuote(orig)}`;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    const whole = m[1]!;
    const frac = m[3];
    if (whole === '' && (frac === undefined || frac === '')) return invalid;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === '') return `time: missing unit in duration ${timeQuote(orig)}`;
    const unit = UNITS[u];
    if (unit === undefined) return `time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}`;
    s = s.slice(u.length);
    total += Number(whole || '0') * unit + (frac ? Number('0.' + frac) * unit : 0);
    if (total > 9223372036854775807) return invalid;
  }
  return neg ? -total : total;
}

/** `unknown instruction: X`, with BuildKit's "did you mean" suggestion (Levenshtein distance < 3). */
function unknownInstruction(keyword: string): string {
  const msg = `unknown instruction: ${keyword}`;
  const match = suggest(keyword, KNOWN_INSTRUCTIONS, false);
  return match ? `${msg} (did you mean ${match}?)` : msg;
}
