// What hovers and go-to-definition share: the stage a `--from=` names, the `$VARIABLE` under the
// cursor, and the ARG or ENV that declares a variable as seen from an instruction.
import type { Span } from '../core/range.js';
import type { Dockerfile, Instruction, Stage } from '../parser/ast.js';
import { stageRef } from '../semantic/stage-graph.js';
import { AUTOMATIC_ARG_NAMES, type StageInfo } from '../semantic/index.js';
import { instructionAt, modelOf, spanOf, within } from './document.js';
import { symbolTable } from './symbols.js';

/** The stage a `--from=` in `ins` names (by name or index), among the stages before its own. */
export function earlierStage(file: Dockerfile, ref: string, ins: Instruction): Stage | undefined {
  const i = stageRef(file, ref, ins.stageIndex < 0 ? 0 : ins.stageIndex);
  return i === null ? undefined : file.stages[i];
}

/** The `from=` value of a RUN --mount under the cursor. */
export function mountFromAt(ins: Instruction, offset: number): string | null {
  const flag = ins.flags.find((f) => f.name === 'mount' && within(offset, f.valueRange));
  if (!flag) return null;
  // Mount keys are case-insensitive in BuildKit; a value may be quoted.
  const m = /(?:^|,)\s*from=([^,]*)/i.exec(flag.value ?? '');
  return m ? m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2') : null;
}

/** One line describing a stage (hover text). */
export function stageText(stage: Stage): string {
  return `stage ${stage.nameRaw ? `**${stage.nameRaw}**` : `#${stage.index}`} (line ${stage.from.range.startLine}): \`FROM ${stage.base}\`, ${stage.instructions.length} instruction${stage.instructions.length === 1 ? '' : 's'}`;
}

/**
 * A `$NAME` or `${NAME…}` reference whose name holds `offset`, when BuildKit or the shell reads it
 * as one: the symbol table's references (bound or unresolved) decide, so hover and definition agree
 * with references and rename (`\$NAME` and `'$NAME'` in a script are no references).
 */
export function variableAt(text: string, offset: number): { name: string; span: Span } | null {
  const found = textualVariableAt(text, offset);
  if (!found) return null;
  const table = symbolTable(text);
  const hit = table.at(offset);
  if (hit?.symbol.kind === 'variable') return found;
  return table.unresolved.some((r) => r.start <= offset && offset <= r.end) ? found : null;
}

function textualVariableAt(text: string, offset: number): { name: string; span: Span } | null {
  let s = offset;
  let e = offset;
  while (s > 0 && /\w/.test(text[s - 1]!)) s--;
  while (e < text.length && /\w/.test(text[e]!)) e++;
  if (s === e || !/^[A-Za-z_]/.test(text[s]!)) return null;
  const dollar = text[s - 1] === '$' ? s - 1 : text[s - 1] === '{' && text[s - 2] === '$' ? s - 2 : -1;
  if (dollar < 0) return null;
  return { name: text.slice(s, e), span: { start: dollar, end: text[s - 1] === '{' && text[e] === '}' ? e + 1 : e } };
}

/** A declaration as hover text and the span of its name. */
export interface Declaration {
  markdown: string;
  span: Span;
}

/**
 * The declaration the `$NAME` at `offset` in `ins` takes its value from, as the symbol table binds
 * it: the last declaration of its symbol in an instruction before `ins` (an ARG or ENV reads the
 * values from before it, not its own), in the stage, the stages it is built on (ENV carries through
 * `FROM <stage>`) or the global scope (a global ARG taken by `ARG NAME`). Null when the name is no
 * declared variable there.
 */
export function boundDeclaration(text: string, offset: number, ins: Instruction): (Span & { stageIndex: number }) | null {
  const stageIndex = ins.stageIndex;
  const hit = symbolTable(text).at(offset);
  if (!hit || hit.symbol.kind !== 'variable') return null;
  const model = modelOf(text);
  const chain = new Set<number>([-1]);
  let s: StageInfo | undefined = model.stages[stageIndex];
  while (s && !chain.has(s.index)) {
    chain.add(s.index);
    s = s.base.kind === 'stage' ? model.stages[s.base.index] : undefined;
  }
  const stageOf = (o: number) => instructionAt(model.file, o)?.stageIndex ?? -1;
  let last: (Span & { stageIndex: number }) | null = null;
  for (const o of hit.symbol.occurrences) {
    if (!o.declaration || o.start >= ins.range.start) continue;
    const at = stageOf(o.start);
    if (chain.has(at)) last = { start: o.start, end: o.end, stageIndex: at };
  }
  return last;
}

