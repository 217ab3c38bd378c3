// Go to definition: the stage a `--from=`, `from=` mount or `FROM <stage>` names; the ARG/ENV of a variable.
import type { Span } from '../core/range.js';
import { parentStage } from '../semantic/stage-graph.js';
import { innermostAt, instructionAt, modelOf, parsed, spanOf, within } from './document.js';
import { symbolTable } from './symbols.js';
import type { StageInfo } from '../semantic/index.js';
import { declarationOf, earlierStage, mountFromAt, variableAt } from './lookup.js';

/** Where the thing at `offset` is defined: a stage for `--from=`/`FROM <stage>`, an ARG/ENV for a variable. */
export function definition(text: string, offset: number): Span | null {
  const file = parsed(text);
  const ins = innermostAt(file, offset);
  if (!ins) return null;
  const from = ins.flags.find((f) => f.name === 'from' && within(offset, f.valueRange));
  const mountFrom = ins.keyword === 'RUN' ? mountFromAt(ins, offset) : null;
  const named = from?.value ?? mountFrom;
  if (named) {
    const stage = earlierStage(file, named, ins);
    if (stage) return spanOf(stage.nameRange ?? stage.from.keywordRange);
  }
  if (ins.keyword === 'FROM') {
    const stage = file.stages.find((s) => s.from === ins);
    if (stage && within(offset, stage.baseRange)) {
      const base = parentStage(file, stage);
      if (base) return spanOf(base.nameRange ?? base.from.keywordRange);
    }
  }
  const ref = variableAt(text, offset);
  if (ref) {
    const decl = declarationOf(file, ins, ref.name);
    if (decl && decl.span.end > decl.span.start) return decl.span;
    return inheritedDeclaration(text, offset, ins.stageIndex);
  }
  return null;
}

/**
 * A variable declared in a stage this one is based on (or a global ARG taken by `ARG NAME`): the
 * last declaration of its symbol before `offset` in the stage's chain of bases.
 */
function inheritedDeclaration(text: string, offset: number, stageIndex: number): Span | null {
  const hit = symbolTable(text).at(offset);
  if (!hit || hit.symbol.kind !== 'variable') return null;
  const model = modelOf(text);
  const chain = new Set<number>([-1]);
  let s: StageInfo | undefined = model.stages[stageIndex];
  while (s && !chain.has(s.index)) {
    chain.add(s.index);
    s = s.base.kind === 'stage' ? model.stages[s.base.index] : undefined;
  }
  const file = model.file;
  const stageOf = (o: number) => instructionAt(file, o)?.stageIndex ?? -1;
  const decls = hit.symbol.occurrences.filter((o) => o.declaration && o.start < offset && chain.has(stageOf(o.start)));
  const last = decls[decls.length - 1];
  return last ? { start: last.start, end: last.end } : null;
}
