// The semantic model of the file being linted (built on first use, kept for that file only), and
// the variables BuildKit's lexer sees before an instruction.
import type { Dockerfile, Instruction, Stage } from '../../parser/ast.js';
import { buildFromLines, buildModel, type FromLine, type InstructionInfo, type SemanticModel } from '../../semantic/index.js';
import { fileScratch } from './lint-scratch.js';
import { instructionsOf } from './instructions.js';

/**
 * The semantic model of `file` (no build args: the linter judges the Dockerfile's defaults). Only
 * the last file's model is kept: the engine runs every rule over one file before the next, and a
 * WeakMap keyed by each (young) Dockerfile would keep its entries alive through scavenges.
 */
export function modelOf(file: Dockerfile): SemanticModel {
  if (file !== lastFile || !lastModel) {
    lastModel = buildModel(file);
    lastFile = file;
  }
  return lastModel;
}

let lastFile: Dockerfile | undefined;
let lastModel: SemanticModel | undefined;

/**
 * The display names of the stages of `file` built on stage `index`, each of which runs that stage's
 * ONBUILD triggers first (the base resolved as BuildKit does, with the ARG defaults).
 */
export function heirsOf(file: Dockerfile, index: number): string[] {
  return modelOf(file).stages.filter((s) => s.base.kind === 'stage' && s.base.index === index).map((s) => s.displayName);
}

/**
 * A stage's FROM line as the semantic model of `file` records it (its base and platform expanded
 * with the global ARGs): read from the model when it is built, else from the FROM lines alone
 * (buildFromLines), so that rules about FROM lines do not build the whole model.
 */
export function fromLineOf(file: Dockerfile, stage: Stage): FromLine {
  if (file === lastFile && lastModel) return lastModel.stages[stage.index]!;
  const memo = fileScratch(file);
  let lines = memo.get('model:from-lines') as FromLine[] | undefined;
  if (!lines) {
    lines = buildFromLines(file);
    memo.set('model:from-lines', lines);
  }
  return lines[stage.index]!;
}

const EMPTY: ReadonlyMap<string, string> = new Map();

/** The variables BuildKit's lexer sees before `ins` (ENV values, ARG values, default PATH). */
export function envBefore(file: Dockerfile, ins: Instruction): ReadonlyMap<string, string> {
  return modelOf(file).scopeBefore(ins)?.env ?? EMPTY;
}

/** An ONBUILD trigger BuildKit runs in a stage built FROM the stage that declares it. */
export interface InheritedTrigger {
  /** The stage that runs it (BuildKit reports its findings at this stage's FROM). */
  stage: Stage;
  /** The trigger as dispatched there: first in the stage, in the scope the stage starts with. */
  info: InstructionInfo;
}

const NO_TRIGGERS: readonly InheritedTrigger[] = [];

/**
 * The ONBUILD triggers BuildKit dispatches during a lint (dockerfile2llb's resolveStages): those of
 * each stage's parent stage, for the stages reachable from the last one (the default target; only
 * those get their triggers), each stage's in order. Empty, without building the model, for a file
 * with no ONBUILD.
 */
export function inheritedTriggers(file: Dockerfile): readonly InheritedTrigger[] {
  if (instructionsOf(file, 'ONBUILD').length === 0 || file.stages.length === 0) return NO_TRIGGERS;
  const memo = fileScratch(file);
  let found = memo.get('model:inherited-triggers') as InheritedTrigger[] | undefined;
  if (!found) {
    const model = modelOf(file);
    const reachable = reachableFromLast(model);
    found = [];
    for (const s of model.stages) {
      if (!reachable.has(s.index)) continue;
      for (const info of s.inheritedTriggers) found.push({ stage: s.stage, info });
    }
    memo.set('model:inherited-triggers', found);
  }
  return found;
}

/** Stages the last stage needs: its base chain and the stages copied or mounted from, transitively. */
function reachableFromLast(model: SemanticModel): Set<number> {
  const edges = new Map<number, number[]>();
  for (const d of model.dependencies) {
    if (d.target.kind !== 'stage') continue;
    const list = edges.get(d.stageIndex);
    if (list) list.push(d.target.index);
    else edges.set(d.stageIndex, [d.target.index]);
  }
  const last = model.stages.length - 1;
  const seen = new Set<number>([last]);
  const todo = [last];
  while (todo.length > 0) {
    for (const next of edges.get(todo.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}