/**
 * Hover text of the declaration at `decl` (an ENV key or an ARG word the symbol table records) of
 * `name`, read from stage `fromStage`: the instruction's text and line, and where it is when that is
 * not the reader's own stage (a stage this one is built on, or the global scope).
 */
export function declarationText(file: Dockerfile, decl: Span & { stageIndex: number }, name: string, fromStage: number): Declaration | null {
  const ins = instructionAt(file, decl.start);
  if (!ins) return null;
  let own: Declaration | null = null;
  if (ins.keyword === 'ENV') {
    const pair = ins.pairs.find((p) => p.keyRange.start === decl.start);
    if (pair) own = { markdown: `\`ENV ${pair.key}=${pair.value}\` (line ${ins.range.startLine})`, span: spanOf(pair.keyRange) };
  } else if (ins.keyword === 'ARG') {
    const arg = ins.args.find((a) => a.range.start === decl.start);
    if (arg?.value.includes('=')) own = { markdown: `\`ARG ${arg.value}\` (line ${ins.range.startLine})`, span: spanOf(arg.range) };
    else if (arg) {
      const stage = file.stages[decl.stageIndex];
      const global = stage ? declarationOf(file, stage.from, name) : null;
      const inherited = global ? `; its default comes from the global ${global.markdown}` : '';
      own = { markdown: `\`ARG ${name}\` (line ${ins.range.startLine}): set with \`--build-arg ${name}=…\`${inherited}`, span: spanOf(arg.range) };
    }
  }
  if (!own || decl.stageIndex === fromStage) return own;
  const stage = file.stages[decl.stageIndex];
  const where = stage
    ? `in stage ${stage.nameRaw ? `**${stage.nameRaw}**` : `#${stage.index}`} (line ${stage.from.range.startLine}), which this stage is built on`
    : 'a global ARG';
  return { ...own, markdown: `${own.markdown}, ${where}` };
}

/** Where a variable used in `ins` is declared: the nearest ARG/ENV before it in scope. */
export function declarationOf(file: Dockerfile, ins: Instruction, name: string): Declaration | null {
  const stage = ins.keyword === 'FROM' ? undefined : file.stages[ins.stageIndex];
  const scope: Instruction[] = stage ? stage.instructions.filter((i) => i.range.start < ins.range.start) : file.globalArgs.filter((i) => i.range.start < ins.range.start);
  for (let i = scope.length - 1; i >= 0; i--) {
    const d = scope[i]!;
    if (d.keyword === 'ENV') {
      const pair = [...d.pairs].reverse().find((p) => p.key === name);
      if (pair) return { markdown: `\`ENV ${pair.key}=${pair.value}\` (line ${d.range.startLine})`, span: spanOf(pair.keyRange) };
    }
    if (d.keyword === 'ARG') {
      const arg = [...d.args].reverse().find((a) => a.value === name || a.value.startsWith(`${name}=`));
      if (arg) {
        if (arg.value.includes('=')) return { markdown: `\`ARG ${arg.value}\` (line ${d.range.startLine})`, span: spanOf(arg.range) };
        const global = stage ? declarationOf(file, stage.from, name) : null;
        const inherited = global ? `; its default comes from the global ${global.markdown}` : '';
        return { markdown: `\`ARG ${name}\` (line ${d.range.startLine}): set with \`--build-arg ${name}=…\`${inherited}`, span: spanOf(arg.range) };
      }
    }
  }
  if (AUTOMATIC_ARG_NAMES.includes(name)) {
    const where = stage ? ` Inside a stage, declare \`ARG ${name}\` first to use it.` : '';
    return { markdown: `\`${name}\`: an automatic platform argument, set by the builder.${where}`, span: { start: 0, end: 0 } };
  }
  return null;
}
