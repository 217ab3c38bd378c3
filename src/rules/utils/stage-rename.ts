// Finds every place a stage name is written (its FROM, later FROMs, COPY --from, RUN --mount from=) for rename fixes.
import type { Fix, TextEdit } from '../../core/diagnostic.js';
import type { Dockerfile, Instruction, Stage } from '../../parser/ast.js';

/** Edits that rename `stage` (and every reference to it) to `newName`. */
export function renameStageFix(file: Dockerfile, stage: Stage, newName: string, title: string): Fix | undefined {
  if (!stage.name || stage.from.args.length !== 3) return undefined;
  const edits: TextEdit[] = [];
  const nameArg = stage.from.args[2]!;
  if (file.text.slice(nameArg.range.start, nameArg.range.end) !== nameArg.value) return undefined;
  edits.push({ range: nameArg.range, text: newName });
  for (const ins of referencingInstructions(file, stage)) edits.push(...referenceEdits(file, ins, stage.name, newName));
  edits.sort((a, b) => a.range.start - b.range.start);
  return { title, safety: 'safe', edits };
}

/** Instructions after the stage's FROM that may refer to it (until a later stage reuses the name). */
function referencingInstructions(file: Dockerfile, stage: Stage): Instruction[] {
  const out: Instruction[] = [];
  for (const later of file.stages.slice(stage.index + 1)) {
    out.push(later.from);
    if (later.name === stage.name) break; // a duplicate name shadows ours from here on
    for (const ins of later.instructions) out.push(ins, ...(ins.trigger ? [ins.trigger] : []));
  }
  for (const ins of stage.instructions) if (ins.trigger) out.push(ins.trigger);
  return out;
}

function referenceEdits(file: Dockerfile, ins: Instruction, name: string, newName: string): TextEdit[] {
  const edits: TextEdit[] = [];
  if (ins.keyword === 'FROM') {
    const base = ins.args[0];
    if (base && base.value.toLowerCase() === name && file.text.slice(base.range.start, base.range.end) === base.value) {
      edits.push({ range: base.range, text: newName });
    }
  }
  for (const flag of ins.flags) {
    if (!flag.valueRange || flag.value === null) continue;
    const raw = file.text.slice(flag.valueRange.start, flag.valueRange.end);
    if (flag.name === 'from' && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) {
      if (raw.toLowerCase() === name) edits.push({ range: flag.valueRange, text: newName });
    } else if (flag.name === 'mount') {
      // `type=bind,from=Build,source=/x`: rename only the from= field, leave the rest as written.
      const re = /(^|,)from=([^,]*)/gi;
      for (let m = re.exec(raw); m; m = re.exec(raw)) {
        if (m[2]!.toLowerCase() !== name) continue;
        const start = flag.valueRange.start + m.index + m[1]!.length + 5;
        edits.push({ range: file.lineIndex.range(start, start + m[2]!.length), text: newName });
      }
    }
  }
  return edits;
}
