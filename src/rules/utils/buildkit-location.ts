// Where a BuildKit check puts a finding. BuildKit reports the location of the whole instruction, and
// `docker build --check` names its first line.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile, Instruction } from '../../parser/ast.js';

/**
 * `range` (a word of `ins`) as a BuildKit check reports it: unchanged when it starts on the
 * instruction's first line; otherwise widened back to the instruction's start, so a word on a
 * continuation line is still reported on BuildKit's line and the range still ends at the word.
 */
export function onInstructionLine(file: Dockerfile, ins: Instruction, range: SourceRange): SourceRange {
  if (range.startLine === ins.range.startLine) return range;
  return file.lineIndex.range(ins.range.start, Math.max(range.end, ins.range.start));
}
