// Chevrotain token types. A Dockerfile is line-oriented, so every token is one physical line
// (its `\n` included): directive, blank, comment, continued, instruction-ending, or heredoc body.
// Reference: https://docs.docker.com/reference/dockerfile/ and BuildKit's parser/parser.go.
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { EscapeChar } from './ast.js';
import { parseCommandLine } from './command.js';
import { parseDirectiveLine } from './directives.js';
import { heredocsFromLine, HeredocError, type HeredocMarker } from './heredoc.js';
import { classifyLine, containsHeredocOp, contentEnd, joinLines, LineKind, lineEndAt } from './lines.js';

// ---- Line classification, memoised per (text, offset, escape) so the patterns of one mode share it.

interface LineInfo {
  end: number;
  cEnd: number;
  kind: LineKind;
}

const memo = { bs: { offset: -1, info: null as LineInfo | null }, bt: { offset: -1, info: null as LineInfo | null } };

/** Forgets the memoised line: call before each tokenize (texts are not compared, only offsets). */
export function resetLineMemo(): void {
  memo.bs.offset = -1;
  memo.bt.offset = -1;
}

function lineAt(text: string, offset: number, escape: EscapeChar): LineInfo | null {
  if (offset >= text.length) return null;
  const slot = escape === '\\' ? memo.bs : memo.bt;
  if (slot.offset === offset) return slot.info;
  const end = lineEndAt(text, offset);
  const cEnd = contentEnd(text, offset, end);
  const info = { end, cEnd, kind: classifyLine(text, offset, cEnd, escape.charCodeAt(0)) };
  slot.offset = offset;
  slot.info = info;
  return info;
}

function matchTo(text: string, offset: number, end: number, payload?: unknown): [string] & { payload?: unknown } {
  const m = [text.slice(offset, end)] as [string] & { payload?: unknown };
  if (payload !== undefined) m.payload = payload;
  return m;
}

// ---- Abstract categories the parser consumes (each has one concrete token per escape mode).

/** A parser directive line at the top of the file (`# syntax=...`). */
export const DirectiveLine = createToken({ name: 'DirectiveLine', pattern: Lexer.NA });
/** A whitespace-only line. */
export const BlankLine = createToken({ name: 'BlankLine', pattern: Lexer.NA });
/** A `#` comment line (possibly indented). */
export const CommentLine = createToken({ name: 'CommentLine', pattern: Lexer.NA });
/** A line ending with the escape character: the instruction continues. */
export const ContinuationLine = createToken({ name: 'ContinuationLine', pattern: Lexer.NA });
/** The last line of an instruction. */
export const InstructionLine = createToken({ name: 'InstructionLine', pattern: Lexer.NA });
/** The last line of an instruction that opens heredocs: the lexer enters heredoc mode after it. */
export const HeredocInstructionLine = createToken({ name: 'HeredocInstructionLine', pattern: Lexer.NA });
/** Any line of heredoc mode. */
export const HeredocBodyLine = createToken({ name: 'HeredocBodyLine', pattern: Lexer.NA });

/** Payload of line tokens that may sit inside a continuation: offset where it started, or -1. */
type ContStart = number;

function isDirectiveToken(t: IToken | undefined): boolean {
  return t !== undefined && (t.tokenType === DirectiveBs || t.tokenType === DirectiveBt || t.tokenType === EscapeBacktick);
}

/** Whether the escape directive was already seen in the directive prologue. */
function escapeSeen(prev: IToken | undefined): boolean {
  return prev !== undefined && isDirectiveToken(prev) && (prev.payload as { escapeSeen: boolean }).escapeSeen;
}

function contStartOf(prev: IToken | undefined): ContStart {
  if (!prev) return -1;
  const tt = prev.tokenType;
  if (tt === ContBs || tt === ContBt || tt === BlankBs || tt === BlankBt || tt === CommentBs || tt === CommentBt) {
    return prev.payload as ContStart;
  }
  return -1;
}

