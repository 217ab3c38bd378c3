// Lists the port specs of every EXPOSE in a stage (what BuildKit's dispatchExpose sees), with their ranges.
import type { SourceRange } from '../../core/range.js';
import type { Dockerfile } from '../../parser/ast.js';
import { envBefore } from './model.js';
import { expandWords } from './expansion.js';

/** One port spec of an EXPOSE instruction. */
export interface ExposedPort {
  /** The spec after variable expansion (what BuildKit checks). */
  spec: string;
  range: SourceRange;
  /** True when the spec is written literally in the source (no variables), so it can be edited in place. */
  literal: boolean;
}

/** Port specs of all EXPOSE instructions in stages, expanded with the stage's variables where they are used. */
export function exposePorts(file: Dockerfile): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const stage of file.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const arg of ins.args) {
        const literal = !arg.value.includes('$') && file.text.slice(arg.range.start, arg.range.end) === arg.value;
        if (literal) {
          out.push({ spec: arg.value, range: arg.range, literal });
          continue;
        }
        for (const spec of expandWords(file, arg.value, envBefore(file, ins))) out.push({ spec, range: arg.range, literal: false });
      }
    }
  }
  return out;
}
