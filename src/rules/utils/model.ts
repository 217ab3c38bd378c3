// The semantic model of the file being linted (built on first use, kept for that file only), and
// the variables BuildKit's lexer sees before an instruction.
import type { Dockerfile, Instruction, Stage } from '../../parser/ast.js';
import { buildFromLines, buildModel, type FromLine, type SemanticModel } from '../../semantic/index.js';
import { fileScratch } from './lint-scratch.js';

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
