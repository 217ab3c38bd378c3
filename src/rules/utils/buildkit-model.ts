// One semantic model per parsed file, shared by the BuildKit-check and DH rules (built lazily, kept for the file being linted).
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { buildModel, type SemanticModel } from '../../semantic/index.js';
import { knownImageEnv } from './buildkit-image-env.js';

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

const EMPTY: ReadonlyMap<string, string> = new Map();

/** The variables BuildKit's lexer sees before `ins` (ENV values, ARG values, default PATH). */
export function envBefore(file: Dockerfile, ins: Instruction): ReadonlyMap<string, string> {
  return modelOf(file).scopeBefore(ins)?.env ?? EMPTY;
}

/** The image a stage chain starts from (`FROM x` through `FROM <stage>` links), or 'scratch'. */
export function rootImage(file: Dockerfile, stageIndex: number): { kind: 'image'; ref: string } | { kind: 'scratch' } | undefined {
  const model = modelOf(file);
  const seen = new Set<number>();
  let info = model.stages[stageIndex];
  while (info && !seen.has(info.index)) {
    seen.add(info.index);
    const base = info.base;
    if (base.kind === 'stage') info = model.stages[base.index];
    else return base.kind === 'image' ? { kind: 'image', ref: base.ref } : { kind: 'scratch' };
  }
  return undefined;
}

/**
 * The environment a stage's chain inherits from its base image, when dockhand knows it (scratch, or an
 * official image in the table); undefined for other images, whose ENV only a registry could tell.
 */
export function baseImageEnv(file: Dockerfile, stageIndex: number): ReadonlyMap<string, string> | undefined {
  const root = rootImage(file, stageIndex);
  if (!root) return undefined;
  return root.kind === 'scratch' ? new Map() : knownImageEnv(root.ref);
}
