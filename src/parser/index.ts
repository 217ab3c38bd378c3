// Public API of the Dockerfile parser: text or bytes in, a Dockerfile AST with exact ranges and
// syntax diagnostics out. Pure, and never throws whatever the input.
import type { Diagnostic } from '../core/diagnostic.js';
import { LineIndex } from '../core/line-index.js';
import type { Dockerfile, Instruction } from './ast.js';
import { decode } from './decode.js';
import { dump, dumpInstruction } from './dump.js';
import { tokenize } from './lexer.js';
import { mapEnd, mapStart } from './lines.js';
import { cstOf } from './parser.js';
import { utf8Length } from './text.js';
import { toAst } from './to-ast.js';
import { validate } from './validate.js';

export type * from './ast.js';
export { decode, dump, dumpInstruction };

/** BuildKit reads physical lines with a bufio.Scanner whose token limit is 64 KiB - 1 bytes. */
const MAX_LINE_BYTES = 65535;

/** Options of `parse`. */
export interface ParseOptions {
  /**
   * Also report the instruction-level errors BuildKit raises after parsing (unknown instruction,
   * argument counts, flags, stage names...). Default true; false gives exactly BuildKit's parser.
   */
  instructionChecks?: boolean;
}

/** Parses Dockerfile text. Never throws: failures become `syntax` diagnostics on the result. */
export function parse(text: string, options: ParseOptions = {}): Dockerfile {
  const li = new LineIndex(text);
  try {
    const { tokens } = tokenize(text);
    const { file, failed } = toAst(text, cstOf(tokens), li);
    checkLineLengths(file);
    if (options.instructionChecks !== false) validate(file, failed);
    file.diagnostics.sort((a, b) => a.range.start - b.range.start);
    return file;
  } catch (err) {
    // A bug must not take the caller down: report it and return an empty AST.
    return unparsed(text, 'syntax', `internal parser error: ${err instanceof Error ? err.message : String(err)}`, li);
  }
}

/**
 * `text` standing as a Dockerfile with no instructions and one error at its start: what is left of
 * a text that could not be parsed (an internal error) or is not parsed at all (too large).
 */
export function unparsed(text: string, code: string, message: string, li = new LineIndex(text)): Dockerfile {
  return {
    text, lineIndex: li, escapeChar: '\\', directives: [], comments: [], instructions: [], globalArgs: [], stages: [],
    diagnostics: [{ code, severity: 'error', message, range: li.range(0, 0) }],
  };
}

/** Decodes bytes (see `decode`) and parses them; decoding warnings come first. */
export function parseBytes(bytes: Uint8Array, options: ParseOptions = {}): Dockerfile {
  const { text, diagnostics } = decode(bytes);
  const file = parse(text, options);
  if (diagnostics.length > 0) file.diagnostics.unshift(...diagnostics);
  return file;
}

/** Source offset of a logical offset in `ins.original` (for range starts). */
export function sourceOffset(ins: Instruction, logicalOffset: number): number {
  return mapStart(ins.segments, logicalOffset, ins.range.start);
}

/** Source offset of a logical offset used as an exclusive end (stays on the earlier line). */
export function sourceEndOffset(ins: Instruction, logicalOffset: number): number {
  return mapEnd(ins.segments, logicalOffset, ins.range.start);
}

function checkLineLengths(file: Dockerfile): void {
  const { text, lineIndex: li } = file;
  // No line can be too long when the whole text is short enough.
  if (text.length * 3 <= MAX_LINE_BYTES) return;
  const starts = li.lineStarts;
  for (let l = 0; l < starts.length; l++) {
    const s = starts[l]!;
    const e = l + 1 < starts.length ? starts[l + 1]! - 1 : text.length;
    // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
    if ((e - s) * 3 <= MAX_LINE_BYTES) continue;
    if (utf8Length(text, s, e) > MAX_LINE_BYTES) {
      file.diagnostics.push({
        code: 'syntax', severity: 'error',
        message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
        range: li.range(s, li.lineEnd(l + 1)),
      });
    }
  }
}

/** Diagnostics of severity error (what makes `dockhand parse` exit 1). */
export function syntaxErrors(file: Dockerfile): Diagnostic[] {
  return file.diagnostics.filter((d) => d.severity === 'error');
}