function directivePattern(escape: EscapeChar, onlyBacktick: boolean) {
  return (text: string, offset: number, tokens: IToken[]) => {
    const prev = tokens[tokens.length - 1];
    if (prev !== undefined && !isDirectiveToken(prev)) return null;
    const info = lineAt(text, offset, escape);
    if (!info || info.kind !== LineKind.Comment) return null;
    const d = parseDirectiveLine(text, offset, info.cEnd);
    if (!d) return null;
    const seen = escapeSeen(prev);
    const isEscape = d.name === 'escape';
    if (onlyBacktick !== (isEscape && !seen && d.value === '`')) return null;
    return matchTo(text, offset, info.end, { escapeSeen: seen || isEscape });
  };
}

function kindPattern(escape: EscapeChar, kind: LineKind) {
  return (text: string, offset: number, tokens: IToken[]) => {
    const info = lineAt(text, offset, escape);
    if (!info || info.kind !== kind) return null;
    return matchTo(text, offset, info.end, contStartOf(tokens[tokens.length - 1]));
  };
}

function continuationPattern(escape: EscapeChar) {
  return (text: string, offset: number, tokens: IToken[]) => {
    const info = lineAt(text, offset, escape);
    if (!info || info.kind !== LineKind.Continuation) return null;
    const cs = contStartOf(tokens[tokens.length - 1]);
    return matchTo(text, offset, info.end, cs >= 0 ? cs : offset);
  };
}

/** Heredocs opened by the instruction ending at this line, or null. */
function heredocsOfInstruction(text: string, start: number, end: number, escape: EscapeChar): HeredocMarker[] | null {
  if (!containsHeredocOp(text, start, end)) return null;
  const joined = joinLines(text, start, end, escape);
  return heredocsOfLine(joined.original, escape);
}

/** The heredocs BuildKit reads for this logical line (none for other instructions or JSON form). */
export function heredocsOfLine(line: string, escape: EscapeChar): HeredocMarker[] | null {
  if (!line.includes('<<')) return null;
  const ins = parseCommandLine(line, 0, line.length, escape);
  const target = ins.lower === 'onbuild' ? ins.trigger : ins;
  if (!target || ins.errors.length > 0) return null;
  if (target.lower !== 'run' && target.lower !== 'copy' && target.lower !== 'add') return null;
  if (target.json) return null;
  try {
    const docs = heredocsFromLine(line, 0, line.length);
    return docs.length > 0 ? docs : null;
  } catch (e) {
    if (e instanceof HeredocError) return null;
    throw e;
  }
}

function instructionPattern(escape: EscapeChar, withHeredoc: boolean) {
  return (text: string, offset: number, tokens: IToken[]) => {
    const info = lineAt(text, offset, escape);
    if (!info || info.kind !== LineKind.Text) return null;
    const cs = contStartOf(tokens[tokens.length - 1]);
    const docs = heredocsOfInstruction(text, cs >= 0 ? cs : offset, info.end, escape);
    if (withHeredoc !== (docs !== null)) return null;
    return matchTo(text, offset, info.end, docs ?? undefined);
  };
}

// ---- Heredoc mode: body lines until the terminator of each pending heredoc.

interface HeredocState {
  docs: HeredocMarker[];
  index: number;
}

function heredocState(prev: IToken | undefined): HeredocState | null {
  if (!prev) return null;
  if (prev.tokenType === HeredocOpenBs || prev.tokenType === HeredocOpenBt) return { docs: prev.payload as HeredocMarker[], index: 0 };
  const st = prev.payload as HeredocState;
  if (prev.tokenType === HeredocTerminator) return { docs: st.docs, index: st.index + 1 };
  return st;
}

function isTerminator(text: string, offset: number, cEnd: number, doc: HeredocMarker): boolean {
  let s = offset;
  if (doc.chomp) while (s < cEnd && text.charCodeAt(s) === 9) s++;
  return cEnd - s === doc.name.length && text.startsWith(doc.name, s);
}

function heredocPattern(which: 'line' | 'terminator' | 'last') {
  return (text: string, offset: number, tokens: IToken[]) => {
    if (offset >= text.length) return null;
    const st = heredocState(tokens[tokens.length - 1]);
    if (!st) return null;
    const doc = st.docs[st.index];
    if (!doc) return null;
    const end = lineEndAt(text, offset);
    const term = isTerminator(text, offset, contentEnd(text, offset, end), doc);
    const last = st.index === st.docs.length - 1;
    const kind = !term ? 'line' : last ? 'last' : 'terminator';
    if (kind !== which) return null;
    // Reuse the state object for plain lines so long bodies allocate nothing per line.
    const prev = tokens[tokens.length - 1]!;
    const payload = which === 'line' && prev.tokenType === HeredocLine ? prev.payload : st;
    return matchTo(text, offset, end, payload);
  };
}

