// Finds the shell script of a RUN (shell form, ONBUILD RUN, heredocs) and maps script offsets back
// to exact Dockerfile ranges through the instruction's segments and heredoc body ranges.
import type { Dockerfile, Heredoc, Instruction } from '../parser/ast.js';
import type { Span } from '../core/range.js';
import { parseShellFast } from './fast.js';
import { isShellParserReady } from './loader.js';
import { parseShellTreeSitter, type RangeMapper } from './parse.js';
import { mapStart, type SegmentHint } from '../parser/lines.js';
import { isPosixShell, isPosixShellName, shellInEffect, shellProgram } from './shell-in-effect.js';
import type { ShellScript } from './types.js';

/** The text a RUN hands to the shell, with where each character came from. */
export interface RunScriptSource {
  /** The RUN instruction itself (the trigger for ONBUILD RUN). */
  run: Instruction;
  /** Script text as the shell receives it. */
  text: string;
  /** Maps a span of `text` to the Dockerfile. */
  map: RangeMapper;
  /** Maps an offset of `text` to a Dockerfile offset (characters map to themselves; the end to the end). */
  offsetOf(scriptOffset: number): number;
  /** The shell the script was taken for: the SHELL in effect, unless the caller named another (`null`: the default `/bin/sh -c`). */
  shell: string[] | null;
  /** True when the script is a heredoc body run as a file (`RUN <<EOF`) or fed to a shell (`RUN <<EOF bash`). */
  heredocScript: boolean;
  /** The shell a heredoc is fed to (`bash` for `RUN <<EOF bash`), which then runs it instead of SHELL. */
  interpreter?: string;
}

interface Piece {
  /** Offset in the script text. */
  start: number;
  length: number;
  /** Dockerfile offset of the piece's first character, or a mapper for pieces that are not contiguous. */
  source: number | ((k: number) => number);
}

// The scripts of the last file asked about (lint asks about one file at a time): RUN scripts and
// exec-form `-c` scripts. Not a WeakMap: entries keyed by young objects in an old WeakMap survive
// scavenges and get promoted, which made garbage collection a quarter of lint time.
let cachedFile: Dockerfile | undefined;
let cachedScripts = new Map<Instruction, ShellScript | null>();
let cachedExecScripts = new Map<Instruction, ShellScript | null>();

function forFile(file: Dockerfile): void {
  if (cachedFile === file) return;
  cachedFile = file;
  cachedScripts = new Map();
  cachedExecScripts = new Map();
}

/**
 * Parses a script (the fast reader, else tree-sitter) and caches the result for `instruction` in
 * `cache`. Before tree-sitter is loaded a script the fast reader declines stays unparsed (and uncached).
 */
function parseInto(cache: Map<Instruction, ShellScript | null>, instruction: Instruction, source: { text: string; map: RangeMapper } | undefined): ShellScript | undefined {
  let script: ShellScript | undefined;
  if (source) {
    script = parseShellFast(source.text, source.map);
    if (!script) {
      if (!isShellParserReady()) return undefined;
      script = parseShellTreeSitter(source.text, source.map);
    }
  }
  cache.set(instruction, script ?? null);
  return script;
}

/**
 * The parsed shell of a RUN: shell form, `ONBUILD RUN` (pass the ONBUILD instruction or its
 * trigger) and heredocs (`RUN <<EOF` runs the body as the script; `RUN cat <<EOF` is a command
 * line with heredoc data). Every range is a Dockerfile range. Undefined for exec form, other
 * instructions, a non-POSIX `SHELL` in effect (PowerShell, cmd) or a heredoc script whose `#!`
 * names another interpreter. Cached per instruction of the current file only (see ARCHITECTURE.md).
 * A script the fast reader declines is undefined until `initShellParser()` has loaded tree-sitter.
 */
export function shellScriptOf(instruction: Instruction, file: Dockerfile): ShellScript | undefined {
  forFile(file);
  const hit = cachedScripts.get(instruction);
  if (hit !== undefined) return hit ?? undefined;
  return parseInto(cachedScripts, instruction, runScriptSource(instruction, file));
}

/**
 * True when some RUN of `file` needs tree-sitter (the fast reader declines its script) and
 * tree-sitter is not loaded yet: await `initShellParser()` before linting it. Scripts the fast
 * reader takes are parsed and cached on the way.
 */
export function needsShellParser(file: Dockerfile): boolean {
  if (isShellParserReady()) return false;
  for (const ins of file.instructions) {
    if (shellScriptOf(ins, file) === undefined && runScriptSource(ins, file) !== undefined) return true;
    if (ins.json && execFormScript(ins, file) === undefined && execFormShellCall(ins) !== undefined) return true;
  }
  return false;
}

/** An exec-form RUN that runs a POSIX shell on a `-c` script: `RUN ["/bin/bash", "-o", "pipefail", "-c", "a | b"]`. */
interface ExecFormShellCall {
  /** The shell's base name (`bash`; seen through `env` and `busybox`). */
  shell: string;
  /** The words between the shell and the script (`-o`, `pipefail`, `-c`). */
  options: string[];
  /** The script element. */
  script: { value: string; range: Span };
}

