// The file's instructions grouped by keyword, once per file: a rule about one kind of instruction
// (COPY, USER, EXPOSE...) reads that kind's list instead of walking every instruction itself, so a
// file is walked once for all of them rather than once per rule (kept in the file's scratch).
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { fileScratch } from './lint-scratch.js';

/** Top-level instructions by keyword, and the same with ONBUILD triggers among them. */
interface ByKeyword {
  tops: Map<string, Instruction[]>;
  /** Equal to `tops` when the file has no ONBUILD trigger. */
  withTriggers: Map<string, Instruction[]>;
}

const NONE: readonly Instruction[] = [];

function byKeyword(file: Dockerfile): ByKeyword {
  const memo = fileScratch(file);
  let found = memo.get('instructions:by-keyword') as ByKeyword | undefined;
  if (!found) {
    found = group(file);
    memo.set('instructions:by-keyword', found);
  }
  return found;
}

function group(file: Dockerfile): ByKeyword {
  const tops = new Map<string, Instruction[]>();
  let withTriggers: Map<string, Instruction[]> | undefined;
  const list = file.instructions;
  for (let i = 0; i < list.length; i++) {
    const ins = list[i]!;
    add(tops, ins.keyword, ins);
    if (ins.trigger) {
      // The first trigger: from here on the lists differ; copy what was gathered so far.
      if (!withTriggers) {
        withTriggers = new Map();
        for (let j = 0; j < i; j++) add(withTriggers, list[j]!.keyword, list[j]!);
      }
      add(withTriggers, ins.keyword, ins);
      add(withTriggers, ins.trigger.keyword, ins.trigger);
    } else if (withTriggers) add(withTriggers, ins.keyword, ins);
  }
  return { tops, withTriggers: withTriggers ?? tops };
}

function add(map: Map<string, Instruction[]>, keyword: string, ins: Instruction): void {
  const list = map.get(keyword);
  if (list) list.push(ins);
  else map.set(keyword, [ins]);
}

/**
 * The file's top-level instructions with this (upper-case) keyword, in file order: what
 * `file.instructions.filter((i) => i.keyword === keyword)` holds. Shared: callers never modify it.
 */
export function instructionsOf(file: Dockerfile, keyword: string): readonly Instruction[] {
  return byKeyword(file).tops.get(keyword) ?? NONE;
}

/**
 * {@link instructionsOf}, with each ONBUILD trigger of that keyword (the trigger, not its ONBUILD)
 * at its ONBUILD's place: the instructions a rule sees when it applies to triggers too. With
 * keyword `ONBUILD`, the ONBUILD instructions themselves. Shared: callers never modify it.
 */
export function instructionsWithTriggers(file: Dockerfile, keyword: string): readonly Instruction[] {
  return byKeyword(file).withTriggers.get(keyword) ?? NONE;
}
