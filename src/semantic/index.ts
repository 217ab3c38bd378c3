// Public API of the semantic model: stages, scopes, expansions and dependencies shared by rules and the planner.
export { buildFromLines, buildModel, NON_ENV_ARGS, type FromLine } from './build-model.js';
export type {
  BaseRef, Dependency, Expansion, ExpansionRole, GlobalArg, InstructionInfo, ModelOptions, MountInfo, Platform,
  ResolvedRef, Scope, ScopedArg, SemanticModel, StageInfo,
} from './types.js';
export type { MountField, MountSharing, MountSpec, MountType } from './mount.js';
export { parseMount } from './mount.js';
export { parseCsvRecord } from './csv.js';
export { isShippedStage, parentStage, stageChain, stageGraph, stageNamed, stageRef, type StageGraph } from './stage-graph.js';
export { AUTOMATIC_ARG_NAMES, automaticArgs, defaultShell, formatPlatform } from './platform.js';
