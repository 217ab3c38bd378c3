// The one CST→AST step: walks the line-level CST, joins each instruction's lines, splits them with
// command.ts, attaches heredoc bodies and comments, and maps every logical offset back to the source.
// Chevrotain's inclusive token end offsets never leave this file: ranges here are half-open.
import type { CstNode, IToken } from 'chevrotain';
import type { DockerfileCstNode } from './cst.gen.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { LineIndex } from '../core/line-index.js';
import type { SourceRange } from '../core/range.js';
import type {
  Arg, Comment, Directive, Dockerfile, EscapeChar, Flag, Heredoc, Instruction, KeyValue, Segment, Stage,
} from './ast.js';
import { KNOWN_INSTRUCTIONS, parseCommandLine, type RawInstruction } from './command.js';
import { parseDirectiveLine } from './directives.js';
import type { HeredocMarker } from './heredoc.js';
import { contentEnd, lineEndAt as lineEnd, mapEnd, mapStart } from './lines.js';
import { goLower, goTrimSpace, goUpper, skipGoSpace } from './text.js';
import { EscapeBacktick, type HeredocBodyPayload, type InstructionPayload } from './tokens.js';

/** URL of BuildKit's NoEmptyContinuation rule. */
const NO_EMPTY_CONTINUATION_URL = 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/';

interface Ctx {
  /** Instructions that failed at the parser level (BuildKit stops there; no further checks). */
  failed: Set<Instruction>;
  text: string;
  li: LineIndex;
  escape: EscapeChar;
  diagnostics: Diagnostic[];
  comments: Comment[];
}

function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

function syntax(ctx: Ctx, message: string, start: number, end: number): void {
  ctx.diagnostics.push({ code: 'syntax', severity: 'error', message, range: ctx.li.range(start, end) });
}

/** Builds the Dockerfile AST from the CST of `text`; also returns the instructions with parse errors. */
export function toAst(text: string, cst: CstNode, li: LineIndex): { file: Dockerfile; failed: Set<Instruction> } {
  const ch = (cst as DockerfileCstNode).children;
  const directives = ch.DirectiveLine ?? [];
  const trivia = ch.Trivia ?? [];
  const plain = ch.Instruction ?? [];
  const withHeredocs = ch.HeredocInstruction ?? [];
  const bodies = mergeByOffset(ch.HeredocBody ?? [], ch.HeredocLastBody ?? []);
  const escape: EscapeChar = directives.some((t) => t.tokenType === EscapeBacktick) ? '`' : '\\';
  const ctx: Ctx = { failed: new Set(), text, li, escape, diagnostics: [], comments: [] };
  const out: Dockerfile = {
    text, lineIndex: li, escapeChar: escape, directives: [], comments: ctx.comments, instructions: [],
    globalArgs: [], stages: [], diagnostics: ctx.diagnostics,
  };

  readDirectives(ctx, directives, out.directives);

  // The flat CST keeps each token kind in its own array: walk them together in document order.
  const prev: { comments: string[] } = { comments: [] };
  let ti = 0;
  let pi = 0;
  let hi = 0;
  let bi = 0;
  for (;;) {
    const t = trivia[ti];
    const p = plain[pi];
    const h = withHeredocs[hi];
    const tOff = t ? t.startOffset : Infinity;
    const pOff = p ? p.startOffset : Infinity;
    const hOff = h ? h.startOffset : Infinity;
    if (tOff === Infinity && pOff === Infinity && hOff === Infinity) break;
    if (tOff < pOff && tOff < hOff) {
      ti++;
      readTrivia(ctx, t!, prev);
      continue;
    }
    let head: IToken;
    let own: IToken[] = NO_TOKENS;
    if (pOff < hOff) {
      head = p!;
      pi++;
    } else {
      head = h!;
      hi++;
      // Heredoc bodies follow their instruction directly, one token per heredoc.
      const wanted = (head.payload as InstructionPayload).heredocs?.length ?? 0;
      let at = tokenEnd(head);
      own = [];
      while (bi < bodies.length && own.length < wanted && bodies[bi]!.startOffset === at) {
        at = tokenEnd(bodies[bi]!);
        own.push(bodies[bi++]!);
      }
    }
    out.instructions.push(buildInstruction(ctx, head, own, prev.comments));
    prev.comments = [];
  }

  if (out.instructions.length === 0) {
    // At line 1, column 1: after a byte-order mark, where every other finding of the line starts.
    const first = li.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    ctx.diagnostics.push({ code: 'syntax', severity: 'error', message: 'file with no instructions', range: li.range(first, first) });
  }
  groupStages(out);
  return { file: out, failed: ctx.failed };
}

const NO_TOKENS: IToken[] = [];

