// Chevrotain token types. BuildKit reads a Dockerfile line by line, so tokens are line-shaped: a
// directive line, a run of blank lines, a comment line, a whole instruction (its continued lines,
// with the comments and blank lines inside them), and heredoc bodies (each up to its terminator).
// The escape directive and heredocs change how lines are read: they are lexer modes.
// Reference: https://docs.docker.com/reference/dockerfile/ and BuildKit's parser/parser.go.
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import type { EscapeChar } from './ast.js';
import { detectHeredocs, parseCommandLine, type RawInstruction } from './command.js';
import { parseDirectiveLine } from './directives.js';
import type { HeredocMarker } from './heredoc.js';
import { classifyLine, contentEnd, joinLines, LineKind, lineEndAt, type JoinedLine } from './lines.js';

/** Payload of instruction tokens: the joined logical line and the heredocs it opens. */
export interface InstructionPayload {
  joined: JoinedLine;
  heredocs: HeredocMarker[] | null;
  /** The split line, when the lexer already needed it (lines containing `<<`). */
  raw?: RawInstruction;
  /** BuildKit's error for an unreadable heredoc delimiter. */
  heredocError?: string;
}

/** Payload of heredoc body tokens: where the terminator line starts, or -1 when unterminated. */
export interface HeredocBodyPayload {
  terminator: number;
}

const enum Stmt {
  Trivia,
  Instruction,
  HeredocInstruction,
}

interface Scanned {
  kind: Stmt;
  end: number;
  /** End of the first line, its terminator included (a directive is one line). */
  firstEnd: number;
  /** Content end of the first line (for directives). */
  cEnd: number;
  /** Whether the first line is a comment. */
  comment?: boolean;
  payload?: InstructionPayload;
}

// What starts at an offset is computed once and shared by the patterns of the mode, which are tried
// in turn at the same offset.
const memo = { bs: { offset: -1, value: null as Scanned | null }, bt: { offset: -1, value: null as Scanned | null } };

/** Forgets the memoised statement: call before each tokenize (offsets are compared, not texts). */
export function resetLineMemo(): void {
  memo.bs.offset = -1;
  memo.bt.offset = -1;
}

function scanAt(text: string, offset: number, escape: EscapeChar): Scanned | null {
  if (offset >= text.length) return null;
  const slot = escape === '\\' ? memo.bs : memo.bt;
  if (slot.offset === offset) return slot.value;
  const value = scanStatement(text, offset, escape);
  slot.offset = offset;
  slot.value = value;
  return value;
}

function scanStatement(text: string, offset: number, escape: EscapeChar): Scanned {
  const esc = escape.charCodeAt(0);
  const end = lineEndAt(text, offset);
  const cEnd = contentEnd(text, offset, end);
  const kind = classifyLine(text, offset, cEnd, esc);
  if (kind === LineKind.Comment || kind === LineKind.Blank) {
    // Comment and blank lines between instructions form one trivia token.
    let e = end;
    while (e < text.length) {
      const le = lineEndAt(text, e);
      const k = classifyLine(text, e, contentEnd(text, e, le), esc);
      if (k !== LineKind.Comment && k !== LineKind.Blank) break;
      e = le;
    }
    return { kind: Stmt.Trivia, end: e, firstEnd: end, cEnd, comment: kind === LineKind.Comment };
  }
  const joined = joinLines(text, offset, escape, end, cEnd);
  const line = joined.original;
  // Only a line with `<<` can open heredocs; then the split done here is handed on to the AST step.
  if (!line.includes('<<')) return { kind: Stmt.Instruction, end: joined.end, firstEnd: end, cEnd, payload: { joined, heredocs: null } };
  const raw = parseCommandLine(line, 0, line.length, escape);
  const found = detectHeredocs(raw, line);
  const heredocs = found.markers.length > 0 ? found.markers : null;
  return {
    kind: heredocs ? Stmt.HeredocInstruction : Stmt.Instruction, end: joined.end, firstEnd: end, cEnd,
    payload: { joined, heredocs, raw, heredocError: found.error },
  };
}

function matchTo(text: string, offset: number, end: number, payload?: unknown): [string] & { payload?: unknown } {
  const m = [text.slice(offset, end)] as [string] & { payload?: unknown };
  if (payload !== undefined) m.payload = payload;
  return m;
}

// ---- Patterns.

function isDirectiveToken(t: IToken | undefined): boolean {
  return t !== undefined && (t.tokenType === DirectiveBs || t.tokenType === DirectiveBt || t.tokenType === EscapeBacktick);
}

/**
 * Directive lines: only while every earlier token was a directive (BuildKit stops looking at the
 * first other line). `onlyBacktick` selects the first `# escape=\`` line, which switches modes.
 */
