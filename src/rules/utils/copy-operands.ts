// COPY and ADD operands as the rules read them: sources and destination, quotes, heredoc sources,
// archive suffixes (what ADD unpacks), remote sources, the `docker history` notation of a COPY/ADD,
// and the sources read from the build context after variable expansion (what BuildKit copies).
import { isRemoteSource } from '../../semantic/remote-source.js';
import { copyFromRef } from '../../semantic/stage-graph.js';
import type { SourceRange } from '../../core/range.js';
import { needsLexer } from '../../expand/index.js';
import type { Arg, Dockerfile, Instruction } from '../../parser/ast.js';
import { expandWord } from './expansion.js';
import { fileScratch } from './lint-scratch.js';
import { envBefore, inheritedTriggers } from './model.js';
import { stripQuotes } from './quotes.js';

/** Sources and destination of a COPY/ADD (heredoc sources included as written, e.g. `<<EOF`). */
export function copyOperands(ins: Instruction): { sources: Arg[]; dest: Arg } | undefined {
  if (ins.args.length < 2) return undefined;
  return { sources: ins.args.slice(0, -1), dest: ins.args[ins.args.length - 1]! };
}

/**
 * The value of a COPY/ADD operand without surrounding quotes (exec-form values have none). BuildKit
 * splits non-JSON operands at whitespace, so a quoted path with a space arrives in pieces that
 * each carry one quote (`"C:\Program`, `Files\app.tar"`); stray quotes at either end go too.
 */
export function operandValue(arg: Arg): string {
  const v = stripQuotes(arg.value);
  const first = v.charCodeAt(0);
  const last = v.charCodeAt(v.length - 1);
  // Most operands have no stray quote at either end: no regex, no copy.
  if (first !== 0x22 && first !== 0x27 && last !== 0x22 && last !== 0x27) return v;
  return v.replace(/^["']|["']$/g, '');
}

/** True when a source is a heredoc (`<<EOF`, `<<-EOF`). */
export function isHeredocSource(arg: Arg): boolean {
  return arg.value.startsWith('<<');
}

/** A content address as `docker history` prints a COPY/ADD source: `file:`, `dir:` or `multi:` and a sha256. */
const HISTORY_SOURCE = /^(?:file|dir|multi):[0-9a-f]{64}$/;

/**
 * True when a COPY/ADD is written in the notation of an image's history (`ADD file:<sha256> in /`,
 * `COPY multi:<sha256> in /app/`), as in a Dockerfile rebuilt from an image's layers: the builder
 * recorded one source by the digest of its content, so the operands are not paths of a build context.
 */
export function isHistoryNotation(ins: Instruction): boolean {
  const args = ins.args;
  if (args.length !== 2 && args.length !== 3) return false;
  if (args.length === 3 && args[1]!.value !== 'in') return false;
  return HISTORY_SOURCE.test(args[0]!.value);
}

/** hadolint's archive suffixes: each is one dot and what follows it, so a path ends with one exactly when its last dot starts one. */
const ARCHIVE_SUFFIXES = new Set(['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz']);

/** True when a path ends with an archive suffix (what ADD may unpack). */
export function isArchivePath(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot >= 0 && ARCHIVE_SUFFIXES.has(path.slice(dot));
}

/** Last path component, with `/` and `\` both separating (Windows paths appear in Dockerfiles too). */
export function basename(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}


/** hadolint's narrower test for a remote ADD source (DL3020): a URL or git address by its start. */
export function isUrlOrGitSource(src: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/)/.test(src);
}

/** One source path of a COPY/ADD that comes from the build context. */
export interface ContextSource {
  ins: Instruction;
  /** The source after variable expansion (unchanged when it cannot be expanded). */
  path: string;
  /** The source as written. */
  raw: string;
  range: SourceRange;
}

/**
 * Sources read from the build context by COPY (without --from) and ADD, in all stages (image-history
 * notation has none). Worked out once per file (four context-aware rules ask): do not modify the list.
 */
export function contextSources(file: Dockerfile): readonly ContextSource[] {
  const memo = fileScratch(file);
  let out = memo.get('copy-operands:context-sources') as ContextSource[] | undefined;
  if (!out) memo.set('copy-operands:context-sources', (out = findContextSources(file)));
  return out;
}

function findContextSources(file: Dockerfile): ContextSource[] {
  const out: ContextSource[] = [];
  for (const stage of file.stages) {
    for (const ins of stage.instructions) pushContextSources(out, file, ins, () => envBefore(file, ins));
  }
  return out;
}

/**
 * The context sources of the ONBUILD COPY/ADD triggers BuildKit runs in a stage built FROM their
 * stage (`inheritedTriggers`), expanded in that stage; `range` is the stage's FROM, where BuildKit
 * reports them.
 */
export function inheritedTriggerSources(file: Dockerfile): ContextSource[] {
  const out: ContextSource[] = [];
  for (const { stage, info } of inheritedTriggers(file)) {
    const found: ContextSource[] = [];
    pushContextSources(found, file, info.instruction, () => info.scope.env);
    for (const src of found) out.push({ ...src, range: stage.from.range });
  }
  return out;
}

/** The sources `ins` (a COPY without --from, or an ADD) reads from the build context, expanded in `env`. */
function pushContextSources(out: ContextSource[], file: Dockerfile, ins: Instruction, envOf: () => ReadonlyMap<string, string>): void {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
  if (copyFromRef(ins) !== undefined || (ins.keyword === 'ADD' && ins.flags.some((f) => f.name === 'from')) || isHistoryNotation(ins)) return;
  const heredocMarkers = ins.heredocs.length > 0 ? new Set(ins.heredocs.map((h) => h.markerRange.start)) : undefined;
  const args = ins.args;
  let env: ReadonlyMap<string, string> | undefined;
  for (let i = 0; i < args.length - 1; i++) {
    const a = args[i]!;
    if (heredocMarkers && (heredocMarkers.has(a.range.start) || a.value.startsWith('<<'))) continue;
    // ADD fetches a URL or git source; COPY refuses one (lint reports that as a syntax error).
    if (isRemoteSource(a.value)) continue;
    // A word the lexer would only copy expands to itself: no environment needed.
    const plain = !needsLexer(a.value, file.escapeChar);
    const path = plain ? a.value : (expandWord(file, a.value, (env ??= envOf()))?.result ?? a.value);
    if (!plain && isRemoteSource(path)) continue;
    out.push({ ins, path, raw: a.value, range: a.range });
  }
}