function mergeByOffset(a: IToken[], b: IToken[]): IToken[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: IToken[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.startOffset < b[j]!.startOffset)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/**
 * Comment and blank lines between instructions: each comment is recorded, and BuildKit's
 * PrevComment list grows (the raw line minus its first byte, trimmed) or resets on a bare `#`.
 */
function readTrivia(ctx: Ctx, tok: IToken, prev: { comments: string[] }): void {
  const { text } = ctx;
  const end = tokenEnd(tok);
  let pos = tok.startOffset;
  while (pos < end) {
    const lEnd = Math.min(lineEnd(text, pos), end);
    const cEnd = contentEnd(text, pos, lEnd);
    if (skipGoSpace(text, pos, cEnd) < cEnd) {
      addComment(ctx, pos, lEnd);
      const t = goTrimSpace(text.slice(pos + 1, lEnd));
      if (t === '') prev.comments = [];
      else prev.comments.push(t);
    }
    pos = lEnd;
  }
}

function readDirectives(ctx: Ctx, tokens: IToken[], out: Directive[]): void {
  const seen = new Set<string>();
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
    if (d.name === 'escape' && d.value !== '\\' && d.value !== '`') {
      syntax(ctx, `invalid escape token '${d.value}' does not match \` or \\`, d.valueStart, d.valueEnd);
    }
    out.push({
      name: d.name, value: d.value, range,
      nameRange: ctx.li.range(d.nameStart, d.nameEnd), valueRange: ctx.li.range(d.valueStart, d.valueEnd),
    });
  }
}

function addComment(ctx: Ctx, start: number, end: number): Comment {
  const cEnd = contentEnd(ctx.text, start, Math.min(end, lineEnd(ctx.text, start)));
  const hash = skipGoSpace(ctx.text, start, cEnd);
  const comment = { text: goTrimSpace(ctx.text.slice(hash + 1, cEnd)), range: ctx.li.range(hash, cEnd) };
  ctx.comments.push(comment);
  return comment;
}

function buildInstruction(ctx: Ctx, head: IToken, bodies: IToken[], prevComment: string[]): Instruction {
  const { text, li } = ctx;
  const { joined } = head.payload as InstructionPayload;
  const innerComments = joined.commentLines.map((pos) => addComment(ctx, pos, joined.end));
  const { original, segments, start } = joined;
  const payload = head.payload as InstructionPayload;
  const raw = payload.raw ?? parseCommandLine(original, 0, original.length, ctx.escape);
  // Heredocs were detected by the lexer (which read their bodies in heredoc mode).
  const markers: HeredocMarker[] = payload.heredocs ?? [];
  if (payload.heredocError) raw.errors.push({ message: payload.heredocError, start: raw.argsStart, end: raw.argsEnd });
  let end = joined.lastLineEnd;
  const heredocs: Heredoc[] = [];
  let cursor = joined.end;
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i]!;
    const body = bodies[i];
    const bodyStart = cursor;
    const term = body ? (body.payload as HeredocBodyPayload).terminator : -1;
    const bodyEnd = term >= 0 ? term : body ? tokenEnd(body) : cursor;
    if (body) cursor = tokenEnd(body);
    const markerRange = li.range(mapStart(segments, m.start, start), mapEnd(segments, m.end, start));
    const termEnd = term >= 0 ? contentEnd(text, term, cursor) : -1;
    heredocs.push({
      name: m.name, fileDescriptor: m.fileDescriptor, expand: m.expand, chomp: m.chomp,
      content: text.slice(bodyStart, bodyEnd), markerRange, bodyRange: li.range(bodyStart, bodyEnd),
      terminatorRange: term >= 0 ? li.range(term, termEnd) : null,
    });
    if (term >= 0) {
      end = termEnd;
    } else {
      if (body) end = contentEnd(text, bodyStart, cursor);
      syntax(ctx, 'unterminated heredoc', start, Math.max(end, joined.lastLineEnd));
      break;
    }
  }

  if (joined.emptyContinuation) {
    ctx.diagnostics.push({
      code: 'NoEmptyContinuation', severity: 'warning', message: 'Empty continuation line',
      range: li.range(joined.lastLineStart, joined.lastLineEnd), url: NO_EMPTY_CONTINUATION_URL,
    });
  }

  const ins = materialize(ctx, raw, original, segments, 0, start, end, heredocs, prevComment);
  ins.comments = innerComments;
  if (raw.errors.length > 0 || heredocs.some((h) => h.terminatorRange === null)) ctx.failed.add(ins);
  for (const e of raw.errors) {
    const a = mapStart(segments, e.start, start);
    syntax(ctx, e.message, a, Math.max(mapEnd(segments, e.end, start), a));
  }
  return ins;
}

