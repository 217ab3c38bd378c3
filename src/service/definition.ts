// Go to definition: the stage a `--from=`, `from=` mount or `FROM <stage>` names; the ARG/ENV of a variable.
import type { Span } from '../core/range.js';
import { parentStage } from '../semantic/stage-graph.js';
import { innermostAt, parsed, spanOf, within } from './document.js';
import { boundDeclaration, declarationOf, earlierStage, mountFromAt, variableAt } from './lookup.js';

const spanOrNull = (d: Span | null): Span | null => (d ? { start: d.start, end: d.end } : null);

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
    return spanOrNull(boundDeclaration(text, offset, ins));
  }
  return null;
}
