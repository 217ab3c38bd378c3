// BuildKit's `Node.Dump()`: the s-expression format of the parser's `result` test files.
import type { Dockerfile, Instruction } from './ast.js';
import { goLower, goQuote, goTrimSpace } from './text.js';

/** The dump of one instruction, without the surrounding parentheses. */
export function dumpInstruction(ins: Instruction): string {
  let s = goLower(ins.keywordRaw);
  if (ins.flags.length > 0) s += ' [' + ins.flags.map((f) => goQuote(f.raw)).join(' ') + ']';
  if (ins.trigger) s += ' (' + dumpInstruction(ins.trigger) + ')';
  else for (const a of ins.args) s += ' ' + goQuote(a.value);
  return goTrimSpace(s);
}

/** BuildKit's AST dump of a whole file: one `(instruction ...)` per line, no trailing newline. */
export function dump(file: Dockerfile): string {
  let out = '';
  for (const ins of file.instructions) out += '(' + dumpInstruction(ins) + ')\n';
  return goTrimSpace(out);
}