/** Turns a RawInstruction (logical offsets in the parent's line) into an Instruction with ranges. */
function materialize(
  ctx: Ctx, raw: RawInstruction, line: string, segments: Segment[], base: number, start: number, end: number,
  heredocs: Heredoc[], prevComment: string[],
): Instruction {
  const { li } = ctx;
  const fallback = start;
  const ms = (o: number): number => mapStart(segments, o, fallback);
  const range = (s: number, e: number): SourceRange => {
    const a = ms(s);
    if (e <= s) return li.range(a, a);
    return li.range(a, Math.max(a, mapEnd(segments, e, fallback)));
  };
  const flags: Flag[] = raw.flags.map((f) => {
    const eq = f.eq >= 0 ? f.eq : -1;
    const name = eq >= 0 ? f.raw.slice(2, f.raw.indexOf('=')) : f.raw.slice(2);
    const value = eq >= 0 ? f.raw.slice(f.raw.indexOf('=') + 1) : null;
    return {
      name, value, raw: f.raw, range: range(f.start, f.end),
      nameRange: range(f.start + 2, eq >= 0 ? eq : f.end),
      valueRange: eq >= 0 ? range(eq + 1, f.end) : null,
    };
  });
  let args: Arg[];
  const pairs: KeyValue[] = [];
  if (raw.pairs.length > 0) {
    // ENV/LABEL: the Next list is key, value, separator per pair; keys and values share ranges.
    args = [];
    for (let i = 0; i < raw.pairs.length; i++) {
      const p = raw.pairs[i]!;
      const keyRange = range(p.key.start, p.key.end);
      const valueRange = range(p.value.start, p.value.end);
      pairs.push({ key: p.key.value, value: p.value.value, sep: p.sep, range: range(p.start, p.end), keyRange, valueRange });
      const sep = raw.args[i * 3 + 2]!;
      args.push({ value: p.key.value, range: keyRange }, { value: p.value.value, range: valueRange }, { value: sep.value, range: range(sep.start, sep.end) });
    }
  } else {
    args = raw.lower === 'onbuild' ? [] : raw.args.map((a) => ({ value: a.value, range: range(a.start, a.end) }));
  }
  const original = base === 0 && raw.start === 0 ? line : line.slice(base);
  const segs = base === 0 ? segments : rebase(segments, base, line.length);
  const ins: Instruction = {
    type: 'instruction',
    keyword: canonicalKeyword(raw),
    keywordRaw: raw.keywordRaw,
    keywordRange: range(raw.keywordStart, raw.keywordEnd),
    range: li.range(start, Math.max(start, end)),
    original,
    segments: segs,
    flags,
    args,
    argsText: raw.argsText,
    argsOffset: raw.argsStart - base,
    argsRange: range(raw.argsStart, raw.argsEnd),
    json: raw.json,
    heredocs,
    prevComment,
    comments: [],
    pairs,
    stageIndex: -1,
  };
  if (raw.trigger) {
    const t = raw.trigger;
    const tStart = ms(t.keywordStart);
    // The trigger's Original is ONBUILD's argument string.
    const trig = materialize(ctx, t, line.slice(0, raw.argsEnd), segments, raw.argsStart, tStart, end, heredocs, []);
    ins.trigger = trig;
  }
  return ins;
}

/** The part of `segments` covering logical offsets [base, end), re-based to start at 0. */
function rebase(segments: Segment[], base: number, end: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const sEnd = Math.min(s.logicalStart + s.length, end);
    if (sEnd <= base || s.logicalStart >= end) continue;
    const cut = Math.max(0, base - s.logicalStart);
    out.push({ logicalStart: s.logicalStart + cut - base, sourceStart: s.sourceStart + cut, length: sEnd - s.logicalStart - cut });
  }
  return out;
}

const UPPER = new Map<string, string>(KNOWN_INSTRUCTIONS.map((k) => [k, k.toUpperCase()]));
function canonicalKeyword(raw: RawInstruction): string {
  return UPPER.get(raw.lower) ?? goUpper(raw.keywordRaw);
}

/** Groups instructions into stages and fills stageIndex and globalArgs. */
function groupStages(file: Dockerfile): void {
  let stage: Stage | null = null;
  const close = (): void => {
    if (!stage) return;
    const last = stage.instructions[stage.instructions.length - 1];
    if (last) stage.range = file.lineIndex.range(stage.from.range.start, last.range.end);
  };
  for (const ins of file.instructions) {
    if (ins.keyword === 'FROM') {
      close();
      const a = ins.args;
      const hasName = a.length === 3 && isAs(a[1]!.value);
      const platform = ins.flags.find((f) => f.name === 'platform');
      stage = {
        index: file.stages.length,
        name: hasName ? goLower(a[2]!.value) : null,
        nameRaw: hasName ? a[2]!.value : null,
        nameRange: hasName ? a[2]!.range : null,
        base: a[0]?.value ?? '',
        baseRange: a[0]?.range ?? file.lineIndex.range(ins.argsRange.start, ins.argsRange.start),
        platform: platform ? platform.value : null,
        from: ins,
        instructions: [],
        range: ins.range,
      };
      file.stages.push(stage);
      ins.stageIndex = stage.index;
      continue;
    }
    if (!stage) {
      if (ins.keyword === 'ARG') file.globalArgs.push(ins);
      continue;
    }
    ins.stageIndex = stage.index;
    if (ins.trigger) setStage(ins.trigger, stage.index);
    stage.instructions.push(ins);
  }
  close();
}

function setStage(ins: Instruction, index: number): void {
  ins.stageIndex = index;
  if (ins.trigger) setStage(ins.trigger, index);
}

/** Go `strings.EqualFold(s, "as")`, including the long s (U+017F) that folds to `s`. */
function isAs(s: string): boolean {
  if (s.length !== 2) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(1);
  return (a === 0x61 || a === 0x41) && (b === 0x73 || b === 0x53 || b === 0x17f);
}