/** The `-c` call of an exec-form RUN (or ONBUILD RUN), or undefined when it runs something else. */
export function execFormShellCall(instruction: Instruction): ExecFormShellCall | undefined {
  const run = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  if (!run || run.keyword !== 'RUN' || !run.json || run.args.length < 3) return undefined;
  const words = run.args.map((a) => a.value);
  const { name, index } = shellProgram(words);
  if (!isPosixShellName(name)) return undefined;
  const at = shellScriptAt(words, index + 1);
  return at && { shell: name, options: words.slice(index + 1, at.optionsEnd), script: run.args[at.script]! };
}

/**
 * Where the words a POSIX shell is given (from `from` on, after its name) hold a `-c` script: the
 * index of the script word and the end of the options before it (`sh -ec 'x'`, `bash -o pipefail
 * -c 'x'`, `sh -c -- 'x'`); undefined without `-c` or without a script.
 */
export function shellScriptAt(words: readonly string[], from: number): { script: number; optionsEnd: number } | undefined {
  let command = false;
  for (let k = from; k < words.length; k++) {
    const w = words[k]!;
    if (w === '--' || w === '-') {
      if (!command || k + 1 >= words.length) return undefined;
      return { script: k + 1, optionsEnd: k };
    }
    if (/^[-+][A-Za-z]+$/.test(w)) {
      if (w[0] === '-' && w.includes('c')) command = true;
      // `-o name` / `-eo name`: the option name is the next word.
      if (w.endsWith('o')) k++;
      continue;
    }
    if (w.startsWith('--')) continue; // bash's long options (`--norc`)
    return command ? { script: k, optionsEnd: k } : undefined;
  }
  return undefined;
}

/**
 * The parsed `-c` script of an exec-form RUN that runs a POSIX shell ({@link execFormShellCall}),
 * with Dockerfile ranges: exact when the JSON string has no escapes, else the whole element.
 * Undefined for other exec-form RUNs, and for a script the fast reader declines before
 * `initShellParser()` has loaded tree-sitter.
 */
export function execFormScript(instruction: Instruction, file: Dockerfile): ShellScript | undefined {
  forFile(file);
  const hit = cachedExecScripts.get(instruction);
  if (hit !== undefined) return hit ?? undefined;
  const call = execFormShellCall(instruction);
  if (!call) return parseInto(cachedExecScripts, instruction, undefined);
  const { value, range } = call.script;
  // The element's range holds its quotes; inside them, the text is the value unless it has escapes.
  const exact = file.text.slice(range.start + 1, range.end - 1) === value;
  const map: RangeMapper = exact ? (a, b) => ({ start: range.start + 1 + a, end: range.start + 1 + b }) : () => ({ start: range.start, end: range.end });
  return parseInto(cachedExecScripts, instruction, { text: value, map });
}

/**
 * The parsed script a shell is handed in one word (`sh -c "curl -k …"`: the word's value), with
 * Dockerfile ranges: exact where the word is written as its value, bare or inside one pair of
 * quotes (a JSON string without escapes), else the whole word. The fast reader only: undefined for
 * a script it declines. `needsShellParser` does not look inside such words, so whether tree-sitter
 * happens to be loaded (by another file of the same run) must not change what a lint finds here.
 * Not cached: callers keep it.
 */