// ---- Concrete tokens.

function lineToken(name: string, pattern: (t: string, o: number, tokens: IToken[]) => unknown, categories: TokenType[], extra: Partial<{ push_mode: string; pop_mode: boolean }> = {}): TokenType {
  return createToken({
    name,
    pattern: { exec: pattern as never },
    line_breaks: true,
    categories,
    ...extra,
  });
}

/** A UTF-8 byte-order mark at offset 0: BuildKit discards it from the first line. */
export const Bom = createToken({
  name: 'Bom',
  pattern: { exec: ((text: string, offset: number) => (offset === 0 && text.charCodeAt(0) === 0xfeff ? ['\ufeff'] : null)) as never },
  group: Lexer.SKIPPED,
});

/** `# escape=\`` in the directive prologue: switches the lexer to backtick mode. */
export const EscapeBacktick = lineToken('EscapeBacktick', directivePattern('\\', true), [DirectiveLine], { push_mode: 'backtick' });
const DirectiveBs = lineToken('DirectiveBs', directivePattern('\\', false), [DirectiveLine]);
const DirectiveBt = lineToken('DirectiveBt', directivePattern('`', false), [DirectiveLine]);
const BlankBs = lineToken('BlankBs', kindPattern('\\', LineKind.Blank), [BlankLine]);
const BlankBt = lineToken('BlankBt', kindPattern('`', LineKind.Blank), [BlankLine]);
const CommentBs = lineToken('CommentBs', kindPattern('\\', LineKind.Comment), [CommentLine]);
const CommentBt = lineToken('CommentBt', kindPattern('`', LineKind.Comment), [CommentLine]);
const ContBs = lineToken('ContinuationBs', continuationPattern('\\'), [ContinuationLine]);
const ContBt = lineToken('ContinuationBt', continuationPattern('`'), [ContinuationLine]);
const HeredocOpenBs = lineToken('HeredocOpenBs', instructionPattern('\\', true), [HeredocInstructionLine], { push_mode: 'heredoc' });
const HeredocOpenBt = lineToken('HeredocOpenBt', instructionPattern('`', true), [HeredocInstructionLine], { push_mode: 'heredoc' });
const InstrBs = lineToken('InstructionBs', instructionPattern('\\', false), [InstructionLine]);
const InstrBt = lineToken('InstructionBt', instructionPattern('`', false), [InstructionLine]);
/** A heredoc body line. */
export const HeredocLine = lineToken('HeredocLine', heredocPattern('line'), [HeredocBodyLine]);
/** The terminator of a heredoc that is followed by another one on the same instruction. */
export const HeredocTerminator = lineToken('HeredocTerminator', heredocPattern('terminator'), [HeredocBodyLine]);
/** The terminator of the instruction's last heredoc: back to the enclosing mode. */
export const HeredocLastTerminator = lineToken('HeredocLastTerminator', heredocPattern('last'), [HeredocBodyLine], { pop_mode: true });

/** Lexer modes: one per escape character, plus heredoc bodies. */
export const lexerDefinition = {
  modes: {
    backslash: [Bom, EscapeBacktick, DirectiveBs, BlankBs, CommentBs, ContBs, HeredocOpenBs, InstrBs],
    backtick: [DirectiveBt, BlankBt, CommentBt, ContBt, HeredocOpenBt, InstrBt],
    heredoc: [HeredocLine, HeredocTerminator, HeredocLastTerminator],
  },
  defaultMode: 'backslash',
};

/** Every token type, categories first (the parser's vocabulary). */
export const allTokens: TokenType[] = [
  DirectiveLine, BlankLine, CommentLine, ContinuationLine, InstructionLine, HeredocInstructionLine, HeredocBodyLine,
  Bom, EscapeBacktick, DirectiveBs, DirectiveBt, BlankBs, BlankBt, CommentBs, CommentBt, ContBs, ContBt,
  HeredocOpenBs, HeredocOpenBt, InstrBs, InstrBt, HeredocLine, HeredocTerminator, HeredocLastTerminator,
];