function directivePattern(escape: EscapeChar, onlyBacktick: boolean) {
  return (text: string, offset: number, tokens: IToken[]) => {
    const prev = tokens[tokens.length - 1];
    if (prev !== undefined && !isDirectiveToken(prev)) return null;
    const s = scanAt(text, offset, escape);
    if (!s || !s.comment) return null;
    const d = parseDirectiveLine(text, offset, s.cEnd);
    if (!d) return null;
    const seen = prev !== undefined && (prev.payload as { escapeSeen: boolean }).escapeSeen;
    const isEscape = d.name === 'escape';
    if (onlyBacktick !== (isEscape && !seen && d.value === '`')) return null;
    return matchTo(text, offset, s.firstEnd, { escapeSeen: seen || isEscape });
  };
}

function stmtPattern(escape: EscapeChar, kind: Stmt) {
  return (text: string, offset: number) => {
    const s = scanAt(text, offset, escape);
    if (!s || s.kind !== kind) return null;
    return matchTo(text, offset, s.end, s.payload);
  };
}

function isTerminator(text: string, offset: number, cEnd: number, doc: HeredocMarker): boolean {
  let s = offset;
  if (doc.chomp) while (s < cEnd && text.charCodeAt(s) === 9) s++;
  return cEnd - s === doc.name.length && text.startsWith(doc.name, s);
}

/** Which heredoc of the opening instruction the next body belongs to. */
function pendingHeredoc(tokens: IToken[]): { docs: HeredocMarker[]; index: number } | null {
  let index = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.tokenType === HeredocBody) {
      index++;
      continue;
    }
    const p = t.payload as InstructionPayload | undefined;
    return p?.heredocs ? { docs: p.heredocs, index } : null;
  }
  return null;
}

/** A heredoc body: raw lines up to and including the terminator line (or to the end of the text). */
function heredocPattern(last: boolean) {
  return (text: string, offset: number, tokens: IToken[]) => {
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
        return matchTo(text, offset, end, { terminator: pos } satisfies HeredocBodyPayload);
      }
      pos = end;
    }
    return matchTo(text, offset, text.length, { terminator: -1 } satisfies HeredocBodyPayload);
  };
}

// ---- Tokens.

function lineToken(name: string, pattern: (t: string, o: number, tokens: IToken[]) => unknown, categories: TokenType[] = [], extra: Partial<{ push_mode: string; pop_mode: boolean }> = {}): TokenType {
  return createToken({ name, pattern: { exec: pattern as never }, line_breaks: true, categories, ...extra });
}

/** Category of directive lines (`# syntax=...`) at the top of the file. */
export const DirectiveLine = createToken({ name: 'DirectiveLine', pattern: Lexer.NA });
/** Category of runs of comment and blank lines between instructions. */
export const Trivia = createToken({ name: 'Trivia', pattern: Lexer.NA });
/** Category of instructions that open no heredoc. */
export const Instruction = createToken({ name: 'Instruction', pattern: Lexer.NA });
/** Category of instructions whose last line opens heredocs (the lexer then reads their bodies). */
export const HeredocInstruction = createToken({ name: 'HeredocInstruction', pattern: Lexer.NA });

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
const TriviaBs = lineToken('TriviaBs', stmtPattern('\\', Stmt.Trivia), [Trivia]);
const TriviaBt = lineToken('TriviaBt', stmtPattern('`', Stmt.Trivia), [Trivia]);
const InstructionBs = lineToken('InstructionBs', stmtPattern('\\', Stmt.Instruction), [Instruction]);
const InstructionBt = lineToken('InstructionBt', stmtPattern('`', Stmt.Instruction), [Instruction]);
const HeredocInstructionBs = lineToken('HeredocInstructionBs', stmtPattern('\\', Stmt.HeredocInstruction), [HeredocInstruction], { push_mode: 'heredoc' });
const HeredocInstructionBt = lineToken('HeredocInstructionBt', stmtPattern('`', Stmt.HeredocInstruction), [HeredocInstruction], { push_mode: 'heredoc' });
/** A heredoc body followed by another heredoc of the same instruction. */
export const HeredocBody = lineToken('HeredocBody', heredocPattern(false));
/** The body of an instruction's last heredoc: back to the enclosing mode. */
export const HeredocLastBody = lineToken('HeredocLastBody', heredocPattern(true), [], { pop_mode: true });

/** Lexer modes: one per escape character (chosen by the directive), plus heredoc bodies. */
export const lexerDefinition = {
  modes: {
    backslash: [Bom, EscapeBacktick, DirectiveBs, InstructionBs, TriviaBs, HeredocInstructionBs],
    backtick: [DirectiveBt, InstructionBt, TriviaBt, HeredocInstructionBt],
    heredoc: [HeredocBody, HeredocLastBody],
  },
  defaultMode: 'backslash',
};

/** Every token type (the parser's vocabulary). */
export const allTokens: TokenType[] = [
  DirectiveLine, Trivia, Instruction, HeredocInstruction,
  Bom, EscapeBacktick, DirectiveBs, DirectiveBt, TriviaBs, TriviaBt,
  InstructionBs, InstructionBt, HeredocInstructionBs, HeredocInstructionBt, HeredocBody, HeredocLastBody,
];