export function parseScriptWord(word: { value: string; range: Span }, text: string): ShellScript | undefined {
  const { value, range } = word;
  const written = text.slice(range.start, range.end);
  const offset = written === value ? range.start : text.slice(range.start + 1, range.end - 1) === value && /^["']/.test(written) ? range.start + 1 : -1;
  const map: RangeMapper = offset >= 0 ? (a, b) => ({ start: offset + a, end: offset + b }) : () => ({ start: range.start, end: range.end });
  return parseShellFast(value, map);
}

/**
 * The script of a RUN and its mapping, without parsing it (shared with the ShellCheck runner).
 * Undefined when `shell` (default: the SHELL in effect) is not POSIX. The ShellCheck runner passes
 * the shell it checks in, where a later `# hadolint shell=` pragma overrides SHELL.
 */
export function runScriptSource(instruction: Instruction, file: Dockerfile, shell: string[] | null = shellInEffect(instruction, file)): RunScriptSource | undefined {
  const run = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
  if (!run || run.keyword !== 'RUN' || run.json) return undefined;
  if (!isPosixShell(shell)) return undefined;
  const built = buildPieces(run, file);
  if (!built) return undefined;
  const { text, pieces, heredocScript, interpreter } = built;
  // A script run as a file obeys its `#!`; one fed to a shell (`RUN <<EOF bash`) reads it as a comment.
  if (heredocScript && !interpreter && !shebangIsPosix(text)) return undefined;
  const offsetOf = (o: number): number => charSource(pieces, o, text.length, run);
  const map: RangeMapper = pieces.length === 1 && pieces[0]!.length === text.length && text.length > 0
    ? singlePieceMapper(pieces[0]!)
    : (s, e) => rangeOf(pieces, s, e, text.length, run);
  return { run, text, map, offsetOf, shell, heredocScript, ...(interpreter ? { interpreter } : {}) };
}

interface Built {
  text: string;
  pieces: Piece[];
  heredocScript: boolean;
  interpreter?: string;
}

function buildPieces(run: Instruction, file: Dockerfile): Built | undefined {
  // The arguments as the shell sees them: the logical line (continuations joined, comment lines dropped).
  const argsText = run.argsText;
  // Words are mapped in order: the hint saves a search over the line's segments per offset.
  const hint: SegmentHint = { index: 0 };
  const { segments, argsOffset } = run;
  const argsStart = run.argsRange.start;
  // A RUN on one line (one segment holding all of its arguments) maps by adding a constant.
  const seg = segments.length === 1 ? segments[0]! : undefined;
  const contiguous = seg !== undefined && argsOffset >= seg.logicalStart && argsOffset + argsText.length <= seg.logicalStart + seg.length;
  const argsPiece: Piece = {
    start: 0,
    length: argsText.length,
    source: contiguous ? seg.sourceStart + argsOffset - seg.logicalStart : (k) => mapStart(segments, argsOffset + k, argsStart + k, hint),
  };
  if (run.heredocs.length === 0) return { text: argsText, pieces: [argsPiece], heredocScript: false };

  const first = run.heredocs[0]!;
  // BuildKit reads heredoc lines without their CR; a space keeps every offset in place.
  const body = (h: Heredoc) => h.content.replace(/\r(?=\n)/g, ' ');
  const marker = file.text.slice(first.markerRange.start, first.markerRange.end);
  if (run.heredocs.length === 1) {
    const bodyOnly = { text: body(first), pieces: [{ start: 0, length: first.content.length, source: first.bodyRange.start }], heredocScript: true };
    // BuildKit runs a lone heredoc as a script file: the body is the script.
    if (argsText.trim() === marker.trim()) return bodyOnly;
    // `RUN <<EOF bash` / `RUN sh -ex <<EOF`: a shell reads the body from stdin, so it is a script too.
    const at = argsText.indexOf(marker.trim());
    const interpreter = at < 0 ? undefined : stdinShell(argsText.slice(0, at) + ' ' + argsText.slice(at + marker.trim().length));
    if (interpreter) return { ...bodyOnly, interpreter };
  }

  // Otherwise the shell gets the command line followed by each body and its terminator.
  let text = argsText;
  const pieces: Piece[] = [argsPiece];
  const push = (s: string, source: Piece['source']) => {
    pieces.push({ start: text.length, length: s.length, source });
    text += s;
  };
  for (const h of run.heredocs) {
    push('\n', Math.max(0, h.bodyRange.start - 1));
    if (h.content.length > 0) push(body(h), h.bodyRange.start);
    if (h.terminatorRange) {
      const terminator = file.text.slice(h.terminatorRange.start, h.terminatorRange.end);
      if (text.length > 0 && !text.endsWith('\n')) push('\n', Math.max(0, h.terminatorRange.start - 1));
      push(terminator, h.terminatorRange.start);
    }
  }
  return { text, pieces, heredocScript: false };
}

/** Dockerfile offset of the script character at `o` (or just past the last character for `o` = length). */
function charSource(pieces: Piece[], o: number, length: number, run: Instruction): number {
  if (length === 0) return run.argsRange.start;
  if (o >= length) return charSource(pieces, length - 1, length, run) + 1;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid]!.start <= o) lo = mid;
    else hi = mid - 1;
  }
  const p = pieces[lo]!;
  const k = Math.min(Math.max(0, o - p.start), Math.max(0, p.length - 1));
  return typeof p.source === 'number' ? p.source + k : p.source(k);
}

/**
 * {@link rangeOf} for a script that is one piece (a RUN line without heredocs, or a lone heredoc
 * body): the same result without the search over pieces, for the many words of a script.
 */
function singlePieceMapper(p: Piece): RangeMapper {
  const last = p.length - 1;
  const src = p.source;
  const at = typeof src === 'number' ? (k: number) => src + k : src;
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

/** A span of the script as a Dockerfile range: from its first character's source to just past its last. */
function rangeOf(pieces: Piece[], s: number, e: number, length: number, run: Instruction): Span {
  const start = charSource(pieces, s, length, run);
  const end = e > s ? charSource(pieces, e - 1, length, run) + 1 : start;
  return { start, end: Math.max(start, end) };
}

/**
 * The shell of a command line like `bash`, `/bin/sh -ex` or `bash -o pipefail` that reads its
 * script from stdin; undefined for anything else (`-c`, a script file argument, another program).
 */
function stdinShell(commandLine: string): string | undefined {
  const words = commandLine.trim().split(/\s+/).filter(Boolean);
  const name = words[0];
  if (!name || !isPosixShell([name])) return undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-o' || w === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(w) || w.includes('c')) return undefined;
  }
  return name;
}

/** A heredoc script without `#!`, or with a POSIX shell in its `#!` line, is shell. */
function shebangIsPosix(text: string): boolean {
  if (!text.startsWith('#!')) return true;
  const line = text.slice(2, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')).trim();
  return isPosixShell(line.split(/\s+/).filter(Boolean));
}
