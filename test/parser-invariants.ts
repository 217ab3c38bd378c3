// Structural invariants every parse result must satisfy, shared by the unit, corpus and property
// tests: ranges inside the text and consistent with the line index, segments that map `original`
// back to the exact source characters, and argsOffset/argsText agreement.
import type { SourceRange } from '../src/core/range.js';
import type { Dockerfile, Instruction } from '../src/parser/index.js';

/** Returns a list of violations (empty when the file is well-formed). */
export function invariantViolations(file: Dockerfile): string[] {
  const out: string[] = [];
  const { text, lineIndex: li } = file;
  const checkRange = (where: string, r: SourceRange | null | undefined): void => {
    if (!r) return;
    if (!(r.start >= 0 && r.start <= r.end && r.end <= text.length)) {
      out.push(`${where}: range ${r.start}-${r.end} outside 0-${text.length}`);
      return;
    }
    const s = li.position(r.start);
    const e = li.position(r.end);
    if (s.line !== r.startLine || s.column !== r.startColumn || e.line !== r.endLine || e.column !== r.endColumn) {
      out.push(`${where}: line/column disagree with offsets`);
    }
  };
  const checkInstruction = (ins: Instruction, where: string): void => {
    checkRange(`${where} range`, ins.range);
    checkRange(`${where} keywordRange`, ins.keywordRange);
    checkRange(`${where} argsRange`, ins.argsRange);
    ins.args.forEach((a, i) => checkRange(`${where} arg ${i}`, a.range));
    ins.flags.forEach((f, i) => {
      checkRange(`${where} flag ${i}`, f.range);
      checkRange(`${where} flag ${i} name`, f.nameRange);
      checkRange(`${where} flag ${i} value`, f.valueRange);
    });
    ins.pairs.forEach((p, i) => {
      checkRange(`${where} pair ${i}`, p.range);
      checkRange(`${where} pair ${i} key`, p.keyRange);
      checkRange(`${where} pair ${i} value`, p.valueRange);
    });
    ins.heredocs.forEach((h, i) => {
      checkRange(`${where} heredoc ${i} marker`, h.markerRange);
      checkRange(`${where} heredoc ${i} body`, h.bodyRange);
      checkRange(`${where} heredoc ${i} terminator`, h.terminatorRange);
      if (text.slice(h.bodyRange.start, h.bodyRange.end) !== h.content) out.push(`${where} heredoc ${i}: bodyRange does not hold the content`);
    });
    ins.comments.forEach((c, i) => checkRange(`${where} comment ${i}`, c.range));
    // Segments: contiguous cover of `original`, each copied verbatim from the text.
    let logical = 0;
    for (const s of ins.segments) {
      if (s.logicalStart !== logical) out.push(`${where}: segment gap at ${logical}`);
      if (s.length <= 0) out.push(`${where}: empty segment`);
      if (text.slice(s.sourceStart, s.sourceStart + s.length) !== ins.original.slice(s.logicalStart, s.logicalStart + s.length)) {
        out.push(`${where}: segment at ${s.logicalStart} does not copy the source`);
      }
      logical += s.length;
    }
    if (logical !== ins.original.length) out.push(`${where}: segments cover ${logical} of ${ins.original.length}`);
    if (ins.original.slice(ins.argsOffset, ins.argsOffset + ins.argsText.length) !== ins.argsText) {
      out.push(`${where}: argsOffset does not point at argsText`);
    }
    if (ins.trigger) checkInstruction(ins.trigger, `${where} trigger`);
  };
  file.instructions.forEach((ins, i) => checkInstruction(ins, `instruction ${i + 1}`));
  file.comments.forEach((c, i) => checkRange(`comment ${i}`, c.range));
  file.directives.forEach((d, i) => {
    checkRange(`directive ${i}`, d.range);
    checkRange(`directive ${i} name`, d.nameRange);
    checkRange(`directive ${i} value`, d.valueRange);
  });
  file.stages.forEach((s, i) => {
    checkRange(`stage ${i}`, s.range);
    checkRange(`stage ${i} base`, s.baseRange);
    checkRange(`stage ${i} name`, s.nameRange);
  });
  file.diagnostics.forEach((d, i) => checkRange(`diagnostic ${i} (${d.message})`, d.range));
  for (let i = 1; i < file.instructions.length; i++) {
    if (file.instructions[i]!.range.start < file.instructions[i - 1]!.range.end) out.push(`instructions ${i} and ${i + 1} overlap`);
  }
  return out;
}
