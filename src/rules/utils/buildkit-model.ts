// One semantic model per parsed file, shared by the BuildKit-check and DH rules (built lazily, cached).
import type { Dockerfile, Instruction } from '../../parser/ast.js';
import { buildModel, type SemanticModel } from '../../semantic/index.js';
import { knownImageEnv } from './buildkit-image-env.js';

const cache = new WeakMap<Dockerfile, SemanticModel>();

/** The semantic model of `file` (no build args: the linter judges the Dockerfile's defaults). */
export function modelOf(file: Dockerfile): SemanticModel {
  // Rules ask once per instruction: the last file's model is at hand without a WeakMap lookup.
  if (file === lastFile && lastModel) return lastModel;
  let model = cache.get(file);
  if (!model) {
    model = buildModel(file);
    cache.set(file, model);
  }
  lastFile = file;
  lastModel = model;
  return model;
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
