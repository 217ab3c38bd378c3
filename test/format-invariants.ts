// What `dockhand format` must keep, shared by test/format.test.ts (the corpus) and
// test/format-oracle.test.ts (generated files): BuildKit's view of every instruction, the ONBUILD
// expressions, directives and comments; lint findings by rule and place; plan keys; the outline.
import { lintFile } from '../src/linter/index.js';
import type { Dockerfile, Instruction } from '../src/parser/index.js';
import { memoryContext } from '../src/planner/context.js';
import { plan, planOutline } from '../src/planner/plan.js';

/**
 * Rules about layout itself, whose findings may go but never come: format upper-cases keywords and
 * FROM's AS (the casing rules), and drops blank lines at the end of the file, which can be the
 * empty continuation lines of a last instruction (BuildKit skips them: the arguments stay the same).
 */
export const LAYOUT_RULES = new Set(['ConsistentInstructionCasing', 'DH007', 'FromAsCasing', 'NoEmptyContinuation']);

function instructionShape(ins: Instruction): unknown {
  return {
    keyword: ins.keyword,
    flags: ins.flags.map((f) => f.raw),
    // FROM's `AS` is upper-cased by format: BuildKit reads it case-blind.
    args: ins.args.map((a, i) => (ins.keyword === 'FROM' && i === 1 && ins.args.length === 3 && a.value.toLowerCase() === 'as' ? 'AS' : a.value)),
    argsText: ins.keyword === 'FROM' ? ins.argsText.replace(/\s+as\s+/i, ' AS ') : ins.argsText,
    json: ins.json,
    heredocs: ins.heredocs.map((h) => ({ name: h.name, fd: h.fileDescriptor, expand: h.expand, chomp: h.chomp, content: h.content, terminated: h.terminatorRange !== null })),
    prevComment: ins.prevComment,
    comments: ins.comments.map((c) => c.text),
    pairs: ins.pairs.map((p) => [p.key, p.sep, p.value]),
    stage: ins.stageIndex,
    trigger: ins.trigger ? instructionShape(ins.trigger) : null,
    // What BuildKit stores in the image's OnBuild list: the logical line as written, less `ONBUILD`.
    onbuild: ins.keyword === 'ONBUILD' ? ins.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '') : null,
  };
}

/** What BuildKit builds from a file, as far as layout could touch it. */
export function meaning(file: Dockerfile): unknown {
  return {
    escape: file.escapeChar,
    directives: file.directives.map((d) => [d.name, d.value]),
    comments: file.comments.map((c) => c.text),
    instructions: file.instructions.map(instructionShape),
    stages: file.stages.map((s) => [s.name, s.base, s.platform]),
    warnings: file.diagnostics.filter((d) => !LAYOUT_RULES.has(d.code)).map((d) => d.code),
  };
}

/** Where a finding sits: the instruction holding its start, or the gap after instruction k. */
function place(file: Dockerfile, offset: number): string {
  const list = file.instructions;
  let k = 0;
  while (k < list.length && list[k]!.range.start <= offset) k++;
  const ins = list[k - 1];
  return ins && offset <= ins.range.end ? `ins ${k - 1}` : `after ${k - 1}`;
}

/** The findings of every rule, by rule and place; layout rules only counted. */
export function findings(file: Dockerfile): { kept: string[]; layout: Map<string, number> } {
  const kept: string[] = [];
  const layout = new Map<string, number>();
  for (const d of lintFile(file, { config: { presets: ['strict'] } }).diagnostics) {
    if (LAYOUT_RULES.has(d.code)) layout.set(d.code, (layout.get(d.code) ?? 0) + 1);
    else kept.push(`${d.code} @ ${place(file, d.range.start)}`);
  }
  return { kept: kept.sort(), layout };
}

const FILES = { 'a.txt': 'a\n', 'dir/x.txt': 'x\n', 'b.txt': 'b\n', 'x.sh': 'echo\n' };
/** The plan's cache keys over a small in-memory context (or that planning fails). */
export function keys(file: Dockerfile): unknown {
  try {
    const p = plan(file, { context: memoryContext(FILES), buildArgs: { BASE: 'alpine:3.20' } });
    return p.stages.map((s) => s.steps.map((st) => st.cacheKey));
  } catch (err) {
    return `throws ${(err as Error).constructor.name}`;
  }
}
/** `--call=outline` (ARG and stage descriptions come from comments). */
export function outline(file: Dockerfile): unknown {
  try {
    // Line numbers move (blank lines collapse): each becomes the index of the instruction there.
    const index = (line: unknown) => {
      if (typeof line !== 'number') return line;
      const i = file.instructions.findIndex((ins) => ins.range.startLine <= line && line <= ins.range.endLine);
      return i < 0 ? `line ${line}` : i;
    };
    return JSON.parse(
      JSON.stringify(planOutline(file), (k, v) => (k === 'line' || k === 'endLine' ? index(v) : k === 'readBy' ? (v as unknown[]).map(index) : k === 'column' || k === 'endColumn' ? undefined : v)),
    );
  } catch (err) {
    return `throws ${(err as Error).constructor.name}`;
  }
}

/**
 * The file's sections: for each comment or instruction outside instructions, whether blank lines
 * come before it (format collapses a run of them to one, never removes the last one).
 */
export function sections(file: Dockerfile): boolean[] {
  const out: boolean[] = [];
  const starts = file.lineIndex.lineStarts;
  let ins = 0;
  let blank = false;
  for (let n = 0; n < starts.length; n++) {
    const start = starts[n]!;
    const end = n + 1 < starts.length ? starts[n + 1]! : file.text.length;
    while (ins < file.instructions.length && file.instructions[ins]!.range.end < start) ins++;
    const owner = file.instructions[ins];
    if (owner && owner.range.start < end && start <= owner.range.end) {
      if (owner.range.start >= start) {
        out.push(blank);
        blank = false;
      }
      continue;
    }
    if (file.text.slice(start, end).replace(/^\uFEFF/, '').trim() === '') blank = true;
    else {
      out.push(blank);
      blank = false;
    }
  }
  return out;
}
